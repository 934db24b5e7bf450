/**
 * Command: an administrator (or the operator at the console) sets a new password for a
 * person — given, or generated and returned once. The person must change it at the next
 * sign-in, and every session of theirs ends.
 */
import { appendAudit } from '../audit/audit.ts';
import { NotFoundError } from '../errors.ts';
import type { Actor } from '../policy/actor.ts';
import { hashPassword } from './password.ts';
import { authorizeManagePerson } from './user.policy.ts';
import { findUserRecordById, listUserGrants, revokeUserSessions, updateUserPassword } from './user.repository.ts';
import { newPasswordSchema, parseUserInput } from './user.schema.ts';
import { generatePassword, type RequestContext, type UsersDeps } from './user.ts';

/** What a reset gives back. */
export interface ResetPasswordResult {
  /** The new password when it was generated (shown once), else null. */
  generatedPassword: string | null;
  sessionsRevoked: number;
}

/**
 * Resets a person's password.
 * @param input `{ password? }`: a new password of 12–200 characters, or nothing to generate one.
 * @throws NotFoundError when the person does not exist or the actor may not see them.
 * @throws ForbiddenError when the actor may see but not manage them (user.policy.ts).
 * @throws ValidationError naming `password`.
 */
export async function resetPassword(deps: UsersDeps, actor: Actor, userId: number, input: { password?: unknown } = {}, context: RequestContext = {}): Promise<ResetPasswordResult> {
  const given = input.password === undefined || input.password === null ? null : parseUserInput(newPasswordSchema, input.password, 'password');
  const record = await findUserRecordById(deps.db, userId);
  if (!record) throw new NotFoundError(`người dùng ${userId}`);
  authorizeManagePerson(actor, await listUserGrants(deps.db, userId), `người dùng ${userId}`);
  const password = given ?? generatePassword();
  const hash = await hashPassword(password);
  const now = deps.clock();
  return deps.db.transaction().execute(async (trx) => {
    // Asked again inside the transaction: the roles may have changed while the hash was computed.
    authorizeManagePerson(actor, await listUserGrants(trx, userId), `người dùng ${userId}`);
    await updateUserPassword(trx, userId, hash, true, now);
    const sessionsRevoked = await revokeUserSessions(trx, userId, now);
    await appendAudit(trx, {
      actor,
      action: 'user.password.reset',
      subjectType: 'user',
      subjectId: userId,
      details: { generated: given === null, sessionsRevoked },
      address: context.address ?? null,
      at: now,
    });
    return { generatedPassword: given === null ? password : null, sessionsRevoked };
  });
}
