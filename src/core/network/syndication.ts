/**
 * Downward syndication (DESIGN.md §2.3, issue "The network" items 2–4): a chief editor sends a
 * published or scheduled item down the network — to every site, to a kind of site, or to
 * chosen sites — and each receiving site gets its own copy by its own setting
 * (sites/site-settings.ts `syndicationModeOf`): `auto` shows it at once (or at the original's
 * scheduled time), `review` queues it as "Chờ duyệt" for the local board, `off` declines it.
 * Copies credit the source, carry the original's canonical URL, stay out of sitemaps, follow
 * the original's corrections, updates and withdrawal (propagation.ts) until a local board
 * detaches them ({@link detachCopy}).
 *
 * The command writes one `syndications` row per receiving site and one fan-out job per row in
 * one transaction with its audit entry; the copies themselves are made by the fan-out worker
 * (fanout.ts, copy-sync.ts), one job per site, each in its own transaction, right after the
 * command commits.
 *
 * Syndication statuses (`syndications.status`, direction `down`):
 * | status | meaning |
 * |---|---|
 * | `pending` | sent; the copy is not made yet (its job waits, runs or retries) |
 * | `shown` | the copy is on the receiving site, public at the original's time (also: approved by the local board) |
 * | `queued` | the copy waits in the receiving site's queue ("Chờ duyệt") for its board |
 * | `declined` | the receiving board declined the copy (rejected, returned, or withdrew it locally) |
 * | `declined_by_setting` | the receiving site takes no syndicated items (setting `off`); no copy; sending again asks again |
 * | `detached` | the receiving board detached its copy: it no longer follows the original |
 * | `withdrawn` | the copy was withdrawn with its original (it comes back if the original is republished) |
 * | `failed` | the copy could not be made after every retry (the job keeps the error); syndicating again retries |
 */
import { z } from 'zod';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { ARTICLE_STATE_LABELS, type ArticleState } from '../articles/article.ts';
import { isPubliclyVisible } from '../articles/visibility.ts';
import { findNewsroomArticle, insertArticleEvent, type NewsroomArticle } from '../articles/newsroom-article.repository.ts';
import { type NewsroomDeps, policyTargetOf } from '../articles/write-article.ts';
import { appendAudit } from '../audit/audit.ts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError, parseCommandInput, type FieldIssue } from '../errors.ts';
import { type Actor, actorLabel, actorUserId } from '../policy/actor.ts';
import { articleListScope, authorize } from '../policy/policy.ts';
import { SITE_KINDS, SITE_KIND_LABELS, type Site, type SiteKind } from '../sites/site.ts';
import { getNetworkSettings, maySyndicate, type NetworkSettings } from './network-settings.ts';
import { enqueueFanoutJobs, listJobsOfSyndications, listSyndicationsOfOriginal, type FanoutJobView } from './syndication.repository.ts';

/** The statuses of a downward syndication (see the table above). */
export const SYNDICATION_STATUSES = ['pending', 'shown', 'queued', 'declined', 'declined_by_setting', 'detached', 'withdrawn', 'failed'] as const;
export type SyndicationStatus = (typeof SYNDICATION_STATUSES)[number];

/** Vietnamese labels of the statuses, as editors of the source site see them. */
export const SYNDICATION_STATUS_LABELS: Record<SyndicationStatus, string> = {
  pending: 'Đang gửi',
  shown: 'Đã hiển thị',
  queued: 'Chờ trang nhận duyệt',
  declined: 'Trang nhận từ chối',
  declined_by_setting: 'Trang nhận không nhận bài chia sẻ',
  detached: 'Đã tách khỏi bài gốc',
  withdrawn: 'Đã gỡ theo bài gốc',
  failed: 'Gửi không thành công',
};

/** What the commands need: the newsroom's dependencies and, in a running process, the fan-out worker to kick. */
export type SyndicationDeps = NewsroomDeps;

/** Where an item goes: the whole network, every site of some kinds, or chosen sites. */
const syndicationTarget = z.union(
  [
    z.literal('network'),
    z.strictObject({
      kinds: z
        .array(z.enum(SITE_KINDS, { error: `phải là một trong: ${SITE_KINDS.join(', ')}` }))
        .min(1, 'cần ít nhất một loại trang')
        .max(SITE_KINDS.length),
    }),
    z.strictObject({
      siteIds: z
        .array(z.number({ error: 'phải là mã số trang' }).int('phải là mã số trang').positive('phải là mã số trang'))
        .min(1, 'cần chọn ít nhất một trang')
        .max(2000, 'nhiều nhất 2000 trang'),
    }),
  ],
  { error: 'phải là "network", { "kinds": [loại trang…] } hoặc { "siteIds": [mã trang…] }' },
);

