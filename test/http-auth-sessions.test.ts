/**
 * Sessions over HTTP on both engines: sign-out and a password reset make the cookie useless;
 * idle (12 h, sliding) and absolute (7 days) expiry on the movable clock; one's own session
 * list; CSRF on cookie writes (nothing changes without it) and none for bearer tokens;
 * revoked, expired and unknown tokens; a token only reaches its own site.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from './database-harness.ts';
import { createTestApp, type TestApp } from './app-harness.ts';
import { buildSite } from './factories.ts';
import { createApiToken, createPerson, signIn } from './auth-harness.ts';

const API = '/api/admin/v1';
const HOUR = 3_600_000;

describe.each(ENGINES)('sessions, CSRF and tokens (%s)', (engine) => {
  let t: TestApp;
  let site: { id: number; key: string };
  let otherSite: { id: number; key: string };
  const start = new Date('2022-10-01T03:00:00.000Z');

  beforeAll(async () => {
    t = await createTestApp(engine, start);
    site = await buildSite(t.core.db);
    otherSite = await buildSite(t.core.db);
  });
  afterAll(async () => t?.dispose());

  const me = (cookie: string) => t.app.inject({ method: 'GET', url: `${API}/auth/me`, headers: { cookie } });

  it('signing out makes the cookie useless and clears it', async () => {
    t.now = start;
    const person = await createPerson(t.core.db, { siteId: site.id, role: 'editor' });
    const session = await signIn(t, person);
    expect((await me(session.cookie)).statusCode).toBe(200);
    // Sign-out is a write: without the CSRF header it is refused and the session lives on.
    expect((await t.app.inject({ method: 'POST', url: `${API}/auth/sign-out`, headers: { cookie: session.cookie } })).statusCode).toBe(403);
    expect((await me(session.cookie)).statusCode).toBe(200);
    const out = await t.app.inject({ method: 'POST', url: `${API}/auth/sign-out`, headers: session.headers });
    expect(out.statusCode).toBe(204);
    expect(String(out.headers['set-cookie'])).toMatch(/^cong_session=;.*Expires=Thu, 01 Jan 1970/);
    expect((await me(session.cookie)).statusCode).toBe(401);
    const entries = await t.core.db.selectFrom('audit_log').select('action').where('subject_id', '=', person.userId).where('subject_type', '=', 'user').execute();
    expect(entries.map((e) => e.action)).toContain('user.sign_out');
  });

  it('an administrator resetting the password ends every session of the person', async () => {
    t.now = start;
    const admin = await createPerson(t.core.db, { siteId: site.id, role: 'site_admin' });
    const person = await createPerson(t.core.db, { siteId: site.id, role: 'contributor' });
    const first = await signIn(t, person);
    const second = await signIn(t, person);
    const adminSession = await signIn(t, admin);
    const reset = await t.app.inject({ method: 'POST', url: `${API}/users/${person.userId}/reset-password`, headers: adminSession.headers, payload: {} });
    expect(reset.statusCode).toBe(200);
    const { generatedPassword, sessionsRevoked } = reset.json() as { generatedPassword: string; sessionsRevoked: number };
    expect(generatedPassword).toMatch(/^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/);
    expect(sessionsRevoked).toBe(2);
    expect((await me(first.cookie)).statusCode).toBe(401);
    expect((await me(second.cookie)).statusCode).toBe(401);
    const again = await signIn(t, { ...person, password: generatedPassword });
    expect((await me(again.cookie)).json().user.mustChangePassword).toBe(true);
  });

  it('ends a session after 12 hours without use, sliding with use, and after 7 days whatever happens', async () => {
    t.now = start;
    const person = await createPerson(t.core.db, { siteId: site.id, role: 'editor' });
    const idle = await signIn(t, person);
    t.now = new Date(start.getTime() + 12 * HOUR - 1000);
    expect((await me(idle.cookie)).statusCode).toBe(200); // used at 11:59:59 → lives until 23:59:59
    t.now = new Date(start.getTime() + 24 * HOUR - 2000);
    expect((await me(idle.cookie)).statusCode).toBe(200);
    t.now = new Date(t.now.getTime() + 12 * HOUR);
    expect((await me(idle.cookie)).statusCode).toBe(401);

    t.now = start;
    const active = await signIn(t, person);
    for (let h = 11; h < 7 * 24; h += 11) {
      t.now = new Date(start.getTime() + h * HOUR);
      expect((await me(active.cookie)).statusCode, `after ${h} h`).toBe(200);
    }
    t.now = new Date(start.getTime() + 7 * 24 * HOUR);
    expect((await me(active.cookie)).statusCode).toBe(401);
  });

  it('lists one’s own sessions and ends the others, keeping the current one', async () => {
    t.now = start;
    const person = await createPerson(t.core.db, { siteId: site.id, role: 'editor' });
    const laptop = await signIn(t, person);
    const phone = await signIn(t, person);
    const list = await t.app.inject({ method: 'GET', url: `${API}/auth/sessions`, headers: { cookie: laptop.cookie } });
    expect(list.statusCode).toBe(200);
    const items = list.json().items as { id: string; current: boolean }[];
    expect(items).toHaveLength(2);
    expect(items.filter((s) => s.current)).toHaveLength(1);
    // End the phone's session by id, then check everything else.
    const phoneId = items.find((s) => !s.current)!.id;
    expect((await t.app.inject({ method: 'DELETE', url: `${API}/auth/sessions/${phoneId}`, headers: laptop.headers })).statusCode).toBe(204);
    expect((await me(phone.cookie)).statusCode).toBe(401);
    const third = await signIn(t, person);
    const others = await t.app.inject({ method: 'DELETE', url: `${API}/auth/sessions`, headers: laptop.headers });
    expect(others.json()).toEqual({ revoked: 1 });
    expect((await me(third.cookie)).statusCode).toBe(401);
    expect((await me(laptop.cookie)).statusCode).toBe(200);
    // Someone else's session id is "not found".
    const stranger = await signIn(t, await createPerson(t.core.db, { siteId: site.id, role: 'editor' }));
    const strangerId = (await t.app.inject({ method: 'GET', url: `${API}/auth/sessions`, headers: { cookie: stranger.cookie } })).json().items[0].id as string;
    expect((await t.app.inject({ method: 'DELETE', url: `${API}/auth/sessions/${strangerId}`, headers: laptop.headers })).statusCode).toBe(404);
    expect((await me(stranger.cookie)).statusCode).toBe(200);
  });

  it('refuses cookie writes without the right CSRF token and changes nothing', async () => {
    t.now = start;
    const admin = await createPerson(t.core.db, { siteId: site.id, role: 'site_admin' });
    const session = await signIn(t, admin);
    const url = `${API}/sites/${site.id}/tokens`;
    const payload = { name: 'Máy nhập tin tự động', role: 'contributor' };
    const count = async () => (await t.core.db.selectFrom('api_tokens').select('id').where('site_id', '=', site.id).execute()).length;
    const before = await count();
    const missing = await t.app.inject({ method: 'POST', url, headers: { cookie: session.cookie }, payload });
    expect(missing.statusCode).toBe(403);
    expect(missing.json().errors[0]).toMatchObject({ code: 'CONG_ERR_CSRF', message: expect.stringContaining('CSRF') });
    const wrong = await t.app.inject({ method: 'POST', url, headers: { cookie: session.cookie, 'x-csrf-token': `${session.csrfToken.slice(0, -1)}A` }, payload });
    expect(wrong.statusCode).toBe(403);
    // Another session's token is no good either.
    const other = await signIn(t, admin);
    expect((await t.app.inject({ method: 'POST', url, headers: { cookie: session.cookie, 'x-csrf-token': other.csrfToken }, payload })).statusCode).toBe(403);
    expect(await count()).toBe(before);
    const ok = await t.app.inject({ method: 'POST', url, headers: session.headers, payload });
    expect(ok.statusCode).toBe(201);
    expect(await count()).toBe(before + 1);
  });

  it('needs no CSRF token with a bearer token; refuses revoked, expired and unknown tokens saying why', async () => {
    t.now = start;
    await t.core.sites.reload();
    const admin = await createPerson(t.core.db, { siteId: site.id, role: 'site_admin' });
    const adminSession = await signIn(t, admin);
    const created = await t.app.inject({ method: 'POST', url: `${API}/sites/${site.id}/tokens`, headers: adminSession.headers, payload: { name: 'Cổng kết nối', role: 'editor' } });
    expect(created.statusCode).toBe(201);
    const token = created.json().token as string;
    expect(token).toMatch(/^cong_[A-Za-z0-9_-]{43}$/);
    const auth = { authorization: `Bearer ${token}` };
    // A write with the token alone, no CSRF header: what it supplies lands in the editors' queue.
    const article = await t.app.inject({ method: 'POST', url: `${API}/articles`, headers: auth, payload: { siteId: site.id, title: 'Tin từ hệ thống đối tác' } });
    expect(article.statusCode, article.body).toBe(201);
    expect(article.json().state).toBe('submitted');
    // A token never administers: not even the tokens of its own site.
    expect((await t.app.inject({ method: 'GET', url: `${API}/sites/${site.id}/tokens`, headers: auth })).statusCode).toBe(403);

    // The token's use is recorded.
    const used = await t.core.db.selectFrom('api_tokens').select('last_used_at').where('name', '=', 'Cổng kết nối').executeTakeFirstOrThrow();
    expect(used.last_used_at).toBe(start.toISOString());

    // Revoked: 401 that says so.
    expect((await t.app.inject({ method: 'DELETE', url: `${API}/tokens/${created.json().id}`, headers: adminSession.headers })).statusCode).toBe(200);
    const revoked = await t.app.inject({ method: 'GET', url: `${API}/articles?siteId=${site.id}`, headers: auth });
    expect(revoked.statusCode).toBe(401);
    expect(revoked.json().errors[0].message).toContain('đã bị thu hồi');

    const expiring = await createApiToken(t.core.db, { siteId: site.id, role: 'editor', name: 'Khoá hết hạn', expiresAt: new Date(start.getTime() + HOUR) });
    expect((await t.app.inject({ method: 'GET', url: `${API}/articles?siteId=${site.id}`, headers: { authorization: `Bearer ${expiring}` } })).statusCode).toBe(200);
    t.now = new Date(start.getTime() + HOUR);
    const expired = await t.app.inject({ method: 'GET', url: `${API}/articles?siteId=${site.id}`, headers: { authorization: `Bearer ${expiring}` } });
    expect(expired.statusCode).toBe(401);
    expect(expired.json().errors[0].message).toContain('đã hết hạn');

    const unknown = await t.app.inject({ method: 'GET', url: `${API}/articles?siteId=${site.id}`, headers: { authorization: 'Bearer cong_khongcokhoanaynhungdaidudegiongthat123456789' } });
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json().errors[0].message).toContain('không hợp lệ');
  });

  it('keeps a token to its own site: another site’s data is "not found"', async () => {
    t.now = start;
    await t.core.sites.reload();
    const token = await createApiToken(t.core.db, { siteId: site.id, role: 'editor' });
    const otherToken = await createApiToken(t.core.db, { siteId: otherSite.id, role: 'editor' });
    const auth = { authorization: `Bearer ${token}` };
    expect((await t.app.inject({ method: 'GET', url: `${API}/articles?siteId=${otherSite.id}`, headers: auth })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'POST', url: `${API}/articles`, headers: auth, payload: { siteId: otherSite.id, title: 'Sang trang khác' } })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `${API}/sites/${otherSite.id}/tokens`, headers: auth })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: `${API}/users?siteId=${otherSite.id}`, headers: auth })).statusCode).toBe(404);
    // The other site's token still works on its own site.
    expect((await t.app.inject({ method: 'GET', url: `${API}/articles?siteId=${otherSite.id}`, headers: { authorization: `Bearer ${otherToken}` } })).statusCode).toBe(200);
  });
});
