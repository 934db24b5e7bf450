/**
 * Upward supply (DESIGN.md §2.2, issue "The network" item 1): a focal point or an editor of
 * site A proposes an item — published or still a draft — to site B, usually the ministry
 * portal. The item lands in B's queue as a new article in state `submitted`: a copy of its
 * text, lead, cover, byline and type, credited to A's organisation, linked to its origin
 * (`articles.origin_article_id`), authored by the proposer (so the normal workflow e-mails
 * them when B returns, rejects or publishes it). B's board edits and decides with its own
 * workflow; nothing here decides for it. One `syndications` row (direction `up`) per
 * (original, target site) records who proposed what, when, with which note.
 *
 * The outcome the proposer sees is derived at read time from the copy's workflow state
 * ({@link outcomeOfState}), never from a stored status: every path that moves the copy — the
 * transition commands, the scheduler publishing at its time, a site merge, later commands —
 * is then reflected without hooks to keep in step. The row's `status` column is written
 * `proposed` when a proposal is made and is not read back for a live copy.
 */
import { z } from 'zod';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import type { ArticleState, ArticleType } from '../articles/article.ts';
import { isPubliclyVisible } from '../articles/visibility.ts';
import { findNewsroomArticle, insertArticleEvent, isSlugTaken, type NewsroomArticle } from '../articles/newsroom-article.repository.ts';
import { type NewsroomDeps, policyTargetOf, revisionMetadata } from '../articles/write-article.ts';
import { recordRevision } from '../revisions/revision.repository.ts';
import { refreshSearchDocument } from '../search/search-index.ts';
import { queueArticleNotifications } from '../notifications/article-notifications.ts';
import { appendAudit } from '../audit/audit.ts';
import { type Actor, actorLabel, actorUserId } from '../policy/actor.ts';
import { articleListScope, authorize, can } from '../policy/policy.ts';
import { CongError, ForbiddenError, NotFoundError, ValidationError, parseCommandInput } from '../errors.ts';
import { slugify, uniqueSlug } from '../text/index.ts';
import type { Site } from '../sites/site.ts';
import { acceptsProposals } from '../sites/site-settings.ts';
import { getNetworkSettings, mayPropose } from './network-settings.ts';

/** Input of {@link proposeArticle}: the receiving site and an optional note to its board. */
export const proposeArticleInput = z.strictObject({
  targetSiteId: z.number({ error: 'cần chọn trang nhận (mã số trang)' }).int('phải là mã số trang').positive('phải là mã số trang'),
  note: z
    .string({ error: 'phải là chuỗi ký tự' })
    .trim()
    .max(2000, 'dài quá 2000 ký tự')
    .optional()
    .transform((v) => (v ? v : undefined)),
});
export type ProposeArticleInput = z.input<typeof proposeArticleInput>;

/** What the proposer sees of a proposal, derived from the copy's state. */
export const PROPOSAL_OUTCOMES = ['proposed', 'accepted', 'returned', 'rejected', 'withdrawn'] as const;
export type ProposalOutcome = (typeof PROPOSAL_OUTCOMES)[number];

/** Vietnamese labels of the outcomes. */
export const PROPOSAL_OUTCOME_LABELS: Record<ProposalOutcome, string> = {
  proposed: 'Đang chờ xử lý',
  accepted: 'Được sử dụng',
  returned: 'Bị trả lại',
  rejected: 'Không sử dụng',
  withdrawn: 'Đã gỡ',
};

/**
 * The outcome of a proposal from its copy's workflow state: waiting in the queue (submitted,
 * being edited, pending approval) is `proposed`; scheduled or published is `accepted`;
 * returned, rejected and withdrawn speak for themselves.
 */
export function outcomeOfState(state: ArticleState): ProposalOutcome {
  if (state === 'scheduled' || state === 'published') return 'accepted';
  if (state === 'returned' || state === 'rejected' || state === 'withdrawn') return state;
  return 'proposed';
}

/** The same rule in SQL over `ca` (the copy) and `s` (the syndication row), for filters and counts. */
const OUTCOME_SQL = sql<string>`(case when ca.state in ('scheduled', 'published') then 'accepted' when ca.state in ('returned', 'rejected', 'withdrawn') then ca.state when ca.state is null then s.status else 'proposed' end)`;

/**
 * The item was already proposed to that site and the receiving board has not decided yet (or
 * has accepted it). HTTP 409, `CONG_ERR_ALREADY_PROPOSED`, field `targetSiteId`; nothing changed.
 */
