/**
 * The people and token endpoints over HTTP on both engines: who sees whom, adding people,
 * giving and taking roles, resetting, disabling, TOTP resets, tokens shown once and stored
 * hashed — with the denials for members of other sites, and an audit entry for each act.
 */
import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from './database-harness.ts';
import { createTestApp, type TestApp } from './app-harness.ts';
import { buildSite } from './factories.ts';
import { createPerson, signIn, type TestPerson, type TestSession } from './auth-harness.ts';

const API = '/api/admin/v1';

describe.each(ENGINES)('people and tokens API (%s)', (engine) => {
  let t: TestApp;
  let siteA: { id: number; key: string };
  let siteB: { id: number; key: string };
  let adminA: TestPerson;
  let adminB: TestPerson;
  let network: TestPerson;
  let editorA: TestPerson;
  let sharedPerson: TestPerson;
  let asAdminA: TestSession;
  let asAdminB: TestSession;
  let asNetwork: TestSession;
  let asEditorA: TestSession;

  beforeAll(async () => {
    t = await createTestApp(engine);
    siteA = await buildSite(t.core.db);
    siteB = await buildSite(t.core.db);
    adminA = await createPerson(t.core.db, { siteId: siteA.id, role: 'site_admin', displayName: 'Quản trị A' });
    adminB = await createPerson(t.core.db, { siteId: siteB.id, role: 'site_admin' });
    network = await createPerson(t.core.db, { role: 'network_admin', displayName: 'Quản trị hệ thống' });
    editorA = await createPerson(t.core.db, { siteId: siteA.id, role: 'editor' });
    sharedPerson = await createPerson(t.core.db, { roles: [{ siteId: siteA.id, role: 'contributor' }, { siteId: siteB.id, role: 'focal_point' }] });
    asAdminA = await signIn(t, adminA);
    asAdminB = await signIn(t, adminB);
    asNetwork = await signIn(t, network);
    asEditorA = await signIn(t, editorA);
  });
  afterAll(async () => t?.dispose());

  const get = (url: string, s: TestSession) => t.app.inject({ method: 'GET', url: API + url, headers: { cookie: s.cookie } });
  const send = (method: 'POST' | 'DELETE', url: string, s: TestSession, payload?: unknown) =>
    t.app.inject({ method, url: API + url, headers: s.headers, ...(payload !== undefined ? { payload: payload as object } : {}) });
  const auditOf = async (action: string, subjectId: number) =>
    t.core.db.selectFrom('audit_log').selectAll().where('action', '=', action).where('subject_id', '=', subjectId).execute();

  it('shows a site admin their site’s people with only that site’s roles; a network admin everyone', async () => {
    const list = await get(`/users?siteId=${siteA.id}`, asAdminA);
    expect(list.statusCode).toBe(200);
    const items = list.json().items as { id: number; grants: { siteId: number }[]; allowedActions: string[] }[];
    const ids = items.map((i) => i.id);
    expect(ids).toEqual(expect.arrayContaining([adminA.userId, editorA.userId, sharedPerson.userId]));
    expect(ids).not.toContain(adminB.userId);
    expect(ids).not.toContain(network.userId);
    const shared = items.find((i) => i.id === sharedPerson.userId)!;
    expect(shared.grants.map((g) => g.siteId)).toEqual([siteA.id]); // the role on B stays hidden
    expect(shared.allowedActions).toEqual(['manage_roles']); // holds a role elsewhere: no reset
    expect(items.find((i) => i.id === editorA.userId)!.allowedActions).toEqual(expect.arrayContaining(['reset_password', 'disable']));
    // Without siteId: the sites they administer.
    expect(((await get('/users', asAdminA)).json().items as { id: number }[]).map((i) => i.id).sort()).toEqual(ids.sort());

    expect((await get(`/users?siteId=${siteB.id}`, asAdminA)).statusCode).toBe(404);
    expect((await get(`/users?siteId=${siteA.id}`, asEditorA)).statusCode).toBe(403);
    expect((await get('/users', asEditorA)).statusCode).toBe(403);
    expect((await get(`/users/${adminB.userId}`, asAdminA)).statusCode).toBe(404);

    const all = (await get('/users', asNetwork)).json().items as { id: number; grants: unknown[] }[];
    expect(all.map((i) => i.id)).toEqual(expect.arrayContaining([adminA.userId, adminB.userId, network.userId, sharedPerson.userId]));
    expect(all.find((i) => i.id === sharedPerson.userId)!.grants).toHaveLength(2);
    // No secrets anywhere.
    const stored = await t.core.db.selectFrom('users').select(['password_hash', 'totp_secret']).where('id', '=', adminA.userId).executeTakeFirstOrThrow();
    const everything = JSON.stringify(all);
    expect(everything).not.toContain(stored.password_hash);
    expect(everything).not.toContain(stored.totp_secret!);
    expect(everything).not.toMatch(/passwordHash|password_hash|totpSecret|totp_secret/);
  });

  it('lets a site admin add a person to their site with a generated password, shown once', async () => {
    const response = await send('POST', '/users', asAdminA, { email: '  Tran.Van.Binh@LangSon.gov.vn ', displayName: 'Trần Văn Bình', siteId: siteA.id, role: 'editor' });
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body.user).toMatchObject({ email: 'tran.van.binh@langson.gov.vn', displayName: 'Trần Văn Bình', mustChangePassword: true, grants: [{ siteId: siteA.id, role: 'editor' }] });
    expect(body.generatedPassword).toMatch(/^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/);
    expect(body.totpEnrolmentRequired).toBe(false);
    const entries = await auditOf('user.add', body.user.id);
    expect(entries).toHaveLength(1);
    expect(entries[0]!.actor_label).toBe('Quản trị A');
    expect(entries[0]!.site_id).toBe(siteA.id);
    expect(entries[0]!.details).not.toContain(body.generatedPassword);
    // The person signs in with it and is told to change it.
    const session = await signIn(t, { userId: body.user.id, email: body.user.email, displayName: 'Trần Văn Bình', password: body.generatedPassword, totpSecret: null });
    expect((await get('/auth/me', session)).json().user.mustChangePassword).toBe(true);

    // The same e-mail again, in any case: refused, naming the field.
    const again = await send('POST', '/users', asAdminA, { email: 'TRAN.VAN.BINH@langson.gov.vn', displayName: 'Ai đó', siteId: siteA.id, role: 'editor' });
    expect(again.statusCode).toBe(400);
    expect(again.json().errors[0]).toMatchObject({ field: 'email', message: 'Đã có tài khoản dùng địa chỉ e-mail này' });
    // A chief editor added: TOTP awaits them.
    const chief = await send('POST', '/users', asAdminA, { email: 'truong.ban@langson.gov.vn', displayName: 'Trưởng ban', siteId: siteA.id, role: 'chief_editor', password: 'mật khẩu ban đầu dài' });
    expect(chief.json()).toMatchObject({ generatedPassword: null, totpEnrolmentRequired: true });
  });

  it('refuses adding people where the caller has no say, and bad input, changing nothing', async () => {
    const count = async () => (await t.core.db.selectFrom('users').select('id').execute()).length;
    const before = await count();
    expect((await send('POST', '/users', asAdminA, { email: 'a1@x.vn', displayName: 'A', siteId: siteB.id, role: 'editor' })).statusCode).toBe(404);
    expect((await send('POST', '/users', asAdminA, { email: 'a2@x.vn', displayName: 'A', role: 'network_admin' })).statusCode).toBe(403);
    expect((await send('POST', '/users', asEditorA, { email: 'a3@x.vn', displayName: 'A', siteId: siteA.id, role: 'contributor' })).statusCode).toBe(403);
    const noRole = await send('POST', '/users', asAdminA, { email: 'a4@x.vn', displayName: 'A' });
    expect(noRole.statusCode).toBe(400);
    expect(noRole.json().errors[0].field).toBe('role');
    const bad = await send('POST', '/users', asAdminA, { email: 'không-phải-email', displayName: 'x'.repeat(121), password: 'ngắn', siteId: siteA.id, role: 'biên tập' });
    expect(bad.statusCode).toBe(400);
    expect((bad.json().errors as { field: string }[]).map((e) => e.field).sort()).toEqual(['displayName', 'email', 'password', 'role']);
    expect(await count()).toBe(before);
  });

  it('gives and takes roles on the caller’s site only; network_admin only by a network admin', async () => {
    const person = await createPerson(t.core.db, { siteId: siteA.id, role: 'contributor' });
    const granted = await send('POST', `/users/${person.userId}/roles`, asAdminA, { siteId: siteA.id, role: 'editor' });
    expect(granted.statusCode).toBe(200);
    expect((granted.json().grants as { role: string }[]).map((g) => g.role).sort()).toEqual(['contributor', 'editor']);
    expect(await auditOf('user.role.grant', person.userId)).toHaveLength(1);
    // Again: nothing changes, no second entry.
    expect((await send('POST', `/users/${person.userId}/roles`, asAdminA, { siteId: siteA.id, role: 'editor' })).statusCode).toBe(200);
    expect(await auditOf('user.role.grant', person.userId)).toHaveLength(1);

    expect((await send('POST', `/users/${person.userId}/roles`, asAdminB, { siteId: siteA.id, role: 'chief_editor' })).statusCode).toBe(404);
    expect((await send('POST', `/users/${person.userId}/roles`, asEditorA, { siteId: siteA.id, role: 'chief_editor' })).statusCode).toBe(403);
    expect((await send('POST', `/users/${person.userId}/roles`, asAdminA, { siteId: null, role: 'network_admin' })).statusCode).toBe(403);
    const withSite = await send('POST', `/users/${person.userId}/roles`, asNetwork, { siteId: siteA.id, role: 'network_admin' });
    expect(withSite.statusCode).toBe(400);
    expect(withSite.json().errors[0].field).toBe('siteId');
    const noSite = await send('POST', `/users/${person.userId}/roles`, asAdminA, { role: 'editor' });
    expect(noSite.statusCode).toBe(400);
    expect(noSite.json().errors[0].field).toBe('siteId');

    const removed = await send('DELETE', `/users/${person.userId}/roles`, asAdminA, { siteId: siteA.id, role: 'editor' });
    expect(removed.statusCode).toBe(200);
    expect((removed.json().grants as { role: string }[]).map((g) => g.role)).toEqual(['contributor']);
    expect(await auditOf('user.role.revoke', person.userId)).toHaveLength(1);
    expect((await send('DELETE', `/users/${person.userId}/roles`, asAdminA, { siteId: siteA.id, role: 'editor' })).statusCode).toBe(404);

    // The last network admin keeps the role.
    const last = await send('DELETE', `/users/${network.userId}/roles`, asNetwork, { siteId: null, role: 'network_admin' });
    expect(last.statusCode).toBe(409);
  });

  it('lets a site admin reset, disable and enable only people who are wholly theirs', async () => {
    // Someone who also holds a role on site B: only a network admin may reset them.
    const denied = await send('POST', `/users/${sharedPerson.userId}/reset-password`, asAdminA, {});
    expect(denied.statusCode).toBe(403);
    expect(denied.json().errors[0].message).toContain('quản trị hệ thống');
    expect((await send('POST', `/users/${adminB.userId}/reset-password`, asAdminA, {})).statusCode).toBe(404);
    expect((await send('POST', `/users/${sharedPerson.userId}/reset-password`, asNetwork, { password: 'mật khẩu do quản trị đặt' })).json()).toMatchObject({ generatedPassword: null });

    const person = await createPerson(t.core.db, { siteId: siteA.id, role: 'editor' });
    const session = await signIn(t, person);
    const disabled = await send('POST', `/users/${person.userId}/disable`, asAdminA);
    expect(disabled.statusCode).toBe(200);
    expect(disabled.json()).toMatchObject({ status: 'disabled', allowedActions: expect.arrayContaining(['enable']) });
    expect((await get('/auth/me', session)).statusCode).toBe(401);
    const refused = await t.app.inject({ method: 'POST', url: `${API}/auth/sign-in`, headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ email: person.email, password: person.password }) });
    expect(refused.statusCode).toBe(403);
    expect((await send('POST', `/users/${person.userId}/enable`, asAdminA)).json().status).toBe('active');
    expect((await signIn(t, person)).cookie).toMatch(/^cong_session=/);
    expect((await auditOf('user.disable', person.userId)).map((e) => JSON.parse(e.details))).toEqual([{ sessionsRevoked: 1 }]);
    expect(await auditOf('user.enable', person.userId)).toHaveLength(1);
    // Nobody disables themselves.
    const self = await send('POST', `/users/${adminA.userId}/disable`, asAdminA);
    expect(self.statusCode).toBe(400);
  });

  it('resets a person’s TOTP: their sessions end and they enrol again at the next sign-in', async () => {
    const chief = await createPerson(t.core.db, { siteId: siteA.id, role: 'chief_editor' });
    const session = await signIn(t, chief);
    const reset = await send('POST', `/users/${chief.userId}/reset-totp`, asAdminA);
    expect(reset.statusCode).toBe(200);
    expect(reset.json().totpEnabled).toBe(false);
    expect((await get('/auth/me', session)).statusCode).toBe(401);
    const again = await signIn(t, { ...chief, totpSecret: null });
    expect((await get('/auth/me', again)).json().stage).toBe('totp_enrolment');
    expect(await auditOf('user.totp.reset', chief.userId)).toHaveLength(1);
    expect((await send('POST', `/users/${chief.userId}/reset-totp`, asAdminB)).statusCode).toBe(404);
  });

  it('creates a token shown once and stored as its SHA-256, lists it without the secret, revokes it', async () => {
    const created = await send('POST', `/sites/${siteA.id}/tokens`, asAdminA, { name: 'Hệ thống một cửa', role: 'contributor', expiresAt: '2030-12-31T17:00:00+07:00' });
    expect(created.statusCode, created.body).toBe(201);
    const body = created.json();
    expect(body).toMatchObject({ name: 'Hệ thống một cửa', siteId: siteA.id, role: 'contributor', state: 'active', expiresAt: '2030-12-31T10:00:00.000Z', allowedActions: ['revoke'] });
    const secret = body.token as string;
    expect(secret).toMatch(/^cong_[A-Za-z0-9_-]{43}$/);
    expect(body.display).toBe(`cong_${secret.slice(5, 13)}…`);
    const row = await t.core.db.selectFrom('api_tokens').selectAll().where('id', '=', body.id).executeTakeFirstOrThrow();
    expect(row.token_hash).toBe(crypto.createHash('sha256').update(secret).digest('hex'));
    expect(row.prefix).toBe(secret.slice(5, 13));
    expect(JSON.stringify(row)).not.toContain(secret);
    expect(row.created_by_user_id).toBe(adminA.userId);

    const list = await get(`/sites/${siteA.id}/tokens`, asAdminA);
    expect(list.statusCode).toBe(200);
    const text = list.body;
    expect(text).toContain('Hệ thống một cửa');
    expect(text).not.toContain(secret);
    expect(text).not.toContain(row.token_hash);

    const usable = await t.app.inject({ method: 'GET', url: `${API}/users?siteId=${siteA.id}`, headers: { authorization: `Bearer ${secret}` } });
    expect(usable.statusCode).toBe(403); // a contributor token may not list people: authenticated, not allowed

    expect((await send('DELETE', `/tokens/${body.id}`, asAdminB)).statusCode).toBe(404);
    expect((await send('DELETE', `/tokens/${body.id}`, asEditorA)).statusCode).toBe(403);
    const revoked = await send('DELETE', `/tokens/${body.id}`, asAdminA);
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json()).toMatchObject({ state: 'revoked', allowedActions: [] });
    expect((await t.app.inject({ method: 'GET', url: `${API}/auth/me`, headers: { authorization: `Bearer ${secret}` } })).statusCode).toBe(401);
    expect((await auditOf('api_token.create', body.id))[0]!.details).not.toContain(secret);
    expect(await auditOf('api_token.revoke', body.id)).toHaveLength(1);

    // Bad input names the field; a token for another site's admin is "not found".
    const bad = await send('POST', `/sites/${siteA.id}/tokens`, asAdminA, { name: '', role: 'network_admin', expiresAt: '31/12/2030' });
    expect((bad.json().errors as { field: string }[]).map((e) => e.field).sort()).toEqual(['expiresAt', 'name', 'role']);
    expect((await send('POST', `/sites/${siteB.id}/tokens`, asAdminA, { name: 'x', role: 'editor' })).statusCode).toBe(404);
    const past = await send('POST', `/sites/${siteA.id}/tokens`, asAdminA, { name: 'x', role: 'editor', expiresAt: '2020-01-01T00:00:00Z' });
    expect(past.json().errors[0].field).toBe('expiresAt');
  });

  it('describes the endpoints in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/docs' })).json() as { paths: Record<string, Record<string, unknown>> };
    for (const path of ['/auth/sign-in', '/auth/me', '/auth/totp/setup', '/auth/totp/confirm', '/auth/password', '/auth/sessions', '/users', '/users/{id}/roles', '/sites/{siteId}/tokens', '/tokens/{id}']) {
      expect(doc.paths[API + path], path).toBeDefined();
    }
  });
});
