/**
 * A site's categories (chuyên mục): the nested list the newsroom and the public menu show, and
 * the commands that change it. Categories nest at most {@link MAX_CATEGORY_DEPTH} levels
 * (chuyên mục › mục con › mục cháu), are ordered by `position` among their siblings, and their
 * slug is unique per site. A category some article uses cannot be deleted.
 *
 * Reading is open to every member of the site; writing needs policy `category.manage`
 * (editors, chief editors). Every write is one transaction with one audit entry.
 */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../db/database.ts';
import type { Clock } from '../clock.ts';
import type { Actor } from '../policy/actor.ts';
import { rolesOn } from '../policy/actor.ts';
import { authorize } from '../policy/policy.ts';
import { appendAudit } from '../audit/audit.ts';
import { NotFoundError, ValidationError, parseCommandInput } from '../errors.ts';
import { InUseError } from '../errors.ts';
import { slugify } from '../text/index.ts';

/** Deepest nesting: a top-level category is depth 1. */
export const MAX_CATEGORY_DEPTH = 3;

/** One category as the admin API lists it. */
export interface CategoryItem {
  id: number;
  name: string;
  slug: string;
  parentId: number | null;
  /** Order among its siblings, 0 first. */
  position: number;
  /** Articles of any state that have this category (as one of their categories or as the primary one). */
  articleCount: number;
}

/** What the category commands need. */
export interface CategoryDeps {
  db: Kysely<Database>;
  clock: Clock;
}

const SLUG = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const nameSchema = z
  .string({ error: 'Cần nhập tên chuyên mục' })
  .normalize('NFC')
  .trim()
  .min(1, 'Cần nhập tên chuyên mục')
  .max(120, 'Tên chuyên mục tối đa 120 ký tự');
const slugSchema = z
  .string({ error: 'Phải là chuỗi ký tự' })
  .trim()
  .toLowerCase()
  .max(80, 'Đường dẫn tối đa 80 ký tự')
  .refine((s) => s === '' || SLUG.test(s), 'Đường dẫn chỉ gồm chữ thường không dấu, số và dấu gạch ngang (ví dụ: tin-tuc)');
const parentSchema = z.number({ error: 'Phải là số' }).int().positive().nullable();

/** Input of {@link createCategory}: `slug` blank or absent → folded from the name. */
export const createCategoryInput = z.strictObject({ name: nameSchema, slug: slugSchema.optional(), parentId: parentSchema.optional() });
/** Input of {@link updateCategory}: every field optional; `parentId: null` moves to the top level; `position` is the new index among the (new) siblings. */
export const updateCategoryInput = z.strictObject({
  name: nameSchema.optional(),
  slug: slugSchema.optional(),
  parentId: parentSchema.optional(),
  position: z.number({ error: 'Phải là số' }).int().min(0, 'Vị trí không âm').optional(),
});

function ensureMember(actor: Actor, siteId: number): void {
  if (actor.kind === 'system') return;
  if (rolesOn(actor, siteId).length === 0) throw new NotFoundError(`trang ${siteId}`);
}

type Row = { id: number; parent_id: number | null; name: string; slug: string; position: number };

async function siteRows(db: Kysely<Database>, siteId: number): Promise<Row[]> {
  const rows = await db.selectFrom('categories').select(['id', 'parent_id', 'name', 'slug', 'position']).where('site_id', '=', siteId).execute();
  return rows.map((r) => ({ id: Number(r.id), parent_id: r.parent_id === null ? null : Number(r.parent_id), name: r.name, slug: r.slug, position: Number(r.position) }));
}

/** Rows in tree order: each parent followed by its children, siblings by position then id. */
function treeOrder(rows: Row[]): Row[] {
  const byParent = new Map<number | null, Row[]>();
  const ids = new Set(rows.map((r) => r.id));
  for (const r of rows) {
    const key = r.parent_id !== null && ids.has(r.parent_id) ? r.parent_id : null;
    byParent.set(key, [...(byParent.get(key) ?? []), r]);
  }
  for (const list of byParent.values()) list.sort((a, b) => a.position - b.position || a.id - b.id);
  const out: Row[] = [];
  const seen = new Set<number>();
  const walk = (parent: number | null) => {
    for (const r of byParent.get(parent) ?? []) {
      if (seen.has(r.id)) continue;
      seen.add(r.id);
      out.push(r);
      walk(r.id);
    }
  };
  walk(null);
  // Rows caught in a stored cycle (never written by this module) still show, at the end.
  for (const r of rows) if (!seen.has(r.id)) out.push(r);
  return out;
}

