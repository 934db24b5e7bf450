import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { ENGINES, createTestDatabase, type TestDatabase } from './database-harness.ts';
import { buildSite } from './factories.ts';
import { NotFoundError } from '../src/core/errors.ts';
import { importArticles } from '../src/core/import/import-articles.ts';
import type { ImportItem } from '../src/core/import/import.ts';
import { parseImportedArticle, type ImportedArticle, type ImportedArticleInput } from '../src/core/import/imported-article.schema.ts';

/** A movable fake clock. */
function fakeClock(start = '2026-03-01T01:00:00.000Z') {
  let now = new Date(start);
  const clock = () => new Date(now);
  clock.advance = (ms: number) => {
    now = new Date(now.getTime() + ms);
  };
  return clock;
}

let n = 0;
function article(overrides: Partial<ImportedArticleInput> = {}): ImportedArticle {
  n++;
  return parseImportedArticle({
    importKey: `test-${n}`,
    title: `Bài thử nghiệm số ${n}`,
    lead: 'Sapo của bài.',
    bodyHtml: '<p>Đoạn một.</p>\n<p>Đoạn hai.</p>',
    byline: 'Hoàng Thị Tố Loan',
    sourceName: 'Trung tâm Công nghệ số',
    sourceUrl: 'https://example.gov.vn/bai',
    publishedAt: '2022-09-26T17:00:00.000Z',
    publishedPrecision: 'day',
    categoryNames: ['Tin hoạt động'],
    tags: ['chuyển đổi số'],
    type: 'news',
    ...overrides,
  });
}

async function* itemsOf(list: ImportedArticle[], file = 'test.jsonl'): AsyncGenerator<ImportItem> {
  let line = 0;
  for (const item of list) yield { source: `${file}:${++line}`, item };
}

