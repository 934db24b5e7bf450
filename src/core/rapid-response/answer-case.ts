/**
 * The one hook the editorial workflow calls (issue "Rapid-response desk", item 4): when a
 * rebuttal tied to a case becomes published — approved now or published by the scheduler —
 * the case moves to `answered`, with `answered_at` the publication time, in the same
 * transaction as the publication. Kept apart from the desk's commands so the workflow imports
 * nothing else of the desk.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import type { Actor } from '../policy/actor.ts';
import { appendAudit } from '../audit/audit.ts';
import { insertCaseEvent } from './case.repository.ts';

/** Case states from which publishing the linked rebuttal answers the case. */
export const ANSWERABLE_CASE_STATES = ['new', 'triaged', 'verifying', 'rated'] as const;

/**
 * Marks every open case whose rebuttal is `articleId` as answered at `publishedAt`, with a case
 * event and an audit entry each. Does nothing when no case links the article (the usual case).
 * @param trx the publishing transaction
 * @param publishedAt the publication instant (ISO UTC), the article's `published_at`
 * @param now when the act happened (for the audit entry)
 * @returns the ids of the cases answered
 */
export async function answerCasesOfPublishedRebuttal(trx: Kysely<Database>, actor: Actor, articleId: number, publishedAt: string, now: Date): Promise<number[]> {
  const cases = await trx
    .selectFrom('rr_cases')
    .select(['id', 'state', 'desk_site_id', 'first_seen_at'])
    .where('rebuttal_article_id', '=', articleId)
    .where('state', 'in', [...ANSWERABLE_CASE_STATES])
    .execute();
  for (const c of cases) {
    // A rebuttal published before the claim was first reported answers it at once.
    const answeredAt = publishedAt < c.first_seen_at ? c.first_seen_at : publishedAt;
    await trx.updateTable('rr_cases').set({ state: 'answered', answered_at: answeredAt, updated_at: now.toISOString() }).where('id', '=', c.id).execute();
    await insertCaseEvent(trx, { caseId: c.id, action: 'answered', fromState: c.state, toState: 'answered', actor, note: null, details: { articleId, publishedAt }, at: now.toISOString() });
    await appendAudit(trx, { actor, action: 'case.answer', siteId: c.desk_site_id, subjectType: 'rr_case', subjectId: c.id, details: { from: c.state, to: 'answered', articleId, answeredAt }, at: now });
  }
  return cases.map((c) => c.id);
}
