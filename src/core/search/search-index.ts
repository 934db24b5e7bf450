/**
 * Keeping the search index in step with article content. The commands that change content
 * call these inside their own transaction (the newsroom's save in articles/write-article.ts,
 * the importer in import/import-articles.ts), so the index never disagrees with what was
 * committed. State changes (publish, schedule, withdraw) need no call: visibility is decided
 * at query time. `cong search reindex` rebuilds everything with {@link reindexSearch}.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { searchBackend } from './search-backend.ts';
import { buildSearchDocument, type SearchDocumentSource } from './search-document.ts';
import { engineOf } from './search-filters.ts';

/** Articles read per round while rebuilding. */
const REINDEX_BATCH = 500;

async function loadSources(db: Kysely<Database>, articleIds: number[]): Promise<Map<number, SearchDocumentSource>> {
  const out = new Map<number, SearchDocumentSource>();
  if (!articleIds.length) return out;
  const rows = await db.selectFrom('articles').select(['id', 'title', 'lead', 'body']).where('id', 'in', articleIds).execute();
  for (const r of rows) out.set(r.id, { title: r.title, lead: r.lead, body: r.body, tagNames: [] });
  const tags = await db
    .selectFrom('article_tags')
    .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
    .select(['article_tags.article_id', 'tags.name'])
    .where('article_tags.article_id', 'in', articleIds)
    .orderBy('tags.name')
    .execute();
  for (const t of tags) out.get(t.article_id)?.tagNames.push(t.name);
  return out;
}

/**
 * Rebuilds the search documents of these articles from what is stored now (title, lead, body,
 * tag names); ids of articles that no longer exist lose their document. Call inside the
 * transaction that changed the content.
 * @param trx the transaction (or handle) that wrote the articles
 * @param articleIds the articles to refresh
 */
export async function refreshSearchDocuments(trx: Kysely<Database>, articleIds: number[]): Promise<void> {
  const ids = [...new Set(articleIds)];
  if (!ids.length) return;
  const backend = searchBackend(engineOf(trx));
  const sources = await loadSources(trx, ids);
  const gone = ids.filter((id) => !sources.has(id));
  if (gone.length) await backend.removeDocuments(trx, gone);
  await backend.writeDocuments(
    trx,
    [...sources].map(([articleId, source]) => ({ articleId, doc: buildSearchDocument(source) })),
  );
}

/**
 * Rebuilds one article's search document from what is stored now. The newsroom's save path
 * (`saveRevisionInTransaction`) calls it after every content save, in the same transaction.
 * @param trx the transaction that saved the article
 * @param articleId the article
 */
export async function refreshSearchDocument(trx: Kysely<Database>, articleId: number): Promise<void> {
  await refreshSearchDocuments(trx, [articleId]);
}

/**
 * Writes one article's search document from content the caller already holds, without reading
 * it back: the importer's path, where every item is written and indexed in one go.
 * @param trx the transaction that wrote the article
 * @param articleId the article
 * @param source its title, lead, stored body HTML and tag names, as written
 */
export async function indexArticleContent(trx: Kysely<Database>, articleId: number, source: SearchDocumentSource): Promise<void> {
  await searchBackend(engineOf(trx)).writeDocuments(trx, [{ articleId, doc: buildSearchDocument(source) }]);
}

/**
 * Removes an article's search document (for a command that deletes the article; on
 * PostgreSQL the row also goes with the article by foreign key).
 */
export async function removeSearchDocument(trx: Kysely<Database>, articleId: number): Promise<void> {
  await searchBackend(engineOf(trx)).removeDocuments(trx, [articleId]);
}

/** What {@link reindexSearch} did. */
export interface ReindexSummary {
  /** Documents written. */
  documents: number;
  /** Documents removed because their article no longer exists. */
  removed: number;
}

/**
 * Rebuilds the whole index from the articles table, in rounds of 500 articles, each in its own
 * transaction, so readers keep finding everything while it runs and writers are never held up
 * for long. Documents of articles that no longer exist are removed at the end; on SQLite the
 * index is then merged into one segment (FTS5 `optimize`).
 *
 * @param db the database handle
 * @param options.onProgress called after each round with articles done and the total
 * @returns how many documents were written and removed
 */
export async function reindexSearch(db: Kysely<Database>, options: { onProgress?: (done: number, total: number) => void } = {}): Promise<ReindexSummary> {
  const engine = engineOf(db);
  const backend = searchBackend(engine);
  const count = await db.selectFrom('articles').select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow();
  const total = Number(count.n);
  let done = 0;
  let lastId = 0;
  options.onProgress?.(0, total);
  for (;;) {
    const batch = await db.selectFrom('articles').select('id').where('id', '>', lastId).orderBy('id').limit(REINDEX_BATCH).execute();
    if (!batch.length) break;
    const ids = batch.map((r) => r.id);
    await db.transaction().execute((trx) => refreshSearchDocuments(trx, ids));
    lastId = ids[ids.length - 1]!;
    done += ids.length;
    options.onProgress?.(done, Math.max(total, done));
  }
  const removed = await backend.removeOrphans(db);
  if (engine === 'sqlite') await sql`INSERT INTO search_fts(search_fts) VALUES ('optimize')`.execute(db);
  return { documents: done, removed };
}
