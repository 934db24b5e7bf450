/**
 * One command per workflow transition (DESIGN.md §2.1): submit, take for editing, send for
 * approval, return with reason, reject, approve and publish, schedule, unschedule, withdraw
 * with reason, republish, correct. Each is one transaction: load the article (row-locked),
 * check the revision the caller saw (409 when stale), the state (409 when the transition is
 * not possible from it), the four-eyes rule and the policy (403/404); then change the state,
 * record the event (actor, time, reason), append the audit entry and queue the e-mails.
 */
import { z } from 'zod';
import type { Kysely } from 'kysely';
import type { Database, ArticleRowUpdate } from '../db/database.ts';
import { ARTICLE_STATE_LABELS } from '../articles/article.ts';
import { type Actor, actorLabel, actorUserId } from '../policy/actor.ts';
import { can, authorize } from '../policy/policy.ts';
import { appendAudit } from '../audit/audit.ts';
import { ConflictError, FourEyesError, InvalidTransitionError, NotFoundError, ValidationError, parseCommandInput } from '../errors.ts';
import { findNewsroomArticle, insertArticleEvent, updateArticleIf, type NewsroomArticle } from '../articles/newsroom-article.repository.ts';
import { type NewsroomDeps, policyTargetOf, saveRevisionInTransaction } from '../articles/write-article.ts';
import { updateArticleInput } from '../articles/article.schema.ts';
import { queueArticleNotifications } from '../notifications/article-notifications.ts';
import { TRANSITION_RULES, type Transition } from './transitions.ts';
import { guardCopyTransition, propagateTransition } from '../network/propagation.ts';
import { answerCasesOfPublishedRebuttal } from '../rapid-response/answer-case.ts';

const reasonText = z.string({ error: 'cần nêu lý do (chuỗi ký tự)' }).trim().min(3, 'cần ít nhất 3 ký tự').max(2000, 'dài quá 2000 ký tự');

/** Input of the transitions that take only the revision and an optional reason. */
export const transitionInput = z.strictObject({
  revision: z.number().int().positive(),
  reason: reasonText.optional(),
});
/** Input of return (reason required). */
export const returnInput = z.strictObject({ revision: z.number().int().positive(), reason: reasonText });
/** Input of schedule: the instant, with its time zone (e.g. `2026-12-01T08:00:00+07:00`). */
export const scheduleInput = z.strictObject({
  revision: z.number().int().positive(),
  at: z.iso.datetime({ offset: true, error: 'phải là thời điểm có múi giờ, ví dụ 2026-12-01T08:00:00+07:00' }),
});
/** Input of withdraw: a reason (shown publicly) and optionally where to send readers instead of the notice. */
export const withdrawInput = z.strictObject({
  revision: z.number().int().positive(),
  reason: reasonText,
  redirectUrl: z.string().trim().max(2000).optional(),
});
/** Input of correct: the public note, and the content changes (optional). */
export const correctInput = updateArticleInput.extend({
  note: z.string({ error: 'cần ghi chú đính chính công khai' }).trim().min(5, 'cần ít nhất 5 ký tự').max(2000, 'dài quá 2000 ký tự'),
});

/** What callers pass to the transition commands (validated by each command). */
export type TransitionInput = z.input<typeof transitionInput>;
export type ScheduleInput = z.input<typeof scheduleInput>;
export type WithdrawInput = z.input<typeof withdrawInput>;
export type CorrectInput = z.input<typeof correctInput>;

/** Longest time ahead a schedule may be set (ms): two years. */
const MAX_SCHEDULE_AHEAD_MS = 2 * 365 * 24 * 3600 * 1000;

interface Applied {
  article: NewsroomArticle;
  /** Syndication fan-out jobs enqueued for the article's copies (core/network/propagation.ts). */
  enqueued: number;
}

/**
 * The shared body of every transition command.
 * @param change computes the row changes and extra event details once the checks passed.
 */
