/**
 * `cong outbox list` and `cong outbox send` on a real SQLite data folder: without
 * CONG_SMTP_URL e-mails wait and the operator is told why; with it they go out.
 */
import path from 'node:path';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queueEmail } from '../src/core/notifications/outbox.ts';
import { createTestDatabase, type TestDatabase } from './database-harness.ts';
import { startSmtpServer, type TestSmtpServer } from './smtp-harness.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { DATABASE_URL: _ignored, CONG_SMTP_URL: _ignoredToo, ...inherited } = process.env;

/** Runs `cong` asynchronously (the test's SMTP server lives in this process and must keep answering). */
function runCong(args: string[], env: Record<string, string>): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'bin/cong.js'), ...args], { cwd: ROOT, env: { ...inherited, LOG_LEVEL: 'silent', CONG_DEMO: '0', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

describe('cong outbox on a SQLite data folder', () => {
  let database: TestDatabase;
  let smtp: TestSmtpServer;

  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    smtp = await startSmtpServer();
    const now = new Date('2022-09-27T07:05:00.000Z');
    for (const to of ['hoa@langson.gov.vn', 'lan@langson.gov.vn']) {
      await database.db.transaction().execute((trx) => queueEmail(trx, { to, subject: '[Sở TTTT Lạng Sơn] Bài chờ duyệt: Hội nghị chuyển đổi số', text: 'Có bài mới chờ duyệt.', now }));
    }
  });
  afterAll(async () => {
    await database?.dispose();
    await smtp?.close();
  });

  it('list shows pending e-mails and says they wait for CONG_SMTP_URL; send refuses without it', async () => {
    const list = await runCong(['outbox', 'list'], database.env);
    expect(list.status).toBe(0);
    expect(list.stdout).toContain('#2  chờ gửi (0 lần thử, gửi từ 27/9/2022 14:05)  → lan@langson.gov.vn  [Sở TTTT Lạng Sơn] Bài chờ duyệt: Hội nghị chuyển đổi số');
    expect(list.stdout).toContain('Tổng: 2 chờ gửi, 0 đang gửi, 0 đã gửi, 0 gửi thất bại.');
    expect(list.stdout).toContain('Chưa cấu hình CONG_SMTP_URL');
    const send = await runCong(['outbox', 'send'], database.env);
    expect(send.status).toBe(1);
    expect(send.stderr).toContain('Lỗi: CONG_SMTP_URL: chưa cấu hình máy chủ SMTP');
    expect(smtp.messages).toHaveLength(0);
  });

  it('send delivers the due e-mails through CONG_SMTP_URL; list --status sent shows them', async () => {
    const env = { ...database.env, CONG_SMTP_URL: smtp.url, CONG_MAIL_FROM: 'Sở TTTT Lạng Sơn <no-reply@langson.gov.vn>' };
    const send = await runCong(['outbox', 'send'], env);
    expect(send.stderr).toBe('');
    expect(send.status).toBe(0);
    expect(send.stdout).toContain('Đã gửi 2 e-mail; 0 e-mail lỗi sẽ được thử lại sau; 0 e-mail thất bại hẳn.');
    expect(smtp.messages.map((m) => m.envelopeTo[0]).sort()).toEqual(['hoa@langson.gov.vn', 'lan@langson.gov.vn']);
    expect(smtp.messages[0]!.headers.from).toBe('Sở TTTT Lạng Sơn <no-reply@langson.gov.vn>');
    const list = await runCong(['outbox', 'list', '--status', 'sent'], env);
    expect(list.stdout).toMatch(/#1 {2}đã gửi \(1 lần thử, gửi lúc \d+\/\d+\/\d{4} \d\d:\d\d\) {2}→ hoa@langson\.gov\.vn/);
    expect(list.stdout).not.toContain('Chưa cấu hình');
  });

  it('refuses an unknown status in Vietnamese', async () => {
    const r = await runCong(['outbox', 'list', '--status', 'lost'], database.env);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('cần một trong: pending, sending, sent, failed');
  });
});
