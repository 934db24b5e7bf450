/**
 * The second factor over HTTP on both engines: a chief editor with TOTP signs in only with the
 * current code (±1 step, never the same code twice); people whose roles require TOTP but who
 * have none get a session that can only set it up, read `me` and sign out.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from './database-harness.ts';
import { createTestApp, type TestApp } from './app-harness.ts';
import { buildSite } from './factories.ts';
import { createPerson, totpCodeFor, type TestPerson } from './auth-harness.ts';

const API = '/api/admin/v1';

describe.each(ENGINES)('TOTP (%s)', (engine) => {
  let t: TestApp;
  let site: { id: number; key: string };
  const start = new Date('2022-10-01T03:00:10.000Z');

  beforeAll(async () => {
    t = await createTestApp(engine, start);
    site = await buildSite(t.core.db);
  });
  afterAll(async () => t?.dispose());

  function signInWith(p: TestPerson, extra: Record<string, unknown> = {}) {
    return t.app.inject({ method: 'POST', url: `${API}/auth/sign-in`, headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ email: p.email, password: p.password, ...extra }) });
  }

  it('requires the code of a chief editor who has TOTP: missing, wrong, right, reused', async () => {
    t.now = start;
    const chief = await createPerson(t.core.db, { siteId: site.id, role: 'chief_editor' });
    expect(chief.totpSecret).not.toBeNull();

    const missing = await signInWith(chief);
    expect(missing.statusCode).toBe(401);
    expect(missing.json().errors[0].code).toBe('CONG_ERR_TOTP_REQUIRED');
    expect(missing.json().errors[0].message).toContain('mã xác thực');
    expect(missing.headers['set-cookie']).toBeUndefined();

    const right = await totpCodeFor(chief.totpSecret!, t.now);
    const wrongCode = right === '000000' ? '111111' : '000000';
    const wrong = await signInWith(chief, { totpCode: wrongCode });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().errors[0].code).toBe('CONG_ERR_TOTP_REQUIRED');
    expect(wrong.json().errors[0].message).toContain('không đúng');

    const ok = await signInWith(chief, { totpCode: right });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ stage: 'full', user: { totpEnabled: true } });

    // The same code again, within its window: refused (RFC 6238 §5.2).
    t.now = new Date(start.getTime() + 5000);
    const replay = await signInWith(chief, { totpCode: right });
    expect(replay.statusCode).toBe(401);
    expect(replay.json().errors[0].message).toContain('vừa được dùng');

    // Missing and wrong codes were failed attempts; the success in between was recorded too.
    const attempts = await t.core.db.selectFrom('sign_in_attempts').select(['succeeded']).where('email', '=', chief.email).orderBy('id').execute();
    expect(attempts.map((a) => a.succeeded)).toEqual([0, 0, 1, 0]);
    // The audit entry records the step, never the code or the secret.
    const entry = await t.core.db.selectFrom('audit_log').select('details').where('action', '=', 'user.sign_in').where('subject_id', '=', chief.userId).executeTakeFirstOrThrow();
    expect(entry.details).not.toContain(right);
    expect(entry.details).not.toContain(chief.totpSecret!);
  });

  it('accepts the previous and next 30-second step, not two steps away', async () => {
    const chief = await createPerson(t.core.db, { siteId: site.id, role: 'chief_editor' });
    const at = new Date('2022-10-02T03:00:10.000Z');
    t.now = at;
    const twoStepsAgo = await totpCodeFor(chief.totpSecret!, new Date(at.getTime() - 60_000));
    const current = await totpCodeFor(chief.totpSecret!, at);
    if (twoStepsAgo !== current) expect((await signInWith(chief, { totpCode: twoStepsAgo })).statusCode).toBe(401);
    const previous = await totpCodeFor(chief.totpSecret!, new Date(at.getTime() - 30_000));
    expect((await signInWith(chief, { totpCode: previous })).statusCode).toBe(200);
    t.now = new Date(at.getTime() + 60_000);
    const next = await totpCodeFor(chief.totpSecret!, new Date(t.now.getTime() + 30_000));
    expect((await signInWith(chief, { totpCode: next })).statusCode).toBe(200);
  });

  it('gives a site admin without TOTP a session that can only enrol, read `me` and sign out', async () => {
    t.now = new Date('2022-10-03T03:00:10.000Z');
    const admin = await createPerson(t.core.db, { siteId: site.id, role: 'site_admin', totp: false });
    const response = await signInWith(admin);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.stage).toBe('totp_enrolment');
    const cookie = `cong_session=${response.cookies[0]!.value}`;
    const headers = { cookie, 'x-csrf-token': body.csrfToken as string };

    const me = await t.app.inject({ method: 'GET', url: `${API}/auth/me`, headers: { cookie } });
    expect(me.statusCode).toBe(200);
    expect(me.json().stage).toBe('totp_enrolment');
    // Anything else: as if not signed in.
    for (const url of [`${API}/users?siteId=${site.id}`, `${API}/sites/${site.id}/tokens`, `${API}/auth/sessions`]) {
      const denied = await t.app.inject({ method: 'GET', url, headers: { cookie } });
      expect(denied.statusCode, url).toBe(401);
    }
    const write = await t.app.inject({ method: 'POST', url: `${API}/sites/${site.id}/tokens`, headers, payload: { name: 'Máy nhập tin', role: 'contributor' } });
    expect(write.statusCode).toBe(401);

    // Setup needs the CSRF token like any cookie write.
    expect((await t.app.inject({ method: 'POST', url: `${API}/auth/totp/setup`, headers: { cookie } })).statusCode).toBe(403);
    const setup = await t.app.inject({ method: 'POST', url: `${API}/auth/totp/setup`, headers });
    expect(setup.statusCode).toBe(200);
    const { secret, otpauthUri } = setup.json() as { secret: string; otpauthUri: string };
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(otpauthUri).toBe(`otpauth://totp/Cong:${encodeURIComponent(admin.email)}?secret=${secret}&issuer=Cong`);

    const wrong = await t.app.inject({ method: 'POST', url: `${API}/auth/totp/confirm`, headers, payload: { code: '12345' } });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors[0].field).toBe('code');
    const code = await totpCodeFor(secret, t.now);
    const other = code === '000000' ? '111111' : '000000';
    const bad = await t.app.inject({ method: 'POST', url: `${API}/auth/totp/confirm`, headers, payload: { code: other } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0]).toMatchObject({ field: 'code', message: expect.stringContaining('không đúng') });

    const confirmed = await t.app.inject({ method: 'POST', url: `${API}/auth/totp/confirm`, headers, payload: { code } });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json()).toMatchObject({ stage: 'full', user: { totpEnabled: true } });
    // The same session now has the person's full rights.
    expect((await t.app.inject({ method: 'GET', url: `${API}/users?siteId=${site.id}`, headers: { cookie } })).statusCode).toBe(200);
    // A second setup is refused: an admin must reset it first.
    expect((await t.app.inject({ method: 'POST', url: `${API}/auth/totp/setup`, headers })).statusCode).toBe(409);
    // And signing in now needs the code; the enrolment code itself cannot be replayed.
    expect((await signInWith(admin)).statusCode).toBe(401);
    expect((await signInWith(admin, { totpCode: code })).statusCode).toBe(401);
    t.now = new Date(t.now.getTime() + 30_000);
    expect((await signInWith(admin, { totpCode: await totpCodeFor(secret, t.now) })).statusCode).toBe(200);

    const actions = await t.core.db.selectFrom('audit_log').select('action').where('subject_id', '=', admin.userId).where('subject_type', '=', 'user').orderBy('id').execute();
    expect(actions.map((a) => a.action)).toEqual(['user.sign_in', 'user.totp.setup', 'user.totp.enable', 'user.sign_in']);
    const details = await t.core.db.selectFrom('audit_log').select('details').where('subject_id', '=', admin.userId).execute();
    expect(details.map((d) => d.details).join()).not.toContain(secret);
  });

  it('puts a person whose role now requires TOTP back into enrolment, mid-session', async () => {
    t.now = new Date('2022-10-04T03:00:10.000Z');
    const editor = await createPerson(t.core.db, { siteId: site.id, role: 'editor' });
    const response = await signInWith(editor);
    const cookie = `cong_session=${response.cookies[0]!.value}`;
    expect(response.json().stage).toBe('full');
    await t.core.db.insertInto('memberships').values({ user_id: editor.userId, site_id: site.id, role: 'chief_editor', created_at: t.now.toISOString() }).execute();
    const me = await t.app.inject({ method: 'GET', url: `${API}/auth/me`, headers: { cookie } });
    expect(me.json().stage).toBe('totp_enrolment');
  });
});
