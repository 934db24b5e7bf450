/**
 * The fan-out worker (issue "The network" item 4), both engines: one job per receiving site,
 * idempotent (a job run twice makes one copy), retried with backoff when it fails and visible
 * to editors with its error, run at once after the command commits; and two real server
 * processes on one database never make a copy twice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, type Kysely } from 'kysely';
import { createTestApp, type TestApp } from './app-harness.ts';
import { createTestDatabase, ENGINES, type TestDatabase } from './database-harness.ts';
import { buildNetwork, buildOriginal, copiesOf, syndicationsOf } from './network-harness.ts';
import { startServerProcess, type ServerProcess } from './server-process.ts';
import { listArticleSyndications, syndicateArticle } from '../src/core/network/syndication.ts';
import { FANOUT_MAX_ATTEMPTS, FANOUT_RETRY_DELAYS_MS, runDueFanoutJobs } from '../src/core/network/fanout.ts';
import { isPubliclyVisible } from '../src/core/articles/visibility.ts';
import { verifyAuditLog } from '../src/core/audit/verify-audit-log.ts';
import { loadConfig } from '../src/core/config.ts';
import { SiteDirectory } from '../src/core/sites/site-directory.ts';
import type { Database } from '../src/core/db/database.ts';
import type { Engine } from '../src/core/db/dialect.ts';

/** Makes inserting an article on `siteId` fail inside the database, as a full disk or a broken constraint would. */
async function breakSite(db: Kysely<Database>, engine: Engine, siteId: number): Promise<void> {
  if (engine === 'sqlite') {
    await sql`CREATE TRIGGER fail_copy BEFORE INSERT ON articles WHEN NEW.site_id = ${sql.lit(siteId)} BEGIN SELECT RAISE(ABORT, 'trang nhận đang bảo trì (lỗi thử nghiệm)'); END`.execute(db);
    return;
  }
  await sql`CREATE FUNCTION fail_copy() RETURNS trigger AS $$ BEGIN IF NEW.site_id = ${sql.lit(siteId)} THEN RAISE EXCEPTION 'trang nhận đang bảo trì (lỗi thử nghiệm)'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql`.execute(db);
  await sql`CREATE TRIGGER fail_copy BEFORE INSERT ON articles FOR EACH ROW EXECUTE FUNCTION fail_copy()`.execute(db);
}

async function repairSite(db: Kysely<Database>, engine: Engine): Promise<void> {
  if (engine === 'sqlite') await sql`DROP TRIGGER fail_copy`.execute(db);
  else {
    await sql`DROP TRIGGER fail_copy ON articles`.execute(db);
    await sql`DROP FUNCTION fail_copy()`.execute(db);
  }
}

