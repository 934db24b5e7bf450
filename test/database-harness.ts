/**
 * Test harness for storage tests: runs a suite on SQLite and on PostgreSQL with fresh,
 * migrated databases. SQLite gets a temp file; PostgreSQL gets its own schema in the database
 * named by `TEST_DATABASE_URL` (default `postgres://postgres@127.0.0.1:5432/test`), dropped
 * afterwards. Both engines always run: a missing PostgreSQL fails the suite, it is not skipped.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import crypto from 'node:crypto';
import pg from 'pg';
import { openDatabase, migrateToLatest, type DatabaseHandle, type Engine } from '../src/core/db/dialect.ts';

export const ENGINES: Engine[] = ['sqlite', 'postgres'];

/** PostgreSQL URL used by tests. */
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A fresh migrated database plus a temp folder; `dispose()` removes both. */
export interface TestDatabase extends DatabaseHandle {
  /** A temp folder for files this test writes (media, SQLite file). */
  dir: string;
  /** For PostgreSQL: the schema name; for SQLite: the file path. */
  location: string;
  /** Environment-style settings that make a server or CLI process use this same database. */
  env: Record<string, string>;
  dispose(): Promise<void>;
}

/**
 * Creates a fresh, migrated database on the given engine.
 * @throws when PostgreSQL is unreachable (the test then fails, as it should).
 */
export async function createTestDatabase(engine: Engine): Promise<TestDatabase> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `cong-test-${engine}-`));
  if (engine === 'sqlite') {
    const file = path.join(dir, 'cong.sqlite');
    const handle = openDatabase({ sqliteFile: file });
    await migrateToLatest(handle.db);
    return {
      ...handle,
      dir,
      location: file,
      env: { CONG_DATA_DIR: dir },
      async dispose() {
        await handle.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const schema = `t_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const handle = openDatabase({ databaseUrl: TEST_DATABASE_URL, pgSchema: schema, pgPoolSize: 4 });
  try {
    await migrateToLatest(handle.db);
  } catch (error) {
    // Rarely, under a full parallel run, the first statements of a fresh pool report the new
    // schema as missing; the schema is made again (if need be) and the migration retried once.
    if (!/does not exist/.test(String(error))) throw error;
    const again = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await again.connect();
    await again.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await again.end();
    await migrateToLatest(handle.db);
  }
  const url = new URL(TEST_DATABASE_URL);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return {
    ...handle,
    dir,
    location: schema,
    env: { CONG_DATA_DIR: dir, DATABASE_URL: url.toString() },
    async dispose() {
      await handle.close();
      const c = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await c.connect();
      await c.query(`DROP SCHEMA ${schema} CASCADE`);
      await c.end();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
