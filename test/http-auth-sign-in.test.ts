/**
 * Sign-in over HTTP on both engines: the answer and the cookie, one message for an unknown
 * account and a wrong password, JSON only, disabled accounts, "must change password", and
 * the `me` answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/core/config.ts';
import { ENGINES } from './database-harness.ts';
import { createTestApp, type TestApp } from './app-harness.ts';
import { buildSite } from './factories.ts';
import { createPerson, signIn } from './auth-harness.ts';

const SIGN_IN = '/api/admin/v1/auth/sign-in';
const ME = '/api/admin/v1/auth/me';

function postJson(t: TestApp, url: string, body: unknown, headers: Record<string, string> = {}) {
  return t.app.inject({ method: 'POST', url, headers: { 'content-type': 'application/json', ...headers }, payload: JSON.stringify(body) });
}

describe('the session cookie setting', () => {
  it('is Secure when the public URL is https, or when CONG_COOKIE_SECURE says so', () => {
    expect(loadConfig({ CONG_PUBLIC_URL: 'http://127.0.0.1:3000' }).cookieSecure).toBe(false);
    expect(loadConfig({ CONG_PUBLIC_URL: 'https://mic.gov.vn' }).cookieSecure).toBe(true);
    expect(loadConfig({ CONG_PUBLIC_URL: 'https://mic.gov.vn', CONG_COOKIE_SECURE: '0' }).cookieSecure).toBe(false);
    expect(loadConfig({ CONG_COOKIE_SECURE: '1' }).cookieSecure).toBe(true);
    expect(() => loadConfig({ CONG_COOKIE_SECURE: 'yes' })).toThrow(/CONG_COOKIE_SECURE/);
    const defaults = loadConfig({});
    expect(defaults.sessionIdleMs).toBe(12 * 3_600_000);
    expect(defaults.sessionMaxMs).toBe(7 * 86_400_000);
  });
});

describe.each(ENGINES)('sign-in (%s)', (engine) => {
  let t: TestApp;
  let site: { id: number; key: string };

  beforeAll(async () => {
    t = await createTestApp(engine);
    site = await buildSite(t.core.db);
  });
  afterAll(async () => t?.dispose());

  it('answers the person, their roles, the stage and a CSRF token, and sets a strict HttpOnly cookie', async () => {
    const person = await createPerson(t.core.db, { siteId: site.id, role: 'editor', displayName: 'Nguyễn Thị Hồng' });
    const response = await postJson(t, SIGN_IN, { email: person.email.toUpperCase(), password: person.password });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toEqual({
      user: { id: person.userId, email: person.email, displayName: 'Nguyễn Thị Hồng', organisationId: null, totpEnabled: false, mustChangePassword: false },
      grants: [{ siteId: site.id, siteKey: site.key, role: 'editor', roleLabel: 'Biên tập viên' }],
      stage: 'full',
      csrfToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
    });
    const setCookie = String(response.headers['set-cookie']);
    expect(setCookie).toMatch(/^cong_session=[A-Za-z0-9_-]{43};/);
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Strict');
    expect(setCookie).toContain('Path=/');
    expect(setCookie).not.toContain('Secure'); // the test app's public URL is http
    expect(response.headers['cache-control']).toBe('no-store');

    // The cookie is a session: `me` answers the same, CSRF token included (an SPA reload gets it).
    const cookie = `cong_session=${response.cookies[0]!.value}`;
    const me = await t.app.inject({ method: 'GET', url: ME, headers: { cookie } });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toEqual(body);

    // Only the token's hash is stored, and the sign-in is in the audit log.
    const stored = await t.core.db.selectFrom('sessions').select(['id', 'user_id']).where('user_id', '=', person.userId).execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.id).toMatch(/^[0-9a-f]{64}$/);
    expect(stored[0]!.id).not.toBe(response.cookies[0]!.value);
    const audit = await t.core.db.selectFrom('audit_log').selectAll().where('action', '=', 'user.sign_in').where('subject_id', '=', person.userId).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor_label).toBe('Nguyễn Thị Hồng');
    expect(audit[0]!.details).not.toContain(person.password);
  });

  it('answers an unknown e-mail and a wrong password with the same status, code and message', async () => {
    const person = await createPerson(t.core.db, { siteId: site.id, role: 'contributor' });
    const wrong = await postJson(t, SIGN_IN, { email: person.email, password: 'không phải mật khẩu này' }, {});
    const unknown = await postJson(t, SIGN_IN, { email: 'khong-co-ai@mic.gov.vn', password: person.password });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json()).toEqual({ errors: [{ code: 'CONG_ERR_UNAUTHENTICATED', message: 'Sai e-mail hoặc mật khẩu' }] });
    expect(wrong.headers['set-cookie']).toBeUndefined();
    // Both count as failed attempts.
    const attempts = await t.core.db.selectFrom('sign_in_attempts').select(['email', 'succeeded']).where('succeeded', '=', 0).execute();
    expect(attempts.map((a) => a.email)).toEqual(expect.arrayContaining([person.email, 'khong-co-ai@mic.gov.vn']));
  });

  it('names the missing fields in Vietnamese', async () => {
    const response = await postJson(t, SIGN_IN, { email: '' });
    expect(response.statusCode).toBe(400);
    const fields = (response.json() as { errors: { field: string; message: string }[] }).errors.map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['email', 'password']));
    expect(response.body).toContain('Cần nhập');
  });

  it('accepts only JSON, so a cross-site form cannot sign a browser in', async () => {
    const person = await createPerson(t.core.db, { siteId: site.id, role: 'contributor' });
    const form = await t.app.inject({
      method: 'POST',
      url: SIGN_IN,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `email=${encodeURIComponent(person.email)}&password=${encodeURIComponent(person.password)}`,
    });
    expect(form.statusCode).toBe(400);
    expect(form.json().errors[0]).toMatchObject({ code: 'CONG_ERR_VALIDATION', field: 'content-type' });
    const text = await t.app.inject({ method: 'POST', url: SIGN_IN, headers: { 'content-type': 'text/plain' }, payload: JSON.stringify({ email: person.email, password: person.password }) });
    expect(text.statusCode).toBe(400);
    expect(form.headers['set-cookie']).toBeUndefined();
    expect(await t.core.db.selectFrom('sessions').select('id').where('user_id', '=', person.userId).execute()).toHaveLength(0);
  });

  it('refuses a disabled account, even with the right password', async () => {
    const person = await createPerson(t.core.db, { siteId: site.id, role: 'editor', status: 'disabled' });
    const response = await postJson(t, SIGN_IN, { email: person.email, password: person.password });
    expect(response.statusCode).toBe(403);
    expect(response.json().errors[0].message).toContain('đã bị khoá');
    expect(response.headers['set-cookie']).toBeUndefined();
  });

  it('lets a person whose password was set by someone else in, and says it must be changed', async () => {
    const person = await createPerson(t.core.db, { siteId: site.id, role: 'contributor', mustChangePassword: true });
    const session = await signIn(t, person);
    const me = await t.app.inject({ method: 'GET', url: ME, headers: { cookie: session.cookie } });
    expect(me.json().user.mustChangePassword).toBe(true);

    const change = await t.app.inject({
      method: 'POST',
      url: '/api/admin/v1/auth/password',
      headers: session.headers,
      payload: { currentPassword: person.password, newPassword: 'mật khẩu mới của tôi 2026' },
    });
    expect(change.statusCode).toBe(200);
    expect(change.json().user.mustChangePassword).toBe(false);
    const after = await t.app.inject({ method: 'GET', url: ME, headers: { cookie: session.cookie } });
    expect(after.json().user.mustChangePassword).toBe(false);
    // The new password works, the old one does not.
    expect((await postJson(t, SIGN_IN, { email: person.email, password: 'mật khẩu mới của tôi 2026' })).statusCode).toBe(200);
    expect((await postJson(t, SIGN_IN, { email: person.email, password: person.password })).statusCode).toBe(401);
  });

  it('refuses a wrong current password and a too short new one, naming the field', async () => {
    const person = await createPerson(t.core.db, { siteId: site.id, role: 'contributor' });
    const session = await signIn(t, person);
    const wrong = await t.app.inject({ method: 'POST', url: '/api/admin/v1/auth/password', headers: session.headers, payload: { currentPassword: 'sai mật khẩu rồi', newPassword: 'mật khẩu mới của tôi 2026' } });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors[0]).toMatchObject({ field: 'currentPassword', message: 'Mật khẩu hiện tại không đúng' });
    const short = await t.app.inject({ method: 'POST', url: '/api/admin/v1/auth/password', headers: session.headers, payload: { currentPassword: person.password, newPassword: 'ngắn' } });
    expect(short.statusCode).toBe(400);
    expect(short.json().errors[0]).toMatchObject({ field: 'newPassword', message: 'Mật khẩu phải có ít nhất 12 ký tự' });
    // Nothing changed: the old password still signs in.
    expect((await postJson(t, SIGN_IN, { email: person.email, password: person.password })).statusCode).toBe(200);
  });

  it('answers `me` without a session with 401, and ignores public pages entirely', async () => {
    const me = await t.app.inject({ method: 'GET', url: ME });
    expect(me.statusCode).toBe(401);
    expect(me.json().errors[0].code).toBe('CONG_ERR_UNAUTHENTICATED');
    const stale = await t.app.inject({ method: 'GET', url: ME, headers: { cookie: 'cong_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' } });
    expect(stale.statusCode).toBe(401);
    expect(String(stale.headers['set-cookie'])).toMatch(/^cong_session=;/); // the browser is told to forget it
  });
});
