/**
 * All SQL of the importer: articles looked up by their import key, categories and tags found
 * or created by slug, article rows inserted or updated, their category and tag links
 * replaced. Every function takes the handle to use (the caller's transaction) and the site,
 * so no query forgets its site. Same SQL on SQLite and PostgreSQL.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/database.ts';

/** A database handle or an open transaction on it. */
export type Executor = Kysely<Database> | Transaction<Database>;

/** What the importer needs to know about an article that was imported before. */
export interface ImportedArticleRef {
  id: number;
  slug: string;
  revision: number;
  importHash: string | null;
}

/** The article columns an import writes (both on insert and on update). */
export interface ImportedArticleFields {
  type: string;
  title: string;
  lead: string | null;
  body: string;
  byline: string | null;
  sourceName: string | null;
  sourceUrl: string | null;
  publishedAt: string;
  publishedPrecision: string;
  primaryCategoryId: number | null;
  importHash: string;
}

/** True when the site exists. */
export async function siteExists(db: Executor, siteId: number): Promise<boolean> {
  const row = await db.selectFrom('sites').select('id').where('id', '=', siteId).executeTakeFirst();
  return row !== undefined;
}

/**
 * In one query: the article of `siteId` imported under `importKey` (if any), and whether
 * another article of the site already uses `slug` (the slug a new article would want).
 * Saves a round trip per new article, which matters when importing thousands.
 *
 * @param slug the wanted slug, or null to skip that check (then `slugTaken` is false).
 */
export async function findImportTarget(
  db: Executor,
  siteId: number,
  importKey: string,
  slug: string | null,
): Promise<{ existing: ImportedArticleRef | undefined; slugTaken: boolean }> {
  const rows = await db
    .selectFrom('articles')
    .select(['id', 'slug', 'revision', 'import_hash', 'import_key'])
    .where('site_id', '=', siteId)
    .where((eb) => (slug === null ? eb('import_key', '=', importKey) : eb.or([eb('import_key', '=', importKey), eb('slug', '=', slug)])))
    .execute();
  const row = rows.find((r) => r.import_key === importKey);
  return {
    existing: row && { id: row.id, slug: row.slug, revision: Number(row.revision), importHash: row.import_hash },
    slugTaken: slug !== null && rows.some((r) => r.slug === slug),
  };
}

/** True when an article of `siteId` already uses `slug`. */
export async function isArticleSlugTaken(db: Executor, siteId: number, slug: string): Promise<boolean> {
  const row = await db.selectFrom('articles').select('id').where('site_id', '=', siteId).where('slug', '=', slug).executeTakeFirst();
  return row !== undefined;
}

/** Tables whose rows are named things of a site, unique by (site_id, slug). */
export type NamedTable = 'categories' | 'tags';

/**
 * Ids of the categories or tags of `siteId` with the given slugs, creating the missing ones
 * with their names (existing rows keep their own names). Two or three queries whatever the
 * number of names: one read, one multi-row insert that ignores conflicts on (site_id, slug),
 * and a read back only when a concurrent writer created some of them meanwhile.
 *
 * @param wanted slug → name, slugs non-empty and unique.
 * @returns slug → `{ id, created }` for every wanted slug.
 */
