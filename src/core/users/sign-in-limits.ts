/**
 * Sign-in rate limits, kept in the database (`sign_in_attempts`) so that they hold across
 * several server processes: at most 5 failures per account (the e-mail as typed, folded)
 * since its last success and within 15 minutes, and at most 20 failures per client address
 * within 15 minutes (issue "Newsroom core", item 1; OWASP Authentication Cheat Sheet,
 * "Protect Against Automated Attacks"). Refused attempts are not recorded, so waiting is
 * always enough to get in again.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { RateLimitedError } from '../errors.ts';
import { formatTime } from '../text/index.ts';
import { accountFailuresSince, addressFailuresSince, insertSignInAttempt } from './user.repository.ts';
import { SIGN_IN_LIMITS, retryAfterText } from './user.ts';

/**
 * When `failures` (ISO instants, oldest first, all inside the window) stop exceeding `limit`:
 * the instant the (n − limit + 1)-th oldest leaves the window. Null when under the limit.
 */
function blockedUntil(failures: readonly string[], limit: number): Date | null {
  if (failures.length < limit) return null;
  const leaving = failures[failures.length - limit]!;
  return new Date(Date.parse(leaving) + SIGN_IN_LIMITS.windowMs);
}

/**
 * Throws when the account or the address has used up its failures.
 * @param key the attempt key (user.ts `signInAttemptKey`).
 * @param address the client address.
 * @throws RateLimitedError (429) with the seconds to wait (`Retry-After`) and, in the message,
 *   the time of day (Vietnam time) when trying again will work.
 */
export async function assertSignInAllowed(db: Kysely<Database>, key: string, address: string, now: Date): Promise<void> {
  const since = new Date(now.getTime() - SIGN_IN_LIMITS.windowMs);
  const account = blockedUntil(await accountFailuresSince(db, key, since), SIGN_IN_LIMITS.perAccount);
  const client = blockedUntil(await addressFailuresSince(db, address, since), SIGN_IN_LIMITS.perAddress);
  const until = [account, client].filter((d): d is Date => d !== null && d > now).sort((a, b) => b.getTime() - a.getTime())[0];
  if (!until) return;
  const seconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
  const what =
    account && account > now
      ? `Tài khoản này đã đăng nhập sai ${SIGN_IN_LIMITS.perAccount} lần trong 15 phút`
      : `Có quá nhiều lần đăng nhập sai từ địa chỉ mạng của bạn (${SIGN_IN_LIMITS.perAddress} lần trong 15 phút)`;
  throw new RateLimitedError(`${what}. Để bảo vệ tài khoản, vui lòng thử lại sau ${retryAfterText(seconds)} (lúc ${formatTime(until)}).`, seconds);
}

/** Records one attempt (its own statement: a failure must be kept even though the sign-in throws). */
export async function recordSignInAttempt(db: Kysely<Database>, key: string, address: string, succeeded: boolean, now: Date): Promise<void> {
  await insertSignInAttempt(db, { key, address, succeeded, at: now });
}
