/**
 * The admin JSON API under `/api/admin/v1` (route.ts), described by OpenAPI at `/api/docs`
 * (openapi.ts). One folder per resource, one file per action; each registers its routes here.
 */
import type { FastifyInstance } from 'fastify';
import type { Core } from '../../../core/create-core.ts';
import { registerOpenApiRoute } from './openapi.ts';

/** Registers every admin API route and the OpenAPI description. */
export async function registerAdminApi(app: FastifyInstance, core: Core): Promise<void> {
  // Resource registrations (one line each) follow.
  registerOpenApiRoute(app);
  void core;
}
