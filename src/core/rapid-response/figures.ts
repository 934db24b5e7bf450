/**
 * How fast the desk answers (issue "Rapid-response desk", item 5): median and 90th-percentile
 * minutes from a claim's first report to its rating and to its rebuttal's publication, over
 * the last months, per organisation and per month (months in Vietnam time). Computed in
 * TypeScript from the desk's case rows (a desk has thousands of cases, not millions).
 */
import type { Actor } from '../policy/actor.ts';
import { authorize } from '../policy/policy.ts';
import { parseCommandInput } from '../errors.ts';
import { z } from 'zod';
import { compareVietnamese } from '../text/index.ts';
import { requireDeskSite } from './cases.ts';
import type { RapidResponseDeps } from './intake.ts';

/** The figures of a set of cases; minutes rounded to 0.1, null when there is no data. */
export interface Figures {
  cases: number;
  rated: number;
  answered: number;
  toRatingMedianMinutes: number | null;
  toRatingP90Minutes: number | null;
  toAnswerMedianMinutes: number | null;
  toAnswerP90Minutes: number | null;
}

/** The case facts the figures need. Instants ISO UTC. */
export interface CaseTimes {
  firstSeenAt: string;
  ratedAt: string | null;
  answeredAt: string | null;
  organisation: { id: number; name: string } | null;
}

/**
 * The p-th percentile (0–100) of a list of numbers, by linear interpolation between closest
 * ranks (the "R-7" / spreadsheet PERCENTILE.INC definition): the median of 10, 20, 30, 40 is 25,
 * the 90th percentile of 1…10 is 9.1.
 * @returns null for an empty list
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
}

const round1 = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);
const minutesBetween = (from: string, to: string) => Math.max(0, (Date.parse(to) - Date.parse(from)) / 60_000);

/** The figures of a set of cases (see {@link Figures}). Pure. */
export function figuresOf(cases: readonly CaseTimes[]): Figures {
  const toRating = cases.filter((c) => c.ratedAt).map((c) => minutesBetween(c.firstSeenAt, c.ratedAt!));
  const toAnswer = cases.filter((c) => c.answeredAt).map((c) => minutesBetween(c.firstSeenAt, c.answeredAt!));
  return {
    cases: cases.length,
    rated: toRating.length,
    answered: toAnswer.length,
    toRatingMedianMinutes: round1(percentile(toRating, 50)),
    toRatingP90Minutes: round1(percentile(toRating, 90)),
    toAnswerMedianMinutes: round1(percentile(toAnswer, 50)),
    toAnswerP90Minutes: round1(percentile(toAnswer, 90)),
  };
}

/** The month (`YYYY-MM`) of an instant in Vietnam time (UTC+7, no daylight saving). */
export function vietnamMonth(instant: string | Date): string {
  const d = new Date((typeof instant === 'string' ? Date.parse(instant) : instant.getTime()) + 7 * 3_600_000);
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** The last `count` months up to and including the one of `now`, oldest first. */
export function lastMonths(now: Date, count: number): string[] {
  const [y, m] = vietnamMonth(now).split('-').map(Number) as [number, number];
  const out: string[] = [];
  for (let i = count - 1; i >= 0; i--) {
    const total = y * 12 + (m - 1) - i;
    out.push(`${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`);
  }
  return out;
}

/**
 * Groups case times into the figures the desk shows. Cases count in the month of their first
 * report; `overall` and `byOrganisation` cover the cases first reported in `months`.
 * Organisations are sorted by case count (most first), then by name; "no organisation" last.
 */
export function groupFigures(cases: readonly CaseTimes[], months: readonly string[]) {
  const inWindow = cases.filter((c) => months.includes(vietnamMonth(c.firstSeenAt)));
  const byOrg = new Map<string, { organisation: { id: number; name: string } | null; cases: CaseTimes[] }>();
  for (const c of inWindow) {
    const key = c.organisation ? String(c.organisation.id) : '-';
    if (!byOrg.has(key)) byOrg.set(key, { organisation: c.organisation, cases: [] });
    byOrg.get(key)!.cases.push(c);
  }
  const byOrganisation = [...byOrg.values()]
    .sort((a, b) => (a.organisation === null ? 1 : 0) - (b.organisation === null ? 1 : 0) || b.cases.length - a.cases.length || compareVietnamese(a.organisation?.name ?? '', b.organisation?.name ?? ''))
    .map((g) => ({ organisation: g.organisation, figures: figuresOf(g.cases) }));
  return {
    months: [...months],
    overall: figuresOf(inWindow),
    byOrganisation,
    byMonth: months.map((month) => ({ month, figures: figuresOf(inWindow.filter((c) => vietnamMonth(c.firstSeenAt) === month)) })),
  };
}

export const figuresQuery = z.object({ months: z.coerce.number().int().min(1, 'ít nhất 1 tháng').max(36, 'nhiều nhất 36 tháng').default(6) });

/**
 * The desk's figures over the last `months` months (default 6; policy `case.read`). Merged
 * cases are left out (their reports count in the case they joined).
 * @returns `{ months, overall, byOrganisation, byMonth }`
 * @throws ValidationError (`months`); NotFoundError / ForbiddenError.
 */
export async function deskFigures(deps: RapidResponseDeps, actor: Actor, rawQuery: unknown) {
  const desk = requireDeskSite(deps);
  authorize(actor, 'case.read', { siteId: desk.id }, 'bộ phận xử lý thông tin sai sự thật');
  const query = parseCommandInput(figuresQuery, rawQuery ?? {});
  const months = lastMonths(deps.clock(), query.months);
  // From the first day of the oldest month, Vietnam time, with a day's margin for the offset.
  const since = new Date(Date.parse(`${months[0]}-01T00:00:00Z`) - 86_400_000).toISOString();
  const rows = await deps.db
    .selectFrom('rr_cases as c')
    .leftJoin('organisations as o', 'o.id', 'c.organisation_id')
    .select(['c.first_seen_at', 'c.rated_at', 'c.answered_at', 'c.organisation_id', 'o.name as org_name'])
    .where('c.desk_site_id', '=', desk.id)
    .where('c.state', '!=', 'merged')
    .where('c.first_seen_at', '>=', since)
    .execute();
  const cases: CaseTimes[] = rows.map((r) => ({
    firstSeenAt: r.first_seen_at,
    ratedAt: r.rated_at,
    answeredAt: r.answered_at,
    organisation: r.organisation_id !== null && r.org_name ? { id: r.organisation_id, name: r.org_name } : null,
  }));
  return groupFigures(cases, months);
}