/** Input of {@link syndicateArticle}. */
export const syndicateInput = z.strictObject({
  to: syndicationTarget,
  note: z
    .string({ error: 'phải là chuỗi ký tự' })
    .trim()
    .max(2000, 'dài quá 2000 ký tự')
    .optional()
    .transform((v) => (v ? v : undefined)),
});
export type SyndicateInput = z.input<typeof syndicateInput>;

/** Input of {@link detachCopy}: the revision the caller saw, and an optional reason kept in the history. */
export const detachInput = z.strictObject({
  revision: z.number().int().positive(),
  reason: z.string().trim().max(2000, 'dài quá 2000 ký tự').optional(),
});
export type DetachInput = z.input<typeof detachInput>;

/** What {@link syndicateArticle} did. */
export interface SyndicateResult {
  articleId: number;
  /** Sites that got a new syndication (a copy is being made for each). */
  added: { syndicationId: number; siteId: number }[];
  /** Sites whose earlier attempt failed or whose setting declined it: they are asked again. */
  retried: { syndicationId: number; siteId: number }[];
  /** Sites that already had this item (nothing new is made for them). */
  already: { syndicationId: number; siteId: number; status: string }[];
}

function refuseTo(message: string): never {
  throw new ValidationError([{ path: 'to', message }]);
}

/**
 * The receiving sites of a syndication request: active sites other than the source, allowed by
 * the network's syndication routes (network-settings.ts `maySyndicate`).
 * - `network`: every such site; a source allowed to none is refused;
 * - `{ kinds }`: such sites of these kinds (sites of the kind the rules exclude are left out);
 *   none at all is refused;
 * - `{ siteIds }`: exactly these; an unknown, inactive, own or not allowed site is refused,
 *   each named, and nothing is sent.
 * Sites the item came from and that publish it themselves (`originSiteIds`: it was proposed up
 * from them) never get a copy of their own story back: left out of `network` and `kinds`,
 * refused when named.
 * @throws ValidationError (field `to`)
 */
export function resolveSyndicationTargets(
  sites: readonly Site[],
  source: Site,
  settings: NetworkSettings,
  to: z.output<typeof syndicationTarget>,
  originSiteIds: ReadonlySet<number> = new Set(),
): Site[] {
  const others = sites.filter((s) => s.id !== source.id && s.status === 'active' && !originSiteIds.has(s.id));
  const allowed = (s: Site) => maySyndicate(settings, source, s);
  if (to === 'network') {
    const targets = others.filter(allowed);
    if (targets.length === 0) refuseTo(`theo cài đặt mạng lưới, trang "${source.name}" không được chia sẻ bài xuống trang nào`);
    return targets;
  }
  if ('kinds' in to) {
    const kinds = new Set<SiteKind>(to.kinds);
    const ofKind = others.filter((s) => kinds.has(s.kind));
    const labels = [...kinds].map((k) => SITE_KIND_LABELS[k]).join(', ');
    if (ofKind.length === 0) refuseTo(`không có trang nào đang hoạt động thuộc loại: ${labels}`);
    const targets = ofKind.filter(allowed);
    if (targets.length === 0) refuseTo(`theo cài đặt mạng lưới, trang "${source.name}" không được chia sẻ bài xuống: ${labels}`);
    return targets;
  }
  const issues: FieldIssue[] = [];
  const targets: Site[] = [];
  const byId = new Map(sites.map((s) => [s.id, s]));
  for (const id of new Set(to.siteIds)) {
    const site = byId.get(id);
    if (!site) issues.push({ path: 'to', message: `không có trang ${id}` });
    else if (site.id === source.id) issues.push({ path: 'to', message: `không chia sẻ bài cho chính trang "${site.name}" của bài` });
    else if (originSiteIds.has(site.id)) issues.push({ path: 'to', message: `bài này do trang "${site.name}" đề xuất lên và trang đó đã đăng bài gốc` });
    else if (site.status !== 'active') issues.push({ path: 'to', message: `trang "${site.name}" không còn hoạt động` });
    else if (!allowed(site)) issues.push({ path: 'to', message: `theo cài đặt mạng lưới, trang "${source.name}" không được chia sẻ bài xuống trang "${site.name}"` });
    else targets.push(site);
  }
  if (issues.length) throw new ValidationError(issues);
  return targets;
}

/**
 * The sites an article came from that publish it themselves: the sites of its origin, its
 * origin's origin… (an item proposed up from a province, then published by the ministry) whose
 * original is published or scheduled there. A site whose original is still a draft may get the
 * ministry's version. At most 10 hops.
 */
