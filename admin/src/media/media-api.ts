/**
 * The media library's calls to the admin API: list, detail, edit, delete, and the upload with
 * progress (XMLHttpRequest, because fetch reports no upload progress).
 */
import { API_BASE, ApiError, type ApiErrorItem } from '../api/client.ts';

/** One media item as the admin API returns it. */
export interface MediaItem {
  id: number;
  siteId: number;
  kind: 'image' | 'video';
  /** Public URL path of the original, e.g. `/media/langson/2026/12/…/anh.jpg`. */
  url: string;
  /** A small derivative for grids (the original for video or tiny images). */
  thumbnailUrl: string;
  originalName: string;
  mimeType: string;
  width: number;
  height: number;
  bytes: number;
  alt: string;
  caption: string | null;
  credit: string | null;
  createdAt: string;
  /** The person's allowed actions on this item: 'media.update', 'media.delete'. */
  allowedActions: string[];
}

/** GET /sites/:siteId/media. */
export interface MediaList {
  items: MediaItem[];
  total: number;
  page: number;
  pageSize: number;
}

/** One article using a media item (GET /media/:id → usedBy). */
export interface MediaUse {
  articleId: number;
  title: string;
  state: string;
  /** `cover` or `body`. */
  how: 'cover' | 'body';
}

/** GET /media/:id. */
export interface MediaDetail extends MediaItem {
  usedBy: MediaUse[];
}

/** What the picker hands to the editor. */
export interface PickedMedia {
  id: number;
  url: string;
  alt: string;
  caption: string | null;
  credit: string | null;
  width: number;
  height: number;
  kind: 'image' | 'video';
}

/** Text sent with an upload; blank alt is allowed (the library flags it). */
export interface UploadText {
  alt?: string;
  caption?: string;
  credit?: string;
}

/**
 * Uploads one file to a site's library with progress.
 * @param csrfToken the session's token (`useSession().me.csrfToken`), sent as `x-csrf-token`.
 * @param onProgress called with 0–100 (percent of bytes sent).
 * @returns the stored item (an identical earlier upload answers that item).
 * @throws ApiError with the server's Vietnamese message (unsupported or oversized file…);
 *   TypeError when the network fails.
 */
export function uploadMedia(siteId: number, file: File, text: UploadText, csrfToken: string | null, onProgress: (percent: number) => void): Promise<MediaItem> {
  return new Promise((resolve, reject) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(text)) if (v) form.append(k, v);
    form.append('file', file, file.name);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${API_BASE}/sites/${siteId}/media`);
    xhr.setRequestHeader('accept', 'application/json');
    if (csrfToken) xhr.setRequestHeader('x-csrf-token', csrfToken);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(Math.min(100, Math.round((event.loaded / event.total) * 100)));
    };
    xhr.onerror = () => reject(new TypeError('network'));
    xhr.onload = () => {
      let json: Record<string, unknown> = {};
      try {
        json = xhr.responseText ? (JSON.parse(xhr.responseText) as Record<string, unknown>) : {};
      } catch {
        json = {};
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        onProgress(100);
        resolve(json as unknown as MediaItem);
        return;
      }
      const errors = Array.isArray(json.errors) ? (json.errors as ApiErrorItem[]) : [{ code: 'CONG_ERR_HTTP', message: `HTTP ${xhr.status}` }];
      reject(new ApiError(xhr.status, errors, json));
    };
    xhr.send(form);
  });
}

/** Turns a list/detail item into what the editor receives, with the alt/caption/credit chosen. */
export function toPicked(item: MediaItem, text: { alt: string; caption: string | null; credit: string | null }): PickedMedia {
  return { id: item.id, url: item.url, alt: text.alt, caption: text.caption, credit: text.credit, width: item.width, height: item.height, kind: item.kind };
}

/** Bytes as "1,2 MB" / "340 kB" (Vietnamese decimal comma). */
export function formatBytes(bytes: number, language = 'vi'): string {
  const locale = language === 'en' ? 'en-GB' : 'vi-VN';
  if (bytes >= 1_000_000) return `${(bytes / 1_000_000).toLocaleString(locale, { maximumFractionDigits: 1 })} MB`;
  return `${Math.max(1, Math.round(bytes / 1000)).toLocaleString(locale)} kB`;
}
