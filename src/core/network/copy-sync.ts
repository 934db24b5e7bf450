/**
 * What one fan-out job does to one copy (called by fanout.ts inside the job's transaction):
 * {@link createCopy} makes the copy of an original on a receiving site; {@link syncCopy}
 * brings an existing following copy in step with its original. Both read the original as it
 * is when the job runs, never as it was when the job was enqueued, so running jobs twice, late
 * or out of order converges on the same copy ("a fan-out job run twice makes one copy / one
 * update").
 *
 * A copy is a full article of the receiving site: title, lead, body, byline, type, cover (the
 * same stored image, registered in the receiving site's library), categories mapped by slug or
 * name to the receiving site's own (none are created), tags (created on the receiving site as
 * the newsroom does), the original's publication time, credited to the original site's
 * organisation with the original's URL (`source_organisation_id`, `source_name`,
 * `source_url`), linked by `origin_article_id`, `follows_origin = 1`. Like the newsroom's write
 * paths it gets a revision snapshot, a search document, a workflow event and an audit entry.
 *
 * The copy's state follows the syndication status and the original (DESIGN.md §3: nothing of a
 * copy is public before the original):
 * - `shown`: published when the original is (same time), scheduled when it is scheduled (the
 *   scheduler publishes both at that time), withdrawn with it (status `withdrawn`), and held in
 *   "Chờ duyệt" while the original is neither (e.g. its schedule was cancelled);
 * - `queued`: waits in "Chờ duyệt" for the local board; set aside ("Không sử dụng", status
 *   `withdrawn`) when the original is withdrawn;
 * - `withdrawn`: comes back (shown or queued as before) when the original is republished;
 * - any other status (declined, detached…): the copy's state is the local board's.
 */
import type { Kysely } from 'kysely';
import type { Database, MediaRow } from '../db/database.ts';
import type { ArticleState } from '../articles/article.ts';
import { findNewsroomArticle, insertArticleEvent, isSlugTaken, listArticleCorrections, type NewsroomArticle } from '../articles/newsroom-article.repository.ts';
import type { AuditEntryInput } from '../audit/audit.ts';
import { findOrCreateNamed, replaceArticleCategories, replaceArticleTags } from '../import/import.repository.ts';
import { queueArticleNotifications } from '../notifications/article-notifications.ts';
import { actorLabel, systemActor, type SystemActor } from '../policy/actor.ts';
import { recordRevision } from '../revisions/revision.repository.ts';
import { indexArticleContent } from '../search/search-index.ts';
import { syndicationModeOf } from '../sites/site-settings.ts';
import { slugify, uniqueSlug } from '../text/index.ts';
import type { NewsroomDeps } from '../articles/write-article.ts';
import type { FanoutJobKind, SyndicationRecord } from './syndication.repository.ts';
import { articleUrlOnNetwork, type SyndicationStatus } from './syndication.ts';

/** The actor of every fan-out write ("Hệ thống (chia sẻ bài)" in histories and the audit log). */
export const FANOUT_ACTOR: SystemActor = systemActor('chia sẻ bài');

/** A job that cannot succeed however often it is tried (e.g. the receiving site was archived). */
export class PermanentJobError extends Error {}

/** A job that must wait for another (its copy is not made yet); tried again soon, not counted as a failure. */
export class JobNotReadyError extends Error {}

/** What the worker needs (the newsroom's dependencies). */
export type CopyDeps = Pick<NewsroomDeps, 'db' | 'sites' | 'config' | 'clock'>;

/** Everything about an original that its copies take, read once per version and reused for every copy. */
export interface OriginTemplate {
  /** Revision, last change time, state, time and withdrawal of the original: any change of it changes this (see {@link versionOf}). */
  version: string;
  article: NewsroomArticle;
  /** The original's site, read inside the job's transaction (a site made by another process is found too). */
  site: OriginSite;
  /** The original's public URL (the copies' canonical URL and source link). */
  url: string;
  /** The original's categories, primary first: what the receiving sites' categories are matched by. */
  categories: { slug: string; name: string }[];
  cover: MediaRow | null;
  corrections: { note: string; createdAt: string }[];
  /** The original's withdrawal redirect as an absolute URL (a path is on the original's site), or null. */
  redirectUrl: string | null;
}

