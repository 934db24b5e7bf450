import { describe, it, expect } from 'vitest';
import { sql } from 'kysely';
import { ENGINES, createTestDatabase } from './database-harness.ts';
import { migrateToLatest } from '../src/core/db/dialect.ts';

describe.each(ENGINES)('migrations on %s', (engine) => {
  it('apply from empty, then report nothing pending on a second run', async () => {
    const t = await createTestDatabase(engine);
    try {
      expect(await migrateToLatest(t.db)).toEqual([]);
      const now = new Date().toISOString();
      const org = await t.db
        .insertInto('organisations')
        .values({ key: 'bo-tttt', name: 'Bộ Thông tin và Truyền thông', kind: 'ministry', created_at: now })
        .returning('id')
        .executeTakeFirstOrThrow();
      expect(org.id).toBeGreaterThan(0);
      // foreign keys are enforced on both engines
      await expect(
        t.db.insertInto('sites').values({ key: 'x', name: 'X', kind: 'unit_page', organisation_id: 9999, created_at: now, updated_at: now }).execute(),
      ).rejects.toThrow();
      const rows = await sql<{ n: number }>`select count(*) as n from sites`.execute(t.db);
      expect(Number(rows.rows[0]!.n)).toBe(0);
    } finally {
      await t.dispose();
    }
  });
});
