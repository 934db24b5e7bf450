/**
 * The newsroom's media library: upload (images through the image pipeline, MP4/WebM videos
 * stored as uploaded), list and search, where an item is used, edit its alt text / caption /
 * credit, delete it when unused. Policy: uploading needs `media.upload` (writers); editing
 * and deleting need `media.manage` (editors) or being the person who uploaded the item (the
 * `media.upload` audit entry says who). Reading is open to every member of the site.
 * Every write is one transaction with one audit entry.
 */
import crypto from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { toStoredInstant, type Clock } from '../clock.ts';
import type { Actor } from '../policy/actor.ts';
import { actorReference, rolesOn } from '../policy/actor.ts';
import { authorize, can } from '../policy/policy.ts';
import { appendAudit } from '../audit/audit.ts';
import { ForbiddenError, NotFoundError, UnsupportedMediaError } from '../errors.ts';
import { createMedia } from './create-media.ts';
import { DEFAULT_MAX_IMAGE_BYTES, type ProcessImageOptions } from './image-processing.ts';
import { cleanOriginalName, mediaKeyPrefix, mediaKeys, mediaNameSlug, mediaUrl, type Media, type MediaKind } from './media.ts';
import { findMediaById, findMediaBySha, insertMedia, updateMediaText } from './media.repository.ts';
import { parseMediaDraftText, parseMediaText } from './media.schema.ts';
import type { MediaStorage } from './media-storage.ts';
import { InUseError } from '../errors.ts';
import { DEFAULT_MAX_VIDEO_BYTES, checkVideo, sniffVideo } from './video.ts';

/** Largest upload the library accepts at all (a video); images are held to the image limit. */
export const MAX_UPLOAD_BYTES = Math.max(DEFAULT_MAX_VIDEO_BYTES, DEFAULT_MAX_IMAGE_BYTES);

/** What the library commands need. */
export interface MediaLibraryDeps {
  db: Kysely<Database>;
  mediaStorage: MediaStorage;
  clock: Clock;
  imageOptions?: ProcessImageOptions;
}

/** One upload to the library; the text is untrusted (blank alt accepted, flagged later). */
export interface LibraryUpload {
  siteId: number;
  siteKey: string;
  fileName: string;
  data: Buffer;
  alt?: unknown;
  caption?: unknown;
  credit?: unknown;
}

/** A media item with what the actor may do to it: `media.update`, `media.delete`. */
export interface LibraryItem extends Media {
  allowedActions: ('media.update' | 'media.delete')[];
}

/** An article using a media item: as its cover image, or inside its text. */
export interface MediaUse {
  articleId: number;
  title: string;
  state: string;
  how: 'cover' | 'body';
}

function ensureMember(actor: Actor, siteId: number, what: string): void {
  if (actor.kind === 'system') return;
  if (rolesOn(actor, siteId).length === 0) throw new NotFoundError(what);
}

/** Prefixes a refusal with the file's name so the uploader knows which file it was. */
function namingFile(error: unknown, fileName: string): unknown {
  if (error instanceof UnsupportedMediaError) return new UnsupportedMediaError(`Tệp “${cleanOriginalName(fileName)}”: ${error.message}`, error.field);
  return error;
}

/**
 * Uploads a file to a site's library (policy `media.upload`). Images go through the image
 * pipeline (content check, SVG refused, 20 MB / 40 MP, EXIF orientation applied, metadata
 * stripped, derivatives); MP4 and WebM videos (by content) up to 200 MB are stored as they are.
 * The same bytes uploaded twice to a site answer the existing item (nothing new is audited).
 * @returns the stored item.
 * @throws ForbiddenError / NotFoundError from the policy; ValidationError naming `alt`,
 *   `caption`, `credit`; UnsupportedMediaError (422, field `file`) whose message names the
 *   file; nothing is stored on any error.
 */
