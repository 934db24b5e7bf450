/**
 * Replaying a reorganisation of the provinces (issue "The network", item 6): from a mapping in
 * the shape of demo/provinces-2025.json — each new province with the old provinces it was
 * `merged_from` — the provincial department sites of the merged provinces are merged into one
 * site per new province, in ONE transaction with ONE audit entry. With the demo network and
 * the 2025 mapping, 63 provincial department sites become 34 (Resolution 202/2025/QH15,
 * effective 1 July 2025).
 *
 * Per new province:
 * - each old province is found among the provincial department sites by its code and name
 *   (`settings.provinceCode`, `settings.provinceName`; both equal first, then the name, then
 *   the code), so a mapping applied twice finds the same sites;
 * - the surviving site is the old province whose name is the new name (case and diacritics
 *   folded), else the one with the new code, else the first listed; the others are merged
 *   into it (site-merge rules, categories mapped by name: core/sites/merge-sites.ts); one
 *   already merged into it is skipped;
 * - the surviving site takes the new code and, when the name changes, the new name: its site
 *   name and its organisation's names have the old province's name replaced by the new one;
 * - a province whose only old province is itself stays as it is.
 * Provincial sites the mapping does not name stay as they are, and are listed in the report.
 */
import { z } from 'zod';
import type { Kysely } from 'kysely';
import type { Database, SiteRow } from '../db/database.ts';
import type { Actor } from '../policy/actor.ts';
import { authorize } from '../policy/policy.ts';
import { appendAudit } from '../audit/audit.ts';
import { parseCommandInput, ValidationError } from '../errors.ts';
import { foldText, normalizeText } from '../text/index.ts';
import { auditDetailsOf, DryRunRollback, mergeSiteInTransaction, type MergeDeps, type MergeReport } from '../sites/merge-sites.ts';

const provinceRef = z.looseObject({
  code: z.string({ error: 'cần mã tỉnh (chuỗi chữ số, ví dụ "02")' }).trim().regex(/^\d{1,3}$/, 'mã tỉnh là 1–3 chữ số, ví dụ "02"'),
  name: z.string({ error: 'cần tên tỉnh (chuỗi ký tự)' }).trim().min(2, 'cần tên tỉnh').max(120, 'tên tỉnh dài quá 120 ký tự'),
});

/** One new province of a mapping file. */
const newProvince = provinceRef.extend({
  short_name: z.string({ error: 'cần tên ngắn (chuỗi ký tự)' }).trim().min(2, 'cần tên ngắn').max(80, 'tên ngắn dài quá 80 ký tự'),
  merged_from: z.array(provinceRef, { error: 'cần danh sách các tỉnh cũ (merged_from)' }).min(1, 'cần ít nhất một tỉnh cũ'),
});

/** A reorganisation mapping (the shape of demo/provinces-2025.json; other fields are ignored). */
export const reorganisationMapping = z.looseObject({
  effective: z.string().optional(),
  provinces: z.array(newProvince, { error: 'cần danh sách các tỉnh mới (provinces)' }).min(1, 'cần ít nhất một tỉnh').max(200, 'tối đa 200 tỉnh'),
});
export type ReorganisationMapping = z.output<typeof reorganisationMapping>;

/** A surviving site whose province changed name or code. */
export interface ProvinceRename {
  siteKey: string;
  code: { from: string | null; to: string };
  provinceName: { from: string | null; to: string };
  siteName: { from: string; to: string };
}

/** What a reorganisation did (or, in a dry run, would do). */
export interface ReorganisationReport {
  dryRun: boolean;
  /** `YYYY-MM-DD`, from the option or the mapping's `effective`. */
  effectiveDate: string;
  /** Active provincial department sites before and after. */
  sitesBefore: number;
  sitesAfter: number;
  /** One per merged site, in the mapping's order. */
  merges: MergeReport[];
  renamed: ProvinceRename[];
  /** New provinces whose site stayed as it was. */
  unchanged: number;
  /** Old provinces already merged into their new site (the mapping was applied before). */
  alreadyMerged: number;
  /** Keys of active provincial department sites the mapping does not name. */
  notInMapping: string[];
}

/** Progress of a long reorganisation: `done` of `total` merges, the one starting now. */
export type ReorganiseProgress = (done: number, total: number, label: string) => void;

function folded(s: string): string {
  return foldText(s).trim().replace(/\s+/g, ' ');
}

/** The province's name without "Tỉnh" / "Thành phố" ("Tỉnh Lạng Sơn" → "Lạng Sơn"). */
function bareName(name: string): string {
  return normalizeText(name).trim().replace(/^(Tỉnh|Thành phố|TP\.)\s+/iu, '');
}

