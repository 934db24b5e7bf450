/**
 * Preview links (issue "Newsroom web UI", item 5): a private, expiring address showing an
 * article's current text exactly as its public page will look, which can be sent to someone
 * without an account (a fact check). Only the SHA-256 of the token is stored; the token itself
 * is shown once, in the link, when it is made.
 */
import { z } from 'zod';

/** Shortest lifetime of a preview link, hours. */
export const MIN_PREVIEW_HOURS = 1;
/** Longest lifetime of a preview link, hours (7 days). */
export const MAX_PREVIEW_HOURS = 7 * 24;
/** Lifetime when none is chosen, hours (48 h). */
export const DEFAULT_PREVIEW_HOURS = 48;

/** Path word of the public preview page: `/xem-truoc/<token>`. */
export const PREVIEW_PATH_WORD = 'xem-truoc';

/** Input of createPreviewLink: how long the link lives, whole hours 1–168 (default 48). */
export const createPreviewLinkInput = z.strictObject({
  expiresInHours: z
    .number({ error: 'phải là số giờ (số nguyên)' })
    .int('phải là số giờ (số nguyên)')
    .min(MIN_PREVIEW_HOURS, `ít nhất ${MIN_PREVIEW_HOURS} giờ`)
    .max(MAX_PREVIEW_HOURS, `nhiều nhất ${MAX_PREVIEW_HOURS} giờ (7 ngày)`)
    .default(DEFAULT_PREVIEW_HOURS),
});
/** What callers pass to createPreviewLink. */
export type CreatePreviewLinkRequest = z.input<typeof createPreviewLinkInput>;

/** A preview link as the newsroom lists it (never the token). */
export interface PreviewLink {
  id: number;
  articleId: number;
  createdByUserId: number | null;
  createdByName: string | null;
  /** ISO 8601 UTC instants. */
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
}

/** Whether a link still opens at `now`: not revoked and not expired. */
export function isPreviewLinkActive(link: Pick<PreviewLink, 'expiresAt' | 'revokedAt'>, now: Date): boolean {
  return link.revokedAt === null && Date.parse(link.expiresAt) > now.getTime();
}

/** The public path of a preview token (`/xem-truoc/<token>`), on the network's default host. */
export function previewPath(token: string): string {
  return `/${PREVIEW_PATH_WORD}/${token}`;
}

/** Whether a string can be a preview token (base64url, 43 characters for 32 random bytes). */
export function looksLikePreviewToken(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}