async function originSitesOf(trx: Kysely<Database>, articleId: number): Promise<Set<number>> {
  const sites = new Set<number>();
  let id: number | null = articleId;
  for (let hop = 0; hop < 10 && id !== null; hop += 1) {
    const row: { origin_article_id: number | null } | undefined = await trx.selectFrom('articles').select('origin_article_id').where('id', '=', id).executeTakeFirst();
    id = row?.origin_article_id ?? null;
    if (id === null) break;
    const origin = await trx.selectFrom('articles').select(['site_id', 'state']).where('id', '=', id).executeTakeFirst();
    if (origin && (origin.state === 'published' || origin.state === 'scheduled')) sites.add(origin.site_id);
  }
  return sites;
}

/**
 * Sends a published or scheduled article down the network (policy `article.syndicate`: a chief
 * editor of its site; not a copy that follows another original). In one transaction: one
 * `syndications` row (direction `down`, status `pending`) and one `create` fan-out job per new
 * receiving site, and the audit entry; then the worker of this process is kicked. Idempotent per
 * site: a site that already has the item gets nothing new (one whose copy failed for good, or
 * whose setting declined it, is asked again).
 * @param rawInput `{ to, note? }`, validated by {@link syndicateInput}
 * @returns which sites were added, retried, or already had it
 * @throws NotFoundError / ForbiddenError from the policy; ValidationError (`to`) for targets
 *   that are unknown, not active, the source itself or not allowed by the network settings
 */
export async function syndicateArticle(deps: SyndicationDeps, actor: Actor, articleId: number, rawInput: SyndicateInput, address?: string | null): Promise<SyndicateResult> {
  const input = parseCommandInput(syndicateInput, rawInput);
  const now = deps.clock();
  const at = now.toISOString();
  const result = await deps.db.transaction().execute(async (trx) => {
    const article = await findNewsroomArticle(trx, articleId, { forUpdate: true });
    if (!article) throw new NotFoundError(`bài viết ${articleId}`);
    authorize(actor, 'article.syndicate', policyTargetOf(deps, article), `bài viết ${articleId}`);
    const source = deps.sites.getById(article.siteId);
    if (!source) throw new NotFoundError(`bài viết ${articleId}`);
    const targets = resolveSyndicationTargets(deps.sites.list(), source, await getNetworkSettings(trx), input.to, await originSitesOf(trx, article.id));
    const existing = new Map((await listSyndicationsOfOriginal(trx, article.id)).map((s) => [s.targetSiteId, s]));
    const out: SyndicateResult = { articleId: article.id, added: [], retried: [], already: [] };
    const fresh = targets.filter((t) => !existing.has(t.id));
    if (fresh.length) {
      const rows = await trx
        .insertInto('syndications')
        .values(
          fresh.map((t) => ({
            direction: 'down',
            source_article_id: article.id,
            source_site_id: source.id,
            target_site_id: t.id,
            status: 'pending',
            following: 1,
            requested_by_user_id: actorUserId(actor),
            note: input.note ?? null,
            created_at: at,
            updated_at: at,
          })),
        )
        .returning(['id', 'target_site_id'])
        .execute();
      for (const r of rows) out.added.push({ syndicationId: r.id, siteId: r.target_site_id });
    }
    for (const t of targets) {
      const s = existing.get(t.id);
      if (!s) continue;
      if (s.status === 'failed' || s.status === 'declined_by_setting') out.retried.push({ syndicationId: s.id, siteId: t.id });
      else out.already.push({ syndicationId: s.id, siteId: t.id, status: s.status });
    }
    if (out.retried.length) {
      await trx.updateTable('syndications').set({ status: 'pending', updated_at: at }).where('id', 'in', out.retried.map((r) => r.syndicationId)).execute();
    }
    const toRun = [...out.added, ...out.retried].map((r) => r.syndicationId);
    if (toRun.length === 0) return out;
    await enqueueFanoutJobs(trx, toRun, 'create', article.revision, now);
    await appendAudit(trx, {
      actor,
      action: 'article.syndicate',
      siteId: article.siteId,
      subjectType: 'article',
      subjectId: article.id,
      details: {
        to: input.to,
        revision: article.revision,
        addedSiteIds: out.added.map((r) => r.siteId),
        ...(out.retried.length ? { retriedSiteIds: out.retried.map((r) => r.siteId) } : {}),
        ...(out.already.length ? { alreadySiteIds: out.already.map((r) => r.siteId) } : {}),
        ...(input.note ? { note: input.note } : {}),
      },
      address: address ?? null,
      at: now,
    });
    return out;
  });
  if (result.added.length || result.retried.length) deps.fanout?.kick();
  return result;
}