function settingsOf(row: SiteRow): Record<string, unknown> {
  try {
    const v: unknown = JSON.parse(row.settings);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function effectiveDateOf(option: string | undefined, mapping: ReorganisationMapping): string {
  const raw = option ?? /\d{4}-\d{2}-\d{2}/.exec(mapping.effective ?? '')?.[0];
  if (raw === undefined) throw new ValidationError([{ path: 'effectiveDate', message: 'cần ngày có hiệu lực (YYYY-MM-DD), trong tệp (effective) hoặc tuỳ chọn' }]);
  const d = new Date(`${raw}T00:00:00.000Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(raw) || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== raw) {
    throw new ValidationError([{ path: 'effectiveDate', message: `ngày “${raw}” không hợp lệ (cần YYYY-MM-DD)` }]);
  }
  return raw;
}

/**
 * Applies a whole reorganisation (policy `network.manage_sites`): see the module comment.
 * @param mapping the parsed JSON of a mapping file (validated here: errors name the path,
 *   e.g. `provinces.2.merged_from.0.code`).
 * @param options.dryRun do everything, report it, and roll it back (nothing audited).
 * @param options.effectiveDate `YYYY-MM-DD`; default: the date in the mapping's `effective`.
 * @param options.onProgress called before each merge.
 * @returns the report.
 * @throws ValidationError naming the path: a bad mapping, an old province with no site, a
 *   province named twice, a surviving site that is not active, a merge refused (category
 *   conflict). Nothing is changed when anything throws.
 * Source: issue "The network", item 6; Resolution 202/2025/QH15 (demo/provinces-2025.json).
 */
export async function reorganiseNetwork(
  deps: MergeDeps,
  actor: Actor,
  mapping: unknown,
  options: { dryRun?: boolean; effectiveDate?: string; onProgress?: ReorganiseProgress; address?: string | null } = {},
): Promise<ReorganisationReport> {
  authorize(actor, 'network.manage_sites', { siteId: null }, 'mạng lưới');
  const parsed = parseCommandInput(reorganisationMapping, mapping);
  const effectiveDate = effectiveDateOf(options.effectiveDate, parsed);
  const dryRun = options.dryRun ?? false;
  const now = deps.clock();
  let report: ReorganisationReport | null = null;
  try {
    await deps.db.transaction().execute(async (trx) => {
      report = await reorganiseInTransaction(trx, parsed, { now, effectiveDate, dryRun, step: deps.failAfter, onProgress: options.onProgress });
      if (dryRun) throw new DryRunRollback();
      await appendAudit(trx, {
        actor,
        action: 'network.reorganise',
        siteId: null,
        subjectType: 'network',
        subjectId: null,
        details: { ...report, merges: report.merges.map(auditDetailsOf) },
        address: options.address,
        at: now,
      });
    });
  } catch (error) {
    if (!(error instanceof DryRunRollback)) throw error;
  }
  if (!dryRun) await deps.sites.reload();
  return report!;
}

async function reorganiseInTransaction(
  trx: Kysely<Database>,
  mapping: ReorganisationMapping,
  options: { now: Date; effectiveDate: string; dryRun: boolean; step?: MergeDeps['failAfter']; onProgress?: ReorganiseProgress },
): Promise<ReorganisationReport> {
  const at = options.now.toISOString();
  const all = await trx.selectFrom('sites').selectAll().where('kind', '=', 'provincial_department').orderBy('position').orderBy('id').execute();
  const provinceSites = all.map((row) => ({ row, settings: settingsOf(row) }));

  // Which site each old province is: both code and name, else the name, else the code.
  const findSite = (ref: { code: string; name: string }) => {
    const name = folded(ref.name);
    const code = (s: Record<string, unknown>) => String(s.provinceCode ?? '');
    const nameOf = (s: Record<string, unknown>) => folded(String(s.provinceName ?? ''));
    return (
      provinceSites.find((s) => code(s.settings) === ref.code && nameOf(s.settings) === name) ??
      provinceSites.find((s) => nameOf(s.settings) === name) ??
      provinceSites.find((s) => code(s.settings) === ref.code)
    );
  };

  type Group = { index: number; survivor: (typeof provinceSites)[number]; others: Array<(typeof provinceSites)[number]>; province: ReorganisationMapping['provinces'][number] };
  const groups: Group[] = [];
  const claimed = new Map<number, string>();
  const issues: Array<{ path: string; message: string }> = [];
  mapping.provinces.forEach((province, index) => {
    const members: Array<(typeof provinceSites)[number]> = [];
    province.merged_from.forEach((ref, j) => {
      const path = `provinces.${index}.merged_from.${j}`;
      const site = findSite(ref);
      if (!site) {
        issues.push({ path, message: `không có trang Sở nào của “${ref.name}” (mã ${ref.code}) trong mạng lưới` });
        return;
      }
      const before = claimed.get(site.row.id);
      if (before) {
        issues.push({ path, message: `“${ref.name}” (trang “${site.row.key}”) đã có ở ${before}` });
        return;
      }
      claimed.set(site.row.id, path);
      members.push(site);
    });
    if (members.length !== province.merged_from.length) return;
    const newName = folded(province.name);
    const survivorIndex = Math.max(
      0,
      [province.merged_from.findIndex((r) => folded(r.name) === newName), province.merged_from.findIndex((r) => r.code === province.code)].find((i) => i >= 0) ?? 0,
    );
    const survivor = members[survivorIndex]!;
    if (survivor.row.status !== 'active') {
      issues.push({ path: `provinces.${index}.merged_from.${survivorIndex}`, message: `trang “${survivor.row.key}” giữ lại cho “${province.name}” không còn hoạt động (${survivor.row.status})` });
      return;
    }
    members.forEach((m, j) => {
      if (j !== survivorIndex && m.row.status === 'merged' && m.row.merged_into_site_id !== survivor.row.id) {
        issues.push({ path: `provinces.${index}.merged_from.${j}`, message: `trang “${m.row.key}” đã được sáp nhập vào một trang khác` });
      }
    });
    groups.push({ index, survivor, others: members.filter((_, i) => i !== survivorIndex), province });
  });
  if (issues.length) throw new ValidationError(issues);

  const sitesBefore = all.filter((r) => r.status === 'active').length;
  const report: ReorganisationReport = {
    dryRun: options.dryRun,
    effectiveDate: options.effectiveDate,
    sitesBefore,
    sitesAfter: sitesBefore,
    merges: [],
    renamed: [],
    unchanged: 0,
    alreadyMerged: 0,
    notInMapping: all.filter((r) => r.status === 'active' && !claimed.has(r.id)).map((r) => r.key),
  };

  const toMerge = groups.flatMap((g) => g.others.filter((o) => !(o.row.status === 'merged' && o.row.merged_into_site_id === g.survivor.row.id)));
  let done = 0;
  for (const group of groups) {
    const survivor = group.survivor;
    let changed = false;
    for (const other of group.others) {
      if (other.row.status === 'merged' && other.row.merged_into_site_id === survivor.row.id) {
        report.alreadyMerged += 1;
        continue;
      }
      const path = `provinces.${group.index}.merged_from.${group.province.merged_from.findIndex((r) => findSite(r) === other)}`;
      options.onProgress?.(done, toMerge.length, `${other.row.key} → ${survivor.row.key}`);
      // Earlier merges of this run may have touched either row (parents, timestamps).
      const [from, into] = await Promise.all([
        trx.selectFrom('sites').selectAll().where('id', '=', other.row.id).executeTakeFirstOrThrow(),
        trx.selectFrom('sites').selectAll().where('id', '=', survivor.row.id).executeTakeFirstOrThrow(),
      ]);
      let merge: MergeReport;
      try {
        merge = await mergeSiteInTransaction(trx, from, into, { now: options.now, step: options.step });
      } catch (error) {
        // A refused merge names its field inside the merge; say which province it was.
        if (error instanceof ValidationError) throw new ValidationError(error.issues.map((i) => ({ path: `${path} (${other.row.key} → ${survivor.row.key}): ${i.path}`, message: i.message })));
        throw error;
      }
      merge.dryRun = options.dryRun;
      report.merges.push(merge);
      report.sitesAfter -= 1;
      changed = true;
      done += 1;
    }

    // The surviving site takes the new province's code and name.
    const settings = survivor.settings;
    const oldCode = typeof settings.provinceCode === 'string' ? settings.provinceCode : null;
    const oldProvince = typeof settings.provinceName === 'string' ? settings.provinceName : null;
    const newProvince = normalizeText(group.province.name).trim();
    const nameChanged = oldProvince !== null && folded(oldProvince) !== folded(newProvince);
    if (oldCode !== group.province.code || nameChanged || oldProvince === null) {
      const oldBare = oldProvince === null ? null : bareName(oldProvince);
      const newBare = bareName(newProvince);
      const siteName = nameChanged && oldBare ? survivor.row.name.split(oldBare).join(newBare) : survivor.row.name;
      await trx
        .updateTable('sites')
        .set({ name: siteName, settings: JSON.stringify({ ...settings, provinceCode: group.province.code, provinceName: newProvince }), updated_at: at })
        .where('id', '=', survivor.row.id)
        .execute();
      if (nameChanged && oldBare && survivor.row.organisation_id !== null) {
        const org = await trx.selectFrom('organisations').select(['name', 'short_name']).where('id', '=', survivor.row.organisation_id).executeTakeFirst();
        if (org) {
          await trx
            .updateTable('organisations')
            .set({ name: org.name.split(oldBare).join(newBare), short_name: org.short_name === null ? null : org.short_name.split(oldBare).join(newBare) })
            .where('id', '=', survivor.row.organisation_id)
            .execute();
        }
      }
      report.renamed.push({ siteKey: survivor.row.key, code: { from: oldCode, to: group.province.code }, provinceName: { from: oldProvince, to: newProvince }, siteName: { from: survivor.row.name, to: siteName } });
      changed = true;
    }
    if (!changed) report.unchanged += 1;
  }
  options.onProgress?.(done, toMerge.length, '');
  return report;
}
