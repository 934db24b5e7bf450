/**
 * The admin JSON API under `/api/admin/v1` (route.ts), described by OpenAPI at `/api/docs`
 * (openapi.ts). One folder per resource, one file per action; each registers its routes here.
 */
import type { FastifyInstance } from 'fastify';
import type { Core } from '../../../core/create-core.ts';
import { registerOpenApiRoute } from './openapi.ts';
import { registerCategoryAdminRoutes } from './category-admin/index.ts';
import { registerMediaRoutes as registerMediaLibraryRoutes } from './media/index.ts';
import { registerMenuRoutes } from './menus/index.ts';
import { registerAuthRoutes } from './auth/index.ts';
import { registerUserRoutes } from './users/index.ts';
import { registerTokenRoutes } from './tokens/index.ts';
import { registerArticleRoutes } from './articles/index.ts';
import { registerSiteRoutes } from './sites/index.ts';
import { registerRevisionRoutes } from './revisions/index.ts';
import { registerCommentRoutes } from './comments/index.ts';
import { registerAuditRoutes } from './audit/index.ts';
import { registerSyndicationRoutes } from './syndication/index.ts';
import { registerNetworkRoutes } from './network/index.ts';
import { registerSiteLifecycleRoutes } from './site-lifecycle/index.ts';
import { registerPreviewRoutes } from './previews/index.ts';
import { registerDashboardRoutes } from './dashboard/index.ts';
import { registerRapidResponseRoutes } from './rapid-response/index.ts';

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
  registerSyndicationRoutes(app, core);
  registerNetworkRoutes(app, core);
  registerSiteLifecycleRoutes(app, core);
  registerPreviewRoutes(app, core);
  registerDashboardRoutes(app, core);
  registerCategoryAdminRoutes(app, core);
  registerMediaLibraryRoutes(app, core);
  registerMenuRoutes(app, core);
  registerRapidResponseRoutes(app, core);
  registerOpenApiRoute(app);
  void core;
}
