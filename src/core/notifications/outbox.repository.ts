/**
 * All SQL of the e-mail outbox besides queueing (outbox.ts): listing, claiming due e-mails
 * for delivery, recording the outcome.
 */
import type { Kysely } from 'kysely';
import type { Database, EmailOutboxRow } from '../db/database.ts';
import type { OutboxStatus } from './outbox.ts';

/** One e-mail in the outbox, as the console and the worker see it. */
export interface OutboxEmail {
  id: number;
  to: string;
  subject: string;
  text: string;
  status: OutboxStatus;
  /** Attempts made so far (successful or not). */
  attempts: number;
  /** ISO UTC: when it is (next) due; for `sending`, when the worker's lease ends. */
  nextAttemptAt: string;
  lastError: string | null;
  reasonKey: string | null;
  createdAt: string;
  sentAt: string | null;
}

/**
 * The outbox, newest first.
 * @param options.status only this status; `limit` 1–1000 (default 50).
 */
export async function listOutbox(db: Kysely<Database>, options: { status?: OutboxStatus; limit?: number } = {}): Promise<OutboxEmail[]> {
  let query = db.selectFrom('email_outbox').selectAll();
  if (options.status) query = query.where('status', '=', options.status);
  const limit = Math.min(1000, Math.max(1, Math.floor(options.limit ?? 50)));
  const rows = await query.orderBy('id', 'desc').limit(limit).execute();
  return rows.map(toOutboxEmail);
}

/** How many e-mails are in each status (statuses with none are 0). */
export async function countOutbox(db: Kysely<Database>): Promise<Record<OutboxStatus, number>> {
  const rows = await db.selectFrom('email_outbox').select(['status', (eb) => eb.fn.countAll<number | string>().as('n')]).groupBy('status').execute();
  const counts: Record<OutboxStatus, number> = { pending: 0, sending: 0, sent: 0, failed: 0 };
  for (const r of rows) if (r.status in counts) counts[r.status as OutboxStatus] = Number(r.n);
  return counts;
}

/**
 * Claims up to `limit` due e-mails for one worker: marks them `sending` with a lease ending at
 * `leaseUntil` (stored in `next_attempt_at`) and returns them, oldest due first. Due means
 * `pending` with `next_attempt_at <= now` (any `pending` when `includeNotDue`), or `sending`
 * whose lease ended (a worker crashed mid-send).
 *
 * On PostgreSQL the candidates are locked `FOR UPDATE SKIP LOCKED` in one transaction, so two
 * workers (two server processes) never claim the same e-mail; on SQLite the claim is a single
 * UPDATE, which SQLite runs under its one write lock.
 */
export async function claimDueEmails(
  db: Kysely<Database>,
  options: { now: Date; leaseUntil: Date; limit: number; includeNotDue?: boolean },
): Promise<OutboxEmail[]> {
  const now = options.now.toISOString();
  const lease = options.leaseUntil.toISOString();
  const limit = Math.max(1, Math.floor(options.limit));
  const due = (qb: Kysely<Database>) =>
    qb
      .selectFrom('email_outbox')
      .select('id')
      .where((eb) =>
        eb.or([
          options.includeNotDue ? eb('status', '=', 'pending') : eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', now)]),
          eb.and([eb('status', '=', 'sending'), eb('next_attempt_at', '<=', now)]),
        ]),
      )
      .orderBy('next_attempt_at')
      .orderBy('id')
      .limit(limit);

  let rows: EmailOutboxRow[];
  if (db.getExecutor().adapter.constructor.name === 'PostgresAdapter') {
    rows = await db.transaction().execute(async (trx) => {
      const ids = (await due(trx).forUpdate().skipLocked().execute()).map((r) => r.id);
      if (ids.length === 0) return [];
      return trx.updateTable('email_outbox').set({ status: 'sending', next_attempt_at: lease }).where('id', 'in', ids).returningAll().execute();
    });
  } else {
    rows = await db
      .updateTable('email_outbox')
      .set({ status: 'sending', next_attempt_at: lease })
      .where('id', 'in', due(db))
      .returningAll()
      .execute();
  }
  return rows.map(toOutboxEmail).sort((a, b) => (a.nextAttemptAt < b.nextAttemptAt ? -1 : a.nextAttemptAt > b.nextAttemptAt ? 1 : a.id - b.id));
}

/** Records a delivered e-mail (`sent`, one more attempt, no error). */
export async function markEmailSent(db: Kysely<Database>, id: number, attempts: number, at: Date): Promise<void> {
  await db.updateTable('email_outbox').set({ status: 'sent', attempts, sent_at: at.toISOString(), last_error: null }).where('id', '=', id).execute();
}

/**
 * Records a failed attempt: back to `pending` due at `retryAt`, or `failed` when `retryAt` is
 * null (no attempts left).
 */
export async function markEmailFailed(db: Kysely<Database>, id: number, attempts: number, error: string, retryAt: Date | null): Promise<void> {
  await db
    .updateTable('email_outbox')
    .set(retryAt ? { status: 'pending', attempts, last_error: error, next_attempt_at: retryAt.toISOString() } : { status: 'failed', attempts, last_error: error })
    .where('id', '=', id)
    .execute();
}

function toOutboxEmail(row: EmailOutboxRow): OutboxEmail {
  return {
    id: row.id,
    to: row.to_address,
    subject: row.subject,
    text: row.text_body,
    status: row.status as OutboxStatus,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
    reasonKey: row.reason_key,
    createdAt: row.created_at,
    sentAt: row.sent_at,
  };
}