/**
 * The version key of an original: every column a copy takes that a transition may change
 * without a new revision (several changes can share one `updated_at` millisecond).
 */
function versionOf(...parts: (string | number | null)[]): string {
  return JSON.stringify(parts);
}

/** What copies take from the original's site. */
export interface OriginSite {
  id: number;
  key: string;
  name: string;
  organisationId: number | null;
  organisationName: string | null;
}

/** Templates of the originals met in one worker run, by original id. */
export type TemplateCache = Map<number, OriginTemplate>;

/** What a job did: whether it changed anything, the audit entry to append, and whether a copy now waits for a future time. */
export interface JobEffect {
  changed: boolean;
  audit: AuditEntryInput | null;
  /** The copy is public at a future instant (scheduled or embargoed): public caches must be capped. */
  future: boolean;
}

const NOTHING: JobEffect = { changed: false, audit: null, future: false };

/**
 * The template of an original as it is now (one small query when the cached one is current).
 * @returns null when the original no longer exists
 */
export async function loadOriginTemplate(trx: Kysely<Database>, deps: CopyDeps, cache: TemplateCache, originalId: number): Promise<OriginTemplate | null> {
  const head = await trx
    .selectFrom('articles')
    .select(['revision', 'updated_at', 'state', 'published_at', 'withdrawn_at', 'withdrawal_reason', 'withdrawal_redirect_url'])
    .where('id', '=', originalId)
    .executeTakeFirst();
  if (!head) return null;
  const version = versionOf(head.revision, head.updated_at, head.state, head.published_at, head.withdrawn_at, head.withdrawal_reason, head.withdrawal_redirect_url);
  const cached = cache.get(originalId);
  if (cached && cached.version === version) return cached;
  const article = await findNewsroomArticle(trx, originalId);
  if (!article) return null;
  // Read through the transaction, not the site directory: a site made by another process
  // since this one started is found too (and nothing here may use a second connection while
  // the transaction holds SQLite's only one).
  const siteRow = await trx
    .selectFrom('sites')
    .leftJoin('organisations', 'organisations.id', 'sites.organisation_id')
    .select(['sites.id', 'sites.key', 'sites.name', 'sites.organisation_id', 'organisations.name as organisation_name'])
    .where('sites.id', '=', article.siteId)
    .executeTakeFirstOrThrow();
  const site: OriginSite = { id: siteRow.id, key: siteRow.key, name: siteRow.name, organisationId: siteRow.organisation_id, organisationName: siteRow.organisation_name };
  const categoryRows = article.categoryIds.length
    ? await trx.selectFrom('categories').select(['id', 'slug', 'name']).where('id', 'in', article.categoryIds).execute()
    : [];
  const byId = new Map(categoryRows.map((c) => [c.id, c]));
  const cover = article.coverMediaId !== null ? ((await trx.selectFrom('media').selectAll().where('id', '=', article.coverMediaId).executeTakeFirst()) ?? null) : null;
  const corrections = (await listArticleCorrections(trx, article.id)).map((c) => ({ note: c.note, createdAt: c.createdAt }));
  const redirect = article.withdrawalRedirectUrl;
  const template: OriginTemplate = {
    version: versionOf(article.revision, article.updatedAt, article.state, article.publishedAt, article.withdrawnAt, article.withdrawalReason, article.withdrawalRedirectUrl),
    article,
    site,
    url: articleUrlOnNetwork(deps.config.publicUrl, site.key, article.slug),
    categories: article.categoryIds.map((id) => byId.get(id)).filter((c) => c !== undefined).map((c) => ({ slug: c.slug, name: c.name })),
    cover,
    corrections,
    redirectUrl: redirect ? (redirect.startsWith('/') ? `${deps.config.publicUrl}/${site.key}${redirect}` : redirect) : null,
  };
  cache.set(originalId, template);
  return template;
}

