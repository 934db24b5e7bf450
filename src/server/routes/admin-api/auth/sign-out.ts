/** POST /auth/sign-out: ends the current session and clears the cookie. */
import type { FastifyInstance } from 'fastify';
import type { Core } from '../../../../core/create-core.ts';
import { signOut } from '../../../../core/users/sign-out.ts';
import { usersDepsOf } from '../../../../core/users/user.ts';
import { clearSessionCookie } from '../../../plugins/auth.ts';
import { adminRoute } from '../route.ts';
import { ownerOf } from './session-support.ts';

/** Registers the sign-out route (answers 204 also without a session: there is nothing to end). */
export function registerSignOutRoute(app: FastifyInstance, core: Core): void {
  adminRoute(
    app,
    { method: 'POST', url: '/auth/sign-out', summary: 'Đăng xuất: kết thúc phiên hiện tại', tag: 'auth', auth: 'none', successStatus: 204 },
    async ({ request, reply, address }) => {
      if (request.authSession) await signOut(usersDepsOf(core), ownerOf(request.authSession), { address });
      clearSessionCookie(reply, core);
      return undefined;
    },
  );
}
