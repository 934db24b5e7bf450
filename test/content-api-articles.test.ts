/**
 * The content API's articles over HTTP (`/api/content/v1/articles…`), on SQLite and
 * PostgreSQL, with real Vietnamese news briefs: the list of a site and of the whole network
 * (newest first, stable order, total, page links), its filters (category with sub-categories,
 * tag, type, period in Vietnam time), and one article in full (absolute body and image URLs,
 * cover variants, +07:00 times with their precision, corrections, canonical URL), withdrawn
 * articles answering 410 with their notice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './app-harness.ts';
import { ENGINES } from './database-harness.ts';
import { buildArticle, buildCategory, buildSite, buildTag } from './factories.ts';
import { API, buildCoverMedia, getJson, loadNewsBriefs, ORIGIN } from './content-api-helpers.ts';

const HOUR = 60 * 60 * 1000;
/** Latest publication among the briefs: 10:00 on 30/9/2022 in Vietnam. */
const LATEST = Date.parse('2022-09-30T03:00:00.000Z');

describe.each(ENGINES)('content API articles on %s', (engine) => {
  let t: TestApp;
  let langson: { id: number; key: string };
  let ministry: { id: number; key: string };
  /** Titles of the Lạng Sơn briefs, newest first. */
  const langsonTitles: string[] = [];
  const briefs = loadNewsBriefs(30);
  const featureTitle = 'Hội nghị tập huấn nghiệp vụ công tác thông tin, tuyên truyền của Bộ TTTT năm 2022';

  beforeAll(async () => {
    t = await createTestApp(engine, new Date('2022-10-01T03:00:00.000Z'));
    const db = t.core.db;
    langson = await buildSite(db, { key: 'langson', name: 'Trang thông tin điện tử Sở TTTT tỉnh Lạng Sơn', orgName: 'Sở Thông tin và Truyền thông tỉnh Lạng Sơn', hostnames: ['langson.localhost'] });
    ministry = await buildSite(db, { key: 'bo-tttt', name: 'Cổng Thông tin điện tử Bộ Thông tin và Truyền thông', kind: 'ministry_portal' });
    const archived = await buildSite(db, { key: 'so-cu', name: 'Trang đã lưu trữ' });
    await db.updateTable('sites').set({ status: 'archived' }).where('id', '=', archived.id).execute();

    const news = await buildCategory(db, langson.id, { name: 'Tin tức', slug: 'tin-tuc', position: 1 });
    const digital = await buildCategory(db, langson.id, { name: 'Chuyển đổi số', slug: 'chuyen-doi-so', parentId: news.id, position: 2 });
    const notices = await buildCategory(db, langson.id, { name: 'Thông báo', slug: 'thong-bao', position: 3 });
    const tag = await buildTag(db, langson.id, { name: 'Hạ tầng số', slug: 'ha-tang-so' });

    // 24 real briefs on Lạng Sơn, one hour apart, newest first: every third in the
    // sub-category, every fourth tagged, every fifth a press release, the rest in "Tin tức".
    for (let i = 0; i < 24; i++) {
      const brief = briefs[i]!;
      const inDigital = i % 3 === 0;
      await buildArticle(db, langson.id, {
        title: brief.title,
        lead: brief.summary,
        slug: `tin-${i}`,
        type: i % 5 === 0 ? 'press_release' : 'news',
        published_at: new Date(LATEST - i * HOUR).toISOString(),
        categoryIds: [inDigital ? digital.id : news.id],
        tagIds: i % 4 === 0 ? [tag.id] : [],
      });
      langsonTitles.push(brief.title);
    }
    // Four briefs on the ministry portal, between the Lạng Sơn ones.
    for (let i = 24; i < 28; i++) {
      await buildArticle(db, ministry.id, { title: briefs[i]!.title, lead: briefs[i]!.summary, slug: `bo-${i}`, published_at: new Date(LATEST - (i - 24) * HOUR - HOUR / 2).toISOString() });
    }
    await buildArticle(db, archived.id, { title: 'Tin của trang đã lưu trữ', slug: 'luu-tru', published_at: new Date(LATEST).toISOString() });

    // Two articles published in the same minute, days earlier: the later id comes first.
    await buildArticle(db, langson.id, { title: 'Cùng giờ, tạo trước', slug: 'cung-gio-1', published_at: '2022-09-20T01:00:00.000Z', categoryIds: [notices.id] });
    await buildArticle(db, langson.id, { title: 'Cùng giờ, tạo sau', slug: 'cung-gio-2', published_at: '2022-09-20T01:00:00.000Z', categoryIds: [notices.id] });
    // Around midnight in Vietnam: 23:30 on 18/9 and 00:10 on 19/9 (both 18/9 in UTC).
    await buildArticle(db, langson.id, { title: 'Tin lúc 23 giờ 30 ngày 18/9', slug: 'truoc-nua-dem', published_at: '2022-09-18T16:30:00.000Z', categoryIds: [notices.id] });
    await buildArticle(db, langson.id, { title: 'Tin lúc 0 giờ 10 ngày 19/9', slug: 'sau-nua-dem', published_at: '2022-09-18T17:10:00.000Z', categoryIds: [notices.id] });

    // The article read in full: cover with variants, body with a photo and links, source,
    // byline, a correction, two categories and a tag; and one known only to the day.
    const cover = await buildCoverMedia(db, langson.id, 'hoi-nghi');
    const featured = await buildArticle(db, langson.id, {
      title: featureTitle,
      slug: 'hoi-nghi-tap-huan',
      lead: 'Ngày 27/9/2022, Bộ Thông tin và Truyền thông tổ chức Hội nghị tập huấn nghiệp vụ.',
      body: [
        '<p>Hội nghị diễn ra tại <a href="/langson/chuyen-muc/tin-tuc">Lạng Sơn</a>, xem thêm <a href="https://mic.gov.vn/tin">Cổng Bộ</a>.</p>',
        '<figure><img src="/media/cd/anh-trong-bai.jpg" alt="Đại biểu dự hội nghị"><figcaption>Đại biểu dự hội nghị</figcaption></figure>',
        '<p>Liên hệ <a href="mailto:banbientap@langson.gov.vn">Ban biên tập</a>.</p>',
        '<script>alert(1)</script><p onclick="x()">Kết thúc.</p>',
      ].join(''),
      byline: 'Hoàng Thu',
      source_name: 'Sở TTTT Lạng Sơn',
      source_url: 'https://stttt.langson.gov.vn/bai-goc',
      cover_media_id: cover.id,
      published_at: '2022-09-27T07:05:00.000Z',
      categoryIds: [notices.id, news.id],
      tagIds: [tag.id],
    });
    await db.insertInto('article_corrections').values({ article_id: featured.id, note: 'Sửa tên đơn vị tổ chức.', revision: 2, created_by_user_id: null, created_at: '2022-09-28T02:30:00.000Z' }).execute();
    await buildArticle(db, langson.id, { title: 'Thông báo chỉ biết ngày đăng', slug: 'chi-biet-ngay', published_precision: 'day', published_at: '2022-09-25T17:00:00.000Z', categoryIds: [notices.id] });

    // Withdrawn after being public: with a reason, and one sending readers to another article.
    await buildArticle(db, langson.id, { title: 'Thông báo tuyển dụng viên chức năm 2022', slug: 'tuyen-dung', state: 'withdrawn', published_at: '2022-09-26T07:05:00.000Z', withdrawn_at: '2022-09-28T02:30:00.000Z', withdrawal_reason: 'Thông tin tuyển dụng có sai sót về chỉ tiêu.', body: '<p>Danh sách kèm số căn cước</p>' });
    await buildArticle(db, langson.id, { title: 'Bài gỡ chuyển sang bài mới', slug: 'go-chuyen', state: 'withdrawn', published_at: '2022-09-26T07:05:00.000Z', withdrawn_at: '2022-09-28T02:30:00.000Z', withdrawal_redirect_url: '/bai-viet/hoi-nghi-tap-huan' });
    // Withdrawn before its embargo ended: never public, so unknown.
    await buildArticle(db, langson.id, { title: 'Thông cáo huỷ trước giờ', slug: 'huy-truoc-gio', state: 'withdrawn', published_at: '2022-09-29T00:00:00.000Z', withdrawn_at: '2022-09-28T00:00:00.000Z' });
    await t.core.sites.reload();
  });

  afterAll(async () => {
    await t?.dispose();
  });

  const titles = (json: { items: { title: string }[] }) => json.items.map((a) => a.title);

  describe('lists', () => {
    it('the network list holds every active site, newest first, and nothing of an archived site', async () => {
      const { status, json } = await getJson(t, `${API}/articles?pageSize=100`);
      expect(status).toBe(200);
      expect(json.total).toBe(24 + 4 + 6);
      expect(json.items).toHaveLength(34);
      const times = json.items.map((a: { publishedAt: string }) => Date.parse(a.publishedAt));
      expect([...times].sort((a, b) => b - a)).toEqual(times);
      expect(titles(json)).not.toContain('Tin của trang đã lưu trữ');
      // The ministry's article published half an hour before the latest Lạng Sơn one comes second.
      expect(json.items.slice(0, 3).map((a: { site: { key: string } }) => a.site.key)).toEqual(['langson', 'bo-tttt', 'langson']);
      expect(json.items[1].site.name).toBe('Cổng Thông tin điện tử Bộ Thông tin và Truyền thông');
    });

    it('a site list pages through every article once, in a stable order, with its links', async () => {
      const seen: string[] = [];
      let url: string | null = `${API}/articles?site=langson&pageSize=7`;
      let pages = 0;
      while (url) {
        const res = await getJson(t, url.replace(ORIGIN, ''));
        expect(res.status).toBe(200);
        expect(res.json.total).toBe(30);
        expect(res.json.pageSize).toBe(7);
        expect(res.json.pageCount).toBe(5);
        pages++;
        expect(res.json.page).toBe(pages);
        expect(res.json.links.prev).toBe(pages === 1 ? null : `${ORIGIN}${API}/articles?site=langson${pages > 2 ? `&page=${pages - 1}` : ''}&pageSize=7`);
        expect(String(res.headers['link'])).toContain(`<${res.json.links.last}>; rel="last"`);
        seen.push(...titles(res.json));
        url = res.json.links.next;
      }
      expect(pages).toBe(5);
      expect(seen).toHaveLength(30);
      expect(new Set(seen).size).toBe(30);
      expect(seen.slice(0, 24)).toEqual(langsonTitles);
      // Same publication minute: the later id first.
      expect(seen.indexOf('Cùng giờ, tạo sau')).toBe(seen.indexOf('Cùng giờ, tạo trước') - 1);
      expect(seen.slice(-2)).toEqual(['Tin lúc 0 giờ 10 ngày 19/9', 'Tin lúc 23 giờ 30 ngày 18/9']);
    });

    it('a page past the last is empty and points back to the last page', async () => {
      const { status, json } = await getJson(t, `${API}/articles?site=langson&page=9&pageSize=10`);
      expect(status).toBe(200);
      expect(json.items).toEqual([]);
      expect(json.total).toBe(30);
      expect(json.links.next).toBeNull();
      expect(json.links.prev).toBe(`${ORIGIN}${API}/articles?site=langson&page=3&pageSize=10`);
    });

    it('a category lists its sub-categories’ articles too; a sub-category only its own', async () => {
      const parent = (await getJson(t, `${API}/articles?site=langson&category=tin-tuc&pageSize=100`)).json;
      // 24 briefs (16 in "Tin tức", 8 in its sub-category) and the full article listed under both.
      expect(parent.total).toBe(25);
      expect(titles(parent)).toContain(featureTitle);
      const child = (await getJson(t, `${API}/articles?site=langson&category=chuyen-doi-so&pageSize=100`)).json;
      expect(titles(child)).toEqual(langsonTitles.filter((_, i) => i % 3 === 0));
      expect(child.items[0].category).toEqual({
        name: 'Chuyển đổi số',
        slug: 'chuyen-doi-so',
        url: `${ORIGIN}/langson/chuyen-muc/chuyen-doi-so`,
        articles: `${ORIGIN}${API}/articles?site=langson&category=chuyen-doi-so`,
      });
      // The category written as a reader would, with diacritics (NFD here), finds the same list.
      const typed = (await getJson(t, `${API}/articles?site=langson&category=${encodeURIComponent('Chuyển đổi số'.normalize('NFD'))}&pageSize=100`)).json;
      expect(titles(typed)).toEqual(titles(child));
      expect(typed.links.self).toBe(`${ORIGIN}${API}/articles?site=langson&category=chuyen-doi-so&pageSize=100`);
    });

    it('filters by tag and by type, and combines filters', async () => {
      const tagged = (await getJson(t, `${API}/articles?site=langson&tag=ha-tang-so&pageSize=100`)).json;
      expect(titles(tagged)).toEqual([...langsonTitles.filter((_, i) => i % 4 === 0), featureTitle]);
      const releases = (await getJson(t, `${API}/articles?type=press_release&pageSize=100`)).json;
      expect(titles(releases)).toEqual(langsonTitles.filter((_, i) => i % 5 === 0));
      expect(releases.items.every((a: { type: string; typeLabel: string }) => a.type === 'press_release' && a.typeLabel === 'Thông cáo báo chí')).toBe(true);
      const both = (await getJson(t, `${API}/articles?site=langson&tag=ha-tang-so&type=press_release`)).json;
      expect(titles(both)).toEqual(langsonTitles.filter((_, i) => i % 4 === 0 && i % 5 === 0));
    });

    it('a period of dates is read in Vietnam time, both ends included', async () => {
      const day19 = (await getJson(t, `${API}/articles?site=langson&from=2022-09-19&to=2022-09-19`)).json;
      expect(titles(day19)).toEqual(['Tin lúc 0 giờ 10 ngày 19/9']);
      const day18 = (await getJson(t, `${API}/articles?site=langson&to=2022-09-18`)).json;
      expect(titles(day18)).toEqual(['Tin lúc 23 giờ 30 ngày 18/9']);
      // Instants with an offset; an unencoded "+" (read as a space) still means +07:00.
      const hour = (await getJson(t, `${API}/articles?site=langson&from=2022-09-30T09:00:00+07:00&to=2022-09-30T10:00:00%2B07:00`)).json;
      expect(titles(hour)).toEqual(langsonTitles.slice(0, 2));
      const utc = (await getJson(t, `${API}/articles?site=langson&from=2022-09-30T02:00:00Z&to=2022-09-30T03:00:00.000Z`)).json;
      expect(titles(utc)).toEqual(titles(hour));
      // The period is carried into the page links as written.
      expect(hour.links.self).toBe(`${ORIGIN}${API}/articles?site=langson&from=2022-09-30T09%3A00%3A00%2B07%3A00&to=2022-09-30T10%3A00%3A00%2B07%3A00`);
    });

    it('list items are summaries with absolute URLs and +07:00 times, no body', async () => {
      const { json } = await getJson(t, `${API}/articles?site=langson&tag=ha-tang-so&from=2022-09-27&to=2022-09-27`);
      expect(json.items).toHaveLength(1);
      const item = json.items[0];
      expect(Object.keys(item).sort()).toEqual(['category', 'cover', 'featured', 'lead', 'publishedAt', 'publishedPrecision', 'self', 'site', 'slug', 'title', 'type', 'typeLabel', 'url'].sort());
      expect(item.publishedAt).toBe('2022-09-27T14:05:00+07:00');
      expect(item.url).toBe(`${ORIGIN}/langson/bai-viet/hoi-nghi-tap-huan`);
      expect(item.self).toBe(`${ORIGIN}${API}/articles/langson/hoi-nghi-tap-huan`);
      expect(item.cover.url).toBe(`${ORIGIN}/media/cd/hoi-nghi.jpg`);
    });
  });

  describe('one article', () => {
    it('answers the article in full: sanitised body with absolute URLs, cover variants, source, corrections, canonical URL', async () => {
      const { status, json, headers } = await getJson(t, `${API}/articles/langson/hoi-nghi-tap-huan`);
      expect(status).toBe(200);
      expect(headers['content-type']).toBe('application/json; charset=utf-8');
      expect(json.title).toBe(featureTitle);
      expect(json.site).toEqual({ key: 'langson', name: 'Trang thông tin điện tử Sở TTTT tỉnh Lạng Sơn' });
      expect(json.publishedAt).toBe('2022-09-27T14:05:00+07:00');
      expect(json.publishedPrecision).toBe('minute');
      expect(json.byline).toBe('Hoàng Thu');
      expect(json.source).toEqual({ name: 'Sở TTTT Lạng Sơn', url: 'https://stttt.langson.gov.vn/bai-goc' });
      expect(json.organisation).toEqual({ name: 'Sở Thông tin và Truyền thông tỉnh Lạng Sơn' });
      expect(json.body).toContain(`<a href="${ORIGIN}/langson/chuyen-muc/tin-tuc">Lạng Sơn</a>`);
      expect(json.body).toContain('<a href="https://mic.gov.vn/tin" rel="noopener">Cổng Bộ</a>');
      expect(json.body).toContain(`<img src="${ORIGIN}/media/cd/anh-trong-bai.jpg" alt="Đại biểu dự hội nghị" />`);
      expect(json.body).toContain('<a href="mailto:banbientap@langson.gov.vn">');
      expect(json.body).not.toMatch(/<script|onclick|alert/);
      expect(json.cover).toEqual({
        url: `${ORIGIN}/media/cd/hoi-nghi.jpg`,
        width: 1600,
        height: 900,
        alt: 'Quang cảnh hội nghị',
        caption: 'Hội nghị tại Lạng Sơn',
        credit: 'Ảnh: Sở TTTT',
        variants: [
          { url: `${ORIGIN}/media/cd/hoi-nghi-640.jpg`, width: 640, height: 360, format: 'jpeg' },
          { url: `${ORIGIN}/media/cd/hoi-nghi-640.webp`, width: 640, height: 360, format: 'webp' },
          { url: `${ORIGIN}/media/cd/hoi-nghi-1280.jpg`, width: 1280, height: 720, format: 'jpeg' },
        ],
      });
      expect(json.categories.map((c: { slug: string }) => c.slug).sort()).toEqual(['thong-bao', 'tin-tuc']);
      expect(json.tags).toEqual([{ name: 'Hạ tầng số', slug: 'ha-tang-so', url: `${ORIGIN}/langson/the/ha-tang-so`, articles: `${ORIGIN}${API}/articles?site=langson&tag=ha-tang-so` }]);
      expect(json.corrections).toEqual([{ note: 'Sửa tên đơn vị tổ chức.', correctedAt: '2022-09-28T09:30:00+07:00' }]);
      expect(json.canonicalUrl).toBe(`${ORIGIN}/langson/bai-viet/hoi-nghi-tap-huan`);
      // The canonical URL is the public page itself.
      const page = await t.app.inject({ method: 'GET', url: json.canonicalUrl.replace(ORIGIN, '') });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain(`<link rel="canonical" href="${json.canonicalUrl}"`);
    });

    it('an article known only to the day says so', async () => {
      const { json } = await getJson(t, `${API}/articles/langson/chi-biet-ngay`);
      expect(json.publishedPrecision).toBe('day');
      expect(json.publishedAt.slice(0, 10)).toBe('2022-09-26');
      expect(json.publishedAt.endsWith('+07:00')).toBe(true);
    });

    it('finds an article by a slug typed with capitals or NFD diacritics', async () => {
      for (const slug of ['Hoi-Nghi-Tap-Huan', 'hội-nghị-tập-huấn'.normalize('NFD')]) {
        const { status, json } = await getJson(t, `${API}/articles/langson/${encodeURIComponent(slug)}`);
        expect(status, slug).toBe(200);
        expect(json.slug).toBe('hoi-nghi-tap-huan');
      }
    });

    it('a withdrawn article answers 410 with its notice, never its content', async () => {
      const { status, json, headers } = await getJson(t, `${API}/articles/langson/tuyen-dung`);
      expect(status).toBe(410);
      expect(headers['cache-control']).toBe('public, max-age=30');
      expect(json.errors).toEqual([
        { code: 'CONG_ERR_WITHDRAWN', message: 'Bài viết “Thông báo tuyển dụng viên chức năm 2022” đã được gỡ lúc 09:30 ngày 28/9/2022. Lý do: Thông tin tuyển dụng có sai sót về chỉ tiêu.' },
      ]);
      expect(json.withdrawn).toEqual({
        title: 'Thông báo tuyển dụng viên chức năm 2022',
        withdrawnAt: '2022-09-28T09:30:00+07:00',
        reason: 'Thông tin tuyển dụng có sai sót về chỉ tiêu.',
        replacementUrl: null,
      });
      expect(JSON.stringify(json)).not.toContain('căn cước');
      const moved = (await getJson(t, `${API}/articles/langson/go-chuyen`)).json;
      expect(moved.withdrawn.replacementUrl).toBe(`${ORIGIN}/langson/bai-viet/hoi-nghi-tap-huan`);
      // Withdrawn before its embargo ended: it never existed for the public.
      const never = await getJson(t, `${API}/articles/langson/huy-truoc-gio`);
      expect(never.status).toBe(404);
      expect(never.json.errors[0].code).toBe('CONG_ERR_NOT_FOUND');
      expect(never.body).not.toContain('Thông cáo huỷ trước giờ');
    });

    it('an article of another site, or of an archived site, is not found', async () => {
      expect((await getJson(t, `${API}/articles/bo-tttt/hoi-nghi-tap-huan`)).status).toBe(404);
      expect((await getJson(t, `${API}/articles/langson/bo-24`)).status).toBe(404);
      const archived = await getJson(t, `${API}/articles/so-cu/luu-tru`);
      expect(archived.status).toBe(404);
      expect(archived.json.errors[0].message).toBe('Không tìm thấy trang “so-cu”');
    });
  });
});
