/**
 * `cong audit verify` and `cong audit list` on a real SQLite data folder: the operator sees a
 * Vietnamese verdict naming the first bad entry, the head hash to record, and exit code 3 when
 * the log was tampered with.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAudit } from '../src/core/audit/audit.ts';
import { systemActor } from '../src/core/policy/actor.ts';
import { runCong } from './cli-process.ts';
import { createTestDatabase, type TestDatabase } from './database-harness.ts';
import { buildSite } from './factories.ts';



describe('cong audit on a SQLite data folder', () => {
  let database: TestDatabase;
  let siteKey: string;
  let head: string;

  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    const site = await buildSite(database.db, { key: 'langson' });
    siteKey = site.key;
    for (let i = 1; i <= 8; i++) {
      await database.db.transaction().execute((trx) =>
        appendAudit(trx, {
          actor: systemActor('cli'),
          action: 'article.return',
          siteId: i % 2 ? site.id : null,
          subjectType: 'article',
          subjectId: i,
          details: { reason: `Thiếu ảnh minh hoạ ${i}` },
          at: new Date(Date.UTC(2022, 8, 27, 7, i)),
        }),
      );
    }
  });
  afterAll(async () => {
    await database?.dispose();
  });

  it('verify passes an intact log, prints the entry count and the head hash, exit 0', () => {
    const r = runCong(['audit', 'verify'], database.env);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Nhật ký kiểm toán nguyên vẹn: 8 mục');
    head = /Mã băm đầu chuỗi: ([0-9a-f]{64})/.exec(r.stdout)![1]!;
    expect(head).toMatch(/^[0-9a-f]{64}$/);
    expect(runCong(['audit', 'verify', '--expect-head', head], database.env).status).toBe(0);
  });

  it('list shows the newest entries with time in Vietnam, site, action, actor and reason', () => {
    const r = runCong(['audit', 'list', '--site', siteKey, '--limit', '2'], database.env);
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('#7  27/9/2022 14:07  langson  article.return article #7  — Hệ thống (cli) — lý do: Thiếu ảnh minh hoạ 7');
    expect(lines[1]).toContain('#5  27/9/2022 14:05');
    expect(lines[2]).toContain('còn các mục cũ hơn');
    const all = runCong(['audit', 'list'], database.env);
    expect(all.stdout).toContain('#8  27/9/2022 14:08  toàn hệ thống');
  });

  it('refuses a malformed --expect-head in Vietnamese', () => {
    const r = runCong(['audit', 'verify', '--expect-head', 'abc'], database.env);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('Lỗi: --expect-head: cần một mã băm SHA-256');
  });

  it('verify exits 3 and names the tampered entry', async () => {
    await database.db.updateTable('audit_log').set({ details: JSON.stringify({ reason: 'Bài đạt' }) }).where('id', '=', 5).execute();
    const r = runCong(['audit', 'verify'], database.env);
    expect(r.status).toBe(3);
    expect(r.stdout).toContain('NHẬT KÝ KIỂM TOÁN BỊ HỎNG: mục 5 đã bị sửa');
    expect(r.stdout).toContain('Mục hỏng đầu tiên: 5. Số mục hiện có: 8.');
  });

  it('verify exits 3 when the newest entries were removed and the recorded head is given', async () => {
    await database.db.updateTable('audit_log').set({ details: JSON.stringify({ reason: 'Thiếu ảnh minh hoạ 5' }) }).where('id', '=', 5).execute();
    expect(runCong(['audit', 'verify'], database.env).status).toBe(0);
    await database.db.deleteFrom('audit_log').where('id', '>=', 7).execute();
    expect(runCong(['audit', 'verify'], database.env).status).toBe(0);
    const r = runCong(['audit', 'verify', '--expect-head', head], database.env);
    expect(r.status).toBe(3);
    expect(r.stdout).toContain('cắt bớt');
    expect(r.stdout).toContain('Mục hỏng đầu tiên: 7.');
  });
});
