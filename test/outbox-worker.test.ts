/**
 * The outbox worker a server runs: delivers queued e-mails in the background, drains a
 * backlog, survives failing rounds (logging them), stops cleanly, and is not created without
 * CONG_SMTP_URL (e-mails then stay pending).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/core/config.ts';
import { createMailTransport } from '../src/core/notifications/mail-transport.ts';
import { queueEmail } from '../src/core/notifications/outbox.ts';
import { listOutbox } from '../src/core/notifications/outbox.repository.ts';
import { createOutboxWorker, OutboxWorker, type OutboxLogger } from '../src/core/notifications/outbox-worker.ts';
import { openDatabase } from '../src/core/db/dialect.ts';
import { createTestDatabase, ENGINES, type TestDatabase } from './database-harness.ts';
import { startSmtpServer, type TestSmtpServer } from './smtp-harness.ts';

function recordingLog(): OutboxLogger & { errors: string[]; infos: string[] } {
  const errors: string[] = [];
  const infos: string[] = [];
  return { errors, infos, error: (_d, m) => void errors.push(m), info: (_d, m) => void infos.push(m) };
}

async function until(condition: () => Promise<boolean> | boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe.each(ENGINES)('outbox worker on %s', (engine) => {
  let database: TestDatabase;
  let smtp: TestSmtpServer;
  const now = new Date('2022-10-01T03:00:00.000Z');

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    smtp = await startSmtpServer();
  });
  afterAll(async () => {
    await database?.dispose();
    await smtp?.close();
  });

  it('delivers e-mails queued while it runs, a backlog larger than one round included, and stops', async () => {
    const log = recordingLog();
    const worker = new OutboxWorker({ db: database.db, clock: () => now, transport: createMailTransport(smtp.url), from: 'no-reply@langson.gov.vn', log, batchSize: 5 });
    worker.start(50);
    for (let i = 0; i < 12; i++) {
      await database.db.transaction().execute((trx) => queueEmail(trx, { to: `bien-tap-${i}@langson.gov.vn`, subject: `Bài chờ duyệt số ${i}`, text: 'Có bài mới chờ duyệt.', now }));
    }
    await smtp.waitForMessages(12);
    await worker.stop();
    expect((await listOutbox(database.db, { status: 'sent', limit: 100 })).length).toBe(12);
    expect(log.errors).toEqual([]);
    expect(log.infos.length).toBeGreaterThan(0);
    // Stopped: a new e-mail stays pending.
    await database.db.transaction().execute((trx) => queueEmail(trx, { to: 'muon@langson.gov.vn', subject: 'Sau khi dừng', text: 'x', now }));
    await new Promise((r) => setTimeout(r, 200));
    expect((await listOutbox(database.db, { status: 'pending' })).map((e) => e.to)).toEqual(['muon@langson.gov.vn']);
  });

  it('logs a failing round and keeps running', async () => {
    const broken = openDatabase(engine === 'postgres' ? { databaseUrl: 'postgres://postgres@127.0.0.1:1/none' } : { sqliteFile: ':memory:' });
    const log = recordingLog();
    const worker = new OutboxWorker({ db: broken.db, clock: () => now, transport: createMailTransport(smtp.url), from: 'no-reply@langson.gov.vn', log });
    expect(await worker.runOnce()).toBeNull();
    worker.start(20);
    await until(() => log.errors.length >= 3);
    await worker.stop();
    expect(log.errors.every((m) => m === 'Hộp thư đi: vòng gửi e-mail bị lỗi')).toBe(true);
    await broken.close();
  });

  it('is not created without CONG_SMTP_URL; with it, uses CONG_MAIL_FROM', async () => {
    const withoutSmtp = loadConfig({ CONG_DATA_DIR: database.dir });
    expect(withoutSmtp.smtpUrl).toBeUndefined();
    expect(withoutSmtp.mailFrom).toBe('Cong <no-reply@localhost>');
    expect(createOutboxWorker({ db: database.db, clock: () => now, config: withoutSmtp }, recordingLog())).toBeNull();

    await database.db.deleteFrom('email_outbox').execute();
    smtp.messages.length = 0;
    const config = loadConfig({ CONG_DATA_DIR: database.dir, CONG_SMTP_URL: smtp.url, CONG_MAIL_FROM: 'Ban biên tập <bbt@langson.gov.vn>' });
    const worker = createOutboxWorker({ db: database.db, clock: () => now, config }, recordingLog())!;
    await database.db.transaction().execute((trx) => queueEmail(trx, { to: 'hoa@langson.gov.vn', subject: 'Xin chào', text: 'Nội dung', now }));
    worker.start(1000);
    const [mail] = await smtp.waitForMessages(1);
    await worker.stop();
    expect(mail!.headers.from).toBe('Ban biên tập <bbt@langson.gov.vn>');
  });

  it('refuses a CONG_SMTP_URL that is not an smtp:// or smtps:// URL, naming it', () => {
    expect(() => loadConfig({ CONG_SMTP_URL: 'mail.example.vn:587' })).toThrow(/CONG_SMTP_URL/);
  });
});
