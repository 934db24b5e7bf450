/**
 * The outbox worker: delivers due e-mails in the background of a server process, every few
 * seconds, never inside a request (issue "Newsroom core", item 8). Several server processes
 * may each run one: claims are exclusive (outbox.repository.ts), so no e-mail goes out twice.
 * Its timers are unref'd (they never keep a process alive) and its loop never throws: a
 * failed round is logged and the next one runs on time.
 */
import type { Core } from '../create-core.ts';
import { deliverDueEmails, type DeliveryReport, type OutboxDeps } from './deliver-due-emails.ts';
import { createMailTransport } from './mail-transport.ts';

/** Where the worker reports; pino's and Fastify's loggers (`app.log`) fit. */
export interface OutboxLogger {
  error(details: object, message: string): void;
  info(details: object, message: string): void;
}

/** The default pause between rounds (milliseconds). */
export const OUTBOX_INTERVAL_MS = 10_000;

/** What the worker needs: {@link OutboxDeps}, a logger, and the round size (default 50). */
export interface OutboxWorkerOptions extends OutboxDeps {
  log: OutboxLogger;
  batchSize?: number;
}

/**
 * Delivers due e-mails round after round until stopped. A round that filled its batch is
 * followed at once by the next (a backlog drains quickly); otherwise the worker waits the
 * interval. Rounds never overlap.
 *
 * ```ts
 * const worker = createOutboxWorker(core, app.log); // null without CONG_SMTP_URL
 * worker?.start();                                  // after listening
 * await worker?.stop();                             // before closing the core
 * ```
 */
export class OutboxWorker {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private stopped = true;

  constructor(private readonly options: OutboxWorkerOptions) {}

  /**
   * Starts the rounds; the first runs at once. Calling it on a running worker does nothing.
   * @param intervalMs pause between rounds, milliseconds (default {@link OUTBOX_INTERVAL_MS}).
   */
  start(intervalMs: number = OUTBOX_INTERVAL_MS): void {
    if (!this.stopped) return;
    this.stopped = false;
    const loop = async (): Promise<void> => {
      this.timer = null;
      if (this.stopped) return;
      const round = this.runOnce();
      this.running = round;
      const report = await round;
      this.running = null;
      if (this.stopped) return;
      const full = report !== null && report.claimed >= (this.options.batchSize ?? 50);
      this.timer = setTimeout(() => void loop(), full ? 0 : intervalMs);
      this.timer.unref();
    };
    this.timer = setTimeout(() => void loop(), 0);
    this.timer.unref();
  }

  /** Stops the rounds and waits for the one in progress (its sends finish and are recorded). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.running) await this.running;
    this.options.transport.close?.();
  }

  /**
   * Runs one round now. Never throws: a failure is logged and reported as null.
   * @returns what the round did, or null when it failed.
   */
  async runOnce(): Promise<DeliveryReport | null> {
    try {
      const report = await deliverDueEmails(this.options, { limit: this.options.batchSize ?? 50 });
      if (report.failed) this.options.log.error({ report }, 'Hộp thư đi: có e-mail đã thử đủ số lần mà vẫn không gửi được');
      else if (report.claimed) this.options.log.info({ report }, 'Hộp thư đi: đã xử lý một lượt e-mail');
      return report;
    } catch (error) {
      try {
        this.options.log.error({ err: error }, 'Hộp thư đi: vòng gửi e-mail bị lỗi');
      } catch {
        // a broken logger must not stop the worker either
      }
      return null;
    }
  }
}

/**
 * Creates the worker a server process runs, from the core's configuration: SMTP transport
 * from CONG_SMTP_URL, From from CONG_MAIL_FROM.
 * @returns null when CONG_SMTP_URL is not set (e-mails then stay `pending`; `cong outbox list` shows them).
 */
export function createOutboxWorker(core: Pick<Core, 'db' | 'clock' | 'config'>, log: OutboxLogger): OutboxWorker | null {
  if (!core.config.smtpUrl) return null;
  return new OutboxWorker({ db: core.db, clock: core.clock, transport: createMailTransport(core.config.smtpUrl), from: core.config.mailFrom, log });
}
