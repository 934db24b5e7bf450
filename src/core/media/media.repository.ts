/**
 * All SQL for media. Every function takes the database handle (or a transaction) and the
 * `siteId` explicitly, so no query can reach another site's media. Rows in, {@link Media} out.
 */
import type { Kysely } from 'kysely';
import type { Database, MediaRow } from '../db/database.ts';
import { NotFoundError } from '../errors.ts';
import { MEDIA_KINDS, type Media, type MediaKind, type MediaText } from './media.ts';
import { parseMediaVariants } from './media.schema.ts';

/** A media item to insert: everything but the id. */
export type NewMedia = Omit<Media, 'id'>;

/** Paging for {@link listMedia}. */
export interface ListMediaOptions {
  /** Items per page, 1–200 (default 50; out-of-range values are clamped). */
  limit?: number;
  /** Items to skip, ≥ 0 (default 0). */
  offset?: number;
}

/**
 * Inserts a media row. Does not write files or validate; `create-media.ts` does both.
 * @param db a handle or a transaction.
 * @param media the item, with `variants` as objects (stored as JSON text).
 * @returns the stored item with its new id.
 * @throws the driver's error on a constraint violation (the same bytes twice on one site, a
 *   missing site).
 */
export async function insertMedia(db: Kysely<Database>, media: NewMedia): Promise<Media> {
  const row = await db
    .insertInto('media')
    .values({
      site_id: media.siteId,
      kind: media.kind,
      original_name: media.originalName,
      mime_type: media.mimeType,
      width: media.width,
      height: media.height,
      bytes: media.bytes,
      sha256: media.sha256,
      storage_key: media.storageKey,
      variants: JSON.stringify(media.variants),
      alt: media.alt,
      caption: media.caption,
      credit: media.credit,
      created_at: media.createdAt,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toMedia(row);
}

/**
 * Finds a media item of one site by id.
 * @returns the item, or `null` when it does not exist on that site (another site's item
 *   answers `null` too, so existence does not leak).
 */
export async function findMediaById(db: Kysely<Database>, siteId: number, id: number): Promise<Media | null> {
  const row = await db.selectFrom('media').selectAll().where('site_id', '=', siteId).where('id', '=', id).executeTakeFirst();
  return row ? toMedia(row) : null;
}

/**
 * Finds the media item of one site whose upload had these bytes.
 * @param sha256 lowercase hex SHA-256 of the uploaded bytes.
 * @returns the item, or `null`.
 */
export async function findMediaBySha(db: Kysely<Database>, siteId: number, sha256: string): Promise<Media | null> {
  const row = await db
    .selectFrom('media')
    .selectAll()
    .where('site_id', '=', siteId)
    .where('sha256', '=', sha256.toLowerCase())
    .executeTakeFirst();
  return row ? toMedia(row) : null;
}

/**
 * Replaces the alt text, caption and credit of one site's media item. The caller validates
 * the text first (`parseMediaText` in `media.schema.ts`); this only writes.
 * @returns the updated item.
 * @throws NotFoundError when the item does not exist on that site.
 */
export async function updateMediaText(db: Kysely<Database>, siteId: number, id: number, text: MediaText): Promise<Media> {
  const row = await db
    .updateTable('media')
    .set({ alt: text.alt, caption: text.caption, credit: text.credit })
    .where('site_id', '=', siteId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  if (!row) throw new NotFoundError('ảnh');
  return toMedia(row);
}

/**
 * Lists one site's media, newest first (by upload time, then id).
 * @param options `limit` (1–200, default 50) and `offset` (≥ 0, default 0).
 * @returns one page of items.
 */
export async function listMedia(db: Kysely<Database>, siteId: number, options: ListMediaOptions = {}): Promise<Media[]> {
  const limit = clampInt(options.limit, 1, 200, 50);
  const offset = clampInt(options.offset, 0, Number.MAX_SAFE_INTEGER, 0);
  const rows = await db
    .selectFrom('media')
    .selectAll()
    .where('site_id', '=', siteId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
  return rows.map(toMedia);
}

function clampInt(value: number | undefined, min: number, max: number, fallback: number): number {
  if (value === undefined || !Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, Math.trunc(value)));
}

function toMedia(row: MediaRow): Media {
  if (!(MEDIA_KINDS as readonly string[]).includes(row.kind)) throw new Error(`media ${row.id}: unknown kind ${row.kind}`);
  return {
    id: Number(row.id),
    siteId: Number(row.site_id),
    kind: row.kind as MediaKind,
    originalName: row.original_name,
    mimeType: row.mime_type,
    width: Number(row.width),
    height: Number(row.height),
    bytes: Number(row.bytes),
    sha256: row.sha256,
    storageKey: row.storage_key,
    variants: parseMediaVariants(row.variants),
    alt: row.alt,
    caption: row.caption,
    credit: row.credit,
    createdAt: row.created_at,
  };
}