/** The receiving site's categories matching the original's, by slug first, then by name (none created). */
async function mapCategories(trx: Kysely<Database>, siteId: number, wanted: OriginTemplate['categories']): Promise<number[]> {
  if (wanted.length === 0) return [];
  const slugs = wanted.map((c) => c.slug);
  const names = wanted.map((c) => c.name);
  const rows = await trx
    .selectFrom('categories')
    .select(['id', 'slug', 'name'])
    .where('site_id', '=', siteId)
    .where((eb) => eb.or([eb('slug', 'in', slugs), eb('name', 'in', names)]))
    .execute();
  const out: number[] = [];
  for (const c of wanted) {
    const match = rows.find((r) => r.slug === c.slug) ?? rows.find((r) => r.name === c.name);
    if (match && !out.includes(match.id)) out.push(match.id);
  }
  return out;
}

/** The original's cover in the receiving site's library: its item with the same bytes, registered when missing. */
async function coverOnSite(trx: Kysely<Database>, cover: MediaRow | null, siteId: number, now: Date): Promise<number | null> {
  if (!cover) return null;
  if (cover.site_id === siteId) return cover.id;
  const existing = await trx.selectFrom('media').select('id').where('site_id', '=', siteId).where('sha256', '=', cover.sha256).executeTakeFirst();
  if (existing) return existing.id;
  const { id: _id, site_id: _site, created_at: _created, ...rest } = cover;
  const inserted = await trx
    .insertInto('media')
    .values({ ...rest, site_id: siteId, created_at: now.toISOString() })
    .onConflict((oc) => oc.columns(['site_id', 'sha256']).doNothing())
    .returning('id')
    .executeTakeFirst();
  if (inserted) return inserted.id;
  return (await trx.selectFrom('media').select('id').where('site_id', '=', siteId).where('sha256', '=', cover.sha256).executeTakeFirstOrThrow()).id;
}

/** The content a copy on `siteId` should have now. */
interface CopyContent {
  fields: {
    type: string;
    title: string;
    lead: string | null;
    body: string;
    byline: string | null;
    source_name: string;
    source_url: string;
    source_organisation_id: number | null;
    cover_media_id: number | null;
    cover_alt: string | null;
    cover_caption: string | null;
  };
  categoryIds: number[];
  tagIds: number[];
  tagNames: string[];
}

async function contentFor(trx: Kysely<Database>, t: OriginTemplate, siteId: number, now: Date): Promise<CopyContent> {
  const o = t.article;
  const wantedTags = new Map<string, string>();
  for (const name of o.tagNames) {
    const slug = slugify(name);
    if (slug && !wantedTags.has(slug)) wantedTags.set(slug, name);
  }
  const tags = await findOrCreateNamed(trx, 'tags', siteId, wantedTags, now.toISOString());
  return {
    fields: {
      type: o.type,
      title: o.title,
      lead: o.lead,
      body: o.body,
      byline: o.byline,
      source_name: t.site.organisationName ?? t.site.name,
      source_url: t.url,
      source_organisation_id: t.site.organisationId,
      cover_media_id: await coverOnSite(trx, t.cover, siteId, now),
      cover_alt: o.coverAlt,
      cover_caption: o.coverCaption,
    },
    categoryIds: await mapCategories(trx, siteId, t.categories),
    tagIds: [...wantedTags.keys()].map((slug) => tags.get(slug)!.id),
    tagNames: [...wantedTags.values()],
  };
}

function revisionMetadataOf(content: CopyContent): Record<string, unknown> {
  const f = content.fields;
  return {
    type: f.type,
    byline: f.byline,
    sourceName: f.source_name,
    sourceUrl: f.source_url,
    sourceOrganisationId: f.source_organisation_id,
    categoryIds: content.categoryIds,
    tagNames: content.tagNames,
    coverMediaId: f.cover_media_id,
    coverAlt: f.cover_alt,
    coverCaption: f.cover_caption,
    featured: false,
  };
}

/** The state a copy should be in, given its syndication status and its original now. */
interface DesiredState {
  state: ArticleState;
  publishedAt: string | null;
  status: SyndicationStatus;
}

/**
 * The rule of the module comment, as a function. `copy` is the copy as it is (null when it is
 * being made). Returns null for statuses whose copy the local board alone decides.
 */
