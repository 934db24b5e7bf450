/**
 * Fan-out benchmark (DESIGN.md §7: "Publish on the ministry portal → visible on all network
 * sites and feeds: under 1 s"). Part of `npm run bench`; alone with
 *
 *   npm run bench -- --only fanout [--fanout-sites N] [--fanout-rounds N] [--fanout-engines sqlite,postgres]
 *   CONG_BENCH=fanout npm run bench
 *
 * For each engine, in a throwaway database (SQLite: a temp file; PostgreSQL: a temp schema in
 * TEST_DATABASE_URL, DATABASE_URL or postgres://postgres@127.0.0.1:5432/test, skipped when
 * unreachable), through the real core and app (`app.inject`, no network):
 * 1. builds a network: the ministry portal and N receiving sites (default 70, so the budget's
 *    70 sites are all receivers), each with a category and 20 published articles;
 * 2. per round: a chief editor approves an item waiting on the ministry portal and sends it to
 *    the whole network; the clock starts before the approval. Measured: until every copy is
 *    publicly visible by the one visibility rule (the fan-out worker, kicked by the command,
 *    made them), and until every receiving site's home page and RSS feed, fetched through the
 *    app, carry the copy's link;
 * 3. prints the median and worst round, per-copy time, and the ratio to the 1 s budget.
 * It asserts nothing: the figures are for comparing runs on one machine.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { loadConfig } from '../src/core/config.ts';
import { createCore, type Core } from '../src/core/create-core.ts';
import type { Engine } from '../src/core/db/dialect.ts';
import { publiclyVisible } from '../src/core/articles/visibility.ts';
import { approveArticle } from '../src/core/workflow/workflow-commands.ts';
import { syndicateArticle } from '../src/core/network/syndication.ts';
import type { MemberActor } from '../src/core/policy/actor.ts';
import { buildApp } from '../src/server/app.ts';

/** Options of {@link runFanoutBench}. */
export interface FanoutBenchOptions {
  /** Receiving sites (default 70). */
  sites: number;
  /** Items published and syndicated, one after the other (default 5). */
  rounds: number;
  engines: Engine[];
}

/** Reads the fan-out options from the command line. */
export function fanoutBenchOptions(args: string[]): FanoutBenchOptions {
  const arg = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const engines = (arg('--fanout-engines') ?? 'sqlite,postgres').split(',').filter((e): e is Engine => e === 'sqlite' || e === 'postgres');
  return { sites: Number(arg('--fanout-sites') ?? 70), rounds: Number(arg('--fanout-rounds') ?? 5), engines };
}

const BUDGET_MS = 1000;
const ms = (n: number) => `${n.toFixed(n < 10 ? 2 : 0)} ms`;

interface Place {
  env: Record<string, string>;
  dispose(): Promise<void>;
}

async function openPlace(engine: Engine): Promise<Place | null> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `cong-bench-fanout-${engine}-`));
  if (engine === 'sqlite') return { env: { CONG_DATA_DIR: dir }, dispose: async () => fs.rmSync(dir, { recursive: true, force: true }) };
  const url = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const schema = `bench_fanout_${crypto.randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  try {
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
  } catch (error) {
    console.log(`fan-out on postgres: skipped (${error instanceof Error ? error.message : String(error)})`);
    fs.rmSync(dir, { recursive: true, force: true });
    return null;
  } finally {
    await admin.end().catch(() => undefined);
  }
  const withSchema = new URL(url);
  withSchema.searchParams.set('options', `-c search_path=${schema}`);
  return {
    env: { CONG_DATA_DIR: dir, DATABASE_URL: withSchema.toString() },
    dispose: async () => {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP SCHEMA ${schema} CASCADE`);
      await c.end();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Builds the ministry portal and `count` receiving sites with some content; returns the ministry's id and two members. */
