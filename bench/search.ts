/**
 * Search benchmark (DESIGN.md §7: p95 under 30 ms over 100,000 real Vietnamese articles, with
 * or without diacritics). Part of `npm run bench`; alone with
 *
 *   npm run bench -- --only search [--search-articles N] [--search-corpus FILE.jsonl] [--search-engines sqlite,postgres]
 *   CONG_BENCH=search npm run bench
 *
 * For each engine, in a throwaway database (SQLite: a temp file; PostgreSQL: a temp schema in
 * TEST_DATABASE_URL, DATABASE_URL or postgres://postgres@127.0.0.1:5432/test):
 * 1. stores N published articles (default 100,000) spread over 20 sites and four years: real
 *    texts repeated — by default the bundled ones (the 240 news briefs, the five laws cut into
 *    their articles "Điều …", the source article); or the records of a JSON Lines file given
 *    on the command line (`title`, `lead` or `summary`, `body` as plain text or HTML, e.g. a
 *    news corpus kept outside the repository);
 * 2. builds the search index with `reindexSearch` and reports documents/s and its size;
 * 3. runs 25 real queries typed with diacritics and the same 25 without (network-wide, first
 *    page of 20 with snippets, as the search page does), each 10 times after a warm-up, and
 *    prints p50/p95/p99/max latency per group, and the same for suggestions.
 * It asserts nothing: the figures are for comparing runs on one machine.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { sql, type Kysely } from 'kysely';
import type { Database, NewArticleRow } from '../src/core/db/database.ts';
import { migrateToLatest, openDatabase, type DatabaseHandle, type Engine } from '../src/core/db/dialect.ts';
import { legalTextToHtml } from '../src/core/demo/load-demo.ts';
import { searchBackend } from '../src/core/search/search-backend.ts';
import { reindexSearch } from '../src/core/search/search-index.ts';
import { searchArticles, suggestArticles } from '../src/core/search/search.ts';
import { foldText } from '../src/core/text/index.ts';

/** Options of {@link runSearchBench}. */
export interface SearchBenchOptions {
  articles: number;
  /** A JSON Lines corpus; the bundled texts when absent. */
  corpus?: string;
  engines: Engine[];
}

/** Queries readers of government portals type, all present in the bundled texts. */
const QUERIES = [
  'chuyển đổi số',
  'Lạng Sơn',
  'Đà Nẵng',
  'đường sắt',
  'báo chí',
  'quyền tự do ngôn luận',
  'giao dịch điện tử',
  'chữ ký điện tử',
  'chuyển giao công nghệ',
  'công nghệ thông tin',
  'Hội nghị Trung ương',
  'Tổng Bí thư',
  'vắc xin',
  'xét nghiệm',
  'bão số 7',
  'mưa lớn',
  'du lịch',
  'Hà Nội',
  'Thành phố Hồ Chí Minh',
  'bảo vệ Tổ quốc',
  'sở hữu trí tuệ',
  'an toàn thông tin',
  'khu công nghiệp',
  'học sinh',
  'bão',
];

/** What readers type in the box before the suggestions should come. */
const PREFIXES = ['chuyen doi s', 'đường s', 'lang so', 'bao ch', 'giao dich dien', 'hoi ngh', 'vac x', 'tong bi', 'du li', 'ha no'];

