/**
 * The public side of the rapid-response desk: what a rebuttal's page and the "Thông tin phản
 * bác" lists may show of the case a rebuttal answers (issue "Rapid-response desk", item 4). All
 * SQL for it. Every query goes through the one visibility rule (articles/visibility.ts): a
 * rebuttal is shown, listed or described only once the public may see it, and a syndicated copy
 * only while its original is visible too.
 *
 * Privacy (issue item 6): only the claim, the rating and the links where the claim appeared
 * leave this module — never a reporter's name, e-mail, phone, address hash, description or
 * tracking code. Links are given in their normalised form (tracking parameters removed, so a
 * reporter's click identifiers never reach a public page).
 */
import type { Kysely } from 'kysely';
import type { ArticleSummary } from '../articles/public-article.repository.ts';
import { summariesInOrder } from '../articles/public-article.repository.ts';
import { publiclyVisible } from '../articles/visibility.ts';
import type { Database } from '../db/database.ts';
import { ratingOf, type RatingKey } from './case.ts';

/** One place where the claim appeared, as reported (public part only). */
export interface ClaimAppearance {
  /** http(s) URL, normalised when the desk normalised it. */
  url: string;
  /** ISO UTC instant of the first report naming this link. */
  firstReportedAt: string;
}

/** What the public may know of the case a rebuttal answers. */
export interface PublicClaimReview {
  caseId: number;
  /** Public case number, e.g. VV-2026-000123. */
  caseCode: string;
  /** The claim reviewed, as the desk worded it. */
  claimText: string;
  /** The verdict on the documented scale (case.ts RATINGS), or null while not rated. */
  rating: RatingKey | null;
  /** ISO UTC instant the claim was first reported (rr_cases.first_seen_at). */
  firstSeenAt: string;
  /** Distinct links where the claim appeared, first reported first. */
  appearances: ClaimAppearance[];
  /** The rebuttal itself (the original when the page is a syndicated copy). */
  rebuttal: { articleId: number; siteId: number; slug: string; publishedAt: string };
  /** True when the article asked about is a syndicated copy of the rebuttal. */
  viaCopy: boolean;
}

/** A rebuttal as the lists show it: the article summary plus its case's claim and verdict. */
export interface PublicRebuttalItem {
  summary: ArticleSummary;
  /** The case's claim, or null when the rebuttal is not linked to a case. */
  claimText: string | null;
  rating: RatingKey | null;
}

/** One page of rebuttals, with the total for pagination. */
export interface PublicRebuttalPage {
  items: PublicRebuttalItem[];
  total: number;
  page: number;
  perPage: number;
  pageCount: number;
}

function httpUrl(url: string | null): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && !parsed.username && !parsed.password ? parsed.toString() : null;
  } catch {
    return null;
  }
}

/**
 * The case of each rebuttal article: one per article (several cases naming the same article —
 * a merge left behind — give the first not merged, else the oldest).
 */
async function casesOfRebuttals(db: Kysely<Database>, articleIds: number[]) {
  if (!articleIds.length) return new Map<number, { id: number; code: string; claim_text: string; rating: string | null; first_seen_at: string }>();
  const rows = await db
    .selectFrom('rr_cases')
    .select(['id', 'code', 'claim_text', 'rating', 'first_seen_at', 'state', 'rebuttal_article_id'])
    .where('rebuttal_article_id', 'in', articleIds)
    .orderBy('id')
    .execute();
  const byArticle = new Map<number, (typeof rows)[number]>();
  for (const row of rows) {
    const known = byArticle.get(row.rebuttal_article_id!);
    if (!known || (known.state === 'merged' && row.state !== 'merged')) byArticle.set(row.rebuttal_article_id!, row);
  }
  return byArticle;
}

/**
 * The claim review of an article the public may see: when the article is a rebuttal (type
 * `rebuttal`) linked to a case (rr_cases.rebuttal_article_id), or a syndicated copy that follows
 * such a rebuttal (`follows_origin` = 1, `origin_article_id` = the rebuttal), the case's claim,
 * verdict and the links where the claim appeared.
 * @param articleId the article shown (visible at `now`, checked again here)
 * @param now the core clock's instant (visibility rule)
 * @returns the public claim review, or null when the article is no visible rebuttal, has no
 *   case, or is a copy whose original the public may not see
 */
