/**
 * `cong search reindex` and `cong search query` on a real SQLite data folder, as an operator
 * runs them: the rebuild reports what it did (progress lines when not on a terminal), the
 * query prints the ranked results in Vietnamese with the words found in «…», and a bad option
 * is a clear Vietnamese error with a non-zero exit code.
 */
import { runCong as runCli } from './cli-process.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchBackend } from '../src/core/search/search-backend.ts';
import { createTestDatabase, type TestDatabase } from './database-harness.ts';
import { loadSearchCorpus, type SearchCorpus } from './search-corpus.ts';


const runCong = (args: string[], env: Record<string, string>) => runCli(args, env, { timeoutMs: 120_000 });

describe('cong search on a SQLite data folder', () => {
  let database: TestDatabase;
  let corpus: SearchCorpus;

  beforeAll(async () => {
    database = await createTestDatabase('sqlite');
    corpus = await loadSearchCorpus(database.db);
  }, 120_000);
  afterAll(async () => {
    await database?.dispose();
  });

  it('reindex rebuilds an emptied index and says how many articles it indexed', async () => {
    await searchBackend('sqlite').clearDocuments(database.db);
    const r = runCong(['search', 'reindex'], database.env);
    expect(r.status, r.stderr).toBe(0);
    const articles = 1 + 5 + corpus.briefs.length;
    expect(r.stdout).toMatch(new RegExp(`^Đã xây lại chỉ mục tìm kiếm: ${articles} bài trong [\\d.]+ s \\(\\d+ bài/s\\)\\.`, 'm'));
    expect(r.stderr).toContain(`Đang xây lại chỉ mục: ${articles}/${articles}`);
    // The rebuilt index answers again.
    expect(runCong(['search', 'query', 'Nobel'], database.env).stdout).toMatch(/^Tìm thấy 3 kết quả/m);
  });

  it('query prints the ranked results with the words found, like the search page', () => {
    const r = runCong(['search', 'query', 'lang son', '--site', 'langson'], database.env);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^Tìm thấy 1 kết quả cho “lang son” \([\d.]+ ms\), trang 1\/1:/m);
    expect(r.stdout).toContain('  1. Hội nghị tập huấn nghiệp vụ công tác thông tin');
    expect(r.stdout).toContain('«Lạng» «Sơn»');
    const network = runCong(['search', 'query', 'Nobel'], database.env);
    expect(network.stdout).toMatch(/^Tìm thấy 3 kết quả cho “Nobel”/m);
  });

  it('answers an unknown site or a bad page number with a Vietnamese error and a non-zero exit', () => {
    const site = runCong(['search', 'query', 'bão', '--site', 'khong-co'], database.env);
    expect(site.status).not.toBe(0);
    expect(site.stderr).toContain('không có trang nào có khoá "khong-co"');
    const page = runCong(['search', 'query', 'bão', '--page', '0'], database.env);
    expect(page.status).not.toBe(0);
    expect(page.stderr).toContain('cần một số nguyên dương');
  });
});
