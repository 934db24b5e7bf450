/** POST /auth/sign-in: e-mail, password (and TOTP code) → session cookie and the `me` answer. */
import type { FastifyInstance } from 'fastify';
import type { Core } from '../../../../core/create-core.ts';
import { signIn } from '../../../../core/users/sign-in.ts';
import { signInSchema } from '../../../../core/users/user.schema.ts';
import { presentSelf } from '../../../../core/users/user.presenter.ts';
import { usersDepsOf } from '../../../../core/users/user.ts';
import { setSessionCookie } from '../../../plugins/auth.ts';
import { adminRoute } from '../route.ts';
import { requireJson } from './session-support.ts';

/** Registers the sign-in route. */
export function registerSignInRoute(app: FastifyInstance, core: Core): void {
  adminRoute(
    app,
    {
      method: 'POST',
      url: '/auth/sign-in',
      summary: 'Đăng nhập bằng e-mail, mật khẩu và (nếu đã bật) mã xác thực hai lớp; đặt cookie phiên `cong_session`',
      tag: 'auth',
      body: signInSchema,
      auth: 'none',
      errorStatuses: [401, 403, 429],
    },
    async ({ request, reply, body, address }) => {
      requireJson(request);
      const result = await signIn(usersDepsOf(core), body, { address, userAgent: request.headers['user-agent'] ?? null });
      setSessionCookie(reply, core, result.token, new Date(result.session.expiresAt));
      return presentSelf(result.user, result.grants, result.stage, result.session.csrfToken);
    },
  );
}
