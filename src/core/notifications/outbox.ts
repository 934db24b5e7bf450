/**
 * The e-mail outbox (issue "Newsroom core", item 8): commands queue e-mails in their own
 * transaction, so a message exists only if the act it reports committed; a worker delivers
 * them over SMTP later (deliver-due-emails.ts), with retries, never inside a request.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { ValidationError, type FieldIssue } from '../errors.ts';
import { normalizeText } from '../text/index.ts';

/** Where an e-mail is: waiting, claimed by a worker, delivered, or given up after every retry. */
export const OUTBOX_STATUSES = ['pending', 'sending', 'sent', 'failed'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** Vietnamese names of the statuses, for the console and the admin UI. */
export const OUTBOX_STATUS_LABELS: Record<OutboxStatus, string> = {
  pending: 'chờ gửi',
  sending: 'đang gửi',
  sent: 'đã gửi',
  failed: 'gửi thất bại',
};

/**
 * Waits before the next attempt after the 1st, 2nd… failed attempt, in milliseconds:
 * 1 min, 5 min, 30 min, 2 h, 12 h. After {@link MAX_EMAIL_ATTEMPTS} attempts the e-mail is
 * `failed` (about 15 hours of trying, long enough to outlast a mail server's maintenance night).
 */
export const EMAIL_RETRY_DELAYS_MS: readonly number[] = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000, 12 * 3_600_000];

/** Attempts before an e-mail is given up (`failed`). */
export const MAX_EMAIL_ATTEMPTS = EMAIL_RETRY_DELAYS_MS.length + 1;

/**
 * How long a worker holds an e-mail it claimed (`sending`), in milliseconds. A worker that
 * crashed mid-send leaves the row `sending`; after this lease another worker retries it.
 */
export const EMAIL_SEND_LEASE_MS = 10 * 60_000;

/** The longest subject kept (characters); longer ones are cut with "…". */
export const EMAIL_SUBJECT_MAX = 250;

/** An e-mail to queue. */
export interface QueueEmailInput {
  /** One recipient address, `name@example.vn`. */
  to: string;
  /** One line; line breaks are folded into spaces (they would forge headers). */
  subject: string;
  /** Plain-text body (UTF-8). */
  text: string;
  /**
   * What caused it, e.g. `article.returned:42:17`. With a key, the same key and recipient are
   * never queued twice (a retried command does not e-mail twice).
   */
  reasonKey?: string | null;
  /** The command's clock: the e-mail is due from this instant. */
  now: Date;
}

// Deliberately loose (RFC 5321 allows far more than forms do); it only refuses what would
// break the envelope: spaces, several addresses, angle brackets, no domain.
const ADDRESS = /^[^\s@<>,;"()[\]\\]+@[^\s@<>,;"()[\]\\]+\.[^\s@<>,;"()[\]\\]+$/;

/** Whether a string can be an outbox recipient (one plain address, no display name). */
export function isEmailAddress(value: string): boolean {
  return ADDRESS.test(value) && value.length <= 254;
}

/**
 * Queues one e-mail as `pending`, due at `now`. Call inside the command's transaction: the
 * e-mail is delivered only if the transaction commits. With a `reasonKey`, does nothing when
 * an e-mail with the same key and recipient was queued before (on PostgreSQL a
 * transaction-scoped advisory lock on the pair keeps two concurrent commands from both
 * queueing it; SQLite serialises writers itself).
 * @returns the new row's id and `queued: true`, or `queued: false` (id of the earlier one) for a duplicate.
 * @throws ValidationError naming `to`, `subject` or `text` when one is unusable.
 */
export async function queueEmail(trx: Kysely<Database>, input: QueueEmailInput): Promise<{ id: number; queued: boolean }> {
  const to = normalizeText(input.to).trim();
  const subject = oneLine(normalizeText(input.subject));
  const text = normalizeText(input.text).replace(/\r\n?/g, '\n');
  const issues: FieldIssue[] = [];
  if (!isEmailAddress(to)) issues.push({ path: 'to', message: `"${input.to}" không phải là một địa chỉ e-mail` });
  if (!subject) issues.push({ path: 'subject', message: 'tiêu đề e-mail không được để trống' });
  if (!text.trim()) issues.push({ path: 'text', message: 'nội dung e-mail không được để trống' });
  if (issues.length) throw new ValidationError(issues);

  const reasonKey = input.reasonKey?.trim() || null;
  if (reasonKey) {
    if (trx.getExecutor().adapter.constructor.name === 'PostgresAdapter') {
      await sql`select pg_advisory_xact_lock(4242002, hashtext(${`${reasonKey}\n${to}`}))`.execute(trx);
    }
    const earlier = await trx.selectFrom('email_outbox').select('id').where('reason_key', '=', reasonKey).where('to_address', '=', to).executeTakeFirst();
    if (earlier) return { id: earlier.id, queued: false };
  }
  const at = input.now.toISOString();
  const row = await trx
    .insertInto('email_outbox')
    .values({ to_address: to, subject, text_body: text, status: 'pending', attempts: 0, next_attempt_at: at, reason_key: reasonKey, created_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, queued: true };
}

/** Folds whitespace (line breaks included) to single spaces and cuts at {@link EMAIL_SUBJECT_MAX}. */
function oneLine(s: string): string {
  const line = s.replace(/\s+/g, ' ').trim();
  return line.length > EMAIL_SUBJECT_MAX ? `${line.slice(0, EMAIL_SUBJECT_MAX - 1)}…` : line;
}

/** The wait after the `attempts`-th failed attempt (1-based), or null when the e-mail is given up. */
export function retryDelayAfter(attempts: number): number | null {
  if (attempts >= MAX_EMAIL_ATTEMPTS) return null;
  return EMAIL_RETRY_DELAYS_MS[Math.max(0, attempts - 1)] ?? null;
}
