/**
 * The reporter's view of a report (issue "Rapid-response desk", item 1): the state of its case
 * by tracking code, and the rebuttal's link once it is public. Never contact details, the
 * address hash or other reports.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { isPubliclyVisible } from '../articles/visibility.ts';
import { CASE_STATE_LABELS, type CaseState } from './case.ts';
import { TRACKING_ALPHABET, TRACKING_CODE_LENGTH } from './intake.ts';

/** What the tracking page shows. `answered.url` is a path on the network's default host. */
export interface TrackedReport {
  /** The tracking code, as stored. */
  code: string;
  /** The case's public number, e.g. `VV-2026-000012`. */
  caseCode: string;
  state: CaseState;
  stateLabel: string;
  /** When the report was received (ISO UTC). */
  receivedAt: string;
  answered: { title: string; url: string } | null;
}

/**
 * A tracking code as typed: upper-cased, spaces and hyphens removed; null when it cannot be one.
 */
export function normaliseTrackingCode(input: string): string | null {
  const code = String(input ?? '').toUpperCase().replace(/[\s-]+/g, '');
  const pattern = new RegExp(`^[${TRACKING_ALPHABET}]{${TRACKING_CODE_LENGTH}}$`);
  return pattern.test(code) ? code : null;
}

/**
 * Looks a report up by its tracking code. A case merged into another reports the state of the
 * case it went into.
 * @param now the clock's instant (a rebuttal is linked only once publicly visible)
 * @returns the report's state, or null when no report has this code
 */
export async function trackReport(db: Kysely<Database>, trackingCode: string, now: Date): Promise<TrackedReport | null> {
  const code = normaliseTrackingCode(trackingCode);
  if (!code) return null;
  const report = await db.selectFrom('rr_reports').select(['tracking_code', 'case_id', 'created_at']).where('tracking_code', '=', code).executeTakeFirst();
  if (!report) return null;
  let kase = await db.selectFrom('rr_cases').select(['id', 'code', 'state', 'merged_into_case_id', 'rebuttal_article_id']).where('id', '=', report.case_id).executeTakeFirstOrThrow();
  for (let hops = 0; kase.state === 'merged' && kase.merged_into_case_id !== null && hops < 10; hops++) {
    const next = await db.selectFrom('rr_cases').select(['id', 'code', 'state', 'merged_into_case_id', 'rebuttal_article_id']).where('id', '=', kase.merged_into_case_id).executeTakeFirst();
    if (!next) break;
    kase = next;
  }
  let answered: TrackedReport['answered'] = null;
  if (kase.rebuttal_article_id !== null) {
    const article = await db
      .selectFrom('articles')
      .innerJoin('sites', 'sites.id', 'articles.site_id')
      .select(['articles.title', 'articles.slug', 'articles.state', 'articles.published_at', 'sites.key as siteKey'])
      .where('articles.id', '=', kase.rebuttal_article_id)
      .executeTakeFirst();
    if (article && isPubliclyVisible({ state: article.state, publishedAt: article.published_at }, now)) {
      answered = { title: article.title, url: `/${article.siteKey}/bai-viet/${encodeURIComponent(article.slug)}` };
    }
  }
  const state = kase.state as CaseState;
  return { code: report.tracking_code, caseCode: kase.code, state, stateLabel: CASE_STATE_LABELS[state] ?? kase.state, receivedAt: report.created_at, answered };
}
