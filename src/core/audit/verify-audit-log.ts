/**
 * Verifies the hash-chained audit log (DESIGN.md §3; issue "Newsroom core", item 7): walks
 * every entry in id order and says where the chain first breaks. Runs the same under
 * `cong audit verify`, tests and jobs; reads in batches, so a log of millions of entries is
 * never held in memory.
 */
import type { Kysely } from 'kysely';
import type { AuditLogRow, Database } from '../db/database.ts';
import { canonicalAuditJson, chainHash, GENESIS_HASH } from './audit.ts';

/**
 * How the chain broke:
 * - `changed`: an entry's stored hash does not match its content (the entry was edited);
 * - `missing`: an id is skipped (the entry was deleted);
 * - `unlinked`: an entry's `prev_hash` is not the previous entry's hash (an entry before it
 *   was edited and re-hashed, or entries were spliced);
 * - `out_of_order`: an id below the expected one (ids must count 1, 2, 3…);
 * - `truncated`: the head hash recorded earlier is nowhere in the chain (newest entries removed,
 *   or the whole log rewritten).
 */
export type AuditProblemKind = 'changed' | 'missing' | 'unlinked' | 'out_of_order' | 'truncated';

/** The verdict of {@link verifyAuditLog}. */
export interface AuditVerification {
  /** True when every entry is intact and linked (and the expected head, if given, was found). */
  ok: boolean;
  /** How many entries the log holds now. */
  entries: number;
  /** The newest entry's stored hash (64 hex digits); {@link GENESIS_HASH} for an empty log. Record it elsewhere to detect truncation later. */
  headHash: string;
  /** The id of the first entry found wrong (or missing); absent when ok. */
  firstBadId?: number;
  /** What is wrong, in Vietnamese, naming the entry ("mục 17 đã bị sửa…"); absent when ok. */
  problem?: string;
  /** The kind of problem; absent when ok. */
  problemKind?: AuditProblemKind;
}

/** Options of {@link verifyAuditLog}. */
export interface VerifyAuditLogOptions {
  /**
   * A head hash printed by an earlier verification (`cong audit verify`). The log must still
   * contain an entry with this hash: it may have grown since, but if the hash is gone the
   * newest entries were removed or the log rewritten, which the chain alone cannot show.
   */
  expectHead?: string | null;
  /** Rows read per query (default 1000). */
  batchSize?: number;
}

/** The columns the verification reads. */
type ChainRow = Pick<AuditLogRow, 'id' | 'at' | 'actor_type' | 'actor_id' | 'actor_label' | 'action' | 'site_id' | 'subject_type' | 'subject_id' | 'details' | 'address' | 'prev_hash' | 'hash'>;

/** Whether a string is a SHA-256 hex digest (64 hex digits, any case). */
export function isAuditHash(value: string): boolean {
  return /^[0-9a-f]{64}$/i.test(value.trim());
}

/**
 * Walks the audit log in id order and checks, for each entry: its id is the previous id + 1
 * (the first is 1); its `prev_hash` equals the previous entry's `hash` ({@link GENESIS_HASH}
 * for the first); its `hash` equals `chainHash(prev_hash, canonicalAuditJson(entry))`. Stops
 * checking at the first problem but keeps counting, so `entries` and `headHash` describe the
 * whole log. Reads `batchSize` rows per query by keyset (`id > last`), never the whole table.
 *
 * Removing the newest entries leaves a valid shorter chain; only `expectHead` (a head hash
 * recorded earlier, e.g. printed by `cong audit verify` into an operator's log) detects it.
 *
 * @param db any handle; reads only.
 * @returns the verdict; never throws for a broken log (only for database failures).
 */
export async function verifyAuditLog(db: Kysely<Database>, options: VerifyAuditLogOptions = {}): Promise<AuditVerification> {
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? 1000));
  const expectHead = options.expectHead ? options.expectHead.trim().toLowerCase() : null;
  let expectHeadFound = expectHead === null || expectHead === GENESIS_HASH;
  let entries = 0;
  let lastId = 0;
  let lastHash = GENESIS_HASH;
  let broken: { firstBadId: number; problem: string; problemKind: AuditProblemKind } | null = null;

  for (;;) {
    const rows: ChainRow[] = await db
      .selectFrom('audit_log')
      .select(['id', 'at', 'actor_type', 'actor_id', 'actor_label', 'action', 'site_id', 'subject_type', 'subject_id', 'details', 'address', 'prev_hash', 'hash'])
      .where('id', '>', lastId)
      .orderBy('id')
      .limit(batchSize)
      .execute();
    for (const row of rows) {
      entries++;
      if (!broken) broken = checkEntry(row, lastId, lastHash);
      if (!expectHeadFound && row.hash.toLowerCase() === expectHead) expectHeadFound = true;
      lastId = row.id;
      lastHash = row.hash;
    }
    if (rows.length < batchSize) break;
  }

  if (!broken && !expectHeadFound) {
    broken = {
      firstBadId: lastId + 1,
      problemKind: 'truncated',
      problem:
        `nhật ký đã bị cắt bớt hoặc viết lại: không còn mục nào có mã băm đầu chuỗi ${expectHead} đã ghi nhận trước đây ` +
        `(nhật ký hiện dừng ở mục ${lastId}; các mục từ ${lastId + 1} trở đi đã bị xoá)`,
    };
  }
  return broken ? { ok: false, entries, headHash: lastHash, ...broken } : { ok: true, entries, headHash: lastHash };
}

/** The first problem with `row` given the entry before it, or null. */
function checkEntry(row: ChainRow, prevId: number, prevHash: string): { firstBadId: number; problem: string; problemKind: AuditProblemKind } | null {
  const expectedId = prevId + 1;
  if (row.id > expectedId) {
    const last = row.id - 1;
    const which = last === expectedId ? `mục ${expectedId}` : `các mục ${expectedId}–${last}`;
    return { firstBadId: expectedId, problemKind: 'missing', problem: `${which} đã bị xoá (sau mục ${prevId} là mục ${row.id})` };
  }
  if (row.id < expectedId) {
    return { firstBadId: row.id, problemKind: 'out_of_order', problem: `mục ${row.id} sai số thứ tự (cần là ${expectedId})` };
  }
  if (row.prev_hash !== prevHash) {
    const problem = prevId === 0 ? `mục ${row.id} không phải là mục đầu tiên của chuỗi (mã băm trước không phải chuỗi khởi đầu)` : `mục ${row.id} không nối tiếp mục ${prevId} (mục ${prevId} đã bị sửa rồi tính lại mã băm, hoặc chuỗi bị ghép)`;
    return { firstBadId: row.id, problemKind: 'unlinked', problem };
  }
  if (chainHash(row.prev_hash, canonicalAuditJson(row)) !== row.hash) {
    return { firstBadId: row.id, problemKind: 'changed', problem: `mục ${row.id} đã bị sửa (nội dung không khớp mã băm)` };
  }
  return null;
}
