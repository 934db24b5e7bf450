/**
 * The desk's commands on cases (issue "Rapid-response desk", items 2–3): edit (category,
 * priority → deadline, organisation, assignee), move between states, rate, merge and split.
 * Each is one transaction with a case event and an audit entry, and asks the policy first
 * (`case.manage`; rating: `case.rate`, chief editors only).
 */
import { z } from 'zod';
import { InvalidTransitionError, ValidationError, parseCommandInput } from '../errors.ts';
import type { Actor } from '../policy/actor.ts';
import { appendAudit } from '../audit/audit.ts';
import { normalizeText, normalizeWhitespace } from '../text/index.ts';
import type { RrCasesTable } from '../db/database.ts';
import type { Updateable } from 'kysely';
import { CASE_CATEGORIES, CASE_PRIORITIES, CASE_STATE_LABELS, CASE_STATES, RATINGS, canMoveCase, caseDeadline, type CasePriority, type CaseState } from './case.ts';
import { foldClaim } from './normalise.ts';
import { insertCaseEvent, lockDesk, nextCaseCode, recountCase } from './case.repository.ts';
import { loadCaseFor } from './cases.ts';
import { titleFromClaim, CLAIM_FROM_DESCRIPTION_LENGTH, type RapidResponseDeps } from './intake.ts';

/**
 * A case move that its state does not allow (HTTP 409, `CONG_ERR_INVALID_TRANSITION`, field
 * `to`); nothing changed.
 */
export class CaseMoveError extends InvalidTransitionError {
  readonly field = 'to';
}

const categoryKeys = Object.keys(CASE_CATEGORIES) as [keyof typeof CASE_CATEGORIES, ...(keyof typeof CASE_CATEGORIES)[]];
const priorityKeys = Object.keys(CASE_PRIORITIES) as [CasePriority, ...CasePriority[]];
const ratingKeys = RATINGS.map((r) => r.key) as [string, ...string[]];

/** PATCH input: every field optional; `null` clears organisation or assignee. */
export const updateCaseInput = z.strictObject({
  title: z.string().transform(normalizeWhitespace).pipe(z.string().min(1, 'không được để trống').max(300, 'dài quá 300 ký tự')).optional(),
  claimText: z.string().transform((v) => normalizeText(v).trim()).pipe(z.string().min(1, 'không được để trống').max(1000, 'dài quá 1000 ký tự')).optional(),
  category: z.enum(categoryKeys, { error: `phải là một trong: ${categoryKeys.join(', ')}` }).optional(),
  priority: z.enum(priorityKeys, { error: `phải là một trong: ${priorityKeys.join(', ')}` }).optional(),
  organisationId: z.number().int().positive().nullable().optional(),
  assigneeUserId: z.number().int().positive().nullable().optional(),
});

/** Move input. */
export const moveCaseInput = z.strictObject({
  to: z.enum(CASE_STATES, { error: `phải là một trong: ${CASE_STATES.join(', ')}` }),
  note: z.string().max(2000, 'dài quá 2000 ký tự').nullish().transform((v) => (v == null ? null : normalizeText(v).trim() || null)),
  forwardedTo: z.string().max(300, 'dài quá 300 ký tự').nullish().transform((v) => (v == null ? null : normalizeWhitespace(v) || null)),
});

/** Rating input: a key of the scale and the reasons (required). */
export const rateCaseInput = z.strictObject({
  rating: z.enum(ratingKeys, { error: `phải là một trong: ${ratingKeys.join(', ')}` }),
  note: z.string({ error: 'cần nêu căn cứ kết luận' }).transform((v) => normalizeText(v).trim()).pipe(z.string().min(1, 'cần nêu căn cứ kết luận').max(5000, 'dài quá 5000 ký tự')),
});

export const mergeCaseInput = z.strictObject({ intoCaseId: z.number().int().positive() });
export const splitCaseInput = z.strictObject({ reportIds: z.array(z.number().int().positive()).min(1, 'chọn ít nhất một phản ánh').max(1000) });

