/**
 * Opens the database: embedded SQLite (better-sqlite3, WAL, foreign keys on) by default, or
 * PostgreSQL when a `postgres://` URL is given. Both speak the same Kysely schema.
 */
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql, type MigrationResultSet, type SqliteDatabase } from 'kysely';
import type { Database } from './database.ts';
import { migrations } from './migrations/index.ts';

/** Which engine a handle talks to. */
export type Engine = 'sqlite' | 'postgres';

/** An open database: the Kysely handle, its engine and a way to close it. */
export interface DatabaseHandle {
  db: Kysely<Database>;
  engine: Engine;
  close(): Promise<void>;
}

/** Options to open a database. */
export interface OpenDatabaseOptions {
  /** `postgres://…` to use PostgreSQL; otherwise SQLite at `sqliteFile`. */
  databaseUrl?: string | undefined;
  /** SQLite file path (its folder is created); `:memory:` for a throwaway database. */
  sqliteFile?: string;
  /** PostgreSQL schema to use as search_path (tests use one schema per test file). */
  pgSchema?: string;
  /** PostgreSQL pool size (default 10). */
  pgPoolSize?: number;
}

/**
 * Opens a database handle. Does not migrate; call {@link migrateToLatest}.
 * @throws Error when neither a URL nor a SQLite file is given.
 */
export function openDatabase(options: OpenDatabaseOptions): DatabaseHandle {
  if (options.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: options.pgPoolSize ?? 10,
      ...(options.pgSchema ? { options: `-c search_path=${options.pgSchema}` } : {}),
    });
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, engine: 'postgres', close: () => db.destroy() };
  }
  if (!options.sqliteFile) throw new Error('openDatabase: sqliteFile or databaseUrl is required');
  if (options.sqliteFile !== ':memory:') fs.mkdirSync(path.dirname(options.sqliteFile), { recursive: true });
  const sqlite = new SQLite(options.sqliteFile);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  return { db, engine: 'sqlite', close: () => db.destroy() };
}

/** How many prepared SQLite statements are kept for reuse. */
const STATEMENT_CACHE_SIZE = 500;

/**
 * Wraps a better-sqlite3 database so that Kysely reuses prepared statements: Kysely prepares
 * every query anew, and preparing costs more than running the small queries pages make.
 * Statements are kept by SQL text, least recently used dropped past {@link STATEMENT_CACHE_SIZE}.
 */
function withStatementCache(sqlite: SQLite.Database): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(rawText: string) {
      // Kysely opens transactions with a plain (deferred) `begin`. A deferred transaction that
      // reads and then writes fails at once with SQLITE_BUSY when another process wrote in
      // between; `begin immediate` takes the write lock first and waits (busy_timeout) instead,
      // so two processes on one file serialise their writes (scheduler, audit chain).
      const text = rawText === 'begin' ? 'begin immediate' : rawText;
      let statement = cache.get(text);
      if (statement) {
        cache.delete(text);
      } else {
        statement = sqlite.prepare(text);
        if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value!);
      }
      cache.set(text, statement);
      return statement;
    },
  };
}

/**
 * Applies every pending migration in order, in one run.
 * @returns the names of the migrations applied now (empty when already up to date).
 * @throws Error with the failing migration's name when one fails.
 */
export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  // On PostgreSQL, keep Kysely's bookkeeping tables in the current schema (the first of the
  // search_path); otherwise the migrator may find another schema's tables and skip its own.
  let migrationTableSchema: string | undefined;
  if (db.getExecutor().adapter.constructor.name === 'PostgresAdapter') {
    const row = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
    migrationTableSchema = row.rows[0]?.schema;
  }
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    ...(migrationTableSchema ? { migrationTableSchema } : {}),
  });
  const { error, results }: MigrationResultSet = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new Error(`Migration ${failed?.migrationName ?? '?'} failed: ${String(error)}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
