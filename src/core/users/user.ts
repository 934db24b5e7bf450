/**
 * People (accounts), their sessions and API tokens: types and pure rules. No SQL here (see
 * user.repository.ts) and no HTTP. Who may manage whom is in user.policy.ts.
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Clock } from '../clock.ts';
import type { Database } from '../db/database.ts';
import type { Role } from '../policy/roles.ts';
import { ROLES_REQUIRING_TOTP } from '../policy/roles.ts';
import { foldText, normalizeText } from '../text/index.ts';

/** `active`: may sign in; `disabled`: may not, and has no live session. */
export type UserStatus = 'active' | 'disabled';

/**
 * What a session may do. `full`: everything the person's roles allow. `totp_enrolment`: the
 * person holds a role that requires a second factor but has none yet; the session may only set
 * one up, read `me` and sign out (for everything else the person is anonymous).
 */
/**
 * What a session may do: `full`; `totp_enrolment` (a role needs a second factor not set up yet:
 * only TOTP set-up, password change, me, sign-out); `password_change` (the password was set by
 * someone else: only password change, me, sign-out).
 */
export type SessionStage = 'full' | 'totp_enrolment' | 'password_change';

/** A person as the rest of the code sees it. Never carries the password hash or TOTP secret. */
export interface User {
  id: number;
  /** Lower-cased, trimmed, NFC. */
  email: string;
  displayName: string;
  organisationId: number | null;
  status: UserStatus;
  totpEnabled: boolean;
  mustChangePassword: boolean;
  passwordChangedAt: string;
  lastSignInAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** One role held by a person, with the site's key for display (`siteId` null: network-wide). */
export interface UserGrant {
  siteId: number | null;
  siteKey: string | null;
  role: Role;
}

/** A session as stored (the token itself is never stored: `id` is its SHA-256). */
export interface Session {
  /** SHA-256 hex of the session token. */
  id: string;
  userId: number;
  stage: SessionStage;
  csrfToken: string;
  address: string | null;
  userAgent: string | null;
  createdAt: string;
  lastSeenAt: string;
  /** Absolute expiry (sign-in time + the maximum lifetime). */
  expiresAt: string;
  revokedAt: string | null;
}

/** An API token as lists show it: never the token, never its hash. */
export interface ApiToken {
  id: number;
  name: string;
  siteId: number;
  role: Role;
  /** First characters of the secret part, to tell tokens apart (`cong_AbCdEfGh…`). */
  prefix: string;
  createdByUserId: number | null;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** Session lifetimes, in milliseconds (from config: CONG_SESSION_IDLE_HOURS, CONG_SESSION_MAX_DAYS). */
export interface SessionSettings {
  /** Ends after this long without a request (sliding). Default 12 h. */
  idleMs: number;
  /** Ends this long after sign-in whatever happens. Default 7 days. */
  maxMs: number;
}

/** The defaults of {@link SessionSettings}: 12 hours idle, 7 days absolute. */
export const DEFAULT_SESSION_SETTINGS: SessionSettings = Object.freeze({ idleMs: 12 * 3_600_000, maxMs: 7 * 86_400_000 });

/** What the commands of this folder need: the database, the clock and the session lifetimes. */
export interface UsersDeps {
  db: Kysely<Database>;
  clock: Clock;
  /** Default {@link DEFAULT_SESSION_SETTINGS}; the server passes the configured ones. */
  sessions?: SessionSettings;
}

/** The deps of this folder's commands from a core (database, clock, configured session lifetimes). */
export function usersDepsOf(core: { db: Kysely<Database>; clock: Clock; config: { sessionIdleMs: number; sessionMaxMs: number } }): UsersDeps {
  return { db: core.db, clock: core.clock, sessions: { idleMs: core.config.sessionIdleMs, maxMs: core.config.sessionMaxMs } };
}

/** The person and session a request came with (any stage, also `totp_enrolment`). */
export interface SessionOwner {
  userId: number;
  sessionId: string;
}

/** Where a request came from, for the audit log, rate limits and the session list. */
export interface RequestContext {
  /** Client network address (`request.ip`); null from the CLI. */
  address?: string | null;
  userAgent?: string | null;
}

/** `last_seen_at` / `last_used_at` are written at most this often (ms), to spare the database. */
export const TOUCH_INTERVAL_MS = 60_000;

/** Sign-in rate limits: failures counted in a sliding window (issue "Newsroom core", item 1). */
export const SIGN_IN_LIMITS = Object.freeze({
  windowMs: 15 * 60_000,
  /** Failures per account (e-mail as typed, folded) since its last success, within the window. */
  perAccount: 5,
  /** Failures per client address within the window, whatever the e-mail. */
  perAddress: 20,
});

/** Prefix of every API token, so that leaked tokens are easy to recognise (and to scan for). */
export const API_TOKEN_PREFIX = 'cong_';

/** The issuer shown by authenticator apps (otpauth URI, Google Authenticator key-uri format). */
export const TOTP_ISSUER = 'Cong';

/**
 * The stored form of an e-mail address: NFC, trimmed, lower-cased. Does not validate it
 * (user.schema.ts does).
 */
export function normalizeEmail(email: string): string {
  return normalizeText(email).trim().toLowerCase();
}

/**
 * The key sign-in attempts are counted under: the e-mail as typed, trimmed and folded
 * (lower-cased, diacritics removed), so "An@X.vn" and "an@x.vn" share one limit. The account
 * need not exist.
 */
export function signInAttemptKey(email: string): string {
  return foldText(email.trim());
}

/** Whether a person holding these roles must sign in with a second factor (roles.ts). */
export function requiresTotp(roles: readonly Role[]): boolean {
  return roles.some((r) => ROLES_REQUIRING_TOTP.has(r));
}

/** SHA-256 hex of a secret token (sessions and API tokens are looked up by it). */
export function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token, 'utf8').digest('hex');
}

