/**
 * All SQL for people, their memberships (roles per site), sessions, sign-in attempts and API
 * tokens. Rows in, domain objects out (user.ts). Functions take the database handle or the
 * caller's transaction; none of them checks permissions (the commands do, through the policy).
 */
import type { Kysely } from 'kysely';
import type { ApiTokenRow, Database, SessionRow, UserRow } from '../db/database.ts';
import type { MemberActor, RoleGrant } from '../policy/actor.ts';
import { isRole, type Role } from '../policy/roles.ts';
import type { ApiToken, Session, SessionStage, User, UserGrant, UserStatus } from './user.ts';

/** A person with the secrets the sign-in and TOTP commands need. Never leaves the core. */
export interface UserRecord extends User {
  /** Argon2id PHC string. */
  passwordHash: string;
  /** Base32 TOTP secret, set when enrolment started; null otherwise. */
  totpSecret: string | null;
}

function toUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    organisationId: row.organisation_id,
    status: row.status === 'disabled' ? 'disabled' : 'active',
    totpEnabled: row.totp_enabled === 1,
    mustChangePassword: row.must_change_password === 1,
    passwordChangedAt: row.password_changed_at,
    lastSignInAt: row.last_sign_in_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toUserRecord(row: UserRow): UserRecord {
  return { ...toUser(row), passwordHash: row.password_hash, totpSecret: row.totp_secret };
}

function isPostgres(db: Kysely<Database>): boolean {
  return db.getExecutor().adapter.constructor.name === 'PostgresAdapter';
}

// ---------------------------------------------------------------------------------- people

/** The person with this id (with secrets), or null. */
export async function findUserRecordById(db: Kysely<Database>, id: number): Promise<UserRecord | null> {
  const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toUserRecord(row) : null;
}

/** The person with this stored-form e-mail (user.ts `normalizeEmail`), with secrets, or null. */
export async function findUserRecordByEmail(db: Kysely<Database>, email: string): Promise<UserRecord | null> {
  const row = await db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
  return row ? toUserRecord(row) : null;
}

/**
 * Locks a person's row until the end of the transaction (PostgreSQL `FOR UPDATE`), so that two
 * sign-ins with the same TOTP code cannot both pass the replay check. SQLite serialises writing
 * transactions itself; there it does nothing.
 */
export async function lockUser(trx: Kysely<Database>, id: number): Promise<void> {
  if (isPostgres(trx)) await trx.selectFrom('users').select('id').where('id', '=', id).forUpdate().execute();
}

/** What {@link insertUser} stores. `email` in stored form. */
export interface NewUser {
  email: string;
  displayName: string;
  organisationId: number | null;
  passwordHash: string;
  mustChangePassword: boolean;
}

