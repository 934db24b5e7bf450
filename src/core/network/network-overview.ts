/**
 * The network view for network admins (issue "The network" item 7): every site grouped by
 * kind with its last publication and what it published, proposed up and syndicated down in
 * the last 30 days; the sites that have not published in N days; and the totals of items
 * flowing up (proposals) and down (syndicated copies).
 *
 * A fixed handful of grouped queries, whatever the number of sites (one per site would be 80
 * round trips on the demo network): sites, last publication per site, publications in the
 * window per site, syndications by sender, by receiver, and all-time totals by direction.
 * "Published" means what the public may see now (articles/visibility.ts: state `published`
 * and its time passed), so an embargoed item does not count before its time.
 */
import { z } from 'zod';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import type { Clock } from '../clock.ts';
import type { Actor } from '../policy/actor.ts';
import { authorize } from '../policy/policy.ts';
import { parseCommandInput } from '../errors.ts';
import { SITE_KINDS, SITE_KIND_LABELS, type SiteKind, type SiteStatus } from '../sites/site.ts';

/** Length of the activity window, in days. */
export const OVERVIEW_WINDOW_DAYS = 30;

const DAY_MS = 24 * 3600 * 1000;

/** Options: `staleDays` (1–3650, default 30) — a site that has not published for that many days is listed as stale. */
export const networkOverviewInput = z.strictObject({
  staleDays: z.coerce.number({ error: 'phải là số ngày' }).int('phải là số ngày nguyên').min(1, 'ít nhất 1 ngày').max(3650, 'nhiều nhất 3650 ngày').default(30),
});
export type NetworkOverviewInput = z.input<typeof networkOverviewInput>;

/** One site's line in the overview. Counts are over the last {@link OVERVIEW_WINDOW_DAYS} days. */
export interface OverviewSite {
  id: number;
  key: string;
  name: string;
  kind: SiteKind;
  status: SiteStatus;
  /** For a merged site: the site it was merged into. */
  mergedIntoSiteId: number | null;
  /** ISO UTC instant of the latest publication the public can see, or null if none. */
  lastPublishedAt: string | null;
  published: number;
  proposalsSent: number;
  proposalsReceived: number;
  syndicatedSent: number;
  syndicatedReceived: number;
}

/** The whole view. */
export interface NetworkOverview {
  /** The instant the figures are for (ISO UTC). */
  at: string;
  windowDays: number;
  /** Start of the window (ISO UTC). */
  windowStart: string;
  staleDays: number;
  /** Sites by kind, kinds in network order (site.ts SITE_KINDS), sites in network order. */
  groups: { kind: SiteKind; label: string; sites: OverviewSite[] }[];
  /** Active sites with no publication in `staleDays` days (never-published first, then oldest). */
  staleSites: { id: number; key: string; name: string; kind: SiteKind; lastPublishedAt: string | null; daysSinceLastPublication: number | null }[];
  totals: {
    sites: number;
    activeSites: number;
    /** Publications in the window, all sites. */
    published: number;
    /** Proposals (upward supply). */
    up: { window: number; allTime: number };
    /** Syndicated copies (downward). */
    down: { window: number; allTime: number };
  };
}

const count = (n: string | number | bigint | null | undefined): number => Number(n ?? 0);

/**
 * Builds the network overview (policy `network.view_overview`: network admins only).
 * @param rawInput `{ staleDays? }`, validated by {@link networkOverviewInput}.
 * @throws NotFoundError / ForbiddenError from the policy; ValidationError (`staleDays`).
 */
