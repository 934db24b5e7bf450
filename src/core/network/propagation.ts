/**
 * Propagation (DESIGN.md §2.3, issue "The network" item 3): a change of an original reaches
 * every copy that still follows it, and a local board's decision on its copy is recorded on
 * the syndication. The workflow and save commands call the two hooks here inside their own
 * transaction, so the change and the jobs it causes commit together or not at all:
 *
 * - {@link propagateTransition}: after a transition of an article. On an original with
 *   following copies it enqueues one fan-out job per copy (`update` for approve, schedule,
 *   unschedule and correct; `withdraw`; `republish`); on a following copy it records the local
 *   board's decision (approve/schedule/republish → `shown`, reject/return/withdraw →
 *   `declined`, unschedule → `queued`).
 * - {@link propagateSave}: after a content save of a scheduled original (an update before its
 *   time); published originals change only by a correction, which is a transition.
 * - {@link guardCopyTransition}: before a local board publishes a following copy: nothing of
 *   the copy goes public before the original (its time is never earlier than the original's;
 *   an original that is not published or scheduled cannot be shown through a copy).
 *
 * Lock order (PostgreSQL): article rows, then fan-out job rows, then syndication rows, then the
 * audit log's advisory lock. The hooks run before the command's audit entry; the fan-out worker
 * (fanout.ts) takes them in the same order, so the two never wait on each other in a circle.
 */
import type { Kysely } from 'kysely';
import type { ArticleRowUpdate, Database } from '../db/database.ts';
import type { ArticleState } from '../articles/article.ts';
import type { NewsroomArticle } from '../articles/newsroom-article.repository.ts';
import { InvalidTransitionError } from '../errors.ts';
import type { Transition } from '../workflow/transitions.ts';
import { enqueueFanoutJobs, type FanoutJobKind } from './syndication.repository.ts';

/** The job a transition of an original causes on its copies, if any. */
const JOB_OF_TRANSITION: Partial<Record<Transition, FanoutJobKind>> = {
  approve: 'update',
  schedule: 'update',
  unschedule: 'update',
  correct: 'update',
  withdraw: 'withdraw',
  republish: 'republish',
};

/** What a local board's transition on its following copy means for the syndication. */
const STATUS_OF_COPY_TRANSITION: Partial<Record<Transition, 'shown' | 'declined' | 'queued'>> = {
  approve: 'shown',
  schedule: 'shown',
  republish: 'shown',
  reject: 'declined',
  return: 'declined',
  withdraw: 'declined',
  unschedule: 'queued',
};

/**
 * Enqueues one job of `kind` per copy that follows `originalId` (direction `down`, following,
 * not declined by the receiving site's setting, not failed for good), keyed by
 * (syndication, kind, `revision`): enqueuing twice makes one job, and a finished job with the
 * same key is set to run again (a state change keeps the revision number).
 * @returns how many jobs are now pending for it.
 */
export async function enqueuePropagation(trx: Kysely<Database>, originalId: number, kind: FanoutJobKind, revision: number, now: Date): Promise<number> {
  const rows = await trx
    .selectFrom('syndications')
    .select('id')
    .where('source_article_id', '=', originalId)
    .where('direction', '=', 'down')
    .where('following', '=', 1)
    .where('status', 'not in', ['declined_by_setting', 'failed', 'detached'])
    .execute();
  if (rows.length === 0) return 0;
  await enqueueFanoutJobs(trx, rows.map((r) => r.id), kind, revision, now);
  return rows.length;
}

/**
 * The transition hook (called by core/workflow's applyTransition after the article row and
 * its event were written, before the audit entry).
 * @param article the article as loaded before the transition
 * @param transition the transition applied
 * @param revision the article's revision after the transition (a correction's new revision)
 * @returns the number of fan-out jobs enqueued (the caller kicks the worker after commit when > 0)
 */
export async function propagateTransition(trx: Kysely<Database>, article: NewsroomArticle, transition: Transition, revision: number, now: Date): Promise<number> {
  if (article.followsOrigin) {
    const status = STATUS_OF_COPY_TRANSITION[transition];
    if (status) {
      await trx
        .updateTable('syndications')
        .set({ status, updated_at: now.toISOString() })
        .where('copy_article_id', '=', article.id)
        .where('direction', '=', 'down')
        .where('following', '=', 1)
        .execute();
    }
  }
  const kind = JOB_OF_TRANSITION[transition];
  return kind ? enqueuePropagation(trx, article.id, kind, revision, now) : 0;
}

/**
 * The save hook (called by articles/write-article.ts after a content save, before its audit
 * entry): an edit of a scheduled original reaches its copies before its time.
 * @returns the number of fan-out jobs enqueued.
 */
export async function propagateSave(trx: Kysely<Database>, saved: Pick<NewsroomArticle, 'id' | 'state' | 'revision'>, now: Date): Promise<number> {
  if (saved.state !== 'scheduled') return 0;
  return enqueuePropagation(trx, saved.id, 'update', saved.revision, now);
}

/**
 * Checks a local board's publishing transition (approve, schedule, republish) on a copy that
 * follows its original, and adjusts the row it would write: the copy's publication time is
 * never earlier than the original's ("Nothing is public before its time", DESIGN.md §3).
 * @param article the copy as loaded before the transition
 * @param row the row changes the transition computed
 * @returns the row changes to write (the same object when nothing is adjusted)
 * @throws InvalidTransitionError when the original is neither published nor scheduled
 */
export async function guardCopyTransition(trx: Kysely<Database>, article: NewsroomArticle, transition: Transition, row: ArticleRowUpdate): Promise<ArticleRowUpdate> {
  if (!article.followsOrigin || article.origin === null) return row;
  if (transition !== 'approve' && transition !== 'schedule' && transition !== 'republish') return row;
  const origin = await trx.selectFrom('articles').select(['state', 'published_at']).where('id', '=', article.origin.articleId).executeTakeFirst();
  const state = origin?.state as ArticleState | undefined;
  if (!origin || (state !== 'published' && state !== 'scheduled') || origin.published_at === null) {
    throw new InvalidTransitionError('Bài gốc chưa được đăng hoặc đã bị gỡ: bản sao chỉ được đăng khi bài gốc được đăng (hoặc tách bản sao khỏi bài gốc trước).', article.state);
  }
  const at = typeof row.published_at === 'string' ? row.published_at : article.publishedAt;
  if (at === null || at === undefined || at < origin.published_at) return { ...row, published_at: origin.published_at };
  return row;
}