export class AlreadyProposedError extends CongError {
  readonly status = 409;
  readonly code = 'CONG_ERR_ALREADY_PROPOSED';
  readonly field = 'targetSiteId';
  constructor(
    message: string,
    readonly current: { proposalId: number; status: ProposalOutcome },
  ) {
    super(message);
  }
}

/** A site as a proposal shows it. */
export interface ProposalSiteRef {
  id: number;
  key: string;
  name: string;
}

/** One proposal as lists show it (an allowlist of fields). Instants are ISO UTC. */
export interface ProposalView {
  id: number;
  /** The proposed item on the source site (its current title). */
  original: { id: number; title: string; state: ArticleState; site: ProposalSiteRef };
  targetSite: ProposalSiteRef;
  /** The article in the target site's queue (null if it was removed). */
  copyArticleId: number | null;
  createdAt: string;
  createdBy: { id: number; name: string } | null;
  note: string | null;
  status: ProposalOutcome;
  statusLabel: string;
  /** For returned / rejected / withdrawn: the reason the receiving board gave. */
  reason: string | null;
  /** When the board decided (returned, rejected, accepted, withdrawn), else null. */
  decidedAt: string | null;
  decidedBy: string | null;
  /** For accepted: the publication time (a future time while scheduled). */
  publishedAt: string | null;
  /** For accepted and public now: the copy's public URL on the target site. */
  publicUrl: string | null;
}

/** One page of proposals, with counts per outcome under the same constraint. */
export interface ProposalPage {
  items: ProposalView[];
  total: number;
  page: number;
  pageSize: number;
  countsByStatus: Record<ProposalOutcome, number>;
}

type Db = Kysely<Database>;

/** Longest slug given to a copy (characters). */
const MAX_SLUG_LENGTH = 200;

function siteRef(site: Pick<Site, 'id' | 'key' | 'name'> | undefined, id: number): ProposalSiteRef {
  return site ? { id: site.id, key: site.key, name: site.name } : { id, key: '', name: '' };
}

function publicUrlOf(deps: Pick<NewsroomDeps, 'config' | 'sites'>, siteId: number, slug: string): string | null {
  const site = deps.sites.getById(siteId);
  return site ? `${deps.config.publicUrl}/${site.key}/bai-viet/${slug}` : null;
}

/**
 * The cover of the copy on the target site: media belong to one site, so the original's
 * image is registered in the target's library too (the same stored files, which are served
 * network-wide under `/media/`), or the target's existing item with the same bytes is reused.
 * @returns the target site's media id, or null when the original has no cover.
 */
