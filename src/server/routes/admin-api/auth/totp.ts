/**
 * POST /auth/totp/setup and POST /auth/totp/confirm: setting up the second factor for oneself.
 * Open to sessions of stage `totp_enrolment` (that is what it is for).
 */
import type { FastifyInstance } from 'fastify';
import type { Core } from '../../../../core/create-core.ts';
import { confirmTotpEnrolment, startTotpEnrolment } from '../../../../core/users/enrol-totp.ts';
import { confirmTotpSchema } from '../../../../core/users/user.schema.ts';
import { presentSelf } from '../../../../core/users/user.presenter.ts';
import { usersDepsOf } from '../../../../core/users/user.ts';
import { adminRoute } from '../route.ts';
import { ownerOf, sessionOf } from './session-support.ts';

/** Registers the TOTP enrolment routes. */
export function registerTotpRoutes(app: FastifyInstance, core: Core): void {
  adminRoute(
    app,
    {
      method: 'POST',
      url: '/auth/totp/setup',
      summary: 'Bắt đầu thiết lập xác thực hai lớp: trả về khoá bí mật và URI otpauth (mã QR) — chỉ hiện một lần',
      tag: 'auth',
      auth: 'none',
      errorStatuses: [401, 409],
    },
    async ({ request, address }) => startTotpEnrolment(usersDepsOf(core), ownerOf(sessionOf(request)), { address }),
  );
  adminRoute(
    app,
    {
      method: 'POST',
      url: '/auth/totp/confirm',
      summary: 'Xác nhận thiết lập xác thực hai lớp bằng mã 6 chữ số đầu tiên; phiên trở thành đầy đủ',
      tag: 'auth',
      body: confirmTotpSchema,
      auth: 'none',
      errorStatuses: [401, 409, 429],
    },
    async ({ request, body, address }) => {
      const auth = sessionOf(request);
      const user = await confirmTotpEnrolment(usersDepsOf(core), ownerOf(auth), body, { address });
      return presentSelf(user, auth.grants, 'full', auth.session.csrfToken);
    },
  );
}
