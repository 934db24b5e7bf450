/**
 * "Nothing is public before its time" (DESIGN.md §3) through the content API, on SQLite and
 * PostgreSQL: scheduled and embargoed articles are in no list, count, tag list or detail until
 * their time, then everywhere right after (the test clock moves; the scheduler publishes the
 * scheduled one); drafts, submitted, pending, returned and rejected articles never appear, at
 * any time; a withdrawn one answers 410 with its notice. No answer carries a private field
 * (database ids, people, revisions, internal notes, withdrawal internals) or private text.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishDueArticles } from '../src/core/workflow/scheduler.ts';
import { createTestApp, type TestApp } from './app-harness.ts';
import { ENGINES } from './database-harness.ts';
import { buildArticle, buildCategory, buildSite, buildTag } from './factories.ts';
import { API, forbiddenKeyPaths, getJson } from './content-api-helpers.ts';

const START = new Date('2022-10-01T03:00:00.000Z'); // 10:00 in Vietnam
const SCHEDULED_AT = '2022-10-01T04:00:00.000Z';
const EMBARGO_AT = '2022-10-01T05:00:00.000Z';

const VISIBLE = 'Lạng Sơn đẩy mạnh chuyển đổi số trong cơ quan nhà nước';
const SCHEDULED = 'Hẹn giờ: Hội nghị sơ kết chuyển đổi số quý III';
const EMBARGOED = 'Thông cáo báo chí về Nghị định mới (cấm đăng trước giờ)';
const NEVER = {
  draft: 'Bản nháp về quy hoạch hạ tầng số',
  submitted: 'Tin chờ biên tập về dịch vụ công trực tuyến',
  pending_approval: 'Tin chờ duyệt về an toàn thông tin',
  returned: 'Tin bị trả lại về báo chí địa phương',
  rejected: 'Tin không sử dụng về phát thanh cơ sở',
} as const;
const WITHDRAWN = 'Thông báo tuyển dụng đã gỡ';
/** Text that exists only in private places: internal comments, old revisions, people. */
const PRIVATE_TEXTS = ['Góp ý nội bộ: chưa kiểm chứng số liệu', 'Tiêu đề cũ chưa duyệt', 'bientapvien@langson.gov.vn', 'Lý do trả lại: thiếu nguồn'];