/** A new random token: `bytes` random bytes, base64url (32 bytes → 43 characters). */
export function randomToken(bytes = 32): string {
  return crypto.randomBytes(bytes).toString('base64url');
}

/**
 * Compares two secrets in constant time (for CSRF tokens). Both are hashed first, so that
 * their lengths do not leak either.
 */
export function secretsEqual(a: string, b: string): boolean {
  return crypto.timingSafeEqual(crypto.createHash('sha256').update(a).digest(), crypto.createHash('sha256').update(b).digest());
}

/** A new API token: `cong_` + 32 random bytes in base64url. */
export function newApiTokenSecret(): string {
  return API_TOKEN_PREFIX + randomToken(32);
}

/** The part of an API token kept for display: the 8 characters after `cong_`. */
export function apiTokenDisplayPrefix(token: string): string {
  return token.slice(API_TOKEN_PREFIX.length, API_TOKEN_PREFIX.length + 8);
}

// 32 letters and digits without the look-alikes l, o, 0 and 1: 5 bits per character.
const PASSWORD_ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';

/**
 * A generated initial password: 20 random characters (100 bits) in four groups of five,
 * e.g. `k7qmx-p3rta-9wz2e-hn4fd`, easy to read out and type.
 */
export function generatePassword(): string {
  const bytes = crypto.randomBytes(20);
  const chars = [...bytes].map((b) => PASSWORD_ALPHABET[b % 32]!);
  return [0, 5, 10, 15].map((i) => chars.slice(i, i + 5).join('')).join('-');
}

/** Whether an API token is usable at `now`: not revoked, not past its expiry. */
export function apiTokenState(token: Pick<ApiToken, 'revokedAt' | 'expiresAt'>, now: Date): 'active' | 'revoked' | 'expired' {
  if (token.revokedAt) return 'revoked';
  if (token.expiresAt && token.expiresAt <= now.toISOString()) return 'expired';
  return 'active';
}

/**
 * Why a stored session no longer counts at `now`, or null when it is live. Idle expiry slides
 * with `lastSeenAt`; the absolute expiry is fixed at sign-in.
 */
export function sessionEndReason(session: Pick<Session, 'revokedAt' | 'expiresAt' | 'lastSeenAt'>, now: Date, settings: SessionSettings): 'revoked' | 'expired' | 'idle' | null {
  if (session.revokedAt) return 'revoked';
  if (Date.parse(session.expiresAt) <= now.getTime()) return 'expired';
  if (Date.parse(session.lastSeenAt) + settings.idleMs <= now.getTime()) return 'idle';
  return null;
}

/**
 * "sau 7 phút", "sau 30 giây": when to try again, for rate-limit messages.
 * @param seconds whole seconds, at least 1.
 */
export function retryAfterText(seconds: number): string {
  if (seconds < 60) return `${seconds} giây`;
  return `${Math.ceil(seconds / 60)} phút`;
}

/**
 * What a session of this person may do now: a password set by someone else is changed first
 * (`password_change`), then a second factor the person's roles require is set up
 * (`totp_enrolment`), then everything their roles allow (`full`).
 */
export function sessionStageOf(person: { mustChangePassword: boolean; totpEnabled: boolean }, grants: readonly { role: string }[]): SessionStage {
  if (person.mustChangePassword) return 'password_change';
  if (!person.totpEnabled && requiresTotp(grants.map((g) => g.role) as Role[])) return 'totp_enrolment';
  return 'full';
}
