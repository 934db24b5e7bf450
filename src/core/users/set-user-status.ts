/**
 * Commands: disable a person's account (they cannot sign in, and every session of theirs
 * ends at once) and enable it again. Nobody disables themselves, and the last active network
 * admin cannot be disabled.
 */
import { appendAudit } from '../audit/audit.ts';
import { ConflictError, NotFoundError, ValidationError } from '../errors.ts';
import type { Actor } from '../policy/actor.ts';
import { authorizeManagePerson } from './user.policy.ts';
import { countActiveNetworkAdmins, findUserRecordById, listUserGrants, revokeUserSessions, updateUserStatus } from './user.repository.ts';
import type { RequestContext, User, UserStatus, UsersDeps } from './user.ts';

/**
 * Sets a person's account `active` or `disabled`. Setting the status it already has changes
 * nothing and appends nothing.
 * @returns the person as they are now.
 * @throws NotFoundError / ForbiddenError as user.policy.ts decides.
 * @throws ValidationError when a person tries to disable their own account.
 * @throws ConflictError when it would disable the last active network admin.
 */
export async function setUserStatus(deps: UsersDeps, actor: Actor, userId: number, status: UserStatus, context: RequestContext = {}): Promise<User> {
  const now = deps.clock();
  return deps.db.transaction().execute(async (trx) => {
    const record = await findUserRecordById(trx, userId);
    if (!record) throw new NotFoundError(`người dùng ${userId}`);
    const grants = await listUserGrants(trx, userId);
    authorizeManagePerson(actor, grants, `người dùng ${userId}`);
    const { passwordHash: _hash, totpSecret: _secret, ...user } = record;
    if (record.status === status) return user;
    let sessionsRevoked = 0;
    if (status === 'disabled') {
      if (actor.kind === 'member' && actor.userId === userId) throw new ValidationError([{ path: 'id', message: 'Không thể tự khoá tài khoản của chính mình' }]);
      if (grants.some((g) => g.role === 'network_admin') && (await countActiveNetworkAdmins(trx)) <= 1) {
        throw new ConflictError('Không thể khoá người quản trị hệ thống cuối cùng.');
      }
      sessionsRevoked = await revokeUserSessions(trx, userId, now);
    }
    await updateUserStatus(trx, userId, status, now);
    await appendAudit(trx, {
      actor,
      action: status === 'disabled' ? 'user.disable' : 'user.enable',
      subjectType: 'user',
      subjectId: userId,
      details: status === 'disabled' ? { sessionsRevoked } : {},
      address: context.address ?? null,
      at: now,
    });
    return { ...user, status, updatedAt: now.toISOString() };
  });
}
