import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { createFileMediaStorage, isSafeMediaKey } from './media-storage.ts';

let dataDir: string;
beforeEach(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cong-media-storage-'));
});
afterEach(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('isSafeMediaKey', () => {
  it('accepts lowercase segments of [a-z0-9._-] and nothing else', () => {
    expect(isSafeMediaKey('langson/2026/12/0123456789abcdef/anh-640.webp')).toBe(true);
    for (const bad of [
      '', '/etc/passwd', '../x', 'a/../b', 'a/..', 'a/./b', 'a//b', 'a/', '.hidden', 'a/.b', 'a..b', 'A.jpg',
      'a b.jpg', 'a\\b', 'ảnh.jpg', 'a/b%2f.jpg', 'a\u0000b', 'x'.repeat(513),
    ]) {
      expect(isSafeMediaKey(bad), bad).toBe(false);
    }
  });
});

describe('createFileMediaStorage', () => {
  it('writes under <dataDir>/media/<key> and reads back', async () => {
    const storage = createFileMediaStorage(dataDir);
    await storage.put('s/2026/12/abc/anh.jpg', Buffer.from('one'));
    expect(fs.readFileSync(path.join(dataDir, 'media', 's', '2026', '12', 'abc', 'anh.jpg'), 'utf8')).toBe('one');
    expect((await storage.get('s/2026/12/abc/anh.jpg'))?.toString()).toBe('one');
    expect(storage.path('s/2026/12/abc/anh.jpg')).toBe(path.join(dataDir, 'media', 's', '2026', '12', 'abc', 'anh.jpg'));
    await storage.put('s/2026/12/abc/anh.jpg', Buffer.from('two'));
    expect((await storage.get('s/2026/12/abc/anh.jpg'))?.toString()).toBe('two');
    expect(fs.readdirSync(path.join(dataDir, 'media', 's', '2026', '12', 'abc'))).toEqual(['anh.jpg']);
  });

  it('streams a file', async () => {
    const storage = createFileMediaStorage(dataDir);
    await storage.put('s/a.jpg', Buffer.from('stream me'));
    const chunks: Buffer[] = [];
    for await (const chunk of storage.createReadStream('s/a.jpg')) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe('stream me');
  });

  it('answers null for missing or unsafe keys on read, and refuses unsafe keys on write', async () => {
    const storage = createFileMediaStorage(dataDir);
    fs.writeFileSync(path.join(dataDir, 'secret.txt'), 'secret');
    expect(await storage.get('s/missing.jpg')).toBeNull();
    expect(await storage.get('../secret.txt')).toBeNull();
    await expect(storage.put('../secret.txt', Buffer.from('x'))).rejects.toThrow(/Unsafe/);
    await expect(storage.remove('../secret.txt')).rejects.toThrow(/Unsafe/);
    expect(() => storage.path('/etc/passwd')).toThrow(/Unsafe/);
    expect(fs.readFileSync(path.join(dataDir, 'secret.txt'), 'utf8')).toBe('secret');
  });

  it('removes files and the folders they leave empty, but not media/ itself or non-empty folders', async () => {
    const storage = createFileMediaStorage(dataDir);
    await storage.put('s/2026/12/abc/anh.jpg', Buffer.from('1'));
    await storage.put('s/2026/12/def/anh.jpg', Buffer.from('2'));
    await storage.remove('s/2026/12/abc/anh.jpg');
    await storage.remove('s/2026/12/abc/gone.jpg');
    expect(fs.existsSync(path.join(dataDir, 'media', 's', '2026', '12', 'abc'))).toBe(false);
    expect(fs.existsSync(path.join(dataDir, 'media', 's', '2026', '12', 'def', 'anh.jpg'))).toBe(true);
    await storage.remove('s/2026/12/def/anh.jpg');
    expect(fs.readdirSync(path.join(dataDir, 'media'))).toEqual([]);
  });
});
