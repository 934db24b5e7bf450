/**
 * Helpers of the site lifecycle tests (merge, rename, reorganise): requests by path or by a
 * site's Host header, following exactly one redirect, and a fingerprint of every table a merge
 * touches (to prove that a refused, rolled back or rehearsed merge changed nothing).
 */
import crypto from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../src/core/db/database.ts';

/** One request of a crawl: a path, and the Host header when it goes by a site's hostname. */
export interface CrawlUrl {
  path: string;
  host?: string;
}

/** What a URL answered. */
export interface Answer {
  status: number;
  location: string | undefined;
  body: string;
}

/** GET `url.path`, with `url.host` as Host header when given. */
export async function fetchUrl(app: FastifyInstance, url: CrawlUrl): Promise<Answer> {
  const res = await app.inject({ method: 'GET', url: url.path, headers: url.host ? { host: url.host } : {} });
  const location = res.headers.location;
  return { status: res.statusCode, location: typeof location === 'string' ? location : undefined, body: res.body };
}

/**
 * Turns a `Location` into the request that follows it: a root-relative path goes to the same
 * host as the request that got it; an absolute URL on the default host (`publicUrl`) goes by
 * path; any other absolute URL goes by its host.
 */
export function locationToUrl(location: string, from: CrawlUrl, publicUrl: string): CrawlUrl {
  if (location.startsWith('/')) return { path: location, ...(from.host ? { host: from.host } : {}) };
  const url = new URL(location);
  const path = `${url.pathname}${url.search}`;
  if (url.origin === new URL(publicUrl).origin) return { path };
  return { path, host: url.host };
}

/** GET a URL, and when it redirects, GET the target once (not further). */
export async function followOnce(app: FastifyInstance, url: CrawlUrl, publicUrl: string): Promise<{ first: Answer; target: CrawlUrl | null; second: Answer | null }> {
  const first = await fetchUrl(app, url);
  if (!first.location) return { first, target: null, second: null };
  const target = locationToUrl(first.location, url, publicUrl);
  return { first, target, second: await fetchUrl(app, target) };
}

/** Tables a site merge, rename or reorganisation may write. */
const TABLES: Array<[keyof Database, string]> = [
  ['sites', 'id'],
  ['site_hostnames', 'hostname'],
  ['site_key_aliases', 'key'],
  ['organisations', 'id'],
  ['categories', 'id'],
  ['articles', 'id'],
  ['article_categories', 'article_id'],
  ['tags', 'id'],
  ['article_tags', 'article_id'],
  ['media', 'id'],
  ['memberships', 'id'],
  ['api_tokens', 'id'],
  ['redirects', 'id'],
  ['syndications', 'id'],
  ['audit_log', 'id'],
];

/**
 * A fingerprint of every table a site lifecycle command writes: row counts and a SHA-256 of
 * the rows in a fixed order. Equal fingerprints: nothing changed.
 */
export async function databaseFingerprint(db: Kysely<Database>): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const [table, order] of TABLES) {
    const rows = await db
      .selectFrom(table)
      .selectAll()
      .orderBy(order as never)
      .execute();
    const sorted = rows.map((r) => JSON.stringify(Object.entries(r as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b))));
    if (table === 'article_categories' || table === 'article_tags') sorted.sort();
    out[table] = `${rows.length}:${crypto.createHash('sha256').update(sorted.join('\n')).digest('hex').slice(0, 16)}`;
  }
  return out;
}
