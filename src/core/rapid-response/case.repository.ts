/**
 * SQL shared by the desk's commands: case events, the case code sequence, the lock that
 * serialises intake on PostgreSQL, and recomputing a case's report count and first-seen time.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { type Actor, actorLabel, actorUserId } from '../policy/actor.ts';

type Db = Kysely<Database>;

/** States in which a case no longer takes new reports (they open a new case instead). */
export const CLOSED_CASE_STATES = ['closed', 'merged', 'out_of_remit'] as const;

/** States in which a case is done with: its deadline no longer counts. */
export const SETTLED_CASE_STATES = ['answered', 'closed', 'out_of_remit', 'merged'] as const;

/** Whether the database handle speaks to PostgreSQL. */
export function isPostgres(db: Db): boolean {
  return db.getExecutor().adapter.constructor.name === 'PostgresAdapter';
}

/**
 * Serialises writes that join reports into cases and number new cases: two processes on one
 * PostgreSQL never open two cases for one claim or give two cases one code. SQLite serialises
 * writers itself. Call first in the transaction.
 */
export async function lockDesk(trx: Db): Promise<void> {
  if (isPostgres(trx)) await sql`select pg_advisory_xact_lock(4242007)`.execute(trx);
}

/** Records one event on a case's timeline (who, when, from/to state, note, small details). */
export async function insertCaseEvent(
  trx: Db,
  event: { caseId: number; action: string; fromState?: string | null; toState?: string | null; actor: Actor; actorLabelOverride?: string; note?: string | null; details?: Record<string, unknown>; at: string },
): Promise<void> {
  await trx
    .insertInto('rr_case_events')
    .values({
      case_id: event.caseId,
      action: event.action,
      from_state: event.fromState ?? null,
      to_state: event.toState ?? null,
      actor_user_id: actorUserId(event.actor),
      actor_label: event.actorLabelOverride ?? actorLabel(event.actor),
      note: event.note ?? null,
      details: JSON.stringify(event.details ?? {}),
      at: event.at,
    })
    .execute();
}

/**
 * The next case code of a year: `VV-<year>-<6 digits>`, one more than the highest so far.
 * Call under {@link lockDesk}.
 */
export async function nextCaseCode(trx: Db, year: number): Promise<string> {
  const prefix = `VV-${year}-`;
  const row = await trx.selectFrom('rr_cases').select((eb) => eb.fn.max('code').as('code')).where('code', 'like', `${prefix}%`).executeTakeFirst();
  const last = row?.code ? Number(String(row.code).slice(prefix.length)) : 0;
  return `${prefix}${String((Number.isFinite(last) ? last : 0) + 1).padStart(6, '0')}`;
}

/**
 * Recomputes a case's report count and first-seen time from its reports.
 * @returns the count and the earliest report time (null when it has none)
 */
export async function recountCase(trx: Db, caseId: number): Promise<{ reportCount: number; firstSeenAt: string | null }> {
  const row = await trx
    .selectFrom('rr_reports')
    .select((eb) => [eb.fn.countAll<string | number>().as('n'), eb.fn.min('created_at').as('first')])
    .where('case_id', '=', caseId)
    .executeTakeFirst();
  return { reportCount: Number(row?.n ?? 0), firstSeenAt: (row?.first as string | null | undefined) ?? null };
}