export interface Source {
  title: string;
  lead: string | null;
  body: string;
  type: string;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function readJsonl(file: string): Array<Record<string, unknown>> {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

/** The bundled real texts: briefs, the laws' articles, the source article. */
export function bundledSources(): Source[] {
  const out: Source[] = [];
  for (const b of readJsonl(path.resolve('demo/news-briefs.jsonl'))) {
    out.push({ title: String(b.title), lead: String(b.summary), body: `<p>Đọc toàn văn tại ${escapeHtml(String(b.source))}.</p>`, type: 'brief' });
  }
  for (const t of readJsonl(path.resolve('demo/legal-texts.jsonl'))) {
    let current: { title: string; lines: string[] } | null = null;
    const flush = () => {
      if (current && current.lines.length) out.push({ title: current.title, lead: current.lines[0]!.slice(0, 300), body: legalTextToHtml(current.lines.join('\n')), type: 'document' });
    };
    for (const line of String(t.text).split('\n')) {
      if (/^Điều\s+\d+\./u.test(line)) {
        flush();
        current = { title: line.slice(0, 200), lines: [] };
      } else if (current && line.trim()) current.lines.push(line);
    }
    flush();
  }
  const seed = fs.readFileSync(path.resolve('demo/seed-article.txt'), 'utf8').split('\n').map((l) => l.trim()).filter(Boolean);
  out.push({ title: seed[1]!, lead: seed[2]!.slice(0, 300), body: seed.slice(2, -3).map((p) => `<p>${escapeHtml(p)}</p>`).join('\n'), type: 'news' });
  return out;
}

/** Records of a JSON Lines corpus: `title`, `lead` or `summary`, `body` (plain text or HTML). */
function corpusSources(file: string): Source[] {
  const out: Source[] = [];
  for (const r of readJsonl(file)) {
    if (typeof r.title !== 'string' || !r.title.trim()) continue;
    const lead = typeof r.lead === 'string' ? r.lead : typeof r.summary === 'string' ? r.summary : null;
    const raw = typeof r.body === 'string' ? r.body : '';
    const body = /<\/?[a-z][^>]*>/i.test(raw) ? raw : raw.split(/\n+/).map((p) => `<p>${escapeHtml(p)}</p>`).join('\n');
    out.push({ title: r.title, lead, body, type: 'news' });
  }
  return out;
}

/** A throwaway database of the engine, migrated. */
async function throwawayDatabase(engine: Engine): Promise<DatabaseHandle & { dispose(): Promise<void> }> {
  if (engine === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cong-bench-search-'));
    const handle = openDatabase({ sqliteFile: path.join(dir, 'bench.sqlite') });
    await migrateToLatest(handle.db);
    return { ...handle, dispose: async () => (await handle.close(), fs.rmSync(dir, { recursive: true, force: true })) };
  }
  const url = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const schema = `bench_search_${crypto.randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const handle = openDatabase({ databaseUrl: url, pgSchema: schema, pgPoolSize: 4 });
  await migrateToLatest(handle.db);
  return {
    ...handle,
    dispose: async () => {
      await handle.close();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP SCHEMA ${schema} CASCADE`);
      await c.end();
    },
  };
}