async function coverOnTarget(trx: Db, mediaId: number | null, sourceSiteId: number, targetSiteId: number, now: Date): Promise<number | null> {
  if (mediaId === null) return null;
  const media = await trx.selectFrom('media').selectAll().where('site_id', '=', sourceSiteId).where('id', '=', mediaId).executeTakeFirst();
  if (!media) return null;
  const existing = await trx.selectFrom('media').select('id').where('site_id', '=', targetSiteId).where('sha256', '=', media.sha256).executeTakeFirst();
  if (existing) return existing.id;
  const { id: _id, site_id: _site, created_at: _created, ...rest } = media;
  const inserted = await trx
    .insertInto('media')
    .values({ ...rest, site_id: targetSiteId, created_at: now.toISOString() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return inserted.id;
}

/** Refuses a target the item may not go to, naming the field (400); checks in the order a user would fix them. */
function checkTarget(source: Site, target: Site | undefined, targetSiteId: number, allowed: (target: Site) => boolean): Site {
  const refuse = (message: string): never => {
    throw new ValidationError([{ path: 'targetSiteId', message }]);
  };
  if (!target) return refuse(`không có trang ${targetSiteId}`);
  if (target.id === source.id) return refuse('không thể đề xuất bài cho chính trang của bài');
  if (target.status !== 'active') return refuse(`trang "${target.name}" không còn hoạt động (${target.status === 'merged' ? 'đã sáp nhập' : 'đã lưu trữ'})`);
  if (!acceptsProposals(target)) return refuse(`trang "${target.name}" không nhận bài đề xuất`);
  if (source.status !== 'active') return refuse(`trang "${source.name}" của bài không còn hoạt động`);
  if (!allowed(target)) return refuse(`cài đặt mạng lưới không cho trang "${source.name}" đề xuất bài cho trang "${target.name}"`);
  return target;
}

/**
 * Proposes an article (or a draft) to another site's board (policy `article.propose` on the
 * source: a focal point, editor or chief editor who may read it; not a copy that follows its
 * original). In one transaction: the copy in the target's queue (state `submitted`, revision
 * 1, search document), its workflow event `submit` carrying the note, the `syndications` row
 * (direction `up`), an audit entry on each site's record (`article.propose` on the source,
 * `article.proposal.receive` on the target), and the e-mails to the target's editors.
 *
 * Proposing again after the board returned the item refreshes the returned copy with the
 * original's current text and submits it again (one item with its history in B's queue);
 * after a rejection or a withdrawal a new copy is made.
 * @param input raw input, validated by {@link proposeArticleInput}.
 * @returns the proposal as {@link listProposals} shows it.
 * @throws NotFoundError / ForbiddenError from the policy (unknown article → 404).
 * @throws ValidationError (`targetSiteId`) for an unknown, inactive or refusing target, the
 *   source itself, or a route the network settings do not allow (network-settings.ts).
 * @throws AlreadyProposedError (409) while an earlier proposal to that site is undecided or accepted.
 */
export async function proposeArticle(deps: NewsroomDeps, actor: Actor, articleId: number, rawInput: ProposeArticleInput, address?: string | null): Promise<ProposalView> {
  const input = parseCommandInput(proposeArticleInput, rawInput);
  const now = deps.clock();
  const at = now.toISOString();
  const proposalId = await deps.db.transaction().execute(async (trx) => {
    const original = await findNewsroomArticle(trx, articleId, { forUpdate: true });
    if (!original) throw new NotFoundError(`bài viết ${articleId}`);
    const link = await trx.selectFrom('articles').select(['follows_origin']).where('id', '=', articleId).executeTakeFirstOrThrow();
    const base = policyTargetOf(deps, original);
    authorize(actor, 'article.propose', { ...base, article: { ...base.article, followsOrigin: link.follows_origin === 1 } }, `bài viết ${articleId}`);
    const source = deps.sites.getById(original.siteId);
    if (!source) throw new NotFoundError(`bài viết ${articleId}`);
    const settings = await getNetworkSettings(trx);
    const target = checkTarget(source, deps.sites.getById(input.targetSiteId), input.targetSiteId, (t) => mayPropose(settings, source, t));

    const earlier = await trx
      .selectFrom('syndications as s')
      .leftJoin('articles as ca', 'ca.id', 's.copy_article_id')
      .select(['s.id', 's.copy_article_id', 'ca.state as copy_state'])
      .where('s.source_article_id', '=', original.id)
      .where('s.target_site_id', '=', target.id)
      .where('s.direction', '=', 'up')
      .executeTakeFirst();
    const earlierOutcome = earlier?.copy_state ? outcomeOfState(earlier.copy_state as ArticleState) : null;
    if (earlier && (earlierOutcome === 'proposed' || earlierOutcome === 'accepted')) {
      throw new AlreadyProposedError(
        earlierOutcome === 'proposed'
          ? `Bài này đã được đề xuất cho trang "${target.name}" và đang chờ ban biên tập xử lý.`
          : `Bài này đã được trang "${target.name}" sử dụng.`,
        { proposalId: earlier.id, status: earlierOutcome },
      );
    }

    const content = {
      type: original.type as ArticleType,
      title: original.title,
      lead: original.lead,
      body: original.body,
      byline: original.byline,
      source_organisation_id: source.organisationId,
      source_name: null,
      source_url: isPubliclyVisible(original, now) ? publicUrlOf(deps, source.id, original.slug) : null,
      cover_media_id: await coverOnTarget(trx, original.coverMediaId, source.id, target.id, now),
      cover_alt: original.coverAlt,
      cover_caption: original.coverCaption,
    };
    const revisionNote = `Đề xuất từ ${source.organisationShortName ?? source.name}`;
    let copy: NewsroomArticle;
    let fromState: ArticleState;
    if (earlier?.copy_article_id && earlier.copy_state === 'returned') {
      // The board returned it: the same item comes back to its queue with the new text.
      const returned = (await findNewsroomArticle(trx, earlier.copy_article_id, { forUpdate: true }))!;
      await trx
        .updateTable('articles')
        .set({ ...content, state: 'submitted', state_changed_at: at, author_user_id: actorUserId(actor), assignee_user_id: null, revision: returned.revision + 1, updated_at: at })
        .where('id', '=', returned.id)
        .execute();
      copy = (await findNewsroomArticle(trx, returned.id))!;
      fromState = 'returned';
    } else {
      // The original's slug where it is free on the target (so the URL reads the same), else with a suffix.
      const slugBase = slugify(original.slug || original.title, MAX_SLUG_LENGTH) || 'bai-viet';
      const slug = await uniqueSlug(slugBase, (candidate) => isSlugTaken(trx, target.id, candidate), MAX_SLUG_LENGTH);
      const inserted = await trx
        .insertInto('articles')
        .values({
          ...content,
          site_id: target.id,
          state: 'submitted',
          slug,
          revision: 1,
          author_user_id: actorUserId(actor),
          origin_article_id: original.id,
          follows_origin: 0,
          state_changed_at: at,
          created_at: at,
          updated_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      copy = (await findNewsroomArticle(trx, inserted.id))!;
      fromState = 'draft';
    }
    await recordRevision(trx, { articleId: copy.id, revision: copy.revision, title: copy.title, lead: copy.lead, body: copy.body, metadata: revisionMetadata(copy), actor, note: revisionNote, at: now });
    await refreshSearchDocument(trx, copy.id);
    const proposal = { originArticleId: original.id, sourceSiteId: source.id, sourceSiteKey: source.key };
    const eventId = await insertArticleEvent(trx, {
      articleId: copy.id,
      siteId: target.id,
      action: 'submit',
      fromState,
      toState: 'submitted',
      actorUserId: actorUserId(actor),
      actorLabel: actorLabel(actor),
      reason: input.note ?? null,
      details: { proposal },
      at,
    });

    let syndicationId: number;
    const row = { copy_article_id: copy.id, status: 'proposed', following: 0, requested_by_user_id: actorUserId(actor), note: input.note ?? null, created_at: at, updated_at: at };
    if (earlier) {
      await trx.updateTable('syndications').set(row).where('id', '=', earlier.id).execute();
      syndicationId = earlier.id;
    } else {
      const inserted = await trx
        .insertInto('syndications')
        .values({ ...row, direction: 'up', source_article_id: original.id, source_site_id: source.id, target_site_id: target.id })
        .returning('id')
        .executeTakeFirstOrThrow();
      syndicationId = inserted.id;
    }

    const note = input.note ? { note: input.note } : {};
    await appendAudit(trx, {
      actor,
      action: 'article.propose',
      siteId: source.id,
      subjectType: 'article',
      subjectId: original.id,
      details: { proposalId: syndicationId, targetSiteId: target.id, targetSiteKey: target.key, copyArticleId: copy.id, originalState: original.state, ...note },
      address: address ?? null,
      at: now,
    });
    await appendAudit(trx, {
      actor,
      action: 'article.proposal.receive',
      siteId: target.id,
      subjectType: 'article',
      subjectId: copy.id,
      details: { proposalId: syndicationId, ...proposal, from: fromState, to: 'submitted', revision: copy.revision, ...note },
      address: address ?? null,
      at: now,
    });
    await queueArticleNotifications(trx, {
      article: { id: copy.id, siteId: target.id, title: copy.title, authorUserId: copy.authorUserId },
      transition: 'submitted',
      actor,
      reason: input.note ?? null,
      now,
      eventId,
      adminUrl: `${deps.config.publicUrl}/admin`,
      siteName: target.organisationShortName ?? target.name,
    });
    return syndicationId;
  });
  const [view] = await loadProposalViews(deps, [proposalId], now);
  return view!;
}

/** Options of {@link listProposals}. */
export interface ListProposalsOptions {
  /** `outgoing`: what the site proposed to others; `incoming`: what others proposed to it. */
  direction: 'outgoing' | 'incoming';
  status?: ProposalOutcome | undefined;
  /** 1-based. */
  page?: number | undefined;
  /** Rows per page, 1–100 (default 20). */
  pageSize?: number | undefined;
}

/**
 * Lists a site's proposals, newest first, with the outcome of each derived from its copy.
 * Outgoing lists are for the source site's members under the newsroom's list scope
 * (policy.ts `articleListScope`: nobody sees the proposal of someone else's draft unless they
 * made it); incoming lists are for the target site's editors (scope `all`). Network admins
 * (`network.view_overview`) see both for every site.
 * @throws NotFoundError for an unknown site or an actor with no role there; ForbiddenError
 *   for a member who is not an editor asking for the incoming list.
 */
export async function listProposals(deps: NewsroomDeps, actor: Actor, siteId: number, options: ListProposalsOptions): Promise<ProposalPage> {
  const site = deps.sites.getById(siteId);
  if (!site) throw new NotFoundError(`trang ${siteId}`);
  const page = Math.max(1, Math.floor(options.page ?? 1));
  const pageSize = Math.min(100, Math.max(1, Math.floor(options.pageSize ?? 20)));
  const networkWide = can(actor, 'network.view_overview', { siteId: null });
  const scope = networkWide ? ({ kind: 'everything' } as const) : articleListScope(actor, siteId);
  if (scope.kind === 'none') throw new NotFoundError(`trang ${siteId}`);
  if (options.direction === 'incoming' && scope.kind === 'own_or_published') throw new ForbiddenError('Chỉ biên tập viên của trang được xem các bài trang khác đề xuất');

  let base = deps.db
    .selectFrom('syndications as s')
    .innerJoin('articles as orig', 'orig.id', 's.source_article_id')
    .leftJoin('articles as ca', 'ca.id', 's.copy_article_id')
    .where('s.direction', '=', 'up')
    .where(options.direction === 'outgoing' ? 's.source_site_id' : 's.target_site_id', '=', siteId);
  if (options.direction === 'outgoing' && (scope.kind === 'all' || scope.kind === 'own_or_published')) {
    const userId = scope.userId ?? -1;
    base = base.where((eb) =>
      eb.or([
        scope.kind === 'all' ? eb('orig.state', '!=', 'draft') : eb('orig.state', '=', 'published'),
        eb('orig.author_user_id', '=', userId),
        eb('s.requested_by_user_id', '=', userId),
      ]),
    );
  }
  const counts = await base.select([OUTCOME_SQL.as('outcome'), (eb) => eb.fn.countAll<string | number>().as('n')]).groupBy(OUTCOME_SQL).execute();
  const countsByStatus = Object.fromEntries(PROPOSAL_OUTCOMES.map((o) => [o, 0])) as Record<ProposalOutcome, number>;
  for (const c of counts) if ((PROPOSAL_OUTCOMES as readonly string[]).includes(c.outcome)) countsByStatus[c.outcome as ProposalOutcome] += Number(c.n);
  const filtered = options.status ? base.where(OUTCOME_SQL, '=', options.status) : base;
  const total = options.status ? countsByStatus[options.status] : Object.values(countsByStatus).reduce((a, b) => a + b, 0);
  const ids = await filtered.select('s.id').orderBy('s.created_at', 'desc').orderBy('s.id', 'desc').limit(pageSize).offset((page - 1) * pageSize).execute();
  const items = await loadProposalViews(deps, ids.map((r) => r.id), deps.clock());
  return { items, total, page, pageSize, countsByStatus };
}

/**
 * Loads the views of these syndication rows, in the order given, with the last deciding event
 * of each copy (reason, who, when) in one more query.
 */
async function loadProposalViews(deps: NewsroomDeps, ids: number[], now: Date): Promise<ProposalView[]> {
  if (ids.length === 0) return [];
  const found: ProposalRow[] = await deps.db
    .selectFrom('syndications as s')
    .innerJoin('articles as orig', 'orig.id', 's.source_article_id')
    .leftJoin('articles as ca', 'ca.id', 's.copy_article_id')
    .leftJoin('users as requester', 'requester.id', 's.requested_by_user_id')
    .select([
      's.id',
      's.source_site_id',
      's.target_site_id',
      's.copy_article_id',
      's.status',
      's.note',
      's.created_at',
      's.requested_by_user_id',
      'requester.display_name as requester_name',
      'orig.id as orig_id',
      'orig.title as orig_title',
      'orig.state as orig_state',
      'ca.state as copy_state',
      'ca.slug as copy_slug',
      'ca.published_at as copy_published_at',
      'ca.state_changed_at as copy_state_changed_at',
      'ca.withdrawal_reason as copy_withdrawal_reason',
      'ca.withdrawn_at as copy_withdrawn_at',
    ])
    .where('s.id', 'in', ids)
    .execute();
  const byId = new Map(found.map((r) => [r.id, r]));
  const rows = ids.map((id) => byId.get(id)).filter((r): r is ProposalRow => r !== undefined);
  const decidedCopies = rows.filter((r) => r.copy_article_id !== null && r.copy_state !== null && outcomeOfState(r.copy_state as ArticleState) !== 'proposed').map((r) => r.copy_article_id!);
  const events = decidedCopies.length
    ? await deps.db
        .selectFrom('article_events')
        .select(['article_id', 'reason', 'actor_label', 'at'])
        .where('article_id', 'in', decidedCopies)
        .where('action', 'in', DECIDING_ACTIONS)
        .orderBy('id', 'desc')
        .execute()
    : [];
  const lastEvent = new Map<number, (typeof events)[number]>();
  for (const e of events) if (!lastEvent.has(e.article_id)) lastEvent.set(e.article_id, e);
  return rows.map((r) => {
    const status: ProposalOutcome = r.copy_state ? outcomeOfState(r.copy_state as ArticleState) : (PROPOSAL_OUTCOMES as readonly string[]).includes(r.status) ? (r.status as ProposalOutcome) : 'proposed';
    const event = r.copy_article_id !== null ? lastEvent.get(r.copy_article_id) : undefined;
    const visible = r.copy_state !== null && isPubliclyVisible({ state: r.copy_state, publishedAt: r.copy_published_at }, now);
    return {
      id: r.id,
      original: { id: r.orig_id, title: r.orig_title, state: r.orig_state as ArticleState, site: siteRef(deps.sites.getById(r.source_site_id), r.source_site_id) },
      targetSite: siteRef(deps.sites.getById(r.target_site_id), r.target_site_id),
      copyArticleId: r.copy_article_id,
      createdAt: r.created_at,
      createdBy: r.requested_by_user_id !== null ? { id: r.requested_by_user_id, name: r.requester_name ?? '' } : null,
      note: r.note,
      status,
      statusLabel: PROPOSAL_OUTCOME_LABELS[status],
      reason: status === 'withdrawn' ? r.copy_withdrawal_reason : status === 'returned' || status === 'rejected' ? (event?.reason ?? null) : null,
      decidedAt: status === 'proposed' ? null : status === 'withdrawn' ? r.copy_withdrawn_at : (event?.at ?? r.copy_state_changed_at),
      decidedBy: status === 'proposed' ? null : (event?.actor_label ?? null),
      publishedAt: status === 'accepted' ? r.copy_published_at : null,
      publicUrl: status === 'accepted' && visible && r.copy_slug ? publicUrlOf(deps, r.target_site_id, r.copy_slug) : null,
    };
  });
}

/**
 * Workflow events that decide a copy's outcome. The scheduler's later `publish_scheduled` is
 * left out: the decision (and who made it) is the chief editor's `schedule`.
 */
const DECIDING_ACTIONS = ['return', 'reject', 'approve', 'schedule', 'withdraw', 'republish'];

interface ProposalRow {
  id: number;
  source_site_id: number;
  target_site_id: number;
  copy_article_id: number | null;
  status: string;
  note: string | null;
  created_at: string;
  requested_by_user_id: number | null;
  requester_name: string | null;
  orig_id: number;
  orig_title: string;
  orig_state: string;
  copy_state: string | null;
  copy_slug: string | null;
  copy_published_at: string | null;
  copy_state_changed_at: string | null;
  copy_withdrawal_reason: string | null;
  copy_withdrawn_at: string | null;
}


/**
 * The sites a site may propose items to, for a picker: active, accepting proposals
 * (site-settings.ts `acceptsProposals`) and allowed by the network settings, in network order.
 * For people who may propose from that site (a focal point, editor or chief editor there:
 * policy `article.propose` on one of their own drafts) and network admins.
 * @throws NotFoundError for an unknown site or no role there; ForbiddenError for a member
 *   who may not propose (a contributor, a site admin).
 */
export async function listProposalTargets(deps: NewsroomDeps, actor: Actor, siteId: number): Promise<(ProposalSiteRef & { kind: Site['kind'] })[]> {
  const source = deps.sites.getById(siteId);
  if (!source) throw new NotFoundError(`trang ${siteId}`);
  if (!can(actor, 'network.view_overview', { siteId: null })) {
    authorize(actor, 'article.propose', { siteId, article: { authorUserId: actorUserId(actor), state: 'published' } }, `trang ${siteId}`);
  }
  const settings = await getNetworkSettings(deps.db);
  return deps.sites
    .list()
    .filter((t) => t.id !== source.id && t.status === 'active' && acceptsProposals(t) && mayPropose(settings, source, t))
    .map((t) => ({ id: t.id, key: t.key, name: t.name, kind: t.kind }));
}
