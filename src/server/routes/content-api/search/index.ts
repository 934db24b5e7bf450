/** Content API: search — results with highlighted snippets, and suggestions for a search box (one file per endpoint). */
import type { FastifyInstance } from 'fastify';
import type { Core } from '../../../../core/create-core.ts';
import { registerSearchArticlesRoute } from './search-articles.ts';
import { registerSuggestRoute } from './suggest.ts';

/** Registers the search endpoints. */
export function registerContentSearchRoutes(app: FastifyInstance, core: Core): void {
  registerSearchArticlesRoute(app, core);
  registerSuggestRoute(app, core);
}
