/**
 * The desk's reading side (issue "Rapid-response desk", items 2, 5, 6): the queue by deadline
 * with overdue cases, a case with all its reports and events, the desk's vocabulary, the
 * people a case may be assigned to, and the private screenshots. Every read asks the policy
 * (`case.read` on the desk's site); outsiders get 404. Contact details appear only here, for
 * the desk. The commands live in case-commands.ts and rebuttal.ts.
 */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../db/database.ts';
import type { Actor } from '../policy/actor.ts';
import { type Action, authorize, can } from '../policy/policy.ts';
import { NotFoundError, parseCommandInput } from '../errors.ts';
import { isPubliclyVisible } from '../articles/visibility.ts';
import { sortVietnamese } from '../text/index.ts';
import type { Site } from '../sites/site.ts';
import {
  CASE_CATEGORIES,
  CASE_PRIORITIES,
  CASE_STATE_LABELS,
  CASE_STATES,
  CASE_TRANSITIONS,
  RATINGS,
  ratingOf,
  type CaseCategory,
  type CasePriority,
  type CaseState,
} from './case.ts';
import { deskSiteOf } from './desk.ts';
import { foldClaim } from './normalise.ts';
import { SETTLED_CASE_STATES } from './case.repository.ts';
import { REPORT_CHANNEL_LABELS, type RapidResponseDeps, type ReportChannel } from './intake.ts';
import { createReportFileStorage } from './report-files.ts';

type Db = Kysely<Database>;

/** The policy actions a desk screen may offer. */
export const CASE_ACTIONS: readonly Action[] = ['case.read', 'case.manage', 'case.rate', 'case.report'];

/** A case as the queue shows it. */
export interface CaseSummary {
  id: number;
  code: string;
  title: string;
  claimText: string;
  category: CaseCategory;
  categoryLabel: string;
  priority: CasePriority;
  priorityLabel: string;
  state: CaseState;
  stateLabel: string;
  firstSeenAt: string;
  deadlineAt: string;
  /** Deadline passed and the case not yet answered, closed, forwarded or merged. */
  overdue: boolean;
  reportCount: number;
  organisation: { id: number; name: string } | null;
  assignee: { id: number; name: string } | null;
  rating: { key: string; label: string; value: number } | null;
  rebuttal: { articleId: number; title: string; state: string; publicUrl: string | null } | null;
}

/** One report as the desk sees it (contact details included: desk only). */
export interface CaseReport {
  id: number;
  trackingCode: string;
  channel: string;
  channelLabel: string;
  site: { id: number; name: string } | null;
  url: string | null;
  whereSeen: string | null;
  description: string;
  contact: { name: string | null; email: string | null; phone: string | null };
  files: { id: number; url: string; width: number; height: number }[];
  createdAt: string;
}

/** A case with everything the desk needs to work it. */
export interface CaseDetail extends CaseSummary {
  normalizedUrl: string | null;
  ratingNote: string | null;
  ratedAt: string | null;
  ratedBy: { id: number; name: string } | null;
  answeredAt: string | null;
  closedAt: string | null;
  forwardedTo: string | null;
  forwardNote: string | null;
  mergedInto: { id: number; code: string } | null;
  reports: CaseReport[];
  events: { action: string; fromState: string | null; toState: string | null; actorLabel: string; note: string | null; at: string }[];
  /** Policy actions the actor may take on this case in its current state. */
  allowedActions: string[];
  /** States the actor may move the case to by hand now (`POST …/move`). */
  allowedMoves: CaseState[];
}

/**
 * The desk's site or a 404 for everyone (the network has no ministry portal).
 * @throws NotFoundError
 */
export function requireDeskSite(deps: Pick<RapidResponseDeps, 'sites'>): Site {
  const desk = deskSiteOf(deps.sites.list());
  if (!desk) throw new NotFoundError('bộ phận xử lý thông tin sai sự thật');
  return desk;
}

/** Whether a case is overdue at `now`: deadline passed, not answered/closed/forwarded/merged. */
export function isOverdue(row: { state: string; deadline_at: string }, now: Date): boolean {
  return row.deadline_at < now.toISOString() && !(SETTLED_CASE_STATES as readonly string[]).includes(row.state);
}

function summaryQuery(db: Db) {
  return db
    .selectFrom('rr_cases as c')
    .leftJoin('organisations as o', 'o.id', 'c.organisation_id')
    .leftJoin('users as u', 'u.id', 'c.assignee_user_id')
    .leftJoin('articles as a', 'a.id', 'c.rebuttal_article_id')
    .leftJoin('sites as s', 's.id', 'a.site_id')
    .selectAll('c')
    .select(['o.name as org_name', 'u.display_name as assignee_name', 'a.title as rebuttal_title', 'a.state as rebuttal_state', 'a.slug as rebuttal_slug', 'a.published_at as rebuttal_published_at', 's.key as rebuttal_site_key']);
}
type SummaryRow = Awaited<ReturnType<ReturnType<typeof summaryQuery>['executeTakeFirstOrThrow']>>;