async function articleCounts(db: Kysely<Database>, siteId: number): Promise<Map<number, number>> {
  const rows = await db
    .selectFrom('articles')
    .leftJoin('article_categories', 'article_categories.article_id', 'articles.id')
    .select(['articles.id as articleId', 'articles.primary_category_id as primaryId', 'article_categories.category_id as categoryId'])
    .where('articles.site_id', '=', siteId)
    .where((eb) => eb.or([eb('articles.primary_category_id', 'is not', null), eb('article_categories.category_id', 'is not', null)]))
    .execute();
  const sets = new Map<number, Set<number>>();
  const add = (category: number | null, article: number) => {
    if (category === null) return;
    const key = Number(category);
    if (!sets.has(key)) sets.set(key, new Set());
    sets.get(key)!.add(Number(article));
  };
  for (const r of rows) {
    add(r.primaryId, r.articleId);
    add(r.categoryId, r.articleId);
  }
  return new Map([...sets].map(([k, v]) => [k, v.size]));
}

/**
 * Lists a site's categories in tree order (parent before children, siblings by position).
 * @returns `{ id, name, slug, parentId, position, articleCount }[]`.
 * @throws NotFoundError when the actor has no role on the site.
 */
export async function listCategories(db: Kysely<Database>, actor: Actor, siteId: number): Promise<CategoryItem[]> {
  ensureMember(actor, siteId);
  const [rows, counts] = await Promise.all([siteRows(db, siteId), articleCounts(db, siteId)]);
  return treeOrder(rows).map((r) => ({ id: r.id, name: r.name, slug: r.slug, parentId: r.parent_id, position: r.position, articleCount: counts.get(r.id) ?? 0 }));
}

function depthOf(rows: Map<number, Row>, id: number | null): number {
  let depth = 0;
  let current = id;
  const seen = new Set<number>();
  while (current !== null && rows.has(current) && !seen.has(current)) {
    seen.add(current);
    depth++;
    current = rows.get(current)!.parent_id;
  }
  return depth;
}

/** Height of the subtree under `id`, counting `id` itself as 1. */
function subtreeHeight(all: Row[], id: number): number {
  const children = all.filter((r) => r.parent_id === id);
  return 1 + Math.max(0, ...children.map((c) => subtreeHeight(all, c.id)));
}

function isDescendant(all: Map<number, Row>, candidate: number, ancestor: number): boolean {
  let current: number | null = candidate;
  const seen = new Set<number>();
  while (current !== null && !seen.has(current)) {
    if (current === ancestor) return true;
    seen.add(current);
    current = all.get(current)?.parent_id ?? null;
  }
  return false;
}

async function assertSlugFree(trx: Kysely<Database>, siteId: number, slug: string, exceptId: number | null): Promise<void> {
  let q = trx.selectFrom('categories').select('id').where('site_id', '=', siteId).where('slug', '=', slug);
  if (exceptId !== null) q = q.where('id', '!=', exceptId);
  if (await q.executeTakeFirst()) throw new ValidationError([{ path: 'slug', message: `Đường dẫn “${slug}” đã được chuyên mục khác của trang dùng` }]);
}

/** Renumbers the siblings under `parentId` 0…n-1 in the given order of ids. */
async function renumber(trx: Kysely<Database>, siteId: number, orderedIds: number[]): Promise<void> {
  for (const [index, id] of orderedIds.entries()) {
    await trx.updateTable('categories').set({ position: index }).where('site_id', '=', siteId).where('id', '=', id).execute();
  }
}

function siblingsOf(rows: Row[], parentId: number | null, exceptId: number | null): Row[] {
  return rows.filter((r) => r.parent_id === parentId && r.id !== exceptId).sort((a, b) => a.position - b.position || a.id - b.id);
}

