/**
 * Search quality on real Vietnamese text, on both engines: the bundled news briefs, laws and
 * the source article (test/search-corpus.ts), and a table of queries a reader would type —
 * with and without diacritics, in capitals, NFD and with marks in another order, đ and d,
 * phrases and scattered words, single syllables, document numbers, old and new tone placement.
 * Each expectation was written by reading the texts (titles and leads quoted in comments).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchArticles, type SearchHit } from '../src/core/search/search.ts';
import { ENGINES, createTestDatabase, type TestDatabase } from './database-harness.ts';
import { loadSearchCorpus, type SearchCorpus } from './search-corpus.ts';

const NOW = new Date('2022-12-01T00:00:00.000Z');

const SEED = 'Hội nghị tập huấn nghiệp vụ công tác thông tin, tuyên truyền của Bộ Thông tin và Truyền thông năm 2022';
const LAW_PRESS = 'Luật Báo chí số 103/2016/QH13';
const LAW_IT = 'Luật Công nghệ thông tin số 67/2006/QH11';
const LAW_E_TRANSACTIONS = 'Luật Giao dịch điện tử số 51/2005/QH11';
const LAW_TECH_TRANSFER = 'Luật Chuyển giao công nghệ số 07/2017/QH14';
const CONSTITUTION = 'Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam năm 2013';

type SiteKey = 'bo-tttt' | 'langson' | 'danang';

/** One query and what a reader expects of it. */
interface QueryCase {
  name: string;
  query: string;
  site?: SiteKey;
  /** Titles of the first results, in this order. */
  first?: Array<string | number>;
  /** Titles the first `top.length` results are, in any order. */
  top?: Array<string | number>;
  /** The exact number of results. */
  total?: number;
  /** Every one of the first `n` results passes this test on its title (and lead). */
  eachOfFirst?: { n: number; test: (text: string) => boolean; what: string };
  /** The same results, in the same order, as this other query. */
  sameAs?: string;
  /** Titles that must come after all of `top`/`first`. */
  after?: Array<string | number>;
}

const lower = (s: string) => s.normalize('NFC').toLowerCase();

