/** POST /users: add a person (with a first role); a generated password is answered once. */
import type { FastifyInstance } from 'fastify';
import type { Core } from '../../../../core/create-core.ts';
import { addUser } from '../../../../core/users/add-user.ts';
import { addUserSchema } from '../../../../core/users/user.schema.ts';
import { presentPerson } from '../../../../core/users/user.presenter.ts';
import { usersDepsOf } from '../../../../core/users/user.ts';
import { adminRoute } from '../route.ts';

/** Registers the add-person route. */
export function registerAddUserRoute(app: FastifyInstance, core: Core): void {
  adminRoute(
    app,
    {
      method: 'POST',
      url: '/users',
      summary: 'Thêm người dùng (kèm vai trò đầu tiên trên một trang); nếu không nhập mật khẩu, mật khẩu tạo ngẫu nhiên chỉ hiện một lần',
      tag: 'users',
      body: addUserSchema,
      successStatus: 201,
      errorStatuses: [404],
    },
    async ({ actor, body, address }) => {
      const result = await addUser(usersDepsOf(core), actor, body, { address });
      return {
        user: presentPerson(actor, result.user, result.grants),
        generatedPassword: result.generatedPassword,
        totpEnrolmentRequired: result.totpEnrolmentRequired,
      };
    },
  );
}