function presentSummary(deps: Pick<RapidResponseDeps, 'config'>, row: SummaryRow, now: Date): CaseSummary {
  const state = row.state as CaseState;
  const rating = ratingOf(row.rating);
  const visible = row.rebuttal_article_id !== null && row.rebuttal_state !== null && isPubliclyVisible({ state: row.rebuttal_state, publishedAt: row.rebuttal_published_at ?? null }, now);
  return {
    id: row.id,
    code: row.code,
    title: row.title,
    claimText: row.claim_text,
    category: row.category as CaseCategory,
    categoryLabel: CASE_CATEGORIES[row.category as CaseCategory] ?? row.category,
    priority: row.priority as CasePriority,
    priorityLabel: CASE_PRIORITIES[row.priority as CasePriority] ?? row.priority,
    state,
    stateLabel: CASE_STATE_LABELS[state] ?? row.state,
    firstSeenAt: row.first_seen_at,
    deadlineAt: row.deadline_at,
    overdue: isOverdue(row, now),
    reportCount: row.report_count,
    organisation: row.organisation_id !== null && row.org_name ? { id: row.organisation_id, name: row.org_name } : null,
    assignee: row.assignee_user_id !== null && row.assignee_name ? { id: row.assignee_user_id, name: row.assignee_name } : null,
    rating: rating ? { key: rating.key, label: rating.label, value: rating.value } : null,
    rebuttal:
      row.rebuttal_article_id !== null && row.rebuttal_title !== null
        ? {
            articleId: row.rebuttal_article_id,
            title: row.rebuttal_title,
            state: row.rebuttal_state ?? 'draft',
            publicUrl: visible && row.rebuttal_site_key && row.rebuttal_slug ? `${deps.config.publicUrl}/${row.rebuttal_site_key}/bai-viet/${encodeURIComponent(row.rebuttal_slug)}` : null,
          }
        : null,
  };
}

