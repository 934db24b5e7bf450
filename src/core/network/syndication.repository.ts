/**
 * All SQL for downward syndication: the `syndications` rows of direction `down` (one per
 * original and receiving site) and their `fanout_jobs` (one per syndication, kind and source
 * revision). Rows in, domain objects out. No policy here: the commands ask it first.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';

/** What a fan-out job does to one copy. */
export const FANOUT_JOB_KINDS = ['create', 'update', 'withdraw', 'republish'] as const;
export type FanoutJobKind = (typeof FANOUT_JOB_KINDS)[number];

/** A job's state: waiting (or waiting to retry), being run, finished, given up. */
export const FANOUT_JOB_STATES = ['pending', 'running', 'done', 'failed'] as const;
export type FanoutJobState = (typeof FANOUT_JOB_STATES)[number];

/** Most jobs written by one statement (keeps well under both engines' parameter limits). */
const INSERT_CHUNK = 500;

/**
 * Enqueues one job of `kind` for each syndication, keyed by (syndication, kind, `revision`).
 * A job with the same key that is pending or running is left as it is (it will read the
 * original as it is when it runs); one that is done or failed is set to run again from its
 * first attempt (a state change of the original keeps its revision number).
 * @param syndicationIds the syndications (any number; written 500 per statement)
 */
export async function enqueueFanoutJobs(trx: Kysely<Database>, syndicationIds: readonly number[], kind: FanoutJobKind, revision: number, now: Date): Promise<void> {
  const at = now.toISOString();
  for (let i = 0; i < syndicationIds.length; i += INSERT_CHUNK) {
    const chunk = syndicationIds.slice(i, i + INSERT_CHUNK);
    await trx
      .insertInto('fanout_jobs')
      .values(chunk.map((id) => ({ syndication_id: id, kind, source_revision: revision, state: 'pending', attempts: 0, run_after: at, created_at: at, updated_at: at })))
      .onConflict((oc) =>
        oc
          .columns(['syndication_id', 'kind', 'source_revision'])
          .doUpdateSet({ state: 'pending', attempts: 0, run_after: at, locked_until: null, last_error: null, finished_at: null, updated_at: at })
          .where('fanout_jobs.state', 'in', ['done', 'failed']),
      )
      .execute();
  }
}

/** A downward syndication as the commands and the worker read it. */
export interface SyndicationRecord {
  id: number;
  sourceArticleId: number;
  sourceSiteId: number;
  targetSiteId: number;
  copyArticleId: number | null;
  status: string;
  following: boolean;
  requestedByUserId: number | null;
  note: string | null;
  createdAt: string;
  updatedAt: string;
}

type SyndicationRow = Awaited<ReturnType<ReturnType<typeof selectSyndications>['executeTakeFirstOrThrow']>>;

function selectSyndications(db: Kysely<Database>) {
  return db.selectFrom('syndications').selectAll().where('direction', '=', 'down');
}

function toRecord(r: SyndicationRow): SyndicationRecord {
  return {
    id: r.id,
    sourceArticleId: r.source_article_id,
    sourceSiteId: r.source_site_id,
    targetSiteId: r.target_site_id,
    copyArticleId: r.copy_article_id,
    status: r.status,
    following: Number(r.following) === 1,
    requestedByUserId: r.requested_by_user_id,
    note: r.note,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** The downward syndications of an original, by target site id. */
export async function listSyndicationsOfOriginal(db: Kysely<Database>, originalId: number): Promise<SyndicationRecord[]> {
  const rows = await selectSyndications(db).where('source_article_id', '=', originalId).orderBy('id').execute();
  return rows.map(toRecord);
}

/** One downward syndication by id (row-locked on PostgreSQL when `forUpdate`). */
export async function findSyndication(db: Kysely<Database>, id: number, options: { forUpdate?: boolean } = {}): Promise<SyndicationRecord | undefined> {
  let query = selectSyndications(db).where('id', '=', id);
  if (options.forUpdate && db.getExecutor().adapter.constructor.name === 'PostgresAdapter') query = query.forUpdate();
  const row = await query.executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

/** The downward syndication whose copy is `copyArticleId`, if any. */
export async function findSyndicationOfCopy(db: Kysely<Database>, copyArticleId: number): Promise<SyndicationRecord | undefined> {
  const row = await selectSyndications(db).where('copy_article_id', '=', copyArticleId).executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

/** One fan-out job as editors see it. Instants are ISO UTC strings. */
export interface FanoutJobView {
  id: number;
  kind: FanoutJobKind;
  sourceRevision: number;
  state: FanoutJobState;
  attempts: number;
  runAfter: string;
  lastError: string | null;
  createdAt: string;
  finishedAt: string | null;
}

/** The jobs of these syndications, newest first, grouped by syndication id. */
export async function listJobsOfSyndications(db: Kysely<Database>, syndicationIds: readonly number[]): Promise<Map<number, FanoutJobView[]>> {
  const out = new Map<number, FanoutJobView[]>();
  if (syndicationIds.length === 0) return out;
  const rows = await db.selectFrom('fanout_jobs').selectAll().where('syndication_id', 'in', [...syndicationIds]).orderBy('id', 'desc').execute();
  for (const r of rows) {
    const list = out.get(r.syndication_id) ?? [];
    list.push({
      id: r.id,
      kind: r.kind as FanoutJobKind,
      sourceRevision: r.source_revision,
      state: r.state as FanoutJobState,
      attempts: r.attempts,
      runAfter: r.run_after,
      lastError: r.last_error,
      createdAt: r.created_at,
      finishedAt: r.finished_at,
    });
    out.set(r.syndication_id, list);
  }
  return out;
}
