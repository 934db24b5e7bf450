/**
 * Redirects: old URLs of a site (paths relative to the site, e.g. `/tin/cu.html`) that answer
 * with a redirect to a new home. All SQL for the `redirects` table.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { ValidationError } from '../errors.ts';

/** A stored redirect. `toUrl` is absolute or network-relative (`/langson/…`). */
export interface Redirect {
  id: number;
  siteId: number;
  fromPath: string;
  toUrl: string;
  statusCode: 301 | 302 | 308;
}

/**
 * Normalises a site-relative path for storage and lookup: percent-decoded, NFC, leading
 * slash, no trailing slash, no query. Returns null for paths no redirect can have (control
 * characters, over 2,000 characters).
 */
export function normaliseRedirectPath(path: string): string | null {
  let p = path.split('?')[0]!.split('#')[0]!;
  try {
    p = decodeURIComponent(p);
  } catch {
    // keep the raw path when it is not valid percent-encoding
  }
  p = p.normalize('NFC');
  if (!p.startsWith('/')) p = '/' + p;
  if (p.length > 1) p = p.replace(/\/+$/, '');
  if (p.length > 2000 || /[\u0000-\u001f\u007f]/.test(p) || /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(p)) return null;
  return p;
}

/** Finds the redirect for a site-relative path, or null. */
export async function findRedirect(db: Kysely<Database>, siteId: number, path: string): Promise<Redirect | null> {
  const fromPath = normaliseRedirectPath(path);
  if (fromPath === null) return null;
  const row = await db
    .selectFrom('redirects')
    .selectAll()
    .where('site_id', '=', siteId)
    .where('from_path', '=', fromPath)
    .executeTakeFirst();
  return row
    ? { id: row.id, siteId: row.site_id, fromPath: row.from_path, toUrl: row.to_url, statusCode: row.status_code as 301 | 302 | 308 }
    : null;
}

/**
 * Creates or replaces the redirect of a site-relative path.
 * @param statusCode 301 (default), 302 or 308.
 */
export async function upsertRedirect(
  db: Kysely<Database>,
  input: { siteId: number; fromPath: string; toUrl: string; statusCode?: 301 | 302 | 308 },
  now: Date,
): Promise<void> {
  const fromPath = normaliseRedirectPath(input.fromPath);
  if (fromPath === null) throw new ValidationError([{ path: 'fromPath', message: 'đường dẫn có ký tự điều khiển hoặc dài quá 2000 ký tự' }]);
  await db.deleteFrom('redirects').where('site_id', '=', input.siteId).where('from_path', '=', fromPath).execute();
  await db
    .insertInto('redirects')
    .values({ site_id: input.siteId, from_path: fromPath, to_url: input.toUrl, status_code: input.statusCode ?? 301, created_at: now.toISOString() })
    .execute();
}