async function counts(t: TestDatabase) {
  const one = async (table: string) => Number((await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}`.execute(t.db)).rows[0]!.n);
  return {
    articles: await one('articles'),
    categories: await one('categories'),
    tags: await one('tags'),
    articleCategories: await one('article_categories'),
    articleTags: await one('article_tags'),
  };
}

/** Makes the database refuse to insert an article whose title contains "[hỏng]" (a write error mid-item). */
async function installFailingTrigger(t: TestDatabase) {
  if (t.engine === 'sqlite') {
    await sql`create trigger articles_fail before insert on articles when new.title like '%[hỏng]%' begin select raise(abort, 'bài bị từ chối'); end`.execute(t.db);
  } else {
    await sql`create function articles_fail() returns trigger language plpgsql as $$ begin if new.title like '%[hỏng]%' then raise exception 'bài bị từ chối'; end if; return new; end $$`.execute(t.db);
    await sql`create trigger articles_fail before insert on articles for each row execute function articles_fail()`.execute(t.db);
  }
}

describe.each(ENGINES)('importArticles on %s', (engine) => {
  let t: TestDatabase;
  let siteId: number;
  let clock: ReturnType<typeof fakeClock>;
  beforeEach(async () => {
    t = await createTestDatabase(engine);
    siteId = (await buildSite(t.db)).id;
    clock = fakeClock();
  });
  afterEach(async () => {
    await t.dispose();
  });
  const run = (items: AsyncIterable<ImportItem> | Iterable<ImportItem>, options: { defaultCategoryName?: string; onProgress?: (d: number, t?: number) => void } = {}) =>
    importArticles({ db: t.db, clock }, { siteId, ...options }, items);

  it('puts the categories it creates after the site\'s own, in the order they first appear', async () => {
    await t.db.insertInto('categories').values([
      { site_id: siteId, name: 'Tin hoạt động', slug: 'tin-hoat-dong', position: 0, created_at: clock().toISOString() },
      { site_id: siteId, name: 'Chuyển đổi số', slug: 'chuyen-doi-so', position: 1, created_at: clock().toISOString() },
    ]).execute();
    await run(itemsOf([article({ categoryNames: ['Bóng đá'] }), article({ categoryNames: ['Thời trang', 'Tin hoạt động'] })]));
    const rows = await t.db.selectFrom('categories').select(['slug', 'position']).where('site_id', '=', siteId).orderBy('position').execute();
    expect(rows.map((r) => r.slug)).toEqual(['tin-hoat-dong', 'chuyen-doi-so', 'bong-da', 'thoi-trang']);
  });

  it('inserts new articles as published, revision 1, with categories, tags, hash and key', async () => {
    const a = article({ categoryNames: ['Tin hoạt động', 'Chuyển đổi số'], tags: ['chuyển đổi số', 'Cổng TTĐT'] });
    const summary = await run(itemsOf([a]));
    expect(summary).toEqual({ imported: 1, updated: 0, skipped: 0, failed: 0, errors: [] });
    const row = await t.db.selectFrom('articles').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      site_id: siteId,
      state: 'published',
      type: 'news',
      title: a.title,
      lead: 'Sapo của bài.',
      body: '<p>Đoạn một.</p>\n<p>Đoạn hai.</p>',
      byline: 'Hoàng Thị Tố Loan',
      source_name: 'Trung tâm Công nghệ số',
      source_url: 'https://example.gov.vn/bai',
      published_at: '2022-09-26T17:00:00.000Z',
      published_precision: 'day',
      import_key: a.importKey,
      created_at: '2026-03-01T01:00:00.000Z',
      updated_at: '2026-03-01T01:00:00.000Z',
    });
    expect(Number(row.revision)).toBe(1);
    expect(row.import_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.slug).toBe(`bai-thu-nghiem-so-${n}`);
    const categories = await t.db.selectFrom('categories').select(['id', 'name', 'slug']).orderBy('id').execute();
    expect(categories.map((c) => [c.name, c.slug])).toEqual([
      ['Tin hoạt động', 'tin-hoat-dong'],
      ['Chuyển đổi số', 'chuyen-doi-so'],
    ]);
    expect(row.primary_category_id).toBe(categories[0]!.id);
    const tags = await t.db.selectFrom('tags').select(['name', 'slug']).orderBy('id').execute();
    expect(tags).toEqual([
      { name: 'chuyển đổi số', slug: 'chuyen-doi-so' },
      { name: 'Cổng TTĐT', slug: 'cong-ttdt' },
    ]);
    expect(await counts(t)).toMatchObject({ articleCategories: 2, articleTags: 2 });
  });

  it('importing twice changes nothing: second run all skipped, same rows, same revision and times', async () => {
    const list = [article(), article({ tags: ['a', 'b'] }), article({ categoryNames: ['Thời sự'] })];
    const first = await run(itemsOf(list));
    expect(first).toMatchObject({ imported: 3, updated: 0, skipped: 0, failed: 0 });
    const before = await counts(t);
    const rowsBefore = await t.db.selectFrom('articles').selectAll().orderBy('id').execute();
    clock.advance(3600_000);
    const second = await run(itemsOf(list));
    expect(second).toEqual({ imported: 0, updated: 0, skipped: 3, failed: 0, errors: [] });
    expect(await counts(t)).toEqual(before);
    expect(await t.db.selectFrom('articles').selectAll().orderBy('id').execute()).toEqual(rowsBefore);
  });

  it('a changed record updates its article: revision 2, same slug, fields and links replaced', async () => {
    const original = article({ categoryNames: ['Tin hoạt động'], tags: ['cũ'] });
    await run(itemsOf([original]));
    const before = await t.db.selectFrom('articles').selectAll().executeTakeFirstOrThrow();
    clock.advance(60_000);
    const changed = article({
      importKey: original.importKey,
      title: 'Tiêu đề đã sửa',
      bodyHtml: '<p>Nội dung mới.</p>',
      categoryNames: ['Thông báo'],
      tags: ['mới', 'cũ'],
      publishedAt: '2022-09-27T02:05:00.000Z',
      publishedPrecision: 'minute',
    });
    const summary = await run(itemsOf([changed]));
    expect(summary).toMatchObject({ imported: 0, updated: 1, skipped: 0, failed: 0 });
    const after = await t.db.selectFrom('articles').selectAll().executeTakeFirstOrThrow();
    expect(after.id).toBe(before.id);
    expect(Number(after.revision)).toBe(2);
    expect(after.slug).toBe(before.slug);
    expect(after).toMatchObject({
      title: 'Tiêu đề đã sửa',
      body: '<p>Nội dung mới.</p>',
      published_at: '2022-09-27T02:05:00.000Z',
      published_precision: 'minute',
      created_at: before.created_at,
      updated_at: '2026-03-01T01:01:00.000Z',
      state: 'published',
    });
    expect(after.import_hash).not.toBe(before.import_hash);
    const cats = await t.db
      .selectFrom('article_categories')
      .innerJoin('categories', 'categories.id', 'article_categories.category_id')
      .select('categories.name')
      .where('article_id', '=', after.id)
      .execute();
    expect(cats.map((c) => c.name)).toEqual(['Thông báo']);
    const tags = await t.db
      .selectFrom('article_tags')
      .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
      .select('tags.name')
      .where('article_id', '=', after.id)
      .orderBy('tags.name')
      .execute();
    expect(tags.map((x) => x.name)).toEqual(['cũ', 'mới']);
    expect((await t.db.selectFrom('categories').select('id').execute()).length).toBe(2); // old category stays

    // and the same changed record again is skipped, revision stays 2
    expect(await run(itemsOf([changed]))).toMatchObject({ skipped: 1, updated: 0 });
    expect(Number((await t.db.selectFrom('articles').select('revision').executeTakeFirstOrThrow()).revision)).toBe(2);
  });

  it('slug collisions get -2, -3 suffixes; an existing article keeps its slug', async () => {
    const title = 'Hội nghị tập huấn nghiệp vụ';
    await run(itemsOf([article({ title }), article({ title }), article({ title: 'HỘI NGHỊ tập huấn — nghiệp vụ!' })]));
    const slugs = (await t.db.selectFrom('articles').select('slug').orderBy('id').execute()).map((r) => r.slug);
    expect(slugs).toEqual(['hoi-nghi-tap-huan-nghiep-vu', 'hoi-nghi-tap-huan-nghiep-vu-2', 'hoi-nghi-tap-huan-nghiep-vu-3']);
  });

  it('stores NFD input as NFC', async () => {
    const nfd = (s: string) => s.normalize('NFD');
    const summary = await run(
      itemsOf([
        {
          // bypass the parsers: an item built by other code, still in NFD
          importKey: nfd('nfd-1'),
          title: nfd('Đắk Lắk triển khai Đề án 06'),
          lead: nfd('Tỉnh Đắk Lắk đẩy mạnh ứng dụng dữ liệu dân cư.'),
          bodyHtml: nfd('<p>Người dân Đắk Lắk được hướng dẫn cài đặt ứng dụng.</p>'),
          byline: nfd('Nguyễn Thủy'),
          sourceName: nfd('Sở Thông tin và Truyền thông'),
          publishedAt: '2023-01-05T03:00:00.000Z',
          publishedPrecision: 'minute',
          categoryNames: [nfd('Chuyển đổi số')],
          tags: [nfd('Đề án 06')],
          type: 'news',
        } as ImportedArticle,
      ]),
    );
    expect(summary.imported).toBe(1);
    const row = await t.db.selectFrom('articles').selectAll().executeTakeFirstOrThrow();
    for (const value of [row.title, row.lead, row.body, row.byline, row.source_name]) {
      expect(value).toBe(value!.normalize('NFC'));
    }
    expect(row.title).toBe('Đắk Lắk triển khai Đề án 06');
    expect(row.slug).toBe('dak-lak-trien-khai-de-an-06');
    const category = await t.db.selectFrom('categories').select('name').executeTakeFirstOrThrow();
    expect(category.name).toBe('Chuyển đổi số');
    const tag = await t.db.selectFrom('tags').select('name').executeTakeFirstOrThrow();
    expect(tag.name).toBe('Đề án 06');
  });

  it('reports broken items with source and field and writes nothing for them; the rest goes on', async () => {
    const good1 = article();
    const good2 = article();
    const invalid = { ...article(), title: '   ', publishedAt: 'hôm qua' } as ImportedArticle;
    const items: ImportItem[] = [
      { source: 'tin.jsonl:1', item: good1 },
      { source: 'tin.jsonl:2', item: { error: { field: 'published', message: 'Ngày đăng (published): thiếu ngày đăng' } } },
      { source: 'tin.jsonl:3', item: invalid },
      { source: 'tin.jsonl:4', item: good2 },
    ];
    const summary = await run(items);
    expect(summary).toMatchObject({ imported: 2, updated: 0, skipped: 0, failed: 2 });
    expect(summary.errors).toEqual([
      { source: 'tin.jsonl:2', field: 'published', message: 'Ngày đăng (published): thiếu ngày đăng' },
      { source: 'tin.jsonl:3', field: 'title', message: expect.stringMatching(/Tiêu đề \(title\).*(và 1 lỗi khác: publishedAt)/) },
    ]);
    expect((await counts(t)).articles).toBe(2);
  });

  it('an item the database refuses mid-write leaves no partial rows, in the middle of a batch', async () => {
    await installFailingTrigger(t);
    const list = [
      article({ categoryNames: ['Chuyên mục A'], tags: ['thẻ a'] }),
      article({ title: 'Bài [hỏng] không lưu được', categoryNames: ['Chuyên mục của bài hỏng'], tags: ['thẻ của bài hỏng', 'thẻ a'] }),
      article({ categoryNames: ['Chuyên mục A'], tags: ['thẻ b'] }),
    ];
    const summary = await run(itemsOf(list, 'tin.jsonl'));
    expect(summary).toMatchObject({ imported: 2, updated: 0, skipped: 0, failed: 1 });
    expect(summary.errors).toHaveLength(1);
    expect(summary.errors[0]).toMatchObject({ source: 'tin.jsonl:2', field: '(lưu)' });
    expect(summary.errors[0]!.message).toMatch(/Bài \[hỏng\] không lưu được.*bài bị từ chối/);
    // the failing item's category and new tag were created before its article insert failed: rolled back
    const categoryNames = (await t.db.selectFrom('categories').select('name').execute()).map((c) => c.name);
    expect(categoryNames).toEqual(['Chuyên mục A']);
    const tagNames = (await t.db.selectFrom('tags').select('name').orderBy('name').execute()).map((x) => x.name);
    expect(tagNames).toEqual(['thẻ a', 'thẻ b']);
    expect(await counts(t)).toMatchObject({ articles: 2, articleCategories: 2, articleTags: 2 });
  });

  it('sanitises bodies on write', async () => {
    await run(itemsOf([article({ bodyHtml: '<p onclick="x()">Nội dung <a href="javascript:alert(1)">liên kết</a></p><script>alert(1)</script><h1>Tiêu đề phụ</h1>' })]));
    const row = await t.db.selectFrom('articles').select('body').executeTakeFirstOrThrow();
    expect(row.body).toBe('<p>Nội dung liên kết</p><h2>Tiêu đề phụ</h2>');
  });

  it('gives the default category to items without one, and reuses categories and tags by slug', async () => {
    await buildCategoryRow(t, siteId, 'Tin Hoạt Động (cũ)', 'tin-hoat-dong');
    const summary = await run(itemsOf([article({ categoryNames: [] }), article({ categoryNames: ['Tin hoạt động'], tags: ['Chuyển Đổi Số', 'chuyển đổi số'] })]), {
      defaultCategoryName: 'Tin hoạt động',
    });
    expect(summary.imported).toBe(2);
    const categories = await t.db.selectFrom('categories').select(['name', 'slug']).execute();
    expect(categories).toEqual([{ name: 'Tin Hoạt Động (cũ)', slug: 'tin-hoat-dong' }]); // existing name kept
    expect((await t.db.selectFrom('tags').select('slug').execute()).map((x) => x.slug)).toEqual(['chuyen-doi-so']);
    expect(await counts(t)).toMatchObject({ articleCategories: 2, articleTags: 2 });
  });

  it('keeps import keys per site: the same key on two sites makes two articles', async () => {
    const other = (await buildSite(t.db)).id;
    const a = article();
    await run(itemsOf([a]));
    const summary = await importArticles({ db: t.db, clock }, { siteId: other }, itemsOf([a]));
    expect(summary.imported).toBe(1);
    const rows = await t.db.selectFrom('articles').select(['site_id', 'slug']).orderBy('site_id').execute();
    expect(rows.map((r) => r.site_id)).toEqual([siteId, other]);
    expect(rows[0]!.slug).toBe(rows[1]!.slug); // slugs are unique per site only
  });

  it('commits in batches and reports progress for every item', async () => {
    const list = Array.from({ length: 600 }, (_, i) => article({ title: `Bản tin số ${i}`, tags: [`thẻ ${i % 7}`] }));
    const progress: Array<[number, number | undefined]> = [];
    const summary = await importArticles({ db: t.db, clock }, { siteId, total: 600, onProgress: (d, total) => progress.push([d, total]) }, itemsOf(list));
    expect(summary).toMatchObject({ imported: 600, failed: 0 });
    expect(progress).toHaveLength(600);
    expect(progress[599]).toEqual([600, 600]);
    expect(await counts(t)).toMatchObject({ articles: 600, tags: 7, articleTags: 600 });
  });

  it('refuses an unknown site before writing anything', async () => {
    await expect(importArticles({ db: t.db, clock }, { siteId: 999_999 }, itemsOf([article()]))).rejects.toThrow(NotFoundError);
    expect((await counts(t)).articles).toBe(0);
  });
});

async function buildCategoryRow(t: TestDatabase, siteId: number, name: string, slug: string) {
  await t.db.insertInto('categories').values({ site_id: siteId, name, slug, created_at: new Date().toISOString() }).execute();
}
