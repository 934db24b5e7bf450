/**
 * The fan-out worker (issue "The network" item 4): runs the `fanout_jobs` that make, update and
 * withdraw syndicated copies — one job per receiving site and change, each in its own
 * transaction, so a failure on one site touches no other.
 *
 * - **Exclusive across processes.** A job is claimed by the first statement of its own
 *   transaction: `UPDATE … WHERE id = (SELECT id … LIMIT 1 [FOR UPDATE SKIP LOCKED]) RETURNING`.
 *   On PostgreSQL the row lock makes other processes skip it; on SQLite the claim is the
 *   transaction's first write, so writers are serialised and a second process finds the job
 *   no longer due. The claim commits with the job's work, so a process that dies mid-job leaves
 *   the job pending (rolled back); `locked_until` is the lease written with the claim, after
 *   which a job somehow left `running` is due again.
 * - **Idempotent.** (syndication, kind, source revision) is unique, and every job reads the
 *   original and the copy as they are when it runs (copy-sync.ts): running one twice makes one
 *   copy, one update.
 * - **Retried with backoff.** A failed job is rolled back and written back `pending` with
 *   `attempts`, `last_error` and `run_after` (5 s, 30 s, 2 min, 10 min, 1 h); after the sixth
 *   failure it is `failed` (a `create` job's syndication too), visible to the source site's
 *   editors with its error; syndicating again retries it.
 * - **Run at once and on a tick.** The command that enqueues kicks the worker of its process
 *   after it commits ({@link FanoutWorker.kick}); every server process also ticks on the
 *   scheduler's interval, so jobs enqueued elsewhere or waiting to retry are run too.
 *
 * Lock order on PostgreSQL: job row, copy row, syndication row, then the audit log's advisory
 * lock (appended last), the same order as the commands' (propagation.ts), so no two wait on
 * each other in a circle. The original is only read.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { appendAudit } from '../audit/audit.ts';
import type { PublicationHorizon } from '../workflow/publication-horizon.ts';
import { createCopy, JobNotReadyError, loadOriginTemplate, PermanentJobError, syncCopy, type CopyDeps, type JobEffect, type TemplateCache } from './copy-sync.ts';
import { findSyndication, type FanoutJobKind } from './syndication.repository.ts';

/** Waits before the 2nd, 3rd… attempt of a failed job (ms). */
export const FANOUT_RETRY_DELAYS_MS = [5_000, 30_000, 120_000, 600_000, 3_600_000] as const;
/** Attempts before a job is given up (`failed`). */
export const FANOUT_MAX_ATTEMPTS = FANOUT_RETRY_DELAYS_MS.length + 1;
/** The lease written with a claim (ms). */
export const FANOUT_LEASE_MS = 5 * 60_000;
/** How soon a job waiting for its copy to be made is tried again (ms); not counted as an attempt. */
export const FANOUT_NOT_READY_DELAY_MS = 2_000;
/** Longest error text kept on a job (characters). */
const ERROR_MAX = 1000;

/** What the worker needs. */
export type FanoutDeps = CopyDeps & { horizon?: Pick<PublicationHorizon, 'invalidate'> | undefined };

/** What one run did. */
export interface FanoutRunResult {
  /** Jobs claimed (= done + retrying + failed + waiting). */
  claimed: number;
  done: number;
  /** Failed this time, to be tried again later. */
  retrying: number;
  /** Failed for the last time (now `failed`). */
  failed: number;
  /** Waiting for another job (their copy is not made yet). */
  waiting: number;
  /** Jobs that changed something (a copy made, updated, withdrawn…). */
  changed: number;
  errors: { jobId: number; error: string }[];
}

interface ClaimedJob {
  id: number;
  syndicationId: number;
  kind: FanoutJobKind;
  sourceRevision: number;
  attempts: number;
}

function isPostgres(db: Kysely<Database>): boolean {
  return db.getExecutor().adapter.constructor.name === 'PostgresAdapter';
}

/** Claims the next due job inside `trx` (its first statement), or returns undefined. */
async function claimNextJob(trx: Kysely<Database>, now: Date): Promise<ClaimedJob | undefined> {
  const at = now.toISOString();
  // A running job's `run_after` is its lease end, so one index range finds both the due
  // pending jobs and any job left running past its lease.
  let next = trx
    .selectFrom('fanout_jobs')
    .select('id')
    .where('state', 'in', ['pending', 'running'])
    .where('run_after', '<=', at)
    .orderBy('run_after')
    .orderBy('id')
    .limit(1);
  if (isPostgres(trx)) next = next.forUpdate().skipLocked();
  const lease = new Date(now.getTime() + FANOUT_LEASE_MS).toISOString();
  const row = await trx
    .updateTable('fanout_jobs')
    .set({ state: 'running', locked_until: lease, run_after: lease, updated_at: at })
    .where('id', '=', next)
    .returning(['id', 'syndication_id', 'kind', 'source_revision', 'attempts'])
    .executeTakeFirst();
  return row ? { id: row.id, syndicationId: row.syndication_id, kind: row.kind as FanoutJobKind, sourceRevision: row.source_revision, attempts: row.attempts } : undefined;
}

