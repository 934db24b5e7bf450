/**
 * Site merge (DESIGN.md §2.7; issue "The network", item 5): site X goes into site Y — its
 * content, categories, tags, media and people move, every old URL of X answers 301 to its new
 * home, and X stays behind marked `merged`. One transaction, one audit entry; a dry run does
 * the same work and rolls it back, so its report is exactly what the real run would do.
 *
 * What moves and how:
 * - articles keep their ids, authors, dates and states; a slug Y already uses gets X's key as
 *   a suffix (`hoi-nghi` → `hoi-nghi-hagiang`, then `-2`…), in id order, so the result is
 *   deterministic; an import key Y already holds gets `@<X's key>`;
 * - categories are matched by name (the same NFC text first, then case and diacritics folded)
 *   or by the caller's mapping `{ X slug: Y slug }`; matched ones are folded into Y's (their
 *   articles re-pointed, the X row removed), the others move into Y with their slug; one whose
 *   slug Y uses for a category of another name is a conflict (ValidationError naming it,
 *   nothing moved): map it;
 * - tags are merged by slug; media move (their files and URLs do not change: `/media/<key>`
 *   is the same on every host); a file Y already holds (same SHA-256) stays X's row and the
 *   moved articles' covers point to Y's copy;
 * - memberships move (a role the person already holds on Y is not doubled);
 * - API tokens of X are revoked, not moved: a token was trusted with X alone, and Y's content
 *   is more than its holder was given;
 * - syndication links follow their articles; a copy that the merge makes a duplicate (Y
 *   already had a copy of the same original, or the copy and its original both end up on Y)
 *   stays with X and its URL answers 301 to the surviving article; a copy on Y of an
 *   article of X is detached (it no longer follows an original on the same site);
 * - child sites of X become Y's; X's stored redirects are re-pointed to Y.
 *
 * Old URLs: one stored redirect per URL shape of X (home, category and tag pages and their
 * feeds, article pages and print views, the site's feeds, sitemaps, robots.txt, search),
 * targets written `/<Y>/…`. Anything else under X falls back at request time to the same
 * path on Y when it answers there, else Y's home (server/plugins/old-url-redirects.ts). X's
 * hostnames stay X's rows: a request on one is rewritten to `/<X>/…` and answered by X's own
 * redirects — exact per article and category — then sent to Y's own hostname (or the default
 * host). Making X's hostname a redirecting hostname of Y instead would send `/bai-viet/a` to
 * Y's `/bai-viet/a`, which is wrong wherever a slug or a category changed.
 */
import { z } from 'zod';
import type { Kysely } from 'kysely';
import type { CategoryRow, Database, SiteRow } from '../db/database.ts';
import type { Clock } from '../clock.ts';
import type { Actor } from '../policy/actor.ts';
import { authorize } from '../policy/policy.ts';
import { appendAudit } from '../audit/audit.ts';
import { parseCommandInput, ValidationError, type FieldIssue } from '../errors.ts';
import { foldText, normalizeText, slugify, uniqueSlug } from '../text/index.ts';
import { FEED_FILE_NAMES } from '../feeds/feed.ts';
import { SITEMAP_FILES, SITEMAP_PAGE_SIZE } from '../sitemaps/sitemap.ts';
import { insertRedirects } from '../redirects/redirect.repository.ts';
// The public URL words (chuyen-muc, bai-viet, the, in) have one home, beside the link builders.
import { PATH_WORDS } from '../../theme/view-models/links.ts';
import type { SiteDirectory } from './site-directory.ts';

/** Path word of a site's search page (`/<key>/tim-kiem`, theme/view-models/search.ts). */
const SEARCH_WORD = 'tim-kiem';

/** Longest article slug (core/text slugify's default). */
const MAX_SLUG_LENGTH = 80;

/** The steps of a merge, in order; tests fail a merge after any of them (`failAfter`). */
export const MERGE_STEPS = ['syndications', 'articles', 'categories', 'tags', 'media', 'memberships', 'tokens', 'child_sites', 'redirects', 'site'] as const;
export type MergeStep = (typeof MERGE_STEPS)[number];

