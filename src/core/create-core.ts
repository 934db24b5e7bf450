/**
 * Wires the core by hand (no DI container): configuration, the database (migrated), the clock
 * and the site directory. The same core serves the HTTP server, the CLI and jobs.
 */
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Config } from './config.ts';
import { type Clock, systemClock } from './clock.ts';
import type { Database } from './db/database.ts';
import { openDatabase, migrateToLatest, type DatabaseHandle } from './db/dialect.ts';
import { SiteDirectory } from './sites/site-directory.ts';
import { createFileMediaStorage, type MediaStorage } from './media/media-storage.ts';
import { PublicationHorizon } from './workflow/publication-horizon.ts';
import { FanoutWorker } from './network/fanout.ts';

/** Everything a caller needs to run commands and queries. */
export interface Core {
  config: Config;
  database: DatabaseHandle;
  db: Kysely<Database>;
  clock: Clock;
  sites: SiteDirectory;
  /** Folder for uploaded media files (`<dataDir>/media`). */
  mediaDir: string;
  /** Where media files are written and read. */
  mediaStorage: MediaStorage;
  /** The next scheduled or embargoed publication instant, to cap public cache lifetimes. */
  horizon: PublicationHorizon;
  /** Runs syndication fan-out jobs: kicked by the commands that enqueue them; server processes also start its tick. */
  fanout: FanoutWorker;
  /** Stops the fan-out worker (waiting for its run) and closes the database. */
  close(): Promise<void>;
}

/**
 * Opens the database named by the config (SQLite under `dataDir` unless `databaseUrl`),
 * applies pending migrations and loads the site directory.
 * @param options.clock replaces the wall clock (tests).
 */
export async function createCore(config: Config, options: { clock?: Clock } = {}): Promise<Core> {
  const database = openDatabase({
    databaseUrl: config.databaseUrl,
    sqliteFile: path.join(config.dataDir, 'cong.sqlite'),
  });
  await migrateToLatest(database.db);
  const sites = new SiteDirectory(database.db);
  await sites.reload();
  const clock = options.clock ?? systemClock;
  const horizon = new PublicationHorizon(database.db, clock);
  const fanout = new FanoutWorker({ db: database.db, clock, sites, config, horizon });
  return {
    config,
    database,
    db: database.db,
    clock,
    sites,
    mediaDir: path.join(config.dataDir, 'media'),
    mediaStorage: createFileMediaStorage(config.dataDir),
    horizon,
    fanout,
    close: async () => {
      await fanout.stop();
      await database.close();
    },
  };
}
