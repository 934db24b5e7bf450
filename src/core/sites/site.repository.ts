/**
 * All SQL for sites and their hostnames. Rows in, {@link Site} objects out.
 */
import type { Kysely } from 'kysely';
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
 * Lists every site with its hostnames, ordered by kind position then `position`.
 * Includes merged and archived sites (callers filter by status).
 */
export async function listSites(db: Kysely<Database>): Promise<Site[]> {
  const rows = await baseQuery(db).orderBy('sites.position').orderBy('sites.id').execute();
  const hosts = await db.selectFrom('site_hostnames').select(['hostname', 'site_id']).execute();
  const bySite = new Map<number, string[]>();
  for (const h of hosts) bySite.set(h.site_id, [...(bySite.get(h.site_id) ?? []), h.hostname]);
  return rows.map((r) => toSite(r, (bySite.get(r.id) ?? []).sort()));
}

/** Finds a site by key, or null. */
export async function findSiteByKey(db: Kysely<Database>, key: string): Promise<Site | null> {
  const row = await baseQuery(db).where('sites.key', '=', key).executeTakeFirst();
  if (!row) return null;
  const hosts = await db.selectFrom('site_hostnames').select('hostname').where('site_id', '=', row.id).execute();
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
