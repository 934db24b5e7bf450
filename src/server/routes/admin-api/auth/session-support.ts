/**
 * Helpers of the auth routes: the session a request came with, and the JSON-only rule of
 * sign-in.
 */
import type { FastifyRequest } from 'fastify';
import { UnauthenticatedError, ValidationError } from '../../../../core/errors.ts';
import type { SessionAuthentication } from '../../../../core/users/authenticate.ts';
import type { SessionOwner } from '../../../../core/users/user.ts';

/**
 * The request's live session, in any stage (also `totp_enrolment`).
 * @throws UnauthenticatedError when there is none.
 */
export function sessionOf(request: FastifyRequest): SessionAuthentication {
  if (!request.authSession) throw new UnauthenticatedError('Cần đăng nhập (phiên đăng nhập không còn hiệu lực)');
  return request.authSession;
}

/**
 * The request's session when it is a full one (signed in, second factor set up when required).
 * @throws UnauthenticatedError without a full session (a bearer token is not a person).
 */
export function fullSessionOf(request: FastifyRequest): SessionAuthentication {
  const auth = sessionOf(request);
  if (auth.stage !== 'full') throw new UnauthenticatedError(STAGE_MESSAGES[auth.stage]);
  return auth;
}

/** Why a signed-in person may not do this yet, by session stage. */
export const STAGE_MESSAGES: Record<'totp_enrolment' | 'password_change', string> = {
  totp_enrolment: 'Bạn đã đăng nhập nhưng cần thiết lập xác thực hai lớp (TOTP) trước khi dùng chức năng này: POST /api/admin/v1/auth/totp/setup rồi /auth/totp/confirm.',
  password_change: 'Bạn đã đăng nhập bằng mật khẩu do người khác đặt; hãy đổi mật khẩu trước khi dùng chức năng này: POST /api/admin/v1/auth/password.',
};

/** The owner reference the session commands take. */
export function ownerOf(auth: SessionAuthentication): SessionOwner {
  return { userId: auth.user.id, sessionId: auth.session.id };
}

/**
 * Refuses a body that is not JSON. A cross-site HTML form can only send
 * `application/x-www-form-urlencoded`, `multipart/form-data` or `text/plain`, so requiring JSON
 * keeps other sites from signing a browser in (login CSRF; OWASP CSRF Prevention Cheat Sheet).
 * @throws ValidationError naming `content-type`.
 */
export function requireJson(request: FastifyRequest): void {
  const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') {
    throw new ValidationError([{ path: 'content-type', message: 'Yêu cầu đăng nhập phải gửi dữ liệu JSON (Content-Type: application/json)' }]);
  }
}
