/**
 * The audit log (DESIGN.md §3): every editorial and administrative act is appended, in the
 * same transaction as the act, to a hash-chained log. Each entry's `hash` is the SHA-256 of
 * the previous entry's hash and the entry's canonical JSON, and entries are numbered without
 * gaps, so editing or removing any entry breaks the chain where it happened (see
 * verify-audit-log.ts). Removing the newest entries is only detectable against a head hash
 * recorded elsewhere (`cong audit verify` prints it).
 */
import crypto from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { AuditLogRow, Database } from '../db/database.ts';
import { type Actor, actorLabel, actorReference } from '../policy/actor.ts';

/** The hash the first entry chains from: 64 zeros. */
export const GENESIS_HASH = '0'.repeat(64);

/** What happened, as a command records it. */
export interface AuditEntryInput {
  actor: Actor;
  /** Dotted verb, e.g. `article.submit`, `user.add`, `site.settings.update`. */
  action: string;
  siteId?: number | null;
  subjectType?: string | null;
  subjectId?: number | null;
  /** Small JSON-serialisable facts: reason, from/to state, changed settings… Never secrets. */
  details?: Record<string, unknown>;
  /** Client network address, when the act came over HTTP. */
  address?: string | null;
  /** When it happened (UTC); the command's clock. */
  at: Date;
}

/** The fields of an entry that its hash covers, in a fixed order. */
export function canonicalAuditJson(row: Pick<AuditLogRow, 'id' | 'at' | 'actor_type' | 'actor_id' | 'actor_label' | 'action' | 'site_id' | 'subject_type' | 'subject_id' | 'details' | 'address'>): string {
  return JSON.stringify([row.id, row.at, row.actor_type, row.actor_id, row.actor_label, row.action, row.site_id, row.subject_type, row.subject_id, row.details, row.address]);
}

/** SHA-256 hex of the previous hash followed by the entry's canonical JSON. */
export function chainHash(prevHash: string, canonicalJson: string): string {
  return crypto.createHash('sha256').update(prevHash).update('\n').update(canonicalJson).digest('hex');
}

/**
 * Appends one entry. Call inside the command's transaction so that the act and its entry
 * commit together or not at all. On PostgreSQL a transaction-scoped advisory lock serialises
 * appenders (two server processes never fork the chain); SQLite serialises writers itself.
 * @param trx a transaction (or a handle when the act itself is not transactional).
 * @returns the new entry's id.
 */
export async function appendAudit(trx: Kysely<Database>, entry: AuditEntryInput): Promise<number> {
  if (trx.getExecutor().adapter.constructor.name === 'PostgresAdapter') {
    await sql`select pg_advisory_xact_lock(4242001)`.execute(trx);
  }
  const last = await trx.selectFrom('audit_log').select(['id', 'hash']).orderBy('id', 'desc').limit(1).executeTakeFirst();
  const ref = actorReference(entry.actor);
  const row = {
    id: (last?.id ?? 0) + 1,
    at: entry.at.toISOString(),
    actor_type: ref.type,
    actor_id: ref.id,
    actor_label: actorLabel(entry.actor),
    action: entry.action,
    site_id: entry.siteId ?? null,
    subject_type: entry.subjectType ?? null,
    subject_id: entry.subjectId ?? null,
    details: JSON.stringify(entry.details ?? {}),
    address: entry.address ?? null,
  };
  const prevHash = last?.hash ?? GENESIS_HASH;
  const hash = chainHash(prevHash, canonicalAuditJson(row));
  await trx.insertInto('audit_log').values({ ...row, prev_hash: prevHash, hash }).execute();
  return row.id;
}