/** Inserts a person. @returns the new id. */
export async function insertUser(db: Kysely<Database>, user: NewUser, now: Date): Promise<number> {
  const at = now.toISOString();
  const row = await db
    .insertInto('users')
    .values({
      email: user.email,
      display_name: user.displayName,
      organisation_id: user.organisationId,
      password_hash: user.passwordHash,
      must_change_password: user.mustChangePassword ? 1 : 0,
      password_changed_at: at,
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Sets a new password hash and whether it must be changed at the next sign-in. */
export async function updateUserPassword(db: Kysely<Database>, id: number, passwordHash: string, mustChange: boolean, now: Date): Promise<void> {
  const at = now.toISOString();
  await db
    .updateTable('users')
    .set({ password_hash: passwordHash, must_change_password: mustChange ? 1 : 0, password_changed_at: at, updated_at: at })
    .where('id', '=', id)
    .execute();
}

/** Sets the TOTP secret and whether the second factor is on (secret null and off: none). */
export async function updateUserTotp(db: Kysely<Database>, id: number, secret: string | null, enabled: boolean, now: Date): Promise<void> {
  await db
    .updateTable('users')
    .set({ totp_secret: secret, totp_enabled: enabled ? 1 : 0, updated_at: now.toISOString() })
    .where('id', '=', id)
    .execute();
}

/** Sets `active` or `disabled`. */
export async function updateUserStatus(db: Kysely<Database>, id: number, status: UserStatus, now: Date): Promise<void> {
  await db.updateTable('users').set({ status, updated_at: now.toISOString() }).where('id', '=', id).execute();
}

/** Records the time of a successful sign-in. */
export async function updateUserLastSignIn(db: Kysely<Database>, id: number, now: Date): Promise<void> {
  await db.updateTable('users').set({ last_sign_in_at: now.toISOString() }).where('id', '=', id).execute();
}

/**
 * People for a list, e-mail order. `siteIds` `'all'`: everyone; otherwise the people holding
 * a role on one of those sites.
 */
export async function listUsers(db: Kysely<Database>, scope: { siteIds: readonly number[] | 'all' }): Promise<User[]> {
  let query = db.selectFrom('users').selectAll('users').orderBy('users.email');
  if (scope.siteIds !== 'all') {
    if (scope.siteIds.length === 0) return [];
    const siteIds = [...scope.siteIds];
    query = query.where('users.id', 'in', (eb) => eb.selectFrom('memberships').select('memberships.user_id').where('memberships.site_id', 'in', siteIds));
  }
  return (await query.execute()).map(toUser);
}

// ------------------------------------------------------------------------------ memberships

/** A person's roles, network-wide first, then by site key and role. */
export async function listUserGrants(db: Kysely<Database>, userId: number): Promise<UserGrant[]> {
  return (await listGrantsOf(db, [userId])).get(userId) ?? [];
}

/** The roles of several people at once (one query), by user id. */
export async function listGrantsOf(db: Kysely<Database>, userIds: readonly number[]): Promise<Map<number, UserGrant[]>> {
  const result = new Map<number, UserGrant[]>();
  if (userIds.length === 0) return result;
  const rows = await db
    .selectFrom('memberships')
    .leftJoin('sites', 'sites.id', 'memberships.site_id')
    .select(['memberships.user_id', 'memberships.site_id', 'memberships.role', 'sites.key as site_key'])
    .where('memberships.user_id', 'in', [...userIds])
    .orderBy('memberships.id')
    .execute();
  for (const row of rows) {
    if (!isRole(row.role)) continue;
    const list = result.get(row.user_id) ?? [];
    list.push({ siteId: row.site_id, siteKey: row.site_key ?? null, role: row.role });
    result.set(row.user_id, list);
  }
  for (const list of result.values()) {
    list.sort((a, b) => (a.siteKey ?? '').localeCompare(b.siteKey ?? '') || a.role.localeCompare(b.role));
  }
  return result;
}

/** Whether the person holds `role` on `siteId` (null: network-wide). */
export async function hasMembership(db: Kysely<Database>, userId: number, siteId: number | null, role: Role): Promise<boolean> {
  let query = db.selectFrom('memberships').select('id').where('user_id', '=', userId).where('role', '=', role);
  query = siteId === null ? query.where('site_id', 'is', null) : query.where('site_id', '=', siteId);
  return (await query.executeTakeFirst()) !== undefined;
}

/** Adds a membership (the caller checked it is not there yet). */
export async function insertMembership(db: Kysely<Database>, userId: number, siteId: number | null, role: Role, now: Date): Promise<void> {
  await db.insertInto('memberships').values({ user_id: userId, site_id: siteId, role, created_at: now.toISOString() }).execute();
}

/** Removes a membership. @returns whether there was one. */
export async function deleteMembership(db: Kysely<Database>, userId: number, siteId: number | null, role: Role): Promise<boolean> {
  let query = db.deleteFrom('memberships').where('user_id', '=', userId).where('role', '=', role);
  query = siteId === null ? query.where('site_id', 'is', null) : query.where('site_id', '=', siteId);
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** How many active people hold `network_admin`. */
export async function countActiveNetworkAdmins(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select((eb) => eb.fn.count<number | string>('memberships.id').as('n'))
    .where('memberships.role', '=', 'network_admin')
    .where('memberships.site_id', 'is', null)
    .where('users.status', '=', 'active')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The key of the site with this id, or null when there is none. */
export async function findSiteKey(db: Kysely<Database>, siteId: number): Promise<string | null> {
  const row = await db.selectFrom('sites').select('key').where('id', '=', siteId).executeTakeFirst();
  return row?.key ?? null;
}

/** Whether an organisation with this id exists. */
export async function organisationExists(db: Kysely<Database>, id: number): Promise<boolean> {
  return (await db.selectFrom('organisations').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

/**
 * The actor for a signed-in person: who they are and every role they hold. Exported for every
 * layer that needs to act as a person (the auth plugin, tests, jobs acting for someone).
 * @param sessionId the session the request came with, or null (e.g. the CLI acting as a person).
 * @returns null when the person does not exist or is disabled.
 */
export async function loadMemberActor(db: Kysely<Database>, userId: number, sessionId: string | null): Promise<MemberActor | null> {
  const user = await db.selectFrom('users').select(['id', 'email', 'display_name', 'organisation_id', 'status']).where('id', '=', userId).executeTakeFirst();
  if (!user || user.status !== 'active') return null;
  const memberships = await db.selectFrom('memberships').select(['site_id', 'role']).where('user_id', '=', userId).orderBy('id').execute();
  const grants: RoleGrant[] = memberships.flatMap((m) => (isRole(m.role) ? [{ siteId: m.site_id, role: m.role }] : []));
  return {
    kind: 'member',
    userId: user.id,
    displayName: user.display_name,
    email: user.email,
    organisationId: user.organisation_id,
    grants,
    sessionId,
  };
}

// --------------------------------------------------------------------------------- sessions

function toSession(row: SessionRow): Session {
  return {
    id: row.id,
    userId: row.user_id,
    stage: row.stage === 'totp_enrolment' ? 'totp_enrolment' : 'full',
    csrfToken: row.csrf_token,
    address: row.address,
    userAgent: row.user_agent,
    createdAt: row.created_at,
    lastSeenAt: row.last_seen_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
  };
}

/** Stores a new session (its `id` is the SHA-256 of the token in the cookie). */
export async function insertSession(db: Kysely<Database>, session: Omit<Session, 'revokedAt'>): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      id: session.id,
      user_id: session.userId,
      stage: session.stage,
      csrf_token: session.csrfToken,
      address: session.address,
      user_agent: session.userAgent,
      created_at: session.createdAt,
      last_seen_at: session.lastSeenAt,
      expires_at: session.expiresAt,
    })
    .execute();
}

/** The session with this id (token hash), live or not, or null. */
export async function findSession(db: Kysely<Database>, id: string): Promise<Session | null> {
  const row = await db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toSession(row) : null;
}

/** Moves `last_seen_at` (the idle expiry slides with it). */
export async function touchSession(db: Kysely<Database>, id: string, now: Date): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: now.toISOString() }).where('id', '=', id).where('revoked_at', 'is', null).execute();
}

/** Changes a session's stage (after TOTP enrolment: `full`). */
export async function updateSessionStage(db: Kysely<Database>, id: string, stage: SessionStage): Promise<void> {
  await db.updateTable('sessions').set({ stage }).where('id', '=', id).execute();
}

/** Revokes one session of one person. @returns whether a live one was revoked. */
export async function revokeSession(db: Kysely<Database>, userId: number, id: string, now: Date): Promise<boolean> {
  const result = await db
    .updateTable('sessions')
    .set({ revoked_at: now.toISOString() })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * Revokes every session of a person, except `exceptId` when given.
 * @returns how many were revoked.
 */
export async function revokeUserSessions(db: Kysely<Database>, userId: number, now: Date, exceptId: string | null = null): Promise<number> {
  let query = db.updateTable('sessions').set({ revoked_at: now.toISOString() }).where('user_id', '=', userId).where('revoked_at', 'is', null);
  if (exceptId !== null) query = query.where('id', '!=', exceptId);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** A person's sessions not revoked and not past their absolute expiry, newest first. */
export async function listUserSessions(db: Kysely<Database>, userId: number, now: Date): Promise<Session[]> {
  const rows = await db
    .selectFrom('sessions')
    .selectAll()
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now.toISOString())
    .orderBy('created_at', 'desc')
    .execute();
  return rows.map(toSession);
}

/** Deletes a person's sessions whose absolute expiry has passed (housekeeping at sign-in). */
export async function deleteEndedSessions(db: Kysely<Database>, userId: number, now: Date): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).where('expires_at', '<=', now.toISOString()).execute();
}

