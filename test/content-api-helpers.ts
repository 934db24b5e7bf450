/**
 * Helpers for the content API tests: real Vietnamese news briefs from the demo corpus, a cover
 * image row, the forbidden-field walk over an answer, and typed GETs.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Database } from '../src/core/db/database.ts';
import type { TestApp } from './app-harness.ts';

/** The origin test apps use for absolute URLs (CONG_PUBLIC_URL from HOST and PORT). */
export const ORIGIN = 'http://127.0.0.1:3000';
/** The content API's base URL path. */
export const API = '/api/content/v1';

/** A real news brief from demo/news-briefs.jsonl (openly licensed, see demo/README.md). */
export interface NewsBrief {
  title: string;
  summary: string;
  category: string;
}

/** The first `count` briefs of the bundled corpus, in file order. */
export function loadNewsBriefs(count: number): NewsBrief[] {
  const file = path.join(import.meta.dirname, '..', 'demo', 'news-briefs.jsonl');
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .slice(0, count)
    .map((line) => {
      const row = JSON.parse(line) as NewsBrief;
      return { title: row.title, summary: row.summary, category: row.category };
    });
}

/** Creates a media row with WebP and JPEG variants; returns its id and storage keys. */
export async function buildCoverMedia(db: Kysely<Database>, siteId: number, name: string): Promise<{ id: number; storageKey: string; variantKeys: string[] }> {
  const storageKey = `cd/${name}.jpg`;
  const variants = [
    { width: 1280, height: 720, format: 'jpeg', key: `cd/${name}-1280.jpg`, bytes: 90_000 },
    { width: 640, height: 360, format: 'webp', key: `cd/${name}-640.webp`, bytes: 20_000 },
    { width: 640, height: 360, format: 'jpeg', key: `cd/${name}-640.jpg`, bytes: 30_000 },
  ];
  const row = await db
    .insertInto('media')
    .values({
      site_id: siteId,
      original_name: `${name}-ban-goc-cua-phong-vien.jpg`,
      mime_type: 'image/jpeg',
      width: 1600,
      height: 900,
      bytes: 123_456,
      sha256: 'c'.repeat(64),
      storage_key: storageKey,
      variants: JSON.stringify(variants),
      alt: 'Quang cảnh hội nghị',
      caption: 'Hội nghị tại Lạng Sơn',
      credit: 'Ảnh: Sở TTTT',
      created_at: new Date().toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, storageKey, variantKeys: variants.map((v) => v.key) };
}

/**
 * Keys a public answer must never carry: database ids and foreign keys, people, workflow and
 * revision internals, withdrawal internals, storage internals. Compared case-insensitively.
 */
export const FORBIDDEN_KEYS = [
  'id', 'siteId', 'site_id', 'authorUserId', 'author_user_id', 'assigneeUserId', 'assignee_user_id', 'userId', 'createdByUserId',
  'email', 'password', 'passwordHash', 'totpSecret', 'revision', 'revisions', 'state', 'status', 'note_internal', 'internalNote',
  'comments', 'withdrawalReason', 'withdrawal_reason', 'withdrawalRedirectUrl', 'withdrawal_redirect_url', 'scheduleError',
  'schedule_error', 'stateChangedAt', 'importKey', 'import_key', 'importHash', 'import_hash', 'mediaId', 'storageKey',
  'storage_key', 'sha256', 'originalName', 'original_name', 'settings', 'allowedActions', 'createdAt', 'updatedAt',
].map((k) => k.toLowerCase());

/** Every object key anywhere in a JSON value, with its path (`items.0.cover.url`). */
export function keyPaths(value: unknown, at = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => keyPaths(v, `${at}${i}.`));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => [`${at}${k}`, ...keyPaths(v, `${at}${k}.`)]);
  }
  return [];
}

/** The paths of forbidden keys in a JSON value (empty when the answer is clean). */
export function forbiddenKeyPaths(value: unknown): string[] {
  return keyPaths(value).filter((p) => FORBIDDEN_KEYS.includes(p.split('.').pop()!.toLowerCase()));
}

/** A GET through the app; `json` is the parsed body (or null when it is not JSON). */
export async function getJson(t: TestApp, url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, unknown>; json: any; body: string }> {
  const res = await t.app.inject({ method: 'GET', url, headers });
  let json: unknown = null;
  try {
    json = JSON.parse(res.body);
  } catch {
    json = null;
  }
  return { status: res.statusCode, headers: res.headers, json, body: res.body };
}
