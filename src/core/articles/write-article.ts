/**
 * The newsroom's write commands for article content: create a draft, save changes (with the
 * revision it was based on: a stale save is refused with 409 and the current article), and
 * restore an old revision as a new one. Each is one transaction with its revision, event and
 * audit entry. Workflow transitions are their own commands (core/workflow).
 */
import type { Kysely } from 'kysely';
import type { Core } from '../create-core.ts';
import type { Database } from '../db/database.ts';
import { type Actor, actorLabel, actorUserId, systemActor } from '../policy/actor.ts';
import { queueArticleNotifications } from '../notifications/article-notifications.ts';
import { authorize } from '../policy/policy.ts';
import { appendAudit } from '../audit/audit.ts';
import { ConflictError, NotFoundError, ValidationError, parseCommandInput } from '../errors.ts';
import { slugify, uniqueSlug } from '../text/index.ts';
import { replaceArticleCategories, replaceArticleTags } from '../import/import.repository.ts';
import { isFourEyesRequired } from '../sites/site-settings.ts';
import { recordRevision, getRevision } from '../revisions/revision.repository.ts';
import { createArticleInput, updateArticleInput, type ArticleChanges, type CreateArticleRequest, type UpdateArticleRequest } from './article.schema.ts';
import { bodyHtmlOf, prepareArticleChanges } from './article-changes.ts';
import { refreshSearchDocument } from '../search/search-index.ts';
import { findNewsroomArticle, insertArticleEvent, isSlugTaken, updateArticleIf, type NewsroomArticle } from './newsroom-article.repository.ts';
import { propagateSave } from '../network/propagation.ts';

/** What newsroom commands need from the core (`fanout`: kicked after a command enqueued syndication jobs). */
export type NewsroomDeps = Pick<Core, 'db' | 'clock' | 'sites' | 'config'> & Partial<Pick<Core, 'horizon'>> & { fanout?: Pick<Core['fanout'], 'kick'> | undefined };

/** The policy facts of a loaded article (`followsOrigin`: a syndicated copy still following its original). */
export function policyTargetOf(deps: Pick<Core, 'sites'>, article: Pick<NewsroomArticle, 'siteId' | 'authorUserId' | 'state'> & { followsOrigin?: boolean }) {
  return {
    siteId: article.siteId,
    article: { authorUserId: article.authorUserId, state: article.state, followsOrigin: article.followsOrigin === true },
    fourEyes: isFourEyesRequired(deps.sites.getById(article.siteId)),
  };
}

/** The non-text fields kept with each revision, so a restore brings them back too. */
export function revisionMetadata(article: NewsroomArticle): Record<string, unknown> {
  return {
    type: article.type,
    byline: article.byline,
    sourceName: article.sourceName,
    sourceUrl: article.sourceUrl,
    sourceOrganisationId: article.sourceOrganisationId,
    categoryIds: article.categoryIds,
    tagNames: article.tagNames,
    coverMediaId: article.coverMediaId,
    coverAlt: article.coverAlt,
    coverCaption: article.coverCaption,
    featured: article.featured,
  };
}

/**
 * Loads an article for a write inside a transaction (row-locked on PostgreSQL), checks the
 * policy, and the revision the caller based the write on.
 * @throws NotFoundError when it does not exist or the actor may not see it.
 * @throws ForbiddenError when the policy refuses `action`.
 * @throws ConflictError (409) with the current article when `baseRevision` is stale.
 */
export async function loadForWrite(
  trx: Kysely<Database>,
  deps: Pick<Core, 'sites'>,
  actor: Actor,
  articleId: number,
  action: Parameters<typeof authorize>[1],
  baseRevision: number,
): Promise<NewsroomArticle> {
  const article = await findNewsroomArticle(trx, articleId, { forUpdate: true });
  if (!article) throw new NotFoundError(`bài viết ${articleId}`);
  authorize(actor, action, policyTargetOf(deps, article), `bài viết ${articleId}`);
  if (article.revision !== baseRevision) {
    const last = await trx
      .selectFrom('article_revisions')
      .select(['author_label', 'created_at'])
      .where('article_id', '=', articleId)
      .orderBy('revision', 'desc')
      .limit(1)
      .executeTakeFirst();
    throw new ConflictError(
      `Bài đã được ${last?.author_label ?? 'người khác'} lưu thành phiên bản ${article.revision} sau phiên bản ${baseRevision} bạn đang sửa. Không có gì bị ghi đè; hãy so sánh với bản hiện tại rồi lưu lại.`,
      { article: stripForConflict(article), savedBy: last?.author_label ?? null, savedAt: last?.created_at ?? null },
    );
  }
  return article;
}

function stripForConflict(article: NewsroomArticle) {
  return { id: article.id, revision: article.revision, state: article.state, title: article.title, lead: article.lead, body: article.body, updatedAt: article.updatedAt };
}

