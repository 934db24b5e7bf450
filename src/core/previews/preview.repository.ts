/**
 * All SQL of preview links, and the read of an article's CURRENT content shaped as the public
 * page needs it (core/articles/public-article.repository.ts `PublicArticle`), without the
 * public visibility rule: a preview shows drafts and scheduled articles on purpose, and only
 * through a valid token (preview-article.ts).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { articleSummarySelection, articleTermsOf, toArticleSummary, type PublicArticle } from '../articles/public-article.repository.ts';
import type { PreviewLink } from './preview-link.ts';

type Db = Kysely<Database>;

function linkQuery(db: Db) {
  return db
    .selectFrom('preview_links')
    .leftJoin('users', 'users.id', 'preview_links.created_by_user_id')
    .select([
      'preview_links.id',
      'preview_links.article_id',
      'preview_links.created_by_user_id',
      'users.display_name as created_by_name',
      'preview_links.created_at',
      'preview_links.expires_at',
      'preview_links.revoked_at',
    ]);
}

type LinkRow = Awaited<ReturnType<ReturnType<typeof linkQuery>['executeTakeFirstOrThrow']>>;

function toLink(r: LinkRow): PreviewLink {
  return {
    id: r.id,
    articleId: r.article_id,
    createdByUserId: r.created_by_user_id,
    createdByName: r.created_by_name,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    revokedAt: r.revoked_at,
  };
}

/** Stores a new link (the token's hash only). @returns its id. */
export async function insertPreviewLink(db: Db, row: { articleId: number; tokenHash: string; createdByUserId: number | null; expiresAt: string; createdAt: string }): Promise<number> {
  const inserted = await db
    .insertInto('preview_links')
    .values({ article_id: row.articleId, token_hash: row.tokenHash, created_by_user_id: row.createdByUserId, expires_at: row.expiresAt, revoked_at: null, created_at: row.createdAt })
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

/** One link of an article by id, or undefined. */
export async function findPreviewLink(db: Db, articleId: number, linkId: number): Promise<PreviewLink | undefined> {
  const row = await linkQuery(db).where('preview_links.id', '=', linkId).where('preview_links.article_id', '=', articleId).executeTakeFirst();
  return row ? toLink(row) : undefined;
}

/** The link whose token hashes to `tokenHash`, or undefined (whatever its state). */
export async function findPreviewLinkByTokenHash(db: Db, tokenHash: string): Promise<PreviewLink | undefined> {
  const row = await linkQuery(db).where('preview_links.token_hash', '=', tokenHash).executeTakeFirst();
  return row ? toLink(row) : undefined;
}

/** Every link of an article, newest first. */
export async function listPreviewLinks(db: Db, articleId: number): Promise<PreviewLink[]> {
  const rows = await linkQuery(db).where('preview_links.article_id', '=', articleId).orderBy('preview_links.created_at', 'desc').orderBy('preview_links.id', 'desc').execute();
  return rows.map(toLink);
}

/** Marks a link revoked at `at` (only if it was not already). @returns whether it changed. */
export async function markPreviewLinkRevoked(db: Db, linkId: number, at: string): Promise<boolean> {
  const result = await db.updateTable('preview_links').set({ revoked_at: at }).where('id', '=', linkId).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}


/**
 * An article's current content in the public page's shape, whatever its state.
 * `publishedAt` is the scheduled or published time, or `now` for an article with none yet
 * (what the page would show if it were approved now).
 * @returns null when the article does not exist.
 */
export async function loadArticleAsPublic(db: Db, articleId: number, now: Date): Promise<PublicArticle | null> {
  const r = await articleSummarySelection(db)
    .leftJoin('organisations', 'organisations.id', 'articles.source_organisation_id')
    .where('articles.id', '=', articleId)
    .select([
      'articles.body',
      'articles.byline',
      'articles.source_name',
      'articles.source_url',
      'articles.revision',
      'articles.updated_at',
      'organisations.name as source_org_name',
    ])
    .executeTakeFirst();
  if (!r) return null;
  const { categories, tags } = await articleTermsOf(db, r.id);
  return {
    ...toArticleSummary({ ...r, published_at: r.published_at ?? now.toISOString() }),
    body: r.body,
    byline: r.byline,
    sourceName: r.source_name,
    sourceOrganisationName: r.source_org_name,
    sourceUrl: r.source_url,
    revision: r.revision,
    updatedAt: r.updated_at,
    categories,
    tags,
  };
}
