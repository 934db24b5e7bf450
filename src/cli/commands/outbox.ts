/**
 * `cong outbox list [--status S] [--limit N]` and `cong outbox send [--all]`: the e-mail
 * outbox from the console. Without CONG_SMTP_URL nothing is sent and e-mails wait as
 * `pending`; `list` shows them.
 */
import { type Command, InvalidArgumentError } from 'commander';
import { withCore } from '../cli-support.ts';
import { ValidationError } from '../../core/errors.ts';
import { formatDateTime } from '../../core/text/index.ts';
import { OUTBOX_STATUSES, OUTBOX_STATUS_LABELS, type OutboxStatus } from '../../core/notifications/outbox.ts';

function statusOption(value: string): OutboxStatus {
  if (!(OUTBOX_STATUSES as readonly string[]).includes(value)) throw new InvalidArgumentError(`cần một trong: ${OUTBOX_STATUSES.join(', ')}`);
  return value as OutboxStatus;
}

function limitOption(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 1000) throw new InvalidArgumentError('cần một số nguyên từ 1 đến 1000');
  return n;
}

/** Most rounds `outbox send` runs (a round is up to 50 e-mails). */
const MAX_SEND_ROUNDS = 200;

/** Registers the `outbox` command group. */
export function registerOutboxCommands(program: Command): void {
  const outbox = program.command('outbox').description('Hộp thư đi: các e-mail thông báo chờ gửi qua SMTP');

  outbox
    .command('list')
    .description('Liệt kê e-mail trong hộp thư đi, mới nhất trước')
    .option('--status <status>', `chỉ các e-mail ở trạng thái này (${OUTBOX_STATUSES.join(', ')})`, statusOption)
    .option('-n, --limit <n>', 'số e-mail (1–1000)', limitOption, 50)
    .action(async (opts: { status?: OutboxStatus; limit: number }) => {
      await withCore(async (core) => {
        const { countOutbox, listOutbox } = await import('../../core/notifications/outbox.repository.ts');
        const emails = await listOutbox(core.db, { status: opts.status, limit: opts.limit });
        if (emails.length === 0) console.log(opts.status ? `Không có e-mail nào ở trạng thái "${OUTBOX_STATUS_LABELS[opts.status]}".` : 'Hộp thư đi trống.');
        for (const e of emails) {
          const when =
            e.status === 'sent' && e.sentAt ? `gửi lúc ${formatDateTime(e.sentAt)}` : e.status === 'pending' ? `gửi từ ${formatDateTime(e.nextAttemptAt)}` : `tạo lúc ${formatDateTime(e.createdAt)}`;
          console.log(`#${e.id}  ${OUTBOX_STATUS_LABELS[e.status]} (${e.attempts} lần thử, ${when})  → ${e.to}  ${e.subject}`);
          if (e.lastError) console.log(`      lỗi gần nhất: ${e.lastError}`);
        }
        const counts = await countOutbox(core.db);
        console.log(`Tổng: ${OUTBOX_STATUSES.map((s) => `${counts[s]} ${OUTBOX_STATUS_LABELS[s]}`).join(', ')}.`);
        if (!core.config.smtpUrl && counts.pending > 0) {
          console.log('Chưa cấu hình CONG_SMTP_URL nên e-mail chưa được gửi; đặt CONG_SMTP_URL=smtp://người-dùng:mật-khẩu@máy-chủ:587 rồi chạy cong outbox send.');
        }
      });
    });

  outbox
    .command('send')
    .description('Gửi ngay các e-mail đến hạn qua máy chủ SMTP (CONG_SMTP_URL)')
    .option('--all', 'gửi cả các e-mail đang chờ thử lại chưa đến giờ')
    .action(async (opts: { all?: boolean }) => {
      await withCore(async (core) => {
        if (!core.config.smtpUrl) {
          throw new ValidationError([{ path: 'CONG_SMTP_URL', message: 'chưa cấu hình máy chủ SMTP, ví dụ CONG_SMTP_URL=smtp://người-dùng:mật-khẩu@mail.example.vn:587' }]);
        }
        const { createMailTransport } = await import('../../core/notifications/mail-transport.ts');
        const { deliverDueEmails } = await import('../../core/notifications/deliver-due-emails.ts');
        const transport = createMailTransport(core.config.smtpUrl);
        const total = { sent: 0, retrying: 0, failed: 0 };
        try {
          const limit = 50;
          for (let round = 0; round < MAX_SEND_ROUNDS; round++) {
            const r = await deliverDueEmails({ db: core.db, clock: core.clock, transport, from: core.config.mailFrom }, { limit, includeNotDue: opts.all ?? false });
            total.sent += r.sent;
            total.retrying += r.retrying;
            total.failed += r.failed;
            // Stop at the first failure: with --all, a failed e-mail would be claimed again at once.
            if (r.claimed < limit || r.retrying || r.failed) break;
          }
        } finally {
          transport.close?.();
        }
        console.log(`Đã gửi ${total.sent} e-mail; ${total.retrying} e-mail lỗi sẽ được thử lại sau; ${total.failed} e-mail thất bại hẳn.`);
        if (total.retrying || total.failed) {
          console.log('Xem lỗi: cong outbox list --status pending (hoặc --status failed).');
          process.exitCode = 2;
        }
      });
    });
}