async function writeChanges(trx: Kysely<Database>, article: NewsroomArticle, changes: ArticleChanges, extra: Record<string, unknown>, now: Date): Promise<void> {
  const prepared = await prepareArticleChanges(trx, article.siteId, changes, now);
  const ok = await updateArticleIf(trx, article.id, { revision: article.revision }, { ...prepared.row, ...extra, revision: article.revision + 1, updated_at: now.toISOString() });
  if (!ok) throw new ConflictError('Bài vừa được người khác sửa; hãy tải lại.', undefined);
  if (prepared.categoryIds) await replaceArticleCategories(trx, article.id, prepared.categoryIds, false);
  if (prepared.tagIds) await replaceArticleTags(trx, article.id, prepared.tagIds, false);
}

/**
 * Saves a new revision of an article's content (policy `article.edit`; or
 * `article.restore_revision`/`article.correct` through the commands below), records the
 * revision and appends the audit entry, all in the caller's transaction.
 * @returns the article as saved.
 */
export async function saveRevisionInTransaction(
  trx: Kysely<Database>,
  deps: NewsroomDeps,
  actor: Actor,
  article: NewsroomArticle,
  changes: ArticleChanges,
  options: { note: string | null; auditAction: string; address?: string | null | undefined; now: Date; force?: boolean },
): Promise<NewsroomArticle> {
  // A save that changes nothing is not a revision (it would also make a colleague's next save stale).
  if (!options.force && article.revision > 0 && !changesAnything(article, changes)) return article;
  if (article.revision > 0 && !(await getRevision(trx, article.id, article.revision))) {
    // An imported (or pre-newsroom) article has no snapshot of its current content yet: keep
    // it, so that the first edit can be compared with and undone.
    await recordRevision(trx, {
      articleId: article.id,
      revision: article.revision,
      title: article.title,
      lead: article.lead,
      body: article.body,
      metadata: revisionMetadata(article),
      actor: systemActor('import'),
      note: 'Nội dung trước lần sửa đầu tiên trong toà soạn (bản nhập)',
      at: new Date(article.updatedAt),
    });
  }
  await writeChanges(trx, article, changes, {}, options.now);
  await refreshSearchDocument(trx, article.id);
  const saved = (await findNewsroomArticle(trx, article.id))!;
  await recordRevision(trx, {
    articleId: saved.id,
    revision: saved.revision,
    title: saved.title,
    lead: saved.lead,
    body: saved.body,
    metadata: revisionMetadata(saved),
    actor,
    note: options.note,
    at: options.now,
  });
  // An edit of a scheduled original reaches its syndicated copies (before the audit entry: lock order).
  await propagateSave(trx, saved, options.now);
  await appendAudit(trx, {
    actor,
    action: options.auditAction,
    siteId: saved.siteId,
    subjectType: 'article',
    subjectId: saved.id,
    details: { revision: saved.revision, fields: Object.keys(changes).filter((k) => (changes as Record<string, unknown>)[k] !== undefined), ...(options.note ? { note: options.note } : {}) },
    address: options.address ?? null,
    at: options.now,
  });
  return saved;
}

/** Whether applying `changes` would change the article (compared after the same trimming the schema does). */
function changesAnything(article: NewsroomArticle, changes: ArticleChanges): boolean {
  const current: Record<string, unknown> = revisionMetadata(article);
  current.title = article.title;
  current.lead = article.lead;
  current.body = article.body;
  for (const [key, value] of Object.entries(changes)) {
    if (value === undefined) continue;
    if (key === 'body') {
      if (bodyHtmlOf(value as string) !== article.body) return true;
      continue;
    }
    if (JSON.stringify(value) !== JSON.stringify(current[key] ?? null)) return true;
  }
  return false;
}

/**
 * Creates a draft on a site (policy `article.create`), authored by the actor, revision 1.
 * The slug comes from the title (or the given one), unique on the site. An article supplied by
 * an API token is submitted at once (a token owns no drafts to come back to).
 * @returns the new article.
 * @throws ValidationError for unknown site, categories, cover or organisation.
 */
