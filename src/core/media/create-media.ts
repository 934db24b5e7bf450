/**
 * Command: upload an image to a site's media library. The same command serves the admin API,
 * the CLI and imports.
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { toStoredInstant, type Clock } from '../clock.ts';
import { UnsupportedMediaError } from '../errors.ts';
import { processImage, type ProcessImageOptions } from './image-processing.ts';
import { cleanOriginalName, mediaFileKey, mediaKeyPrefix, mediaKeys, mediaNameSlug, type Media, type MediaVariant } from './media.ts';
import { findMediaBySha, insertMedia } from './media.repository.ts';
import { parseMediaDraftText, parseMediaText } from './media.schema.ts';
import { isSafeMediaKey, type MediaStorage } from './media-storage.ts';

/** What {@link createMedia} needs from its surroundings. */
export interface CreateMediaDeps {
  db: Kysely<Database>;
  storage: MediaStorage;
  clock: Clock;
  /** Byte and pixel limits and derivative widths; defaults as in `image-processing.ts`. */
  imageOptions?: ProcessImageOptions;
}

/** One upload. `alt`, `caption`, `credit` are untrusted and validated here. */
export interface CreateMediaInput {
  siteId: number;
  /** The site's key; the first segment of every storage key. */
  siteKey: string;
  /** The name the uploader's file had; used for display and the key's name part, never to detect the type. */
  fileName: string;
  /** The uploaded bytes. */
  data: Buffer;
  alt: unknown;
  caption?: unknown;
  credit?: unknown;
  /** When true a blank alt text is accepted (the media library flags it); the CLI never sets it. */
  allowMissingAlt?: boolean;
  /** Runs inside the insert's transaction with the new item (the caller's audit entry). Not run for an existing item. */
  onInsert?: (trx: Kysely<Database>, media: Media) => Promise<void>;
}

/**
 * Uploads an image: validates the text, checks and re-encodes the image
 * (`processImage`), writes the original and derivatives to storage, then inserts the row in a
 * transaction. Idempotent per site: when the same bytes were uploaded to this site before,
 * returns that item unchanged (the new text is not applied; use `updateMediaText`).
 *
 * Nothing is changed on bad input: the text is checked before the file, the file before any
 * write, and if a write or the insert fails the files written are removed again. If the insert
 * loses a race with an identical upload, the winner's item is returned and its files are kept.
 *
 * Files go to `<siteKey>/<yyyy>/<mm>/<sha256 first 16>/<name>.<ext>` (original) and
 * `…/<name>-<width>.<ext>` (derivatives), month of the upload in UTC.
 *
 * @param deps database handle, storage, clock, optional image limits.
 * @param input the upload (see {@link CreateMediaInput}).
 * @returns the new or existing media item.
 * @throws ValidationError naming `alt`, `caption` or `credit`.
 * @throws UnsupportedMediaError (field `file`) when the file is not an accepted image or is too
 *   large in bytes or pixels.
 * @throws Error when the site key is not a safe key segment, or on storage/database failure.
 */
export async function createMedia(deps: CreateMediaDeps, input: CreateMediaInput): Promise<Media> {
  const text = (input.allowMissingAlt ? parseMediaDraftText : parseMediaText)({ alt: input.alt, caption: input.caption, credit: input.credit });
  if (!Buffer.isBuffer(input.data) || input.data.length === 0) throw new UnsupportedMediaError('Tệp rỗng');
  if (input.siteKey.includes('/') || !isSafeMediaKey(input.siteKey)) throw new Error(`Unsafe site key for media: ${input.siteKey}`);

  const sha256 = crypto.createHash('sha256').update(input.data).digest('hex');
  const existing = await findMediaBySha(deps.db, input.siteId, sha256);
  if (existing) return existing;

  const image = await processImage(input.data, deps.imageOptions);
  const uploadedAt = deps.clock();
  const prefix = mediaKeyPrefix(input.siteKey, sha256, uploadedAt);
  const name = mediaNameSlug(input.fileName);
  const storageKey = mediaFileKey(prefix, name, image.format);
  const files = [
    { key: storageKey, data: image.original },
    ...image.variants.map((v) => ({ key: mediaFileKey(prefix, name, v.format, v.width), data: v.data })),
  ];
  const variants: MediaVariant[] = image.variants.map((v, i) => ({
    width: v.width,
    height: v.height,
    format: v.format,
    key: files[i + 1]!.key,
    bytes: v.data.length,
  }));

  const written: string[] = [];
  try {
    for (const file of files) {
      await deps.storage.put(file.key, file.data);
      written.push(file.key);
    }
  } catch (error) {
    await removeQuietly(deps.storage, written);
    throw error;
  }

  try {
    return await deps.db.transaction().execute(async (trx) => {
      const inserted = await insertMedia(trx, {
        siteId: input.siteId,
        kind: 'image',
        originalName: cleanOriginalName(input.fileName),
        mimeType: image.mimeType,
        width: image.width,
        height: image.height,
        bytes: image.original.length,
        sha256,
        storageKey,
        variants,
        ...text,
        createdAt: toStoredInstant(uploadedAt),
      });
      await input.onInsert?.(trx, inserted);
      return inserted;
    });
  } catch (error) {
    // An identical upload may have won the unique (site_id, sha256) race; it wrote the same
    // keys, so keep those and return its item.
    const winner = await findMediaBySha(deps.db, input.siteId, sha256).catch(() => null);
    const keep = new Set(winner ? mediaKeys(winner) : []);
    await removeQuietly(deps.storage, written.filter((key) => !keep.has(key)));
    if (winner) return winner;
    throw error;
  }
}

async function removeQuietly(storage: MediaStorage, keys: readonly string[]): Promise<void> {
  await Promise.all(keys.map((key) => storage.remove(key).catch(() => undefined)));
}
