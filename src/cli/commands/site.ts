/**
 * `cong site list | merge | rename`: the sites of the network from the console, acting as the
 * system (`systemActor('cli')`).
 *
 * - `cong site merge X --into Y [--categories mapping.json] [--dry-run]` merges site X into Y
 *   (core/sites/merge-sites.ts) and prints what moved; `--dry-run` prints the same plan and
 *   changes nothing.
 * - `cong site rename X --to NEWKEY [--name "…"]` gives a site a new key and/or name; old
 *   addresses answer 301 (core/sites/rename-site.ts).
 * A server running on the same database notices the change within seconds (server/main.ts).
 */
import fs from 'node:fs';
import type { Command } from 'commander';
import { withCore } from '../cli-support.ts';
import { ValidationError } from '../../core/errors.ts';
import { systemActor } from '../../core/policy/actor.ts';
import type { CategoryPlacement, MergeReport } from '../../core/sites/merge-sites.ts';

const CLI = systemActor('cli');

/** How each category was placed, in words. */
const PLACEMENT_WORDS: Record<CategoryPlacement['how'], string> = {
  name: 'cùng tên',
  folded_name: 'cùng tên (khác chữ hoa/thường hoặc dấu)',
  mapping: 'theo tệp ánh xạ',
  created: 'chuyển sang, giữ đường dẫn',
};

/** Most slug changes listed one per line; the rest are counted. */
const MAX_LISTED = 20;

/**
 * The report of a merge as Vietnamese lines for the console (also used by `network reorganise`).
 * @param detailed list the category mapping and the changed slugs.
 */
export function describeMergeReport(r: MergeReport, detailed = true): string[] {
  const a = r.articles;
  const lines = [
    `Sáp nhập trang “${r.from.key}” (${r.from.name}) vào trang “${r.into.key}” (${r.into.name}):`,
    `  • Bài viết chuyển sang: ${a.moved} (${a.published} đã đăng, ${a.withdrawn} đã gỡ), giữ nguyên mã số, tác giả, ngày đăng`,
    `  • Đổi đường dẫn vì trùng với bài của trang nhận: ${a.slugChanges.length}${a.importKeysChanged ? `; đổi mã nhập: ${a.importKeysChanged}` : ''}`,
  ];
  if (detailed) {
    for (const c of a.slugChanges.slice(0, MAX_LISTED)) lines.push(`      ${c.from} → ${c.to}`);
    if (a.slugChanges.length > MAX_LISTED) lines.push(`      … và ${a.slugChanges.length - MAX_LISTED} bài khác`);
  }
  lines.push(`  • Chuyên mục: ${r.categories.mapped} gộp vào chuyên mục có sẵn, ${r.categories.created} chuyển sang`);
  if (detailed) {
    for (const p of r.categories.placements) lines.push(`      “${p.fromName}” (${p.fromSlug}) → “${p.intoName}” (${p.intoSlug}) — ${PLACEMENT_WORDS[p.how]}`);
  }
  lines.push(
    `  • Thẻ: ${r.tags.moved} chuyển sang, ${r.tags.merged} gộp với thẻ cùng đường dẫn`,
    `  • Ảnh: ${r.media.moved} chuyển sang${r.media.duplicatesKept ? `, ${r.media.duplicatesKept} trùng với ảnh của trang nhận (bài dùng ảnh của trang nhận)` : ''}; địa chỉ tệp ảnh không đổi`,
    `  • Thành viên: ${r.memberships.moved} chuyển sang${r.memberships.alreadyOnTarget ? `, ${r.memberships.alreadyOnTarget} đã có vai trò đó ở trang nhận` : ''}`,
    `  • Khoá API của trang cũ bị thu hồi: ${r.apiTokens.revoked}`,
    `  • Liên kết chia sẻ tin: ${r.syndications.moved} chuyển theo, ${r.syndications.removed} bỏ vì thành trùng${r.articles.duplicateCopiesKept ? ` (${r.articles.duplicateCopiesKept} bản sao trùng ở lại trang cũ, địa chỉ chuyển hướng)` : ''}${r.syndications.copiesDetached ? `, ${r.syndications.copiesDetached} bản sao tách khỏi bài gốc` : ''}`,
  );
  if (r.childSites) lines.push(`  • Trang con chuyển sang trang nhận: ${r.childSites}`);
  lines.push(`  • Địa chỉ cũ chuyển hướng 301: ${r.redirects.written}${r.redirects.repointed ? ` (và ${r.redirects.repointed} chuyển hướng cũ được trỏ lại)` : ''}; các địa chỉ khác của trang cũ về cùng đường dẫn ở trang nhận hoặc trang chủ của nó`);
  return lines;
}