async function buildNetwork(core: Core, count: number): Promise<{ ministryId: number; chief: MemberActor; authorId: number; categoryId: number }> {
  const db = core.db;
  const at = new Date().toISOString();
  const site = async (i: number) => {
    const kind = i === 0 ? 'ministry_portal' : 'provincial_department';
    const org = await db
      .insertInto('organisations')
      .values({ key: `bench-org-${i}`, name: i === 0 ? 'Bộ Thông tin và Truyền thông' : `Sở Thông tin và Truyền thông tỉnh số ${i}`, short_name: i === 0 ? 'Bộ TTTT' : `Sở TTTT số ${i}`, kind: i === 0 ? 'ministry' : 'department', created_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    const row = await db
      .insertInto('sites')
      .values({ key: i === 0 ? 'bo-tttt' : `so-${i}`, name: i === 0 ? 'Cổng thông tin điện tử Bộ TTTT' : `Trang thông tin điện tử Sở TTTT số ${i}`, kind, organisation_id: org.id, settings: '{}', created_at: at, updated_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    const category = await db.insertInto('categories').values({ site_id: row.id, name: 'Thời sự', slug: 'thoi-su', position: 0, created_at: at }).returning('id').executeTakeFirstOrThrow();
    const base = Date.parse('2022-09-01T01:00:00Z');
    for (let a = 0; a < 20; a++) {
      const article = await db
        .insertInto('articles')
        .values({
          site_id: row.id,
          title: `Tin địa phương số ${a + 1} của trang ${i}`,
          slug: `tin-dia-phuong-${a + 1}`,
          state: 'published',
          lead: 'Tóm tắt tin địa phương.',
          body: '<p>Nội dung tin địa phương về chuyển đổi số và cải cách hành chính.</p>',
          published_at: new Date(base + a * 3600_000).toISOString(),
          primary_category_id: category.id,
          created_at: at,
          updated_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db.insertInto('article_categories').values({ article_id: article.id, category_id: category.id }).execute();
    }
    return { id: row.id, organisationId: org.id, categoryId: category.id };
  };
  const ministry = await site(0);
  for (let i = 1; i <= count; i++) await site(i);
  await core.sites.reload();
  const user = async (name: string, role: 'chief_editor' | 'editor') => {
    const u = await db
      .insertInto('users')
      .values({ email: `${role}-${crypto.randomBytes(3).toString('hex')}@mic.gov.vn`, display_name: name, organisation_id: ministry.organisationId, password_hash: 'not-a-real-hash', password_changed_at: at, created_at: at, updated_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db.insertInto('memberships').values({ user_id: u.id, site_id: ministry.id, role, created_at: at }).execute();
    return u.id;
  };
  const chiefId = await user('Trưởng ban biên tập', 'chief_editor');
  const authorId = await user('Biên tập viên', 'editor');
  const chief: MemberActor = { kind: 'member', userId: chiefId, displayName: 'Trưởng ban biên tập', email: 'chief@mic.gov.vn', organisationId: ministry.organisationId, grants: [{ siteId: ministry.id, role: 'chief_editor' }], sessionId: null };
  return { ministryId: ministry.id, chief, authorId, categoryId: ministry.categoryId };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function benchEngine(engine: Engine, options: FanoutBenchOptions): Promise<void> {
  const place = await openPlace(engine);
  if (!place) return;
  const config = loadConfig({ ...place.env, HOST: '127.0.0.1', PORT: '3000', LOG_LEVEL: 'silent', CONG_DEMO: '0' });
  const core = await createCore(config);
  const app = await buildApp(core, { logLevel: 'silent' });
  await app.ready();
  try {
    const net = await buildNetwork(core, options.sites);
    const receivers = core.sites.list().filter((s) => s.id !== net.ministryId);
    const visibleMs: number[] = [];
    const pagesMs: number[] = [];
    const perSiteMs: number[] = [];
    for (let round = 1; round <= options.rounds; round++) {
      const at = new Date().toISOString();
      const item = await core.db
        .insertInto('articles')
        .values({
          site_id: net.ministryId,
          title: `Thủ tướng chỉ đạo đẩy mạnh chuyển đổi số quốc gia, đợt ${round}`,
          slug: `thu-tuong-chi-dao-chuyen-doi-so-dot-${round}`,
          state: 'pending_approval',
          lead: 'Thủ tướng yêu cầu các bộ, ngành, địa phương đẩy mạnh chuyển đổi số.',
          body: '<p>Sáng nay, Thủ tướng Chính phủ chủ trì hội nghị trực tuyến toàn quốc về chuyển đổi số.</p>'.repeat(8),
          author_user_id: net.authorId,
          primary_category_id: net.categoryId,
          created_at: at,
          updated_at: at,
        })
        .returning(['id', 'revision'])
        .executeTakeFirstOrThrow();
      await core.db.insertInto('article_categories').values({ article_id: item.id, category_id: net.categoryId }).execute();

      const started = performance.now();
      const published = await approveArticle(core, net.chief, item.id, { revision: item.revision });
      await syndicateArticle(core, net.chief, published.id, { to: 'network' });
      // The command kicked the worker: wait for its run (polling would compete with it for
      // SQLite's one connection), then ask the visibility rule for every copy.
      let copies: { site_id: number; slug: string }[] = [];
      for (;;) {
        await core.fanout.drain();
        copies = await core.db.selectFrom('articles').select(['site_id', 'slug']).where('origin_article_id', '=', item.id).where(publiclyVisible(core.clock())).execute();
        if (copies.length >= receivers.length) break;
        if (performance.now() - started > 60_000) throw new Error(`only ${copies.length} of ${receivers.length} copies visible after 60 s`);
        await new Promise((r) => setTimeout(r, 5));
      }
      const visibleAt = performance.now();
      const slugOf = new Map(copies.map((c) => [c.site_id, c.slug]));
      for (const site of receivers) {
        const link = `/${site.key}/bai-viet/${slugOf.get(site.id)}`;
        const siteStarted = performance.now();
        const home = await app.inject({ method: 'GET', url: `/${site.key}/` });
        const feed = await app.inject({ method: 'GET', url: `/${site.key}/rss.xml` });
        perSiteMs.push(performance.now() - siteStarted);
        if (home.statusCode !== 200 || feed.statusCode !== 200 || !home.body.includes(link) || !feed.body.includes(link)) throw new Error(`the copy is missing on ${site.key}'s home page or feed`);
      }
      const pagesAt = performance.now();
      visibleMs.push(visibleAt - started);
      pagesMs.push(pagesAt - started);
      await core.fanout.drain();
    }
    const n = receivers.length;
    const v = median(visibleMs);
    const p = median(pagesMs);
    console.log(
      `fan-out on ${engine}, ${n} receiving sites, ${options.rounds} rounds: publish (approve + syndicate) → every copy visible by the visibility rule ` +
        `${ms(v)} median (worst ${ms(Math.max(...visibleMs))}), ${ms(v / n)} per copy, ratio to the 1 s budget ${(v / BUDGET_MS).toFixed(2)}; ` +
        `a site's home page + RSS feed then render with the copy in ${ms(median(perSiteMs))} median (one site after another, all ${n} checked ${ms(p)} after publishing)`,
    );
  } finally {
    await app.close();
    await core.close();
    await place.dispose();
  }
}

/** Runs the fan-out benchmark on each engine and prints its figures. */
export async function runFanoutBench(options: FanoutBenchOptions): Promise<void> {
  for (const engine of options.engines) await benchEngine(engine, options);
}
