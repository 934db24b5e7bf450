/**
 * GET /auth/sessions, DELETE /auth/sessions/:id, DELETE /auth/sessions: one's own sessions —
 * where am I signed in, end one, end all the others.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Core } from '../../../../core/create-core.ts';
import { listOwnSessions, revokeOtherOwnSessions, revokeOwnSession } from '../../../../core/users/revoke-sessions.ts';
import { usersDepsOf } from '../../../../core/users/user.ts';
import { clearSessionCookie } from '../../../plugins/auth.ts';
import { adminRoute } from '../route.ts';
import { fullSessionOf, ownerOf } from './session-support.ts';

const sessionParams = z.object({ id: z.string().regex(/^[0-9a-f]{64}$/, 'Mã phiên gồm 64 ký tự hex') });

/** Registers the own-sessions routes. */
export function registerSessionRoutes(app: FastifyInstance, core: Core): void {
  adminRoute(app, { method: 'GET', url: '/auth/sessions', summary: 'Các phiên đăng nhập còn hiệu lực của mình', tag: 'auth' }, async ({ request }) => ({
    items: await listOwnSessions(usersDepsOf(core), ownerOf(fullSessionOf(request))),
  }));
  adminRoute(
    app,
    { method: 'DELETE', url: '/auth/sessions/:id', summary: 'Kết thúc một phiên đăng nhập của mình', tag: 'auth', params: sessionParams, successStatus: 204, errorStatuses: [404] },
    async ({ request, reply, params, address }) => {
      const auth = fullSessionOf(request);
      await revokeOwnSession(usersDepsOf(core), ownerOf(auth), params.id, { address });
      if (params.id === auth.session.id) clearSessionCookie(reply, core);
      return undefined;
    },
  );
  adminRoute(
    app,
    { method: 'DELETE', url: '/auth/sessions', summary: 'Kết thúc mọi phiên đăng nhập khác của mình (giữ phiên hiện tại)', tag: 'auth' },
    async ({ request, address }) => ({ revoked: await revokeOtherOwnSessions(usersDepsOf(core), ownerOf(fullSessionOf(request)), { address }) }),
  );
}
