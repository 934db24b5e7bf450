/**
 * Private preview links over HTTP on both engines: an editor or the author makes a link, a
 * person without an account opens it and sees the article's current text in the public page's
 * theme under a "Bản xem trước — chưa đăng" banner, never indexed nor cached; the link expires
 * at its time (1 h – 7 days, default 48 h), can be revoked, and every unknown, expired or
 * revoked token answers the same Vietnamese 404. Making and revoking are audited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './app-harness.ts';
import { createPerson, signIn, type TestSession } from './auth-harness.ts';
import { ENGINES } from './database-harness.ts';
import { buildArticle, buildCategory, buildSite } from './factories.ts';

const API = '/api/admin/v1';

/** The `<article class="article">…</article>` block of a page (what the reader reads). */
function articleBlock(html: string): string {
  const start = html.indexOf('<article class="article">');
  const end = html.indexOf('</article>', start);
  return start >= 0 && end > start ? html.slice(start, end + '</article>'.length) : '';
}

describe.each(ENGINES)('preview links on %s', (engine) => {
  let t: TestApp;
  let site: { id: number; key: string };
  let author: TestSession;
  let authorId: number;
  let editor: TestSession;
  let colleague: TestSession;
  let outsider: TestSession;
  let draftId: number;

  beforeAll(async () => {
    t = await createTestApp(engine, new Date('2026-12-01T03:00:00.000Z'));
    const db = t.core.db;
    site = await buildSite(db, { key: 'langson', name: 'Sở Thông tin và Truyền thông Lạng Sơn' });
    const other = await buildSite(db);
    await t.core.sites.reload();
    const writer = await createPerson(db, { siteId: site.id, role: 'contributor', displayName: 'Hoàng Thị Tố Loan' });
    authorId = writer.userId;
    author = await signIn(t, writer);
    colleague = await signIn(t, await createPerson(db, { siteId: site.id, role: 'contributor' }));
    editor = await signIn(t, await createPerson(db, { siteId: site.id, role: 'editor', displayName: 'Nguyễn Văn Biên' }));
    outsider = await signIn(t, await createPerson(db, { siteId: other.id, role: 'editor' }));
    const category = await buildCategory(db, site.id, { name: 'Tin tức', slug: 'tin-tuc' });
    draftId = (
      await buildArticle(db, site.id, {
        state: 'draft',
        published_at: null,
        author_user_id: writer.userId,
        title: 'Lạng Sơn khai trương cổng dịch vụ công',
        body: '<p>Bản nháp đầu tiên.</p>',
        categoryIds: [category.id],
      })
    ).id;
  });

  afterAll(async () => {
    await t?.dispose();
  });

  const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, session: TestSession | null, payload?: unknown) =>
    t.app.inject({ method, url: url.startsWith('/xem-truoc') ? url : API + url, headers: session ? { ...session.headers, ...(payload !== undefined ? { 'content-type': 'application/json' } : {}) } : {}, ...(payload !== undefined ? { payload: JSON.stringify(payload) } : {}) });

  const pathOf = (url: string) => new URL(url).pathname;

  it('lets the author make a 48-hour link that a person without an account opens, showing the current text under a banner', async () => {
    const made = await call('POST', `/articles/${draftId}/previews`, author, {});
    expect(made.statusCode).toBe(201);
    const link = made.json();
    expect(link.url).toMatch(/\/xem-truoc\/[A-Za-z0-9_-]{43}$/);
    expect(Date.parse(link.expiresAt) - t.now.getTime()).toBe(48 * 3600_000);
    expect(link.active).toBe(true);
    expect(link.createdBy.name).toBe('Hoàng Thị Tố Loan');

    // The author keeps writing after sending the link: the reader sees the newer text.
    const current = (await call('GET', `/articles/${draftId}`, author)).json();
    const saved = await call('PUT', `/articles/${draftId}`, author, { revision: current.revision, body: '<p>Bản sửa thứ hai, có số liệu mới: 1.234 hồ sơ.</p>' });
    expect(saved.statusCode).toBe(200);

    const page = await call('GET', pathOf(link.url), null);
    expect(page.statusCode).toBe(200);
    expect(page.headers['x-robots-tag']).toBe('noindex, nofollow');
    expect(page.headers['cache-control']).toBe('private, no-store');
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('Bản xem trước — chưa đăng');
    expect(page.body).toContain('<meta name="robots" content="noindex, nofollow"');
    expect(page.body).not.toContain('rel="canonical"');
    expect(page.body).toContain('Lạng Sơn khai trương cổng dịch vụ công');
    expect(page.body).toContain('Bản sửa thứ hai, có số liệu mới: 1.234 hồ sơ.');
    expect(page.body).not.toContain('Bản nháp đầu tiên.');
    // The draft is still not public.
    const article = (await call('GET', `/articles/${draftId}`, author)).json();
    const publicPage = await t.app.inject({ method: 'GET', url: `/langson/bai-viet/${article.slug}` });
    expect(publicPage.statusCode).toBe(404);

    const css = await t.app.inject({ method: 'GET', url: '/xem-truoc/_banner.css' });
    expect(css.statusCode).toBe(200);
    expect(css.headers['content-type']).toContain('text/css');
  });

  it('renders the article exactly as the public page does (same theme page)', async () => {
    const published = await buildArticle(t.core.db, site.id, { title: 'Thông báo lịch tiếp công dân tháng 12', body: '<h2>Lịch</h2><p>Thứ Hai hằng tuần.</p>', published_at: '2026-11-30T01:00:00.000Z' });
    const link = (await call('POST', `/articles/${published.id}/previews`, editor, { expiresInHours: 1 })).json();
    const preview = await call('GET', pathOf(link.url), null);
    const publicPage = await t.app.inject({ method: 'GET', url: `/langson/bai-viet/${published.slug}` });
    expect(publicPage.statusCode).toBe(200);
    const block = articleBlock(publicPage.body);
    expect(block).toContain('Thứ Hai hằng tuần.');
    expect(articleBlock(preview.body)).toBe(block);
  });

  it('expires at its time: the page answers the Vietnamese 404, unindexed', async () => {
    const link = (await call('POST', `/articles/${draftId}/previews`, author, { expiresInHours: 2 })).json();
    const path = pathOf(link.url);
    const saved = t.now;
    try {
      t.now = new Date(saved.getTime() + 2 * 3600_000 - 1000);
      expect((await call('GET', path, null)).statusCode).toBe(200);
      t.now = new Date(saved.getTime() + 2 * 3600_000);
      const gone = await call('GET', path, null);
      expect(gone.statusCode).toBe(404);
      expect(gone.body).toContain('Không tìm thấy trang');
      expect(gone.headers['x-robots-tag']).toBe('noindex, nofollow');
      expect(gone.headers['cache-control']).toBe('private, no-store');
      const list = (await call('GET', `/articles/${draftId}/previews`, author)).json();
      expect(list.items.find((i: { id: number }) => i.id === link.id).active).toBe(false);
    } finally {
      t.now = saved;
    }
  });

  it('answers the same 404 for unknown and malformed tokens', async () => {
    for (const path of ['/xem-truoc/' + 'A'.repeat(43), '/xem-truoc/abc', '/xem-truoc/%3Cscript%3E']) {
      const res = await call('GET', path, null);
      expect(res.statusCode, path).toBe(404);
      expect(res.body, path).toContain('Không tìm thấy trang');
    }
  });

  it('revokes a link at once; only its maker or someone who may edit the article may; both are audited', async () => {
    const link = (await call('POST', `/articles/${draftId}/previews`, author, { expiresInHours: 168 })).json();
    expect(Date.parse(link.expiresAt) - t.now.getTime()).toBe(7 * 24 * 3600_000);
    // A colleague contributor cannot even read the draft: not found, as for outsiders.
    expect((await call('DELETE', `/articles/${draftId}/previews/${link.id}`, colleague)).statusCode).toBe(404);
    expect((await call('DELETE', `/articles/${draftId}/previews/${link.id}`, outsider)).statusCode).toBe(404);
    const revoked = await call('DELETE', `/articles/${draftId}/previews/${link.id}`, author);
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json().active).toBe(false);
    expect(revoked.json().revokedAt).toBe(t.now.toISOString());
    expect((await call('GET', pathOf(link.url), null)).statusCode).toBe(404);

    // On a submitted article the author may still read but no longer edit: an editor's link is
    // not theirs to revoke (403), while the editor, who may edit it, revokes the author's.
    const submitted = (await buildArticle(t.core.db, site.id, { state: 'submitted', published_at: null, author_user_id: authorId })).id;
    const editorsLink = (await call('POST', `/articles/${submitted}/previews`, editor, {})).json();
    const refused = await call('DELETE', `/articles/${submitted}/previews/${editorsLink.id}`, author);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().errors[0].code).toBe('CONG_ERR_FORBIDDEN');
    const authorsLink = (await call('POST', `/articles/${submitted}/previews`, author, {})).json();
    expect((await call('DELETE', `/articles/${submitted}/previews/${authorsLink.id}`, editor)).statusCode).toBe(200);
    expect((await call('GET', pathOf(editorsLink.url), null)).statusCode).toBe(200);

    const audit = await t.core.db.selectFrom('audit_log').select(['action', 'details', 'actor_id']).where('subject_type', '=', 'article').where('subject_id', '=', draftId).where('action', 'like', 'preview.%').orderBy('id').execute();
    expect(audit.map((a) => a.action)).toContain('preview.create');
    expect(audit.filter((a) => a.action === 'preview.revoke').map((a) => a.actor_id)).toEqual([authorId]);
    // The token never reaches the audit log.
    const token = pathOf(link.url).split('/').pop()!;
    expect(audit.some((a) => String(a.details).includes(token))).toBe(false);
  });

  it('lists the links without their tokens', async () => {
    const res = await call('GET', `/articles/${draftId}/previews`, author);
    expect(res.statusCode).toBe(200);
    const items = res.json().items as Record<string, unknown>[];
    expect(items.length).toBeGreaterThanOrEqual(3);
    for (const item of items) {
      expect(item).not.toHaveProperty('url');
      expect(item).not.toHaveProperty('token');
      expect(item).not.toHaveProperty('tokenHash');
    }
  });

  it('refuses a lifetime outside 1 hour – 7 days naming the field, and people who may not read the article', async () => {
    for (const expiresInHours of [0, 169, 1.5]) {
      const res = await call('POST', `/articles/${draftId}/previews`, author, { expiresInHours });
      expect(res.statusCode, String(expiresInHours)).toBe(400);
      expect(res.json().errors[0].field).toBe('expiresInHours');
    }
    expect((await call('POST', `/articles/${draftId}/previews`, colleague, {})).statusCode).toBe(404);
    expect((await call('POST', `/articles/${draftId}/previews`, outsider, {})).statusCode).toBe(404);
    // Editors do not see someone else's draft (policy): not found, as for outsiders.
    expect((await call('POST', `/articles/${draftId}/previews`, editor, {})).statusCode).toBe(404);
    const anonymous = await t.app.inject({ method: 'POST', url: `${API}/articles/${draftId}/previews`, headers: { 'content-type': 'application/json' }, payload: '{}' });
    expect(anonymous.statusCode).toBe(401);
    expect((await call('POST', `/articles/999999/previews`, editor, {})).statusCode).toBe(404);
  });
});