function desiredState(status: string, origin: NewsroomArticle, copy: Pick<NewsroomArticle, 'state' | 'publishedAt'> | null): DesiredState | null {
  const o = origin.state;
  const live = o === 'published' || o === 'scheduled';
  const shown = (): DesiredState => {
    if (o === 'published') return { state: 'published', publishedAt: origin.publishedAt, status: 'shown' };
    // A copy approved locally while its original waits stays "published" at the original's
    // future time (invisible until then, like an embargo); otherwise it is scheduled with it.
    if (o === 'scheduled') return { state: copy?.state === 'published' ? 'published' : 'scheduled', publishedAt: origin.publishedAt, status: 'shown' };
    if (o === 'withdrawn') return { state: 'withdrawn', publishedAt: copy?.publishedAt ?? origin.publishedAt, status: 'withdrawn' };
    return { state: 'pending_approval', publishedAt: null, status: 'shown' };
  };
  const queued = (): DesiredState => {
    if (o === 'withdrawn') return { state: 'rejected', publishedAt: copy?.publishedAt ?? null, status: 'withdrawn' };
    return { state: 'pending_approval', publishedAt: live ? origin.publishedAt : null, status: 'queued' };
  };
  if (status === 'shown') return shown();
  if (status === 'queued') return queued();
  if (status === 'withdrawn') {
    if (!live) return copy ? { state: copy.state, publishedAt: copy.publishedAt, status: 'withdrawn' } : null;
    return copy?.state === 'rejected' ? queued() : shown();
  }
  return null;
}

/** The copy's withdrawal columns for a state: the original's public notice while withdrawn, cleared otherwise. */
function withdrawalColumns(t: OriginTemplate, state: ArticleState, now: Date) {
  if (state === 'withdrawn') {
    return { withdrawal_reason: t.article.withdrawalReason, withdrawn_at: t.article.withdrawnAt ?? now.toISOString(), withdrawal_redirect_url: t.redirectUrl };
  }
  return { withdrawal_reason: null, withdrawn_at: null, withdrawal_redirect_url: null };
}

/**
 * Makes the copy of a syndication's original on its receiving site (a `create` job). Does
 * nothing when the copy exists already. A receiving site whose setting is `off` gets no copy
 * (status `declined_by_setting`).
 * @throws PermanentJobError when the receiving site is gone or not active
 */
