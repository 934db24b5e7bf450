/**
 * `cong network reorganise --mapping FILE [--dry-run] [--effective-date YYYY-MM-DD]`: replays
 * a reorganisation of the provinces (core/network/reorganise-network.ts) in one atomic,
 * audited step, as the system (`systemActor('cli')`). With demo/provinces-2025.json it turns
 * the demo's 63 provincial department sites into 34. `--dry-run` prints the plan and changes
 * nothing. Progress (one line per merge) goes to standard error.
 */
import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { withCore } from '../cli-support.ts';
import { ValidationError } from '../../core/errors.ts';
import { systemActor } from '../../core/policy/actor.ts';
import type { ReorganisationReport } from '../../core/network/reorganise-network.ts';
import { describeMergeReport, readJsonOption } from './site.ts';

const CLI = systemActor('cli');

function dateOption(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new InvalidArgumentError('ngày phải có dạng YYYY-MM-DD, ví dụ 2025-07-01');
  return value;
}

/** The plan or the result of a reorganisation as Vietnamese lines. */
export function describeReorganisation(r: ReorganisationReport, file: string): string[] {
  const lines = [
    `${r.dryRun ? 'KẾ HOẠCH (chạy thử, chưa thay đổi gì)' : 'Đã sắp xếp lại mạng lưới'} theo tệp ${file}, hiệu lực ${r.effectiveDate}:`,
    `  Trang Sở đang hoạt động: ${r.sitesBefore} → ${r.sitesAfter}`,
    `  Sáp nhập ${r.merges.length} trang:`,
  ];
  for (const m of r.merges) {
    lines.push(
      `    ${m.from.key} → ${m.into.key}: ${m.articles.moved} bài, ${m.categories.mapped + m.categories.created} chuyên mục, ${m.tags.moved + m.tags.merged} thẻ, ${m.media.moved} ảnh, ` +
        `${m.memberships.moved} thành viên, ${m.articles.slugChanges.length} đổi đường dẫn, ${m.redirects.written} địa chỉ chuyển hướng`,
    );
  }
  if (r.renamed.length) {
    lines.push(`  Cập nhật mã/tên tỉnh của ${r.renamed.length} trang giữ lại:`);
    for (const n of r.renamed) {
      const parts = [n.code.from !== n.code.to ? `mã ${n.code.from ?? '—'} → ${n.code.to}` : null, n.siteName.from !== n.siteName.to ? `tên “${n.siteName.from}” → “${n.siteName.to}”` : null].filter(Boolean);
      lines.push(`    ${n.siteKey}: ${parts.join('; ') || `tỉnh ${n.provinceName.to}`}`);
    }
  }
  lines.push(`  Giữ nguyên: ${r.unchanged} tỉnh${r.alreadyMerged ? `; ${r.alreadyMerged} trang đã sáp nhập từ trước` : ''}`);
  if (r.notInMapping.length) lines.push(`  Không có trong tệp (giữ nguyên): ${r.notInMapping.join(', ')}`);
  return lines;
}

/** Registers the `network` command group. */
export function registerNetworkCommands(program: Command): void {
  const network = program.command('network').description('Mạng lưới: các thay đổi trên nhiều trang cùng lúc');

  network
    .command('reorganise')
    .alias('reorganize')
    .description('Sắp xếp lại các trang Sở theo tệp sáp nhập tỉnh (dạng demo/provinces-2025.json): một bước, ghi nhật ký, lỗi thì không có gì thay đổi')
    .requiredOption('--mapping <file>', 'tệp JSON: các tỉnh mới, mỗi tỉnh có merged_from là các tỉnh cũ')
    .option('--dry-run', 'chạy thử: in kế hoạch, không thay đổi gì')
    .option('--effective-date <date>', 'ngày có hiệu lực (YYYY-MM-DD); mặc định lấy từ trường effective của tệp', dateOption)
    .option('--details', 'in chi tiết từng trang được sáp nhập (chuyên mục, đường dẫn đổi)')
    .action(async (opts: { mapping: string; dryRun?: boolean; effectiveDate?: string; details?: boolean }) => {
      const mapping = readJsonOption(opts.mapping, '--mapping');
      await withCore(async (core) => {
        const { reorganiseNetwork } = await import('../../core/network/reorganise-network.ts');
        const started = performance.now();
        const report = await reorganiseNetwork(core, CLI, mapping, {
          dryRun: opts.dryRun ?? false,
          effectiveDate: opts.effectiveDate,
          onProgress: (done, total, label) => {
            if (label) process.stderr.write(`[${done + 1}/${total}] ${label}\n`);
          },
        }).catch((error: unknown) => {
          if (!(error instanceof ValidationError)) throw error;
          throw new ValidationError(error.issues.map((i) => ({ path: i.path === 'effectiveDate' ? '--effective-date' : `--mapping ${i.path}`, message: i.message })));
        });
        for (const line of describeReorganisation(report, opts.mapping)) console.log(line);
        if (opts.details) for (const m of report.merges) for (const line of describeMergeReport(m)) console.log(`  ${line}`);
        const seconds = ((performance.now() - started) / 1000).toFixed(1);
        console.log(report.dryRun ? `Đây là chạy thử (${seconds} s): chưa có gì thay đổi. Bỏ --dry-run để thực hiện.` : `Xong trong ${seconds} s. Địa chỉ cũ của các trang đã sáp nhập chuyển hướng 301 về trang mới.`);
      });
    });
}
