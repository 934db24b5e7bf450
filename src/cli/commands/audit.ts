/**
 * `cong audit verify [--expect-head HASH]` and `cong audit list [--site KEY] [--limit N]`:
 * checks the hash-chained audit log (DESIGN.md §3) and shows its newest entries.
 * `verify` exits 0 when the log is intact and 3 when it is broken, naming the first bad entry.
 */
import { type Command, InvalidArgumentError } from 'commander';
import { siteIdOf, withCore } from '../cli-support.ts';
import { ValidationError } from '../../core/errors.ts';
import { formatDateTime } from '../../core/text/index.ts';

/** Exit code of `cong audit verify` when the log is broken (1 stays "the command failed"). */
export const AUDIT_BROKEN_EXIT_CODE = 3;

function limitOption(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 500) throw new InvalidArgumentError('cần một số nguyên từ 1 đến 500');
  return n;
}

/** Registers the `audit` command group. */
export function registerAuditCommands(program: Command): void {
  const audit = program.command('audit').description('Nhật ký kiểm toán (audit log): kiểm tra tính toàn vẹn, xem các mục gần nhất');

  audit
    .command('verify')
    .description('Kiểm tra chuỗi mã băm của nhật ký; chỉ ra mục đầu tiên bị sửa hoặc bị xoá (mã thoát 3 nếu hỏng)')
    .option('--expect-head <hash>', 'mã băm đầu chuỗi đã ghi lại từ lần kiểm tra trước: phát hiện các mục mới nhất bị xoá')
    .action(async (opts: { expectHead?: string }) => {
      const expectHead = opts.expectHead?.trim();
      const { isAuditHash, verifyAuditLog } = await import('../../core/audit/verify-audit-log.ts');
      if (expectHead !== undefined && !isAuditHash(expectHead)) {
        throw new ValidationError([{ path: '--expect-head', message: 'cần một mã băm SHA-256 gồm 64 chữ số hệ mười sáu (in ra bởi cong audit verify)' }]);
      }
      await withCore(async (core) => {
        const result = await verifyAuditLog(core.db, { expectHead: expectHead ?? null });
        if (result.ok) {
          console.log(`Nhật ký kiểm toán nguyên vẹn: ${result.entries} mục, chuỗi mã băm khớp từ đầu đến cuối${expectHead ? ' và còn chứa mã băm đầu chuỗi đã ghi lại' : ''}.`);
        } else {
          console.log(`NHẬT KÝ KIỂM TOÁN BỊ HỎNG: ${result.problem}.`);
          console.log(`Mục hỏng đầu tiên: ${result.firstBadId}. Số mục hiện có: ${result.entries}.`);
          process.exitCode = AUDIT_BROKEN_EXIT_CODE;
        }
        console.log(`Mã băm đầu chuỗi: ${result.headHash}`);
        if (result.ok) console.log('(Ghi lại mã này ở nơi khác; lần sau chạy cong audit verify --expect-head <mã> để phát hiện nhật ký bị cắt bớt.)');
      });
    });

  audit
    .command('list')
    .description('Liệt kê các mục nhật ký gần nhất, mới nhất trước')
    .option('-s, --site <key>', 'chỉ các mục của trang này')
    .option('-n, --limit <n>', 'số mục (1–500)', limitOption, 20)
    .action(async (opts: { site?: string; limit: number }) => {
      await withCore(async (core) => {
        const { listAuditForNetwork, listAuditForSite } = await import('../../core/audit/audit.repository.ts');
        const page = opts.site ? await listAuditForSite(core.db, siteIdOf(core, opts.site), { limit: opts.limit }) : await listAuditForNetwork(core.db, { limit: opts.limit });
        if (page.entries.length === 0) {
          console.log('Nhật ký chưa có mục nào.');
          return;
        }
        for (const e of page.entries) {
          const site = e.siteId === null ? 'toàn hệ thống' : (core.sites.getById(e.siteId)?.key ?? `trang #${e.siteId}`);
          const subject = e.subjectType ? ` ${e.subjectType}${e.subjectId !== null ? ` #${e.subjectId}` : ''}` : '';
          const reason = typeof e.details.reason === 'string' ? ` — lý do: ${e.details.reason}` : '';
          console.log(`#${e.id}  ${formatDateTime(e.at)}  ${site}  ${e.action}${subject}  — ${e.actor.label}${e.address ? ` (${e.address})` : ''}${reason}`);
        }
        if (page.nextBefore !== null) console.log(`(còn các mục cũ hơn; dùng --limit để xem nhiều hơn)`);
      });
    });
}