async function applyTransition(
  deps: NewsroomDeps,
  actor: Actor,
  articleId: number,
  transition: Transition,
  input: { revision: number; reason?: string | undefined },
  address: string | null | undefined,
  change: (
    trx: Kysely<Database>,
    article: NewsroomArticle,
    now: Date,
  ) => Promise<{ row: ArticleRowUpdate; details?: Record<string, unknown>; afterUpdate?: (trx: Kysely<Database>, article: NewsroomArticle) => Promise<void> }>,
): Promise<Applied> {
  const rule = TRANSITION_RULES[transition];
  const now = deps.clock();
  const applied = await deps.db.transaction().execute(async (trx): Promise<Applied> => {
    const article = await findNewsroomArticle(trx, articleId, { forUpdate: true });
    if (!article) throw new NotFoundError(`bài viết ${articleId}`);
    const target = policyTargetOf(deps, article);
    if (!can(actor, 'article.read', target)) throw new NotFoundError(`bài viết ${articleId}`);
    if (article.revision !== input.revision) {
      throw new ConflictError(`Bài đã thay đổi (phiên bản ${article.revision}, bạn đang xem phiên bản ${input.revision}); hãy tải lại trước khi ${rule.label.toLowerCase()}.`, {
        article: { id: article.id, revision: article.revision, state: article.state, title: article.title },
      });
    }
    if (!rule.from.includes(article.state)) {
      throw new InvalidTransitionError(`Không thể "${rule.label}" khi bài đang ở trạng thái "${ARTICLE_STATE_LABELS[article.state]}".`, article.state);
    }
    // Four-eyes speaks only to someone who could otherwise do it (a chief editor approving
    // their own article); anyone else gets the plain refusal.
    if (!can(actor, rule.action, target) && can(actor, rule.action, { ...target, fourEyes: false })) throw new FourEyesError();
    authorize(actor, rule.action, target, `bài viết ${articleId}`);
    if (rule.reason === 'required' && !input.reason) throw new ValidationError([{ path: 'reason', message: 'cần nêu lý do' }]);
    const { row: changed, details, afterUpdate } = await change(trx, article, now);
    // A syndicated copy is never public before its original (network/propagation.ts).
    const row = await guardCopyTransition(trx, article, transition, changed);
    const toState = rule.to ?? article.state;
    const at = now.toISOString();
    const ok = await updateArticleIf(trx, article.id, { revision: article.revision, state: article.state }, {
      ...row,
      ...(rule.to && rule.to !== article.state ? { state: rule.to, state_changed_at: at } : {}),
      updated_at: at,
    });
    if (!ok) throw new ConflictError('Bài vừa được người khác thay đổi; hãy tải lại.', undefined);
    const eventId = await insertArticleEvent(trx, {
      articleId: article.id,
      siteId: article.siteId,
      action: transition,
      fromState: article.state,
      toState,
      actorUserId: actorUserId(actor),
      actorLabel: actorLabel(actor),
      reason: input.reason ?? null,
      details: details ?? {},
      at,
    });
    // Copies follow their original; a copy's local decision is recorded on its syndication.
    // Before the audit entry (lock order, see propagation.ts); a correction makes one revision.
    const enqueued = await propagateTransition(trx, article, transition, article.revision + (transition === 'correct' ? 1 : 0), now);
    await appendAudit(trx, {
      actor,
      action: `article.${transition}`,
      siteId: article.siteId,
      subjectType: 'article',
      subjectId: article.id,
      details: { from: article.state, to: toState, revision: article.revision, ...(input.reason ? { reason: input.reason } : {}), ...(details ?? {}) },
      address: address ?? null,
      at: now,
    });
    // A rebuttal going public answers the rapid-response cases it is tied to (same transaction).
    if (toState === 'published' && article.state !== 'published') {
      await answerCasesOfPublishedRebuttal(trx, actor, article.id, typeof row.published_at === 'string' ? row.published_at : (article.publishedAt ?? at), now);
    }
    if (afterUpdate) await afterUpdate(trx, (await findNewsroomArticle(trx, article.id))!);
    const after = (await findNewsroomArticle(trx, article.id))!;
    if (rule.notify) await notify(trx, deps, actor, after, rule.notify, input.reason ?? null, eventId, now);
    return { article: after, enqueued };
  });
  if (applied.enqueued > 0) deps.fanout?.kick();
  return applied;
}

async function notify(
  trx: Kysely<Database>,
  deps: NewsroomDeps,
  actor: Actor,
  article: NewsroomArticle,
  kind: NonNullable<(typeof TRANSITION_RULES)[Transition]['notify']>,
  reason: string | null,
  eventId: number,
  now: Date,
): Promise<void> {
  const site = deps.sites.getById(article.siteId);
  await queueArticleNotifications(trx, {
    article: { id: article.id, siteId: article.siteId, title: article.title, authorUserId: article.authorUserId },
    transition: kind,
    actor,
    reason,
    now,
    eventId,
    adminUrl: `${deps.config.publicUrl}/admin`,
    siteName: site?.organisationShortName ?? site?.name ?? '',
  });
}

