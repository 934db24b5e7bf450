/** GET /auth/me: who is signed in, their roles, the session's stage and its CSRF token. */
import type { FastifyInstance } from 'fastify';
import { presentSelf } from '../../../../core/users/user.presenter.ts';
import { adminRoute } from '../route.ts';
import { sessionOf } from './session-support.ts';

/** Registers the `me` route (open to sessions still enrolling TOTP). */
export function registerMeRoute(app: FastifyInstance): void {
  adminRoute(
    app,
    { method: 'GET', url: '/auth/me', summary: 'Người đang đăng nhập: thông tin, vai trò, giai đoạn phiên và mã CSRF', tag: 'auth', auth: 'none', errorStatuses: [401] },
    async ({ request }) => {
      const auth = sessionOf(request);
      return presentSelf(auth.user, auth.grants, auth.stage, auth.session.csrfToken);
    },
  );
}
