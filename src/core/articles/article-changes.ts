/**
 * Turns an editor's changes into the row values to store, checking every reference against
 * the article's site: categories and the cover image must belong to it, the source
 * organisation must exist. Body HTML is sanitised here, on write (DESIGN.md §3).
 */
import type { Kysely } from 'kysely';
import type { ArticleRowUpdate, Database } from '../db/database.ts';
import { ValidationError, type FieldIssue } from '../errors.ts';
import { slugify } from '../text/index.ts';
import { findOrCreateNamed } from '../import/import.repository.ts';
import { paragraphsToHtml, sanitizeArticleHtml } from './sanitize-body.ts';
import type { ArticleChanges } from './article.schema.ts';
import { foreignCategoryIds, isSiteMedia, organisationExists } from './newsroom-article.repository.ts';

/**
 * The stored HTML of a body as given: sanitised HTML; a body with no markup at all is taken as
 * plain text, one paragraph per blank-line-separated block (line breaks inside kept as spaces).
 */
export function bodyHtmlOf(body: string): string {
  if (!/<[a-zA-Z!/]/.test(body)) return paragraphsToHtml(body.split(/\n\s*\n/).map((p) => p.replace(/\s*\n\s*/g, ' ')));
  return sanitizeArticleHtml(body);
}

/** What to write: row columns, and the new category and tag links when they changed. */
export interface PreparedChanges {
  row: ArticleRowUpdate;
  /** Category ids, primary first; undefined when unchanged. */
  categoryIds?: number[];
  /** Tag ids; undefined when unchanged. */
  tagIds?: number[];
}

/**
 * Validates references and prepares the values. Creates tags that do not exist yet (inside
 * the caller's transaction, so a refused save creates none).
 * @throws ValidationError naming each bad field (`categoryIds`, `coverMediaId`, `body`…).
 */
export async function prepareArticleChanges(trx: Kysely<Database>, siteId: number, changes: ArticleChanges, now: Date): Promise<PreparedChanges> {
  const issues: FieldIssue[] = [];
  const row: ArticleRowUpdate = {};
  if (changes.type !== undefined) row.type = changes.type;
  if (changes.title !== undefined) row.title = changes.title;
  if (changes.lead !== undefined) row.lead = changes.lead;
  if (changes.body !== undefined) row.body = bodyHtmlOf(changes.body);
  if (changes.byline !== undefined) row.byline = changes.byline;
  if (changes.sourceName !== undefined) row.source_name = changes.sourceName;
  if (changes.sourceUrl !== undefined) row.source_url = changes.sourceUrl;
  if (changes.sourceOrganisationId !== undefined) {
    if (changes.sourceOrganisationId !== null && !(await organisationExists(trx, changes.sourceOrganisationId))) {
      issues.push({ path: 'sourceOrganisationId', message: `không có cơ quan có mã ${changes.sourceOrganisationId}` });
    }
    row.source_organisation_id = changes.sourceOrganisationId;
  }
  if (changes.coverMediaId !== undefined) {
    if (changes.coverMediaId !== null && !(await isSiteMedia(trx, siteId, changes.coverMediaId))) {
      issues.push({ path: 'coverMediaId', message: `ảnh ${changes.coverMediaId} không có trong thư viện của trang này` });
    }
    row.cover_media_id = changes.coverMediaId;
  }
  if (changes.coverAlt !== undefined) row.cover_alt = changes.coverAlt;
  if (changes.coverCaption !== undefined) row.cover_caption = changes.coverCaption;
  if (changes.featured !== undefined) row.featured = changes.featured ? 1 : 0;
  const prepared: PreparedChanges = { row };
  if (changes.categoryIds !== undefined) {
    const ids = [...new Set(changes.categoryIds)];
    const foreign = await foreignCategoryIds(trx, siteId, ids);
    if (foreign.length) issues.push({ path: 'categoryIds', message: `chuyên mục ${foreign.join(', ')} không thuộc trang này` });
    prepared.categoryIds = ids;
    row.primary_category_id = ids[0] ?? null;
  }
  if (changes.tagNames !== undefined) {
    const wanted = new Map<string, string>();
    for (const name of changes.tagNames) {
      const slug = slugify(name);
      if (!slug) issues.push({ path: 'tagNames', message: `thẻ "${name}" không có chữ hay số nào` });
      else if (!wanted.has(slug)) wanted.set(slug, name);
    }
    if (issues.length === 0) {
      const found = await findOrCreateNamed(trx, 'tags', siteId, wanted, now.toISOString());
      prepared.tagIds = [...wanted.keys()].map((slug) => found.get(slug)!.id);
    }
  }
  if (issues.length) throw new ValidationError(issues);
  return prepared;
}
