/**
 * POST /users/:id/reset-password, /disable, /enable, /reset-totp, /revoke-sessions: what an
 * administrator does to a person's account.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Core } from '../../../../core/create-core.ts';
import type { Actor } from '../../../../core/policy/actor.ts';
import { resetTotp } from '../../../../core/users/reset-totp.ts';
import { getPerson } from '../../../../core/users/list-users.ts';
import { resetPassword } from '../../../../core/users/reset-password.ts';
import { setUserStatus } from '../../../../core/users/set-user-status.ts';
import { revokeUserSessionsAsAdmin } from '../../../../core/users/revoke-sessions.ts';
import { usersDepsOf } from '../../../../core/users/user.ts';
import { adminRoute, idParams } from '../route.ts';

const resetBody = z.object({ password: z.string({ error: 'Phải là chuỗi ký tự' }).optional() });

/** Registers the account-management routes. */
export function registerManageUserRoutes(app: FastifyInstance, core: Core): void {
  const deps = () => usersDepsOf(core);
  const person = (actor: Actor, id: number) => getPerson(deps(), actor, id);

  adminRoute(
    app,
    {
      method: 'POST',
      url: '/users/:id/reset-password',
      summary: 'Đặt lại mật khẩu (nhập hoặc tạo ngẫu nhiên, chỉ hiện một lần); người đó phải đổi khi đăng nhập, mọi phiên của họ kết thúc',
      tag: 'users',
      params: idParams,
      body: resetBody,
      errorStatuses: [404],
    },
    async ({ actor, params, body, address }) => {
      const result = await resetPassword(deps(), actor, params.id, body, { address });
      return { user: await person(actor, params.id), generatedPassword: result.generatedPassword, sessionsRevoked: result.sessionsRevoked };
    },
  );
  for (const [action, status, summary] of [
    ['disable', 'disabled', 'Khoá tài khoản: không đăng nhập được nữa, mọi phiên kết thúc ngay'],
    ['enable', 'active', 'Mở lại tài khoản đã khoá'],
  ] as const) {
    adminRoute(app, { method: 'POST', url: `/users/:id/${action}`, summary, tag: 'users', params: idParams, errorStatuses: [404, 409] }, async ({ actor, params, address }) => {
      await setUserStatus(deps(), actor, params.id, status, { address });
      return person(actor, params.id);
    });
  }
  adminRoute(
    app,
    {
      method: 'POST',
      url: '/users/:id/reset-totp',
      summary: 'Xoá xác thực hai lớp của người dùng (mất điện thoại); mọi phiên của họ kết thúc',
      tag: 'users',
      params: idParams,
      errorStatuses: [404],
    },
    async ({ actor, params, address }) => {
      await resetTotp(deps(), actor, params.id, { address });
      return person(actor, params.id);
    },
  );
  adminRoute(
    app,
    { method: 'POST', url: '/users/:id/revoke-sessions', summary: 'Kết thúc mọi phiên đăng nhập của người dùng', tag: 'users', params: idParams, errorStatuses: [404] },
    async ({ actor, params, address }) => ({ revoked: await revokeUserSessionsAsAdmin(deps(), actor, params.id, { address }) }),
  );
}