/** Submits a draft or a returned article to the site's editors (policy `article.submit`). */
export async function submitArticle(deps: NewsroomDeps, actor: Actor, articleId: number, rawInput: TransitionInput, address?: string | null): Promise<NewsroomArticle> {
  const input = parseCommandInput(transitionInput, rawInput);
  return (await applyTransition(deps, actor, articleId, 'submit', input, address, async () => ({ row: { assignee_user_id: null } }))).article;
}

/** An editor takes a submitted article for editing: it is assigned to them (policy `article.take`). */
export async function takeArticle(deps: NewsroomDeps, actor: Actor, articleId: number, rawInput: TransitionInput, address?: string | null): Promise<NewsroomArticle> {
  const input = parseCommandInput(transitionInput, rawInput);
  return (await applyTransition(deps, actor, articleId, 'take', input, address, async () => ({ row: { assignee_user_id: actorUserId(actor) } }))).article;
}

/** Sends an edited article to the chief editors for approval (policy `article.send_for_approval`). */
export async function sendArticleForApproval(deps: NewsroomDeps, actor: Actor, articleId: number, rawInput: TransitionInput, address?: string | null): Promise<NewsroomArticle> {
  const input = parseCommandInput(transitionInput, rawInput);
  return (await applyTransition(deps, actor, articleId, 'send_for_approval', input, address, async () => ({ row: {} }))).article;
}

/** Returns an article to its author with a reason the author sees (policy `article.return`). */
export async function returnArticle(deps: NewsroomDeps, actor: Actor, articleId: number, rawInput: TransitionInput, address?: string | null): Promise<NewsroomArticle> {
  const input = parseCommandInput(returnInput, rawInput);
  return (await applyTransition(deps, actor, articleId, 'return', input, address, async () => ({ row: { assignee_user_id: null } }))).article;
}

/** Decides not to use an article (Không sử dụng), with a reason the author sees (policy `article.reject`). */
export async function rejectArticle(deps: NewsroomDeps, actor: Actor, articleId: number, rawInput: TransitionInput, address?: string | null): Promise<NewsroomArticle> {
  const input = parseCommandInput(returnInput, rawInput);
  return (await applyTransition(deps, actor, articleId, 'reject', input, address, async () => ({ row: { assignee_user_id: null } }))).article;
}

/** Approves and publishes now (policy `article.approve_publish`; four-eyes). */
export async function approveArticle(deps: NewsroomDeps, actor: Actor, articleId: number, rawInput: TransitionInput, address?: string | null): Promise<NewsroomArticle> {
  const input = parseCommandInput(transitionInput, rawInput);
  return (
    await applyTransition(deps, actor, articleId, 'approve', input, address, async (_trx, _article, now) => ({
      row: { published_at: now.toISOString(), published_precision: 'minute', schedule_error: null },
    }))
  ).article;
}

/**
 * Approves and schedules publication at `input.at` (policy `article.schedule`; four-eyes). The
 * article is invisible on every public surface until then; the scheduler publishes it.
 * @throws ValidationError (`at`) for a time not in the future or more than two years ahead.
 */
export async function scheduleArticle(deps: NewsroomDeps, actor: Actor, articleId: number, rawInput: ScheduleInput, address?: string | null): Promise<NewsroomArticle> {
  const input = parseCommandInput(scheduleInput, rawInput);
  const scheduled = (
    await applyTransition(deps, actor, articleId, 'schedule', input, address, async (_trx, _article, now) => {
      const at = new Date(input.at);
      if (at.getTime() <= now.getTime()) throw new ValidationError([{ path: 'at', message: 'giờ hẹn phải ở tương lai' }]);
      if (at.getTime() - now.getTime() > MAX_SCHEDULE_AHEAD_MS) throw new ValidationError([{ path: 'at', message: 'giờ hẹn xa quá hai năm' }]);
      return { row: { published_at: at.toISOString(), published_precision: 'minute', schedule_error: null }, details: { scheduledFor: at.toISOString() } };
    })
  ).article;
  deps.horizon?.invalidate(); // public pages must not be cached past the new time
  return scheduled;
}

/** Cancels a scheduled publication; the article goes back to "Chờ duyệt" (policy `article.unschedule`). */
export async function unscheduleArticle(deps: NewsroomDeps, actor: Actor, articleId: number, rawInput: TransitionInput, address?: string | null): Promise<NewsroomArticle> {
  const input = parseCommandInput(transitionInput, rawInput);
  return (
    await applyTransition(deps, actor, articleId, 'unschedule', input, address, async (_trx, article) => ({
      row: { published_at: null, schedule_error: null },
      details: { scheduledFor: article.publishedAt },
    }))
  ).article;
}