/** What a merge needs. `failAfter` is a test seam: it is called after each step and may throw. */
export interface MergeDeps {
  db: Kysely<Database>;
  clock: Clock;
  sites: SiteDirectory;
  failAfter?: (step: MergeStep) => void | Promise<void>;
}

const siteKeyField = (what: string) =>
  z
    .string({ error: `cần khoá của ${what} (chuỗi ký tự)` })
    .trim()
    .min(1, `cần khoá của ${what}`)
    .max(60, 'khoá dài quá 60 ký tự');

/** Input of {@link mergeSite}. `categoryMapping`: `{ slug of an X category: slug of a Y category }`. */
export const mergeSiteInput = z.strictObject({
  from: siteKeyField('trang được sáp nhập'),
  into: siteKeyField('trang nhận'),
  categoryMapping: z
    .record(z.string().max(200, 'đường dẫn chuyên mục dài quá 200 ký tự'), z.string({ error: 'cần đường dẫn (slug) một chuyên mục của trang nhận' }).trim().min(1, 'cần đường dẫn (slug) một chuyên mục của trang nhận').max(200, 'dài quá 200 ký tự'))
    .optional(),
  dryRun: z.boolean({ error: 'cần true hoặc false' }).optional(),
});
export type MergeSiteInput = z.input<typeof mergeSiteInput>;

/** How one category of X was placed in Y. */
export interface CategoryPlacement {
  fromSlug: string;
  fromName: string;
  intoSlug: string;
  intoName: string;
  /** `name`: same name; `folded_name`: same name but for case or diacritics; `mapping`: the caller's mapping; `created`: moved into Y. */
  how: 'name' | 'folded_name' | 'mapping' | 'created';
}

/** What a merge did (or, in a dry run, would do). Counts are rows. */
export interface MergeReport {
  dryRun: boolean;
  from: { id: number; key: string; name: string };
  into: { id: number; key: string; name: string };
  articles: {
    moved: number;
    published: number;
    withdrawn: number;
    /** Articles whose slug Y already used, with their new slug (in id order). */
    slugChanges: Array<{ id: number; from: string; to: string }>;
    importKeysChanged: number;
    /** Syndicated copies left with X because the merge made them duplicates (their URLs redirect). */
    duplicateCopiesKept: number;
  };
  categories: { mapped: number; created: number; placements: CategoryPlacement[] };
  tags: { moved: number; merged: number };
  media: { moved: number; duplicatesKept: number };
  memberships: { moved: number; alreadyOnTarget: number };
  apiTokens: { revoked: number };
  syndications: { moved: number; removed: number; copiesDetached: number };
  childSites: number;
  redirects: { written: number; repointed: number };
}

/** Thrown inside a dry run's transaction to roll it back (caught by the command that threw it). */
export class DryRunRollback extends Error {}

function isPostgres(db: Kysely<Database>): boolean {
  return db.getExecutor().adapter.constructor.name === 'PostgresAdapter';
}

function sameText(a: string): string {
  return normalizeText(a).trim().replace(/\s+/g, ' ');
}

function foldedName(a: string): string {
  return foldText(a).trim().replace(/\s+/g, ' ');
}

/**
 * Places every category of X in Y (pure): by the mapping, by the same name, by the same
 * folded name, else moved with its slug. Rules in the module comment.
 * @param mapping `{ X slug: Y slug }`, validated here against both sites' categories.
 * @returns per X category id: the Y category id it folds into, or null when it moves.
 * @throws ValidationError naming each bad mapping entry (`categoryMapping.<slug>`) and each
 *   category whose slug Y uses under another name.
 */
