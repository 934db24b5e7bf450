/**
 * All SQL for revisions (`article_revisions`) and the article facts their policy checks need.
 * Rows in, domain objects out. No policy here: the callers (view-revisions.ts, the workflow's
 * save and restore commands) ask the policy first.
 */
import type { Kysely } from 'kysely';
import type { ArticleState } from '../articles/article.ts';
import type { ArticleRevisionRow, Database } from '../db/database.ts';
import { ConflictError } from '../errors.ts';
import { type Actor, actorLabel, actorUserId } from '../policy/actor.ts';
import type { Revision, RevisionMetadata, RevisionSummary } from './revision.ts';

/** What the policy needs to know about an article, plus its current revision number. */
export interface RevisionArticleFacts {
  id: number;
  siteId: number;
  authorUserId: number | null;
  state: ArticleState;
  /** The article's current revision number (`articles.revision`). */
  revision: number;
}

/** What the save command records for one save. */
export interface RecordRevisionInput {
  articleId: number;
  /** The article's revision number after this save (1 for the first). */
  revision: number;
  title: string;
  lead: string | null;
  /** The body as stored (already sanitised). */
  body: string;
  /** The other editable fields ({@link RevisionMetadata}: byline, source, categories, tags, cover, type…); JSON-serialisable. */
  metadata: Readonly<Record<string, unknown>>;
  actor: Actor;
  /** Why this revision exists when it is not a plain save: `restore of 3`, `correction`, `import`. */
  note?: string | null;
  /** When it was saved: the command's clock. */
  at: Date;
}

/**
 * Loads the facts of an article for the revision and comment policies.
 * @returns null when there is no such article
 */
export async function findRevisionArticleFacts(db: Kysely<Database>, articleId: number): Promise<RevisionArticleFacts | null> {
  const row = await db
    .selectFrom('articles')
    .select(['id', 'site_id', 'author_user_id', 'state', 'revision'])
    .where('id', '=', articleId)
    .executeTakeFirst();
  return row ? { id: row.id, siteId: row.site_id, authorUserId: row.author_user_id, state: row.state as ArticleState, revision: row.revision } : null;
}

/**
 * Records one save of an article as a revision: a full snapshot with who saved it and when.
 * Call inside the save transaction, after the article row itself was written, so the article
 * and its history commit together. Does not ask the policy (the save command did) and does not
 * append to the audit log (the save command's entry covers the act).
 * @param trx the save command's transaction
 * @returns the recorded revision's summary
 * @throws ConflictError when the article already has a revision with this number (two saves
 *   raced on the same base revision; the transaction must roll back)
 */
export async function recordRevision(trx: Kysely<Database>, input: RecordRevisionInput): Promise<RevisionSummary> {
  const existing = await trx
    .selectFrom('article_revisions')
    .select('id')
    .where('article_id', '=', input.articleId)
    .where('revision', '=', input.revision)
    .executeTakeFirst();
  if (existing) throw new ConflictError(`Bài viết ${input.articleId} đã có phiên bản ${input.revision}; hãy tải lại bài rồi lưu lại.`);
  const row = {
    article_id: input.articleId,
    revision: input.revision,
    title: input.title,
    lead: input.lead,
    body: input.body,
    metadata: JSON.stringify(input.metadata ?? {}),
    author_user_id: actorUserId(input.actor),
    author_label: actorLabel(input.actor),
    note: input.note ?? null,
    created_at: input.at.toISOString(),
  };
  await trx.insertInto('article_revisions').values(row).execute();
  return { revision: row.revision, authorUserId: row.author_user_id, authorLabel: row.author_label, createdAt: row.created_at, note: row.note };
}

/**
 * The revisions of an article, newest first, without their content.
 * @returns [] when the article has none (or does not exist)
 */
export async function listRevisions(db: Kysely<Database>, articleId: number): Promise<RevisionSummary[]> {
  const rows = await db
    .selectFrom('article_revisions')
    .select(['revision', 'author_user_id', 'author_label', 'created_at', 'note'])
    .where('article_id', '=', articleId)
    .orderBy('revision', 'desc')
    .execute();
  return rows.map((r) => ({ revision: r.revision, authorUserId: r.author_user_id, authorLabel: r.author_label, createdAt: r.created_at, note: r.note }));
}

/**
 * One revision of an article with its full content (for showing, comparing and restoring).
 * @returns null when the article has no such revision
 */
export async function getRevision(db: Kysely<Database>, articleId: number, revision: number): Promise<Revision | null> {
  const row = await db
    .selectFrom('article_revisions')
    .selectAll()
    .where('article_id', '=', articleId)
    .where('revision', '=', revision)
    .executeTakeFirst();
  return row ? toRevision(row) : null;
}

/** Reads stored metadata JSON; anything but an object (a damaged row) reads as `{}`. */
export function parseRevisionMetadata(json: string): RevisionMetadata {
  try {
    const value: unknown = JSON.parse(json);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as RevisionMetadata) : {};
  } catch {
    return {};
  }
}

function toRevision(row: ArticleRevisionRow): Revision {
  return {
    articleId: row.article_id,
    revision: row.revision,
    title: row.title,
    lead: row.lead,
    body: row.body,
    metadata: parseRevisionMetadata(row.metadata),
    authorUserId: row.author_user_id,
    authorLabel: row.author_label,
    createdAt: row.created_at,
    note: row.note,
  };
}

/** Names of categories by id (for showing metadata changes), only those of this site. */
export async function categoryNames(db: Kysely<Database>, siteId: number, ids: number[]): Promise<Map<number, string>> {
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('categories').select(['id', 'name']).where('site_id', '=', siteId).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Names of organisations by id (for showing a changed source organisation). */
export async function organisationNames(db: Kysely<Database>, ids: number[]): Promise<Map<number, string>> {
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('organisations').select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
