/**
 * The import command (DESIGN.md §2.9): writes a stream of `ImportedArticle`s into one site,
 * idempotently. Each item is all-or-nothing — a bad item leaves no row behind and never stops
 * the rest — and is identified by its import key, so running an import again changes nothing,
 * and running it on changed sources updates exactly the changed articles.
 */
import type { ControlledTransaction, Kysely } from 'kysely';
import { sanitizeArticleHtml } from '../articles/sanitize-body.ts';
import type { Clock } from '../clock.ts';
import type { Database } from '../db/database.ts';
import { NotFoundError } from '../errors.ts';
import { normalizeWhitespace, slugify, uniqueSlug } from '../text/index.ts';
import { importHash, toItemError, type ImportItem, type ImportSummary } from './import.ts';
import {
  findImportTarget,
  findOrCreateNamed,
  insertImportedArticle,
  isArticleSlugTaken,
  replaceArticleCategories,
  replaceArticleTags,
  siteExists,
  updateImportedArticle,
  type Executor,
  type NamedTable,
} from './import.repository.ts';
import { parseImportedArticle, type ImportedArticle } from './imported-article.schema.ts';

/** What the importer needs from the outside: the database and the clock. */
export interface ImportDeps {
  db: Kysely<Database>;
  clock: Clock;
}

/** Options of {@link importArticles}. */
export interface ImportOptions {
  /** The site that receives the articles. */
  siteId: number;
  /** Category given to items that name none (created if missing). */
  defaultCategoryName?: string;
  /** Number of items expected, passed on to `onProgress` (when the caller knows it). */
  total?: number;
  /** Called after each item with the number of items done so far and `total`. */
  onProgress?: (done: number, total?: number) => void;
}

/** Longest article slug, in characters (the `slugify` default). */
const SLUG_MAX = 80;
const FALLBACK_SLUG = 'bai-viet';

type Outcome = 'imported' | 'updated' | 'skipped';

/**
 * Ids of categories and tags known to exist, by slug, so each is looked up once per run. Rows
 * created inside the open transaction are trusted only once it commits; on a rollback they
 * are forgotten.
 */
class SlugCache {
  private readonly committed = new Map<string, number>();
  private readonly uncommitted = new Map<string, number>();
  private readonly slugs = new Map<string, string>();
  /** `slugify(name)`, remembered: the same few names come with every item. */
  slugOf(name: string): string {
    let slug = this.slugs.get(name);
    if (slug === undefined) {
      slug = slugify(name, SLUG_MAX);
      this.slugs.set(name, slug);
    }
    return slug;
  }
  get(slug: string): number | undefined {
    return this.committed.get(slug) ?? this.uncommitted.get(slug);
  }
  add(slug: string, id: number, created: boolean): void {
    (created ? this.uncommitted : this.committed).set(slug, id);
  }
  commit(): void {
    for (const [slug, id] of this.uncommitted) this.committed.set(slug, id);
    this.uncommitted.clear();
  }
  rollback(): void {
    this.uncommitted.clear();
  }
}

interface RunState {
  readonly siteId: number;
  readonly now: string;
  readonly categories: SlugCache;
  readonly tags: SlugCache;
}

/** Ids for category or tag names, in the order given (names without a slug are left out). */
async function resolveIds(trx: Executor, state: RunState, table: NamedTable, names: string[], cache: SlugCache): Promise<number[]> {
  const slugs: string[] = [];
  const missing = new Map<string, string>();
  for (const name of names) {
    const slug = cache.slugOf(name);
    if (slug === '') continue; // a name without letters or digits cannot have a URL
    slugs.push(slug);
    if (cache.get(slug) === undefined && !missing.has(slug)) missing.set(slug, name);
  }
  if (missing.size > 0) {
    for (const [slug, { id, created }] of await findOrCreateNamed(trx, table, state.siteId, missing, state.now)) cache.add(slug, id, created);
  }
  return slugs.map((slug) => cache.get(slug)!);
}

/** Writes one validated item inside `trx`. */
async function writeItem(trx: Executor, state: RunState, item: ImportedArticle, hash: string): Promise<Outcome> {
  const wantedSlug = slugify(item.title, SLUG_MAX) || FALLBACK_SLUG;
  const { existing, slugTaken } = await findImportTarget(trx, state.siteId, item.importKey, wantedSlug);
  if (existing && existing.importHash === hash) return 'skipped';

  const categoryIds = await resolveIds(trx, state, 'categories', item.categoryNames, state.categories);
  const tagIds = await resolveIds(trx, state, 'tags', item.tags, state.tags);
  const fields = {
    type: item.type,
    title: item.title,
    lead: item.lead ?? null,
    body: sanitizeArticleHtml(item.bodyHtml),
    byline: item.byline ?? null,
    sourceName: item.sourceName ?? null,
    sourceUrl: item.sourceUrl ?? null,
    publishedAt: item.publishedAt,
    publishedPrecision: item.publishedPrecision,
    primaryCategoryId: categoryIds[0] ?? null,
    importHash: hash,
  };

  if (existing) {
    await updateImportedArticle(trx, state.siteId, existing.id, existing.revision + 1, fields, state.now);
    await replaceArticleCategories(trx, existing.id, categoryIds, false);
    await replaceArticleTags(trx, existing.id, tagIds, false);
    return 'updated';
  }
  const slug = await uniqueSlug(
    wantedSlug,
    (candidate) => (candidate === wantedSlug ? slugTaken : isArticleSlugTaken(trx, state.siteId, candidate)),
    SLUG_MAX,
  );
  const id = await insertImportedArticle(trx, state.siteId, item.importKey, slug, fields, state.now);
  await replaceArticleCategories(trx, id, categoryIds, true);
  await replaceArticleTags(trx, id, tagIds, true);
  return 'imported';
}

