/**
 * HTTP test harness: a fresh migrated database on the chosen engine, a core over it (with a
 * movable clock) and the Fastify app, for `app.inject()` tests.
 */
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../src/core/config.ts';
import { createCore, type Core } from '../src/core/create-core.ts';
import type { Engine } from '../src/core/db/dialect.ts';
import { buildApp } from '../src/server/app.ts';
import { createTestDatabase, type TestDatabase } from './database-harness.ts';

/** A running test application. `now` can be moved to test embargoes. */
export interface TestApp {
  app: FastifyInstance;
  core: Core;
  database: TestDatabase;
  /** The instant the core's clock returns; assign to move time. */
  now: Date;
  dispose(): Promise<void>;
}

/** Creates a test application on the engine; call `dispose()` in `afterAll`. */
export async function createTestApp(engine: Engine, now = new Date('2022-10-01T03:00:00.000Z')): Promise<TestApp> {
  const database = await createTestDatabase(engine);
  const config = loadConfig({ ...database.env, HOST: '127.0.0.1', PORT: '3000', LOG_LEVEL: 'silent', CONG_DEMO: '0' });
  const state = { now };
  const core = await createCore(config, { clock: () => state.now });
  const app = await buildApp(core, { logLevel: 'silent' });
  await app.ready();
  const result: TestApp = {
    app,
    core,
    database,
    get now() {
      return state.now;
    },
    set now(value: Date) {
      state.now = value;
    },
    async dispose() {
      await app.close();
      await core.close();
      await database.dispose();
    },
  };
  return result;
}
