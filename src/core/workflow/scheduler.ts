/**
 * The scheduler: publishes scheduled articles when their time comes. It is database-backed,
 * so it cannot silently miss: the due work is the set of `scheduled` articles whose time has
 * passed, found afresh on every tick (a restart catches up on everything missed while down,
 * and marks it late for editors); it runs on a timer, not on traffic; and each article is
 * claimed in its own transaction with `FOR UPDATE SKIP LOCKED` on PostgreSQL plus a
 * conditional update (`WHERE state = 'scheduled'`), so two server processes never publish the
 * same article twice. A failure is written on the article (`schedule_error`) and retried a
 * minute later.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { systemActor, type Actor } from '../policy/actor.ts';
import { appendAudit } from '../audit/audit.ts';
import { findNewsroomArticle, insertArticleEvent } from '../articles/newsroom-article.repository.ts';
import type { NewsroomDeps } from '../articles/write-article.ts';
import { queueArticleNotifications } from '../notifications/article-notifications.ts';
import { answerCasesOfPublishedRebuttal } from '../rapid-response/answer-case.ts';

/** Publication later than this after its time counts as late (shown to editors), ms. */
export const LATE_AFTER_MS = 60_000;
/** How long a failed article waits before the next attempt, ms. */
const RETRY_AFTER_FAILURE_MS = 60_000;

/** What one run did. */
export interface SchedulerRunResult {
  published: { id: number; siteId: number; scheduledFor: string; lateMs: number }[];
  failed: { id: number; error: string }[];
}

const SCHEDULER: Actor = systemActor('scheduler');

async function claimNext(trx: Kysely<Database>, now: string, retryBefore: string, skip: number[]): Promise<number | undefined> {
  let query = trx
    .selectFrom('articles')
    .select('id')
    .where('state', '=', 'scheduled')
    .where('published_at', '<=', now)
    .where((eb) => eb.or([eb('schedule_error', 'is', null), eb('updated_at', '<=', retryBefore)]))
    .orderBy('published_at')
    .orderBy('id')
    .limit(1);
  if (skip.length) query = query.where('id', 'not in', skip);
  if (trx.getExecutor().adapter.constructor.name === 'PostgresAdapter') query = query.forUpdate().skipLocked();
  return (await query.executeTakeFirst())?.id;
}

/**
 * Publishes every due scheduled article (up to `limit`), each in its own transaction.
 * @returns what was published (with lateness in ms) and what failed.
 */
export async function publishDueArticles(deps: NewsroomDeps, options: { limit?: number } = {}): Promise<SchedulerRunResult> {
  const limit = options.limit ?? 100;
  const result: SchedulerRunResult = { published: [], failed: [] };
  const tried: number[] = [];
  while (result.published.length + result.failed.length < limit) {
    const now = deps.clock();
    const at = now.toISOString();
    let claimed: number | undefined;
    try {
      const done = await deps.db.transaction().execute(async (trx) => {
        claimed = await claimNext(trx, at, new Date(now.getTime() - RETRY_AFTER_FAILURE_MS).toISOString(), tried);
        if (claimed === undefined) return null;
        const article = (await findNewsroomArticle(trx, claimed))!;
        const scheduledFor = article.publishedAt!;
        const lateMs = Math.max(0, now.getTime() - new Date(scheduledFor).getTime());
        const late = lateMs > LATE_AFTER_MS;
        const updated = await trx
          .updateTable('articles')
          .set({ state: 'published', state_changed_at: at, updated_at: at, schedule_error: null })
          .where('id', '=', article.id)
          .where('state', '=', 'scheduled')
          .executeTakeFirst();
        if (Number(updated.numUpdatedRows) !== 1) return null; // another process got there first
        const details = { scheduledFor, lateMs, ...(late ? { late: true } : {}) };
        const eventId = await insertArticleEvent(trx, {
          articleId: article.id,
          siteId: article.siteId,
          action: 'publish_scheduled',
          fromState: 'scheduled',
          toState: 'published',
          actorUserId: null,
          actorLabel: 'Hệ thống (hẹn giờ)',
          reason: late ? `Đăng muộn ${Math.round(lateMs / 1000)} giây so với giờ hẹn (máy chủ ngừng hoặc quá tải).` : null,
          details,
          at,
        });
        await appendAudit(trx, { actor: SCHEDULER, action: 'article.publish_scheduled', siteId: article.siteId, subjectType: 'article', subjectId: article.id, details, at: now });
        // A rebuttal going public answers the rapid-response cases it is tied to (same transaction).
        await answerCasesOfPublishedRebuttal(trx, SCHEDULER, article.id, scheduledFor, now);
        const site = deps.sites.getById(article.siteId);
        await queueArticleNotifications(trx, {
          article: { id: article.id, siteId: article.siteId, title: article.title, authorUserId: article.authorUserId },
          transition: 'published',
          actor: SCHEDULER,
          reason: null,
          now,
          eventId,
          adminUrl: `${deps.config.publicUrl}/admin`,
          siteName: site?.organisationShortName ?? site?.name ?? '',
        });
        return { id: article.id, siteId: article.siteId, scheduledFor, lateMs };
      });
      if (done) result.published.push(done);
      else if (claimed === undefined) break;
      else tried.push(claimed);
    } catch (error) {
      if (claimed === undefined) throw error;
      tried.push(claimed);
      const message = error instanceof Error ? error.message : String(error);
      result.failed.push({ id: claimed, error: message });
      await deps.db
        .updateTable('articles')
        .set({ schedule_error: `${at}: ${message}`.slice(0, 1000), updated_at: at })
        .where('id', '=', claimed)
        .where('state', '=', 'scheduled')
        .execute();
    }
  }
  return result;
}