/** The queue's filters: all optional; `overdue` as the string `true`. */
export const caseListQuery = z.object({
  state: z.enum(CASE_STATES, { error: `phải là một trong: ${CASE_STATES.join(', ')}` }).optional(),
  category: z.enum(Object.keys(CASE_CATEGORIES) as [CaseCategory, ...CaseCategory[]], { error: 'không có nhóm này' }).optional(),
  priority: z.enum(Object.keys(CASE_PRIORITIES) as [CasePriority, ...CasePriority[]], { error: 'không có mức ưu tiên này' }).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  q: z.string().max(200, 'dài quá 200 ký tự').optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type CaseListQuery = z.input<typeof caseListQuery>;

/**
 * The desk's queue: cases sorted by deadline, soonest first (then by id), filtered; merged
 * cases only when asked for by `state=merged`. `q` matches the code or, folded, the title,
 * the claim or the link. Counts per state and the overdue count cover the whole desk.
 * @returns `{ items, total, page, pageSize, countsByState, overdueCount }`
 * @throws ValidationError naming the filter; NotFoundError / ForbiddenError (policy `case.read`).
 */
export async function listCases(deps: RapidResponseDeps, actor: Actor, rawQuery: unknown) {
  const desk = requireDeskSite(deps);
  authorize(actor, 'case.read', { siteId: desk.id }, 'bộ phận xử lý thông tin sai sự thật');
  const query = parseCommandInput(caseListQuery, rawQuery ?? {});
  const now = deps.clock();
  const nowIso = now.toISOString();
  const settled = [...SETTLED_CASE_STATES];
  const filter = (qb: ReturnType<typeof summaryQuery>) => {
    let q = qb.where('c.desk_site_id', '=', desk.id);
    q = query.state ? q.where('c.state', '=', query.state) : q.where('c.state', '!=', 'merged');
    if (query.category) q = q.where('c.category', '=', query.category);
    if (query.priority) q = q.where('c.priority', '=', query.priority);
    if (query.overdue === 'true') q = q.where('c.deadline_at', '<', nowIso).where('c.state', 'not in', settled);
    if (query.overdue === 'false') q = q.where((eb) => eb.or([eb('c.deadline_at', '>=', nowIso), eb('c.state', 'in', settled)]));
    const term = query.q ? foldClaim(query.q) : '';
    if (term) {
      // LIKE wildcards are dropped from the term (no portable escape on both engines).
      const like = `%${term.replace(/[\\%_]/g, '')}%`;
      q = q.where((eb) => eb.or([eb('c.claim_folded', 'like', like), eb('c.normalized_url', 'like', like), eb('c.code', '=', query.q!.trim().toUpperCase())]));
    }
    return q;
  };
  const [rows, total, counts, overdue] = await Promise.all([
    filter(summaryQuery(deps.db)).orderBy('c.deadline_at').orderBy('c.id').limit(query.pageSize).offset((query.page - 1) * query.pageSize).execute(),
    filter(summaryQuery(deps.db)).clearSelect().select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirst(),
    deps.db.selectFrom('rr_cases').select(['state', (eb) => eb.fn.countAll<string | number>().as('n')]).where('desk_site_id', '=', desk.id).groupBy('state').execute(),
    deps.db
      .selectFrom('rr_cases')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('desk_site_id', '=', desk.id)
      .where('deadline_at', '<', nowIso)
      .where('state', 'not in', settled)
      .executeTakeFirst(),
  ]);
  const countsByState = Object.fromEntries(CASE_STATES.map((s) => [s, 0])) as Record<CaseState, number>;
  for (const c of counts) countsByState[c.state as CaseState] = Number(c.n);
  return {
    items: rows.map((r) => presentSummary(deps, r, now)),
    total: Number(total?.n ?? 0),
    page: query.page,
    pageSize: query.pageSize,
    countsByState,
    overdueCount: Number(overdue?.n ?? 0),
  };
}

/**
 * Loads a case row and checks `action` on its desk: a case that does not exist and a case the
 * actor may not see answer the same 404.
 */
export async function loadCaseFor(db: Db, actor: Actor, caseId: number, action: Action) {
  const row = await db.selectFrom('rr_cases').selectAll().where('id', '=', caseId).executeTakeFirst();
  const what = `vụ việc ${caseId}`;
  if (!row) throw new NotFoundError(what);
  if (!can(actor, 'case.read', { siteId: row.desk_site_id }) && actor.kind !== 'system') {
    authorize(actor, 'case.read', { siteId: row.desk_site_id }, what);
  }
  authorize(actor, action, { siteId: row.desk_site_id }, what);
  return row;
}

/** The policy actions the actor may take on a case in its state (presenters). */
export function caseAllowedActions(actor: Actor, row: { desk_site_id: number; state: string }): { allowedActions: string[]; allowedMoves: CaseState[] } {
  const target = { siteId: row.desk_site_id };
  const actions: string[] = [];
  if (can(actor, 'case.read', target)) actions.push('case.read');
  const manage = can(actor, 'case.manage', target) && row.state !== 'merged';
  if (manage) actions.push('case.manage');
  if (can(actor, 'case.rate', target) && row.state === 'verifying') actions.push('case.rate');
  if (can(actor, 'case.report', target)) actions.push('case.report');
  const moves = manage ? CASE_TRANSITIONS[row.state as CaseState].filter((to) => to !== 'rated' && to !== 'merged') : [];
  return { allowedActions: actions, allowedMoves: moves };
}

/**
 * One case with its reports (contact details included), screenshots, events and the actor's
 * allowed actions. Policy `case.read` on the case's desk.
 * @throws NotFoundError for a missing case or an outsider; ForbiddenError.
 */
export async function getCase(deps: RapidResponseDeps, actor: Actor, caseId: number): Promise<CaseDetail> {
  await loadCaseFor(deps.db, actor, caseId, 'case.read');
  const now = deps.clock();
  const row = (await summaryQuery(deps.db).where('c.id', '=', caseId).executeTakeFirstOrThrow()) as SummaryRow;
  const [reports, files, events, ratedBy, mergedInto] = await Promise.all([
    deps.db.selectFrom('rr_reports').selectAll().where('case_id', '=', caseId).orderBy('created_at').orderBy('id').execute(),
    deps.db
      .selectFrom('rr_report_files as f')
      .innerJoin('rr_reports as r', 'r.id', 'f.report_id')
      .select(['f.id', 'f.report_id', 'f.width', 'f.height'])
      .where('r.case_id', '=', caseId)
      .orderBy('f.id')
      .execute(),
    deps.db.selectFrom('rr_case_events').selectAll().where('case_id', '=', caseId).orderBy('at').orderBy('id').execute(),
    row.rated_by_user_id !== null ? deps.db.selectFrom('users').select(['id', 'display_name']).where('id', '=', row.rated_by_user_id).executeTakeFirst() : undefined,
    row.merged_into_case_id !== null ? deps.db.selectFrom('rr_cases').select(['id', 'code']).where('id', '=', row.merged_into_case_id).executeTakeFirst() : undefined,
  ]);
  return {
    ...presentSummary(deps, row, now),
    normalizedUrl: row.normalized_url,
    ratingNote: row.rating_note,
    ratedAt: row.rated_at,
    ratedBy: ratedBy ? { id: ratedBy.id, name: ratedBy.display_name } : null,
    answeredAt: row.answered_at,
    closedAt: row.closed_at,
    forwardedTo: row.forwarded_to,
    forwardNote: row.forward_note,
    mergedInto: mergedInto ? { id: mergedInto.id, code: mergedInto.code } : null,
    reports: reports.map((r) => {
      const site = r.site_id !== null ? deps.sites.getById(r.site_id) : undefined;
      return {
        id: r.id,
        trackingCode: r.tracking_code,
        channel: r.channel,
        channelLabel: REPORT_CHANNEL_LABELS[r.channel as ReportChannel] ?? r.channel,
        site: site ? { id: site.id, name: site.name } : null,
        url: r.url,
        whereSeen: r.where_seen,
        description: r.description,
        contact: { name: r.contact_name, email: r.contact_email, phone: r.contact_phone },
        files: files.filter((f) => f.report_id === r.id).map((f) => ({ id: f.id, url: `/api/admin/v1/rapid-response/files/${f.id}`, width: f.width, height: f.height })),
        createdAt: r.created_at,
      };
    }),
    events: events.map((e) => ({ action: e.action, fromState: e.from_state, toState: e.to_state, actorLabel: e.actor_label, note: e.note, at: e.at })),
    ...caseAllowedActions(actor, row),
  };
}

/**
 * The desk's vocabulary and the actor's rights there (policy `case.read`): categories,
 * priorities with their deadline hours (config), the rating scale, the states.
 */
export function deskInfo(deps: RapidResponseDeps, actor: Actor) {
  const desk = requireDeskSite(deps);
  authorize(actor, 'case.read', { siteId: desk.id }, 'bộ phận xử lý thông tin sai sự thật');
  return {
    deskSite: { id: desk.id, key: desk.key, name: desk.name },
    categories: Object.entries(CASE_CATEGORIES).map(([key, label]) => ({ key, label })),
    priorities: Object.entries(CASE_PRIORITIES).map(([key, label]) => ({ key, label, deadlineHours: deps.config.rrDeadlineHours[key as CasePriority] })),
    ratings: RATINGS.map((r) => ({ key: r.key, label: r.label, value: r.value, description: r.description })),
    states: CASE_STATES.map((key) => ({ key, label: CASE_STATE_LABELS[key] })),
    allowedActions: CASE_ACTIONS.filter((a) => can(actor, a, { siteId: desk.id })),
  };
}

/**
 * People a case may be assigned to: editors and chief editors of the desk's site (active
 * accounts), in Vietnamese order. Policy `case.read`.
 */
export async function listAssignees(deps: RapidResponseDeps, actor: Actor): Promise<{ items: { id: number; name: string }[] }> {
  const desk = requireDeskSite(deps);
  authorize(actor, 'case.read', { siteId: desk.id }, 'bộ phận xử lý thông tin sai sự thật');
  const rows = await deps.db
    .selectFrom('memberships as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['u.id', 'u.display_name'])
    .distinct()
    .where('m.site_id', '=', desk.id)
    .where('m.role', 'in', ['editor', 'chief_editor'])
    .where('u.status', '=', 'active')
    .execute();
  return { items: sortVietnamese(rows.map((r) => ({ id: r.id, name: r.display_name })), (r) => r.name) };
}

/**
 * A report's screenshot for the desk (policy `case.read` on its case's desk).
 * @returns the bytes and their MIME type
 * @throws NotFoundError for a missing file, a missing stored file, or an outsider.
 */
export async function readReportFile(deps: RapidResponseDeps, actor: Actor, fileId: number): Promise<{ data: Buffer; mimeType: string }> {
  const row = await deps.db
    .selectFrom('rr_report_files as f')
    .innerJoin('rr_reports as r', 'r.id', 'f.report_id')
    .innerJoin('rr_cases as c', 'c.id', 'r.case_id')
    .select(['f.storage_key', 'f.mime_type', 'c.desk_site_id'])
    .where('f.id', '=', fileId)
    .executeTakeFirst();
  if (!row) throw new NotFoundError(`tệp ${fileId}`);
  authorize(actor, 'case.read', { siteId: row.desk_site_id }, `tệp ${fileId}`);
  const data = await createReportFileStorage(deps.config.dataDir).get(row.storage_key);
  if (!data) throw new NotFoundError(`tệp ${fileId}`);
  return { data, mimeType: row.mime_type };
}