/** Stores `count` published articles cycling through the sources, over 20 sites and four years. */
export async function storeArticles(db: Kysely<Database>, sources: Source[], count: number): Promise<number[]> {
  const now = new Date().toISOString();
  const siteIds: number[] = [];
  for (let s = 0; s < 20; s++) {
    const site = await db
      .insertInto('sites')
      .values({ key: `bench-${s}`, name: `Trang thông tin điện tử thử tải ${s + 1}`, kind: 'provincial_department', created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    siteIds.push(site.id);
  }
  const start = Date.parse('2019-01-01T01:00:00.000Z');
  const step = Math.floor((4 * 365 * 24 * 3600_000) / count);
  for (let i = 0; i < count; i += 500) {
    const rows: NewArticleRow[] = [];
    for (let j = i; j < Math.min(count, i + 500); j++) {
      const s = sources[j % sources.length]!;
      rows.push({
        site_id: siteIds[j % siteIds.length]!,
        type: s.type,
        state: 'published',
        title: s.title,
        lead: s.lead,
        body: s.body,
        slug: `bai-${j}`,
        published_at: new Date(start + j * step).toISOString(),
        created_at: now,
        updated_at: now,
      });
    }
    await db.transaction().execute((trx) => trx.insertInto('articles').values(rows).execute());
  }
  return siteIds;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

interface Latency {
  label: string;
  samples: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Average number of matching articles. */
  matches: number;
}

async function measure(label: string, queries: string[], runs: number, once: (q: string) => Promise<number>): Promise<Latency> {
  const times: number[] = [];
  let matches = 0;
  for (const q of queries) {
    matches += await once(q); // warm-up: the first run of a query also loads its pages
    for (let r = 0; r < runs; r++) {
      const started = performance.now();
      await once(q);
      times.push(performance.now() - started);
    }
  }
  times.sort((a, b) => a - b);
  return { label, samples: times.length, p50: percentile(times, 50), p95: percentile(times, 95), p99: percentile(times, 99), max: times[times.length - 1]!, matches: Math.round(matches / queries.length) };
}

const ms = (n: number) => `${n.toFixed(n < 10 ? 1 : 0)} ms`.padStart(8);
const mb = (n: number | null) => (n === null ? 'n/a' : `${(n / 1024 / 1024).toFixed(1)} MB`);

/**
 * Runs the search benchmark on each engine and prints a table per engine.
 * @param options how many articles, which corpus, which engines
 */
export async function runSearchBench(options: SearchBenchOptions): Promise<void> {
  const sources = options.corpus ? corpusSources(options.corpus) : bundledSources();
  const withMarks = QUERIES;
  const withoutMarks = QUERIES.map((q) => foldText(q));
  console.log(
    `\nsearch: ${options.articles.toLocaleString('en')} articles from ${sources.length} distinct real texts (${options.corpus ?? 'bundled: news briefs, laws by article, the source article'}), ` +
      `${QUERIES.length} queries with diacritics and the same without, ${PREFIXES.length} suggestion prefixes`,
  );
  for (const engine of options.engines) {
    const database = await throwawayDatabase(engine);
    try {
      const db = database.db;
      let started = performance.now();
      const siteIds = await storeArticles(db, sources, options.articles);
      const storeSeconds = (performance.now() - started) / 1000;
      started = performance.now();
      const built = await reindexSearch(db);
      const buildSeconds = (performance.now() - started) / 1000;
      if (engine === 'postgres') await sql`ANALYZE`.execute(db); // planner statistics, as autovacuum would gather
      const bytes = await searchBackend(engine).indexBytes(db);
      const now = new Date();
      const search = async (q: string) => (await searchArticles(db, engine, { query: q, siteIds, page: 1, pageSize: 20 }, now)).total;
      const suggest = async (q: string) => (await suggestArticles(db, engine, { query: q, siteIds }, now)).length;
      const rows = [
        await measure('queries with diacritics', withMarks, 10, search),
        await measure('the same without diacritics', withoutMarks, 10, search),
        await measure('suggestions (prefixes)', PREFIXES, 10, suggest),
      ];
      console.log(`\n  ${engine === 'sqlite' ? 'SQLite (FTS5)' : 'PostgreSQL (tsvector + GIN)'}`);
      console.log(`    articles stored in ${storeSeconds.toFixed(1)} s; index built: ${built.documents.toLocaleString('en')} documents in ${buildSeconds.toFixed(1)} s = ${Math.round(built.documents / buildSeconds).toLocaleString('en')} docs/s; index size ${mb(bytes)}`);
      console.log(`    ${'network-wide, first page of 20'.padEnd(32)} ${'n'.padStart(5)} ${'p50'.padStart(8)} ${'p95'.padStart(8)} ${'p99'.padStart(8)} ${'max'.padStart(8)}  avg. matches`);
      for (const r of rows) console.log(`    ${r.label.padEnd(32)} ${String(r.samples).padStart(5)} ${ms(r.p50)} ${ms(r.p95)} ${ms(r.p99)} ${ms(r.max)}  ${r.matches.toLocaleString('en')}`);
    } finally {
      await database.dispose();
    }
  }
}

/** Reads the search options from the command line of `npm run bench`. */
export function searchBenchOptions(args: string[]): SearchBenchOptions {
  const arg = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const engines = (arg('--search-engines') ?? 'sqlite,postgres').split(',').filter((e): e is Engine => e === 'sqlite' || e === 'postgres');
  return { articles: Number(arg('--search-articles') ?? 100_000), corpus: arg('--search-corpus'), engines };
}