/**
 * Whether a withdrawal redirect target is acceptable: a path on the same site (`/…`, not
 * `//…`) or an absolute http(s) URL on one of the network's own hosts.
 */
function isNetworkUrl(deps: NewsroomDeps, url: string): boolean {
  if (url.startsWith('/')) return !url.startsWith('//') && !url.includes('\\') && !url.split(/[/?#]/).some((segment) => segment === '..' || segment === '.');
  try {
    const u = new URL(url);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return false;
    if (u.host === new URL(deps.config.publicUrl).host) return true;
    return deps.sites.getByHost(u.host) !== undefined;
  } catch {
    return false;
  }
}

/**
 * Withdraws a published article with a public reason (policy `article.withdraw`). Its URL then
 * answers 410 with the notice, or 301 to `redirectUrl` when one was chosen.
 * @throws ValidationError (`redirectUrl`) for a target outside the network.
 */
export async function withdrawArticle(deps: NewsroomDeps, actor: Actor, articleId: number, rawInput: WithdrawInput, address?: string | null): Promise<NewsroomArticle> {
  const input = parseCommandInput(withdrawInput, rawInput);
  const redirect = input.redirectUrl ? input.redirectUrl : null;
  if (redirect && !isNetworkUrl(deps, redirect)) {
    throw new ValidationError([
      { path: 'redirectUrl', message: 'chỉ chuyển tới một trang trong mạng lưới: một đường dẫn trong trang này, tính từ trang chủ của trang và không kèm khoá trang (ví dụ /bai-viet/ten-bai-moi), hoặc địa chỉ đầy đủ của một trang trong mạng' },
    ]);
  }
  const site = deps.sites.getById((await findNewsroomArticle(deps.db, articleId))?.siteId ?? -1);
  if (redirect && site && (redirect === `/${site.key}` || redirect.startsWith(`/${site.key}/`))) {
    throw new ValidationError([{ path: 'redirectUrl', message: `đường dẫn tính từ trang chủ của trang, không kèm khoá trang: viết ${redirect.slice(site.key.length + 1) || '/'} thay cho ${redirect}` }]);
  }
  return (
    await applyTransition(deps, actor, articleId, 'withdraw', input, address, async (_trx, _article, now) => ({
      row: { withdrawal_reason: input.reason, withdrawn_at: now.toISOString(), withdrawal_redirect_url: redirect },
      details: redirect ? { redirectUrl: redirect } : {},
    }))
  ).article;
}

/** Publishes a withdrawn article again, at its original publication time (policy `article.republish`). */
export async function republishArticle(deps: NewsroomDeps, actor: Actor, articleId: number, rawInput: TransitionInput, address?: string | null): Promise<NewsroomArticle> {
  const input = parseCommandInput(transitionInput, rawInput);
  return (
    await applyTransition(deps, actor, articleId, 'republish', input, address, async (_trx, article, now) => ({
      row: { withdrawal_reason: null, withdrawn_at: null, withdrawal_redirect_url: null, published_at: article.publishedAt ?? now.toISOString() },
    }))
  ).article;
}

/**
 * Corrects a published article (đính chính, policy `article.correct`): saves the changes as a
 * new revision and adds a dated public note that the article page shows.
 */
export async function correctArticle(deps: NewsroomDeps, actor: Actor, articleId: number, rawInput: CorrectInput, address?: string | null): Promise<NewsroomArticle> {
  const input = parseCommandInput(correctInput, rawInput);
  const { note, revision, ...changes } = input;
  const result = await applyTransition(deps, actor, articleId, 'correct', { revision }, address, async (_trx, _article, now) => ({
    row: {},
    details: { note },
    afterUpdate: async (trx, article) => {
      const saved = await saveRevisionInTransaction(trx, deps, actor, article, changes, {
        note: /^đính chính/i.test(note) ? note : `Đính chính: ${note}`,
        auditAction: 'article.correct.revision',
        address,
        now,
        force: true, // a correction is a revision even when only its note says what changed
      });
      await trx.insertInto('article_corrections').values({ article_id: articleId, note, revision: saved.revision, created_by_user_id: actorUserId(actor), created_at: now.toISOString() }).execute();
    },
  }));
  return result.article;
}