// ------------------------------------------------------------------------ sign-in attempts

/** Records one sign-in attempt under its key (user.ts `signInAttemptKey`) and client address. */
export async function insertSignInAttempt(db: Kysely<Database>, attempt: { key: string; address: string; succeeded: boolean; at: Date }): Promise<void> {
  await db
    .insertInto('sign_in_attempts')
    .values({ email: attempt.key, address: attempt.address, succeeded: attempt.succeeded ? 1 : 0, at: attempt.at.toISOString() })
    .execute();
}

/**
 * Times (ISO, oldest first) of the failed attempts under `key` after `since` and after the
 * key's last success: a success does not erase the record, but the account limit counts only
 * failures since it.
 */
export async function accountFailuresSince(db: Kysely<Database>, key: string, since: Date): Promise<string[]> {
  const lastSuccess = await db
    .selectFrom('sign_in_attempts')
    .select('at')
    .where('email', '=', key)
    .where('succeeded', '=', 1)
    .orderBy('at', 'desc')
    .limit(1)
    .executeTakeFirst();
  const from = lastSuccess && lastSuccess.at > since.toISOString() ? lastSuccess.at : since.toISOString();
  const rows = await db
    .selectFrom('sign_in_attempts')
    .select('at')
    .where('email', '=', key)
    .where('at', '>', from)
    .where('succeeded', '=', 0)
    .orderBy('at')
    .execute();
  return rows.map((r) => r.at);
}

