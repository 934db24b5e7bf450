/**
 * Delivers due e-mails from the outbox over SMTP: claim (so no other worker takes them), send
 * one by one, record each outcome. A failure is retried with growing waits
 * (outbox.ts: 1 min, 5 min, 30 min, 2 h, 12 h) and given up after the 6th attempt.
 * Delivery is at least once: a worker that dies after the server accepted a message but
 * before recording it leaves the row `sending`, and it is sent again when the lease ends.
 */
import type { Kysely } from 'kysely';
import type { Clock } from '../clock.ts';
import type { Database } from '../db/database.ts';
import type { MailTransport } from './mail-transport.ts';
import { EMAIL_SEND_LEASE_MS, retryDelayAfter } from './outbox.ts';
import { claimDueEmails, markEmailFailed, markEmailSent } from './outbox.repository.ts';

/** What delivery needs: the database, the clock, a transport and the From address (CONG_MAIL_FROM). */
export interface OutboxDeps {
  db: Kysely<Database>;
  clock: Clock;
  transport: MailTransport;
  from: string;
}

/** Options of one delivery round. */
export interface DeliverOptions {
  /** Most e-mails claimed in this round (default 50). */
  limit?: number;
  /** Also send `pending` e-mails whose retry wait has not ended (`cong outbox send --all`). */
  includeNotDue?: boolean;
}

/** What one round did. */
export interface DeliveryReport {
  /** E-mails claimed (= sent + retrying + failed). */
  claimed: number;
  sent: number;
  /** Failed this time, to be tried again later. */
  retrying: number;
  /** Failed for the last time (now `failed`). */
  failed: number;
}

/** The longest error text kept on a row (characters). */
const ERROR_MAX = 1000;

/**
 * Claims due e-mails and sends them, one SMTP transaction each, recording `sent` or the error
 * with the next attempt time. Failures of single messages never throw.
 * @throws only when the database itself fails (claimed rows then stay `sending` until their
 *   lease ends and are retried).
 */
export async function deliverDueEmails(deps: OutboxDeps, options: DeliverOptions = {}): Promise<DeliveryReport> {
  const now = deps.clock();
  const claimed = await claimDueEmails(deps.db, {
    now,
    leaseUntil: new Date(now.getTime() + EMAIL_SEND_LEASE_MS),
    limit: options.limit ?? 50,
    includeNotDue: options.includeNotDue ?? false,
  });
  const report: DeliveryReport = { claimed: claimed.length, sent: 0, retrying: 0, failed: 0 };
  for (const email of claimed) {
    const attempts = email.attempts + 1;
    try {
      await deps.transport.sendMail({
        from: deps.from,
        to: email.to,
        subject: email.subject,
        text: email.text,
        // RFC 3834 §5: machine-generated, so auto-responders do not answer it.
        headers: { 'Auto-Submitted': 'auto-generated' },
      });
    } catch (error) {
      const delay = retryDelayAfter(attempts);
      const at = deps.clock();
      await markEmailFailed(deps.db, email.id, attempts, describeSendError(error), delay === null ? null : new Date(at.getTime() + delay));
      if (delay === null) report.failed++;
      else report.retrying++;
      continue;
    }
    await markEmailSent(deps.db, email.id, attempts, deps.clock());
    report.sent++;
  }
  return report;
}

/** One line for `last_error`: the SMTP reply code when there is one, then the message. */
function describeSendError(error: unknown): string {
  const e = error as { responseCode?: number; code?: string; message?: string };
  const message = (e?.message ?? String(error)).replace(/\s+/g, ' ').trim();
  const prefix = e?.responseCode ? `${e.responseCode} ` : e?.code && !message.includes(e.code) ? `${e.code}: ` : '';
  const line = prefix + message;
  return line.length > ERROR_MAX ? `${line.slice(0, ERROR_MAX - 1)}…` : line;
}