// Numbers are brief indexes in demo/news-briefs.jsonl (0-based); strings are titles.
const CASES: QueryCase[] = [
  // "Lạng Sơn" is only in the source article ("Tại điểm cầu Sở TTTT Lạng Sơn…").
  { name: 'place name with diacritics', query: 'Lạng Sơn', first: [SEED] },
  { name: 'place name without diacritics', query: 'lang son', first: [SEED] },
  { name: 'place name in capitals', query: 'LẠNG SƠN', first: [SEED] },
  { name: 'place name typed in NFD', query: 'Lạng Sơn'.normalize('NFD'), sameAs: 'Lạng Sơn' },
  { name: 'words in another order still find the article', query: 'Sơn Lạng', first: [SEED] },
  // "chuyển đổi số" as a phrase: the FPT brief's title, and the source article ("nhận thức về
  // chuyển đổi số", "công cuộc chuyển đổi số quốc gia"); elsewhere the words are scattered.
  { name: 'phrase, title before body', query: 'chuyển đổi số', first: [198, SEED] },
  { name: 'phrase without diacritics', query: 'chuyen doi so', first: [198, SEED] },
  { name: 'phrase in title case', query: 'Chuyển Đổi Số', sameAs: 'chuyển đổi số' },
  { name: 'phrase on one site', query: 'chuyển đổi số', site: 'langson', first: [SEED], total: 1 },
  // Đà Nẵng in the titles of briefs 1, 168, 214; only in the lead of 167 ("…Đà Nẵng…").
  { name: 'đ with diacritics', query: 'Đà Nẵng', top: [1, 168, 214], after: [167] },
  { name: 'đ typed as d without diacritics', query: 'da nang', top: [1, 168, 214], after: [167] },
  { name: 'd in capitals', query: 'DA NANG', sameAs: 'da nang' },
  { name: 'Đ in capitals with diacritics', query: 'ĐÀ NẴNG', sameAs: 'Đà Nẵng' },
  // On the Đà Nẵng site (odd briefs) only 1 and 167 name the city; others hold "đã" and "năng".
  { name: 'one site: only its own articles (odd briefs are on danang)', query: 'Đà Nẵng', site: 'danang', first: [1, 167] },
  // "bão" (storm) against "báo" (newspaper), "bảo" (protect), "bào"…: storms first.
  { name: 'single syllable: exact form first (bão, not báo/bảo)', query: 'bão', eachOfFirst: { n: 4, test: (t) => lower(t).includes('bão'), what: 'bão' } },
  { name: 'two syllables: the press law first', query: 'báo chí', first: [LAW_PRESS] },
  { name: 'two syllables without diacritics', query: 'bao chi', first: [LAW_PRESS] },
  { name: 'phrase from the law’s scope clause', query: 'quyền tự do báo chí', first: [LAW_PRESS] },
  { name: 'same phrase without diacritics', query: 'quyen tu do bao chi', first: [LAW_PRESS] },
  { name: 'document number', query: '103/2016/QH13', first: [LAW_PRESS] },
  { name: 'document number in lower case', query: 'luật số 67/2006/qh11', first: [LAW_IT] },
  { name: 'law by its name', query: 'giao dịch điện tử', first: [LAW_E_TRANSACTIONS] },
  { name: 'law by its name without diacritics', query: 'chuyen giao cong nghe', first: [LAW_TECH_TRANSFER] },
  { name: 'the Constitution', query: 'hien phap', first: [CONSTITUTION] },
  // "đường sắt" in the titles of briefs 4, 17, 30, 167, 178.
  { name: 'railway news', query: 'đường sắt', top: [4, 17, 30, 167, 178] },
  { name: 'railway news without diacritics', query: 'duong sat', top: [4, 17, 30, 167, 178] },
  // Nobel: briefs 6, 45, 58, nowhere else.
  { name: 'a foreign word', query: 'Nobel', top: [6, 45, 58], total: 3 },
  { name: 'a foreign word and Vietnamese ones', query: 'nobel y hoc', top: [6, 45, 58], total: 3 },
  // "Hội nghị Trung ương 4": the phrase is in 0, 39, 206, 216 (titles) and 104 (lead).
  { name: 'long phrase with a number', query: 'Hội nghị Trung ương 4', top: [0, 39, 104, 206, 216] },
  { name: 'long phrase without diacritics', query: 'hoi nghi trung uong 4', top: [0, 39, 104, 206, 216] },
  // "Khánh Hoà" (old tone placement, brief 29) and "Khánh Hòa" (new, brief 68) in titles.
  { name: 'tone placement, new style', query: 'Khánh Hòa', top: [29, 68] },
  { name: 'tone placement, old style', query: 'Khánh Hoà', top: [29, 68] },
  { name: 'tone placement, no diacritics', query: 'khanh hoa', top: [29, 68] },
  // "Thừa Thiên- Huế" (90) and "Thừa Thiên-Huế" (191): hyphens are not words.
  { name: 'hyphenated province name', query: 'Thừa Thiên Huế', top: [90, 191] },
  { name: 'hyphenated province name without diacritics', query: 'thua thien hue', top: [90, 191] },
  // "mưa lũ" in the titles of 47 and 221, and in 80's lead ("ca nô cứu hộ mùa mưa lũ").
  { name: 'two-syllable phrase in titles and a lead', query: 'mưa lũ', top: [47, 80, 221], total: 3 },
  { name: 'folded: every look-alike found', query: 'mua lu', top: [47, 80, 221] },
  { name: 'Biển Đông', query: 'Biển Đông', top: [8, 137, 181] },
  { name: 'three-syllable term', query: 'trí tuệ nhân tạo', first: [2] },
  { name: 'three-syllable term without diacritics', query: 'tri tue nhan tao', first: [2] },
  { name: 'short words with horn and circumflex', query: 'ùn ứ', first: [56] },
  { name: 'short words folded', query: 'un u', first: [56] },
  { name: 'brand name', query: 'Vietnam Airlines', first: [42] },
  { name: 'name with a number and hyphen', query: 'covid-19', eachOfFirst: { n: 5, test: (t) => lower(t).includes('covid-19'), what: 'covid-19' } },
  { name: 'hyphen or space: the same', query: 'COVID 19', sameAs: 'covid-19' },
  { name: 'single syllable with đ: Đảng, not đang', query: 'đảng', eachOfFirst: { n: 5, test: (t) => lower(t).includes('đảng'), what: 'đảng' } },
  { name: 'single syllable, tàu (train)', query: 'tàu', eachOfFirst: { n: 3, test: (t) => lower(t).includes('tàu'), what: 'tàu' } },
  // Brief 196 and 216 name him in the title.
  { name: 'a person’s full name', query: 'Nguyễn Phú Trọng', top: [196, 216] },
  { name: 'a person’s name in NFD', query: 'Nguyễn Phú Trọng'.normalize('NFD'), sameAs: 'Nguyễn Phú Trọng' },
  // "Sơn Động" (166): ộ as o + circumflex + dot below, or o + dot below + circumflex.
  { name: 'stacked marks in either order', query: 'So\u031bn \u0110o\u0323\u0302ng', first: [166] },
  { name: 'stacked marks, the other order', query: 'So\u031bn \u0110o\u0302\u0323ng', sameAs: 'Sơn Động' },
  // Query syntax is text: quotes, brackets, * and - are separators.
  { name: 'quotes are not syntax', query: '"Lạng Sơn"', first: [SEED] },
  { name: 'brackets and star are not syntax', query: '(Lạng*) -Sơn', first: [SEED] },
];