export function planCategoryMerge(
  fromSite: { key: string },
  intoSite: { key: string },
  fromCategories: readonly Pick<CategoryRow, 'id' | 'name' | 'slug'>[],
  intoCategories: readonly Pick<CategoryRow, 'id' | 'name' | 'slug'>[],
  mapping: Readonly<Record<string, string>> = {},
): { targets: Map<number, number | null>; placements: CategoryPlacement[] } {
  const issues: FieldIssue[] = [];
  const fromBySlug = new Map(fromCategories.map((c) => [c.slug, c]));
  const intoBySlug = new Map(intoCategories.map((c) => [c.slug, c]));
  for (const [fromSlug, intoSlug] of Object.entries(mapping)) {
    if (!fromBySlug.has(fromSlug)) issues.push({ path: `categoryMapping.${fromSlug}`, message: `trang “${fromSite.key}” không có chuyên mục có đường dẫn “${fromSlug}”` });
    if (!intoBySlug.has(intoSlug)) issues.push({ path: `categoryMapping.${fromSlug}`, message: `trang “${intoSite.key}” không có chuyên mục có đường dẫn “${intoSlug}”` });
  }
  const targets = new Map<number, number | null>();
  const placements: CategoryPlacement[] = [];
  for (const c of fromCategories) {
    const mapped = mapping[c.slug] !== undefined ? intoBySlug.get(mapping[c.slug]!) : undefined;
    if (mapping[c.slug] !== undefined && !mapped) continue; // named above: a bad mapping entry
    const byName = mapped ? undefined : intoCategories.find((y) => sameText(y.name) === sameText(c.name));
    const byFolded = mapped || byName ? undefined : intoCategories.find((y) => foldedName(y.name) === foldedName(c.name));
    const into = mapped ?? byName ?? byFolded;
    if (into) {
      targets.set(c.id, into.id);
      placements.push({ fromSlug: c.slug, fromName: c.name, intoSlug: into.slug, intoName: into.name, how: mapped ? 'mapping' : byName ? 'name' : 'folded_name' });
      continue;
    }
    const clash = intoBySlug.get(c.slug);
    if (clash) {
      issues.push({
        path: `categoryMapping.${c.slug}`,
        message: `chuyên mục “${c.name}” (${c.slug}) của trang “${fromSite.key}” trùng đường dẫn với chuyên mục “${clash.name}” của trang “${intoSite.key}” mà khác tên; hãy ánh xạ nó vào một chuyên mục của trang “${intoSite.key}”`,
      });
      continue;
    }
    targets.set(c.id, null);
    placements.push({ fromSlug: c.slug, fromName: c.name, intoSlug: c.slug, intoName: c.name, how: 'created' });
  }
  if (issues.length) throw new ValidationError(issues);
  return { targets, placements };
}

/**
 * Loads the two sites of a merge and checks them.
 * @throws ValidationError naming `from` or `into`: unknown key, the same site, a merged site
 *   to merge, a target that is not active.
 */
export async function loadMergePair(db: Kysely<Database>, fromKey: string, intoKey: string): Promise<{ from: SiteRow; into: SiteRow }> {
  const rows = await db.selectFrom('sites').selectAll().where('key', 'in', [fromKey, intoKey]).execute();
  const from = rows.find((r) => r.key === fromKey);
  const into = rows.find((r) => r.key === intoKey);
  const issues: FieldIssue[] = [];
  if (!from) issues.push({ path: 'from', message: `không có trang nào có khoá “${fromKey}”` });
  if (!into) issues.push({ path: 'into', message: `không có trang nào có khoá “${intoKey}”` });
  if (issues.length) throw new ValidationError(issues);
  if (from!.id === into!.id) throw new ValidationError([{ path: 'into', message: 'không thể sáp nhập một trang vào chính nó' }]);
  if (from!.status === 'merged') throw new ValidationError([{ path: 'from', message: `trang “${fromKey}” đã được sáp nhập vào trang khác rồi` }]);
  if (into!.status !== 'active') {
    throw new ValidationError([{ path: 'into', message: into!.status === 'merged' ? `trang “${intoKey}” đã được sáp nhập vào trang khác, không nhận sáp nhập được` : `trang “${intoKey}” không còn hoạt động (${into!.status}), không nhận sáp nhập được` }]);
  }
  if (isPostgres(db)) await db.selectFrom('sites').select('id').where('id', 'in', [from!.id, into!.id]).forUpdate().execute();
  return { from: from!, into: into! };
}

function chunks<T>(items: readonly T[], size = 500): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Does the whole merge of `from` into `into` inside the caller's transaction (no audit entry:
 * the caller writes one — a single merge, or a whole reorganisation). Checks everything
 * before the first write.
 * @param step called after each step (the `failAfter` test seam).
 * @returns the report (with `dryRun` false; the caller sets it).
 * @throws ValidationError for category conflicts and bad mappings.
 */
