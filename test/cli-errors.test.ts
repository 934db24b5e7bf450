/**
 * The `cong` command stops with one Vietnamese line naming the setting to fix — not a stack
 * trace — when the port is taken, the data folder is unusable or a setting is invalid.
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { runCong } from './cli-process.ts';
import { fileURLToPath } from 'node:url';
import { describe, it, expect } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');


describe('cong stops with a clear message', () => {
  it('when the port is already in use', async () => {
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as net.AddressInfo).port;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cong-cli-'));
    try {
      const r = runCong(['serve'], { PORT: String(port), HOST: '127.0.0.1', CONG_DATA_DIR: dir });
      expect(r.status).toBe(1);
      expect(r.stderr).toContain(`cổng ${port}`);
      expect(r.stderr).toContain('PORT');
      expect(r.stderr).not.toMatch(/\n\s+at /);
    } finally {
      blocker.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('when the data folder is a file', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cong-cli-')), 'not-a-folder');
    fs.writeFileSync(file, 'x');
    const r = runCong(['site', 'list'], { CONG_DATA_DIR: file });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('CONG_DATA_DIR');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('when a setting is invalid, naming it in Vietnamese', () => {
    const r = runCong(['site', 'list'], { PORT: 'abc' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('PORT');
    expect(r.stderr).toMatch(/Cấu hình sai/);
    expect(r.stderr).not.toMatch(/Invalid input|expected number/);
  });

  it('when an import names a site that does not exist', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cong-cli-'));
    try {
      const r = runCong(['import', 'jsonl', path.join(ROOT, 'test/fixtures/import/news-sample.jsonl'), '--site', 'khong-co'], { CONG_DATA_DIR: dir });
      expect(r.status).toBe(1);
      expect(r.stderr).toContain('--site');
      expect(r.stderr).toContain('khong-co');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('when an option is unknown, missing or malformed, in Vietnamese', () => {
    const unknown = runCong(['site', 'list', '--bad'], {});
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('Lỗi: không có tuỳ chọn --bad');
    const missing = runCong(['import', 'jsonl', 'a.jsonl'], {});
    expect(missing.stderr).toContain('Lỗi: thiếu tuỳ chọn bắt buộc -s, --site');
    const date = runCong(['import', 'text', 'a.txt', '--site', 'langson', '--date', '31-31'], {});
    expect(date.stderr).toContain('ngày phải có dạng 2022-09-27 hoặc 27/9/2022');
    expect(`${unknown.stderr}${missing.stderr}${date.stderr}`).not.toMatch(/error: |required option|unknown option/);
  });
});
