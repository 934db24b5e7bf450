/**
 * The issue's "done when" journey, through the admin API alone, on both engines: a contributor
 * of a provincial site writes and submits an article; an editor returns it with a reason; the
 * contributor fixes and resubmits; the editor sends it for approval; a chief editor signed in
 * with TOTP schedules it; it appears on the public site at its time and not a second before; a
 * correction shows its public note; the whole story is in the audit log and
 * `cong audit verify` passes. Every request and answer is kept as a transcript (written to
 * the file named by CONG_TRANSCRIPT_FILE when set, for the record).
 */
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './app-harness.ts';
import { ENGINES } from './database-harness.ts';
import { buildCategory, buildSite } from './factories.ts';
import { createPerson, signIn, totpCodeFor, type TestPerson } from './auth-harness.ts';
import { publishDueArticles } from '../src/core/workflow/scheduler.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const API = '/api/admin/v1';

interface Session {
  cookie: string;
  csrf: string;
  who: string;
}

describe.each(ENGINES)('newsroom journey through the admin API on %s', (engine) => {
  let t: TestApp;
  let site: { id: number; key: string };
  let categoryId: number;
  let contributor: TestPerson;
  let editor: TestPerson;
  let chief: TestPerson;
  const transcript: string[] = [];

  beforeAll(async () => {
    t = await createTestApp(engine, new Date('2026-11-30T01:00:00.000Z'));
    site = await buildSite(t.core.db, { key: 'langson', name: 'Trang thông tin điện tử Sở TTTT Lạng Sơn', orgName: 'Sở Thông tin và Truyền thông tỉnh Lạng Sơn' });
    categoryId = (await buildCategory(t.core.db, site.id, { name: 'Chuyển đổi số', slug: 'chuyen-doi-so' })).id;
    contributor = await createPerson(t.core.db, { siteId: site.id, role: 'contributor', displayName: 'Hoàng Thị Lan', email: 'lan.ht@langson.gov.vn' });
    editor = await createPerson(t.core.db, { siteId: site.id, role: 'editor', displayName: 'Nguyễn Văn Bình', email: 'binh.nv@langson.gov.vn' });
    chief = await createPerson(t.core.db, { siteId: site.id, role: 'chief_editor', displayName: 'Trần Quốc Cường', email: 'cuong.tq@langson.gov.vn' });
    await t.core.sites.reload();
  });

  afterAll(async () => {
    if (process.env.CONG_TRANSCRIPT_FILE && engine === 'sqlite') fs.writeFileSync(process.env.CONG_TRANSCRIPT_FILE, transcript.join('\n'));
    await t?.dispose();
  });

  const short = (s: string) => (s.length > 12 ? `${s.slice(0, 6)}…` : s);

  async function call(session: Session | null, method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, body?: unknown) {
    const headers: Record<string, string> = {};
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (session) {
      headers.cookie = `cong_session=${session.cookie}`;
      if (method !== 'GET') headers['x-csrf-token'] = session.csrf;
    }
    const res = await t.app.inject({ method, url, headers, ...(body !== undefined ? { payload: JSON.stringify(body) } : {}) });
    const json = res.headers['content-type']?.toString().includes('json') ? res.json() : null;
    transcript.push(
      `### ${session?.who ?? 'anonymous'} — ${t.now.toISOString()}`,
      `> ${method} ${url}${session ? `  (cookie cong_session=${short(session.cookie)}${method !== 'GET' ? `, x-csrf-token: ${short(session.csrf)}` : ''})` : ''}`,
      ...(body !== undefined ? ['> ' + JSON.stringify(body).replace(/"(password|totpCode)":"[^"]*"/g, '"$1":"…"')] : []),
      `< ${res.statusCode}${res.headers['cache-control'] ? `  cache-control: ${res.headers['cache-control']}` : ''}`,
      `< ${json ? summarise(json) : res.body.length + ' bytes of HTML'}`,
      '',
    );
    return { status: res.statusCode, json: json as Record<string, any>, body: res.body, headers: res.headers };
  }

  function summarise(json: Record<string, any>): string {
    if (json.errors) return JSON.stringify({ errors: json.errors, ...(json.current ? { current: { revision: json.current.article?.revision } } : {}) });
    if (json.state) {
      return JSON.stringify({ id: json.id, state: json.state, stateLabel: json.stateLabel, revision: json.revision, title: json.title, publishedAt: json.publishedAt, lastReason: json.lastReason?.reason, corrections: json.corrections?.map((c: any) => c.note), allowedActions: json.allowedActions });
    }
    if (json.user) return JSON.stringify({ user: { email: json.user.email, displayName: json.user.displayName }, stage: json.stage, grants: json.grants });
    return JSON.stringify(json).slice(0, 400);
  }

  async function signIn(person: TestPerson, who: string, totp = false): Promise<Session> {
    const body: Record<string, string> = { email: person.email, password: person.password };
    if (totp) body.totpCode = await totpCodeFor(person.totpSecret!, t.now);
    const res = await call(null, 'POST', `${API}/auth/sign-in`, body);
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    const setCookie = String(res.headers['set-cookie']);
    const cookie = /cong_session=([^;]+)/.exec(setCookie)![1]!;
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    return { cookie, csrf: res.json.csrfToken, who };
  }

  it('writes, returns, resubmits, approves with TOTP on schedule, publishes at its time, corrects, and verifies the audit log', async () => {
    const lan = await signIn(contributor, 'Hoàng Thị Lan (cộng tác viên)');
    let r = await call(lan, 'POST', `${API}/articles`, {
      siteId: site.id,
      title: 'Lạng Sơn: 100% thủ tục hành chính đủ điều kiện được cung cấp trực tuyến toàn trình',
      lead: 'Đến hết tháng 11/2026, tỉnh Lạng Sơn đã cung cấp trực tuyến toàn trình toàn bộ thủ tục hành chính đủ điều kiện.',
      body: '<p>Theo Sở Thông tin và Truyền thông, tỉnh đã tích hợp 1.234 thủ tục lên Cổng Dịch vụ công quốc gia.</p>',
      categoryIds: [categoryId],
      tagNames: ['Chuyển đổi số', 'Dịch vụ công'],
    });
    expect(r.status).toBe(201);
    const id = r.json.id as number;
    expect(r.json).toMatchObject({ state: 'draft', revision: 1, allowedActions: expect.arrayContaining(['edit', 'submit']) });
    r = await call(lan, 'POST', `${API}/articles/${id}/submit`, { revision: 1 });
    expect(r.json.state).toBe('submitted');

    const binh = await signIn(editor, 'Nguyễn Văn Bình (biên tập viên)');
    r = await call(binh, 'GET', `${API}/articles?siteId=${site.id}&state=submitted`);
    expect(r.json.items.map((i: any) => i.id)).toContain(id);
    r = await call(binh, 'POST', `${API}/articles/${id}/return`, { revision: 1 });
    expect(r.status).toBe(400);
    expect(r.json.errors[0]).toMatchObject({ code: 'CONG_ERR_VALIDATION', field: 'reason' });
    r = await call(binh, 'POST', `${API}/articles/${id}/return`, { revision: 1, reason: 'Ghi rõ nguồn số liệu 1.234 thủ tục (văn bản nào, ngày nào).' });
    expect(r.json.state).toBe('returned');

    r = await call(lan, 'GET', `${API}/articles/${id}`);
    expect(r.json.lastReason.reason).toBe('Ghi rõ nguồn số liệu 1.234 thủ tục (văn bản nào, ngày nào).');
    r = await call(lan, 'PUT', `${API}/articles/${id}`, {
      revision: 1,
      body: '<p>Theo Báo cáo số 215/BC-STTTT ngày 25/11/2026 của Sở Thông tin và Truyền thông, tỉnh đã tích hợp 1.234 thủ tục lên Cổng Dịch vụ công quốc gia.</p>',
    });
    expect(r.json.revision).toBe(2);
    r = await call(lan, 'POST', `${API}/articles/${id}/submit`, { revision: 2 });
    expect(r.json.state).toBe('submitted');

    r = await call(binh, 'POST', `${API}/articles/${id}/send-for-approval`, { revision: 2 });
    expect(r.json.state).toBe('pending_approval');
    r = await call(binh, 'POST', `${API}/articles/${id}/approve`, { revision: 2 });
    expect(r.status).toBe(403); // an editor cannot approve

    const wrongTotp = await call(null, 'POST', `${API}/auth/sign-in`, { email: chief.email, password: chief.password });
    expect(wrongTotp.status).toBe(401);
    expect(wrongTotp.json.errors[0].code).toBe('CONG_ERR_TOTP_REQUIRED');
    const cuong = await signIn(chief, 'Trần Quốc Cường (Trưởng ban biên tập, TOTP)', true);
    r = await call(cuong, 'POST', `${API}/articles/${id}/schedule`, { revision: 2, at: '2026-11-30T15:00:00+07:00' });
    expect(r.json).toMatchObject({ state: 'scheduled', publishedAt: '2026-11-30T08:00:00.000Z' });

    const publicUrl = `/langson/bai-viet/${r.json.slug}`;
    t.now = new Date('2026-11-30T07:59:59.000Z');
    await publishDueArticles(t.core);
    r = await call(null, 'GET', publicUrl);
    expect(r.status).toBe(404);
    r = await call(null, 'GET', '/langson/');
    expect(r.body).not.toContain('100% thủ tục hành chính');
    expect(r.headers['cache-control']).toBe('public, max-age=1');
    t.now = new Date('2026-11-30T08:00:00.000Z');
    await publishDueArticles(t.core);
    r = await call(null, 'GET', publicUrl);
    expect(r.status).toBe(200);
    expect(r.body).toContain('100% thủ tục hành chính');

    t.now = new Date('2026-11-30T09:30:00.000Z');
    r = await call(cuong, 'POST', `${API}/articles/${id}/correct`, {
      revision: 2,
      note: 'Sửa số thủ tục từ 1.234 thành 1.243 theo Báo cáo số 215/BC-STTTT.',
      body: '<p>Theo Báo cáo số 215/BC-STTTT ngày 25/11/2026 của Sở Thông tin và Truyền thông, tỉnh đã tích hợp 1.243 thủ tục lên Cổng Dịch vụ công quốc gia.</p>',
    });
    expect(r.json).toMatchObject({ state: 'published', revision: 3 });
    r = await call(null, 'GET', publicUrl);
    expect(r.body).toContain('Sửa số thủ tục từ 1.234 thành 1.243');
    expect(r.body).toContain('16:30');

    r = await call(cuong, 'GET', `${API}/articles/${id}/events`);
    expect(r.json.items.map((e: any) => e.action)).toEqual(['submit', 'return', 'submit', 'send_for_approval', 'schedule', 'publish_scheduled', 'correct']);
    const audit = await t.core.db.selectFrom('audit_log').select(['action', 'actor_label']).where('subject_type', '=', 'article').where('subject_id', '=', id).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual([
      'article.create',
      'article.submit',
      'article.return',
      'article.edit',
      'article.submit',
      'article.send_for_approval',
      'article.schedule',
      'article.publish_scheduled',
      'article.correct',
      'article.correct.revision',
    ]);
    // The article's own audit trail through the API: the contributor sees the story, without addresses.
    r = await call(lan, 'GET', `${API}/articles/${id}/audit`);
    expect(r.status).toBe(200);
    expect(r.json.entries.map((e: any) => e.action).reverse()).toEqual(audit.map((a) => a.action));
    expect(r.json.entries.every((e: any) => e.address === null)).toBe(true);
    const verify = spawnSync(process.execPath, [path.join(ROOT, 'bin/cong.js'), 'audit', 'verify'], {
      cwd: ROOT,
      env: { ...process.env, ...t.database.env, LOG_LEVEL: 'silent', CONG_DEMO: '0' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    transcript.push('$ cong audit verify', verify.stdout.trim(), `(exit ${verify.status})`);
    expect(verify.status, verify.stderr).toBe(0);
  }, 120_000);
});

describe.each(ENGINES)('bad requests to the admin API on %s', (engine) => {
  let t: TestApp;
  let site: { id: number; key: string };
  let headers: Record<string, string>;
  let articleId: number;

  beforeAll(async () => {
    t = await createTestApp(engine, new Date('2026-11-30T01:00:00.000Z'));
    site = await buildSite(t.core.db);
    await t.core.sites.reload();
    const person = await createPerson(t.core.db, { siteId: site.id, role: 'contributor' });
    const res = await t.app.inject({ method: 'POST', url: `${API}/auth/sign-in`, headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ email: person.email, password: person.password }) });
    const cookie = /cong_session=([^;]+)/.exec(String(res.headers['set-cookie']))![1]!;
    headers = { cookie: `cong_session=${cookie}`, 'x-csrf-token': res.json().csrfToken, 'content-type': 'application/json' };
    const created = await t.app.inject({ method: 'POST', url: `${API}/articles`, headers, payload: JSON.stringify({ siteId: site.id, title: 'Bài thử' }) });
    articleId = created.json().id;
  });

  afterAll(async () => {
    await t?.dispose();
  });

  const cases: [string, 'POST' | 'PUT', () => string, string, number, string | null][] = [
    ['a title of the wrong type', 'PUT', () => `${API}/articles/${articleId}`, JSON.stringify({ revision: 1, title: 42 }), 400, 'title'],
    ['an empty title', 'PUT', () => `${API}/articles/${articleId}`, JSON.stringify({ revision: 1, title: '   ' }), 400, 'title'],
    ['an unknown field (a state set by hand)', 'PUT', () => `${API}/articles/${articleId}`, JSON.stringify({ revision: 1, state: 'published' }), 400, 'state'],
    ['no revision', 'PUT', () => `${API}/articles/${articleId}`, JSON.stringify({ title: 'Không có phiên bản' }), 400, 'revision'],
    ['a title of 301 characters', 'PUT', () => `${API}/articles/${articleId}`, JSON.stringify({ revision: 1, title: 'â'.repeat(301) }), 400, 'title'],
    ['a source URL that is not http(s)', 'PUT', () => `${API}/articles/${articleId}`, JSON.stringify({ revision: 1, sourceUrl: 'javascript:alert(1)' }), 400, 'sourceUrl'],
    ['a category of another site', 'PUT', () => `${API}/articles/${articleId}`, JSON.stringify({ revision: 1, categoryIds: [999999] }), 400, 'categoryIds'],
    ['broken JSON', 'PUT', () => `${API}/articles/${articleId}`, '{"revision": 1, "title": ', 400, null],
    ['a body over the 1 MB request limit', 'PUT', () => `${API}/articles/${articleId}`, JSON.stringify({ revision: 1, body: 'x'.repeat(1_100_000) }), 413, null],
    ['a schedule time without a zone', 'POST', () => `${API}/articles/${articleId}/schedule`, JSON.stringify({ revision: 1, at: '2026-12-01 08:00' }), 400, 'at'],
    ['an article id that is not a number', 'POST', () => `${API}/articles/abc/submit`, JSON.stringify({ revision: 1 }), 400, 'params.id'],
    ['an article that does not exist', 'POST', () => `${API}/articles/987654/submit`, JSON.stringify({ revision: 1 }), 404, null],
  ];

  it.each(cases)('answers %s with a clear error and changes nothing', async (_name, method, url, payload, status, field) => {
    const before = await t.core.db.selectFrom('articles').selectAll().where('id', '=', articleId).executeTakeFirst();
    const res = await t.app.inject({ method, url: url(), headers, payload });
    expect(res.statusCode, res.body).toBe(status);
    const error = res.json().errors[0];
    expect(error.code).toMatch(/^(CONG_ERR_|FST_)/);
    expect(error.message).toMatch(/[ạảãàáâậầấẩẫăắằặẳẵêềếểễệôồốổỗộơờớởỡợưừứửữựđ]/i); // Vietnamese
    if (field) expect(res.json().errors.map((e: { field?: string }) => e.field)).toContain(field);
    const after = await t.core.db.selectFrom('articles').selectAll().where('id', '=', articleId).executeTakeFirst();
    expect(after).toEqual(before);
  });
});

describe.each(ENGINES)('newsroom governance gaps found by a first user, closed, on %s', (engine) => {
  let t: TestApp;
  let site: { id: number; key: string };
  let otherSite: { id: number; key: string };

  beforeAll(async () => {
    t = await createTestApp(engine, new Date('2026-11-30T01:00:00.000Z'));
    site = await buildSite(t.core.db);
    otherSite = await buildSite(t.core.db);
    await t.core.sites.reload();
  });

  afterAll(async () => {
    await t?.dispose();
  });

  async function session(person: TestPerson) {
    const res = await t.app.inject({ method: 'POST', url: `${API}/auth/sign-in`, headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ email: person.email, password: person.password }) });
    expect(res.statusCode, res.body).toBe(200);
    const cookie = /cong_session=([^;]+)/.exec(String(res.headers['set-cookie']))![1]!;
    return { body: res.json(), headers: { cookie: `cong_session=${cookie}`, 'x-csrf-token': res.json().csrfToken, 'content-type': 'application/json' } };
  }

  it('makes a person whose password someone else set change it before anything else', async () => {
    const person = await createPerson(t.core.db, { siteId: site.id, role: 'contributor', mustChangePassword: true });
    const s = await session(person);
    expect(s.body.stage).toBe('password_change');
    const write = await t.app.inject({ method: 'POST', url: `${API}/articles`, headers: s.headers, payload: JSON.stringify({ siteId: site.id, title: 'Chưa đổi mật khẩu' }) });
    expect(write.statusCode).toBe(401);
    expect(write.json().errors[0].message).toContain('đổi mật khẩu');
    const change = await t.app.inject({ method: 'POST', url: `${API}/auth/password`, headers: s.headers, payload: JSON.stringify({ currentPassword: person.password, newPassword: 'mật khẩu mới rất dài 2026' }) });
    expect(change.statusCode, change.body).toBe(200);
    const after = await t.app.inject({ method: 'POST', url: `${API}/articles`, headers: s.headers, payload: JSON.stringify({ siteId: site.id, title: 'Đã đổi mật khẩu' }) });
    expect(after.statusCode, after.body).toBe(201);
  });

  it('never lets a site admin make a token that publishes or administers, nor pull in another site\'s people', async () => {
    const admin = await createPerson(t.core.db, { roles: [{ siteId: site.id, role: 'site_admin' }, { siteId: site.id, role: 'chief_editor' }] });
    const { headers: sessionHeaders } = await signIn(t, admin);
    const headers = { ...sessionHeaders, 'content-type': 'application/json' };
    for (const role of ['chief_editor', 'site_admin']) {
      const res = await t.app.inject({ method: 'POST', url: `${API}/sites/${site.id}/tokens`, headers, payload: JSON.stringify({ name: 'Khoá đăng bài', role }) });
      expect(res.statusCode, role).toBe(400);
      expect(res.json().errors[0].field).toBe('role');
    }
    const ok = await t.app.inject({ method: 'POST', url: `${API}/sites/${site.id}/tokens`, headers, payload: JSON.stringify({ name: 'Hệ thống một cửa', role: 'contributor' }) });
    expect(ok.statusCode, ok.body).toBe(201);
    const elsewhere = await createPerson(t.core.db, { siteId: otherSite.id, role: 'editor' });
    const grab = await t.app.inject({ method: 'POST', url: `${API}/users/${elsewhere.userId}/roles`, headers, payload: JSON.stringify({ siteId: site.id, role: 'editor' }) });
    expect(grab.statusCode).toBe(404);
    expect(grab.body).not.toContain(elsewhere.email);
    const roles = await t.core.db.selectFrom('memberships').select('site_id').where('user_id', '=', elsewhere.userId).execute();
    expect(roles.map((r) => r.site_id)).toEqual([otherSite.id]);
  });

  it('treats a NUL character in a query as nothing, on both engines', async () => {
    const editor = await createPerson(t.core.db, { siteId: site.id, role: 'editor' });
    const { headers } = await signIn(t, editor);
    const res = await t.app.inject({ method: 'GET', url: `${API}/articles?siteId=${site.id}&q=a%00b`, headers });
    expect(res.statusCode, res.body).toBe(200);
  });
});