export async function mergeSiteInTransaction(
  trx: Kysely<Database>,
  from: SiteRow,
  into: SiteRow,
  options: { categoryMapping?: Record<string, string>; now: Date; step?: (step: MergeStep) => void | Promise<void> },
): Promise<MergeReport> {
  const now = options.now;
  const at = now.toISOString();
  const step = options.step ?? (() => {});
  const X = from.id;
  const Y = into.id;
  const yBase = `/${into.key}`;

  // Everything that can refuse is checked before the first write.
  const [xCategories, yCategories] = await Promise.all([
    trx.selectFrom('categories').selectAll().where('site_id', '=', X).orderBy('position').orderBy('id').execute(),
    trx.selectFrom('categories').selectAll().where('site_id', '=', Y).orderBy('position').orderBy('id').execute(),
  ]);
  const categoryPlan = planCategoryMerge(from, into, xCategories, yCategories, options.categoryMapping);

  const report: MergeReport = {
    dryRun: false,
    from: { id: X, key: from.key, name: from.name },
    into: { id: Y, key: into.key, name: into.name },
    articles: { moved: 0, published: 0, withdrawn: 0, slugChanges: [], importKeysChanged: 0, duplicateCopiesKept: 0 },
    categories: { mapped: 0, created: 0, placements: categoryPlan.placements },
    tags: { moved: 0, merged: 0 },
    media: { moved: 0, duplicatesKept: 0 },
    memberships: { moved: 0, alreadyOnTarget: 0 },
    apiTokens: { revoked: 0 },
    syndications: { moved: 0, removed: 0, copiesDetached: 0 },
    childSites: 0,
    redirects: { written: 0, repointed: 0 },
  };

  // 1. Syndication links. Copies the merge makes duplicates stay with X (kept), each with the
  //    article its old URL is to answer with (null: Y's home).
  const kept = new Map<number, number | null>();
  const links = await trx
    .selectFrom('syndications')
    .selectAll()
    .where((eb) => eb.or([eb('source_site_id', '=', X), eb('target_site_id', '=', X)]))
    .orderBy('id')
    .execute();
  for (const link of links) {
    const source = link.source_site_id === X ? Y : link.source_site_id;
    const target = link.target_site_id === X ? Y : link.target_site_id;
    if (source === target) {
      // Between X and Y: the copy and its original end up on one site.
      if (link.copy_article_id !== null) {
        if (link.target_site_id === X) kept.set(link.copy_article_id, link.source_article_id);
        else {
          await trx.updateTable('articles').set({ follows_origin: 0, updated_at: at }).where('id', '=', link.copy_article_id).execute();
          report.syndications.copiesDetached += 1;
        }
      }
      await trx.deleteFrom('syndications').where('id', '=', link.id).execute();
      report.syndications.removed += 1;
      continue;
    }
    if (link.target_site_id === X) {
      const twin = await trx
        .selectFrom('syndications')
        .select(['id', 'copy_article_id'])
        .where('source_article_id', '=', link.source_article_id)
        .where('target_site_id', '=', Y)
        .where('direction', '=', link.direction)
        .executeTakeFirst();
      if (twin) {
        if (link.copy_article_id !== null) kept.set(link.copy_article_id, twin.copy_article_id);
        await trx.deleteFrom('syndications').where('id', '=', link.id).execute();
        report.syndications.removed += 1;
        continue;
      }
    }
    await trx.updateTable('syndications').set({ source_site_id: source, target_site_id: target, updated_at: at }).where('id', '=', link.id).execute();
    report.syndications.moved += 1;
  }
  const keptIds = [...kept.keys()];
  for (const ids of chunks(keptIds)) {
    // A kept copy stays on X, out of Y's categories and tags.
    await trx.deleteFrom('article_categories').where('article_id', 'in', ids).execute();
    await trx.deleteFrom('article_tags').where('article_id', 'in', ids).execute();
    await trx.updateTable('articles').set({ primary_category_id: null }).where('id', 'in', ids).execute();
  }
  report.articles.duplicateCopiesKept = keptIds.length;
  await step('syndications');

  // 2. Articles, in id order: slugs and import keys Y already uses get X's key.
  const xArticles = await trx.selectFrom('articles').select(['id', 'slug', 'import_key', 'state']).where('site_id', '=', X).orderBy('id').execute();
  const yArticles = await trx.selectFrom('articles').select(['slug', 'import_key']).where('site_id', '=', Y).execute();
  const ySlugs = new Set(yArticles.map((a) => a.slug));
  const yImportKeys = new Set(yArticles.flatMap((a) => (a.import_key === null ? [] : [a.import_key])));
  const takenSlugs = new Set([...ySlugs, ...xArticles.map((a) => a.slug)]);
  const takenKeys = new Set([...yImportKeys, ...xArticles.flatMap((a) => (a.import_key === null ? [] : [a.import_key]))]);
  const newSlugOf = new Map<number, string>();
  const moving = xArticles.filter((a) => !kept.has(a.id));
  for (const a of moving) {
    const changes: { slug?: string; import_key?: string } = {};
    if (ySlugs.has(a.slug)) {
      const room = MAX_SLUG_LENGTH - from.key.length - 1;
      const stem = a.slug.length <= room ? a.slug : slugify(a.slug, room) || 'bai-viet';
      const slug = await uniqueSlug(`${stem}-${from.key}`, (s) => takenSlugs.has(s), MAX_SLUG_LENGTH);
      takenSlugs.add(slug);
      changes.slug = slug;
      report.articles.slugChanges.push({ id: a.id, from: a.slug, to: slug });
    }
    if (a.import_key !== null && yImportKeys.has(a.import_key)) {
      let key = `${a.import_key}@${from.key}`;
      for (let n = 2; takenKeys.has(key); n++) key = `${a.import_key}@${from.key}-${n}`;
      takenKeys.add(key);
      changes.import_key = key;
      report.articles.importKeysChanged += 1;
    }
    if (changes.slug !== undefined || changes.import_key !== undefined) await trx.updateTable('articles').set(changes).where('id', '=', a.id).execute();
    newSlugOf.set(a.id, changes.slug ?? a.slug);
    report.articles.moved += 1;
    if (a.state === 'published') report.articles.published += 1;
    if (a.state === 'withdrawn') report.articles.withdrawn += 1;
  }
  // A withdrawn article may send readers to a path of its site (`/bai-viet/<slug>`): one
  // whose slug changed is re-pointed (absolute URLs resolve through X's redirects).
  if (report.articles.slugChanges.length) {
    const changed = new Map(report.articles.slugChanges.map((c) => [`/${PATH_WORDS.article}/${c.from}`, `/${PATH_WORDS.article}/${c.to}`]));
    const pointing = [];
    for (const paths of chunks([...changed.keys()])) {
      pointing.push(...(await trx.selectFrom('articles').select(['id', 'withdrawal_redirect_url']).where('site_id', '=', X).where('withdrawal_redirect_url', 'in', paths).execute()));
    }
    for (const p of pointing) await trx.updateTable('articles').set({ withdrawal_redirect_url: changed.get(p.withdrawal_redirect_url!)! }).where('id', '=', p.id).execute();
  }
  if (keptIds.length === 0) await trx.updateTable('articles').set({ site_id: Y }).where('site_id', '=', X).execute();
  else {
    for (const ids of chunks(moving.map((a) => a.id))) await trx.updateTable('articles').set({ site_id: Y }).where('id', 'in', ids).execute();
  }
  await step('articles');

  // 3. Categories: folded into Y's, or moved (parents re-pointed, placed after Y's own).
  const yMaxPosition = yCategories.reduce((max, c) => Math.max(max, c.position), 0);
  let position = yMaxPosition;
  const intoSlugOf = new Map<number, string>();
  const yById = new Map(yCategories.map((c) => [c.id, c]));
  for (const c of xCategories) {
    const target = categoryPlan.targets.get(c.id)!;
    intoSlugOf.set(c.id, target === null ? c.slug : yById.get(target)!.slug);
  }
  for (const c of xCategories) {
    if (categoryPlan.targets.get(c.id) !== null) continue;
    const parent = c.parent_id === null ? null : (categoryPlan.targets.get(c.parent_id) ?? c.parent_id);
    position += 1;
    await trx.updateTable('categories').set({ site_id: Y, parent_id: parent, position }).where('id', '=', c.id).execute();
    report.categories.created += 1;
  }
  for (const c of xCategories) {
    const target = categoryPlan.targets.get(c.id);
    if (target === null || target === undefined) continue;
    await trx
      .deleteFrom('article_categories')
      .where('category_id', '=', c.id)
      .where('article_id', 'in', (eb) => eb.selectFrom('article_categories as ac').select('ac.article_id').where('ac.category_id', '=', target))
      .execute();
    await trx.updateTable('article_categories').set({ category_id: target }).where('category_id', '=', c.id).execute();
    await trx.updateTable('articles').set({ primary_category_id: target }).where('primary_category_id', '=', c.id).execute();
    await trx.updateTable('categories').set({ parent_id: target }).where('parent_id', '=', c.id).where('site_id', '=', Y).execute();
    await trx.deleteFrom('categories').where('id', '=', c.id).execute();
    report.categories.mapped += 1;
  }
  await step('categories');

  // 4. Tags, by slug.
  const [xTags, yTags] = await Promise.all([
    trx.selectFrom('tags').select(['id', 'slug']).where('site_id', '=', X).orderBy('id').execute(),
    trx.selectFrom('tags').select(['id', 'slug']).where('site_id', '=', Y).execute(),
  ]);
  const yTagBySlug = new Map(yTags.map((t) => [t.slug, t.id]));
  const movedTagIds: number[] = [];
  for (const t of xTags) {
    const twin = yTagBySlug.get(t.slug);
    if (twin === undefined) {
      movedTagIds.push(t.id);
      continue;
    }
    await trx
      .deleteFrom('article_tags')
      .where('tag_id', '=', t.id)
      .where('article_id', 'in', (eb) => eb.selectFrom('article_tags as at').select('at.article_id').where('at.tag_id', '=', twin))
      .execute();
    await trx.updateTable('article_tags').set({ tag_id: twin }).where('tag_id', '=', t.id).execute();
    await trx.deleteFrom('tags').where('id', '=', t.id).execute();
    report.tags.merged += 1;
  }
  for (const ids of chunks(movedTagIds)) await trx.updateTable('tags').set({ site_id: Y }).where('id', 'in', ids).execute();
  report.tags.moved = movedTagIds.length;
  await step('tags');

  // 5. Media: rows move, files stay where they are (their URLs do not name the site's host).
  const [xMedia, yMedia] = await Promise.all([
    trx.selectFrom('media').select(['id', 'sha256']).where('site_id', '=', X).execute(),
    trx.selectFrom('media').select(['id', 'sha256']).where('site_id', '=', Y).execute(),
  ]);
  const yMediaBySha = new Map(yMedia.map((m) => [m.sha256, m.id]));
  const movedMediaIds: number[] = [];
  for (const m of xMedia) {
    const twin = yMediaBySha.get(m.sha256);
    if (twin === undefined) {
      movedMediaIds.push(m.id);
      continue;
    }
    await trx.updateTable('articles').set({ cover_media_id: twin }).where('cover_media_id', '=', m.id).where('site_id', '=', Y).execute();
    report.media.duplicatesKept += 1;
  }
  for (const ids of chunks(movedMediaIds)) await trx.updateTable('media').set({ site_id: Y }).where('id', 'in', ids).execute();
  report.media.moved = movedMediaIds.length;
  await step('media');

  // 6. Memberships: a role already held on Y is not doubled.
  const [xMembers, yMembers] = await Promise.all([
    trx.selectFrom('memberships').select(['id', 'user_id', 'role']).where('site_id', '=', X).execute(),
    trx.selectFrom('memberships').select(['user_id', 'role']).where('site_id', '=', Y).execute(),
  ]);
  const held = new Set(yMembers.map((m) => `${m.user_id}:${m.role}`));
  const duplicateMemberships: number[] = [];
  const movedMemberships: number[] = [];
  for (const m of xMembers) {
    const k = `${m.user_id}:${m.role}`;
    if (held.has(k)) duplicateMemberships.push(m.id);
    else {
      held.add(k);
      movedMemberships.push(m.id);
    }
  }
  for (const ids of chunks(duplicateMemberships)) await trx.deleteFrom('memberships').where('id', 'in', ids).execute();
  for (const ids of chunks(movedMemberships)) await trx.updateTable('memberships').set({ site_id: Y }).where('id', 'in', ids).execute();
  report.memberships = { moved: movedMemberships.length, alreadyOnTarget: duplicateMemberships.length };
  await step('memberships');

  // 7. API tokens of X: revoked.
  const revoked = await trx.updateTable('api_tokens').set({ revoked_at: at }).where('site_id', '=', X).where('revoked_at', 'is', null).executeTakeFirst();
  report.apiTokens.revoked = Number(revoked.numUpdatedRows);
  await step('tokens');

  // 8. Child sites of X become Y's (Y itself, if it was X's child, takes X's parent).
  if (into.parent_id === X) await trx.updateTable('sites').set({ parent_id: from.parent_id, updated_at: at }).where('id', '=', Y).execute();
  const children = await trx.updateTable('sites').set({ parent_id: Y, updated_at: at }).where('parent_id', '=', X).where('id', '!=', Y).executeTakeFirst();
  report.childSites = Number(children.numUpdatedRows);
  await step('child_sites');

  // 9. Redirects: every URL shape of X, then X's own stored redirects re-pointed.
  const generated = new Map<string, string>();
  const add = (fromPath: string, toPath: string) => generated.set(fromPath, `${yBase}${toPath}`);
  add('/', '/');
  for (const file of Object.values(FEED_FILE_NAMES)) add(`/${file}`, `/${file}`);
  add(`/${SEARCH_WORD}`, `/${SEARCH_WORD}`);
  add('/robots.txt', '/robots.txt');
  add(`/${SITEMAP_FILES.index}`, `/${SITEMAP_FILES.index}`);
  add(`/${SITEMAP_FILES.listings}`, `/${SITEMAP_FILES.listings}`);
  add(`/${SITEMAP_FILES.news}`, `/${SITEMAP_FILES.news}`);
  const sitemapPages = Math.max(1, Math.ceil(report.articles.published / SITEMAP_PAGE_SIZE));
  for (let page = 1; page <= sitemapPages; page++) add(`/${SITEMAP_FILES.articles(page)}`, `/${SITEMAP_FILES.index}`);
  const listing = (word: string, fromSlug: string, toSlug: string) => {
    add(`/${word}/${fromSlug}`, `/${word}/${encodeURIComponent(toSlug)}`);
    for (const file of Object.values(FEED_FILE_NAMES)) add(`/${word}/${fromSlug}/${file}`, `/${word}/${encodeURIComponent(toSlug)}/${file}`);
  };
  for (const c of xCategories) listing(PATH_WORDS.category, c.slug, intoSlugOf.get(c.id)!);
  for (const t of xTags) listing(PATH_WORDS.tag, t.slug, t.slug);
  for (const a of moving) {
    const to = encodeURIComponent(newSlugOf.get(a.id)!);
    add(`/${PATH_WORDS.article}/${a.slug}`, `/${PATH_WORDS.article}/${to}`);
    add(`/${PATH_WORDS.article}/${a.slug}/${PATH_WORDS.print}`, `/${PATH_WORDS.article}/${to}/${PATH_WORDS.print}`);
  }
  if (kept.size) {
    const targetIds = [...new Set([...kept.values()].filter((v): v is number => v !== null))];
    const targets = new Map<number, { slug: string; site_id: number }>();
    for (const ids of chunks(targetIds)) {
      for (const r of await trx.selectFrom('articles').select(['id', 'slug', 'site_id']).where('id', 'in', ids).execute()) targets.set(r.id, r);
    }
    for (const a of xArticles.filter((x) => kept.has(x.id))) {
      const t = targets.get(kept.get(a.id) ?? -1);
      const to = t && t.site_id === Y ? `/${PATH_WORDS.article}/${encodeURIComponent(t.slug)}` : '/';
      add(`/${PATH_WORDS.article}/${a.slug}`, to);
      add(`/${PATH_WORDS.article}/${a.slug}/${PATH_WORDS.print}`, t && t.site_id === Y ? `${to}/${PATH_WORDS.print}` : '/');
    }
  }
  // X's own stored redirects (older moves): targets under X now go to Y.
  const xPrefix = `/${from.key}`;
  const existing = await trx.selectFrom('redirects').select(['id', 'from_path', 'to_url']).where('site_id', '=', X).execute();
  for (const r of existing) {
    if (generated.has(r.from_path)) continue;
    if (r.to_url !== xPrefix && !r.to_url.startsWith(`${xPrefix}/`) && !r.to_url.startsWith(`${xPrefix}?`)) continue;
    const rest = r.to_url.slice(xPrefix.length) || '/';
    const q = rest.indexOf('?');
    const restPath = q === -1 ? rest : rest.slice(0, q);
    const mapped = generated.get(restPath.length > 1 ? restPath.replace(/\/+$/, '') : restPath);
    const to = mapped ? `${mapped}${q === -1 ? '' : rest.slice(q)}` : `${yBase}${rest}`;
    await trx.updateTable('redirects').set({ to_url: to }).where('id', '=', r.id).execute();
    report.redirects.repointed += 1;
  }
  report.redirects.written = await insertRedirects(trx, X, [...generated].map(([fromPath, toUrl]) => ({ fromPath, toUrl })), now);
  await step('redirects');

  // 10. X is marked merged; Y's change is noted so other processes reload their directory.
  await trx.updateTable('sites').set({ status: 'merged', merged_into_site_id: Y, merged_at: at, updated_at: at }).where('id', '=', X).execute();
  await trx.updateTable('sites').set({ updated_at: at }).where('id', '=', Y).execute();
  await step('site');
  return report;
}

