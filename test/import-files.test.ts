import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ENGINES, createTestDatabase, type TestDatabase } from './database-harness.ts';
import { buildSite } from './factories.ts';
import { ImportSourceError } from '../src/core/errors.ts';
import { importHtmlFiles, importJsonlFile, importTextFiles, loadCategoryMap } from '../src/core/import/import-files.ts';
import { formatImportError } from '../src/core/import/import.ts';

const FIXTURES = path.join(import.meta.dirname, 'fixtures/import');
const fixture = (name: string) => path.join(FIXTURES, name);
const clock = () => new Date('2026-03-01T01:00:00.000Z');

describe.each(ENGINES)('import runners on %s', (engine) => {
  let t: TestDatabase;
  let siteId: number;
  beforeEach(async () => {
    t = await createTestDatabase(engine);
    siteId = (await buildSite(t.db)).id;
  });
  afterEach(async () => {
    await t.dispose();
  });

  it('importJsonlFile: imports the good records, reports the bad ones by file:line and field, then skips all on a second run', async () => {
    const file = fixture('news-sample.jsonl');
    const progress: Array<[number, number | undefined]> = [];
    const first = await importJsonlFile(
      { db: t.db, clock },
      { siteId, file, categoryMap: loadCategoryMap('tin-tuc-trong-ngay=Tin tức trong ngày,trang-chu='), defaultCategoryName: 'Tin tổng hợp', onProgress: (d, total) => progress.push([d, total]) },
    );
    expect(first).toMatchObject({ imported: 5, updated: 0, skipped: 0, failed: 3 });
    expect(first.errors.map((e) => [e.source, e.field])).toEqual([
      [`${file}:3`, 'json'],
      [`${file}:4`, 'published'],
      [`${file}:8`, 'url'],
    ]);
    expect(formatImportError(first.errors[1]!)).toMatch(/news-sample\.jsonl:4 — published: Ngày đăng/);
    expect(progress.at(-1)).toEqual([8, 8]);

    const rows = await t.db.selectFrom('articles').select(['import_key', 'slug', 'title', 'primary_category_id']).orderBy('import_key').execute();
    expect(rows.map((r) => r.import_key)).toEqual([
      'jsonl:baomau.example.vn:mau-002',
      'jsonl:baomau.example.vn:mau-006',
      'jsonl:baomau.example.vn:mau-008',
      'jsonl:congthongtin.example.vn:mau-001',
      'jsonl:congthongtin.example.vn:mau-005',
    ]);
    // mau-006 has the same title as mau-001: its slug gets a suffix
    expect(rows.find((r) => r.import_key === 'jsonl:baomau.example.vn:mau-006')!.slug).toBe(`${rows.find((r) => r.import_key === 'jsonl:congthongtin.example.vn:mau-001')!.slug}-2`);
    // NFD title stored as NFC
    const nfd = rows.find((r) => r.import_key === 'jsonl:congthongtin.example.vn:mau-005')!;
    expect(nfd.title).toBe('Hội nghị trực tuyến về phòng, chống thiên tai năm 2026');
    const categories = (await t.db.selectFrom('categories').select('name').orderBy('name').execute()).map((c) => c.name);
    expect(categories).toEqual(['Kinh doanh', 'Sức khỏe', 'Thời sự', 'Tin tổng hợp', 'Tin tức trong ngày']);

    const second = await importJsonlFile({ db: t.db, clock }, { siteId, file, categoryMap: loadCategoryMap('tin-tuc-trong-ngay=Tin tức trong ngày,trang-chu='), defaultCategoryName: 'Tin tổng hợp' });
    expect(second).toMatchObject({ imported: 0, updated: 0, skipped: 5, failed: 3 });
  });

  it('importTextFiles: pages become articles; a page without a date fails on publishedAt; a date option fixes it', async () => {
    const files = ['seed-article.txt', 'text-page-so-gddt.txt', 'text-page-khong-ngay.txt', 'text-page-xa-tan-lap.txt'].map(fixture);
    const first = await importTextFiles({ db: t.db, clock }, { siteId, files, categoryName: 'Tin hoạt động' });
    expect(first).toMatchObject({ imported: 3, updated: 0, skipped: 0, failed: 1 });
    expect(first.errors).toEqual([{ source: files[2], field: 'publishedAt', message: expect.stringMatching(/ngày/) }]);
    const seed = await t.db.selectFrom('articles').selectAll().where('import_key', 'like', 'text:hoi-nghi-tap-huan%').executeTakeFirstOrThrow();
    expect(seed).toMatchObject({ byline: 'Hoàng Thị Tố Loan', source_name: 'Trung tâm Công nghệ số', published_precision: 'day', state: 'published' });
    expect(seed.body).toContain('<figure><figcaption>Các đại biểu tại điểm cầu Sở TTTT Lạng Sơn</figcaption></figure>');

    const again = await importTextFiles({ db: t.db, clock }, { siteId, files: [files[0]!, files[2]!], date: '2024-08-02', categoryName: 'Tin hoạt động' });
    // the date option changes the seed article's date, so it is updated; the undated page now imports
    expect(again).toMatchObject({ imported: 1, updated: 1, skipped: 0, failed: 0 });
  });

  it('importHtmlFiles: both fixture pages, idempotent', async () => {
    const files = ['html-page-canonical.html', 'html-page-no-canonical.html'].map(fixture);
    expect(await importHtmlFiles({ db: t.db, clock }, { siteId, files, categoryName: 'Tin hoạt động' })).toMatchObject({ imported: 2, failed: 0 });
    expect(await importHtmlFiles({ db: t.db, clock }, { siteId, files, categoryName: 'Tin hoạt động' })).toMatchObject({ imported: 0, skipped: 2, failed: 0 });
    const rows = await t.db.selectFrom('articles').select(['import_key', 'source_url', 'lead']).orderBy('id').execute();
    expect(rows[0]!.import_key).toMatch(/^html:https:\/\/stttt\.langson\.gov\.vn\//);
    expect(rows[1]!.import_key).toBe('html:tiem-chung-mo-rong-bao-dam-du-vac-xin-cho-tre-em-trong-quy-iv');
    const categories = (await t.db.selectFrom('categories').select('name').orderBy('name').execute()).map((c) => c.name);
    expect(categories).toEqual(['Cải cách hành chính', 'Tin hoạt động']); // the page's section wins over the default
  });

  it('a missing file is an ImportSourceError naming it, and nothing is written', async () => {
    const missing = fixture('khong-ton-tai.txt');
    await expect(importTextFiles({ db: t.db, clock }, { siteId, files: [fixture('seed-article.txt'), missing] })).rejects.toThrow(ImportSourceError);
    await expect(importTextFiles({ db: t.db, clock }, { siteId, files: [missing] })).rejects.toThrow(/khong-ton-tai\.txt/);
    await expect(importJsonlFile({ db: t.db, clock }, { siteId, file: fixture('khong-ton-tai.jsonl') })).rejects.toThrow(/khong-ton-tai\.jsonl/);
    await expect(importHtmlFiles({ db: t.db, clock }, { siteId, files: [FIXTURES] })).rejects.toThrow(ImportSourceError); // a folder
    expect((await t.db.selectFrom('articles').select('id').execute()).length).toBe(0);
  });
});

describe('loadCategoryMap', () => {
  it('reads an inline spec', () => {
    expect(loadCategoryMap('tin-tuc-trong-ngay=Tin tức trong ngày, bong-da = Thể thao ,trang-chu=')).toEqual({
      'tin-tuc-trong-ngay': 'Tin tức trong ngày',
      'bong-da': 'Thể thao',
      'trang-chu': '',
    });
  });

  it('reads a JSON file, NFC-normalised, null meaning no category', () => {
    const dir = fs.mkdtempSync(path.join(process.env.TMPDIR ?? '/tmp', 'cong-map-'));
    try {
      const file = path.join(dir, 'map.json');
      fs.writeFileSync(file, '\uFEFF' + JSON.stringify({ business: 'Kinh doanh'.normalize('NFD'), 'trang-chu': null }));
      expect(loadCategoryMap(file)).toEqual({ business: 'Kinh doanh', 'trang-chu': null });
      fs.writeFileSync(file, '[1,2]');
      expect(() => loadCategoryMap(file)).toThrow(ImportSourceError);
      fs.writeFileSync(file, '{"a": 1}');
      expect(() => loadCategoryMap(file)).toThrow(/"a"/);
      fs.writeFileSync(file, '{oops');
      expect(() => loadCategoryMap(file)).toThrow(/map\.json.*JSON/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a missing file or a malformed spec is an ImportSourceError naming it', () => {
    expect(() => loadCategoryMap('khong-co.json')).toThrow(/khong-co\.json/);
    expect(() => loadCategoryMap('khong-co')).toThrow(ImportSourceError);
    expect(() => loadCategoryMap('a=b,c')).toThrow(/"c"/);
  });
});
