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

/**
 * Writes many redirects of one site at once (a site merge writes one per old URL), replacing
 * those with the same paths. Paths are normalised as by {@link upsertRedirect}; a path no
 * redirect can have is skipped. Batched, so thousands of rows stay a few statements.
 * @param db a transaction (the caller's command).
 * @returns how many rows were written.
 */
export async function insertRedirects(
  db: Kysely<Database>,
  siteId: number,
  rows: ReadonlyArray<{ fromPath: string; toUrl: string; statusCode?: 301 | 302 | 308 }>,
  now: Date,
): Promise<number> {
  const byPath = new Map<string, { to_url: string; status_code: number }>();
  for (const r of rows) {
    const fromPath = normaliseRedirectPath(r.fromPath);
    if (fromPath !== null) byPath.set(fromPath, { to_url: r.toUrl, status_code: r.statusCode ?? 301 });
  }
  const values = [...byPath].map(([from_path, v]) => ({ site_id: siteId, from_path, ...v, created_at: now.toISOString() }));
  // 200 rows × 5 values stays far below SQLite's bound-parameter limit.
  for (let i = 0; i < values.length; i += 200) {
    const chunk = values.slice(i, i + 200);
    await db.deleteFrom('redirects').where('site_id', '=', siteId).where('from_path', 'in', chunk.map((v) => v.from_path)).execute();
    await db.insertInto('redirects').values(chunk).execute();
  }
  return values.length;
}

/** What {@link resolveOldUrl} needs of the site directory (core/sites/site-directory.ts). */
export interface RedirectSiteLookup {
  getByKey(key: string): { id: number; key: string; status: string } | undefined;
  getByAlias(key: string): { id: number; key: string; status: string } | undefined;
  getById(id: number): { id: number; key: string; status: string } | undefined;
  getByHost(host: string | undefined): { id: number; key: string; status: string } | undefined;
  getByRedirectHost(host: string | undefined): { id: number; key: string; status: string } | undefined;
  mergedIntoId(siteId: number): number | undefined;
}

/**
 * Where an old URL ends up: a path on an active site (the caller builds the URL in the form the
 * request came in: `/<key>/…` on the default host, the site's own hostname otherwise), or an
 * address outside the network's sites, given as stored.
 */
export type OldUrlTarget =
  | {
      kind: 'site';
      siteKey: string;
      /** Site-relative path, starting with `/`, as stored or as asked (percent-encoding kept). */
      path: string;
      /** The query of the stored target (`q=…`, without `?`), or null to keep the request's. */
      query: string | null;
      statusCode: 301 | 302 | 308;
      /**
       * True when no stored redirect named this path: a merged site's path is tried at the same
       * place on the site it went into (the caller checks it exists, else sends its home).
       */
      fallback: boolean;
    }
  | { kind: 'url'; url: string; statusCode: 301 | 302 | 308 };

/** Most redirects followed for one request (merges of merges, renames, stored moves). */
const MAX_REDIRECT_HOPS = 12;

/**
 * Resolves an old address of the network to its final home, following every hop on the
 * server so that a reader gets one 301 (site lifecycle, DESIGN.md §2.7): a stored redirect of
 * the site (`redirects`), an old key of a renamed site (`site_key_aliases`), a merged site (its
 * stored redirects, else the same path on the site it went into), and a target that is itself
 * an old address (X merged into Y, later Y into Z: `/X/a` resolves straight to Z's URL).
 * @param start the site key (or an old key) and the site-relative path asked for (`/bai-viet/a`).
 * @param options.publicUrl the default host's origin, to read absolute targets on it.
 * @returns the target, or null when nothing redirects this address (an active site's page that
 *   has no stored redirect, an unknown key, a loop, an archived site).
 */