/** The report for the audit log: the same, with at most 100 slug changes listed. */
export function auditDetailsOf(report: MergeReport): Record<string, unknown> {
  const slugChanges = report.articles.slugChanges;
  return {
    ...report,
    articles: { ...report.articles, slugChanges: slugChanges.slice(0, 100), slugChangeCount: slugChanges.length },
  };
}

/**
 * Merges site `from` into site `into` (policy `network.manage_sites`: network administrators
 * and the system). See the module comment for what moves and how old URLs answer.
 * @param input `{ from, into, categoryMapping?, dryRun? }`, validated by {@link mergeSiteInput}.
 * @returns the report; with `dryRun`, what would be done, nothing changed and nothing audited.
 * @throws ValidationError naming the field: unknown keys (`from`, `into`), a site into itself,
 *   a merged `from`, an inactive `into`, a conflicting category (`categoryMapping.<slug>`);
 *   NotFoundError / ForbiddenError from the policy. Nothing is changed when anything throws.
 * Source: DESIGN.md §2.7; issue "The network", item 5.
 */
export async function mergeSite(deps: MergeDeps, actor: Actor, input: unknown, address?: string | null): Promise<MergeReport> {
  authorize(actor, 'network.manage_sites', { siteId: null }, 'mạng lưới');
  const parsed = parseCommandInput(mergeSiteInput, input);
  const fromKey = normalizeText(parsed.from);
  const intoKey = normalizeText(parsed.into);
  const dryRun = parsed.dryRun ?? false;
  const now = deps.clock();
  let report: MergeReport | null = null;
  try {
    await deps.db.transaction().execute(async (trx) => {
      const { from, into } = await loadMergePair(trx, fromKey, intoKey);
      report = await mergeSiteInTransaction(trx, from, into, { categoryMapping: parsed.categoryMapping, now, step: deps.failAfter });
      report.dryRun = dryRun;
      if (dryRun) throw new DryRunRollback();
      await appendAudit(trx, { actor, action: 'site.merge', siteId: from.id, subjectType: 'site', subjectId: from.id, details: auditDetailsOf(report), address, at: now });
    });
  } catch (error) {
    if (!(error instanceof DryRunRollback)) throw error;
  }
  if (!dryRun) await deps.sites.reload();
  return report!;
}
