/**
 * Command: an administrator (or the operator at the console) removes a person's second factor,
 * e.g. after a lost phone.
 */
import { appendAudit } from '../audit/audit.ts';
import { NotFoundError } from '../errors.ts';
import type { Actor } from '../policy/actor.ts';
import { authorizeManagePerson } from './user.policy.ts';
import { findUserRecordById, listUserGrants, revokeUserSessions, updateUserTotp } from './user.repository.ts';
import type { RequestContext, User, UsersDeps } from './user.ts';

/**
 * An administrator removes a person's second factor (lost phone): the secret is deleted and
 * every session of theirs ends; a person whose roles require TOTP enrols again at the next
 * sign-in.
 * @throws NotFoundError / ForbiddenError as user.policy.ts decides.
 */
export async function resetTotp(deps: UsersDeps, actor: Actor, userId: number, context: RequestContext = {}): Promise<User> {
  const now = deps.clock();
  return deps.db.transaction().execute(async (trx) => {
    const record = await findUserRecordById(trx, userId);
    if (!record) throw new NotFoundError(`người dùng ${userId}`);
    authorizeManagePerson(actor, await listUserGrants(trx, userId), `người dùng ${userId}`);
    await updateUserTotp(trx, userId, null, false, now);
    const sessions = await revokeUserSessions(trx, userId, now);
    await appendAudit(trx, { actor, action: 'user.totp.reset', subjectType: 'user', subjectId: userId, details: { sessionsRevoked: sessions }, address: context.address ?? null, at: now });
    const { passwordHash: _hash, totpSecret: _secret, ...user } = record;
    return { ...user, totpEnabled: false, updatedAt: now.toISOString() };
  });
}