/**
 * Scheduled articles that are overdue (still `scheduled` more than {@link LATE_AFTER_MS} after
 * their time) or that failed: what editors must see when the scheduler is not running.
 */
export async function listScheduleProblems(db: Kysely<Database>, siteId: number, now: Date): Promise<{ id: number; title: string; scheduledFor: string; error: string | null; overdueMs: number }[]> {
  const rows = await db
    .selectFrom('articles')
    .select(['id', 'title', 'published_at', 'schedule_error'])
    .where('site_id', '=', siteId)
    .where('state', '=', 'scheduled')
    .where((eb) => eb.or([eb('published_at', '<=', new Date(now.getTime() - LATE_AFTER_MS).toISOString()), eb('schedule_error', 'is not', null)]))
    .orderBy('published_at')
    .execute();
  return rows.map((r) => ({ id: r.id, title: r.title, scheduledFor: r.published_at!, error: r.schedule_error, overdueMs: Math.max(0, now.getTime() - new Date(r.published_at!).getTime()) }));
}

/** The next scheduled or embargoed publication time on a site after `now` (ISO UTC), or null. */
export async function nextPublicationAt(db: Kysely<Database>, siteId: number, now: Date): Promise<string | null> {
  const row = await db
    .selectFrom('articles')
    .select(sql<string | null>`min(published_at)`.as('next'))
    .where('site_id', '=', siteId)
    .where('state', 'in', ['scheduled', 'published'])
    .where('published_at', '>', now.toISOString())
    .executeTakeFirst();
  return row?.next ?? null;
}

/**
 * Runs {@link publishDueArticles} at start (catching up) and then every `intervalMs`. Timers
 * are unref'd (they never keep a process alive); a failing run is logged and the next one
 * goes on.
 */
export class Scheduler {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly deps: NewsroomDeps,
    private readonly options: { intervalMs: number; log?: (message: string, error?: unknown) => void; onPublished?: (result: SchedulerRunResult) => void },
  ) {}

  /** Starts the timer and runs once at once. */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.tick(), this.options.intervalMs);
    this.timer.unref();
    void this.tick();
  }

  /** Runs once now (skipped when a run is in progress); resolves when it ends. */
  async tick(): Promise<void> {
    if (this.running) return this.running;
    this.running = (async () => {
      try {
        const result = await publishDueArticles(this.deps);
        if (result.published.length || result.failed.length) this.options.onPublished?.(result);
        for (const f of result.failed) this.options.log?.(`scheduler: article ${f.id} failed: ${f.error}`);
      } catch (error) {
        this.options.log?.('scheduler run failed', error);
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  /** Stops the timer and waits for a run in progress. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (this.running) await this.running;
  }
}