export async function uploadToLibrary(deps: MediaLibraryDeps, actor: Actor, input: LibraryUpload, address?: string | null): Promise<LibraryItem> {
  authorize(actor, 'media.upload', { siteId: input.siteId }, `trang ${input.siteId}`);
  const audit = (trx: Kysely<Database>, media: Media) =>
    appendAudit(trx, {
      actor,
      action: 'media.upload',
      siteId: input.siteId,
      subjectType: 'media',
      subjectId: media.id,
      details: { kind: media.kind, name: media.originalName, bytes: media.bytes, mimeType: media.mimeType },
      address,
      at: deps.clock(),
    }).then(() => undefined);
  let media: Media;
  try {
    if (sniffVideo(input.data)) {
      media = await createVideo(deps, input, audit);
    } else {
      media = await createMedia(
        { db: deps.db, storage: deps.mediaStorage, clock: deps.clock, ...(deps.imageOptions ? { imageOptions: deps.imageOptions } : {}) },
        { siteId: input.siteId, siteKey: input.siteKey, fileName: input.fileName, data: input.data, alt: input.alt, caption: input.caption, credit: input.credit, allowMissingAlt: true, onInsert: audit },
      );
    }
  } catch (error) {
    throw namingFile(error, input.fileName);
  }
  return (await withAllowedActions(deps.db, actor, [media]))[0]!;
}

async function createVideo(deps: MediaLibraryDeps, input: LibraryUpload, audit: (trx: Kysely<Database>, media: Media) => Promise<void>): Promise<Media> {
  const text = parseMediaDraftText({ alt: input.alt, caption: input.caption, credit: input.credit });
  const video = checkVideo(input.data);
  const sha256 = crypto.createHash('sha256').update(input.data).digest('hex');
  const existing = await findMediaBySha(deps.db, input.siteId, sha256);
  if (existing) return existing;
  const uploadedAt = deps.clock();
  const storageKey = `${mediaKeyPrefix(input.siteKey, sha256, uploadedAt)}/${mediaNameSlug(input.fileName)}.${video.extension}`;
  await deps.mediaStorage.put(storageKey, input.data);
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const media = await insertMedia(trx, {
        siteId: input.siteId,
        kind: 'video',
        originalName: cleanOriginalName(input.fileName),
        mimeType: video.mimeType,
        width: video.width,
        height: video.height,
        bytes: input.data.length,
        sha256,
        storageKey,
        variants: [],
        ...text,
        createdAt: toStoredInstant(uploadedAt),
      });
      await audit(trx, media);
      return media;
    });
  } catch (error) {
    const winner = await findMediaBySha(deps.db, input.siteId, sha256).catch(() => null);
    if (winner) return winner;
    await deps.mediaStorage.remove(storageKey).catch(() => undefined);
    throw error;
  }
}

/** Who uploaded each item (user id), from the `media.upload` audit entries. */
async function uploaders(db: Kysely<Database>, ids: number[]): Promise<Map<number, number>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('audit_log')
    .select(['subject_id', 'actor_id'])
    .where('action', '=', 'media.upload')
    .where('subject_type', '=', 'media')
    .where('actor_type', '=', 'user')
    .where('subject_id', 'in', ids)
    .execute();
  return new Map(rows.filter((r) => r.subject_id !== null && r.actor_id !== null).map((r) => [Number(r.subject_id), Number(r.actor_id)]));
}

function mayChange(actor: Actor, media: Media, uploader: number | undefined): boolean {
  if (can(actor, 'media.manage', { siteId: media.siteId })) return true;
  const ref = actorReference(actor);
  return ref.type === 'user' && ref.id !== null && ref.id === uploader && can(actor, 'media.upload', { siteId: media.siteId });
}

async function withAllowedActions(db: Kysely<Database>, actor: Actor, items: Media[]): Promise<LibraryItem[]> {
  const who = await uploaders(db, items.map((m) => m.id));
  return items.map((m) => ({ ...m, allowedActions: mayChange(actor, m, who.get(m.id)) ? ['media.update', 'media.delete'] : [] }));
}

