/**
 * People, sessions and API tokens for tests. Use them in HTTP tests that need someone signed
 * in, on both engines:
 *
 * ```ts
 * const site = await buildSite(t.core.db);
 * const editor = await createPerson(t.core.db, { siteId: site.id, role: 'editor' });
 * const { headers } = await signIn(t, editor);                       // t: TestApp from createTestApp
 * await t.app.inject({ method: 'POST', url: '/api/admin/v1/…', headers, payload: {…} });
 * const token = await createApiToken(t.core.db, { siteId: site.id, role: 'contributor' });
 * await t.app.inject({ method: 'GET', url: '/api/admin/v1/…', headers: { authorization: `Bearer ${token}` } });
 * const actor = await actorFor(t.core.db, editor);                    // a MemberActor for core commands
 * ```
 *
 * People are written straight into the database (no audit entries) with a cheap Argon2 hash,
 * so tests stay fast; signing in goes through the real `POST /auth/sign-in`.
 * Chief editors, site admins and network admins get TOTP by default (their roles require it;
 * without it they would only get a `totp_enrolment` session): pass `totp: false` to test that.
 */
import argon2 from 'argon2';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../src/core/db/database.ts';
import type { MemberActor } from '../src/core/policy/actor.ts';
import type { Role } from '../src/core/policy/roles.ts';
import { normalizeText } from '../src/core/text/index.ts';
import { newTotpSecret, totpCodeAt } from '../src/core/users/totp.ts';
import { insertApiToken, insertMembership, insertSession, insertUser, loadMemberActor, updateUserTotp } from '../src/core/users/user.repository.ts';
import { apiTokenDisplayPrefix, hashToken, newApiTokenSecret, normalizeEmail, randomToken, requiresTotp } from '../src/core/users/user.ts';
import type { TestApp } from './app-harness.ts';

/** The password every test person gets unless told otherwise (Vietnamese, 24 characters). */
export const TEST_PASSWORD = 'mật khẩu thử nghiệm 2022';

/** A person made by {@link createPerson}. */
export interface TestPerson {
  userId: number;
  /** Stored form (lower-case). */
  email: string;
  displayName: string;
  password: string;
  /** Base32 TOTP secret when the person has a second factor, else null. */
  totpSecret: string | null;
}

/** What {@link createPerson} accepts; every field is optional. */
export interface PersonOptions {
  /** With `role`: one role on this site (`siteId` omitted or null with `role: 'network_admin'`). */
  siteId?: number | null;
  role?: Role;
  /** Several roles at once (added to `siteId`/`role` when both are given). */
  roles?: { siteId: number | null; role: Role }[];
  email?: string;
  displayName?: string;
  password?: string;
  organisationId?: number | null;
  /** Whether the person has TOTP on. Default: true when a role requires it (roles.ts), else false. */
  totp?: boolean;
  /** Default false. */
  mustChangePassword?: boolean;
  /** Default `active`. */
  status?: 'active' | 'disabled';
}

let counter = 0;

/**
 * Creates a person with the given roles.
 * @returns their id, e-mail, password and TOTP secret (or null).
 */
export async function createPerson(db: Kysely<Database>, options: PersonOptions = {}): Promise<TestPerson> {
  const n = ++counter;
  const email = normalizeEmail(options.email ?? `nguoi-thu-${n}-${Math.random().toString(36).slice(2, 8)}@mic.gov.vn`);
  const displayName = options.displayName ?? `Người thử nghiệm ${n}`;
  const password = options.password ?? TEST_PASSWORD;
  const roles = [...(options.roles ?? []), ...(options.role ? [{ siteId: options.siteId ?? null, role: options.role }] : [])];
  const totp = options.totp ?? requiresTotp(roles.map((r) => r.role));
  // Cheap parameters keep tests fast; verification reads them from the hash itself.
  const passwordHash = await argon2.hash(normalizeText(password), { type: argon2.argon2id, memoryCost: 1024, timeCost: 1, parallelism: 1 });
  const now = new Date('2022-01-01T00:00:00.000Z');
  const userId = await insertUser(db, { email, displayName, organisationId: options.organisationId ?? null, passwordHash, mustChangePassword: options.mustChangePassword ?? false }, now);
  for (const r of roles) await insertMembership(db, userId, r.siteId, r.role, now);
  let totpSecret: string | null = null;
  if (totp) {
    totpSecret = newTotpSecret();
    await updateUserTotp(db, userId, totpSecret, true, now);
  }
  if (options.status === 'disabled') await db.updateTable('users').set({ status: 'disabled' }).where('id', '=', userId).execute();
  return { userId, email, displayName, password, totpSecret };
}

