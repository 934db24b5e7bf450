/**
 * The e-mail outbox against a real SMTP server started by the test (issue "Newsroom core",
 * item 8): what a recipient receives, transactional queueing, de-duplication, retries with
 * growing waits, giving up, and recovery of a worker that died mid-send — on both engines.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { deliverDueEmails, type OutboxDeps } from '../src/core/notifications/deliver-due-emails.ts';
import { createMailTransport, type MailTransport } from '../src/core/notifications/mail-transport.ts';
import { queueEmail } from '../src/core/notifications/outbox.ts';
import { claimDueEmails, listOutbox } from '../src/core/notifications/outbox.repository.ts';
import { ValidationError } from '../src/core/errors.ts';
import { createTestDatabase, ENGINES, type TestDatabase } from './database-harness.ts';
import { startSmtpServer, type TestSmtpServer } from './smtp-harness.ts';

const MINUTE = 60_000;
const SUBJECT = '[Sở TTTT Lạng Sơn] Bài bị trả lại: Lạng Sơn đẩy mạnh chuyển đổi số năm 2022';
const TEXT = 'Chào chị Hoà,\n\nBài "Lạng Sơn đẩy mạnh chuyển đổi số năm 2022" đã bị trả lại.\n\nLý do: Cần bổ sung số liệu của Sở Tài chính — “trích dẫn” đầy đủ.\n';

describe.each(ENGINES)('e-mail outbox on %s', (engine) => {
  let database: TestDatabase;
  let smtp: TestSmtpServer;
  let transport: MailTransport;
  let now: Date;
  let deps: OutboxDeps;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    transport = createMailTransport(smtp.url);
  });
  afterAll(async () => {
    transport.close?.();
    await smtp.close();
  });
  beforeEach(async () => {
    database = await createTestDatabase(engine);
    smtp.messages.length = 0;
    smtp.refuseRecipients(null);
    now = new Date('2022-10-01T03:00:00.000Z');
    deps = { db: database.db, clock: () => now, transport, from: 'Cổng TTĐT Sở TTTT Lạng Sơn <no-reply@langson.gov.vn>' };
  });
  afterEach(async () => {
    await database.dispose();
  });

  const queue = (to: string, extra: { reasonKey?: string; subject?: string; text?: string } = {}) =>
    database.db.transaction().execute((trx) => queueEmail(trx, { to, subject: extra.subject ?? SUBJECT, text: extra.text ?? TEXT, reasonKey: extra.reasonKey, now }));

  it('delivers a queued e-mail: the recipient reads the Vietnamese subject and text intact', async () => {
    await queue('hoa@langson.gov.vn');
    const report = await deliverDueEmails(deps);
    expect(report).toEqual({ claimed: 1, sent: 1, retrying: 0, failed: 0 });
    const [mail] = await smtp.waitForMessages(1);
    expect(mail!.envelopeTo).toEqual(['hoa@langson.gov.vn']);
    expect(mail!.envelopeFrom).toBe('no-reply@langson.gov.vn');
    expect(mail!.headers.to).toBe('hoa@langson.gov.vn');
    expect(mail!.headers.from).toBe('Cổng TTĐT Sở TTTT Lạng Sơn <no-reply@langson.gov.vn>');
    // Headers travel as 7-bit ASCII (RFC 5322 §2.2), the Vietnamese in RFC 2047 encoded words.
    expect(mail!.raw.slice(0, mail!.raw.indexOf('\r\n\r\n'))).toMatch(/^[\x20-\x7e\r\n\t]*$/);
    expect(mail!.subject).toBe(SUBJECT);
    expect(mail!.text.trimEnd()).toBe(TEXT.trimEnd());
    expect(mail!.headers['content-type']).toMatch(/text\/plain; charset=utf-8/i);
    expect(mail!.headers['auto-submitted']).toBe('auto-generated');
    const [row] = await listOutbox(database.db);
    expect(row).toMatchObject({ status: 'sent', attempts: 1, sentAt: now.toISOString(), lastError: null });
    // Nothing is sent twice.
    expect(await deliverDueEmails(deps)).toEqual({ claimed: 0, sent: 0, retrying: 0, failed: 0 });
  });

  it('queues nothing when the command that queued it rolls back', async () => {
    await expect(
      database.db.transaction().execute(async (trx) => {
        await queueEmail(trx, { to: 'hoa@langson.gov.vn', subject: SUBJECT, text: TEXT, now });
        throw new Error('the act failed');
      }),
    ).rejects.toThrow('the act failed');
    expect(await listOutbox(database.db)).toEqual([]);
    expect((await deliverDueEmails(deps)).claimed).toBe(0);
    expect(smtp.messages).toEqual([]);
  });

  it('queues one e-mail per reason and recipient, however often the command is retried', async () => {
    expect((await queue('hoa@langson.gov.vn', { reasonKey: 'article.returned:42:7' })).queued).toBe(true);
    expect((await queue('hoa@langson.gov.vn', { reasonKey: 'article.returned:42:7' })).queued).toBe(false);
    expect((await queue('lan@langson.gov.vn', { reasonKey: 'article.returned:42:7' })).queued).toBe(true);
    expect((await queue('hoa@langson.gov.vn', { reasonKey: 'article.returned:42:9' })).queued).toBe(true);
    await Promise.all([1, 2, 3].map(() => queue('minh@langson.gov.vn', { reasonKey: 'article.published:42:11' })));
    const rows = await listOutbox(database.db);
    expect(rows.map((r) => `${r.reasonKey} ${r.to}`).sort()).toEqual([
      'article.published:42:11 minh@langson.gov.vn',
      'article.returned:42:7 hoa@langson.gov.vn',
      'article.returned:42:7 lan@langson.gov.vn',
      'article.returned:42:9 hoa@langson.gov.vn',
    ]);
  });

  it('refuses an unusable address or empty text, naming the field, and queues nothing', async () => {
    const error = await queue('hoa@', { text: '  ' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues.map((i) => i.path)).toEqual(['to', 'text']);
    expect((error as ValidationError).issues[0]!.message).toContain('không phải là một địa chỉ e-mail');
    await expect(queue('a@b.vn, c@d.vn')).rejects.toBeInstanceOf(ValidationError);
    expect(await listOutbox(database.db)).toEqual([]);
  });

  it('folds a subject with line breaks into one line (no forged headers)', async () => {
    await queue('hoa@langson.gov.vn', { subject: 'Tiêu đề\r\nBcc: ke-xau@example.com' });
    await deliverDueEmails(deps);
    const [mail] = await smtp.waitForMessages(1);
    expect(mail!.subject).toBe('Tiêu đề Bcc: ke-xau@example.com');
    expect(mail!.headers.bcc).toBeUndefined();
    expect(mail!.envelopeTo).toEqual(['hoa@langson.gov.vn']);
  });

  it('retries a refused e-mail after a wait, and delivers it once the server accepts', async () => {
    smtp.refuseRecipients({ code: 451, message: 'Hộp thư tạm thời không nhận thư' });
    await queue('hoa@langson.gov.vn');
    expect(await deliverDueEmails(deps)).toEqual({ claimed: 1, sent: 0, retrying: 1, failed: 0 });
    let [row] = await listOutbox(database.db);
    expect(row).toMatchObject({ status: 'pending', attempts: 1, nextAttemptAt: new Date(now.getTime() + MINUTE).toISOString() });
    expect(row!.lastError).toMatch(/^451 /);

    smtp.refuseRecipients(null);
    now = new Date(now.getTime() + 30_000);
    expect((await deliverDueEmails(deps)).claimed).toBe(0);
    expect(smtp.messages).toHaveLength(0);

    now = new Date(now.getTime() + 30_000);
    expect(await deliverDueEmails(deps)).toEqual({ claimed: 1, sent: 1, retrying: 0, failed: 0 });
    [row] = await listOutbox(database.db);
    expect(row).toMatchObject({ status: 'sent', attempts: 2, lastError: null });
    expect((await smtp.waitForMessages(1))[0]!.subject).toBe(SUBJECT);
  });

  it('waits 1 min, 5 min, 30 min, 2 h, 12 h between attempts and gives up after the 6th', async () => {
    smtp.refuseRecipients({ code: 550, message: 'No such user' });
    await queue('khong-ton-tai@langson.gov.vn');
    const waits = [1, 5, 30, 120, 720].map((m) => m * MINUTE);
    for (const [i, wait] of waits.entries()) {
      expect(await deliverDueEmails(deps)).toMatchObject({ claimed: 1, retrying: 1 });
      const [row] = await listOutbox(database.db);
      expect(row).toMatchObject({ status: 'pending', attempts: i + 1, nextAttemptAt: new Date(now.getTime() + wait).toISOString() });
      now = new Date(now.getTime() + wait - 1000);
      expect((await deliverDueEmails(deps)).claimed).toBe(0);
      now = new Date(now.getTime() + 1000);
    }
    expect(await deliverDueEmails(deps)).toEqual({ claimed: 1, sent: 0, retrying: 0, failed: 1 });
    const [row] = await listOutbox(database.db);
    expect(row).toMatchObject({ status: 'failed', attempts: 6 });
    expect(row!.lastError).toContain('550');
    now = new Date(now.getTime() + 7 * 24 * 60 * MINUTE);
    expect((await deliverDueEmails(deps)).claimed).toBe(0);
    expect(smtp.refusals()).toBeGreaterThanOrEqual(6);
  });

  it('retries an e-mail left "sending" by a worker that died, once its 10-minute lease ends', async () => {
    await queue('hoa@langson.gov.vn');
    const claimed = await claimDueEmails(database.db, { now, leaseUntil: new Date(now.getTime() + 10 * MINUTE), limit: 10 });
    expect(claimed.map((e) => e.status)).toEqual(['sending']);
    // The worker "crashes" here. Another round soon after must not touch it…
    now = new Date(now.getTime() + 5 * MINUTE);
    expect((await deliverDueEmails(deps)).claimed).toBe(0);
    // …but once the lease is over it is sent.
    now = new Date(now.getTime() + 5 * MINUTE + 1000);
    expect(await deliverDueEmails(deps)).toMatchObject({ claimed: 1, sent: 1 });
    expect(await smtp.waitForMessages(1)).toHaveLength(1);
  });

  it('sends e-mails in the order they fell due, a limited number per round', async () => {
    for (const name of ['an', 'binh', 'chi']) await queue(`${name}@langson.gov.vn`);
    expect((await deliverDueEmails(deps, { limit: 2 })).sent).toBe(2);
    expect((await deliverDueEmails(deps, { limit: 2 })).sent).toBe(1);
    await smtp.waitForMessages(3);
    expect(smtp.messages.map((m) => m.headers.to)).toEqual(['an@langson.gov.vn', 'binh@langson.gov.vn', 'chi@langson.gov.vn']);
  });

  it('sends an e-mail still waiting to be retried only when asked to send everything', async () => {
    smtp.refuseRecipients({ code: 451, message: 'Try later' });
    await queue('hoa@langson.gov.vn');
    await deliverDueEmails(deps);
    smtp.refuseRecipients(null);
    expect((await deliverDueEmails(deps)).claimed).toBe(0);
    expect(await deliverDueEmails(deps, { includeNotDue: true })).toMatchObject({ claimed: 1, sent: 1 });
  });
});
