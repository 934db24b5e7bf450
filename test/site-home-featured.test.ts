/**
 * What a site's home leads with, on SQLite and PostgreSQL: articles marked featured first;
 * unmarked, the site's own content before press-digest briefs (other publishers' headlines);
 * briefs only when the site has nothing else.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { ENGINES } from './database-harness.ts';
import { createTestApp, type TestApp } from './app-harness.ts';
import { buildArticle, buildSite } from './factories.ts';

/** Titles inside the home page's featured section, in order. */
function featuredTitles(html: string): string[] {
  const m = /<section[^>]*aria-labelledby="[^"]*noi-bat[^"]*"[^>]*>([\s\S]*?)<\/section>/.exec(html) ?? /Tin nổi bật<\/h2>([\s\S]*?)<\/section>/.exec(html);
  if (!m) throw new Error('no featured section on the page');
  return [...m[1]!.matchAll(/<h[23][^>]*>\s*<a[^>]*>([^<]+)<\/a>/g)].map((x) => x[1]!.trim());
}

describe.each(ENGINES)('site home featured block on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => t.dispose());

  it('leads with the site\'s own articles before newer briefs, and with briefs when there is nothing else', async () => {
    const own = await buildSite(t.core.db);
    await buildArticle(t.core.db, own.id, { title: 'Tin của Sở về chuyển đổi số', type: 'news', published_at: '2022-09-20T01:00:00.000Z' });
    await buildArticle(t.core.db, own.id, { title: 'Điểm báo mới hơn', type: 'brief', published_at: '2022-09-25T01:00:00.000Z' });
    const briefsOnly = await buildSite(t.core.db);
    await buildArticle(t.core.db, briefsOnly.id, { title: 'Chỉ có điểm báo', type: 'brief', published_at: '2022-09-25T01:00:00.000Z' });
    await t.core.sites.reload();

    const home = await t.app.inject({ url: `/${own.key}/` });
    expect(home.statusCode).toBe(200);
    expect(featuredTitles(home.body)).toEqual(['Tin của Sở về chuyển đổi số']);

    const other = await t.app.inject({ url: `/${briefsOnly.key}/` });
    expect(featuredTitles(other.body)).toEqual(['Chỉ có điểm báo']);
  });

  it('leads with articles marked featured, whatever their date', async () => {
    const site = await buildSite(t.core.db);
    await buildArticle(t.core.db, site.id, { title: 'Tin mới nhất', published_at: '2022-09-26T01:00:00.000Z' });
    await buildArticle(t.core.db, site.id, { title: 'Tin được chọn nổi bật', featured: 1, published_at: '2022-09-01T01:00:00.000Z' });
    await t.core.sites.reload();
    const home = await t.app.inject({ url: `/${site.key}/` });
    expect(featuredTitles(home.body)).toEqual(['Tin được chọn nổi bật']);
  });
});

describe.each(ENGINES)('site menu on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(async () => t.dispose());

  it('lists only categories with something to read, and the empty one still has its page', async () => {
    const { buildCategory } = await import('./factories.ts');
    const site = await buildSite(t.core.db);
    const full = await buildCategory(t.core.db, site.id, { name: 'Tin hoạt động', slug: 'tin-hoat-dong' });
    await buildCategory(t.core.db, site.id, { name: 'Chuyển đổi số', slug: 'chuyen-doi-so' });
    const parent = await buildCategory(t.core.db, site.id, { name: 'Văn bản', slug: 'van-ban' });
    const child = await buildCategory(t.core.db, site.id, { name: 'Văn bản mới', slug: 'van-ban-moi', parentId: parent.id });
    await buildArticle(t.core.db, site.id, { categoryIds: [full.id] });
    await buildArticle(t.core.db, site.id, { categoryIds: [child.id] });
    // an embargoed article does not make its category appear early
    const embargoed = await buildCategory(t.core.db, site.id, { name: 'Thông cáo', slug: 'thong-cao' });
    await buildArticle(t.core.db, site.id, { categoryIds: [embargoed.id], published_at: '2030-01-01T00:00:00.000Z' });
    await t.core.sites.reload();

    const home = await t.app.inject({ url: `/${site.key}/` });
    const nav = /<nav[^>]*aria-label="[^"]*[Cc]huyên mục[^"]*"[^>]*>([\s\S]*?)<\/nav>/.exec(home.body);
    expect(nav, 'the category menu').not.toBeNull();
    expect(nav![1]).toContain(`/${site.key}/chuyen-muc/tin-hoat-dong`);
    expect(nav![1]).toContain(`/${site.key}/chuyen-muc/van-ban`);
    expect(nav![1]).not.toContain('chuyen-doi-so');
    expect(nav![1]).not.toContain('thong-cao');
    const empty = await t.app.inject({ url: `/${site.key}/chuyen-muc/chuyen-doi-so` });
    expect(empty.statusCode).toBe(200);
  });
});