describe.each(ENGINES)('search quality on real texts (%s)', (engine) => {
  let database: TestDatabase;
  let corpus: SearchCorpus;
  const titleOf = (ref: string | number) => (typeof ref === 'number' ? corpus.briefs[ref]!.title : ref);

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    corpus = await loadSearchCorpus(database.db);
  }, 120_000);
  afterAll(async () => {
    await database?.dispose();
  });

  async function run(query: string, site?: SiteKey): Promise<{ items: SearchHit[]; total: number }> {
    const siteIds = site ? [{ 'bo-tttt': corpus.ministry, langson: corpus.langson, danang: corpus.danang }[site].id] : null;
    return searchArticles(database.db, engine, { query, siteIds, page: 1, pageSize: 20 }, NOW);
  }

  async function leadOf(articleId: number): Promise<string> {
    const row = await database.db.selectFrom('articles').select(['title', 'lead']).where('id', '=', articleId).executeTakeFirstOrThrow();
    return `${row.title} ${row.lead ?? ''}`;
  }

  it('has at least 40 queries in its table', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(40);
  });

  it.each(CASES)('$name: $query', async (c) => {
    const { items, total } = await run(c.query, c.site);
    const titles = items.map((h) => h.title);
    if (c.first) expect(titles.slice(0, c.first.length)).toEqual(c.first.map(titleOf));
    if (c.top) expect(new Set(titles.slice(0, c.top.length))).toEqual(new Set(c.top.map(titleOf)));
    if (c.total !== undefined) expect(total).toBe(c.total);
    if (c.after) {
      const lastExpected = Math.max(...[...(c.top ?? []), ...(c.first ?? [])].map((r) => titles.indexOf(titleOf(r))));
      for (const later of c.after) {
        const at = titles.indexOf(titleOf(later));
        expect(at, `“${titleOf(later)}” is found`).toBeGreaterThanOrEqual(0);
        expect(at, `“${titleOf(later)}” comes after the expected ones`).toBeGreaterThan(lastExpected);
      }
    }
    if (c.eachOfFirst) {
      expect(items.length).toBeGreaterThanOrEqual(c.eachOfFirst.n);
      for (const hit of items.slice(0, c.eachOfFirst.n)) {
        const text = await leadOf(hit.articleId);
        expect(c.eachOfFirst.test(text), `“${hit.title}” holds “${c.eachOfFirst.what}”`).toBe(true);
      }
    }
    if (c.sameAs) {
      const other = await run(c.sameAs, c.site);
      expect(items.map((h) => h.articleId)).toEqual(other.items.map((h) => h.articleId));
      expect(total).toBe(other.total);
      expect(total).toBeGreaterThan(0);
    }
  });

  it('finds nothing for words that are in no text, and never fails on query syntax or SQL', async () => {
    for (const query of ['42/2022/NĐ-CP', 'Lạng OR Sơn', 'NEAR(Lạng Sơn)', "'; DROP TABLE articles; --", 'Lạng AND Sơn AND xyzzy']) {
      const { total } = await run(query);
      expect(total, query).toBe(0);
    }
    const count = await database.db.selectFrom('articles').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1 + 5 + corpus.briefs.length);
  });

  it('marks the words found in titles and snippets, as written, and escapes the text', async () => {
    const { items } = await run('lang son');
    expect(items[0]!.snippetHtml).toContain('<mark>Lạng</mark> <mark>Sơn</mark>');
    const { items: rail } = await run('duong sat');
    expect(rail[0]!.titleHtml).toMatch(/<mark>Đường<\/mark> <mark>sắt<\/mark>/i);
    // Brief 16's title quotes “vùng xanh” with ASCII quotes: escaped, never raw markup.
    const { items: quoted } = await run('vùng xanh');
    const hit = quoted.find((h) => h.title === corpus.briefs[16]!.title)!;
    expect(hit.titleHtml).toContain('&quot;<mark>vùng</mark> <mark>xanh</mark>&quot;');
  });

  it('pages are stable: every result once, in the same order, page after page', async () => {
    const all = await searchArticles(database.db, engine, { query: 'covid', page: 1, pageSize: 50 }, NOW);
    expect(all.total).toBeGreaterThan(40);
    const paged: number[] = [];
    for (let page = 1; page <= Math.ceil(all.total / 7); page++) {
      const r = await searchArticles(database.db, engine, { query: 'covid', page, pageSize: 7 }, NOW);
      expect(r.total).toBe(all.total);
      paged.push(...r.items.map((h) => h.articleId));
    }
    expect(new Set(paged).size).toBe(all.total);
    expect(paged.slice(0, 50)).toEqual(all.items.map((h) => h.articleId));
  });

  it('filters by type, category and publication dates (Vietnam time, both days included)', async () => {
    const laws = await searchArticles(database.db, engine, { query: 'báo chí', type: 'document', page: 1 }, NOW);
    expect(laws.items.length).toBeGreaterThan(0);
    expect(laws.items.every((h) => h.type === 'document')).toBe(true);
    const covid = await database.db.selectFrom('categories').select('id').where('site_id', '=', corpus.ministry.id).where('name', '=', 'Covid-19').executeTakeFirstOrThrow();
    const inCategory = await searchArticles(database.db, engine, { query: 'covid', siteIds: [corpus.ministry.id], categoryIds: [covid.id], page: 1 }, NOW);
    // Even briefs of topic "Covid-19": 40, 66, 92, 118, 154, 176, 236 … on the ministry portal.
    expect(inCategory.total).toBeGreaterThan(0);
    for (const hit of inCategory.items) {
      const index = corpus.briefs.findIndex((b) => b.title === hit.title);
      expect(corpus.briefs[index]!.category).toBe('Covid-19');
      expect(index % 2).toBe(0);
    }
    // Brief 17 was published on 3/9/2022 at 10:30 in Vietnam (03:30 UTC), the only railway brief that day.
    const day = await searchArticles(
      database.db,
      engine,
      { query: 'đường sắt', from: new Date('2022-09-02T17:00:00.000Z'), to: new Date('2022-09-03T17:00:00.000Z'), page: 1 },
      NOW,
    );
    expect(day.items.map((h) => h.title)).toEqual([corpus.briefs[17]!.title]);
  });
});
