/**
 * Reading the audit log: a site's entries, one subject's entries (an article's story) and the
 * whole network's, newest first, paginated by id (`before`). Writing is only appendAudit
 * (audit.ts); nothing here changes the log.
 */
import type { Kysely, SelectQueryBuilder } from 'kysely';
import type { AuditLogRow, Database } from '../db/database.ts';

/** Who acted, as the entry recorded it. */
export interface AuditActorRef {
  /** `user` | `token` | `system` | `anonymous` */
  type: string;
  /** The user or token id; null for the system and anonymous. */
  id: number | null;
  /** The name shown then ("Nguyễn Văn A", "API: cổng tỉnh", "Hệ thống (scheduler)"). */
  label: string;
}

/** One audit log entry as the rest of the code sees it. */
export interface AuditEntry {
  id: number;
  /** When it happened, ISO 8601 UTC. */
  at: string;
  actor: AuditActorRef;
  /** Dotted verb, e.g. `article.submit`. */
  action: string;
  siteId: number | null;
  subjectType: string | null;
  subjectId: number | null;
  /** The facts recorded with the act (reason, from/to state…). */
  details: Record<string, unknown>;
  /** Client network address when the act came over HTTP. */
  address: string | null;
  /** The entry's chain hash (SHA-256 hex). */
  hash: string;
}

/** One page of entries, newest first. */
export interface AuditPage {
  entries: AuditEntry[];
  /** Pass as `before` to get the next (older) page; null when this page is the last. */
  nextBefore: number | null;
}

/** Paging of audit lists. */
export interface AuditPaging {
  /** Only entries with an id below this (the `nextBefore` of the previous page). */
  before?: number | null;
  /** Page size, 1–500 (default 50). */
  limit?: number | null;
}

/** Entries per page when the caller does not say. */
export const AUDIT_PAGE_DEFAULT = 50;
/** The largest page a caller may ask for. */
export const AUDIT_PAGE_MAX = 500;

/**
 * A site's entries, newest first, optionally about one subject type (and id).
 * @param siteId the site; entries of other sites and network-wide entries are never returned.
 */
export async function listAuditForSite(
  db: Kysely<Database>,
  siteId: number,
  options: AuditPaging & { subjectType?: string | null; subjectId?: number | null } = {},
): Promise<AuditPage> {
  let query = db.selectFrom('audit_log').selectAll().where('site_id', '=', siteId);
  if (options.subjectType) query = query.where('subject_type', '=', options.subjectType);
  if (options.subjectId != null) query = query.where('subject_id', '=', options.subjectId);
  return page(query, options);
}

/**
 * The entries about one subject on a site (e.g. `article` 42: its whole editorial story), newest
 * first. For `GET /articles/:id/audit`; the caller checks the actor may read the subject.
 */
export async function listAuditForSubject(db: Kysely<Database>, siteId: number, subjectType: string, subjectId: number, paging: AuditPaging = {}): Promise<AuditPage> {
  return listAuditForSite(db, siteId, { ...paging, subjectType, subjectId });
}

/**
 * The whole network's entries, newest first: every site's and the network-wide ones
 * (`siteId` null). For network administrators and the console.
 * @param options.siteId only this site's entries; `null`: only network-wide entries; absent: all.
 * @param options.action only entries with this action (`user.add`).
 */
export async function listAuditForNetwork(db: Kysely<Database>, options: AuditPaging & { siteId?: number | null; action?: string | null } = {}): Promise<AuditPage> {
  let query = db.selectFrom('audit_log').selectAll();
  if (options.siteId === null) query = query.where('site_id', 'is', null);
  else if (options.siteId !== undefined) query = query.where('site_id', '=', options.siteId);
  if (options.action) query = query.where('action', '=', options.action);
  return page(query, options);
}

async function page(query: SelectQueryBuilder<Database, 'audit_log', AuditLogRow>, paging: AuditPaging): Promise<AuditPage> {
  const limit = Math.min(AUDIT_PAGE_MAX, Math.max(1, Math.floor(paging.limit ?? AUDIT_PAGE_DEFAULT)));
  if (paging.before != null) query = query.where('id', '<', paging.before);
  const rows = await query.orderBy('id', 'desc').limit(limit + 1).execute();
  const entries = rows.slice(0, limit).map(toAuditEntry);
  return { entries, nextBefore: rows.length > limit ? entries[entries.length - 1]!.id : null };
}

/** Maps a row to an entry; details that are not a JSON object (a damaged row) come back as `{ raw }`. */
function toAuditEntry(row: AuditLogRow): AuditEntry {
  return {
    id: row.id,
    at: row.at,
    actor: { type: row.actor_type, id: row.actor_id, label: row.actor_label },
    action: row.action,
    siteId: row.site_id,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    details: parseDetails(row.details),
    address: row.address,
    hash: row.hash,
  };
}

function parseDetails(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // fall through: shown as stored
  }
  return { raw: text };
}