describe.each(ENGINES)('fan-out jobs on %s', (engine) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(engine);
  });

  afterAll(async () => {
    await t?.dispose();
  });

  /** The core without its worker: jobs wait until the test runs them. */
  const quiet = () => ({ ...t.core, fanout: undefined });

  it('makes one copy when a job runs twice, and one job when it is enqueued twice', async () => {
    const net = await buildNetwork(t.core, ['auto']);
    const original = await buildOriginal(t.core.db, net);
    const target = net.provinces[0]!.id;
    await syndicateArticle(quiet(), net.ministryChief, original.id, { to: { siteIds: [target] } });
    await syndicateArticle(quiet(), net.ministryChief, original.id, { to: { siteIds: [target] } });
    const syndication = (await syndicationsOf(t.core.db, original.id)).get(target)!;
    const jobs = await t.core.db.selectFrom('fanout_jobs').selectAll().where('syndication_id', '=', syndication.id).execute();
    expect(jobs).toHaveLength(1);
    expect(jobs[0]).toMatchObject({ kind: 'create', state: 'pending', attempts: 0 });

    const first = await runDueFanoutJobs(quiet());
    expect(first).toMatchObject({ claimed: 1, done: 1, changed: 1 });
    // Run it again, as a second process or a retry after a lost acknowledgement would.
    await t.core.db.updateTable('fanout_jobs').set({ state: 'pending', finished_at: null }).where('id', '=', jobs[0]!.id).execute();
    const second = await runDueFanoutJobs(quiet());
    expect(second).toMatchObject({ claimed: 1, done: 1, changed: 0 });
    const copies = await t.core.db.selectFrom('articles').select('id').where('origin_article_id', '=', original.id).execute();
    expect(copies).toHaveLength(1);
    expect(await t.core.db.selectFrom('audit_log').select('id').where('action', '=', 'article.syndication.create').where('subject_id', '=', copies[0]!.id).execute()).toHaveLength(1);
    expect(await t.core.db.selectFrom('article_events').select('id').where('article_id', '=', copies[0]!.id).execute()).toHaveLength(1);
  });

  it('retries a failing job with growing waits, shows its error to editors, gives up, and retries when sent again', async () => {
    const net = await buildNetwork(t.core, ['auto', 'auto']);
    const [healthy, broken] = net.provinces as [typeof net.provinces[0], typeof net.provinces[0]];
    const original = await buildOriginal(t.core.db, net);
    await breakSite(t.core.db, engine, broken.id);
    const start = t.now;
    try {
      await syndicateArticle(quiet(), net.ministryChief, original.id, { to: { siteIds: [healthy.id, broken.id] } });
      const run = await runDueFanoutJobs(quiet());
      expect(run).toMatchObject({ claimed: 2, done: 1, retrying: 1 });
      // The healthy site got its copy; the broken one nothing, not even half a copy.
      expect([...(await copiesOf(t.core.db, original.id)).keys()]).toEqual([healthy.id]);
      const view = await listArticleSyndications(t.core, net.ministryChief, original.id);
      const item = view.items.find((i) => i.site.id === broken.id)!;
      expect(item).toMatchObject({ status: 'pending', copy: null, job: { kind: 'create', state: 'pending', attempts: 1 } });
      expect(item.job!.lastError).toContain('trang nhận đang bảo trì (lỗi thử nghiệm)');
      expect(item.job!.runAfter).toBe(new Date(start.getTime() + FANOUT_RETRY_DELAYS_MS[0]).toISOString());

      // Not before its wait is over; then again, each wait longer than the last.
      t.now = new Date(start.getTime() + FANOUT_RETRY_DELAYS_MS[0] - 1000);
      expect((await runDueFanoutJobs(quiet())).claimed).toBe(0);
      for (let attempt = 2; attempt <= FANOUT_MAX_ATTEMPTS; attempt++) {
        const job = await t.core.db.selectFrom('fanout_jobs').selectAll().where('id', '=', item.job!.id).executeTakeFirstOrThrow();
        t.now = new Date(job.run_after);
        expect(await runDueFanoutJobs(quiet())).toMatchObject({ claimed: 1 });
        const after = await t.core.db.selectFrom('fanout_jobs').selectAll().where('id', '=', item.job!.id).executeTakeFirstOrThrow();
        expect(after.attempts).toBe(attempt);
        if (attempt < FANOUT_MAX_ATTEMPTS) expect(Date.parse(after.run_after) - t.now.getTime()).toBe(FANOUT_RETRY_DELAYS_MS[attempt - 1]);
        else expect(after.state).toBe('failed');
      }
      expect((await syndicationsOf(t.core.db, original.id)).get(broken.id)!.status).toBe('failed');
      const failed = (await listArticleSyndications(t.core, net.ministryChief, original.id)).items.find((i) => i.site.id === broken.id)!;
      expect(failed).toMatchObject({ status: 'failed', statusLabel: 'Gửi không thành công', job: { state: 'failed', attempts: FANOUT_MAX_ATTEMPTS } });

      // Once the site works again, sending again retries it.
      await repairSite(t.core.db, engine);
      const again = await syndicateArticle(quiet(), net.ministryChief, original.id, { to: { siteIds: [healthy.id, broken.id] } });
      expect(again.retried.map((r) => r.siteId)).toEqual([broken.id]);
      expect(again.already.map((r) => r.siteId)).toEqual([healthy.id]);
      expect(await runDueFanoutJobs(quiet())).toMatchObject({ claimed: 1, done: 1, changed: 1 });
      expect((await syndicationsOf(t.core.db, original.id)).get(broken.id)!.status).toBe('shown');
      expect((await copiesOf(t.core.db, original.id)).get(broken.id)!.state).toBe('published');
    } finally {
      t.now = start;
    }
  });

  it('runs the jobs right after the command commits, without waiting for a tick', async () => {
    // No tick runs in this process (only server processes start one): only the command's kick can make the copies.
    const net = await buildNetwork(t.core, ['auto', 'auto', 'auto', 'auto']);
    const original = await buildOriginal(t.core.db, net);
    const started = performance.now();
    await syndicateArticle(t.core, net.ministryChief, original.id, { to: { siteIds: net.provinces.map((p) => p.id) } });
    let visible = 0;
    while (performance.now() - started < 5000) {
      const copies = [...(await copiesOf(t.core.db, original.id)).values()];
      visible = copies.filter((c) => isPubliclyVisible({ state: c.state, publishedAt: c.published_at }, t.now)).length;
      if (visible === net.provinces.length) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(visible).toBe(net.provinces.length);
  });
});