export async function createArticle(deps: NewsroomDeps, actor: Actor, rawInput: CreateArticleRequest, address?: string | null): Promise<NewsroomArticle> {
  const input = parseCommandInput(createArticleInput, rawInput);
  const site = deps.sites.getById(input.siteId);
  if (!site) throw new ValidationError([{ path: 'siteId', message: `không có trang ${input.siteId}` }]);
  authorize(actor, 'article.create', { siteId: site.id }, `trang ${site.id}`);
  const now = deps.clock();
  return deps.db.transaction().execute(async (trx) => {
    const base = input.slug ?? (slugify(input.title) || 'bai-viet');
    if (input.slug && (await isSlugTaken(trx, site.id, input.slug))) throw new ValidationError([{ path: 'slug', message: `đường dẫn "${input.slug}" đã có bài khác dùng trên trang này` }]);
    const slug = await uniqueSlug(base, (candidate) => isSlugTaken(trx, site.id, candidate));
    const at = now.toISOString();
    const inserted = await trx
      .insertInto('articles')
      .values({
        site_id: site.id,
        type: input.type ?? 'news',
        state: 'draft',
        title: input.title,
        body: '',
        slug,
        revision: 0,
        author_user_id: actorUserId(actor),
        source_organisation_id: actor.kind === 'member' ? actor.organisationId : null,
        byline: actor.kind === 'member' ? actor.displayName : null,
        state_changed_at: at,
        created_at: at,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const draft = (await findNewsroomArticle(trx, inserted.id))!;
    const { siteId: _siteId, slug: _slug, ...changes } = input;
    const saved = await saveRevisionInTransaction(trx, deps, actor, draft, { body: '', ...changes }, { note: null, auditAction: 'article.create', address, now });
    if (actor.kind !== 'token') return saved;
    // A machine client (API token) owns nothing it could come back to: what it supplies goes
    // straight to the site's editors' queue, as a submission.
    await trx.updateTable('articles').set({ state: 'submitted', state_changed_at: at }).where('id', '=', saved.id).execute();
    const eventId = await insertArticleEvent(trx, { articleId: saved.id, siteId: site.id, action: 'submit', fromState: 'draft', toState: 'submitted', actorUserId: null, actorLabel: actorLabel(actor), reason: null, at });
    await appendAudit(trx, { actor, action: 'article.submit', siteId: site.id, subjectType: 'article', subjectId: saved.id, details: { from: 'draft', to: 'submitted', revision: saved.revision }, address, at: now });
    await queueArticleNotifications(trx, {
      article: { id: saved.id, siteId: site.id, title: saved.title, authorUserId: null },
      transition: 'submitted',
      actor,
      reason: null,
      now,
      eventId,
      adminUrl: `${deps.config.publicUrl}/admin`,
      siteName: site.organisationShortName ?? site.name,
    });
    return (await findNewsroomArticle(trx, saved.id))!;
  });
}

/**
 * Saves changes to an article (policy `article.edit`), based on `input.revision`.
 * @throws ConflictError (409) with the current article when someone saved in between.
 */
export async function updateArticle(deps: NewsroomDeps, actor: Actor, articleId: number, rawInput: UpdateArticleRequest, address?: string | null): Promise<NewsroomArticle> {
  const now = deps.clock();
  const { revision, ...changes } = parseCommandInput(updateArticleInput, rawInput);
  const saved = await deps.db.transaction().execute(async (trx) => {
    const article = await loadForWrite(trx, deps, actor, articleId, 'article.edit', revision);
    return saveRevisionInTransaction(trx, deps, actor, article, changes, { note: null, auditAction: 'article.edit', address, now });
  });
  if (saved.state === 'scheduled') deps.fanout?.kick(); // its copies may have jobs now
  return saved;
}

/**
 * Restores an old revision as a new one (policy `article.restore_revision`): its title, lead,
 * body and metadata become the article's content again; history is kept.
 * @throws ValidationError (`revision`) when that revision does not exist.
 */
export async function restoreArticleRevision(
  deps: NewsroomDeps,
  actor: Actor,
  articleId: number,
  input: { revision: number; restore: number },
  address?: string | null,
): Promise<NewsroomArticle> {
  const now = deps.clock();
  const saved = await deps.db.transaction().execute(async (trx) => {
    const article = await loadForWrite(trx, deps, actor, articleId, 'article.restore_revision', input.revision);
    const old = await getRevision(trx, articleId, input.restore);
    if (!old) throw new ValidationError([{ path: 'restore', message: `bài không có phiên bản ${input.restore}` }]);
    const m = old.metadata as Record<string, unknown>;
    const changes: ArticleChanges = {
      title: old.title,
      lead: old.lead,
      body: old.body,
      ...(typeof m.type === 'string' ? { type: m.type as ArticleChanges['type'] } : {}),
      byline: (m.byline as string | null) ?? null,
      sourceName: (m.sourceName as string | null) ?? null,
      sourceUrl: (m.sourceUrl as string | null) ?? null,
      coverAlt: (m.coverAlt as string | null) ?? null,
      coverCaption: (m.coverCaption as string | null) ?? null,
      ...(Array.isArray(m.tagNames) ? { tagNames: m.tagNames as string[] } : {}),
    };
    // References that may have gone since (a deleted category or image) are dropped, not refused.
    if (Array.isArray(m.categoryIds)) {
      const rows = await trx.selectFrom('categories').select('id').where('site_id', '=', article.siteId).execute();
      const live = new Set(rows.map((r) => r.id));
      changes.categoryIds = (m.categoryIds as number[]).filter((id) => live.has(id));
    }
    return saveRevisionInTransaction(trx, deps, actor, article, changes, { note: `Khôi phục từ phiên bản ${input.restore}`, auditAction: 'article.restore_revision', address, now });
  });
  if (saved.state === 'scheduled') deps.fanout?.kick(); // its copies may have jobs now
  return saved;
}
