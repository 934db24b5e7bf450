/**
 * Queries matching more than a thousand articles, on both engines: the count stops at 1,000
 * ("more than 1,000"), the order is by tiers — exact forms and every word in the title first —
 * then newest first, pages are stable across tier boundaries, and hidden articles (drafts,
 * embargoed, other sites when one is asked for) are never counted or shown.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewArticleRow } from '../src/core/db/database.ts';
import { reindexSearch } from '../src/core/search/search-index.ts';
import { SEARCH_RESULT_CAP, searchArticles } from '../src/core/search/search.ts';
import { ENGINES, createTestDatabase, type TestDatabase } from './database-harness.ts';
import { buildSite } from './factories.ts';

const NOW = new Date('2022-12-01T00:00:00.000Z');

/** Group of articles: how many, their title and body, state and time. */
interface Group {
  name: string;
  count: number;
  title: (i: number) => string;
  body: string;
  state?: string;
  future?: boolean;
  site?: 'other';
}

const GROUPS: Group[] = [
  { name: 'storm-title', count: 300, title: (i) => `Bão số ${i} gây mưa lớn ở miền Trung`, body: '<p>Các địa phương chủ động ứng phó.</p>' },
  { name: 'storm-body', count: 700, title: (i) => `Bản tin thời tiết số ${i}`, body: '<p>Cơn bão đang suy yếu dần khi vào đất liền.</p>' },
  { name: 'protect-title', count: 200, title: (i) => `Bảo vệ rừng đầu nguồn, đợt ${i}`, body: '<p>Lực lượng kiểm lâm tuần tra.</p>' },
  { name: 'draft', count: 40, title: (i) => `Bão bản nháp ${i}`, body: '<p>Chưa đăng.</p>', state: 'draft' },
  { name: 'embargoed', count: 40, title: (i) => `Bão thông cáo chưa đến giờ ${i}`, body: '<p>Cấm vận.</p>', future: true },
  { name: 'other-site', count: 100, title: (i) => `Bão trên trang khác ${i}`, body: '<p>Trang khác.</p>', site: 'other' },
];

describe.each(ENGINES)('large result sets (%s)', (engine) => {
  let database: TestDatabase;
  let siteId: number;
  const groupOf = new Map<number, string>();

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    const db = database.db;
    siteId = (await buildSite(db)).id;
    const otherId = (await buildSite(db)).id;
    let n = 0;
    for (const group of GROUPS) {
      const rows: NewArticleRow[] = [];
      for (let i = 1; i <= group.count; i++) {
        n++;
        // Interleave the groups in time, so that recency alone would mix them.
        const at = group.future ? new Date(NOW.getTime() + n * 60_000) : new Date(Date.parse('2022-01-01T00:00:00.000Z') + ((n * 7919) % 1400) * 3_600_000);
        rows.push({
          site_id: group.site === 'other' ? otherId : siteId,
          title: group.title(i),
          lead: null,
          body: group.body,
          slug: `${group.name}-${i}`,
          state: group.state ?? 'published',
          published_at: group.state === 'draft' ? null : at.toISOString(),
          created_at: NOW.toISOString(),
          updated_at: NOW.toISOString(),
        });
      }
      for (let i = 0; i < rows.length; i += 100) {
        const inserted = await db.insertInto('articles').values(rows.slice(i, i + 100)).returning('id').execute();
        for (const r of inserted) groupOf.set(r.id, group.name);
      }
    }
    await reindexSearch(db);
  }, 180_000);
  afterAll(async () => {
    await database?.dispose();
  });

  const run = (query: string, page: number, siteIds: number[] | null = [siteId], pageSize = 20) =>
    searchArticles(database.db, engine, { query, siteIds, page, pageSize }, NOW);

  it('counts up to 1,000 and says there are more; never counts hidden articles', async () => {
    const r = await run('bão', 1);
    expect(r.total).toBe(SEARCH_RESULT_CAP);
    expect(r.capped).toBe(true);
    expect(r.pageCount).toBe(50);
    // Folded, "bao" finds storms and "bảo vệ" alike: 1,200 visible on the site.
    const folded = await run('bao', 1);
    expect(folded.capped).toBe(true);
    // Drafts and embargoed articles titled "Bão…" would rank first if they were counted at all.
    const firstFifty = await run('bão', 1, [siteId], 50);
    expect(firstFifty.items.every((h) => groupOf.get(h.articleId) === 'storm-title')).toBe(true);
    expect((await run('bão bản nháp', 1)).total).toBe(0);
    expect((await run('bão chưa đến giờ', 1)).total).toBe(0);
  });

  it('orders by tiers first — the word as typed, in the title — then newest first', async () => {
    const first = await run('bão', 1);
    expect(first.items.map((h) => groupOf.get(h.articleId))).toEqual(Array(20).fill('storm-title'));
    const times = first.items.map((h) => h.publishedAt);
    expect([...times].sort().reverse()).toEqual(times);
    // Page 15 ends the 300 storm titles; page 16 starts on storms in the body.
    const p15 = await run('bão', 15);
    expect(p15.items.map((h) => groupOf.get(h.articleId))).toEqual(Array(20).fill('storm-title'));
    const p16 = await run('bão', 16);
    expect(p16.items.map((h) => groupOf.get(h.articleId))).toEqual(Array(20).fill('storm-body'));
    // Without diacritics there is no exact form to prefer: titles first ("Bão…", "Bảo vệ…").
    const folded = await run('bao', 1, [siteId], 50);
    expect(folded.items.every((h) => ['storm-title', 'protect-title'].includes(groupOf.get(h.articleId)!))).toBe(true);
  });

  it('pages are stable: every article once across the pages, in order', async () => {
    const seen: number[] = [];
    for (let page = 1; page <= 50; page++) seen.push(...(await run('bão', page, [siteId], 20)).items.map((h) => h.articleId));
    expect(seen).toHaveLength(SEARCH_RESULT_CAP);
    expect(new Set(seen).size).toBe(SEARCH_RESULT_CAP);
    const beyond = await run('bão', 51);
    expect(beyond.items).toEqual([]);
    expect(beyond.total).toBe(SEARCH_RESULT_CAP);
  });

  it('keeps to the site asked for, and finds the other site’s articles on the network', async () => {
    const network = await run('bão trên trang khác', 1, null, 50);
    expect(network.total).toBe(100);
    expect(network.items.every((h) => groupOf.get(h.articleId) === 'other-site')).toBe(true);
    const site = await run('bão trên trang khác', 1);
    expect(site.total).toBe(0);
  });
});
