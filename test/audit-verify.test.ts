/**
 * The audit log's hash chain catches tampering and says where (issue "Newsroom core", item 7):
 * an edited entry, a removed entry, an entry edited and re-hashed, removed newest entries
 * (against a recorded head) — on SQLite and PostgreSQL, across batch boundaries.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { appendAudit, canonicalAuditJson, chainHash, GENESIS_HASH } from '../src/core/audit/audit.ts';
import { verifyAuditLog } from '../src/core/audit/verify-audit-log.ts';
import { systemActor, type MemberActor } from '../src/core/policy/actor.ts';
import { createTestDatabase, ENGINES, type TestDatabase } from './database-harness.ts';
import { buildSite } from './factories.ts';

const editor: MemberActor = {
  kind: 'member',
  userId: 7,
  displayName: 'Nguyễn Thị Hoà',
  email: 'hoa@langson.gov.vn',
  organisationId: null,
  grants: [],
  sessionId: null,
};

/** Appends `count` entries, each in its own transaction as commands do. */
async function appendEntries(db: TestDatabase['db'], count: number, siteId: number | null = null): Promise<void> {
  const start = new Date('2022-09-27T07:05:00.000Z').getTime();
  for (let i = 0; i < count; i++) {
    await db.transaction().execute((trx) =>
      appendAudit(trx, {
        actor: i % 2 ? editor : systemActor('scheduler'),
        action: i % 3 ? 'article.return' : 'article.publish',
        siteId,
        subjectType: 'article',
        subjectId: 100 + i,
        details: { reason: `Cần bổ sung nguồn trích dẫn, lần ${i + 1}`, from: 'submitted', to: 'returned' },
        address: i % 2 ? '203.0.113.7' : null,
        at: new Date(start + i * 60_000),
      }),
    );
  }
}

