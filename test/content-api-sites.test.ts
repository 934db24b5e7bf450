/**
 * The content API's sites, categories and tags over HTTP, on SQLite and PostgreSQL: the active
 * sites in network order with their organisation and addresses (merged and archived ones
 * absent and 404), one site with its visible article count, a site's category tree with the
 * visible counts its article lists show, and its tags page by page with their counts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './app-harness.ts';
import { ENGINES } from './database-harness.ts';
import { buildArticle, buildCategory, buildSite, buildTag } from './factories.ts';
import { API, getJson, loadNewsBriefs, ORIGIN } from './content-api-helpers.ts';

describe.each(ENGINES)('content API sites, categories and tags on %s', (engine) => {
  let t: TestApp;
  let langson: { id: number; key: string };

  beforeAll(async () => {
    t = await createTestApp(engine);
    const db = t.core.db;
    const ministry = await buildSite(db, { key: 'bo-tttt', name: 'Cổng Thông tin điện tử Bộ Thông tin và Truyền thông', kind: 'ministry_portal', orgName: 'Bộ Thông tin và Truyền thông', settings: { tagline: 'Thông tin chính thống của Bộ', email: 'banbientap@mic.gov.vn', phone: '024 1234 5678' } });
    langson = await buildSite(db, { key: 'langson', name: 'Trang thông tin điện tử Sở TTTT tỉnh Lạng Sơn', orgName: 'Sở Thông tin và Truyền thông tỉnh Lạng Sơn', hostnames: ['langson.localhost', 'stttt.langson.example.vn'] });
    const unit = await buildSite(db, { key: 'cuc-bao-chi', name: 'Trang thông tin điện tử Cục Báo chí', kind: 'unit_page' });
    await db.updateTable('sites').set({ parent_id: ministry.id, position: 2 }).where('id', '=', unit.id).execute();
    await db.updateTable('sites').set({ position: 1 }).where('id', '=', ministry.id).execute();
    await db.updateTable('sites').set({ position: 3 }).where('id', '=', langson.id).execute();
    const merged = await buildSite(db, { key: 'bac-kan', name: 'Trang đã sáp nhập' });
    await db.updateTable('sites').set({ status: 'merged', position: 4 }).where('id', '=', merged.id).execute();

    const news = await buildCategory(db, langson.id, { name: 'Tin tức', slug: 'tin-tuc', position: 1 });
    const digital = await buildCategory(db, langson.id, { name: 'Chuyển đổi số', slug: 'chuyen-doi-so', parentId: news.id, position: 1 });
    await buildCategory(db, langson.id, { name: 'Văn bản', slug: 'van-ban', position: 2 });
    await db.updateTable('categories').set({ description: 'Tin về chuyển đổi số của tỉnh' }).where('id', '=', digital.id).execute();

    // Tags named after real topics of the bundled news briefs.
    const briefs = loadNewsBriefs(12);
    const tags = [];
    for (const [name, slug] of [['Y tế', 'y-te'], ['Giáo dục', 'giao-duc'], ['Đô thị', 'do-thi'], ['Chính trị', 'chinh-tri'], ['Kinh tế', 'kinh-te']] as const) {
      tags.push(await buildTag(db, langson.id, { name, slug }));
    }
    await buildTag(db, langson.id, { name: 'Thẻ chưa dùng', slug: 'the-chua-dung' });
    const embargoOnly = await buildTag(db, langson.id, { name: 'Thẻ của tin cấm đăng', slug: 'the-cam-dang' });
    for (const [i, brief] of briefs.entries()) {
      await buildArticle(db, langson.id, {
        title: brief.title,
        slug: `tin-${i}`,
        published_at: new Date(Date.parse('2022-09-30T03:00:00.000Z') - i * 3_600_000).toISOString(),
        categoryIds: i % 2 === 0 ? [news.id] : [digital.id],
        tagIds: tags.filter((_, k) => k <= i % 5).map((x) => x.id),
      });
    }
    // In both the category and its sub-category: counted once in the parent.
    await buildArticle(db, langson.id, { title: 'Tin ở cả hai chuyên mục', slug: 'ca-hai', published_at: '2022-09-20T01:00:00.000Z', categoryIds: [news.id, digital.id] });
    await buildArticle(db, langson.id, { title: 'Tin cấm đăng', slug: 'cam-dang', published_at: '2030-01-01T00:00:00.000Z', categoryIds: [digital.id], tagIds: [tags[0]!.id, embargoOnly.id] });
    await buildArticle(db, langson.id, { title: 'Bản nháp', slug: 'ban-nhap', state: 'draft', published_at: null, categoryIds: [digital.id], tagIds: [tags[0]!.id] });
    await buildArticle(db, ministry.id, { title: 'Tin của Bộ', slug: 'tin-bo', published_at: '2022-09-29T03:00:00.000Z' });
    await t.core.sites.reload();
  });

  afterAll(async () => {
    await t?.dispose();
  });

  it('lists the active sites in network order with their organisation and addresses', async () => {
    const { status, json } = await getJson(t, `${API}/sites`);
    expect(status).toBe(200);
    expect(json.total).toBe(3);
    expect(json.items.map((s: { key: string }) => s.key)).toEqual(['bo-tttt', 'cuc-bao-chi', 'langson']);
    const [ministry, unit, langsonSite] = json.items;
    expect(ministry).toEqual({
      key: 'bo-tttt',
      name: 'Cổng Thông tin điện tử Bộ Thông tin và Truyền thông',
      kind: 'ministry_portal',
      parentKey: null,
      organisation: { name: 'Bộ Thông tin và Truyền thông', shortName: expect.any(String) },
      tagline: 'Thông tin chính thống của Bộ',
      urls: { home: `${ORIGIN}/bo-tttt/`, hosts: [] },
      links: {
        self: `${ORIGIN}${API}/sites/bo-tttt`,
        articles: `${ORIGIN}${API}/articles?site=bo-tttt`,
        categories: `${ORIGIN}${API}/categories?site=bo-tttt`,
        tags: `${ORIGIN}${API}/tags?site=bo-tttt`,
      },
    });
    expect(unit.parentKey).toBe('bo-tttt');
    expect(unit.kind).toBe('unit_page');
    expect(langsonSite.urls).toEqual({ home: `${ORIGIN}/langson/`, hosts: ['http://langson.localhost:3000/', 'http://stttt.langson.example.vn:3000/'] });
    // Contact settings and other site settings are not part of the API.
    expect(JSON.stringify(json)).not.toContain('banbientap@mic.gov.vn');
  });

  it('one site with its visible article count and last publication; merged or unknown sites are not found', async () => {
    const { json } = await getJson(t, `${API}/sites/langson`);
    expect(json.key).toBe('langson');
    expect(json.articleCount).toBe(13);
    expect(json.lastPublishedAt).toBe('2022-09-30T10:00:00+07:00');
    for (const key of ['bac-kan', 'khong-co', 'LANGSON']) {
      const res = await getJson(t, `${API}/sites/${key}`);
      expect(res.status, key).toBe(404);
      expect(res.json.errors).toEqual([{ code: 'CONG_ERR_NOT_FOUND', message: `Không tìm thấy trang “${key}”` }]);
    }
    expect((await getJson(t, `${API}/articles?site=bac-kan`)).status).toBe(404);
  });

  it('a site’s categories as a tree, each counting the visible articles its list shows', async () => {
    const { status, json } = await getJson(t, `${API}/categories?site=langson`);
    expect(status).toBe(200);
    expect(json.site).toEqual({ key: 'langson', name: 'Trang thông tin điện tử Sở TTTT tỉnh Lạng Sơn' });
    expect(json.total).toBe(3);
    expect(json.items).toEqual([
      {
        name: 'Tin tức',
        slug: 'tin-tuc',
        url: `${ORIGIN}/langson/chuyen-muc/tin-tuc`,
        articles: `${ORIGIN}${API}/articles?site=langson&category=tin-tuc`,
        description: null,
        articleCount: 13,
        children: [
          {
            name: 'Chuyển đổi số',
            slug: 'chuyen-doi-so',
            url: `${ORIGIN}/langson/chuyen-muc/chuyen-doi-so`,
            articles: `${ORIGIN}${API}/articles?site=langson&category=chuyen-doi-so`,
            description: 'Tin về chuyển đổi số của tỉnh',
            articleCount: 7,
            children: [],
          },
        ],
      },
      { name: 'Văn bản', slug: 'van-ban', url: `${ORIGIN}/langson/chuyen-muc/van-ban`, articles: `${ORIGIN}${API}/articles?site=langson&category=van-ban`, description: null, articleCount: 0, children: [] },
    ]);
    // Each count is the total of the list it links to.
    for (const node of [json.items[0], json.items[0].children[0], json.items[1]]) {
      expect((await getJson(t, node.articles.replace(ORIGIN, ''))).json.total, node.slug).toBe(node.articleCount);
    }
  });

  it('a site’s tags with visible articles, page by page, with their counts; unused and not-yet-public tags are absent', async () => {
    const first = await getJson(t, `${API}/tags?site=langson&pageSize=2`);
    expect(first.status).toBe(200);
    expect(first.json.total).toBe(5);
    expect(first.json.pageCount).toBe(3);
    const all: { slug: string; name: string; articleCount: number }[] = [...first.json.items];
    let next: string | null = first.json.links.next;
    while (next) {
      const page = await getJson(t, next.replace(ORIGIN, ''));
      all.push(...page.json.items);
      next = page.json.links.next;
    }
    expect(all.map((x) => x.slug)).toEqual(['chinh-tri', 'do-thi', 'giao-duc', 'kinh-te', 'y-te']);
    // Article i carries the first (i mod 5) + 1 tags: "Y tế" all 12, "Kinh tế" 2 (i = 4, 9).
    expect(Object.fromEntries(all.map((x) => [x.name, x.articleCount]))).toEqual({ 'Chính trị': 4, 'Đô thị': 6, 'Giáo dục': 9, 'Kinh tế': 2, 'Y tế': 12 });
    const yTe = all.find((x) => x.slug === 'y-te')!;
    expect(yTe).toEqual({ name: 'Y tế', slug: 'y-te', url: `${ORIGIN}/langson/the/y-te`, articles: `${ORIGIN}${API}/articles?site=langson&tag=y-te`, articleCount: 12 });
    expect((await getJson(t, `${API}/articles?site=langson&tag=y-te`)).json.total).toBe(12);
    const body = JSON.stringify(all);
    expect(body).not.toContain('Thẻ chưa dùng');
    expect(body).not.toContain('Thẻ của tin cấm đăng');
    const past = await getJson(t, `${API}/tags?site=langson&page=4&pageSize=2`);
    expect(past.json.items).toEqual([]);
    expect(past.json.links.prev).toBe(`${ORIGIN}${API}/tags?site=langson&page=3&pageSize=2`);
  });
});