export async function getNetworkOverview(deps: { db: Kysely<Database>; clock: Clock }, actor: Actor, rawInput: NetworkOverviewInput = {}): Promise<NetworkOverview> {
  authorize(actor, 'network.view_overview', { siteId: null }, 'tổng quan mạng lưới');
  const { staleDays } = parseCommandInput(networkOverviewInput, rawInput);
  const now = deps.clock();
  const at = now.toISOString();
  const windowStart = new Date(now.getTime() - OVERVIEW_WINDOW_DAYS * DAY_MS).toISOString();
  const staleSince = new Date(now.getTime() - staleDays * DAY_MS).toISOString();
  const db = deps.db;

  const [sites, last, recent, sent, received, flows] = await Promise.all([
    db.selectFrom('sites').select(['id', 'key', 'name', 'kind', 'status', 'merged_into_site_id', 'position']).orderBy('position').orderBy('id').execute(),
    db
      .selectFrom('articles')
      .select(['site_id', (eb) => eb.fn.max('published_at').as('last')])
      .where('state', '=', 'published')
      .where('published_at', '<=', at)
      .groupBy('site_id')
      .execute(),
    db
      .selectFrom('articles')
      .select(['site_id', (eb) => eb.fn.countAll<string | number>().as('n')])
      .where('state', '=', 'published')
      .where('published_at', '>=', windowStart)
      .where('published_at', '<=', at)
      .groupBy('site_id')
      .execute(),
    db
      .selectFrom('syndications')
      .select(['source_site_id as site_id', 'direction', (eb) => eb.fn.countAll<string | number>().as('n')])
      .where('created_at', '>=', windowStart)
      .groupBy(['source_site_id', 'direction'])
      .execute(),
    db
      .selectFrom('syndications')
      .select(['target_site_id as site_id', 'direction', (eb) => eb.fn.countAll<string | number>().as('n')])
      .where('created_at', '>=', windowStart)
      .groupBy(['target_site_id', 'direction'])
      .execute(),
    db
      .selectFrom('syndications')
      .select(['direction', (eb) => eb.fn.countAll<string | number>().as('n')])
      .groupBy('direction')
      .execute(),
  ]);

  const lastBySite = new Map(last.map((r) => [r.site_id, r.last as string | null]));
  const recentBySite = new Map(recent.map((r) => [r.site_id, count(r.n)]));
  const key = (siteId: number, direction: string) => `${siteId}:${direction}`;
  const sentBy = new Map(sent.map((r) => [key(r.site_id, r.direction), count(r.n)]));
  const receivedBy = new Map(received.map((r) => [key(r.site_id, r.direction), count(r.n)]));

  const lines: OverviewSite[] = sites.map((s) => ({
    id: s.id,
    key: s.key,
    name: s.name,
    kind: s.kind as SiteKind,
    status: s.status as SiteStatus,
    mergedIntoSiteId: s.merged_into_site_id,
    lastPublishedAt: lastBySite.get(s.id) ?? null,
    published: recentBySite.get(s.id) ?? 0,
    proposalsSent: sentBy.get(key(s.id, 'up')) ?? 0,
    proposalsReceived: receivedBy.get(key(s.id, 'up')) ?? 0,
    syndicatedSent: sentBy.get(key(s.id, 'down')) ?? 0,
    syndicatedReceived: receivedBy.get(key(s.id, 'down')) ?? 0,
  }));

  const groups = SITE_KINDS.map((kind) => ({ kind, label: SITE_KIND_LABELS[kind], sites: lines.filter((l) => l.kind === kind) })).filter((g) => g.sites.length > 0);
  const staleSites = lines
    .filter((l) => l.status === 'active' && (l.lastPublishedAt === null || l.lastPublishedAt < staleSince))
    .sort((a, b) => (a.lastPublishedAt ?? '').localeCompare(b.lastPublishedAt ?? ''))
    .map((l) => ({
      id: l.id,
      key: l.key,
      name: l.name,
      kind: l.kind,
      lastPublishedAt: l.lastPublishedAt,
      daysSinceLastPublication: l.lastPublishedAt === null ? null : Math.floor((now.getTime() - Date.parse(l.lastPublishedAt)) / DAY_MS),
    }));
  const flowsBy = new Map(flows.map((r) => [r.direction, count(r.n)]));
  const sum = (pick: (l: OverviewSite) => number) => lines.reduce((total, l) => total + pick(l), 0);
  return {
    at,
    windowDays: OVERVIEW_WINDOW_DAYS,
    windowStart,
    staleDays,
    groups,
    staleSites,
    totals: {
      sites: lines.length,
      activeSites: lines.filter((l) => l.status === 'active').length,
      published: sum((l) => l.published),
      up: { window: sum((l) => l.proposalsSent), allTime: flowsBy.get('up') ?? 0 },
      down: { window: sum((l) => l.syndicatedSent), allTime: flowsBy.get('down') ?? 0 },
    },
  };
}