export async function findOrCreateNamed(
  db: Executor,
  table: NamedTable,
  siteId: number,
  wanted: Map<string, string>,
  now: string,
): Promise<Map<string, { id: number; created: boolean }>> {
  const out = new Map<string, { id: number; created: boolean }>();
  if (wanted.size === 0) return out;
  const slugs = [...wanted.keys()];
  const found = await db.selectFrom(table).select(['id', 'slug']).where('site_id', '=', siteId).where('slug', 'in', slugs).execute();
  for (const row of found) out.set(row.slug, { id: row.id, created: false });
  const missing = slugs.filter((slug) => !out.has(slug));
  if (missing.length === 0) return out;
  // New categories go after the site's own (its menu keeps the order its board chose).
  let position = 0;
  if (table === 'categories') {
    const last = await db.selectFrom('categories').select((eb) => eb.fn.max('position').as('p')).where('site_id', '=', siteId).executeTakeFirst();
    position = Number(last?.p ?? -1) + 1;
  }
  const inserted = await db
    .insertInto(table)
    .values(
      missing.map((slug, i) =>
        table === 'categories'
          ? { site_id: siteId, name: wanted.get(slug)!, slug, created_at: now, position: position + i }
          : { site_id: siteId, name: wanted.get(slug)!, slug, created_at: now },
      ),
    )
    .onConflict((oc) => oc.columns(['site_id', 'slug']).doNothing())
    .returning(['id', 'slug'])
    .execute();
  for (const row of inserted) out.set(row.slug, { id: row.id, created: true });
  const raced = missing.filter((slug) => !out.has(slug));
  if (raced.length > 0) {
    const rows = await db.selectFrom(table).select(['id', 'slug']).where('site_id', '=', siteId).where('slug', 'in', raced).execute();
    for (const row of rows) out.set(row.slug, { id: row.id, created: false });
  }
  return out;
}

/**
 * Inserts an imported article as published, revision 1.
 * @returns the new article's id.
 */
export async function insertImportedArticle(
  db: Executor,
  siteId: number,
  importKey: string,
  slug: string,
  fields: ImportedArticleFields,
  now: string,
): Promise<number> {
  const row = await db
    .insertInto('articles')
    .values({
      site_id: siteId,
      type: fields.type,
      state: 'published',
      title: fields.title,
      lead: fields.lead,
      body: fields.body,
      byline: fields.byline,
      source_name: fields.sourceName,
      source_url: fields.sourceUrl,
      slug,
      primary_category_id: fields.primaryCategoryId,
      published_at: fields.publishedAt,
      published_precision: fields.publishedPrecision,
      revision: 1,
      import_key: importKey,
      import_hash: fields.importHash,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Overwrites the imported fields of an article and moves it to `revision`. Slug, state and
 * creation time are kept.
 */
export async function updateImportedArticle(db: Executor, siteId: number, id: number, revision: number, fields: ImportedArticleFields, now: string): Promise<void> {
  await db
    .updateTable('articles')
    .set({
      type: fields.type,
      title: fields.title,
      lead: fields.lead,
      body: fields.body,
      byline: fields.byline,
      source_name: fields.sourceName,
      source_url: fields.sourceUrl,
      primary_category_id: fields.primaryCategoryId,
      published_at: fields.publishedAt,
      published_precision: fields.publishedPrecision,
      import_hash: fields.importHash,
      revision,
      updated_at: now,
    })
    .where('site_id', '=', siteId)
    .where('id', '=', id)
    .execute();
}

/**
 * Replaces an article's category links with `categoryIds` (duplicates ignored).
 * @param isNew true for an article inserted in this transaction: it has no links to delete.
 */
export async function replaceArticleCategories(db: Executor, articleId: number, categoryIds: number[], isNew: boolean): Promise<void> {
  if (!isNew) await db.deleteFrom('article_categories').where('article_id', '=', articleId).execute();
  const ids = [...new Set(categoryIds)];
  if (ids.length > 0) {
    await db.insertInto('article_categories').values(ids.map((category_id) => ({ article_id: articleId, category_id }))).execute();
  }
}

/**
 * Replaces an article's tag links with `tagIds` (duplicates ignored).
 * @param isNew true for an article inserted in this transaction: it has no links to delete.
 */
export async function replaceArticleTags(db: Executor, articleId: number, tagIds: number[], isNew: boolean): Promise<void> {
  if (!isNew) await db.deleteFrom('article_tags').where('article_id', '=', articleId).execute();
  const ids = [...new Set(tagIds)];
  if (ids.length > 0) {
    await db.insertInto('article_tags').values(ids.map((tag_id) => ({ article_id: articleId, tag_id }))).execute();
  }
}