function refuseMerged(row: { state: string; code: string }): void {
  if (row.state === 'merged') throw new InvalidTransitionError(`Vụ việc ${row.code} đã được gộp vào vụ việc khác; hãy làm việc trên vụ việc đó.`, row.state);
}

/**
 * Edits a case (policy `case.manage`). A new priority recomputes the deadline from the first
 * report (config hours); a new claim text re-folds the claim used to join reports.
 * @returns the changed fields (`{ field: { from, to } }`)
 * @throws ValidationError naming the field (unknown organisation, assignee not on the desk);
 *   InvalidTransitionError on a merged case; NotFoundError / ForbiddenError.
 */
export async function updateCase(deps: RapidResponseDeps, actor: Actor, caseId: number, input: unknown, address?: string | null): Promise<Record<string, { from: unknown; to: unknown }>> {
  const parsed = parseCommandInput(updateCaseInput, input);
  const now = deps.clock();
  const at = now.toISOString();
  return deps.db.transaction().execute(async (trx) => {
    const row = await loadCaseFor(trx, actor, caseId, 'case.manage');
    refuseMerged(row);
    const set: Updateable<RrCasesTable> = {};
    const changed: Record<string, { from: unknown; to: unknown }> = {};
    const change = <K extends keyof RrCasesTable>(field: string, column: K, from: unknown, to: unknown) => {
      if (from === to) return;
      (set as Record<string, unknown>)[column] = to;
      changed[field] = { from, to };
    };
    if (parsed.title !== undefined) change('title', 'title', row.title, parsed.title);
    if (parsed.claimText !== undefined && parsed.claimText !== row.claim_text) {
      change('claimText', 'claim_text', row.claim_text, parsed.claimText);
      set.claim_folded = foldClaim(parsed.claimText);
    }
    if (parsed.category !== undefined) change('category', 'category', row.category, parsed.category);
    if (parsed.priority !== undefined && parsed.priority !== row.priority) {
      change('priority', 'priority', row.priority, parsed.priority);
      const deadline = caseDeadline(new Date(row.first_seen_at), parsed.priority, deps.config.rrDeadlineHours).toISOString();
      change('deadlineAt', 'deadline_at', row.deadline_at, deadline);
    }
    if (parsed.organisationId !== undefined) {
      if (parsed.organisationId !== null && !(await trx.selectFrom('organisations').select('id').where('id', '=', parsed.organisationId).executeTakeFirst())) {
        throw new ValidationError([{ path: 'organisationId', message: 'không có cơ quan, đơn vị này' }]);
      }
      change('organisationId', 'organisation_id', row.organisation_id, parsed.organisationId);
    }
    if (parsed.assigneeUserId !== undefined) {
      if (parsed.assigneeUserId !== null) {
        const member = await trx
          .selectFrom('memberships as m')
          .innerJoin('users as u', 'u.id', 'm.user_id')
          .select('u.id')
          .where('m.user_id', '=', parsed.assigneeUserId)
          .where('m.site_id', '=', row.desk_site_id)
          .where('m.role', 'in', ['editor', 'chief_editor'])
          .where('u.status', '=', 'active')
          .executeTakeFirst();
        if (!member) throw new ValidationError([{ path: 'assigneeUserId', message: 'chỉ giao cho biên tập viên hoặc lãnh đạo ban biên tập của bộ phận xử lý' }]);
      }
      change('assigneeUserId', 'assignee_user_id', row.assignee_user_id, parsed.assigneeUserId);
    }
    if (Object.keys(changed).length === 0) return changed;
    await trx.updateTable('rr_cases').set({ ...set, updated_at: at }).where('id', '=', caseId).execute();
    await insertCaseEvent(trx, { caseId, action: 'updated', actor, details: changed, at });
    await appendAudit(trx, { actor, action: 'case.update', siteId: row.desk_site_id, subjectType: 'rr_case', subjectId: caseId, details: { changed }, address: address ?? null, at: now });
    return changed;
  });
}