describe.each(ENGINES)('verifyAuditLog on %s', (engine) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await createTestDatabase(engine);
  });
  afterEach(async () => {
    await database.dispose();
  });

  it('passes an empty log with the genesis hash as head', async () => {
    expect(await verifyAuditLog(database.db)).toEqual({ ok: true, entries: 0, headHash: GENESIS_HASH });
  });

  it('passes an intact log written through appendAudit and reports its head hash', async () => {
    const site = await buildSite(database.db);
    await appendEntries(database.db, 25, site.id);
    const last = await database.db.selectFrom('audit_log').select('hash').where('id', '=', 25).executeTakeFirstOrThrow();
    const result = await verifyAuditLog(database.db, { batchSize: 7 });
    expect(result).toEqual({ ok: true, entries: 25, headHash: last.hash });
  });

  it('names an entry whose details were changed', async () => {
    await appendEntries(database.db, 25);
    await database.db.updateTable('audit_log').set({ details: JSON.stringify({ reason: 'Không có gì' }) }).where('id', '=', 17).execute();
    const result = await verifyAuditLog(database.db, { batchSize: 7 });
    expect(result.ok).toBe(false);
    expect(result.firstBadId).toBe(17);
    expect(result.problemKind).toBe('changed');
    expect(result.problem).toContain('mục 17 đã bị sửa');
    expect(result.entries).toBe(25);
  });

  it('names an entry whose actor or time was changed', async () => {
    await appendEntries(database.db, 10);
    await database.db.updateTable('audit_log').set({ at: '2022-09-28T00:00:00.000Z' }).where('id', '=', 3).execute();
    expect(await verifyAuditLog(database.db)).toMatchObject({ ok: false, firstBadId: 3, problemKind: 'changed' });
  });

  it('names a removed entry in the middle of the log, also at a batch boundary', async () => {
    await appendEntries(database.db, 25);
    await database.db.deleteFrom('audit_log').where('id', '=', 15).execute();
    const result = await verifyAuditLog(database.db, { batchSize: 7 });
    expect(result).toMatchObject({ ok: false, firstBadId: 15, problemKind: 'missing', entries: 24 });
    expect(result.problem).toContain('mục 15 đã bị xoá');

    await database.db.deleteFrom('audit_log').where('id', 'in', [7, 8]).execute();
    const second = await verifyAuditLog(database.db, { batchSize: 7 });
    expect(second).toMatchObject({ ok: false, firstBadId: 7, problemKind: 'missing' });
    expect(second.problem).toContain('các mục 7–8 đã bị xoá');
  });

  it('names a removed first entry', async () => {
    await appendEntries(database.db, 4);
    await database.db.deleteFrom('audit_log').where('id', '=', 1).execute();
    expect(await verifyAuditLog(database.db)).toMatchObject({ ok: false, firstBadId: 1, problemKind: 'missing' });
  });

  it('names the next entry when an edited entry was re-hashed to hide it', async () => {
    await appendEntries(database.db, 25);
    const row = await database.db.selectFrom('audit_log').selectAll().where('id', '=', 17).executeTakeFirstOrThrow();
    const forged = { ...row, details: JSON.stringify({ reason: 'Bài đạt yêu cầu' }) };
    await database.db
      .updateTable('audit_log')
      .set({ details: forged.details, hash: chainHash(row.prev_hash, canonicalAuditJson(forged)) })
      .where('id', '=', 17)
      .execute();
    const result = await verifyAuditLog(database.db, { batchSize: 7 });
    expect(result).toMatchObject({ ok: false, firstBadId: 18, problemKind: 'unlinked' });
    expect(result.problem).toContain('mục 18 không nối tiếp mục 17');
  });

  it('passes a log that grew after its head was recorded, and catches removed newest entries', async () => {
    await appendEntries(database.db, 12);
    const recorded = (await verifyAuditLog(database.db)).headHash;
    await appendEntries(database.db, 3);
    const grown = await verifyAuditLog(database.db, { expectHead: recorded.toUpperCase(), batchSize: 5 });
    expect(grown).toMatchObject({ ok: true, entries: 15 });

    // Removing the newest entries leaves a valid, shorter chain: only the recorded head tells.
    await database.db.deleteFrom('audit_log').where('id', '>', 10).execute();
    expect((await verifyAuditLog(database.db)).ok).toBe(true);
    const truncated = await verifyAuditLog(database.db, { expectHead: recorded, batchSize: 5 });
    expect(truncated).toMatchObject({ ok: false, problemKind: 'truncated', firstBadId: 11, entries: 10 });
    expect(truncated.problem).toContain('cắt bớt');
  });

  it('keeps verifying while new entries are appended concurrently', async () => {
    await appendEntries(database.db, 30);
    const [result] = await Promise.all([verifyAuditLog(database.db, { batchSize: 4 }), appendEntries(database.db, 10)]);
    expect(result.ok).toBe(true);
    expect(result.entries).toBeGreaterThanOrEqual(30);
    expect(await verifyAuditLog(database.db)).toMatchObject({ ok: true, entries: 40 });
  });

  it('reads a large log in batches', async () => {
    // 2,500 entries inserted in bulk (chained as appendAudit would), read 1,000 at a time.
    let prev = GENESIS_HASH;
    const rows = [];
    for (let id = 1; id <= 2500; id++) {
      const row = { id, at: new Date(Date.UTC(2022, 8, 27) + id * 1000).toISOString(), actor_type: 'system', actor_id: null, actor_label: 'Hệ thống (import)', action: 'article.import', site_id: null, subject_type: 'article', subject_id: id, details: '{}', address: null };
      const hash = chainHash(prev, canonicalAuditJson(row));
      rows.push({ ...row, prev_hash: prev, hash });
      prev = hash;
    }
    for (let i = 0; i < rows.length; i += 250) await database.db.insertInto('audit_log').values(rows.slice(i, i + 250)).execute();
    if (engine === 'postgres') await sql`select setval(pg_get_serial_sequence('audit_log', 'id'), 2500)`.execute(database.db);
    expect(await verifyAuditLog(database.db)).toEqual({ ok: true, entries: 2500, headHash: prev });
    await database.db.updateTable('audit_log').set({ action: 'article.delete' }).where('id', '=', 2001).execute();
    expect(await verifyAuditLog(database.db)).toMatchObject({ ok: false, firstBadId: 2001, entries: 2500 });
  });
});
