/** POST /auth/password: change one's own password (needs the current one). */
import type { FastifyInstance } from 'fastify';
import type { Core } from '../../../../core/create-core.ts';
import { changePassword } from '../../../../core/users/change-password.ts';
import { changePasswordSchema } from '../../../../core/users/user.schema.ts';
import { presentSelf } from '../../../../core/users/user.presenter.ts';
import { usersDepsOf } from '../../../../core/users/user.ts';
import { adminRoute } from '../route.ts';
import { ownerOf, sessionOf } from './session-support.ts';

/** Registers the change-password route. */
export function registerPasswordRoute(app: FastifyInstance, core: Core): void {
  adminRoute(
    app,
    {
      method: 'POST',
      url: '/auth/password',
      summary: 'Đổi mật khẩu của mình (cần mật khẩu hiện tại); các phiên khác của mình bị kết thúc',
      tag: 'auth',
      body: changePasswordSchema,
      errorStatuses: [429],
      // Open to every stage: a person whose password was set by someone else changes it first.
      auth: 'none',
    },
    async ({ request, body, address }) => {
      const auth = sessionOf(request);
      const result = await changePassword(usersDepsOf(core), ownerOf(auth), body, { address });
      return { ...presentSelf({ ...auth.user, mustChangePassword: false }, auth.grants, auth.stage, auth.session.csrfToken), sessionsRevoked: result.sessionsRevoked };
    },
  );
}
