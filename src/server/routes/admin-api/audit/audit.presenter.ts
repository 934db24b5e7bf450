/**
 * What the admin API shows of an audit entry: an allowlist of fields (STYLE.md, presenters).
 */
import type { AuditEntry, AuditPage } from '../../../../core/audit/audit.repository.ts';

/** One entry in API responses. */
export interface AuditEntryView {
  id: number;
  at: string;
  actor: { type: string; id: number | null; label: string };
  action: string;
  siteId: number | null;
  subjectType: string | null;
  subjectId: number | null;
  details: Record<string, unknown>;
  address: string | null;
  hash: string;
}

/** Presents one entry. */
export function presentAuditEntry(e: AuditEntry): AuditEntryView {
  return {
    id: e.id,
    at: e.at,
    actor: { type: e.actor.type, id: e.actor.id, label: e.actor.label },
    action: e.action,
    siteId: e.siteId,
    subjectType: e.subjectType,
    subjectId: e.subjectId,
    details: e.details,
    address: e.address,
    hash: e.hash,
  };
}

/** Presents a page: `{ entries, nextBefore }` (pass `nextBefore` as `before` for older entries). */
export function presentAuditPage(page: AuditPage): { entries: AuditEntryView[]; nextBefore: number | null } {
  return { entries: page.entries.map(presentAuditEntry), nextBefore: page.nextBefore };
}
