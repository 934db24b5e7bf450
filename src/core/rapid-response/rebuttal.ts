/**
 * Tying a rebuttal to a case (issue "Rapid-response desk", item 4): link an existing article of
 * type `rebuttal` on the desk's site, or create its draft there through the newsroom's own
 * createArticle (it then goes through the normal workflow). Publishing it answers the case
 * (answer-case.ts, called by the workflow).
 */
import { z } from 'zod';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { ValidationError, parseCommandInput } from '../errors.ts';
import type { Actor } from '../policy/actor.ts';
import { authorize } from '../policy/policy.ts';
import { appendAudit } from '../audit/audit.ts';
import { createArticle } from '../articles/write-article.ts';
import { isPubliclyVisible } from '../articles/visibility.ts';
import { MAX_TITLE_LENGTH } from '../articles/article.schema.ts';
import { insertCaseEvent } from './case.repository.ts';
import { loadCaseFor } from './cases.ts';
import { ANSWERABLE_CASE_STATES } from './answer-case.ts';
import type { RapidResponseDeps } from './intake.ts';

/** Either an article id to link, or `{ create: true }`. */
export const rebuttalInput = z.union([z.strictObject({ articleId: z.number().int().positive() }), z.strictObject({ create: z.literal(true) })], {
  error: 'gửi { articleId } để gắn bài có sẵn hoặc { create: true } để tạo bài mới',
});

/** The draft title of a case's rebuttal: "Thông tin phản bác: <case title>", cut to the article limit. */
export function rebuttalTitle(caseTitle: string): string {
  const title = `Thông tin phản bác: ${caseTitle}`;
  return title.length <= MAX_TITLE_LENGTH ? title : `${title.slice(0, MAX_TITLE_LENGTH - 1)}…`;
}

/**
 * Links or creates the case's rebuttal (policy `case.manage` on the desk; creating also needs
 * `article.create` there). Linking an article that is already public answers the case at once
 * (answered at its publication time, not before the first report).
 * @returns `{ articleId }`
 * @throws ValidationError (`articleId`: not on the desk's site, not of type `rebuttal`;
 *   `caseId`: the case is closed, forwarded or merged); NotFoundError / ForbiddenError.
 */
export async function setCaseRebuttal(deps: RapidResponseDeps, actor: Actor, caseId: number, input: unknown, address?: string | null): Promise<{ articleId: number }> {
  const parsed = parseCommandInput(rebuttalInput, input);
  const row = await loadCaseFor(deps.db, actor, caseId, 'case.manage');
  if (['merged', 'closed', 'out_of_remit'].includes(row.state)) {
    throw new ValidationError([{ path: 'caseId', message: 'vụ việc đã đóng, đã chuyển cơ quan khác hoặc đã gộp; hãy mở lại trước khi gắn bài phản bác' }]);
  }
  let articleId: number;
  let created = false;
  if ('create' in parsed) {
    authorize(actor, 'article.create', { siteId: row.desk_site_id }, 'trang của bộ phận xử lý');
    const article = await createArticle(
      deps,
      actor,
      // No lead from the claim: a lead becomes the summary in lists, feeds and og:description,
      // where the false claim must never appear as a statement. The writer states the facts.
      { siteId: row.desk_site_id, type: 'rebuttal', title: rebuttalTitle(row.title), ...(await rebuttalSlug(deps.db, row.desk_site_id, row.code)) },
      address,
    );
    articleId = article.id;
    created = true;
  } else {
    articleId = parsed.articleId;
  }
  const now = deps.clock();
  const at = now.toISOString();
  await deps.db.transaction().execute(async (trx) => {
    const current = await loadCaseFor(trx, actor, caseId, 'case.manage');
    const article = await trx.selectFrom('articles').select(['id', 'site_id', 'type', 'state', 'published_at']).where('id', '=', articleId).executeTakeFirst();
    if (!article || article.site_id !== current.desk_site_id) throw new ValidationError([{ path: 'articleId', message: 'bài phản bác phải là bài của trang bộ phận xử lý' }]);
    if (article.type !== 'rebuttal') throw new ValidationError([{ path: 'articleId', message: 'bài phải thuộc loại "Thông tin phản bác" (đổi loại bài trong trình soạn thảo)' }]);
    const answerNow = isPubliclyVisible({ state: article.state, publishedAt: article.published_at }, now) && (ANSWERABLE_CASE_STATES as readonly string[]).includes(current.state);
    const answeredAt = answerNow ? (article.published_at! < current.first_seen_at ? current.first_seen_at : article.published_at!) : null;
    await trx
      .updateTable('rr_cases')
      .set({ rebuttal_article_id: article.id, updated_at: at, ...(answerNow ? { state: 'answered', answered_at: answeredAt } : {}) })
      .where('id', '=', caseId)
      .execute();
    await insertCaseEvent(trx, {
      caseId,
      action: created ? 'rebuttal_created' : 'rebuttal_linked',
      ...(answerNow ? { fromState: current.state, toState: 'answered' } : {}),
      actor,
      details: { articleId: article.id, previousArticleId: current.rebuttal_article_id },
      at,
    });
    await appendAudit(trx, {
      actor,
      action: 'case.rebuttal',
      siteId: current.desk_site_id,
      subjectType: 'rr_case',
      subjectId: caseId,
      details: { articleId: article.id, created, previousArticleId: current.rebuttal_article_id, ...(answerNow ? { from: current.state, to: 'answered', answeredAt } : {}) },
      address: address ?? null,
      at: now,
    });
  });
  return { articleId };
}

/**
 * The web address of a new rebuttal: `phan-bac-<case code>` (e.g. `phan-bac-vv-2026-000123`),
 * so the URL never repeats the false claim as the title-derived slug would; none (the title's)
 * when that address is already taken on the desk's site.
 */
async function rebuttalSlug(db: Kysely<Database>, siteId: number, code: string): Promise<{ slug?: string }> {
  const slug = `phan-bac-${code.toLowerCase()}`;
  const taken = await db.selectFrom('articles').select('id').where('site_id', '=', siteId).where('slug', '=', slug).executeTakeFirst();
  return taken ? {} : { slug };
}