/** The TOTP code of `secret` at instant `at` (use the test app's `now`). */
export async function totpCodeFor(secret: string, at: Date): Promise<string> {
  return totpCodeAt(secret, at);
}

/** A signed-in session, ready for `app.inject`. */
export interface TestSession {
  /** For a `cookie` request header: `cong_session=…`. */
  cookie: string;
  csrfToken: string;
  /** Both headers at once: spread into `inject({ headers })`. */
  headers: { cookie: string; 'x-csrf-token': string };
}

function sessionOf(token: string, csrfToken: string): TestSession {
  const cookie = `cong_session=${token}`;
  return { cookie, csrfToken, headers: { cookie, 'x-csrf-token': csrfToken } };
}

/**
 * Signs a person in through `POST /api/admin/v1/auth/sign-in`.
 *
 * For a person with TOTP and no `totpCode` given, the session is written straight into the
 * database instead (a code may be used only once per 30-second step, and tests often sign the
 * same person in several times at one fixed instant); that needs the {@link TestApp}. Pass
 * `totpCode` to go through the real check.
 * @param target the test app (or a bare Fastify instance for people without TOTP).
 * @throws Error with the answer's body when sign-in does not answer 200.
 */
export async function signIn(target: TestApp | FastifyInstance, person: TestPerson, options: { totpCode?: string } = {}): Promise<TestSession> {
  const testApp = 'core' in target && 'app' in target ? (target as TestApp) : null;
  const app = testApp ? testApp.app : (target as FastifyInstance);
  if (person.totpSecret && options.totpCode === undefined) {
    if (!testApp) throw new Error('signIn: a person with TOTP needs the TestApp (or an explicit totpCode)');
    const token = randomToken(32);
    const csrfToken = randomToken(32);
    const now = testApp.now;
    await insertSession(testApp.core.db, {
      id: hashToken(token),
      userId: person.userId,
      stage: 'full',
      csrfToken,
      address: '127.0.0.1',
      userAgent: 'test',
      createdAt: now.toISOString(),
      lastSeenAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + testApp.core.config.sessionMaxMs).toISOString(),
    });
    return sessionOf(token, csrfToken);
  }
  const response = await app.inject({
    method: 'POST',
    url: '/api/admin/v1/auth/sign-in',
    headers: { 'content-type': 'application/json' },
    payload: JSON.stringify({ email: person.email, password: person.password, ...(options.totpCode !== undefined ? { totpCode: options.totpCode } : {}) }),
  });
  if (response.statusCode !== 200) throw new Error(`signIn: ${response.statusCode} ${response.body}`);
  const cookie = response.cookies.find((c) => c.name === 'cong_session');
  if (!cookie) throw new Error('signIn: no cong_session cookie in the answer');
  return sessionOf(cookie.value, (response.json() as { csrfToken: string }).csrfToken);
}

/**
 * Creates an API token for a site and role, written straight into the database.
 * @returns the token (`cong_…`) for an `authorization: Bearer …` header.
 */
export async function createApiToken(db: Kysely<Database>, options: { siteId: number; role: Role; name?: string; expiresAt?: Date | null }): Promise<string> {
  const secret = newApiTokenSecret();
  await insertApiToken(
    db,
    { name: options.name ?? `Khoá thử nghiệm ${++counter}`, siteId: options.siteId, role: options.role, prefix: apiTokenDisplayPrefix(secret), tokenHash: hashToken(secret), createdByUserId: null, expiresAt: options.expiresAt ?? null },
    new Date('2022-01-01T00:00:00.000Z'),
  );
  return secret;
}

/** The person as a {@link MemberActor} (no session), for calling core commands directly. */
export async function actorFor(db: Kysely<Database>, person: TestPerson): Promise<MemberActor> {
  const actor = await loadMemberActor(db, person.userId, null);
  if (!actor) throw new Error(`actorFor: person ${person.userId} is missing or disabled`);
  return actor;
}