/**
 * Moves a case by hand along {@link canMoveCase} (policy `case.manage`). `out_of_remit` needs
 * `forwardedTo` (the agency it was forwarded to; `note` says how); `rated` is reached by
 * rating ({@link rateCase}); `closed` stamps the closing time, reopening clears it.
 * @throws CaseMoveError (409, field `to`) for a move the state does not allow; ValidationError
 *   (`forwardedTo`, `to`); NotFoundError / ForbiddenError.
 */
export async function moveCase(deps: RapidResponseDeps, actor: Actor, caseId: number, input: unknown, address?: string | null): Promise<{ state: CaseState }> {
  const parsed = parseCommandInput(moveCaseInput, input);
  const now = deps.clock();
  const at = now.toISOString();
  return deps.db.transaction().execute(async (trx) => {
    const row = await loadCaseFor(trx, actor, caseId, 'case.manage');
    const from = row.state as CaseState;
    const to = parsed.to;
    if (!canMoveCase(from, to)) {
      throw new CaseMoveError(`Không thể chuyển vụ việc từ "${CASE_STATE_LABELS[from]}" sang "${CASE_STATE_LABELS[to]}".`, from);
    }
    if (to === 'rated' && !row.rating) throw new ValidationError([{ path: 'to', message: 'hãy đánh giá mức độ xác thực (nút Đánh giá) để kết luận vụ việc' }]);
    if (to === 'out_of_remit' && !parsed.forwardedTo) throw new ValidationError([{ path: 'forwardedTo', message: 'cần ghi cơ quan đã chuyển đến' }]);
    const set: Updateable<RrCasesTable> = { state: to, updated_at: at };
    if (to === 'out_of_remit') Object.assign(set, { forwarded_to: parsed.forwardedTo, forward_note: parsed.note });
    if (from === 'out_of_remit') Object.assign(set, { forwarded_to: null, forward_note: null });
    if (to === 'closed') set.closed_at = at;
    if (from === 'closed') set.closed_at = null;
    if (to === 'answered' && !row.answered_at) set.answered_at = at;
    await trx.updateTable('rr_cases').set(set).where('id', '=', caseId).where('state', '=', from).execute();
    await insertCaseEvent(trx, { caseId, action: 'moved', fromState: from, toState: to, actor, note: parsed.note, details: parsed.forwardedTo && to === 'out_of_remit' ? { forwardedTo: parsed.forwardedTo } : {}, at });
    await appendAudit(trx, {
      actor,
      action: 'case.move',
      siteId: row.desk_site_id,
      subjectType: 'rr_case',
      subjectId: caseId,
      details: { from, to, ...(parsed.note ? { note: parsed.note } : {}), ...(to === 'out_of_remit' ? { forwardedTo: parsed.forwardedTo } : {}) },
      address: address ?? null,
      at: now,
    });
    return { state: to };
  });
}

/**
 * Rates a claim on the documented scale (case.ts RATINGS) with its reasons: the case moves
 * from `verifying` to `rated`. Policy `case.rate` (chief editors of the desk only).
 * @throws CaseMoveError (409) unless the case is being verified; ValidationError (`rating`,
 *   `note`); ForbiddenError for editors; NotFoundError for outsiders.
 */