/**
 * Creates a category (policy `category.manage`), last among its siblings.
 * @param input `{ name, slug?, parentId? }`: slug blank → folded from the name (`Tin tức` → `tin-tuc`).
 * @returns the new category.
 * @throws ValidationError naming `name`, `slug` (format or already used on the site) or
 *   `parentId` (unknown, or the new category would be deeper than 3 levels).
 */
export async function createCategory(deps: CategoryDeps, actor: Actor, siteId: number, input: unknown, address?: string | null): Promise<CategoryItem> {
  authorize(actor, 'category.manage', { siteId }, `trang ${siteId}`);
  const data = parseCommandInput(createCategoryInput, input);
  const slug = data.slug || slugify(data.name, 80);
  if (!slug) throw new ValidationError([{ path: 'slug', message: 'Không tạo được đường dẫn từ tên; hãy nhập đường dẫn' }]);
  const parentId = data.parentId ?? null;
  const now = deps.clock();
  const id = await deps.db.transaction().execute(async (trx) => {
    const rows = await siteRows(trx, siteId);
    const byId = new Map(rows.map((r) => [r.id, r]));
    if (parentId !== null) {
      if (!byId.has(parentId)) throw new ValidationError([{ path: 'parentId', message: 'Chuyên mục cha không có trên trang này' }]);
      if (depthOf(byId, parentId) + 1 > MAX_CATEGORY_DEPTH) throw new ValidationError([{ path: 'parentId', message: `Chuyên mục lồng nhau tối đa ${MAX_CATEGORY_DEPTH} cấp` }]);
    }
    await assertSlugFree(trx, siteId, slug, null);
    const position = siblingsOf(rows, parentId, null).length;
    const row = await trx
      .insertInto('categories')
      .values({ site_id: siteId, parent_id: parentId, name: data.name, slug, position, created_at: now.toISOString() })
      .returning('id')
      .executeTakeFirstOrThrow();
    const newId = Number(row.id);
    await appendAudit(trx, { actor, action: 'category.create', siteId, subjectType: 'category', subjectId: newId, details: { name: data.name, slug, parentId }, address, at: now });
    return newId;
  });
  return (await listCategories(deps.db, actor, siteId)).find((c) => c.id === id)!;
}

async function loadCategory(db: Kysely<Database>, actor: Actor, id: number): Promise<{ siteId: number }> {
  const row = await db.selectFrom('categories').select(['id', 'site_id']).where('id', '=', id).executeTakeFirst();
  if (!row) throw new NotFoundError(`chuyên mục ${id}`);
  const siteId = Number(row.site_id);
  if (actor.kind !== 'system' && rolesOn(actor, siteId).length === 0) throw new NotFoundError(`chuyên mục ${id}`);
  return { siteId };
}

/**
 * Renames, re-slugs, moves (another parent, or the top level with `parentId: null`) and/or
 * reorders (`position`: index among the siblings, clamped) a category (policy `category.manage`).
 * A move never makes a cycle nor nests deeper than 3 levels, counting the category's own
 * subcategories.
 * @returns the category after the change.
 * @throws NotFoundError (unknown or another site's); ValidationError naming `slug` or `parentId`.
 */
