/**
 * Command: sign in with e-mail and password (and the TOTP code for people who have a second
 * factor). Creates a server-side session; the caller puts the returned token in the cookie.
 *
 * Rules (issue "Newsroom core", item 1):
 * - rate limits first (sign-in-limits.ts): a refused attempt does not even check the password;
 * - an unknown e-mail and a wrong password answer the same message, after the same work (a
 *   dummy Argon2 verification), so neither the answer nor its timing says whether an account
 *   exists (OWASP Authentication Cheat Sheet);
 * - a person with TOTP on must give a valid code for the current 30-second step (±1), not
 *   used before (RFC 6238 §5.2); a missing or wrong code counts as a failed attempt;
 * - a person who holds a role that requires TOTP (roles.ts) but has none yet gets a session of
 *   stage `totp_enrolment`, which may only set it up, read `me` and sign out; a person whose
 *   password was set by someone else gets stage `password_change` first (see sessionStageOf);
 * - disabled accounts cannot sign in;
 * - every failure is recorded in `sign_in_attempts`; a success too (the account limit counts
 *   failures since the last success), and it is appended to the audit log.
 */
import { type Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { appendAudit } from '../audit/audit.ts';
import { ForbiddenError, TotpRequiredError, UnauthenticatedError } from '../errors.ts';
import type { MemberActor } from '../policy/actor.ts';
import { verifyDummyPassword, verifyPassword } from './password.ts';
import { assertSignInAllowed, recordSignInAttempt } from './sign-in-limits.ts';
import { checkTotpCode } from './totp.ts';
import {
  deleteEndedSessions,
  findUserRecordByEmail,
  insertSession,
  insertSignInAttempt,
  lastTotpStep,
  listUserGrants,
  lockUser,
  pruneSignInAttempts,
  updateUserLastSignIn,
  type UserRecord,
} from './user.repository.ts';
import { parseUserInput, signInSchema } from './user.schema.ts';
import {
  DEFAULT_SESSION_SETTINGS,
  hashToken,
  normalizeEmail,
  randomToken,
  requiresTotp,
  signInAttemptKey,
  type RequestContext,
  type Session,
  type SessionStage,
  sessionStageOf,
  type User,
  type UserGrant,
  type UsersDeps,
} from './user.ts';

/** The one message for an unknown e-mail or a wrong password. */
export const WRONG_CREDENTIALS_MESSAGE = 'Sai e-mail hoặc mật khẩu';

/** How long sign-in attempts are kept (the limits look back 15 minutes). */
const ATTEMPT_RETENTION_MS = 24 * 3_600_000;

/** What a successful sign-in gives. */
export interface SignInResult {
  /** The session token for the cookie. Returned once, never stored (the session id is its SHA-256). */
  token: string;
  session: Session;
  user: User;
  grants: UserGrant[];
  stage: SessionStage;
}

/**
 * A {@link TotpRequiredError} that names the `totpCode` field (the error handler shows
 * `field` when an error carries one).
 */
function totpError(message: string): TotpRequiredError {
  return Object.assign(new TotpRequiredError(message), { field: 'totpCode' });
}

/** The member actor of a person at sign-in (for the audit entry). */
export function memberActorOf(user: Pick<User, 'id' | 'displayName' | 'email' | 'organisationId'>, grants: readonly UserGrant[], sessionId: string | null): MemberActor {
  return {
    kind: 'member',
    userId: user.id,
    displayName: user.displayName,
    email: user.email,
    organisationId: user.organisationId,
    grants: grants.map((g) => ({ siteId: g.siteId, role: g.role })),
    sessionId,
  };
}

/**
 * Signs a person in.
 * @param input `{ email, password, totpCode? }` from outside (validated here).
 * @param context the client address (rate limits, audit, session list) and user agent.
 * @returns the session token (for the cookie), the session, the person, their roles and the stage.
 * @throws ValidationError naming `email` / `password` / `totpCode` for malformed input.
 * @throws RateLimitedError (429, with `retryAfterSeconds`) when the account or the address
 *   has too many recent failures.
 * @throws UnauthenticatedError "Sai e-mail hoặc mật khẩu" for an unknown e-mail or a wrong password.
 * @throws ForbiddenError when the account is disabled.
 * @throws TotpRequiredError (field `totpCode`) when the code is missing, wrong or already used.
 */
export async function signIn(deps: UsersDeps, input: unknown, context: RequestContext = {}): Promise<SignInResult> {
  const parsed = parseUserInput(signInSchema, input);
  const { db } = deps;
  const now = deps.clock();
  const key = signInAttemptKey(parsed.email);
  const address = context.address ?? '-';
  await assertSignInAllowed(db, key, address, now);

  const failed = async <E extends Error>(error: E): Promise<E> => {
    await recordSignInAttempt(db, key, address, false, now);
    return error;
  };

  const record = await findUserRecordByEmail(db, normalizeEmail(parsed.email));
  if (!record) {
    await verifyDummyPassword(parsed.password);
    throw await failed(new UnauthenticatedError(WRONG_CREDENTIALS_MESSAGE));
  }
  if (!(await verifyPassword(record.passwordHash, parsed.password))) throw await failed(new UnauthenticatedError(WRONG_CREDENTIALS_MESSAGE));
  if (record.status !== 'active') throw await failed(new ForbiddenError('Tài khoản này đã bị khoá. Hãy liên hệ quản trị trang để được mở lại.'));
  const totpCode = parsed.totpCode?.replace(/\s+/g, '') ?? '';
  if (record.totpEnabled && totpCode === '') throw await failed(totpError('Cần nhập mã xác thực 6 chữ số từ ứng dụng xác thực (xác thực hai lớp)'));

  try {
    return await db.transaction().execute((trx) => openSession(trx, deps, record, totpCode, now, key, context));
  } catch (error) {
    if (error instanceof TotpRequiredError) throw await failed(error);
    throw error;
  }
}

async function openSession(trx: Kysely<Database>, deps: UsersDeps, record: UserRecord, totpCode: string, now: Date, key: string, context: RequestContext): Promise<SignInResult> {
  const settings = deps.sessions ?? DEFAULT_SESSION_SETTINGS;
  await lockUser(trx, record.id);
  let totpStep: number | null = null;
  if (record.totpEnabled && record.totpSecret) {
    const lastStep = await lastTotpStep(trx, record.id);
    totpStep = await checkTotpCode(record.totpSecret, totpCode, now, lastStep);
    if (totpStep === null) {
      const replayed = lastStep !== null && (await checkTotpCode(record.totpSecret, totpCode, now, null)) !== null;
      throw totpError(replayed ? 'Mã xác thực này vừa được dùng; hãy chờ mã mới trong ứng dụng rồi nhập lại' : 'Mã xác thực không đúng hoặc đã hết hạn');
    }
  }
  const grants = await listUserGrants(trx, record.id);
  const stage: SessionStage = sessionStageOf(record, grants);
  const token = randomToken(32);
  const at = now.toISOString();
  const session: Session = {
    id: hashToken(token),
    userId: record.id,
    stage,
    csrfToken: randomToken(32),
    address: context.address ?? null,
    userAgent: context.userAgent ? context.userAgent.slice(0, 300) : null,
    createdAt: at,
    lastSeenAt: at,
    expiresAt: new Date(now.getTime() + settings.maxMs).toISOString(),
    revokedAt: null,
  };
  await deleteEndedSessions(trx, record.id, now);
  await insertSession(trx, session);
  await insertSignInAttempt(trx, { key, address: context.address ?? '-', succeeded: true, at: now });
  await pruneSignInAttempts(trx, new Date(now.getTime() - ATTEMPT_RETENTION_MS));
  await updateUserLastSignIn(trx, record.id, now);
  await appendAudit(trx, {
    actor: memberActorOf(record, grants, session.id),
    action: 'user.sign_in',
    subjectType: 'user',
    subjectId: record.id,
    details: { stage, ...(totpStep !== null ? { totpStep } : {}) },
    address: context.address ?? null,
    at: now,
  });
  const { passwordHash: _hash, totpSecret: _secret, ...user } = record;
  return { token, session, user: { ...user, lastSignInAt: at }, grants, stage };
}
