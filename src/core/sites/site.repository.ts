/**
 * All SQL for sites and their hostnames. Rows in, {@link Site} objects out.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import type { Site, SiteKind, SiteSettings, SiteStatus } from './site.ts';

interface SiteRowWithOrg {
  id: number;
  key: string;
  name: string;
  kind: string;
  parent_id: number | null;
  organisation_id: number | null;
  status: string;
  settings: string;
  position: number;
  org_name: string | null;
  org_short_name: string | null;
}

function parseSettings(json: string): SiteSettings {
  try {
    const value: unknown = JSON.parse(json);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as SiteSettings) : {};
  } catch {
    return {};
  }
}

function toSite(row: SiteRowWithOrg, hostnames: string[]): Site {
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    kind: row.kind as SiteKind,
    parentId: row.parent_id,
    organisationId: row.organisation_id,
    organisationName: row.org_name,
    organisationShortName: row.org_short_name,
    status: row.status as SiteStatus,
    settings: parseSettings(row.settings),
    hostnames,
    position: row.position,
  };
}

function baseQuery(db: Kysely<Database>) {
  return db
    .selectFrom('sites')
    .leftJoin('organisations', 'organisations.id', 'sites.organisation_id')
    .select([
      'sites.id',
      'sites.key',
      'sites.name',
      'sites.kind',
      'sites.parent_id',
      'sites.organisation_id',
      'sites.status',
      'sites.settings',
      'sites.position',
      'organisations.name as org_name',
      'organisations.short_name as org_short_name',
    ]);
}

/**
 * Lists every site with its hostnames (the ones it is served on; old, redirecting hostnames
 * are in {@link listSiteRouting}), ordered by kind position then `position`.
 * Includes merged and archived sites (callers filter by status).
 */
export async function listSites(db: Kysely<Database>): Promise<Site[]> {
  const rows = await baseQuery(db).orderBy('sites.position').orderBy('sites.id').execute();
  const hosts = await db.selectFrom('site_hostnames').select(['hostname', 'site_id']).where('redirect', '=', 0).execute();
  const bySite = new Map<number, string[]>();
  for (const h of hosts) bySite.set(h.site_id, [...(bySite.get(h.site_id) ?? []), h.hostname]);
  return rows.map((r) => toSite(r, (bySite.get(r.id) ?? []).sort()));
}

/** Finds a site by key, or null. */
export async function findSiteByKey(db: Kysely<Database>, key: string): Promise<Site | null> {
  const row = await baseQuery(db).where('sites.key', '=', key).executeTakeFirst();
  if (!row) return null;
  const hosts = await db.selectFrom('site_hostnames').select('hostname').where('site_id', '=', row.id).where('redirect', '=', 0).execute();
  return toSite(row, hosts.map((h) => h.hostname).sort());
}

/** Input to {@link upsertSite}. */
export interface SiteInput {
  key: string;
  name: string;
  kind: SiteKind;
  parentId?: number | null;
  organisationId?: number | null;
  settings?: SiteSettings;
  hostnames?: string[];
  position?: number;
}

/**
 * Inserts a site or updates the one with the same key; replaces its hostnames when given.
 * Hostnames are stored lowercase without port.
 * @returns the site's id.
 */
export async function upsertSite(db: Kysely<Database>, input: SiteInput, now: Date): Promise<number> {
  const at = now.toISOString();
  const values = {
    name: input.name,
    kind: input.kind,
    parent_id: input.parentId ?? null,
    organisation_id: input.organisationId ?? null,
    settings: JSON.stringify(input.settings ?? {}),
    position: input.position ?? 0,
    updated_at: at,
  };
  const existing = await db.selectFrom('sites').select('id').where('key', '=', input.key).executeTakeFirst();
  let id: number;
  if (existing) {
    await db.updateTable('sites').set(values).where('id', '=', existing.id).execute();
    id = existing.id;
  } else {
    const row = await db
      .insertInto('sites')
      .values({ key: input.key, ...values, created_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    id = row.id;
  }
  if (input.hostnames) {
    await db.deleteFrom('site_hostnames').where('site_id', '=', id).execute();
    const hostnames = [...new Set(input.hostnames.map((h) => h.toLowerCase().replace(/:\d+$/, '')))];
    if (hostnames.length) {
      await db.insertInto('site_hostnames').values(hostnames.map((hostname) => ({ hostname, site_id: id }))).execute();
    }
  }
  return id;
}

/**
 * What routes old addresses of sites (site lifecycle: merge and rename): the old keys of
 * renamed sites (`site_key_aliases`), the old hostnames that answer 301 to the site's primary
 * hostname (`site_hostnames.redirect = 1`) and which site each merged site went into.
 */
export interface SiteRouting {
  aliases: Array<{ key: string; siteId: number }>;
  redirectHostnames: Array<{ hostname: string; siteId: number }>;
  mergedInto: Array<{ siteId: number; intoSiteId: number }>;
}

/** Reads the {@link SiteRouting} tables (small: one row per renamed key, old hostname, merged site). */
export async function listSiteRouting(db: Kysely<Database>): Promise<SiteRouting> {
  const [aliases, hosts, merged] = await Promise.all([
    db.selectFrom('site_key_aliases').select(['key', 'site_id']).execute(),
    db.selectFrom('site_hostnames').select(['hostname', 'site_id']).where('redirect', '=', 1).execute(),
    db.selectFrom('sites').select(['id', 'merged_into_site_id']).where('merged_into_site_id', 'is not', null).execute(),
  ]);
  return {
    aliases: aliases.map((a) => ({ key: a.key, siteId: a.site_id })),
    redirectHostnames: hosts.map((h) => ({ hostname: h.hostname, siteId: h.site_id })),
    mergedInto: merged.map((m) => ({ siteId: m.id, intoSiteId: m.merged_into_site_id! })),
  };
}

/**
 * A cheap fingerprint of the site tables: the latest `sites.updated_at`, the number of sites,
 * of hostnames (and of redirecting ones) and of key aliases. Every command that changes a
 * site (settings, merge, rename) moves `updated_at`, so a server process compares this on a
 * tick to notice changes made by another process (the CLI, another node) and reload its
 * in-memory directory. One small query; no table is scanned beyond these counts.
 */
export async function readSitesStamp(db: Kysely<Database>): Promise<string> {
  const row = await sql<{ m: string | null; c: unknown; h: unknown; r: unknown; a: unknown }>`select
      (select max(updated_at) from sites) as m,
      (select count(*) from sites) as c,
      (select count(*) from site_hostnames) as h,
      (select coalesce(sum(redirect), 0) from site_hostnames) as r,
      (select count(*) from site_key_aliases) as a`.execute(db);
  const r = row.rows[0]!;
  return [r.m ?? '', r.c, r.h, r.r, r.a].map(String).join('|');
}
