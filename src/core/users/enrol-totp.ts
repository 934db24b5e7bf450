/**
 * Commands: set up the second factor (TOTP, RFC 6238) for oneself — start (a new secret and
 * its otpauth URI for the QR code) then confirm with the first code. Open to sessions of
 * stage `totp_enrolment` too: that is what the stage is for. (An administrator removes
 * someone's second factor with reset-totp.ts.)
 */
import { appendAudit } from '../audit/audit.ts';
import { ConflictError, NotFoundError, ValidationError } from '../errors.ts';
import { assertSignInAllowed, recordSignInAttempt } from './sign-in-limits.ts';
import { checkTotpCode, newTotpSecret, totpUri } from './totp.ts';
import { findUserRecordById, lastTotpStep, loadMemberActor, lockUser, updateSessionStage, updateUserTotp } from './user.repository.ts';
import { confirmTotpSchema, parseUserInput } from './user.schema.ts';
import { signInAttemptKey, type RequestContext, type SessionOwner, type User, type UsersDeps } from './user.ts';

/** The secret to put in the authenticator app, shown once at setup. */
export interface TotpSetup {
  /** Base32, for typing into the app by hand. */
  secret: string;
  /** `otpauth://totp/Cong:<email>?secret=…&issuer=Cong`, for the QR code. */
  otpauthUri: string;
}

/**
 * Starts (or restarts) TOTP enrolment: stores a new secret, not yet active.
 * @throws ConflictError when the person already has a second factor (an admin must reset it first).
 * @throws NotFoundError when the person is gone or disabled.
 */
export async function startTotpEnrolment(deps: UsersDeps, owner: SessionOwner, context: RequestContext = {}): Promise<TotpSetup> {
  const now = deps.clock();
  return deps.db.transaction().execute(async (trx) => {
    const record = await findUserRecordById(trx, owner.userId);
    const actor = await loadMemberActor(trx, owner.userId, owner.sessionId);
    if (!record || !actor) throw new NotFoundError('tài khoản');
    if (record.totpEnabled) throw new ConflictError('Xác thực hai lớp đã được bật. Muốn dùng thiết bị khác, hãy nhờ quản trị viên đặt lại xác thực hai lớp.');
    const secret = newTotpSecret();
    await updateUserTotp(trx, record.id, secret, false, now);
    await appendAudit(trx, { actor, action: 'user.totp.setup', subjectType: 'user', subjectId: record.id, address: context.address ?? null, at: now });
    return { secret, otpauthUri: totpUri(secret, record.email) };
  });
}

/**
 * Confirms enrolment with a code from the app: turns the second factor on and lifts the
 * current session to stage `full`. Wrong codes count against the sign-in limits.
 * @param input `{ code }`.
 * @returns the person as they are now.
 * @throws ValidationError (field `code`) for a malformed or wrong code, or when setup was not started.
 * @throws RateLimitedError after too many failures.
 * @throws ConflictError when the second factor is already on.
 */
export async function confirmTotpEnrolment(deps: UsersDeps, owner: SessionOwner, input: unknown, context: RequestContext = {}): Promise<User> {
  const { code } = parseUserInput(confirmTotpSchema, input);
  const now = deps.clock();
  const record = await findUserRecordById(deps.db, owner.userId);
  if (!record) throw new NotFoundError('tài khoản');
  const key = signInAttemptKey(record.email);
  const address = context.address ?? '-';
  await assertSignInAllowed(deps.db, key, address, now);
  if (record.totpEnabled) throw new ConflictError('Xác thực hai lớp đã được bật.');
  if (!record.totpSecret) throw new ValidationError([{ path: 'code', message: 'Chưa bắt đầu thiết lập xác thực hai lớp: hãy gọi bước thiết lập (totp/setup) trước' }]);
  const secret = record.totpSecret;
  try {
    return await deps.db.transaction().execute(async (trx) => {
      await lockUser(trx, record.id);
      const step = await checkTotpCode(secret, code, now, await lastTotpStep(trx, record.id));
      if (step === null) throw new ValidationError([{ path: 'code', message: 'Mã xác thực không đúng hoặc đã hết hạn; hãy nhập mã đang hiện trong ứng dụng' }]);
      await updateUserTotp(trx, record.id, secret, true, now);
      await updateSessionStage(trx, owner.sessionId, 'full');
      const actor = await loadMemberActor(trx, owner.userId, owner.sessionId);
      if (!actor) throw new NotFoundError('tài khoản');
      await appendAudit(trx, { actor, action: 'user.totp.enable', subjectType: 'user', subjectId: record.id, details: { totpStep: step }, address: context.address ?? null, at: now });
      const { passwordHash: _hash, totpSecret: _secret, ...user } = record;
      return { ...user, totpEnabled: true };
    });
  } catch (error) {
    if (error instanceof ValidationError) await recordSignInAttempt(deps.db, key, address, false, now);
    throw error;
  }
}