/** Times (ISO, oldest first) of the failed attempts from `address` after `since`, whatever the e-mail. */
export async function addressFailuresSince(db: Kysely<Database>, address: string, since: Date): Promise<string[]> {
  const rows = await db
    .selectFrom('sign_in_attempts')
    .select('at')
    .where('address', '=', address)
    .where('at', '>', since.toISOString())
    .where('succeeded', '=', 0)
    .orderBy('at')
    .execute();
  return rows.map((r) => r.at);
}

/** Deletes attempts older than `before` (housekeeping; the limits look back 15 minutes). */
export async function pruneSignInAttempts(db: Kysely<Database>, before: Date): Promise<void> {
  await db.deleteFrom('sign_in_attempts').where('at', '<', before.toISOString()).execute();
}

/**
 * The last TOTP step this person used (sign-in or enrolment), or null. Read from the audit
 * log, where the sign-in and enrolment entries record the step (a step number, not a code).
 */
export async function lastTotpStep(db: Kysely<Database>, userId: number): Promise<number | null> {
  const row = await db
    .selectFrom('audit_log')
    .select('details')
    .where('subject_type', '=', 'user')
    .where('subject_id', '=', userId)
    .where('action', 'in', ['user.sign_in', 'user.totp.enable'])
    .where('details', 'like', '%"totpStep":%')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (!row) return null;
  const step = (JSON.parse(row.details) as { totpStep?: unknown }).totpStep;
  return typeof step === 'number' ? step : null;
}

// ------------------------------------------------------------------------------ API tokens

function toApiToken(row: Omit<ApiTokenRow, 'token_hash'>): ApiToken | null {
  if (!isRole(row.role)) return null;
  return {
    id: row.id,
    name: row.name,
    siteId: row.site_id,
    role: row.role,
    prefix: row.prefix,
    createdByUserId: row.created_by_user_id,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}

const TOKEN_COLUMNS = ['id', 'name', 'site_id', 'role', 'prefix', 'created_by_user_id', 'created_at', 'expires_at', 'last_used_at', 'revoked_at'] as const;

/** What {@link insertApiToken} stores: the hash of the token, never the token. */
export interface NewApiToken {
  name: string;
  siteId: number;
  role: Role;
  prefix: string;
  tokenHash: string;
  createdByUserId: number | null;
  expiresAt: Date | null;
}

/** Inserts an API token. @returns the new id. */
export async function insertApiToken(db: Kysely<Database>, token: NewApiToken, now: Date): Promise<number> {
  const row = await db
    .insertInto('api_tokens')
    .values({
      name: token.name,
      site_id: token.siteId,
      role: token.role,
      prefix: token.prefix,
      token_hash: token.tokenHash,
      created_by_user_id: token.createdByUserId,
      created_at: now.toISOString(),
      expires_at: token.expiresAt ? token.expiresAt.toISOString() : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** The token whose SHA-256 is `tokenHash` (revoked and expired ones too), or null. */
export async function findApiTokenByHash(db: Kysely<Database>, tokenHash: string): Promise<ApiToken | null> {
  const row = await db.selectFrom('api_tokens').select(TOKEN_COLUMNS).where('token_hash', '=', tokenHash).executeTakeFirst();
  return row ? toApiToken(row) : null;
}

/** The token with this id, or null. */
export async function findApiTokenById(db: Kysely<Database>, id: number): Promise<ApiToken | null> {
  const row = await db.selectFrom('api_tokens').select(TOKEN_COLUMNS).where('id', '=', id).executeTakeFirst();
  return row ? toApiToken(row) : null;
}

/** A site's tokens, newest first (revoked and expired ones included). */
export async function listApiTokens(db: Kysely<Database>, siteId: number): Promise<ApiToken[]> {
  const rows = await db.selectFrom('api_tokens').select(TOKEN_COLUMNS).where('site_id', '=', siteId).orderBy('id', 'desc').execute();
  return rows.flatMap((r) => toApiToken(r) ?? []);
}

/** Revokes a token. @returns whether it was live. */
export async function revokeApiTokenRow(db: Kysely<Database>, id: number, now: Date): Promise<boolean> {
  const result = await db.updateTable('api_tokens').set({ revoked_at: now.toISOString() }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Records the token's use (`last_used_at`). */
export async function touchApiToken(db: Kysely<Database>, id: number, now: Date): Promise<void> {
  await db.updateTable('api_tokens').set({ last_used_at: now.toISOString() }).where('id', '=', id).execute();
}

/** Whether there is a site with this id. */
export async function siteExists(db: Kysely<Database>, siteId: number): Promise<boolean> {
  return (await findSiteKey(db, siteId)) !== null;
}