export async function rateCase(deps: RapidResponseDeps, actor: Actor, caseId: number, input: unknown, address?: string | null): Promise<{ state: CaseState; rating: string }> {
  const parsed = parseCommandInput(rateCaseInput, input);
  const now = deps.clock();
  const at = now.toISOString();
  return deps.db.transaction().execute(async (trx) => {
    const row = await loadCaseFor(trx, actor, caseId, 'case.rate');
    if (row.state !== 'verifying') {
      throw new CaseMoveError(`Chỉ đánh giá được khi vụ việc đang ở trạng thái "${CASE_STATE_LABELS.verifying}" (hiện: "${CASE_STATE_LABELS[row.state as CaseState]}").`, row.state);
    }
    await trx
      .updateTable('rr_cases')
      .set({ state: 'rated', rating: parsed.rating, rating_note: parsed.note, rated_at: at, rated_by_user_id: actor.kind === 'member' ? actor.userId : null, updated_at: at })
      .where('id', '=', caseId)
      .execute();
    await insertCaseEvent(trx, { caseId, action: 'rated', fromState: row.state, toState: 'rated', actor, note: parsed.note, details: { rating: parsed.rating }, at });
    await appendAudit(trx, { actor, action: 'case.rate', siteId: row.desk_site_id, subjectType: 'rr_case', subjectId: caseId, details: { from: row.state, to: 'rated', rating: parsed.rating }, address: address ?? null, at: now });
    return { state: 'rated' as const, rating: parsed.rating };
  });
}

/**
 * Merges a case into another of the same desk by hand (policy `case.manage`): its reports move,
 * the target's report count, first-seen time and deadline are recomputed, and this case
 * becomes `merged`, pointing to the target (its reporters' tracking codes follow it).
 * @throws ValidationError (`intoCaseId`: itself, another desk, a merged case); NotFoundError / ForbiddenError.
 */
export async function mergeCase(deps: RapidResponseDeps, actor: Actor, caseId: number, input: unknown, address?: string | null): Promise<{ caseId: number; intoCaseId: number; reportCount: number }> {
  const parsed = parseCommandInput(mergeCaseInput, input);
  const now = deps.clock();
  const at = now.toISOString();
  return deps.db.transaction().execute(async (trx) => {
    await lockDesk(trx);
    const row = await loadCaseFor(trx, actor, caseId, 'case.manage');
    refuseMerged(row);
    if (parsed.intoCaseId === caseId) throw new ValidationError([{ path: 'intoCaseId', message: 'không gộp một vụ việc vào chính nó' }]);
    const into = await trx.selectFrom('rr_cases').selectAll().where('id', '=', parsed.intoCaseId).executeTakeFirst();
    if (!into || into.desk_site_id !== row.desk_site_id) throw new ValidationError([{ path: 'intoCaseId', message: `không có vụ việc ${parsed.intoCaseId}` }]);
    if (into.state === 'merged') throw new ValidationError([{ path: 'intoCaseId', message: `vụ việc ${into.code} đã được gộp vào vụ việc khác` }]);
    await trx.updateTable('rr_reports').set({ case_id: into.id }).where('case_id', '=', caseId).execute();
    const counted = await recountCase(trx, into.id);
    const firstSeen = counted.firstSeenAt && counted.firstSeenAt < into.first_seen_at ? counted.firstSeenAt : into.first_seen_at;
    await trx
      .updateTable('rr_cases')
      .set({
        report_count: counted.reportCount,
        first_seen_at: firstSeen,
        deadline_at: caseDeadline(new Date(firstSeen), into.priority as CasePriority, deps.config.rrDeadlineHours).toISOString(),
        ...(into.normalized_url === null && row.normalized_url ? { normalized_url: row.normalized_url } : {}),
        updated_at: at,
      })
      .where('id', '=', into.id)
      .execute();
    await trx.updateTable('rr_cases').set({ state: 'merged', merged_into_case_id: into.id, report_count: 0, updated_at: at }).where('id', '=', caseId).execute();
    await insertCaseEvent(trx, { caseId, action: 'merged', fromState: row.state, toState: 'merged', actor, details: { intoCaseId: into.id, intoCode: into.code, reports: row.report_count }, at });
    await insertCaseEvent(trx, { caseId: into.id, action: 'merged_in', actor, details: { fromCaseId: caseId, fromCode: row.code, reports: row.report_count }, at });
    await appendAudit(trx, { actor, action: 'case.merge', siteId: row.desk_site_id, subjectType: 'rr_case', subjectId: caseId, details: { from: row.state, intoCaseId: into.id, reports: row.report_count }, address: address ?? null, at: now });
    return { caseId, intoCaseId: into.id, reportCount: counted.reportCount };
  });
}