async function performJob(trx: Kysely<Database>, deps: FanoutDeps, cache: TemplateCache, job: ClaimedJob, now: Date): Promise<JobEffect> {
  const syn = await findSyndication(trx, job.syndicationId);
  if (!syn) return { changed: false, audit: null, future: false };
  const template = await loadOriginTemplate(trx, deps, cache, syn.sourceArticleId);
  if (!template) return { changed: false, audit: null, future: false };
  if (job.kind === 'create') return createCopy(trx, deps, template, syn, job.id, now);
  return syncCopy(trx, template, syn, job.kind, job.id, now);
}

function describeError(error: unknown): string {
  const message = (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').trim() || 'lỗi không rõ';
  return message.length > ERROR_MAX ? `${message.slice(0, ERROR_MAX - 1)}…` : message;
}

/**
 * Records a failed run of a claimed job (its transaction was rolled back): the next attempt
 * after the backoff, or `failed` after {@link FANOUT_MAX_ATTEMPTS} (and a permanent error at
 * once); a `create` job given up marks its syndication `failed`.
 * @returns 'retrying' | 'failed' | 'waiting'
 */
async function recordJobFailure(db: Kysely<Database>, job: ClaimedJob, error: unknown, now: Date): Promise<'retrying' | 'failed' | 'waiting'> {
  const at = now.toISOString();
  const message = describeError(error);
  if (error instanceof JobNotReadyError) {
    await db
      .updateTable('fanout_jobs')
      .set({ state: 'pending', locked_until: null, last_error: message, run_after: new Date(now.getTime() + FANOUT_NOT_READY_DELAY_MS).toISOString(), updated_at: at })
      .where('id', '=', job.id)
      .where('state', 'in', ['pending', 'running'])
      .execute();
    return 'waiting';
  }
  const attempts = job.attempts + 1;
  const giveUp = error instanceof PermanentJobError || attempts >= FANOUT_MAX_ATTEMPTS;
  const delay = FANOUT_RETRY_DELAYS_MS[Math.min(attempts, FANOUT_RETRY_DELAYS_MS.length) - 1]!;
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('fanout_jobs')
      .set({
        state: giveUp ? 'failed' : 'pending',
        attempts,
        last_error: `${at}: ${message}`.slice(0, ERROR_MAX),
        locked_until: null,
        run_after: giveUp ? at : new Date(now.getTime() + delay).toISOString(),
        ...(giveUp ? { finished_at: at } : {}),
        updated_at: at,
      })
      .where('id', '=', job.id)
      .where('state', 'in', ['pending', 'running'])
      .execute();
    if (giveUp && job.kind === 'create') {
      await trx.updateTable('syndications').set({ status: 'failed', updated_at: at }).where('id', '=', job.syndicationId).where('copy_article_id', 'is', null).execute();
    }
  });
  return giveUp ? 'failed' : 'retrying';
}

/** Jobs run side by side on PostgreSQL (each on its own pooled connection); SQLite has one writer. */
export const FANOUT_POSTGRES_LANES = 4;

/**
 * Runs due fan-out jobs, one transaction each, until none is due or `limit` were claimed. The
 * originals met are read once per version and reused for all their copies. On PostgreSQL
 * {@link FANOUT_POSTGRES_LANES} jobs run side by side (claims skip each other's rows).
 * @param options.limit most jobs claimed in this run (default 1000)
 * @param options.lanes jobs run side by side (default: 4 on PostgreSQL, 1 on SQLite)
 * @param options.shouldStop asked between jobs; true ends the run (a worker being stopped)
 * @returns what the run did; a failing job never throws
 * @throws only when the database itself fails outside a job (e.g. it is closed)
 */
