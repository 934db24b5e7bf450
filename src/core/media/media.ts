/**
 * Media (ảnh, tệp đính kèm): types and pure rules. A media item belongs to one site; its
 * files live in a {@link MediaStorage} under keys built here, and are served at `/media/<key>`.
 */
import { slugify } from '../text/index.ts';
import type { VariantFormat } from './image-processing.ts';

/** Kinds of media: images (re-encoded, with derivatives) and videos (MP4/WebM, stored as uploaded; see video.ts). */
export const MEDIA_KINDS = ['image', 'video'] as const;
export type MediaKind = (typeof MEDIA_KINDS)[number];

/** One stored derivative: size in pixels, its storage key and its size in bytes. */
export interface MediaVariant {
  width: number;
  height: number;
  format: VariantFormat;
  key: string;
  bytes: number;
}

/** A media item as the rest of the code sees it. */
export interface Media {
  id: number;
  siteId: number;
  kind: MediaKind;
  /** The uploaded file's name, cleaned (see {@link cleanOriginalName}); shown to editors only. */
  originalName: string;
  /** MIME type of the stored original (not necessarily of the upload: GIF becomes WebP). */
  mimeType: string;
  /** Displayed width in pixels, after EXIF orientation. */
  width: number;
  /** Displayed height in pixels, after EXIF orientation. */
  height: number;
  /** Size of the stored original, in bytes. */
  bytes: number;
  /** Hex SHA-256 of the uploaded bytes; unique per site, so the same file is stored once. */
  sha256: string;
  /** Storage key of the re-encoded original. */
  storageKey: string;
  /** Derivatives, by ascending width. */
  variants: MediaVariant[];
  /** Alternative text (văn bản thay thế), never empty for new uploads. */
  alt: string;
  caption: string | null;
  credit: string | null;
  /** ISO 8601 UTC instant. */
  createdAt: string;
}

/** The alt text, caption and credit of a media item, as validated by `media.schema.ts`. */
export interface MediaText {
  alt: string;
  caption: string | null;
  credit: string | null;
}

/**
 * The public URL path of a stored file. Keys are already URL-safe (`[a-z0-9/._-]`), so
 * nothing is escaped.
 * @param key a storage key, e.g. `langson/2026/12/0123456789abcdef/anh-640.webp`.
 * @returns the path on the site's host, e.g. `/media/langson/2026/12/…/anh-640.webp`.
 */
export function mediaUrl(key: string): string {
  return `/media/${key}`;
}

/**
 * Builds an HTML `srcset` value from the derivatives of one format, ascending by width:
 * `/media/…-320.webp 320w, /media/…-640.webp 640w`.
 * @param variants a media item's derivatives (any order, any format).
 * @param format which format to list.
 * @returns the srcset string; empty when there is no derivative of that format.
 */
export function buildSrcset(variants: readonly MediaVariant[], format: VariantFormat): string {
  return variants
    .filter((v) => v.format === format)
    .sort((a, b) => a.width - b.width)
    .map((v) => `${mediaUrl(v.key)} ${v.width}w`)
    .join(', ');
}

/** File name extension per stored format. */
export const MEDIA_EXTENSIONS: Record<'jpeg' | 'png' | 'webp', string> = { jpeg: 'jpg', png: 'png', webp: 'webp' };

/**
 * Cleans an uploaded file name for display: keeps the last path segment (browsers may send
 * `C:\fakepath\x.jpg`), normalises to NFC, drops control characters, trims and caps at 255
 * characters. Does not make it safe for a file system; storage keys use {@link mediaNameSlug}.
 * @returns the cleaned name, or `anh` when nothing is left.
 */
export function cleanOriginalName(fileName: string): string {
  const last = fileName.split(/[/\\]/).pop() ?? '';
  const clean = last.normalize('NFC').replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 255);
  return clean || 'anh';
}

/**
 * The name part of storage keys: the file name without its extension, slugged by
 * `core/text`'s `slugify` (diacritics folded, đ→d, lowercase ASCII, hyphens), at most 60
 * characters.
 * @returns `[a-z0-9-]+`, or `anh` when nothing is left.
 */
export function mediaNameSlug(fileName: string): string {
  return slugify(cleanOriginalName(fileName).replace(/\.[A-Za-z0-9]{1,5}$/, ''), 60) || 'anh';
}

/**
 * The folder (key prefix) of one upload: `<siteKey>/<yyyy>/<mm>/<first 16 hex of sha256>`.
 * The month is the upload's, in UTC; the hash part keeps files of different uploads apart.
 * @param siteKey the site's key (`[a-z0-9-]`).
 * @param sha256 hex SHA-256 of the upload.
 * @param uploadedAt the upload instant.
 */
export function mediaKeyPrefix(siteKey: string, sha256: string, uploadedAt: Date): string {
  const yyyy = String(uploadedAt.getUTCFullYear()).padStart(4, '0');
  const mm = String(uploadedAt.getUTCMonth() + 1).padStart(2, '0');
  return `${siteKey}/${yyyy}/${mm}/${sha256.slice(0, 16).toLowerCase()}`;
}

/**
 * The storage key of an original (`<prefix>/<name>.<ext>`) or of a derivative
 * (`<prefix>/<name>-<width>.<ext>`, width in pixels).
 * @param prefix from {@link mediaKeyPrefix}.
 * @param name from {@link mediaNameSlug}.
 * @param format the file's format.
 * @param width the derivative's width; omit for the original.
 */
export function mediaFileKey(prefix: string, name: string, format: 'jpeg' | 'png' | 'webp', width?: number): string {
  return `${prefix}/${name}${width === undefined ? '' : `-${width}`}.${MEDIA_EXTENSIONS[format]}`;
}

/** Every storage key a media item uses: the original's and its derivatives'. */
export function mediaKeys(media: Pick<Media, 'storageKey' | 'variants'>): string[] {
  return [media.storageKey, ...media.variants.map((v) => v.key)];
}