/** Field names of the core command, as the operator typed them. */
function cliPath(path: string): string {
  if (path === 'from') return 'trang cần sáp nhập';
  if (path === 'into') return '--into';
  if (path.startsWith('categoryMapping.')) return `--categories (${path.slice('categoryMapping.'.length)})`;
  if (path === 'newKey') return '--to';
  if (path === 'newName') return '--name';
  if (path === 'key') return 'trang';
  return path;
}

/** Re-throws a ValidationError with the option names of the command line. */
function withCliPaths(error: unknown): never {
  if (error instanceof ValidationError) throw new ValidationError(error.issues.map((i) => ({ path: cliPath(i.path), message: i.message })));
  throw error;
}

/** Reads a JSON file given to an option. @throws ValidationError naming the option. */
export function readJsonOption(file: string, option: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new ValidationError([{ path: option, message: `không đọc được tệp ${file}` }]);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ValidationError([{ path: option, message: `tệp ${file} không phải JSON hợp lệ (${(error as Error).message})` }]);
  }
}

/** Registers the `site` command group. */
export function registerSiteCommands(program: Command): void {
  const site = program.command('site').description('Quản lý các trang trong mạng lưới');

  site
    .command('list')
    .description('Liệt kê các trang (mã số dùng trong API, khoá, loại, tên, tên miền)')
    .action(async () => {
      await withCore(async (core) => {
        for (const s of core.sites.list()) console.log(`${String(s.id).padStart(4)}  ${s.key.padEnd(22)} ${s.kind.padEnd(22)} ${s.status.padEnd(8)} ${s.name}${s.hostnames.length ? `  [${s.hostnames.join(', ')}]` : ''}`);
      });
    });

  site
    .command('merge <key>')
    .description('Sáp nhập trang <key> vào trang khác: chuyển bài viết, chuyên mục, thẻ, ảnh, thành viên; mọi địa chỉ cũ chuyển hướng 301 về địa chỉ mới')
    .requiredOption('--into <key>', 'khoá của trang nhận')
    .option('--categories <file>', 'tệp JSON ánh xạ chuyên mục: {"đường-dẫn-ở-trang-cũ": "đường-dẫn-ở-trang-nhận"}')
    .option('--dry-run', 'chạy thử: in kế hoạch, không thay đổi gì')
    .action(async (key: string, opts: { into: string; categories?: string; dryRun?: boolean }) => {
      const categoryMapping = opts.categories === undefined ? undefined : readJsonOption(opts.categories, '--categories');
      await withCore(async (core) => {
        const { mergeSite } = await import('../../core/sites/merge-sites.ts');
        if (!opts.dryRun) process.stderr.write(`Đang sáp nhập trang “${key}” vào “${opts.into}” (một giao dịch: lỗi thì không có gì thay đổi)…\n`);
        const report = await mergeSite(core, CLI, { from: key, into: opts.into, categoryMapping, dryRun: opts.dryRun ?? false }).catch(withCliPaths);
        if (report.dryRun) console.log('KẾ HOẠCH (chạy thử, chưa thay đổi gì):');
        for (const line of describeMergeReport(report)) console.log(line);
        console.log(
          report.dryRun
            ? 'Đây là chạy thử: chưa có gì thay đổi. Bỏ --dry-run để sáp nhập thật.'
            : `Đã sáp nhập. Trang “${report.from.key}” ở trạng thái đã sáp nhập; địa chỉ cũ của nó chuyển hướng về trang “${report.into.key}”.`,
        );
      });
    });

  site
    .command('rename <key>')
    .description('Đổi khoá và/hoặc tên của một trang; địa chỉ và tên miền cũ chuyển hướng 301 về địa chỉ mới')
    .option('--to <newKey>', 'khoá mới (chữ thường không dấu, chữ số, dấu gạch ngang)')
    .option('--name <name>', 'tên mới của trang')
    .action(async (key: string, opts: { to?: string; name?: string }) => {
      await withCore(async (core) => {
        const { renameSite } = await import('../../core/sites/rename-site.ts');
        const r = await renameSite(core, CLI, { key, ...(opts.to !== undefined ? { newKey: opts.to } : {}), ...(opts.name !== undefined ? { newName: opts.name } : {}) }).catch(withCliPaths);
        console.log(`Đã đổi trang “${r.from.key}” (${r.from.name}) thành “${r.to.key}” (${r.to.name}).`);
        if (r.from.key !== r.to.key) console.log(`  Địa chỉ cũ /${r.from.key}/… chuyển hướng 301 về /${r.to.key}/…`);
        for (const [i, host] of r.redirectingHostnames.entries()) console.log(`  Tên miền cũ ${host} chuyển hướng 301 về ${r.addedHostnames[i]}`);
      });
    });
}