describe.each(ENGINES)('fan-out in two server processes on %s', (engine) => {
  const SITES = 16;
  let database: TestDatabase;
  let servers: ServerProcess[] = [];

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    const env = { ...database.env, CONG_DEMO: '0', CONG_SCHEDULER_INTERVAL_MS: '100' };
    servers = await Promise.all([startServerProcess(env), startServerProcess(env)]);
  }, 180_000);

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await database?.dispose();
  });

  it('makes exactly one copy per site while both processes claim jobs', async () => {
    const sites = new SiteDirectory(database.db);
    const core = { db: database.db, sites, clock: () => new Date(), config: loadConfig({ ...database.env, CONG_DEMO: '0' }) };
    const net = await buildNetwork(core, Array.from({ length: SITES }, () => 'auto'));
    const original = await buildOriginal(database.db, net, { published_at: new Date(Date.now() - 60_000).toISOString() });
    // Enqueued from this (third) process, which runs no worker: the two servers' ticks take them.
    await syndicateArticle(core, net.ministryChief, original.id, { to: 'network' });
    const deadline = Date.now() + 30_000;
    let pending = Infinity;
    while (Date.now() < deadline) {
      pending = (await database.db.selectFrom('fanout_jobs').select('id').where('state', '!=', 'done').execute()).length;
      if (pending === 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(pending).toBe(0);
    const copies = await database.db.selectFrom('articles').select(['id', 'site_id']).where('origin_article_id', '=', original.id).execute();
    expect(copies).toHaveLength(SITES + 1); // every province and the unit page
    expect(new Set(copies.map((c) => c.site_id)).size).toBe(SITES + 1);
    const audits = await database.db.selectFrom('audit_log').select('id').where('action', '=', 'article.syndication.create').execute();
    expect(audits).toHaveLength(SITES + 1);
    expect(await verifyAuditLog(database.db)).toMatchObject({ ok: true });
    // Both servers show a copy.
    const province = sites.getById(net.provinces[0]!.id)!;
    const copy = copies.find((c) => c.site_id === province.id)!;
    const slug = (await database.db.selectFrom('articles').select('slug').where('id', '=', copy.id).executeTakeFirstOrThrow()).slug;
    // (Each server learns of sites made by another process within a few seconds.)
    for (const s of servers) {
      let status = 0;
      for (const until = Date.now() + 10_000; Date.now() < until; await new Promise((r) => setTimeout(r, 200))) {
        status = (await fetch(`${s.url}/${province.key}/bai-viet/${slug}`)).status;
        if (status === 200) break;
      }
      expect(status).toBe(200);
    }
  }, 60_000);
});