export async function resolveOldUrl(
  db: Kysely<Database>,
  sites: RedirectSiteLookup,
  start: { siteKey: string; path: string },
  options: { publicUrl: string },
): Promise<OldUrlTarget | null> {
  let key = start.siteKey;
  let path = start.path || '/';
  let query: string | null = null;
  let moved = false;
  let fallback = false;
  // 302 when any stored hop is temporary; 308 when the first stored hop is (method kept).
  let temporary = false;
  let firstCode: number | null = null;
  const code = (): 301 | 302 | 308 => (temporary ? 302 : firstCode === 308 ? 308 : 301);
  const seen = new Set<string>();
  const publicOrigin = safeOrigin(options.publicUrl);

  // Reads a stored target: another place of the network (followed further) or an outside URL.
  const follow = (toUrl: string): OldUrlTarget | null => {
    const place = parseNetworkTarget(sites, toUrl, publicOrigin);
    if (!place) return { kind: 'url', url: toUrl, statusCode: code() };
    key = place.siteKey;
    path = place.path;
    query = place.query;
    moved = true;
    fallback = false;
    return null;
  };

  for (let hop = 0; hop < MAX_REDIRECT_HOPS; hop++) {
    const here = `${key}\n${path}`;
    if (seen.has(here)) return null;
    seen.add(here);
    const site = sites.getByKey(key) ?? sites.getByAlias(key);
    if (!site) return null;
    if (site.key !== key) {
      // An old key of a renamed site: the same path under its key now.
      key = site.key;
      moved = true;
      continue;
    }
    if (site.status === 'active') {
      if (moved) return { kind: 'site', siteKey: key, path, query, statusCode: code(), fallback };
      const stored = await findRedirect(db, site.id, path);
      if (!stored) return null;
      firstCode ??= stored.statusCode;
      if (stored.statusCode === 302) temporary = true;
      const outside = follow(stored.toUrl);
      if (outside) return outside;
      continue;
    }
    if (site.status !== 'merged') return null;
    const stored = await findRedirect(db, site.id, path);
    if (stored) {
      firstCode ??= stored.statusCode;
      if (stored.statusCode === 302) temporary = true;
      const outside = follow(stored.toUrl);
      if (outside) return outside;
      continue;
    }
    const intoId = sites.mergedIntoId(site.id);
    const into = intoId === undefined ? undefined : sites.getById(intoId);
    if (!into) return null;
    key = into.key;
    moved = true;
    fallback = true;
  }
  return null;
}

function safeOrigin(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/**
 * A stored target as a place of the network: `/K/rest` (K a site key or an old one), or an
 * absolute URL on the default host or on a site's hostname. Null for anything else.
 */
function parseNetworkTarget(sites: RedirectSiteLookup, toUrl: string, publicOrigin: string | null): { siteKey: string; path: string; query: string | null } | null {
  let pathAndQuery: string;
  let hostSite: { key: string } | undefined;
  if (toUrl.startsWith('/') && !toUrl.startsWith('//')) {
    pathAndQuery = toUrl;
  } else {
    let url: URL;
    try {
      url = new URL(toUrl);
    } catch {
      return null;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    hostSite = sites.getByHost(url.host) ?? sites.getByRedirectHost(url.host);
    if (!hostSite && url.origin !== publicOrigin) return null;
    pathAndQuery = `${url.pathname}${url.search}`;
  }
  const q = pathAndQuery.indexOf('?');
  const pathOnly = q === -1 ? pathAndQuery : pathAndQuery.slice(0, q);
  const query = q === -1 ? null : pathAndQuery.slice(q + 1);
  if (hostSite) return { siteKey: hostSite.key, path: pathOnly || '/', query };
  const m = /^\/([^/]+)(\/.*)?$/.exec(pathOnly);
  if (!m) return null;
  let key: string;
  try {
    key = decodeURIComponent(m[1]!);
  } catch {
    return null;
  }
  if (!sites.getByKey(key) && !sites.getByAlias(key)) return null;
  return { siteKey: key, path: m[2] ?? '/', query };
}