/** Filters and paging of {@link listLibrary}. */
export interface LibraryQuery {
  /** Words searched in alt text, caption, credit and file name (case-insensitive). */
  q?: string | undefined;
  kind?: MediaKind | undefined;
  /** Only items without alt text. */
  missingAlt?: boolean | undefined;
  /** 1-based page (default 1). */
  page?: number | undefined;
  /** Items per page, 1–100 (default 24). */
  pageSize?: number | undefined;
}

/**
 * One page of a site's library, newest first.
 * @returns `{ items, total, page, pageSize }`.
 * @throws NotFoundError when the actor has no role on the site.
 */
export async function listLibrary(db: Kysely<Database>, actor: Actor, siteId: number, query: LibraryQuery = {}): Promise<{ items: LibraryItem[]; total: number; page: number; pageSize: number }> {
  ensureMember(actor, siteId, `trang ${siteId}`);
  const pageSize = Math.min(100, Math.max(1, Math.trunc(query.pageSize ?? 24)));
  const page = Math.max(1, Math.trunc(query.page ?? 1));
  let base = db.selectFrom('media').where('site_id', '=', siteId);
  if (query.kind) base = base.where('kind', '=', query.kind);
  if (query.missingAlt) base = base.where('alt', '=', '');
  for (const word of (query.q ?? '').normalize('NFC').toLowerCase().split(/\s+/).filter(Boolean).slice(0, 8)) {
    const pattern = `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    base = base.where((eb) =>
      eb.or(['alt', 'caption', 'credit', 'original_name'].map((col) => eb(sql`lower(coalesce(${sql.ref(col)}, ''))`, 'like', sql`${pattern} escape '\\'`))),
    );
  }
  const [countRow, ids] = await Promise.all([
    base.select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow(),
    base.select('id').orderBy('created_at', 'desc').orderBy('id', 'desc').limit(pageSize).offset((page - 1) * pageSize).execute(),
  ]);
  const items: Media[] = [];
  for (const { id } of ids) {
    const m = await findMediaById(db, siteId, Number(id));
    if (m) items.push(m);
  }
  return { items: await withAllowedActions(db, actor, items), total: Number(countRow.n), page, pageSize };
}

/** Loads an item by id for an actor who may see its site. @throws NotFoundError otherwise. */
async function loadForActor(db: Kysely<Database>, actor: Actor, id: number): Promise<Media> {
  const row = await db.selectFrom('media').select('site_id').where('id', '=', id).executeTakeFirst();
  const what = `tệp ${id}`;
  if (!row) throw new NotFoundError(what);
  ensureMember(actor, Number(row.site_id), what);
  return (await findMediaById(db, Number(row.site_id), id))!;
}

/**
 * Articles of the item's site that use it: as cover image (`cover_media_id`) or in their
 * text (the body contains `/media/<key>` of the original or of a derivative).
 */
export async function mediaUsage(db: Kysely<Database>, media: Media): Promise<MediaUse[]> {
  const urls = mediaKeys(media).map(mediaUrl);
  const rows = await db
    .selectFrom('articles')
    .select(['id', 'title', 'state', 'body', 'cover_media_id'])
    .where('site_id', '=', media.siteId)
    .where((eb) => eb.or([eb('cover_media_id', '=', media.id), ...urls.map((u) => eb('body', 'like', `%${u}%`))]))
    .orderBy('id', 'desc')
    .execute();
  const uses: MediaUse[] = [];
  for (const r of rows) {
    if (r.cover_media_id !== null && Number(r.cover_media_id) === media.id) uses.push({ articleId: Number(r.id), title: r.title, state: r.state, how: 'cover' });
    // LIKE treats `_` as a wildcard: confirm the exact URL.
    if (urls.some((u) => r.body.includes(u))) uses.push({ articleId: Number(r.id), title: r.title, state: r.state, how: 'body' });
  }
  return uses;
}

/**
 * An item with where it is used.
 * @throws NotFoundError when it does not exist or its site is not the actor's.
 */
export async function getLibraryItem(db: Kysely<Database>, actor: Actor, id: number): Promise<LibraryItem & { usedBy: MediaUse[] }> {
  const media = await loadForActor(db, actor, id);
  const [item] = await withAllowedActions(db, actor, [media]);
  return { ...item!, usedBy: await mediaUsage(db, media) };
}

async function authorizeChange(db: Kysely<Database>, actor: Actor, media: Media): Promise<void> {
  const who = await uploaders(db, [media.id]);
  if (!mayChange(actor, media, who.get(media.id))) throw new ForbiddenError('Bạn không có quyền sửa hoặc xoá tệp này (chỉ người tải lên hoặc biên tập viên)');
}

/**
 * Changes an item's alt text, caption and credit (policy `media.manage`, or its uploader).
 * Fields left out keep their value; the alt text must not end up blank.
 * @throws NotFoundError, ForbiddenError, ValidationError naming `alt`, `caption`, `credit`.
 */
export async function updateLibraryItem(deps: MediaLibraryDeps, actor: Actor, id: number, input: { alt?: unknown; caption?: unknown; credit?: unknown }, address?: string | null): Promise<LibraryItem> {
  const media = await loadForActor(deps.db, actor, id);
  await authorizeChange(deps.db, actor, media);
  const text = parseMediaText({
    alt: input.alt === undefined ? media.alt : input.alt,
    caption: input.caption === undefined ? media.caption : input.caption,
    credit: input.credit === undefined ? media.credit : input.credit,
  });
  const changed: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of ['alt', 'caption', 'credit'] as const) if (text[key] !== media[key]) changed[key] = { from: media[key], to: text[key] };
  if (Object.keys(changed).length === 0) return (await withAllowedActions(deps.db, actor, [media]))[0]!;
  const updated = await deps.db.transaction().execute(async (trx) => {
    const result = await updateMediaText(trx, media.siteId, id, text);
    await appendAudit(trx, { actor, action: 'media.update', siteId: media.siteId, subjectType: 'media', subjectId: id, details: { changed }, address, at: deps.clock() });
    return result;
  });
  return (await withAllowedActions(deps.db, actor, [updated]))[0]!;
}

/**
 * Deletes an unused item (policy `media.manage`, or its uploader): the row and the audit
 * entry in one transaction, then its files.
 * @throws NotFoundError, ForbiddenError; InUseError (409 `CONG_ERR_IN_USE`) while an article
 *   uses it, listing them in `usedBy`.
 */
export async function deleteLibraryItem(deps: MediaLibraryDeps, actor: Actor, id: number, address?: string | null): Promise<void> {
  const media = await loadForActor(deps.db, actor, id);
  await authorizeChange(deps.db, actor, media);
  await deps.db.transaction().execute(async (trx) => {
    const uses = await mediaUsage(trx, media);
    if (uses.length > 0) {
      const titles = [...new Set(uses.map((u) => `“${u.title}”`))].slice(0, 3).join(', ');
      throw new InUseError(`Không xoá được tệp “${media.originalName}”: đang được dùng trong ${new Set(uses.map((u) => u.articleId)).size} bài viết (${titles}).`, uses);
    }
    await trx.deleteFrom('media').where('site_id', '=', media.siteId).where('id', '=', id).execute();
    await appendAudit(trx, { actor, action: 'media.delete', siteId: media.siteId, subjectType: 'media', subjectId: id, details: { name: media.originalName, sha256: media.sha256 }, address, at: deps.clock() });
  });
  await Promise.all(mediaKeys(media).map((key) => deps.mediaStorage.remove(key).catch(() => undefined)));
}
