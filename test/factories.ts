/**
 * Test data factories with overrides: each call makes new rows, never shared ones.
 * `buildSite()`, `buildCategory(siteId)`, `buildArticle(siteId, { state: 'published' })`.
 */
import type { Kysely } from 'kysely';
import type { Database, NewArticleRow } from '../src/core/db/database.ts';
import type { SiteKind } from '../src/core/sites/site.ts';

let counter = 0;
const next = () => ++counter;

/** Creates an organisation and a site; returns ids and key. */
export async function buildSite(
  db: Kysely<Database>,
  overrides: { key?: string; name?: string; kind?: SiteKind; hostnames?: string[]; orgName?: string; settings?: object } = {},
): Promise<{ id: number; key: string; organisationId: number }> {
  const n = next();
  const now = new Date().toISOString();
  const key = overrides.key ?? `site${n}${Math.random().toString(36).slice(2, 6)}`;
  const org = await db
    .insertInto('organisations')
    .values({ key: `org-${key}`, name: overrides.orgName ?? `Sở Thông tin và Truyền thông thử nghiệm ${n}`, short_name: `Sở TTTT ${n}`, kind: 'department', created_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  const site = await db
    .insertInto('sites')
    .values({
      key,
      name: overrides.name ?? `Trang thông tin điện tử thử nghiệm ${n}`,
      kind: overrides.kind ?? 'provincial_department',
      organisation_id: org.id,
      settings: JSON.stringify(overrides.settings ?? {}),
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const hostname of overrides.hostnames ?? []) await db.insertInto('site_hostnames').values({ hostname, site_id: site.id }).execute();
  return { id: site.id, key, organisationId: org.id };
}

/** Creates a category on a site. */
export async function buildCategory(
  db: Kysely<Database>,
  siteId: number,
  overrides: { name?: string; slug?: string; parentId?: number | null; position?: number } = {},
): Promise<{ id: number; slug: string; name: string }> {
  const n = next();
  const name = overrides.name ?? `Chuyên mục ${n}`;
  const slug = overrides.slug ?? `chuyen-muc-${n}`;
  const row = await db
    .insertInto('categories')
    .values({ site_id: siteId, name, slug, parent_id: overrides.parentId ?? null, position: overrides.position ?? n, created_at: new Date().toISOString() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, slug, name };
}

/**
 * Creates an article on a site (default: published on 27/9/2022 14:05 Vietnam time), linked to
 * the given categories (the first is primary) and tag ids.
 */
export async function buildArticle(
  db: Kysely<Database>,
  siteId: number,
  overrides: Partial<NewArticleRow> & { categoryIds?: number[]; tagIds?: number[] } = {},
): Promise<{ id: number; slug: string; title: string }> {
  const n = next();
  const { categoryIds = [], tagIds = [], ...fields } = overrides;
  const now = new Date().toISOString();
  const title = fields.title ?? `Bài viết thử nghiệm số ${n} về chuyển đổi số`;
  const slug = fields.slug ?? `bai-viet-thu-nghiem-so-${n}`;
  const row = await db
    .insertInto('articles')
    .values({
      site_id: siteId,
      title,
      slug,
      state: 'published',
      type: 'news',
      lead: `Tóm tắt của bài viết số ${n}.`,
      body: `<p>Nội dung bài viết số ${n}.</p>`,
      published_at: '2022-09-27T07:05:00.000Z',
      primary_category_id: categoryIds[0] ?? null,
      created_at: now,
      updated_at: now,
      ...fields,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const category_id of categoryIds) await db.insertInto('article_categories').values({ article_id: row.id, category_id }).execute();
  for (const tag_id of tagIds) await db.insertInto('article_tags').values({ article_id: row.id, tag_id }).execute();
  return { id: row.id, slug, title };
}

/** Creates a tag on a site. */
export async function buildTag(db: Kysely<Database>, siteId: number, overrides: { name?: string; slug?: string } = {}): Promise<{ id: number; slug: string; name: string }> {
  const n = next();
  const name = overrides.name ?? `Thẻ ${n}`;
  const slug = overrides.slug ?? `the-${n}`;
  const row = await db.insertInto('tags').values({ site_id: siteId, name, slug, created_at: new Date().toISOString() }).returning('id').executeTakeFirstOrThrow();
  return { id: row.id, slug, name };
}