export async function findPublicClaimReview(db: Kysely<Database>, articleId: number, now: Date): Promise<PublicClaimReview | null> {
  const article = await db
    .selectFrom('articles')
    .select(['id', 'type', 'site_id', 'slug', 'published_at', 'origin_article_id', 'follows_origin'])
    .where('id', '=', articleId)
    .where(publiclyVisible(now))
    .executeTakeFirst();
  if (!article) return null;
  const viaCopy = Number(article.follows_origin) === 1 && article.origin_article_id !== null;
  let rebuttal: { id: number; type: string; site_id: number; slug: string; published_at: string | null } | undefined = article;
  if (viaCopy) {
    rebuttal = await db
      .selectFrom('articles')
      .select(['id', 'type', 'site_id', 'slug', 'published_at'])
      .where('id', '=', article.origin_article_id!)
      .where(publiclyVisible(now))
      .executeTakeFirst();
  }
  if (!rebuttal || rebuttal.type !== 'rebuttal') return null;
  const found = (await casesOfRebuttals(db, [rebuttal.id])).get(rebuttal.id);
  if (!found) return null;
  // Only the link and its time are read: contact details never leave the table here.
  const reports = await db
    .selectFrom('rr_reports')
    .select(['url', 'normalized_url', 'created_at'])
    .where('case_id', '=', found.id)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const appearances: ClaimAppearance[] = [];
  const seen = new Set<string>();
  for (const report of reports) {
    const url = httpUrl(report.normalized_url) ?? httpUrl(report.url);
    if (!url || seen.has(url)) continue;
    seen.add(url);
    appearances.push({ url, firstReportedAt: report.created_at });
  }
  return {
    caseId: found.id,
    caseCode: found.code,
    claimText: found.claim_text,
    rating: ratingOf(found.rating)?.key ?? null,
    firstSeenAt: found.first_seen_at,
    appearances,
    rebuttal: { articleId: rebuttal.id, siteId: rebuttal.site_id, slug: rebuttal.slug, publishedAt: rebuttal.published_at! },
    viaCopy,
  };
}

/**
 * The visible rebuttals of active sites: network-wide (no `siteId`) without the syndicated
 * copies that follow their original, so each is listed once; or one site's, copies included.
 */
function rebuttalsQuery(db: Kysely<Database>, now: Date, siteId: number | undefined) {
  const q = db
    .selectFrom('articles')
    .innerJoin('sites', 'sites.id', 'articles.site_id')
    .where('sites.status', '=', 'active')
    .where('articles.type', '=', 'rebuttal')
    .where(publiclyVisible(now));
  return siteId === undefined ? q.where('articles.follows_origin', '=', 0) : q.where('articles.site_id', '=', siteId);
}

/**
 * One page of the rebuttals the public may see, newest first (publication time, then id).
 * Network-wide (`siteId` absent): every rebuttal of an active site once — syndicated copies
 * that follow their original are left out. For one site: the site's own rebuttals and the
 * copies it carries (their claim and verdict read through the original).
 * @param options.siteId one site, or absent for the whole network
 * @param options.page 1-based; a page past the last gives no items (callers answer 404)
 * @param options.perPage items per page (1–100)
 */
export async function listPublicRebuttals(
  db: Kysely<Database>,
  now: Date,
  options: { siteId?: number; page: number; perPage: number },
): Promise<PublicRebuttalPage> {
  const perPage = Math.min(Math.max(Math.trunc(options.perPage), 1), 100);
  const page = Number.isSafeInteger(options.page) && options.page >= 1 ? options.page : 1;
  const base = () => rebuttalsQuery(db, now, options.siteId);
  const [countRow, idRows] = await Promise.all([
    base()
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .executeTakeFirstOrThrow(),
    base()
      .select(['articles.id', 'articles.origin_article_id', 'articles.follows_origin'])
      .orderBy('articles.published_at', 'desc')
      .orderBy('articles.id', 'desc')
      .limit(perPage)
      .offset((page - 1) * perPage)
      .execute(),
  ]);
  const total = Number(countRow.n);
  const summaries = await summariesInOrder(db, now, idRows.map((r) => r.id));
  // A following copy answers through its original, which must be visible too.
  const rebuttalOf = new Map(idRows.map((r) => [r.id, Number(r.follows_origin) === 1 && r.origin_article_id !== null ? r.origin_article_id : r.id]));
  const originIds = [...new Set(idRows.filter((r) => rebuttalOf.get(r.id) !== r.id).map((r) => rebuttalOf.get(r.id)!))];
  const visibleOrigins = originIds.length
    ? new Set((await db.selectFrom('articles').select('id').where('id', 'in', originIds).where(publiclyVisible(now)).execute()).map((r) => r.id))
    : new Set<number>();
  const cases = await casesOfRebuttals(db, [...new Set(rebuttalOf.values())]);
  const items = summaries.map((summary): PublicRebuttalItem => {
    const key = rebuttalOf.get(summary.id)!;
    const found = key === summary.id || visibleOrigins.has(key) ? cases.get(key) : undefined;
    return { summary, claimText: found?.claim_text ?? null, rating: ratingOf(found?.rating)?.key ?? null };
  });
  return { items, total, page, perPage, pageCount: Math.max(1, Math.ceil(total / perPage)) };
}

/**
 * The ids of the latest rebuttals the public may see, for feeds: network-wide each once, or
 * one site's (its copies included), newest first.
 * @param limit at most this many (1–100)
 */
export async function listLatestRebuttalIds(db: Kysely<Database>, now: Date, options: { siteId?: number; limit: number }): Promise<number[]> {
  const rows = await rebuttalsQuery(db, now, options.siteId)
    .select('articles.id')
    .orderBy('articles.published_at', 'desc')
    .orderBy('articles.id', 'desc')
    .limit(Math.min(Math.max(Math.trunc(options.limit), 1), 100))
    .execute();
  return rows.map((r) => r.id);
}