/** Items written per batch transaction (see `importArticles`). */
const BATCH_SIZE = 250;

/** A valid item waiting in the open batch, kept so it can be written again alone. */
interface Pending {
  source: string;
  item: ImportedArticle;
  hash: string;
  now: string;
  outcome?: Outcome;
}

/**
 * Imports articles into one site. For every item:
 * 1. validate it again ({@link parseImportedArticle}; items from any source are untrusted);
 *    an item without categories gets `defaultCategoryName`;
 * 2. hash it (SHA-256 of its canonical JSON, see `importHash`) and look up the site's article
 *    with the same import key: same hash → `skipped` (nothing written);
 * 3. find or create its categories and tags by slug within the site (names as given);
 * 4. new → insert as `published`, revision 1, with a slug unique in the site (slugified title,
 *    then `-2`, `-3`…); existing → update its fields, replace its categories and tags,
 *    revision + 1, same slug and state.
 * The body is sanitised on write (`sanitizeArticleHtml`).
 *
 * Transactions: items are written in batches of up to 250 per transaction, because a commit
 * per item costs more than the item itself. When an item fails inside a batch, the whole batch
 * is rolled back and each of its items is written again in a transaction of its own; so every
 * item is all-or-nothing, a bad item leaves no partial rows and never stops the others. A
 * failed item (given as `{ error }`, invalid, or refused by the database) is counted in
 * `failed` and listed in `errors` with its source (`file:line`) and field.
 *
 * @param deps the database and the clock (its time becomes created_at/updated_at).
 * @param options the site, an optional default category and a progress callback.
 * @param items the items, in order, e.g. from `readNewsJsonl` (consumed once, lazily).
 * @returns counts of imported, updated, skipped and failed items, and the errors.
 * @throws {NotFoundError} when the site does not exist (before anything is written).
 * @throws whatever `items` throws while iterating (e.g. `ImportSourceError` when the source
 *   file becomes unreadable); the items before it are committed.
 */
export async function importArticles(deps: ImportDeps, options: ImportOptions, items: AsyncIterable<ImportItem> | Iterable<ImportItem>): Promise<ImportSummary> {
  if (!(await siteExists(deps.db, options.siteId))) throw new NotFoundError(`trang (site) ${options.siteId}`);
  const summary: ImportSummary = { imported: 0, updated: 0, skipped: 0, failed: 0, errors: [] };
  const categories = new SlugCache();
  const tags = new SlugCache();
  const stateAt = (now: string): RunState => ({ siteId: options.siteId, now, categories, tags });
  const defaultCategory = options.defaultCategoryName ? normalizeWhitespace(options.defaultCategoryName) : '';
  let batch: ControlledTransaction<Database> | null = null;
  let pending: Pending[] = [];
  let done = 0;

  const fail = (p: Pending, error: unknown): void => {
    summary.failed++;
    const why = error instanceof Error ? error.message : String(error);
    summary.errors.push({ source: p.source, field: '(lưu)', message: `Không lưu được bài "${p.item.title}" (could not write): ${why}` });
  };
  const rollbackCaches = (): void => {
    categories.rollback();
    tags.rollback();
  };
  const commitCaches = (): void => {
    categories.commit();
    tags.commit();
  };
  /** One item, one transaction: the slow path after a batch failed. */
  const writeAlone = async (p: Pending): Promise<void> => {
    try {
      const outcome = await deps.db.transaction().execute((trx) => writeItem(trx, stateAt(p.now), p.item, p.hash));
      commitCaches();
      summary[outcome]++;
    } catch (error) {
      rollbackCaches();
      fail(p, error);
    }
  };
  /** Rolls the open batch back and writes its items (plus `failing`) one by one. */
  const replay = async (failing?: Pending): Promise<void> => {
    const trx = batch;
    const items = pending;
    batch = null;
    pending = [];
    try {
      await trx?.rollback().execute();
    } catch {
      // already rolled back by the engine
    }
    rollbackCaches();
    for (const p of items) await writeAlone(p);
    if (failing) await writeAlone(failing);
  };
  const commitBatch = async (): Promise<void> => {
    if (!batch) return;
    try {
      await batch.commit().execute();
    } catch {
      await replay();
      return;
    }
    commitCaches();
    for (const p of pending) summary[p.outcome!]++;
    batch = null;
    pending = [];
  };

  try {
    for await (const { source, item } of items) {
      try {
        if (item === null || typeof item !== 'object') {
          // a caller outside the type system handed over something else: report, do not crash
          summary.failed++;
          summary.errors.push({ source, field: '(bài)', message: 'Mục nhập không có bài (expected { source, item })' });
          continue;
        }
        if ('error' in item) {
          summary.failed++;
          summary.errors.push({ source, field: item.error.field, message: item.error.message });
          continue;
        }
        let valid: ImportedArticle;
        try {
          valid = parseImportedArticle(item);
          if (valid.categoryNames.length === 0 && defaultCategory) valid = { ...valid, categoryNames: [defaultCategory] };
        } catch (error) {
          summary.failed++;
          summary.errors.push({ source, ...toItemError(error) });
          continue;
        }
        const p: Pending = { source, item: valid, hash: importHash(valid), now: deps.clock().toISOString() };
        batch ??= await deps.db.startTransaction().execute();
        try {
          p.outcome = await writeItem(batch, stateAt(p.now), p.item, p.hash);
          pending.push(p);
        } catch {
          await replay(p);
        }
        if (pending.length >= BATCH_SIZE) await commitBatch();
      } finally {
        done++;
        options.onProgress?.(done, options.total);
      }
    }
  } finally {
    await commitBatch();
  }
  return summary;
}
