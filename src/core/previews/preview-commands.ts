/**
 * The commands of preview links: make one (the token is returned once), revoke one, list an
 * article's links, and open one (the public preview page). Making and revoking are each one
 * transaction with one audit entry. Policy: whoever may read the article (`article.read`) may
 * make a link and list its links (they could show the text anyway); a link is revoked by its
 * maker or by someone who may edit the article.
 */
import type { Core } from '../create-core.ts';
import { type Actor, actorUserId } from '../policy/actor.ts';
import { authorize, can } from '../policy/policy.ts';
import { appendAudit } from '../audit/audit.ts';
import { NotFoundError, ForbiddenError, parseCommandInput } from '../errors.ts';
import { hashToken, randomToken } from '../users/user.ts';
import { findNewsroomArticle, type NewsroomArticle } from '../articles/newsroom-article.repository.ts';
import { policyTargetOf } from '../articles/write-article.ts';
import type { PublicArticle } from '../articles/public-article.repository.ts';
import { createPreviewLinkInput, isPreviewLinkActive, looksLikePreviewToken, previewPath, type CreatePreviewLinkRequest, type PreviewLink } from './preview-link.ts';
import { findPreviewLink, findPreviewLinkByTokenHash, insertPreviewLink, listPreviewLinks, loadArticleAsPublic, markPreviewLinkRevoked } from './preview.repository.ts';

/** What the preview commands need from the core. */
export type PreviewDeps = Pick<Core, 'db' | 'clock' | 'sites' | 'config'>;

async function readableArticle(deps: PreviewDeps, actor: Actor, articleId: number): Promise<NewsroomArticle> {
  const article = await findNewsroomArticle(deps.db, articleId);
  if (!article) throw new NotFoundError(`bài viết ${articleId}`);
  authorize(actor, 'article.read', policyTargetOf(deps, article), `bài viết ${articleId}`);
  return article;
}

/** A new link as its maker sees it, once: the absolute URL carries the token. */
export interface CreatedPreviewLink extends PreviewLink {
  /** Absolute URL on the network's default host: `https://…/xem-truoc/<token>`. */
  url: string;
}

/**
 * Makes a preview link of an article (policy `article.read`), valid `expiresInHours` hours
 * (1–168, default 48) from the core's clock. Audited as `preview.create` (never the token).
 * @returns the link with its URL (the only time the token is given out).
 * @throws NotFoundError when the article does not exist or the actor may not read it.
 * @throws ValidationError (`expiresInHours`) for a lifetime outside 1 h – 7 days.
 */
export async function createPreviewLink(deps: PreviewDeps, actor: Actor, articleId: number, rawInput: CreatePreviewLinkRequest, address?: string | null): Promise<CreatedPreviewLink> {
  const input = parseCommandInput(createPreviewLinkInput, rawInput ?? {});
  const now = deps.clock();
  const token = randomToken(32);
  const expiresAt = new Date(now.getTime() + input.expiresInHours * 3600_000).toISOString();
  const id = await deps.db.transaction().execute(async (trx) => {
    const article = await findNewsroomArticle(trx, articleId);
    if (!article) throw new NotFoundError(`bài viết ${articleId}`);
    authorize(actor, 'article.read', policyTargetOf(deps, article), `bài viết ${articleId}`);
    const linkId = await insertPreviewLink(trx, { articleId, tokenHash: hashToken(token), createdByUserId: actorUserId(actor), expiresAt, createdAt: now.toISOString() });
    await appendAudit(trx, {
      actor,
      action: 'preview.create',
      siteId: article.siteId,
      subjectType: 'article',
      subjectId: article.id,
      details: { previewLinkId: linkId, expiresAt, expiresInHours: input.expiresInHours },
      address: address ?? null,
      at: now,
    });
    return linkId;
  });
  const link = (await findPreviewLink(deps.db, articleId, id))!;
  return { ...link, url: `${deps.config.publicUrl}${previewPath(token)}` };
}

/**
 * Revokes a preview link at once (the page answers 404 from then on). Allowed to the link's
 * maker and to whoever may edit the article (`article.edit`); both must be able to read it.
 * Audited as `preview.revoke`. Revoking a revoked link changes nothing and is not audited again.
 * @returns the link as it now is.
 * @throws NotFoundError for an unknown article or link, or an article the actor may not read.
 * @throws ForbiddenError for someone else's link on an article the actor may not edit.
 */
export async function revokePreviewLink(deps: PreviewDeps, actor: Actor, articleId: number, linkId: number, address?: string | null): Promise<PreviewLink> {
  const now = deps.clock();
  await deps.db.transaction().execute(async (trx) => {
    const article = await findNewsroomArticle(trx, articleId);
    if (!article) throw new NotFoundError(`bài viết ${articleId}`);
    const target = policyTargetOf(deps, article);
    authorize(actor, 'article.read', target, `bài viết ${articleId}`);
    const link = await findPreviewLink(trx, articleId, linkId);
    if (!link) throw new NotFoundError(`đường dẫn xem trước ${linkId}`);
    const own = link.createdByUserId !== null && link.createdByUserId === actorUserId(actor);
    if (!own && !can(actor, 'article.edit', target)) throw new ForbiddenError('Chỉ người tạo đường dẫn hoặc người được sửa bài mới thu hồi được đường dẫn xem trước này.');
    if (await markPreviewLinkRevoked(trx, linkId, now.toISOString())) {
      await appendAudit(trx, {
        actor,
        action: 'preview.revoke',
        siteId: article.siteId,
        subjectType: 'article',
        subjectId: article.id,
        details: { previewLinkId: linkId },
        address: address ?? null,
        at: now,
      });
    }
  });
  return (await findPreviewLink(deps.db, articleId, linkId))!;
}

/**
 * The preview links of an article, newest first, with whether each still opens (policy
 * `article.read`). Tokens are never listed (only their hashes are stored).
 * @throws NotFoundError when the article does not exist or the actor may not read it.
 */
export async function listArticlePreviewLinks(deps: PreviewDeps, actor: Actor, articleId: number): Promise<(PreviewLink & { active: boolean })[]> {
  await readableArticle(deps, actor, articleId);
  const now = deps.clock();
  return (await listPreviewLinks(deps.db, articleId)).map((l) => ({ ...l, active: isPreviewLinkActive(l, now) }));
}

/**
 * Opens a preview: the article's current content (not the published one) in the public
 * page's shape, for a token that is known, not revoked and not expired at the core's clock.
 * Needs no account: the token is the permission.
 * @returns null for an unknown, malformed, expired or revoked token (answered as one 404).
 */
export async function openPreview(deps: PreviewDeps, token: string): Promise<{ link: PreviewLink; article: PublicArticle } | null> {
  if (!looksLikePreviewToken(token)) return null;
  const link = await findPreviewLinkByTokenHash(deps.db, hashToken(token));
  const now = deps.clock();
  if (!link || !isPreviewLinkActive(link, now)) return null;
  const article = await loadArticleAsPublic(deps.db, link.articleId, now);
  return article ? { link, article } : null;
}