/**
 * Detaches a syndicated copy from its original (policy `article.detach`: an editor or chief
 * editor of the copy's site, on a copy that follows its original): the copy keeps its text and
 * state, stops taking the original's corrections, updates and withdrawal, and becomes
 * editable by its local board under the normal rules. One transaction with its workflow event
 * and audit entry; pending fan-out jobs for it then change nothing.
 * @throws NotFoundError / ForbiddenError from the policy; ConflictError (409) when `revision` is stale
 */
export async function detachCopy(deps: SyndicationDeps, actor: Actor, copyId: number, rawInput: DetachInput, address?: string | null): Promise<NewsroomArticle> {
  const input = parseCommandInput(detachInput, rawInput);
  const now = deps.clock();
  const at = now.toISOString();
  return deps.db.transaction().execute(async (trx) => {
    const copy = await findNewsroomArticle(trx, copyId, { forUpdate: true });
    if (!copy) throw new NotFoundError(`bài viết ${copyId}`);
    authorize(actor, 'article.detach', policyTargetOf(deps, copy), `bài viết ${copyId}`);
    if (copy.revision !== input.revision) {
      throw new ConflictError(`Bài đã thay đổi (phiên bản ${copy.revision}, bạn đang xem phiên bản ${input.revision}); hãy tải lại trước khi tách bản sao.`, {
        article: { id: copy.id, revision: copy.revision, state: copy.state, title: copy.title },
      });
    }
    await trx.updateTable('articles').set({ follows_origin: 0, updated_at: at }).where('id', '=', copy.id).execute();
    await trx.updateTable('syndications').set({ following: 0, status: 'detached', updated_at: at }).where('copy_article_id', '=', copy.id).where('direction', '=', 'down').execute();
    const details = { originArticleId: copy.origin?.articleId ?? null, originSiteId: copy.origin?.siteId ?? null };
    await insertArticleEvent(trx, {
      articleId: copy.id,
      siteId: copy.siteId,
      action: 'detach',
      fromState: copy.state,
      toState: copy.state,
      actorUserId: actorUserId(actor),
      actorLabel: actorLabel(actor),
      reason: input.reason ?? null,
      details,
      at,
    });
    await appendAudit(trx, { actor, action: 'article.detach', siteId: copy.siteId, subjectType: 'article', subjectId: copy.id, details: { ...details, ...(input.reason ? { reason: input.reason } : {}) }, address: address ?? null, at: now });
    return (await findNewsroomArticle(trx, copy.id))!;
  });
}

/** The public URL of an article on the network's default host (`<publicUrl>/<site key>/bai-viet/<slug>`). */
export function articleUrlOnNetwork(publicUrl: string, siteKey: string, slug: string): string {
  return `${publicUrl}/${siteKey}/bai-viet/${encodeURIComponent(slug)}`;
}

/** One receiving site of an original, as the source site's editors see it ("where it was carried"). */
export interface SyndicationTargetView {
  syndicationId: number;
  site: { id: number; key: string; name: string; kind: SiteKind | null };
  status: SyndicationStatus;
  statusLabel: string;
  following: boolean;
  note: string | null;
  sentAt: string;
  updatedAt: string;
  /** The copy on the receiving site, once made. `publicUrl` answers 200 when `visible`. */
  copy: { id: number; state: ArticleState; stateLabel: string; publishedAt: string | null; publicUrl: string | null; visible: boolean } | null;
  /** The latest fan-out job (what is happening or happened last), or null. */
  job: FanoutJobView | null;
  /** Every job of this syndication, newest first. */
  jobs: FanoutJobView[];
}

/** Where an original was carried: one entry per receiving site, and counts per status. */
export interface ArticleSyndicationsView {
  articleId: number;
  items: SyndicationTargetView[];
  countsByStatus: Record<SyndicationStatus, number>;
  /** The sites the network settings let this article's site send to (for choosing), and whether each has it already. */
  allowedTargets: { id: number; key: string; name: string; kind: SiteKind; sent: boolean }[];
}

/**
 * Where an article was syndicated, for the editors of its site: every receiving site with its
 * name, the syndication status, the fan-out job's state, attempts and last error, and the copy
 * with its public URL. Readable by whoever may read the article and see the site's whole
 * queue (policy `article.read` and the `all` list scope: editors and chief editors).
 * @throws NotFoundError when the actor may not read the article; ForbiddenError for writers
 */
