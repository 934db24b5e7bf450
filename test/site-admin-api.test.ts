/**
 * Site administration endpoints over HTTP on both engines: categories (list with article
 * counts for every member; add with a folded slug, unique slug per site, nest at most 3
 * levels, no cycles, reorder, delete refused while used; audited) and the navigation menu
 * (validated whole-menu replace, audited, shown in the public header instead of categories).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './app-harness.ts';
import { createPerson, signIn, type TestSession } from './auth-harness.ts';
import { ENGINES } from './database-harness.ts';
import { buildArticle, buildCategory, buildSite } from './factories.ts';

const API = '/api/admin/v1';

describe.each(ENGINES)('site administration API on %s', (engine) => {
  let t: TestApp;
  let site: { id: number; key: string };
  let admin: TestSession;
  let editor: TestSession;
  let contributor: TestSession;
  let outsider: TestSession;

  beforeAll(async () => {
    t = await createTestApp(engine, new Date('2026-12-01T03:00:00.000Z'));
    const db = t.core.db;
    site = await buildSite(db, { key: `quanly${engine === 'sqlite' ? 's' : 'p'}`, hostnames: [`quanly-${engine}.test`] });
    const other = await buildSite(db);
    admin = await signIn(t, await createPerson(db, { siteId: site.id, role: 'site_admin' }));
    editor = await signIn(t, await createPerson(db, { siteId: site.id, role: 'editor' }));
    contributor = await signIn(t, await createPerson(db, { siteId: site.id, role: 'contributor' }));
    outsider = await signIn(t, await createPerson(db, { siteId: other.id, role: 'site_admin' }));
    await t.core.sites.reload();
  });

  afterAll(async () => {
    await t?.dispose();
  });

  const call = (method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, session: TestSession, payload?: unknown) =>
    t.app.inject({ method, url: API + url, headers: { ...session.headers, ...(payload !== undefined ? { 'content-type': 'application/json' } : {}) }, ...(payload !== undefined ? { payload: JSON.stringify(payload) } : {}) });
  const list = async (session: TestSession = contributor) => (await call('GET', `/sites/${site.id}/categories`, session)).json().items as { id: number; name: string; slug: string; parentId: number | null; position: number; articleCount: number }[];

  it('adds categories with folded slugs, refuses a used slug, nests at most three levels and never in a cycle', async () => {
    const news = await call('POST', `/sites/${site.id}/categories`, editor, { name: 'Tin tức – Sự kiện' });
    expect(news.statusCode, news.body).toBe(201);
    expect(news.json()).toMatchObject({ name: 'Tin tức – Sự kiện', slug: 'tin-tuc-su-kien', parentId: null, position: 0, articleCount: 0 });
    const dup = await call('POST', `/sites/${site.id}/categories`, editor, { name: 'Tin tức sự kiện' });
    expect(dup.statusCode).toBe(400);
    expect(dup.json().errors[0]).toMatchObject({ field: 'slug' });
    expect(dup.json().errors[0].message).toContain('tin-tuc-su-kien');

    const a = (await call('POST', `/sites/${site.id}/categories`, editor, { name: 'Đời sống', parentId: news.json().id })).json();
    const b = (await call('POST', `/sites/${site.id}/categories`, editor, { name: 'Giáo dục', slug: 'giao-duc', parentId: a.id })).json();
    expect(b).toMatchObject({ slug: 'giao-duc', parentId: a.id });
    const tooDeep = await call('POST', `/sites/${site.id}/categories`, editor, { name: 'Mầm non', parentId: b.id });
    expect(tooDeep.statusCode).toBe(400);
    expect(tooDeep.json().errors[0]).toMatchObject({ field: 'parentId' });
    const cycle = await call('PATCH', `/categories/${news.json().id}`, editor, { parentId: b.id });
    expect(cycle.statusCode).toBe(400);
    expect(cycle.json().errors[0]).toMatchObject({ field: 'parentId' });
    // Tree order: parent before children.
    expect((await list()).map((c) => c.slug)).toEqual(['tin-tuc-su-kien', 'doi-song', 'giao-duc']);
    // A contributor reads but may not manage; another site's admin does not even see them.
    expect((await call('POST', `/sites/${site.id}/categories`, contributor, { name: 'Khác' })).statusCode).toBe(403);
    expect((await call('GET', `/sites/${site.id}/categories`, outsider)).statusCode).toBe(404);
    expect((await call('PATCH', `/categories/${a.id}`, outsider, { name: 'x' })).statusCode).toBe(404);
  });

  it('reorders and moves categories, renumbering siblings; audits each change', async () => {
    const first = (await call('POST', `/sites/${site.id}/categories`, editor, { name: 'Chính sách' })).json();
    const second = (await call('POST', `/sites/${site.id}/categories`, editor, { name: 'Văn bản' })).json();
    const top = () => list().then((l) => l.filter((c) => c.parentId === null).map((c) => c.name));
    expect(await top()).toEqual(['Tin tức – Sự kiện', 'Chính sách', 'Văn bản']);
    const up = await call('PATCH', `/categories/${second.id}`, editor, { position: 0 });
    expect(up.statusCode, up.body).toBe(200);
    expect(await top()).toEqual(['Văn bản', 'Tin tức – Sự kiện', 'Chính sách']);
    const moved = await call('PATCH', `/categories/${first.id}`, editor, { parentId: second.id, name: 'Chính sách mới' });
    expect(moved.json()).toMatchObject({ parentId: second.id, name: 'Chính sách mới', position: 0 });
    expect(await top()).toEqual(['Văn bản', 'Tin tức – Sự kiện']);
    const audit = await t.core.db.selectFrom('audit_log').select('action').where('subject_type', '=', 'category').where('subject_id', '=', first.id).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['category.create', 'category.update']);
  });

  it('counts articles and refuses deleting a category in use or with subcategories', async () => {
    const used = await buildCategory(t.core.db, site.id, { name: 'Thông báo', slug: 'thong-bao' });
    await buildArticle(t.core.db, site.id, { categoryIds: [used.id] });
    await buildArticle(t.core.db, site.id, { categoryIds: [used.id], state: 'draft' });
    expect((await list()).find((c) => c.id === used.id)?.articleCount).toBe(2);
    const refused = await call('DELETE', `/categories/${used.id}`, editor);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().errors[0]).toMatchObject({ code: 'CONG_ERR_IN_USE' });
    expect(refused.json().errors[0].message).toContain('2 bài viết');
    const parent = (await list()).find((c) => c.slug === 'doi-song')!;
    expect((await call('DELETE', `/categories/${parent.id}`, editor)).statusCode).toBe(409);
    const leaf = (await list()).find((c) => c.slug === 'giao-duc')!;
    expect((await call('DELETE', `/categories/${leaf.id}`, editor)).statusCode).toBe(204);
    expect((await list()).some((c) => c.id === leaf.id)).toBe(false);
  });

  it('replaces the menu in one validated, audited step; the public header shows it instead of the categories', async () => {
    const page = async () => (await t.app.inject({ method: 'GET', url: '/', headers: { host: `quanly-${engine}.test` } })).body;
    const header = (html: string) => html.slice(html.indexOf('<nav class="menu"'), html.indexOf('</nav>', html.indexOf('<nav class="menu"')));
    expect(header(await page())).not.toContain('Giới thiệu');

    const bad = await call('PUT', `/sites/${site.id}/menu`, admin, { items: [{ label: '', url: 'javascript:alert(1)', children: [{ label: 'x', url: '//evil.example' }] }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['items.0.children.0.url', 'items.0.label', 'items.0.url']);
    const nested = await call('PUT', `/sites/${site.id}/menu`, admin, { items: [{ label: 'A', url: '/a', children: [{ label: 'B', url: '/b', children: [] }] }] });
    expect(nested.statusCode).toBe(400);
    expect((await call('PUT', `/sites/${site.id}/menu`, editor, { items: [] })).statusCode).toBe(403);

    const menu = {
      items: [
        { label: 'Giới thiệu', url: '/gioi-thieu', children: [{ label: 'Cơ cấu tổ chức', url: '/gioi-thieu/co-cau' }] },
        { label: 'Dịch vụ công', url: 'https://dichvucong.gov.vn/' },
        { label: 'Liên hệ', url: 'mailto:sotttt@langson.gov.vn' },
      ],
    };
    const saved = await call('PUT', `/sites/${site.id}/menu`, admin, menu);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().items).toEqual([
      { label: 'Giới thiệu', url: '/gioi-thieu', children: [{ label: 'Cơ cấu tổ chức', url: '/gioi-thieu/co-cau' }] },
      { label: 'Dịch vụ công', url: 'https://dichvucong.gov.vn/', children: [] },
      { label: 'Liên hệ', url: 'mailto:sotttt@langson.gov.vn', children: [] },
    ]);
    expect((await call('GET', `/sites/${site.id}/menu`, contributor)).json()).toEqual(saved.json());
    const html = header(await page());
    expect(html).toContain('<a href="/gioi-thieu">Giới thiệu</a>');
    expect(html).toContain('<a href="/gioi-thieu/co-cau">Cơ cấu tổ chức</a>');
    expect(html).toContain('href="https://dichvucong.gov.vn/"');
    expect(html).not.toContain('Văn bản');
    const audit = await t.core.db.selectFrom('audit_log').select(['action', 'details']).where('action', '=', 'site.menu.update').where('site_id', '=', site.id).execute();
    expect(audit).toHaveLength(1);

    // An empty menu brings the category menu back.
    expect((await call('PUT', `/sites/${site.id}/menu`, admin, { items: [] })).json().items).toEqual([]);
    expect(header(await page())).not.toContain('Giới thiệu');
  });
});