export async function updateCategory(deps: CategoryDeps, actor: Actor, id: number, input: unknown, address?: string | null): Promise<CategoryItem> {
  const { siteId } = await loadCategory(deps.db, actor, id);
  authorize(actor, 'category.manage', { siteId }, `chuyên mục ${id}`);
  const data = parseCommandInput(updateCategoryInput, input);
  const now = deps.clock();
  await deps.db.transaction().execute(async (trx) => {
    const rows = await siteRows(trx, siteId);
    const byId = new Map(rows.map((r) => [r.id, r]));
    const current = byId.get(id)!;
    const changed: Record<string, { from: unknown; to: unknown }> = {};
    const set: { name?: string; slug?: string; parent_id?: number | null } = {};
    if (data.name !== undefined && data.name !== current.name) {
      set.name = data.name;
      changed.name = { from: current.name, to: data.name };
    }
    if (data.slug !== undefined) {
      const slug = data.slug || slugify(data.name ?? current.name, 80);
      if (slug !== current.slug) {
        await assertSlugFree(trx, siteId, slug, id);
        set.slug = slug;
        changed.slug = { from: current.slug, to: slug };
      }
    }
    let parentId = current.parent_id;
    if (data.parentId !== undefined && data.parentId !== current.parent_id) {
      const target = data.parentId;
      if (target !== null) {
        if (!byId.has(target)) throw new ValidationError([{ path: 'parentId', message: 'Chuyên mục cha không có trên trang này' }]);
        if (isDescendant(byId, target, id)) throw new ValidationError([{ path: 'parentId', message: 'Không thể chuyển chuyên mục vào chính nó hoặc mục con của nó' }]);
      }
      if (depthOf(byId, target) + subtreeHeight(rows, id) > MAX_CATEGORY_DEPTH) {
        throw new ValidationError([{ path: 'parentId', message: `Chuyên mục lồng nhau tối đa ${MAX_CATEGORY_DEPTH} cấp` }]);
      }
      set.parent_id = target;
      changed.parentId = { from: current.parent_id, to: target };
      parentId = target;
    }
    if (Object.keys(set).length) await trx.updateTable('categories').set(set).where('id', '=', id).execute();
    if (data.position !== undefined || changed.parentId) {
      const siblings = siblingsOf(rows, parentId, id);
      const index = Math.min(data.position ?? siblings.length, siblings.length);
      const ordered = [...siblings.slice(0, index).map((r) => r.id), id, ...siblings.slice(index).map((r) => r.id)];
      const before = siblingsOf(rows, parentId, null).map((r) => r.id);
      if (changed.parentId || before.join() !== ordered.join()) {
        await renumber(trx, siteId, ordered);
        changed.position = { from: current.position, to: index };
      }
      if (changed.parentId) await renumber(trx, siteId, siblingsOf(rows, current.parent_id, id).map((r) => r.id));
    }
    if (Object.keys(changed).length === 0) return;
    await appendAudit(trx, { actor, action: 'category.update', siteId, subjectType: 'category', subjectId: id, details: { changed }, address, at: now });
  });
  return (await listCategories(deps.db, actor, siteId)).find((c) => c.id === id)!;
}

/**
 * Deletes a category (policy `category.manage`) when no article uses it and it has no
 * subcategories; its siblings are renumbered.
 * @throws NotFoundError; InUseError (409 `CONG_ERR_IN_USE`) naming the number of articles or
 *   subcategories.
 */
export async function deleteCategory(deps: CategoryDeps, actor: Actor, id: number, address?: string | null): Promise<void> {
  const { siteId } = await loadCategory(deps.db, actor, id);
  authorize(actor, 'category.manage', { siteId }, `chuyên mục ${id}`);
  const now = deps.clock();
  await deps.db.transaction().execute(async (trx) => {
    const rows = await siteRows(trx, siteId);
    const current = rows.find((r) => r.id === id)!;
    const used = await trx
      .selectFrom('articles')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('site_id', '=', siteId)
      .where((eb) => eb.or([eb('primary_category_id', '=', id), eb('id', 'in', eb.selectFrom('article_categories').select('article_id').where('category_id', '=', id))]))
      .executeTakeFirstOrThrow();
    const n = Number(used.n);
    if (n > 0) throw new InUseError(`Không xoá được chuyên mục “${current.name}”: ${n} bài viết đang dùng. Hãy chuyển các bài sang chuyên mục khác trước.`);
    const children = rows.filter((r) => r.parent_id === id).length;
    if (children > 0) throw new InUseError(`Không xoá được chuyên mục “${current.name}”: còn ${children} chuyên mục con. Hãy chuyển hoặc xoá chúng trước.`);
    await trx.deleteFrom('categories').where('id', '=', id).execute();
    await renumber(trx, siteId, siblingsOf(rows, current.parent_id, id).map((r) => r.id));
    await appendAudit(trx, { actor, action: 'category.delete', siteId, subjectType: 'category', subjectId: id, details: { name: current.name, slug: current.slug }, address, at: now });
  });
}

