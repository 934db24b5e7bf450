/**
 * The public content API under `/api/content/v1`: read-only, no authentication, only what the
 * public may see (through the one visibility rule, core/articles/visibility.ts). Endpoints are
 * declared with `adminRoute(app, { prefix: CONTENT_API_PREFIX, auth: 'none', … })` so they
 * are validated and described in the same OpenAPI document (`/api/docs`).
 */
import type { FastifyInstance } from 'fastify';
import type { Core } from '../../../core/create-core.ts';

/** The base path of the public content API. */
export const CONTENT_API_PREFIX = '/api/content/v1';

/** Registers every content API route (one line per resource folder). */
export async function registerContentApi(app: FastifyInstance, core: Core): Promise<void> {
  // Resource registrations (one line each) follow.
  void core;
  void app;
}