/**
 * Splits reports off a case into a new case by hand (policy `case.manage`): the new case takes
 * its claim and link from the earliest of those reports, the category, priority and
 * organisation of the old one, state `new`; both cases' counts, first-seen times and
 * deadlines are recomputed.
 * @returns the new case's id
 * @throws ValidationError (`reportIds`: not all of this case's, or all of them); NotFoundError / ForbiddenError.
 */
export async function splitCase(deps: RapidResponseDeps, actor: Actor, caseId: number, input: unknown, address?: string | null): Promise<{ caseId: number }> {
  const parsed = parseCommandInput(splitCaseInput, input);
  const ids = [...new Set(parsed.reportIds)];
  const now = deps.clock();
  const at = now.toISOString();
  return deps.db.transaction().execute(async (trx) => {
    await lockDesk(trx);
    const row = await loadCaseFor(trx, actor, caseId, 'case.manage');
    refuseMerged(row);
    const reports = await trx.selectFrom('rr_reports').select(['id', 'description', 'normalized_url', 'created_at']).where('case_id', '=', caseId).orderBy('created_at').orderBy('id').execute();
    const moving = reports.filter((r) => ids.includes(r.id));
    if (moving.length !== ids.length) throw new ValidationError([{ path: 'reportIds', message: 'có phản ánh không thuộc vụ việc này' }]);
    if (moving.length === reports.length) throw new ValidationError([{ path: 'reportIds', message: 'phải để lại ít nhất một phản ánh ở vụ việc cũ' }]);
    const first = moving[0]!;
    const claim = first.description.slice(0, CLAIM_FROM_DESCRIPTION_LENGTH);
    const priority = row.priority as CasePriority;
    const inserted = await trx
      .insertInto('rr_cases')
      .values({
        desk_site_id: row.desk_site_id,
        code: await nextCaseCode(trx, new Date(now.getTime() + 7 * 3_600_000).getUTCFullYear()),
        title: titleFromClaim(claim),
        claim_text: claim,
        claim_folded: foldClaim(claim),
        normalized_url: first.normalized_url,
        category: row.category,
        priority,
        state: 'new',
        organisation_id: row.organisation_id,
        first_seen_at: first.created_at,
        deadline_at: caseDeadline(new Date(first.created_at), priority, deps.config.rrDeadlineHours).toISOString(),
        report_count: moving.length,
        created_at: at,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx.updateTable('rr_reports').set({ case_id: inserted.id }).where('id', 'in', ids).execute();
    const left = await recountCase(trx, caseId);
    const firstSeen = left.firstSeenAt ?? row.first_seen_at;
    await trx
      .updateTable('rr_cases')
      .set({ report_count: left.reportCount, first_seen_at: firstSeen, deadline_at: caseDeadline(new Date(firstSeen), priority, deps.config.rrDeadlineHours).toISOString(), updated_at: at })
      .where('id', '=', caseId)
      .execute();
    await insertCaseEvent(trx, { caseId, action: 'split', actor, details: { newCaseId: inserted.id, reportIds: ids }, at });
    await insertCaseEvent(trx, { caseId: inserted.id, action: 'opened', toState: 'new', actor, details: { splitFromCaseId: caseId, reportIds: ids }, at });
    await appendAudit(trx, { actor, action: 'case.split', siteId: row.desk_site_id, subjectType: 'rr_case', subjectId: caseId, details: { newCaseId: inserted.id, reportIds: ids }, address: address ?? null, at: now });
    return { caseId: inserted.id };
  });
}