export async function runDueFanoutJobs(deps: FanoutDeps, options: { limit?: number; lanes?: number; shouldStop?: () => boolean } = {}): Promise<FanoutRunResult> {
  const limit = options.limit ?? 1000;
  const result: FanoutRunResult = { claimed: 0, done: 0, retrying: 0, failed: 0, waiting: 0, changed: 0, errors: [] };
  const cache: TemplateCache = new Map();
  let future = false;
  let exhausted = false;
  const lane = async (): Promise<void> => {
    while (!exhausted && result.claimed < limit && !options.shouldStop?.()) {
      const now = deps.clock();
      let claimed: ClaimedJob | undefined;
      try {
        const effect = await deps.db.transaction().execute(async (trx) => {
          claimed = await claimNextJob(trx, now);
          if (!claimed) return null;
          const done = await performJob(trx, deps, cache, claimed, now);
          const at = now.toISOString();
          await trx
            .updateTable('fanout_jobs')
            .set({ state: 'done', attempts: claimed.attempts + 1, last_error: null, locked_until: null, run_after: at, finished_at: at, updated_at: at })
            .where('id', '=', claimed.id)
            .execute();
          if (done.audit) await appendAudit(trx, { ...done.audit, details: { ...done.audit.details, jobId: claimed.id } });
          return done;
        });
        if (!effect) {
          exhausted = true; // nothing due that another lane is not running already
          break;
        }
        result.claimed++;
        result.done++;
        if (effect.changed) result.changed++;
        if (effect.future) future = true;
      } catch (error) {
        if (!claimed) throw error;
        // The template cache may hold what the failed transaction read; start afresh.
        cache.clear();
        result.claimed++;
        const outcome = await recordJobFailure(deps.db, claimed, error, deps.clock());
        result[outcome]++;
        if (outcome !== 'waiting') result.errors.push({ jobId: claimed.id, error: describeError(error) });
      }
    }
  };
  const lanes = Math.max(1, options.lanes ?? (isPostgres(deps.db) ? FANOUT_POSTGRES_LANES : 1));
  await Promise.all(Array.from({ length: lanes }, lane));
  if (future) deps.horizon?.invalidate(); // a copy scheduled or embargoed: cap public caches at its time
  return result;
}

/** Counts of jobs by state (for the CLI, the network view and tests). */
export async function countFanoutJobs(db: Kysely<Database>): Promise<Record<'pending' | 'running' | 'done' | 'failed', number>> {
  const rows = await db.selectFrom('fanout_jobs').select(['state', sql<string | number>`count(*)`.as('n')]).groupBy('state').execute();
  const out = { pending: 0, running: 0, done: 0, failed: 0 };
  for (const r of rows) if (r.state in out) out[r.state as keyof typeof out] = Number(r.n);
  return out;
}

/** Where the worker reports failures (pino's and Fastify's loggers fit). */
export interface FanoutLogger {
  error(details: object, message: string): void;
}

/**
 * One per core: runs fan-out jobs in the background of a process. {@link kick} runs due jobs
 * at once (called by the commands after they commit); {@link start} adds a periodic tick (server
 * processes). Runs never overlap in one process; a kick during a run makes another run follow.
 * Timers are unref'd. {@link stop} waits for the run in progress; after it, kicks do nothing.
 */
export class FanoutWorker {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private closed = false;
  private log: FanoutLogger | null = null;

  constructor(private readonly deps: FanoutDeps) {}

  /** Runs due jobs now (or right after the run in progress). Never throws. */
  kick(): void {
    if (this.closed) return;
    this.again = true;
    this.running ??= this.loop();
  }

  /** Kicks and resolves when no run is in progress any more (every job due now has been tried). */
  async drain(): Promise<void> {
    this.kick();
    while (this.running) await this.running;
  }

  /**
   * Starts the periodic tick.
   * @param intervalMs pause between ticks (ms); 0 or less: no tick
   * @param log where failures of a whole run are reported
   */
  start(intervalMs: number, log?: FanoutLogger): void {
    if (log) this.log = log;
    if (this.timer || this.closed || intervalMs <= 0) return;
    this.timer = setInterval(() => this.kick(), intervalMs);
    this.timer.unref();
    this.kick();
  }

  /** Stops the tick and kicks, and waits for the run in progress. */
  async stop(): Promise<void> {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    while (this.running) await this.running;
  }

  private async loop(): Promise<void> {
    try {
      while (this.again && !this.closed) {
        this.again = false;
        const result = await runDueFanoutJobs(this.deps, { shouldStop: () => this.closed });
        if (result.claimed >= 1000) this.again = true;
        if (result.failed) this.log?.error({ errors: result.errors }, 'Chia sẻ bài: có việc đã thử đủ số lần mà vẫn lỗi');
      }
    } catch (error) {
      try {
        this.log?.error({ err: error }, 'Chia sẻ bài: một lượt chạy bị lỗi');
      } catch {
        // a broken logger must not stop the worker
      }
    } finally {
      this.running = null;
    }
  }
}
