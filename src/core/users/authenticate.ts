/**
 * Who is behind a request: the session behind a cookie token, or the API token behind a
 * `Authorization: Bearer cong_…` header. Used by the HTTP auth plugin; no HTTP in here.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { UnauthenticatedError } from '../errors.ts';
import type { MemberActor, TokenActor } from '../policy/actor.ts';
import { isTokenRole } from '../policy/roles.ts';
import { formatDateTime } from '../text/index.ts';
import { memberActorOf } from './sign-in.ts';
import { findApiTokenByHash, findSession, findUserRecordById, listUserGrants, touchApiToken, touchSession } from './user.repository.ts';
import {
  API_TOKEN_PREFIX,
  DEFAULT_SESSION_SETTINGS,
  TOUCH_INTERVAL_MS,
  apiTokenState,
  hashToken,
  requiresTotp,
  sessionStageOf,
  sessionEndReason,
  type ApiToken,
  type Session,
  type SessionStage,
  type User,
  type UserGrant,
  type UsersDeps,
} from './user.ts';

/** A live session and the person behind it. */
export interface SessionAuthentication {
  session: Session;
  user: User;
  grants: UserGrant[];
  /**
   * What the session may do now: `totp_enrolment` whenever the person holds a role requiring
   * TOTP and has not set it up — also when that role was granted after they signed in.
   */
  stage: SessionStage;
  /** The person as an actor (use only when `stage` is `full`). */
  actor: MemberActor;
}

/**
 * Resolves a session cookie's token. Moves the idle expiry (`last_seen_at`) at most once a
 * minute.
 * @param token the cookie value (the database holds only its SHA-256).
 * @returns null when the token is unknown, revoked, idle too long, past its absolute expiry,
 *   or the person is disabled or gone.
 */
export async function authenticateSession(deps: UsersDeps, token: string): Promise<SessionAuthentication | null> {
  if (token.length < 20 || token.length > 200) return null;
  const settings = deps.sessions ?? DEFAULT_SESSION_SETTINGS;
  const now = deps.clock();
  const session = await findSession(deps.db, hashToken(token));
  if (!session || sessionEndReason(session, now, settings) !== null) return null;
  const record = await findUserRecordById(deps.db, session.userId);
  if (!record || record.status !== 'active') return null;
  const grants = await listUserGrants(deps.db, record.id);
  if (now.getTime() - Date.parse(session.lastSeenAt) >= TOUCH_INTERVAL_MS) await touchSession(deps.db, session.id, now);
  const { passwordHash: _hash, totpSecret: _secret, ...user } = record;
  const stage: SessionStage = sessionStageOf(user, grants);
  return { session, user, grants, stage, actor: memberActorOf(user, grants, session.id) };
}

/**
 * Resolves an API token (`cong_` + 43 base64url characters). Records its use
 * (`last_used_at`) at most once a minute.
 * @returns the token and its actor (one role on one site).
 * @throws UnauthenticatedError with a message saying why: unknown, revoked or expired.
 */
export async function authenticateApiToken(deps: { db: Kysely<Database>; clock: () => Date }, secret: string): Promise<{ token: ApiToken; actor: TokenActor }> {
  if (!secret.startsWith(API_TOKEN_PREFIX) || secret.length > 200) throw new UnauthenticatedError('Khoá API không hợp lệ (khoá của Cong bắt đầu bằng "cong_")');
  const token = await findApiTokenByHash(deps.db, hashToken(secret));
  if (!token || !isTokenRole(token.role)) throw new UnauthenticatedError('Khoá API không hợp lệ');
  const now = deps.clock();
  const state = apiTokenState(token, now);
  if (state === 'revoked') throw new UnauthenticatedError(`Khoá API "${token.name}" đã bị thu hồi lúc ${formatDateTime(token.revokedAt!)}`);
  if (state === 'expired') throw new UnauthenticatedError(`Khoá API "${token.name}" đã hết hạn lúc ${formatDateTime(token.expiresAt!)}`);
  if (!token.lastUsedAt || now.getTime() - Date.parse(token.lastUsedAt) >= TOUCH_INTERVAL_MS) await touchApiToken(deps.db, token.id, now);
  return { token, actor: { kind: 'token', tokenId: token.id, name: token.name, siteId: token.siteId, role: token.role } };
}