export async function listArticleSyndications(deps: SyndicationDeps, actor: Actor, articleId: number): Promise<ArticleSyndicationsView> {
  const article = await findNewsroomArticle(deps.db, articleId);
  if (!article) throw new NotFoundError(`bài viết ${articleId}`);
  authorize(actor, 'article.read', policyTargetOf(deps, article), `bài viết ${articleId}`);
  const scope = articleListScope(actor, article.siteId);
  if (scope.kind !== 'all' && scope.kind !== 'everything') throw new ForbiddenError('Bạn không có quyền xem nơi bài được chia sẻ');
  const syndications = await listSyndicationsOfOriginal(deps.db, article.id);
  const jobs = await listJobsOfSyndications(deps.db, syndications.map((s) => s.id));
  const copyIds = syndications.map((s) => s.copyArticleId).filter((id): id is number => id !== null);
  const copies = new Map(
    copyIds.length
      ? (await deps.db.selectFrom('articles').select(['id', 'site_id', 'state', 'slug', 'published_at']).where('id', 'in', copyIds).execute()).map((r) => [r.id, r])
      : [],
  );
  const now = deps.clock();
  const countsByStatus = Object.fromEntries(SYNDICATION_STATUSES.map((s) => [s, 0])) as Record<SyndicationStatus, number>;
  const items = syndications.map((s): SyndicationTargetView => {
    const site = deps.sites.getById(s.targetSiteId);
    const status = (SYNDICATION_STATUSES as readonly string[]).includes(s.status) ? (s.status as SyndicationStatus) : 'pending';
    countsByStatus[status]++;
    const copyRow = s.copyArticleId !== null ? copies.get(s.copyArticleId) : undefined;
    const jobList = jobs.get(s.id) ?? [];
    return {
      syndicationId: s.id,
      site: { id: s.targetSiteId, key: site?.key ?? '', name: site?.name ?? '', kind: site?.kind ?? null },
      status,
      statusLabel: SYNDICATION_STATUS_LABELS[status],
      following: s.following,
      note: s.note,
      sentAt: s.createdAt,
      updatedAt: s.updatedAt,
      copy: copyRow
        ? {
            id: copyRow.id,
            state: copyRow.state as ArticleState,
            stateLabel: ARTICLE_STATE_LABELS[copyRow.state as ArticleState] ?? copyRow.state,
            publishedAt: copyRow.published_at,
            publicUrl: site ? articleUrlOnNetwork(deps.config.publicUrl, site.key, copyRow.slug) : null,
            visible: isPubliclyVisible({ state: copyRow.state, publishedAt: copyRow.published_at }, now),
          }
        : null,
      job: jobList[0] ?? null,
      jobs: jobList,
    };
  });
  const source = deps.sites.getById(article.siteId);
  const settings = await getNetworkSettings(deps.db);
  const sent = new Set(syndications.map((s) => s.targetSiteId));
  const origins = await originSitesOf(deps.db, article.id);
  const allowedTargets = source
    ? deps.sites
        .list()
        .filter((s) => maySyndicate(settings, source, s) && !origins.has(s.id))
        .map((s) => ({ id: s.id, key: s.key, name: s.name, kind: s.kind, sent: sent.has(s.id) }))
    : [];
  return { articleId: article.id, items, countsByStatus, allowedTargets };
}

/** The original a public copy credits and points to. */
export interface CopyOrigin {
  articleId: number;
  siteId: number;
  /** Absolute URL of the original's page (the copy's canonical URL). */
  url: string;
  /** The original site's name. */
  siteName: string;
  /** The original site's organisation (for "Nguồn: …"), else the site's name. */
  sourceName: string;
}

/**
 * The original of an article that is a downward syndicated copy (following or detached), for
 * its public page: canonical URL and credit. Upward proposals are not copies in this sense
 * (the receiving board published them as its own), so they answer null.
 * @returns null for an article that is not such a copy (or whose original or site is gone)
 */
export async function findCopyOrigin(deps: Pick<SyndicationDeps, 'db' | 'sites' | 'config'>, articleId: number): Promise<CopyOrigin | null> {
  const row = await deps.db
    .selectFrom('syndications')
    .innerJoin('articles', 'articles.id', 'syndications.source_article_id')
    .select(['articles.id', 'articles.site_id', 'articles.slug'])
    .where('syndications.copy_article_id', '=', articleId)
    .where('syndications.direction', '=', 'down')
    .executeTakeFirst();
  if (!row) return null;
  const site = deps.sites.getById(row.site_id);
  if (!site) return null;
  return {
    articleId: row.id,
    siteId: site.id,
    url: articleUrlOnNetwork(deps.config.publicUrl, site.key, row.slug),
    siteName: site.name,
    sourceName: site.organisationName ?? site.name,
  };
}
