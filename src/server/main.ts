/**
 * Starts the HTTP server: opens the core (migrating the database), creates the demo network
 * on an empty database when demo mode is on, builds the app and listens on HOST:PORT.
 */
import type { Config } from '../core/config.ts';
import { createCore } from '../core/create-core.ts';
import { ensureDemo } from '../core/demo/load-demo.ts';
import { buildApp } from './app.ts';
import { Scheduler } from '../core/workflow/scheduler.ts';
import { createOutboxWorker } from '../core/notifications/outbox-worker.ts';

/** How often a server process checks whether the site tables changed (milliseconds). */
const SITE_DIRECTORY_CHECK_MS = 2000;

/** What {@link startServer} reports once listening. */
export interface StartedServer {
  url: string;
  /** Milliseconds from the call to listening. */
  startMs: number;
  /** True when this start created the demo network (empty data folder). */
  createdDemo: boolean;
  close(): Promise<void>;
}

/**
 * Starts the server. Prints progress through `log` (default: stdout).
 * @throws when the port is taken or the database cannot be opened.
 */
export async function startServer(config: Config, log: (line: string) => void = (l) => console.log(l)): Promise<StartedServer> {
  const started = performance.now();
  const core = await createCore(config);
  let createdDemo = false;
  if (config.demo) {
    try {
      createdDemo = (await ensureDemo(core, log)).created;
    } catch (error) {
      await core.close();
      throw error;
    }
  }
  const app = await buildApp(core);
  try {
    await app.listen({ host: config.host, port: config.port });
  } catch (error) {
    // Nothing may keep the process alive after a failed start (an open database pool would).
    await app.close();
    await core.close();
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host}:${port}`;
  const startMs = Math.round(performance.now() - started);
  // Background work of this process: scheduled publications and the e-mail outbox. Several
  // processes may run both; each claims its work exclusively in the database.
  const scheduler =
    config.schedulerIntervalMs > 0
      ? new Scheduler(core, { intervalMs: config.schedulerIntervalMs, log: (message, error) => app.log.error({ err: error }, message) })
      : null;
  scheduler?.start();
  const outbox = createOutboxWorker(core, app.log);
  outbox?.start();
  // Syndication fan-out: commands of this process kick it at once; the tick (on the scheduler's
  // interval) runs jobs enqueued by other processes or waiting to retry. Stopped by core.close().
  core.fanout.start(config.schedulerIntervalMs, app.log);
  // Sites changed by another process (the CLI merging or renaming a site, another node) reach
  // this one's in-memory site directory within SITE_DIRECTORY_CHECK_MS (one small query).
  const siteCheck = setInterval(() => {
    core.sites.reloadIfChanged().catch((error: unknown) => app.log.error({ err: error }, 'site directory check failed'));
  }, SITE_DIRECTORY_CHECK_MS);
  siteCheck.unref();
  const close = async () => {
    clearInterval(siteCheck);
    await scheduler?.stop();
    await outbox?.stop();
    await app.close();
    await core.close();
  };
  return { url, startMs, createdDemo, close };
}
