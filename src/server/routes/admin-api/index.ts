/**
 * The admin JSON API under `/api/admin/v1` (route.ts), described by OpenAPI at `/api/docs`
 * (openapi.ts). One folder per resource, one file per action; each registers its routes here.
 */
import type { FastifyInstance } from 'fastify';
import type { Core } from '../../../core/create-core.ts';
import { registerOpenApiRoute } from './openapi.ts';
import { registerAuthRoutes } from './auth/index.ts';
import { registerUserRoutes } from './users/index.ts';
import { registerTokenRoutes } from './tokens/index.ts';
import { registerArticleRoutes } from './articles/index.ts';
import { registerSiteRoutes } from './sites/index.ts';
import { registerRevisionRoutes } from './revisions/index.ts';
import { registerCommentRoutes } from './comments/index.ts';
import { registerAuditRoutes } from './audit/index.ts';

/** Registers every admin API route and the OpenAPI description. */
export async function registerAdminApi(app: FastifyInstance, core: Core): Promise<void> {
  // Resource registrations (one line each) follow.
  registerAuthRoutes(app, core);
  registerUserRoutes(app, core);
  registerTokenRoutes(app, core);
  registerArticleRoutes(app, core);
  registerSiteRoutes(app, core);
  registerRevisionRoutes(app, core);
  registerCommentRoutes(app, core);
  registerAuditRoutes(app, core);
  registerOpenApiRoute(app);
  void core;
}
