/**
 * The auth resource of the admin API: sign-in and sign-out, `me`, TOTP enrolment, changing
 * one's password, one's own sessions. One file per action.
 */
import type { FastifyInstance } from 'fastify';
import type { Core } from '../../../../core/create-core.ts';
import { registerMeRoute } from './me.ts';
import { registerPasswordRoute } from './password.ts';
import { registerSessionRoutes } from './sessions.ts';
import { registerSignInRoute } from './sign-in.ts';
import { registerSignOutRoute } from './sign-out.ts';
import { registerTotpRoutes } from './totp.ts';

/** Registers every `/auth/…` route. */
export function registerAuthRoutes(app: FastifyInstance, core: Core): void {
  registerSignInRoute(app, core);
  registerSignOutRoute(app, core);
  registerMeRoute(app);
  registerTotpRoutes(app, core);
  registerPasswordRoute(app, core);
  registerSessionRoutes(app, core);
}
