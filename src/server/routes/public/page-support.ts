/**
 * What every public page route shares: finding the site, reading the page number and slugs
 * from untrusted input, and sending HTML with the page cache headers.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Core } from '../../../core/create-core.ts';
import { ValidationError } from '../../../core/errors.ts';
import { normalizeText, slugify } from '../../../core/text/index.ts';
import { resolveSiteContext, type SiteContext } from '../../plugins/site-resolver.ts';
import { PATH_WORDS } from '../../../theme/view-models/links.ts';

/** Cache-Control of public pages: short, so publishing shows within half a minute. */
export const PAGE_CACHE_CONTROL = 'public, max-age=30';

/** Longest slug looked up; longer ones cannot exist (slugs are cut at 80) and answer 404. */
export const MAX_SLUG_LENGTH = 200;

/** Route params of pages under a site. */
export interface SiteParams {
  site: string;
}

/** Route params of pages of one item (category, tag, article) under a site. */
export interface SlugParams extends SiteParams {
  slug: string;
}

/**
 * Sends a rendered page: 200, `text/html; charset=utf-8`, `Cache-Control: public, max-age=30`.
 * The ETag plugin (app.ts) hashes the HTML and answers a matching `If-None-Match` with 304.
 */
export function sendPage(reply: FastifyReply, html: string): FastifyReply {
  return reply.code(200).header('cache-control', PAGE_CACHE_CONTROL).type('text/html; charset=utf-8').send(html);
}

/**
 * Answers with the themed 404 (app.ts's not-found handler, which also applies stored
 * redirects of merged sites and moved pages).
 */
export function sendNotFound(reply: FastifyReply): FastifyReply {
  reply.callNotFound();
  return reply;
}

/**
 * The site context of a public request, or null when the key names no site, names a site
 * that is not active (merged or archived sites answer 404, where stored redirects take over),
 * or names another site than the one the request's hostname is mapped to.
 */
export function publicSiteContext(core: Core, request: FastifyRequest, siteKey: string): SiteContext | null {
  const ctx = resolveSiteContext(core, request, siteKey);
  return ctx && ctx.site.status === 'active' ? ctx : null;
}

/**
 * Reads the page number of a paginated list from the query string (`?trang=N`).
 * @returns 1 when absent; the number when it is a positive integer written in digits
 * @throws {ValidationError} (HTTP 400, shown as a Vietnamese error page) for anything else:
 *   `abc`, `0`, `-1`, `1.5`, a repeated parameter, or more than 6 digits
 */
export function readPageNumber(query: unknown): number {
  const raw = query && typeof query === 'object' ? (query as Record<string, unknown>)[PATH_WORDS.page] : undefined;
  if (raw === undefined) return 1;
  if (typeof raw === 'string' && /^[1-9]\d{0,5}$/.test(raw.trim())) return Number(raw.trim());
  const shown = typeof raw === 'string' ? `“${raw.length > 30 ? `${raw.slice(0, 30)}…` : raw}”` : 'đã cho';
  throw new ValidationError([
    {
      path: PATH_WORDS.page,
      message: `Số trang ${shown} không hợp lệ: tham số “${PATH_WORDS.page}” phải là một số nguyên dương, ví dụ ?${PATH_WORDS.page}=2.`,
    },
  ]);
}

/**
 * The slugs to try for a slug taken from the URL, best first: the NFC form as given, then
 * (when different) its `slugify`d form, so `/bai-viet/Hội-nghị` or an NFD spelling still
 * finds `hoi-nghi`. Returns [] for input that can be no slug at all (empty, too long, control
 * characters, broken UTF-16), so such requests answer 404 without touching the database.
 */
export function slugCandidates(raw: string): string[] {
  if (raw.length === 0 || raw.length > MAX_SLUG_LENGTH * 4) return [];
  // Lone surrogates and control characters (NUL breaks PostgreSQL text parameters).
  if (/[\u0000-\u001f\u007f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(raw)) return [];
  const nfc = normalizeText(raw);
  if (nfc.length > MAX_SLUG_LENGTH) return [];
  const folded = slugify(nfc, MAX_SLUG_LENGTH);
  return folded && folded !== nfc ? [nfc, folded] : [nfc];
}

/**
 * Looks an item up by the slug candidates of a URL segment (see {@link slugCandidates}).
 * When the item's own slug differs from the URL's, the caller redirects to the canonical URL;
 * that URL then matches exactly, so redirects cannot loop.
 * @param raw the decoded path parameter
 * @param find looks up one slug, returning null when there is no such (visible) item
 * @returns the first item found, or null
 */
export async function findBySlug<T>(raw: string, find: (slug: string) => Promise<T | null> | T | null): Promise<T | null> {
  for (const slug of slugCandidates(raw)) {
    const item = await find(slug);
    if (item) return item;
  }
  return null;
}

/** A permanent redirect to the canonical spelling of a page's URL (cached like a page). */
export function sendCanonicalRedirect(reply: FastifyReply, url: string): FastifyReply {
  return reply.code(301).header('cache-control', PAGE_CACHE_CONTROL).redirect(url, 301);
}
