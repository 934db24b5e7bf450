/**
 * "Nothing is public before its time" (DESIGN.md §3) on feeds and sitemaps: scheduled,
 * embargoed, draft, returned and rejected articles are in no feed and no sitemap; a scheduled
 * article appears as soon as the scheduler publishes it at its time, an embargoed one as soon
 * as the clock passes its time; a withdrawn one is gone at once. The test clock is moved, the
 * scheduler and the withdrawal are the real commands. Both engines.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishDueArticles } from '../src/core/workflow/scheduler.ts';
import { withdrawArticle } from '../src/core/workflow/workflow-commands.ts';
import { createTestApp, type TestApp } from './app-harness.ts';
import { ENGINES } from './database-harness.ts';
import { buildArticle, buildCategory, buildSite, buildTag } from './factories.ts';
import { buildMember } from './newsroom-factories.ts';

describe.each(ENGINES)('feeds and sitemaps follow the visibility rule on %s', (engine) => {
  let t: TestApp;
  let site: { id: number; key: string };
  let toWithdraw: { id: number };
  const A = {
    visible: { title: 'Tin đã đăng từ hôm qua', slug: 'tin-da-dang' },
    withdrawn: { title: 'Tin sẽ bị gỡ vì sai số liệu', slug: 'tin-se-bi-go' },
    scheduled: { title: 'Thông báo hẹn giờ lúc 11 giờ', slug: 'thong-bao-hen-gio' },
    embargoed: { title: 'Thông cáo cấm đăng trước 12 giờ', slug: 'thong-cao-cam-dang' },
    draft: { title: 'Bản nháp của phóng viên', slug: 'ban-nhap-phong-vien' },
    returned: { title: 'Bài bị trả lại để sửa', slug: 'bai-bi-tra-lai' },
    rejected: { title: 'Bài không sử dụng', slug: 'bai-khong-su-dung' },
  };
  const hidden = ['scheduled', 'embargoed', 'draft', 'returned', 'rejected'] as const;

  beforeAll(async () => {
    t = await createTestApp(engine, new Date('2022-10-01T03:00:00.000Z')); // 10:00 in Vietnam
    const db = t.core.db;
    site = await buildSite(db, { name: 'Cổng thông tin điện tử Bộ Thông tin và Truyền thông' });
    const cat = await buildCategory(db, site.id, { name: 'Thông cáo báo chí', slug: 'thong-cao-bao-chi' });
    const tag = await buildTag(db, site.id, { name: 'Nghị định', slug: 'nghi-dinh' });
    const embargoTag = await buildTag(db, site.id, { name: 'Chỉ có bài cấm đăng', slug: 'chi-co-bai-cam-dang' });
    const common = { categoryIds: [cat.id], tagIds: [tag.id] };
    await buildArticle(db, site.id, { ...A.visible, ...common, published_at: '2022-09-30T09:00:00.000Z' });
    toWithdraw = await buildArticle(db, site.id, { ...A.withdrawn, ...common, published_at: '2022-09-30T10:00:00.000Z' });
    await buildArticle(db, site.id, { ...A.scheduled, ...common, state: 'scheduled', published_at: '2022-10-01T04:00:00.000Z' });
    await buildArticle(db, site.id, { ...A.embargoed, type: 'press_release', categoryIds: [cat.id], tagIds: [tag.id, embargoTag.id], published_at: '2022-10-01T05:00:00.000Z' });
    await buildArticle(db, site.id, { ...A.draft, ...common, state: 'draft', published_at: null });
    await buildArticle(db, site.id, { ...A.returned, ...common, state: 'returned', published_at: null });
    await buildArticle(db, site.id, { ...A.rejected, ...common, state: 'rejected', published_at: '2022-09-29T01:00:00.000Z' });
    await t.core.sites.reload();
  });

  afterAll(async () => {
    await t?.dispose();
  });

  const get = (url: string) => t.app.inject({ method: 'GET', url });

  /** Every feed and sitemap an article can appear in, with its body (404s count as empty). */
  async function surfaces(): Promise<Map<string, string>> {
    const urls = [
      `/${site.key}/rss.xml`,
      `/${site.key}/atom.xml`,
      `/${site.key}/feed.json`,
      `/${site.key}/chuyen-muc/thong-cao-bao-chi/rss.xml`,
      `/${site.key}/chuyen-muc/thong-cao-bao-chi/feed.json`,
      `/${site.key}/the/nghi-dinh/atom.xml`,
      '/rss.xml',
      '/feed.json',
      `/${site.key}/sitemap-bai-viet-1.xml`,
      `/${site.key}/sitemap-news.xml`,
      `/${site.key}/sitemap-danh-muc.xml`,
    ];
    const out = new Map<string, string>();
    for (const url of urls) {
      const res = await get(url);
      expect([200, 404], url).toContain(res.statusCode);
      out.set(url, res.statusCode === 200 ? res.body : '');
    }
    return out;
  }

  function expectAbsent(all: Map<string, string>, article: { title: string; slug: string }) {
    for (const [url, body] of all) {
      expect(body, `${article.slug} in ${url}`).not.toContain(article.slug);
      expect(body, `${article.title} in ${url}`).not.toContain(article.title);
    }
  }

  function expectPresent(all: Map<string, string>, article: { title: string; slug: string }) {
    for (const [url, body] of all) {
      if (url.includes('sitemap-danh-muc')) continue; // lists categories and tags, not articles
      expect(body, `${article.slug} in ${url}`).toContain(article.slug);
    }
  }

  it('before their time, scheduled and embargoed articles are nowhere; drafts, returned and rejected never are', async () => {
    t.now = new Date('2022-10-01T03:00:00.000Z');
    const all = await surfaces();
    expectPresent(all, A.visible);
    expectPresent(all, A.withdrawn);
    for (const key of hidden) expectAbsent(all, A[key]);
    // A tag only the embargoed article carries is unknown: no feed, not in the sitemap.
    expect((await get(`/${site.key}/the/chi-co-bai-cam-dang/rss.xml`)).statusCode).toBe(404);
    expect(all.get(`/${site.key}/sitemap-danh-muc.xml`)).toContain(`/${site.key}/the/nghi-dinh<`);
    expect(all.get(`/${site.key}/sitemap-danh-muc.xml`)).not.toContain('chi-co-bai-cam-dang');
  });

  it('no cache keeps a feed or sitemap past the next publication', async () => {
    t.now = new Date('2022-10-01T03:59:50.000Z'); // ten seconds before the scheduled time
    t.core.horizon.invalidate();
    for (const url of [`/${site.key}/rss.xml`, `/${site.key}/sitemap.xml`, `/${site.key}/sitemap-news.xml`]) {
      expect((await get(url)).headers['cache-control'], url).toBe('public, max-age=10');
    }
  });

  it('a scheduled article appears everywhere once the scheduler publishes it at its time', async () => {
    t.now = new Date('2022-10-01T04:00:01.000Z');
    expect((await publishDueArticles(t.core)).published.map((p) => p.scheduledFor)).toEqual(['2022-10-01T04:00:00.000Z']);
    const all = await surfaces();
    expectPresent(all, A.scheduled);
    expectAbsent(all, A.embargoed);
    const news = all.get(`/${site.key}/sitemap-news.xml`)!;
    expect(news).toContain('<news:publication_date>2022-10-01T11:00:00+07:00</news:publication_date>');
  });

  it('an embargoed article appears everywhere as soon as the clock passes its time', async () => {
    t.now = new Date('2022-10-01T04:59:59.000Z');
    expectAbsent(await surfaces(), A.embargoed);
    t.now = new Date('2022-10-01T05:00:01.000Z');
    const all = await surfaces();
    expectPresent(all, A.embargoed);
    expect((await get(`/${site.key}/the/chi-co-bai-cam-dang/rss.xml`)).statusCode).toBe(200);
    expect(all.get(`/${site.key}/sitemap-danh-muc.xml`)).toContain(`/${site.key}/the/chi-co-bai-cam-dang<`);
    const feed = JSON.parse(all.get(`/${site.key}/feed.json`)!) as { items: { title: string }[] };
    expect(feed.items[0]!.title).toBe(A.embargoed.title);
  });

  it('a withdrawn article is gone from every feed and sitemap at once', async () => {
    const chief = await buildMember(t.core.db, [{ siteId: site.id, role: 'chief_editor' }]);
    await withdrawArticle(t.core, chief, toWithdraw.id, { revision: 1, reason: 'Số liệu trong bài chưa chính xác' });
    const all = await surfaces();
    expectAbsent(all, A.withdrawn);
    expectPresent(all, A.visible);
  });

  it('drafts, returned and rejected articles stay out at any later time', async () => {
    t.now = new Date('2030-01-01T00:00:00.000Z');
    const all = await surfaces();
    for (const key of ['draft', 'returned', 'rejected'] as const) expectAbsent(all, A[key]);
    expectAbsent(all, A.withdrawn);
    // Nothing was published in the last two days of 2030: no news sitemap, not listed in the index.
    expect((await get(`/${site.key}/sitemap-news.xml`)).statusCode).toBe(404);
    expect((await get(`/${site.key}/sitemap.xml`)).body).not.toContain('sitemap-news.xml');
  });
});
