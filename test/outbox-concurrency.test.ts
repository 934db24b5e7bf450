/**
 * Several outbox workers on one PostgreSQL (as several server processes would run, each with
 * its own connection pool) never send an e-mail twice: claims use FOR UPDATE SKIP LOCKED.
 * SQLite runs one process, but its single-statement claim is checked the same way.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverDueEmails, type DeliveryReport } from '../src/core/notifications/deliver-due-emails.ts';
import { createMailTransport } from '../src/core/notifications/mail-transport.ts';
import { queueEmail } from '../src/core/notifications/outbox.ts';
import { listOutbox } from '../src/core/notifications/outbox.repository.ts';
import { openDatabase, type DatabaseHandle } from '../src/core/db/dialect.ts';
import { createTestDatabase, ENGINES, TEST_DATABASE_URL, type TestDatabase } from './database-harness.ts';
import { startSmtpServer, type TestSmtpServer } from './smtp-harness.ts';

const EMAILS = 40;

describe.each(ENGINES)('concurrent outbox workers on %s', (engine) => {
  let database: TestDatabase;
  let second: DatabaseHandle;
  let smtp: TestSmtpServer;

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    // A second, independent handle on the same database: another "process".
    second = engine === 'postgres' ? openDatabase({ databaseUrl: TEST_DATABASE_URL, pgSchema: database.location, pgPoolSize: 4 }) : openDatabase({ sqliteFile: database.location });
    smtp = await startSmtpServer({ dataDelayMs: 5 });
  });
  afterAll(async () => {
    await second?.close();
    await database?.dispose();
    await smtp?.close();
  });

  it('delivers every e-mail exactly once', async () => {
    const now = new Date('2022-10-01T03:00:00.000Z');
    for (let i = 0; i < EMAILS; i++) {
      await database.db.transaction().execute((trx) => queueEmail(trx, { to: `nguoi${i}@langson.gov.vn`, subject: `Thông báo số ${i}`, text: `Nội dung số ${i}`, now }));
    }
    const worker = async (db: DatabaseHandle['db']): Promise<DeliveryReport[]> => {
      const transport = createMailTransport(smtp.url);
      const reports: DeliveryReport[] = [];
      for (;;) {
        const r = await deliverDueEmails({ db, clock: () => now, transport, from: 'no-reply@langson.gov.vn' }, { limit: 3 });
        reports.push(r);
        if (r.claimed === 0) return reports;
      }
    };
    const results = await Promise.all([worker(database.db), worker(database.db), worker(second.db), worker(second.db)]);
    const sentBy = results.map((reports) => reports.reduce((n, r) => n + r.sent, 0));
    expect(sentBy.reduce((a, b) => a + b, 0)).toBe(EMAILS);
    if (engine === 'postgres') expect(sentBy.filter((n) => n > 0).length).toBeGreaterThan(1);

    await smtp.waitForMessages(EMAILS);
    await new Promise((r) => setTimeout(r, 100));
    const recipients = smtp.messages.map((m) => m.envelopeTo[0]);
    expect(recipients).toHaveLength(EMAILS);
    expect(new Set(recipients).size).toBe(EMAILS);
    const rows = await listOutbox(database.db, { limit: 100 });
    expect(rows.every((r) => r.status === 'sent' && r.attempts === 1)).toBe(true);
  });
});
