/**
 * Command: take a role away from a person. A site admin takes roles on their own site; only a
 * network admin takes `network_admin`, and the last active network admin cannot lose it
 * (nobody could manage the network any more).
 */
import { appendAudit } from '../audit/audit.ts';
import { ConflictError, NotFoundError } from '../errors.ts';
import type { Actor } from '../policy/actor.ts';
import { personOf, type RolesResult } from './role-change.ts';
import { authorizeRoleChange } from './user.policy.ts';
import { countActiveNetworkAdmins, deleteMembership, findUserRecordById, hasMembership, listUserGrants } from './user.repository.ts';
import { grantRoleSchema, parseUserInput } from './user.schema.ts';
import type { RequestContext, UsersDeps } from './user.ts';

/**
 * Takes a role away.
 * @param input `{ siteId (null for network_admin), role }`.
 * @throws NotFoundError when the person does not hold that role there (or does not exist).
 * @throws ConflictError when it is the last active network admin's `network_admin`.
 * @throws ValidationError / ForbiddenError as {@link grantRole}.
 */
export async function revokeRole(deps: UsersDeps, actor: Actor, userId: number, input: unknown, context: RequestContext = {}): Promise<RolesResult> {
  const { siteId, role } = parseUserInput(grantRoleSchema, input);
  authorizeRoleChange(actor, siteId, role);
  const now = deps.clock();
  await deps.db.transaction().execute(async (trx) => {
    if (!(await findUserRecordById(trx, userId))) throw new NotFoundError(`người dùng ${userId}`);
    if (!(await hasMembership(trx, userId, siteId, role))) throw new NotFoundError(`vai trò ${role} của người dùng ${userId}${siteId === null ? '' : ` trên trang ${siteId}`}`);
    if (role === 'network_admin' && (await countActiveNetworkAdmins(trx)) <= 1) {
      const target = await findUserRecordById(trx, userId);
      if (target?.status === 'active') throw new ConflictError('Không thể bỏ vai trò quản trị hệ thống của người quản trị hệ thống cuối cùng; hãy trao vai trò này cho người khác trước.');
    }
    await deleteMembership(trx, userId, siteId, role);
    await appendAudit(trx, { actor, action: 'user.role.revoke', siteId, subjectType: 'user', subjectId: userId, details: { role, siteId }, address: context.address ?? null, at: now });
  });
  return { user: await personOf(deps, userId), grants: await listUserGrants(deps.db, userId), changed: true };
}
