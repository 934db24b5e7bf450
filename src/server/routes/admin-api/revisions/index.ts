/** The revision endpoints of the admin API (issue "Newsroom core", item 5). */
import type { FastifyInstance } from 'fastify';
import type { Core } from '../../../../core/create-core.ts';
import { registerCompareRevisionsRoute } from './compare-revisions.ts';
import { registerGetRevisionRoute } from './get-revision.ts';
import { registerListRevisionsRoute } from './list-revisions.ts';

/** Registers GET …/articles/:id/revisions, …/revisions/compare and …/revisions/:revision. */
export function registerRevisionRoutes(app: FastifyInstance, core: Core): void {
  registerListRevisionsRoute(app, core);
  registerCompareRevisionsRoute(app, core);
  registerGetRevisionRoute(app, core);
}