describe.each(ENGINES)('content API visibility on %s', (engine) => {
  let t: TestApp;
  /** Every JSON answer read in this suite, for the private-field walk at the end. */
  const answers: { url: string; json: unknown; body: string }[] = [];

  beforeAll(async () => {
    t = await createTestApp(engine, START);
    const db = t.core.db;
    const site = await buildSite(db, { key: 'langson', name: 'Trang thông tin điện tử Sở TTTT tỉnh Lạng Sơn' });
    const cat = await buildCategory(db, site.id, { name: 'Thông cáo báo chí', slug: 'thong-cao' });
    const tag = await buildTag(db, site.id, { name: 'Nghị định', slug: 'nghi-dinh' });
    const embargoTag = await buildTag(db, site.id, { name: 'Nghị định 13 mới', slug: 'nghi-dinh-13-moi' });
    const now = new Date().toISOString();
    const editor = await db
      .insertInto('users')
      .values({ email: 'bientapvien@langson.gov.vn', display_name: 'Biên tập viên', password_hash: 'x', password_changed_at: now, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    const common = { categoryIds: [cat.id], tagIds: [tag.id], author_user_id: editor.id, assignee_user_id: editor.id };

    const visible = await buildArticle(db, site.id, { ...common, title: VISIBLE, slug: 'chuyen-doi-so', published_at: '2022-09-30T01:00:00.000Z', revision: 3, import_key: 'nguon:123' });
    await db.insertInto('article_comments').values({ article_id: visible.id, author_user_id: editor.id, author_label: 'Biên tập viên', body: PRIVATE_TEXTS[0]!, created_at: now }).execute();
    await db.insertInto('article_revisions').values({ article_id: visible.id, revision: 1, title: PRIVATE_TEXTS[1]!, lead: null, body: '<p>cũ</p>', author_user_id: editor.id, author_label: 'Biên tập viên', note: null, created_at: now }).execute();

    await buildArticle(db, site.id, { ...common, title: SCHEDULED, slug: 'hen-gio', state: 'scheduled', published_at: SCHEDULED_AT });
    await buildArticle(db, site.id, { ...common, tagIds: [tag.id, embargoTag.id], title: EMBARGOED, slug: 'thong-cao-nghi-dinh', type: 'press_release', published_at: EMBARGO_AT });
    for (const [state, title] of Object.entries(NEVER)) {
      // Some carry a past publication time (an import, a returned item): the state alone hides them.
      await buildArticle(db, site.id, { ...common, title, slug: `an-${state.replace('_', '-')}`, state, published_at: state === 'draft' ? null : '2022-09-29T01:00:00.000Z', type: 'press_release' });
    }
    await db.updateTable('articles').set({ withdrawal_reason: PRIVATE_TEXTS[3]! }).where('state', '=', 'returned').execute();
    await buildArticle(db, site.id, { ...common, title: WITHDRAWN, slug: 'da-go', state: 'withdrawn', published_at: '2022-09-28T01:00:00.000Z', withdrawn_at: '2022-09-29T01:00:00.000Z', withdrawal_reason: 'Sai chỉ tiêu' });
    await t.core.sites.reload();
  });

  afterAll(async () => {
    await t?.dispose();
  });

  async function read(url: string) {
    const res = await getJson(t, `${API}${url}`);
    answers.push({ url, json: res.json, body: res.body });
    return res;
  }

  const LISTS = [
    '/articles',
    '/articles?site=langson',
    '/articles?site=langson&category=thong-cao',
    '/articles?site=langson&tag=nghi-dinh',
    '/articles?type=press_release',
    '/articles?from=2022-09-29&to=2022-10-02',
  ];
  const hidden = [SCHEDULED, EMBARGOED, ...Object.values(NEVER)];

  async function listTitles(url: string): Promise<{ titles: string[]; total: number }> {
    const res = await read(url);
    expect(res.status, url).toBe(200);
    return { titles: res.json.items.map((a: { title: string }) => a.title), total: res.json.total };
  }

  async function counts() {
    const site = (await read('/sites/langson')).json;
    const categories = (await read('/categories?site=langson')).json;
    const tags = (await read('/tags?site=langson')).json;
    return {
      site: site.articleCount,
      category: categories.items[0].articleCount,
      tags: Object.fromEntries(tags.items.map((x: { slug: string; articleCount: number }) => [x.slug, x.articleCount])),
      tagTotal: tags.total,
    };
  }

  it('before their time: only the published article is listed, counted and readable', async () => {
    t.now = START;
    for (const url of LISTS) {
      const { titles, total } = await listTitles(url);
      for (const title of hidden) expect(titles, `${url}: ${title}`).not.toContain(title);
      expect(titles).not.toContain(WITHDRAWN);
      expect(total, url).toBe(url.includes('press_release') ? 0 : 1);
    }
    expect(await counts()).toEqual({ site: 1, category: 1, tags: { 'nghi-dinh': 1 }, tagTotal: 1 });
    // The tag only the embargoed article carries does not exist yet, as a filter either.
    const tagFilter = await read('/articles?site=langson&tag=nghi-dinh-13-moi');
    expect(tagFilter.status).toBe(404);
    expect(tagFilter.body).not.toContain('Nghị định 13 mới');
    for (const slug of ['hen-gio', 'thong-cao-nghi-dinh', 'an-draft', 'an-submitted', 'an-pending-approval', 'an-returned', 'an-rejected']) {
      const res = await read(`/articles/langson/${slug}`);
      expect(res.status, slug).toBe(404);
      expect(res.json.errors[0].code).toBe('CONG_ERR_NOT_FOUND');
      for (const title of hidden) expect(res.body).not.toContain(title);
    }
    const withdrawn = await read('/articles/langson/da-go');
    expect(withdrawn.status).toBe(410);
    expect(withdrawn.json.withdrawn.reason).toBe('Sai chỉ tiêu');
  });

  it('a scheduled article appears as soon as the scheduler publishes it at its time', async () => {
    t.now = new Date(Date.parse(SCHEDULED_AT) + 1000);
    await publishDueArticles(t.core);
    const list = await listTitles('/articles?site=langson');
    expect(list.titles).toEqual([SCHEDULED, VISIBLE]);
    expect((await read('/articles/langson/hen-gio')).status).toBe(200);
    expect((await read('/articles/langson/thong-cao-nghi-dinh')).status).toBe(404);
  });

  it('caches no answer past the next publication', async () => {
    t.now = new Date(Date.parse(EMBARGO_AT) - 10_000);
    for (const url of ['/articles?site=langson', '/sites/langson', '/tags?site=langson']) {
      const res = await read(url);
      expect(res.headers['cache-control'], url).toBe('public, max-age=10');
    }
  });

  it('an embargoed article appears everywhere the moment its time passes', async () => {
    t.now = new Date(Date.parse(EMBARGO_AT) + 1000);
    for (const url of LISTS) {
      const { titles, total } = await listTitles(url);
      expect(titles[0], url).toBe(EMBARGOED);
      expect(total, url).toBe(url.includes('press_release') ? 1 : 3);
      for (const title of Object.values(NEVER)) expect(titles, url).not.toContain(title);
    }
    const detail = await read('/articles/langson/thong-cao-nghi-dinh');
    expect(detail.status).toBe(200);
    expect(detail.json.publishedAt).toBe('2022-10-01T12:00:00+07:00');
    expect(detail.json.typeLabel).toBe('Thông cáo báo chí');
    expect(await counts()).toEqual({ site: 3, category: 3, tags: { 'nghi-dinh': 3, 'nghi-dinh-13-moi': 1 }, tagTotal: 2 });
    expect((await listTitles('/articles?site=langson&tag=nghi-dinh-13-moi')).titles).toEqual([EMBARGOED]);
  });

  it('drafts, submitted, pending, returned and rejected articles never appear, years later either', async () => {
    t.now = new Date('2030-01-01T00:00:00.000Z');
    for (const url of LISTS) {
      const { titles } = await listTitles(url.replace('&to=2022-10-02', ''));
      for (const title of Object.values(NEVER)) expect(titles, url).not.toContain(title);
    }
    expect((await counts()).site).toBe(3);
    for (const state of Object.keys(NEVER)) expect((await read(`/articles/langson/an-${state.replace('_', '-')}`)).status, state).toBe(404);
    expect((await read('/articles/langson/da-go')).status).toBe(410);
  });

  it('no answer carries a private field or private text', async () => {
    await read('/sites');
    await read('/articles/langson/chuyen-doi-so');
    expect(answers.length).toBeGreaterThan(40);
    for (const { url, json, body } of answers) {
      expect(forbiddenKeyPaths(json), url).toEqual([]);
      for (const text of PRIVATE_TEXTS) expect(body, url).not.toContain(text);
      expect(body, url).not.toContain('nguon:123');
      for (const title of Object.values(NEVER)) expect(body, url).not.toContain(title);
    }
  });
});
