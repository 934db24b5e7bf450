/**
 * The people commands on both engines, below HTTP: input rules (NFC, code-point lengths,
 * lower-cased e-mail), who may manage whom, the member actor others build on, TOTP replay under
 * concurrency, and how often sessions and tokens are touched.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ForbiddenError, NotFoundError, TotpRequiredError, ValidationError } from '../src/core/errors.ts';
import { systemActor, type Actor } from '../src/core/policy/actor.ts';
import { addUser } from '../src/core/users/add-user.ts';
import { authenticateApiToken, authenticateSession } from '../src/core/users/authenticate.ts';
import { grantRole } from '../src/core/users/grant-role.ts';
import { resetPassword } from '../src/core/users/reset-password.ts';
import { signIn } from '../src/core/users/sign-in.ts';
import { findSession, loadMemberActor } from '../src/core/users/user.repository.ts';
import type { UsersDeps } from '../src/core/users/user.ts';
import { ENGINES, createTestDatabase, type TestDatabase } from './database-harness.ts';
import { buildSite } from './factories.ts';
import { actorFor, createApiToken, createPerson, totpCodeFor } from './auth-harness.ts';

describe.each(ENGINES)('people commands (%s)', (engine) => {
  let db: TestDatabase;
  let siteA: number;
  let siteB: number;
  const state = { now: new Date('2022-10-01T03:00:10.000Z') };
  const deps = (): UsersDeps => ({ db: db.db, clock: () => state.now });
  const cli: Actor = systemActor('cli');

  beforeAll(async () => {
    db = await createTestDatabase(engine);
    siteA = (await buildSite(db.db)).id;
    siteB = (await buildSite(db.db)).id;
  });
  afterAll(async () => db?.dispose());

  it('stores e-mail lower-cased and trimmed, names NFC, and counts lengths in characters after NFC', async () => {
    const nfdName = 'Nguyễn Thị Thu Hương'.normalize('NFD');
    const result = await addUser(deps(), cli, { email: '  Huong.NT@Mic.Gov.VN ', displayName: `  ${nfdName}  `, password: 'mậtkhẩu12345'.normalize('NFD'), siteId: siteA, role: 'editor' });
    expect(result.user.email).toBe('huong.nt@mic.gov.vn');
    expect(result.user.displayName).toBe('Nguyễn Thị Thu Hương');
    expect(result.user.displayName).toBe(result.user.displayName.normalize('NFC'));
    // 12 characters in NFC (more code units in NFD): accepted, and the NFC spelling signs in.
    expect((await signIn(deps(), { email: 'HUONG.NT@mic.gov.vn', password: 'mậtkhẩu12345' }, { address: '10.0.0.1' })).user.id).toBe(result.user.id);

    const longName = 'ệ'.repeat(120).normalize('NFD');
    await expect(addUser(deps(), cli, { email: 'dai@mic.gov.vn', displayName: longName, siteId: siteA, role: 'editor' })).resolves.toBeDefined();
    const tooLong = addUser(deps(), cli, { email: 'dai2@mic.gov.vn', displayName: `${longName}a`, siteId: siteA, role: 'editor' });
    await expect(tooLong).rejects.toBeInstanceOf(ValidationError);
    await expect(tooLong).rejects.toMatchObject({ issues: [{ path: 'displayName', message: 'Họ tên tối đa 120 ký tự' }] });
    await expect(addUser(deps(), cli, { email: 'ngan@mic.gov.vn', displayName: 'Ngắn', password: 'mậtkhẩu1234', siteId: siteA, role: 'editor' })).rejects.toMatchObject({
      issues: [{ path: 'password', message: 'Mật khẩu phải có ít nhất 12 ký tự' }],
    });
    const organisationMissing = addUser(deps(), cli, { email: 'org@mic.gov.vn', displayName: 'Cơ quan', organisationId: 999_999, siteId: siteA, role: 'editor' });
    await expect(organisationMissing).rejects.toMatchObject({ issues: [{ path: 'organisationId' }] });
  });

  it('builds the member actor others act with: every grant, none for a disabled person', async () => {
    const person = await createPerson(db.db, { roles: [{ siteId: siteA, role: 'editor' }, { siteId: siteB, role: 'contributor' }], displayName: 'Lê Văn Cường' });
    const actor = await loadMemberActor(db.db, person.userId, 'abc');
    expect(actor).toEqual({
      kind: 'member',
      userId: person.userId,
      displayName: 'Lê Văn Cường',
      email: person.email,
      organisationId: null,
      grants: [{ siteId: siteA, role: 'editor' }, { siteId: siteB, role: 'contributor' }],
      sessionId: 'abc',
    });
    const disabled = await createPerson(db.db, { siteId: siteA, role: 'editor', status: 'disabled' });
    expect(await loadMemberActor(db.db, disabled.userId, null)).toBeNull();
    expect(await loadMemberActor(db.db, 987_654, null)).toBeNull();
  });

  it('lets a site admin manage only people wholly on their site; others are invisible or refused', async () => {
    const admin = await actorFor(db.db, await createPerson(db.db, { siteId: siteA, role: 'site_admin' }));
    const own = await createPerson(db.db, { siteId: siteA, role: 'contributor' });
    const shared = await createPerson(db.db, { roles: [{ siteId: siteA, role: 'contributor' }, { siteId: siteB, role: 'editor' }] });
    const stranger = await createPerson(db.db, { siteId: siteB, role: 'editor' });
    const networkAdmin = await createPerson(db.db, { role: 'network_admin' });
    await expect(resetPassword(deps(), admin, own.userId)).resolves.toMatchObject({ generatedPassword: expect.any(String) });
    await expect(resetPassword(deps(), admin, shared.userId)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(resetPassword(deps(), admin, stranger.userId)).rejects.toBeInstanceOf(NotFoundError);
    await expect(resetPassword(deps(), admin, networkAdmin.userId)).rejects.toBeInstanceOf(NotFoundError);
    // Giving a role on site B is not theirs to do; nor is pulling someone from B into A (a
    // network admin's act: otherwise ids could be walked to read every e-mail of the network).
    await expect(grantRole(deps(), admin, stranger.userId, { siteId: siteB, role: 'chief_editor' })).rejects.toBeInstanceOf(NotFoundError);
    await expect(grantRole(deps(), admin, stranger.userId, { siteId: siteA, role: 'contributor' })).rejects.toBeInstanceOf(NotFoundError);
    await expect(grantRole(deps(), admin, shared.userId, { siteId: siteA, role: 'editor' })).resolves.toMatchObject({ changed: true });
    // An editor of A may not manage anyone.
    const editor = await actorFor(db.db, await createPerson(db.db, { siteId: siteA, role: 'editor' }));
    await expect(resetPassword(deps(), editor, own.userId)).rejects.toBeInstanceOf(ForbiddenError);
    // Nothing was written for the refused acts.
    const resets = await db.db.selectFrom('audit_log').select('subject_id').where('action', '=', 'user.password.reset').execute();
    expect(resets.map((r) => r.subject_id)).toEqual([own.userId]);
  });

  it('accepts one TOTP code once, even when two sign-ins race with it', async () => {
    state.now = new Date('2022-10-05T03:00:10.000Z');
    const chief = await createPerson(db.db, { siteId: siteA, role: 'chief_editor' });
    const code = await totpCodeFor(chief.totpSecret!, state.now);
    const results = await Promise.allSettled([
      signIn(deps(), { email: chief.email, password: chief.password, totpCode: code }, { address: '10.0.0.2' }),
      signIn(deps(), { email: chief.email, password: chief.password, totpCode: code }, { address: '10.0.0.3' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(TotpRequiredError);
  });

  it('moves a session’s idle expiry and a token’s last use at most once a minute', async () => {
    state.now = new Date('2022-10-06T03:00:00.000Z');
    const person = await createPerson(db.db, { siteId: siteA, role: 'editor' });
    const { token, session } = await signIn(deps(), { email: person.email, password: person.password }, { address: '10.0.0.4' });
    state.now = new Date('2022-10-06T03:00:30.000Z');
    expect(await authenticateSession(deps(), token)).not.toBeNull();
    expect((await findSession(db.db, session.id))!.lastSeenAt).toBe('2022-10-06T03:00:00.000Z');
    state.now = new Date('2022-10-06T03:01:00.000Z');
    await authenticateSession(deps(), token);
    expect((await findSession(db.db, session.id))!.lastSeenAt).toBe('2022-10-06T03:01:00.000Z');
    expect(await authenticateSession(deps(), `${token}x`)).toBeNull();

    const secret = await createApiToken(db.db, { siteId: siteA, role: 'editor' });
    const used = async () => (await db.db.selectFrom('api_tokens').select('last_used_at').where('prefix', '=', secret.slice(5, 13)).executeTakeFirstOrThrow()).last_used_at;
    const { actor } = await authenticateApiToken(deps(), secret);
    expect(actor).toMatchObject({ kind: 'token', siteId: siteA, role: 'editor' });
    expect(await used()).toBe('2022-10-06T03:01:00.000Z');
    state.now = new Date('2022-10-06T03:01:59.000Z');
    await authenticateApiToken(deps(), secret);
    expect(await used()).toBe('2022-10-06T03:01:00.000Z');
    state.now = new Date('2022-10-06T03:02:00.000Z');
    await authenticateApiToken(deps(), secret);
    expect(await used()).toBe('2022-10-06T03:02:00.000Z');
  });
});
