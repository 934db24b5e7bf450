/**
 * Scheduling across processes (DESIGN.md §6): two real `cong serve` processes share one
 * database, each running its scheduler; articles scheduled a moment ahead are published
 * exactly once each, with no request needed, and both servers show them within seconds of
 * their time. On PostgreSQL (claims with FOR UPDATE SKIP LOCKED) and SQLite (one file, WAL).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, ENGINES, type TestDatabase } from './database-harness.ts';
import { buildSite } from './factories.ts';
import { startServerProcess, type ServerProcess } from './server-process.ts';
import { verifyAuditLog } from '../src/core/audit/verify-audit-log.ts';

const ARTICLES = 24;

describe.each(ENGINES)('scheduler in two processes on %s', (engine) => {
  let database: TestDatabase;
  let servers: ServerProcess[] = [];
  let site: { id: number; key: string };
  let dueAt: number;

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    site = await buildSite(database.db, { name: 'Trang thử hẹn giờ' });
    const env = { ...database.env, CONG_DEMO: '0', CONG_SCHEDULER_INTERVAL_MS: '200' };
    servers = await Promise.all([startServerProcess(env), startServerProcess(env)]);
    // Scheduled once both servers run, so neither can have published them at start.
    dueAt = Date.now() + 2500;
    const at = new Date(dueAt).toISOString();
    const now = new Date().toISOString();
    for (let i = 0; i < ARTICLES; i++) {
      await database.db
        .insertInto('articles')
        .values({ site_id: site.id, state: 'scheduled', title: `Thông báo hẹn giờ số ${i + 1}`, body: '<p>Nội dung.</p>', slug: `thong-bao-hen-gio-${i + 1}`, published_at: at, created_at: now, updated_at: now })
        .execute();
    }
  }, 180_000);

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await database?.dispose();
  });

  it('publishes each article exactly once, right after its time, visible on both servers', async () => {
    const url = (s: ServerProcess) => `${s.url}/${site.key}/bai-viet/thong-bao-hen-gio-1`;
    // Before the time: 404 on both.
    if (Date.now() < dueAt - 500) {
      for (const s of servers) expect((await fetch(url(s))).status).toBe(404);
    }
    let visibleAt = 0;
    while (Date.now() < dueAt + 15_000) {
      const statuses = await Promise.all(servers.map(async (s) => (await fetch(url(s))).status));
      if (statuses.every((s) => s === 200)) {
        visibleAt = Date.now();
        break;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(visibleAt, 'visible on both servers').toBeGreaterThan(0);
    expect(visibleAt).toBeGreaterThanOrEqual(dueAt);
    expect(visibleAt - dueAt).toBeLessThan(5000);
    // Let both schedulers finish every article.
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
      const left = await database.db.selectFrom('articles').select('id').where('site_id', '=', site.id).where('state', '=', 'scheduled').execute();
      if (left.length === 0) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const events = await database.db.selectFrom('article_events').select(['article_id']).where('action', '=', 'publish_scheduled').where('site_id', '=', site.id).execute();
    expect(events).toHaveLength(ARTICLES);
    expect(new Set(events.map((e) => e.article_id)).size).toBe(ARTICLES);
    const audits = await database.db.selectFrom('audit_log').select('id').where('action', '=', 'article.publish_scheduled').execute();
    expect(audits).toHaveLength(ARTICLES);
    // Both processes appended to one audit chain without forking it.
    expect(await verifyAuditLog(database.db)).toMatchObject({ ok: true });
    const failures = await database.db.selectFrom('articles').select('schedule_error').where('site_id', '=', site.id).where('schedule_error', 'is not', null).execute();
    expect(failures).toEqual([]);
  }, 60_000);
});