export async function createCopy(trx: Kysely<Database>, deps: CopyDeps, t: OriginTemplate, syn: SyndicationRecord, jobId: number, now: Date): Promise<JobEffect> {
  if (syn.copyArticleId !== null) return NOTHING;
  const at = now.toISOString();
  const siteRow = await trx
    .selectFrom('sites')
    .leftJoin('organisations', 'organisations.id', 'sites.organisation_id')
    .select(['sites.id', 'sites.status', 'sites.settings', 'sites.name', 'organisations.short_name'])
    .where('sites.id', '=', syn.targetSiteId)
    .executeTakeFirst();
  if (!siteRow || siteRow.status !== 'active') throw new PermanentJobError('trang nhận không còn hoạt động');
  const mode = syndicationModeOf({ settings: JSON.parse(siteRow.settings) as Record<string, unknown> });
  if (mode === 'off') {
    await trx.updateTable('syndications').set({ status: 'declined_by_setting', updated_at: at }).where('id', '=', syn.id).execute();
    return { changed: true, audit: null, future: false };
  }
  const desired = desiredState(mode === 'auto' ? 'shown' : 'queued', t.article, null)!;
  const siteId = syn.targetSiteId;
  const content = await contentFor(trx, t, siteId, now);
  const slug = await uniqueSlug(t.article.slug || slugify(t.article.title) || 'bai-viet', (candidate) => isSlugTaken(trx, siteId, candidate));
  const inserted = await trx
    .insertInto('articles')
    .values({
      site_id: siteId,
      state: desired.state,
      slug,
      ...content.fields,
      primary_category_id: content.categoryIds[0] ?? null,
      published_at: desired.publishedAt,
      published_precision: t.article.publishedPrecision,
      revision: 1,
      author_user_id: null,
      origin_article_id: t.article.id,
      follows_origin: 1,
      ...withdrawalColumns(t, desired.state, now),
      state_changed_at: at,
      created_at: at,
      updated_at: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const copyId = inserted.id;
  await replaceArticleCategories(trx, copyId, content.categoryIds, true);
  await replaceArticleTags(trx, copyId, content.tagIds, true);
  await indexArticleContent(trx, copyId, { title: content.fields.title, lead: content.fields.lead, body: content.fields.body, tagNames: content.tagNames });
  await recordRevision(trx, {
    articleId: copyId,
    revision: 1,
    title: content.fields.title,
    lead: content.fields.lead,
    body: content.fields.body,
    metadata: revisionMetadataOf(content),
    actor: FANOUT_ACTOR,
    note: `Nhận từ ${t.site.name}`,
    at: now,
  });
  if (t.corrections.length) {
    await trx
      .insertInto('article_corrections')
      .values(t.corrections.map((c) => ({ article_id: copyId, note: c.note, revision: 1, created_by_user_id: null, created_at: c.createdAt })))
      .execute();
  }
  await trx.updateTable('syndications').set({ copy_article_id: copyId, status: desired.status, updated_at: at }).where('id', '=', syn.id).execute();
  const details = { originArticleId: t.article.id, originSiteId: t.site.id, syndicationId: syn.id, jobId, mode };
  const eventId = await insertArticleEvent(trx, {
    articleId: copyId,
    siteId,
    action: 'syndication_receive',
    fromState: 'draft',
    toState: desired.state,
    actorUserId: null,
    actorLabel: actorLabel(FANOUT_ACTOR),
    reason: syn.note,
    details,
    at,
  });
  if (desired.status === 'queued') {
    await queueArticleNotifications(trx, {
      article: { id: copyId, siteId, title: content.fields.title, authorUserId: null },
      transition: 'sent_for_approval',
      actor: FANOUT_ACTOR,
      reason: syn.note,
      now,
      eventId,
      adminUrl: `${deps.config.publicUrl}/admin`,
      siteName: siteRow.short_name ?? siteRow.name,
    });
  }
  return {
    changed: true,
    audit: {
      actor: FANOUT_ACTOR,
      action: 'article.syndication.create',
      siteId,
      subjectType: 'article',
      subjectId: copyId,
      details: { ...details, state: desired.state, status: desired.status, sourceRevision: t.article.revision },
      at: now,
    },
    future: desired.publishedAt !== null && desired.publishedAt > at && (desired.state === 'published' || desired.state === 'scheduled'),
  };
}

function sameIds(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  const set = new Set(a);
  return b.every((id) => set.has(id));
}

/** Event names of the propagated changes, as a copy's history shows them. */
const EVENT_OF_KIND: Record<Exclude<FanoutJobKind, 'create'>, string> = {
  update: 'syndication_update',
  withdraw: 'syndication_withdraw',
  republish: 'syndication_republish',
};

/**
 * Brings a following copy in step with its original (an `update`, `withdraw` or `republish`
 * job; each does the whole sync, so order does not matter): content as a new revision with its
 * snapshot and search document, the original's public correction notes (same note, same time),
 * and the state by {@link desiredState}. Does nothing to a detached copy, or when nothing differs.
 * @throws JobNotReadyError when the copy is not made yet (its `create` job has not run)
 */
export async function syncCopy(trx: Kysely<Database>, t: OriginTemplate, syn: SyndicationRecord, kind: Exclude<FanoutJobKind, 'create'>, jobId: number, now: Date): Promise<JobEffect> {
  if (!syn.following) return NOTHING;
  if (syn.copyArticleId === null) {
    if (syn.status === 'pending') throw new JobNotReadyError('bản sao chưa được tạo; chờ việc tạo bản sao chạy xong');
    return NOTHING;
  }
  const copy = await findNewsroomArticle(trx, syn.copyArticleId, { forUpdate: true });
  if (!copy || !copy.followsOrigin) return NOTHING;
  const at = now.toISOString();
  const content = await contentFor(trx, t, copy.siteId, now);
  const f = content.fields;
  const currentTagIds = (await trx.selectFrom('article_tags').select('tag_id').where('article_id', '=', copy.id).execute()).map((r) => r.tag_id);
  const contentChanged =
    f.type !== copy.type ||
    f.title !== copy.title ||
    f.lead !== copy.lead ||
    f.body !== copy.body ||
    f.byline !== copy.byline ||
    f.source_name !== copy.sourceName ||
    f.source_url !== copy.sourceUrl ||
    f.source_organisation_id !== copy.sourceOrganisationId ||
    f.cover_media_id !== copy.coverMediaId ||
    f.cover_alt !== copy.coverAlt ||
    f.cover_caption !== copy.coverCaption ||
    (content.categoryIds[0] ?? null) !== copy.primaryCategoryId ||
    !sameIds(content.categoryIds, copy.categoryIds) ||
    !sameIds(content.tagIds, currentTagIds);
  const existing = await listArticleCorrections(trx, copy.id);
  const have = new Set(existing.map((c) => `${c.createdAt}\n${c.note}`));
  const missing = t.corrections.filter((c) => !have.has(`${c.createdAt}\n${c.note}`));
  const desired = desiredState(syn.status, t.article, copy);
  const withdrawal = desired ? withdrawalColumns(t, desired.state, now) : null;
  const stateChanged =
    desired !== null &&
    (desired.state !== copy.state ||
      desired.publishedAt !== copy.publishedAt ||
      withdrawal!.withdrawal_reason !== copy.withdrawalReason ||
      withdrawal!.withdrawal_redirect_url !== copy.withdrawalRedirectUrl);
  const statusChanged = desired !== null && desired.status !== syn.status;
  if (!contentChanged && missing.length === 0 && !stateChanged && !statusChanged) return NOTHING;

  let revision = copy.revision;
  if (contentChanged || missing.length) {
    revision = copy.revision + 1;
    const note = missing.length ? `Đính chính theo bài gốc: ${missing[missing.length - 1]!.note}` : `Cập nhật theo bài gốc (${t.site.name})`;
    await trx
      .updateTable('articles')
      .set({ ...f, primary_category_id: content.categoryIds[0] ?? null, revision, updated_at: at })
      .where('id', '=', copy.id)
      .execute();
    if (contentChanged) {
      await replaceArticleCategories(trx, copy.id, content.categoryIds, false);
      await replaceArticleTags(trx, copy.id, content.tagIds, false);
      await indexArticleContent(trx, copy.id, { title: f.title, lead: f.lead, body: f.body, tagNames: content.tagNames });
    }
    await recordRevision(trx, { articleId: copy.id, revision, title: f.title, lead: f.lead, body: f.body, metadata: revisionMetadataOf(content), actor: FANOUT_ACTOR, note, at: now });
    if (missing.length) {
      await trx
        .insertInto('article_corrections')
        .values(missing.map((c) => ({ article_id: copy.id, note: c.note, revision, created_by_user_id: null, created_at: c.createdAt })))
        .execute();
    }
  }
  if (stateChanged) {
    await trx
      .updateTable('articles')
      .set({
        state: desired!.state,
        published_at: desired!.publishedAt,
        ...withdrawal!,
        ...(desired!.state !== copy.state ? { state_changed_at: at, schedule_error: null } : {}),
        updated_at: at,
      })
      .where('id', '=', copy.id)
      .execute();
  }
  if (statusChanged) await trx.updateTable('syndications').set({ status: desired!.status, updated_at: at }).where('id', '=', syn.id).execute();
  const toState = desired?.state ?? copy.state;
  const details: Record<string, unknown> = {
    originArticleId: t.article.id,
    syndicationId: syn.id,
    jobId,
    sourceRevision: t.article.revision,
    revision,
    ...(missing.length ? { corrections: missing.map((c) => c.note) } : {}),
    ...(statusChanged ? { status: desired!.status } : {}),
  };
  await insertArticleEvent(trx, {
    articleId: copy.id,
    siteId: copy.siteId,
    action: EVENT_OF_KIND[kind],
    fromState: copy.state,
    toState,
    actorUserId: null,
    actorLabel: actorLabel(FANOUT_ACTOR),
    reason: toState === 'withdrawn' && copy.state !== 'withdrawn' ? t.article.withdrawalReason : missing.length ? missing[missing.length - 1]!.note : null,
    details,
    at,
  });
  const publishedAt = desired?.publishedAt ?? copy.publishedAt;
  return {
    changed: true,
    audit: { actor: FANOUT_ACTOR, action: `article.syndication.${kind}`, siteId: copy.siteId, subjectType: 'article', subjectId: copy.id, details: { ...details, from: copy.state, to: toState }, at: now },
    future: publishedAt !== null && publishedAt > at && (toState === 'published' || toState === 'scheduled'),
  };
}
