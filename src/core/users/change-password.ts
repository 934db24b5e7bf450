/**
 * Command: a person changes their own password, giving the current one. Their other sessions
 * end (whoever else knew the old password is signed out); the current one stays. Clears
 * "must change password". Wrong current passwords count against the sign-in limits.
 */
import { appendAudit } from '../audit/audit.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import { hashPassword, verifyPassword } from './password.ts';
import { assertSignInAllowed, recordSignInAttempt } from './sign-in-limits.ts';
import { findUserRecordById, loadMemberActor, revokeUserSessions, updateUserPassword } from './user.repository.ts';
import { changePasswordSchema, parseUserInput } from './user.schema.ts';
import { signInAttemptKey, type RequestContext, type SessionOwner, type UsersDeps } from './user.ts';

/**
 * Changes the password of the session's person.
 * @param input `{ currentPassword, newPassword }`; the new one 12–200 characters, not the same as the current.
 * @returns how many other sessions were ended.
 * @throws ValidationError naming `currentPassword` (wrong) or `newPassword` (too short, too long, unchanged).
 * @throws RateLimitedError after too many wrong passwords.
 */
export async function changePassword(deps: UsersDeps, owner: SessionOwner, input: unknown, context: RequestContext = {}): Promise<{ sessionsRevoked: number }> {
  const parsed = parseUserInput(changePasswordSchema, input);
  const now = deps.clock();
  const record = await findUserRecordById(deps.db, owner.userId);
  if (!record || record.status !== 'active') throw new NotFoundError('tài khoản');
  const key = signInAttemptKey(record.email);
  const address = context.address ?? '-';
  await assertSignInAllowed(deps.db, key, address, now);
  if (!(await verifyPassword(record.passwordHash, parsed.currentPassword))) {
    await recordSignInAttempt(deps.db, key, address, false, now);
    throw new ValidationError([{ path: 'currentPassword', message: 'Mật khẩu hiện tại không đúng' }]);
  }
  if (parsed.newPassword === parsed.currentPassword) throw new ValidationError([{ path: 'newPassword', message: 'Mật khẩu mới phải khác mật khẩu hiện tại' }]);
  const hash = await hashPassword(parsed.newPassword);
  return deps.db.transaction().execute(async (trx) => {
    await updateUserPassword(trx, record.id, hash, false, now);
    const sessionsRevoked = await revokeUserSessions(trx, record.id, now, owner.sessionId);
    const actor = await loadMemberActor(trx, record.id, owner.sessionId);
    if (!actor) throw new NotFoundError('tài khoản');
    await appendAudit(trx, { actor, action: 'user.password.change', subjectType: 'user', subjectId: record.id, details: { sessionsRevoked }, address: context.address ?? null, at: now });
    return { sessionsRevoked };
  });
}
