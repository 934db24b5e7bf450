/**
 * Search shows only what the public may see, at the moment it may see it, on both engines:
 * drafts, submitted, returned, rejected, scheduled, embargoed and withdrawn articles are absent
 * from results, counts and suggestions — through the core, the search page and the content API
 * — and appear right after their time (embargo: at once; schedule: when the scheduler
 * publishes). A withdrawal removes an article at once. The index follows the newsroom's saves
 * and the importer's updates, `reindexSearch` rebuilds it, and the migration fills it from the
 * articles already stored.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Migrator, sql } from 'kysely';
import { createArticle } from '../src/core/articles/write-article.ts';
import { migrations } from '../src/core/db/migrations/index.ts';
import { importArticles } from '../src/core/import/import-articles.ts';
import { parseImportedArticle } from '../src/core/import/imported-article.schema.ts';
import type { MemberActor } from '../src/core/policy/actor.ts';
import { searchBackend } from '../src/core/search/search-backend.ts';
import { refreshSearchDocuments, reindexSearch } from '../src/core/search/search-index.ts';
import { searchArticles, suggestArticles } from '../src/core/search/search.ts';
import { approveArticle, correctArticle, submitArticle, withdrawArticle } from '../src/core/workflow/workflow-commands.ts';
import { publishDueArticles } from '../src/core/workflow/scheduler.ts';
import { createTestApp, type TestApp } from './app-harness.ts';
import { ENGINES, createTestDatabase } from './database-harness.ts';
import { buildArticle, buildSite } from './factories.ts';
import { buildMember } from './newsroom-factories.ts';
import { parseHtml, textOf } from './public-helpers.ts';

const T0 = new Date('2022-10-01T03:00:00.000Z');
const HOUR = 3600_000;

describe.each(ENGINES)('search and the visibility rule (%s)', (engine) => {
  let t: TestApp;
  let site: { id: number; key: string };
  let chief: MemberActor;
  let contributor: MemberActor;
  const ids: Record<string, number> = {};

  const titles = {
    published: 'Hội thảo khuyến nông vùng cao năm 2022',
    draft: 'Dự thảo kế hoạch khuyến nông chưa gửi',
    submitted: 'Báo cáo khuyến nông chờ biên tập',
    pending: 'Tổng kết khuyến nông chờ duyệt',
    returned: 'Tin khuyến nông bị trả lại',
    rejected: 'Tin khuyến nông không sử dụng',
    scheduled: 'Kế hoạch khuyến nông hẹn giờ đăng',
    embargoed: 'Thông cáo khuyến nông chưa đến giờ công bố',
    withdrawn: 'Tin khuyến nông đã gỡ',
  };

  async function found(query = 'khuyến nông'): Promise<string[]> {
    const r = await searchArticles(t.core.db, engine, { query, siteIds: [site.id], page: 1 }, t.core.clock());
    expect(r.total).toBe(r.items.length);
    return r.items.map((h) => h.title).sort();
  }

  async function suggested(query = 'khuyen n'): Promise<string[]> {
    return (await suggestArticles(t.core.db, engine, { query, siteIds: [site.id] }, t.core.clock())).map((s) => s.title).sort();
  }

  async function pageCount(query = 'khuyến nông'): Promise<string> {
    const res = await t.app.inject({ url: `/${site.key}/tim-kiem?q=${encodeURIComponent(query)}` });
    expect(res.statusCode).toBe(200);
    return textOf(parseHtml(res.body).querySelector('.search-summary'));
  }

  async function apiTitles(query = 'khuyến nông'): Promise<{ total: number; titles: string[]; suggestions: string[] }> {
    const res = await t.app.inject({ url: `/api/content/v1/search?site=${site.key}&q=${encodeURIComponent(query)}` });
    expect(res.statusCode).toBe(200);
    const body = res.json() as { total: number; items: Array<{ title: string }> };
    const sug = await t.app.inject({ url: `/api/content/v1/search/suggest?site=${site.key}&q=${encodeURIComponent('khuyen n')}` });
    expect(sug.statusCode).toBe(200);
    return { total: body.total, titles: body.items.map((i) => i.title).sort(), suggestions: (sug.json() as { suggestions: Array<{ title: string }> }).suggestions.map((s) => s.title).sort() };
  }

  beforeAll(async () => {
    t = await createTestApp(engine, T0);
    const db = t.core.db;
    site = await buildSite(db, { name: 'Trang thông tin điện tử Sở Nông nghiệp thử nghiệm' });
    chief = await buildMember(db, [{ siteId: site.id, role: 'chief_editor' }], { name: 'Trần Quốc Cường' });
    contributor = await buildMember(db, [{ siteId: site.id, role: 'contributor' }], { name: 'Hoàng Thị Lan' });
    await t.core.sites.reload();
    const past = new Date(T0.getTime() - 24 * HOUR).toISOString();
    const states: Record<keyof typeof titles, { state: string; published_at: string | null }> = {
      published: { state: 'published', published_at: past },
      draft: { state: 'draft', published_at: null },
      submitted: { state: 'submitted', published_at: null },
      pending: { state: 'pending_approval', published_at: null },
      returned: { state: 'returned', published_at: null },
      rejected: { state: 'rejected', published_at: null },
      scheduled: { state: 'scheduled', published_at: new Date(T0.getTime() + HOUR).toISOString() },
      embargoed: { state: 'published', published_at: new Date(T0.getTime() + 2 * HOUR).toISOString() },
      withdrawn: { state: 'withdrawn', published_at: past },
    };
    for (const [key, fields] of Object.entries(states)) {
      const a = await buildArticle(db, site.id, { title: titles[key as keyof typeof titles], lead: 'Tập huấn kỹ thuật khuyến nông cho bà con.', ...fields });
      ids[key] = a.id;
    }
    // Content is indexed whatever the state (as the newsroom's saves do): visibility is decided at query time.
    await refreshSearchDocuments(db, Object.values(ids));
  });

  afterAll(async () => {
    await t?.dispose();
  });

  it('before their time: only the published article, in results, counts and suggestions, on every surface', async () => {
    t.now = T0;
    expect(await found()).toEqual([titles.published]);
    expect(await suggested()).toEqual([titles.published]);
    expect(await pageCount()).toBe('Tìm thấy 1 kết quả cho “khuyến nông”.');
    expect(await apiTitles()).toEqual({ total: 1, titles: [titles.published], suggestions: [titles.published] });
    // The network's search page too; and words only in hidden titles find nothing at all.
    const network = await t.app.inject({ url: `/tim-kiem?q=${encodeURIComponent('cấm vận hẹn giờ')}` });
    expect(textOf(parseHtml(network.body).querySelector('.search-summary'))).toMatch(/^Không tìm thấy kết quả nào/);
    expect(await found('chưa đến giờ công bố')).toEqual([]);
    expect(await found('bị trả lại')).toEqual([]);
  });

  it('an embargoed article appears the moment its time comes; a scheduled one when the scheduler publishes it', async () => {
    t.now = new Date(T0.getTime() + 2 * HOUR - 1);
    expect(await found()).toEqual([titles.published]);
    t.now = new Date(T0.getTime() + 2 * HOUR);
    expect(await found()).toEqual([titles.embargoed, titles.published].sort());
    expect(await suggested()).toContain(titles.embargoed);
    expect((await apiTitles()).total).toBe(2);
    // Past its time, the scheduled article is still "Hẹn giờ" until the scheduler runs.
    expect(await found()).not.toContain(titles.scheduled);
    const run = await publishDueArticles(t.core);
    expect(run.published.map((p) => p.id)).toContain(ids.scheduled);
    expect(await found()).toEqual([titles.embargoed, titles.published, titles.scheduled].sort());
    expect(await pageCount()).toBe('Tìm thấy 3 kết quả cho “khuyến nông”.');
  });

  it('a withdrawn article is gone at once: by the workflow command, or by a change of state in SQL', async () => {
    const article = await t.core.db.selectFrom('articles').select('revision').where('id', '=', ids.published!).executeTakeFirstOrThrow();
    await withdrawArticle(t.core, chief, ids.published!, { revision: article.revision, reason: 'Số liệu trong bài chưa chính xác' });
    expect(await found()).toEqual([titles.embargoed, titles.scheduled].sort());
    expect(await suggested()).not.toContain(titles.published);
    expect((await apiTitles()).titles).not.toContain(titles.published);
    await t.core.db.updateTable('articles').set({ state: 'withdrawn' }).where('id', '=', ids.embargoed!).execute();
    expect(await found()).toEqual([titles.scheduled]);
    expect(await pageCount()).toBe('Tìm thấy 1 kết quả cho “khuyến nông”.');
  });

  it('follows the newsroom: a draft is not found, the published article is, and a correction’s new words replace the old', async () => {
    t.now = new Date(T0.getTime() + 3 * HOUR);
    let a = await createArticle(t.core, contributor, {
      siteId: site.id,
      title: 'Mô hình nông thôn mới kiểu mẫu ở xã Tân Thành',
      lead: 'Xã Tân Thành về đích nông thôn mới kiểu mẫu.',
      body: '<p>Người dân góp công, góp đất làm đường giao thông nông thôn.</p>',
    });
    expect(await found('nông thôn mới kiểu mẫu')).toEqual([]);
    a = await submitArticle(t.core, contributor, a.id, { revision: a.revision });
    a = await approveArticle(t.core, chief, a.id, { revision: a.revision });
    expect(await found('nông thôn mới kiểu mẫu')).toEqual([a.title]);
    expect(await found('góp đất làm đường')).toEqual([a.title]);
    a = await correctArticle(t.core, chief, a.id, {
      revision: a.revision,
      note: 'Sửa tên xã cho đúng: xã Tân Thạnh.',
      title: 'Mô hình nông thôn mới kiểu mẫu ở xã Tân Thạnh',
      lead: 'Xã Tân Thạnh về đích nông thôn mới kiểu mẫu.',
    });
    expect(await found('Tân Thạnh')).toEqual([a.title]);
    // "Tân Thành" folds like "Tân Thạnh": found still, but no longer in its exact form.
    const exact = await searchArticles(t.core.db, engine, { query: 'Tân Thành', siteIds: [site.id], page: 1 }, t.core.clock());
    expect(exact.items[0]!.titleHtml).toContain('<mark>Thạnh</mark>');
  });

  it('follows the importer: an updated source replaces the old words', async () => {
    t.now = new Date(T0.getTime() + 4 * HOUR);
    const item = (title: string) => ({
      source: 'nguon.jsonl:1',
      item: parseImportedArticle({
        importKey: 'jsonl:nguon:1',
        title,
        lead: 'Tin từ nguồn nhập.',
        bodyHtml: '<p>Nội dung nhập từ tệp JSON Lines.</p>',
        publishedAt: new Date(T0.getTime() - HOUR).toISOString(),
        publishedPrecision: 'minute',
        categoryNames: ['Tin nhập'],
        tags: ['Thuỷ lợi'],
        type: 'news',
      }),
    });
    const deps = { db: t.core.db, clock: t.core.clock };
    expect((await importArticles(deps, { siteId: site.id }, [item('Nạo vét kênh mương chuẩn bị vụ đông')])).imported).toBe(1);
    expect(await found('kênh mương')).toEqual(['Nạo vét kênh mương chuẩn bị vụ đông']);
    expect(await found('thuy loi')).toEqual(['Nạo vét kênh mương chuẩn bị vụ đông']); // its tag
    expect((await importArticles(deps, { siteId: site.id }, [item('Gia cố đê điều trước mùa mưa bão')])).updated).toBe(1);
    expect(await found('kênh mương')).toEqual([]);
    expect(await found('đê điều')).toEqual(['Gia cố đê điều trước mùa mưa bão']);
  });

  it('reindexSearch rebuilds the whole index from the articles, and drops documents of articles that are gone', async () => {
    await searchBackend(engine).clearDocuments(t.core.db);
    expect(await found('đê điều')).toEqual([]);
    const total = await t.core.db.selectFrom('articles').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const progress: number[] = [];
    const summary = await reindexSearch(t.core.db, { onProgress: (done) => progress.push(done) });
    expect(summary.documents).toBe(Number(total.n));
    expect(progress.at(-1)).toBe(Number(total.n));
    expect(await found('đê điều')).toEqual(['Gia cố đê điều trước mùa mưa bão']);
    expect(await found()).toEqual([titles.scheduled]);
    // An article deleted behind the index's back (SQL): gone from results at once, its document at the next rebuild.
    await t.core.db.deleteFrom('article_categories').where('article_id', '=', ids.scheduled!).execute();
    await t.core.db.deleteFrom('article_revisions').where('article_id', '=', ids.scheduled!).execute();
    await t.core.db.deleteFrom('article_events').where('article_id', '=', ids.scheduled!).execute();
    await t.core.db.deleteFrom('articles').where('id', '=', ids.scheduled!).execute();
    expect(await found()).toEqual([]);
    const again = await reindexSearch(t.core.db);
    expect(again.documents).toBe(Number(total.n) - 1);
  });
});

describe.each(ENGINES)('the search migration fills the index from stored articles (%s)', (engine) => {
  it('finds articles stored before the migration ran, as a rebuild would', async () => {
    const database = await createTestDatabase(engine);
    try {
      const db = database.db;
      let migrationTableSchema: string | undefined;
      if (engine === 'postgres') migrationTableSchema = (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]!.s;
      const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations }, ...(migrationTableSchema ? { migrationTableSchema } : {}) });
      // Back to just before the search migration (later migrations are undone first).
      const down = await migrator.migrateTo('2026-11-30T0100-create-newsroom');
      expect(down.error).toBeUndefined();
      expect(down.results?.map((r) => r.migrationName)).toContain('2026-11-30T0200-create-search');
      const site = await buildSite(db);
      const a = await buildArticle(db, site.id, {
        title: 'Đà Lạt: Lễ hội hoa Đà Lạt lần thứ IX',
        lead: 'Chuỗi sự kiện văn hoá, du lịch của tỉnh Lâm Đồng.',
        body: '<p>Lễ hội diễn ra tại Quảng trường Lâm Viên, thành phố Đà Lạt.</p>',
      });
      const up = await migrator.migrateToLatest();
      expect(up.error).toBeUndefined();
      const now = new Date('2022-12-01T00:00:00.000Z');
      const before = await searchArticles(db, engine, { query: 'da lat le hoi', page: 1 }, now);
      expect(before.items.map((h) => h.articleId)).toEqual([a.id]);
      const lamVien = await searchArticles(db, engine, { query: 'Quảng trường Lâm Viên', page: 1 }, now);
      expect(lamVien.total).toBe(1);
      // The migration's frozen copy of the document rules gives what the application's rebuild gives.
      const exactBefore = await searchArticles(db, engine, { query: 'Đà Lạt', page: 1 }, now);
      await reindexSearch(db);
      const exactAfter = await searchArticles(db, engine, { query: 'Đà Lạt', page: 1 }, now);
      expect(exactAfter.items).toEqual(exactBefore.items);
    } finally {
      await database.dispose();
    }
  });
});
