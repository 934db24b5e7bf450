/**
 * A rebuttal's claim review, as its page shows it (the box before the body: the claim, the
 * verdict, where the claim appeared, where the official facts are) and as machines read it
 * (schema.org `ClaimReview` JSON-LD beside the page's `NewsArticle`). Also the cards and paths of
 * the "Thông tin phản bác" lists. Typed with schema-dts, so the compiler checks the JSON-LD
 * against the schema.org vocabulary.
 */
import type { ClaimReview, CreativeWork, WithContext } from 'schema-dts';
import { ratingOf, RATINGS } from '../../core/rapid-response/case.ts';
import type { PublicClaimReview, PublicRebuttalItem } from '../../core/rapid-response/rebuttal.repository.ts';
import { formatDate, toOffsetIso } from '../../core/text/index.ts';
import { toArticleCard, type ArticleCardView, type CardLinks } from './article-card.ts';

/** Path word of the rebuttal lists (`/thong-tin-phan-bac`, `/<site>/thong-tin-phan-bac`). */
export const REBUTTALS_PATH_WORD = 'thong-tin-phan-bac';

/** The section's name, as pages and feeds show it. */
export const REBUTTALS_TITLE = 'Thông tin phản bác';

/**
 * The path of a rebuttal list under a home path.
 * @param homePath `/` (network root, or a site on its own host) or `/langson/`
 * @param page > 1 adds `?trang=N`
 * @returns e.g. `/langson/thong-tin-phan-bac`
 */
export function rebuttalsPath(homePath: string, page?: number): string {
  const path = `${homePath.replace(/\/+$/, '')}/${REBUTTALS_PATH_WORD}`;
  return page !== undefined && page > 1 ? `${path}?trang=${page}` : path;
}

/** A verdict on the documented scale (core/rapid-response/case.ts RATINGS). */
export interface VerdictView {
  key: string;
  /** "Tin giả". */
  label: string;
  description: string;
  /** 1 (worst) … 5 (best). */
  value: number;
}

/** A date as shown ("27/9/2022") with its `datetime` ("2022-09-27"). */
export interface DateView {
  text: string;
  datetime: string;
}

/** The box a rebuttal page shows before its body. */
export interface ClaimReviewBoxView {
  claimText: string;
  /** Null while the case is not rated. */
  verdict: VerdictView | null;
  /** Where the claim appeared, first reported first. Links only, never who reported them. */
  appearances: { url: string; reported: DateView }[];
  /** When the claim was first reported. */
  firstSeen: DateView;
  /** Who the official facts below come from ("Nguồn: …"), when the article credits a source. */
  source: { name: string; url: string | null } | null;
}

/** What the JSON-LD needs besides the case. */
export interface ClaimReviewContext {
  /** Absolute canonical URL of the rebuttal (the original's for a syndicated copy). */
  url: string;
  /** The organisation that publishes the rebuttal: its name and its site's absolute home URL. */
  author: { name: string; url: string };
}

function dateView(instant: string): DateView {
  return { text: formatDate(instant), datetime: toOffsetIso(instant).slice(0, 10) };
}

function verdictOf(key: string | null): VerdictView | null {
  const rating = ratingOf(key);
  return rating ? { key: rating.key, label: rating.label, description: rating.description, value: rating.value } : null;
}

/**
 * The box of a rebuttal page.
 * @param review the case's public part (core/rapid-response/rebuttal.repository.ts)
 * @param source the article's credited source, as its page shows it (null when none)
 */
export function toClaimReviewBox(review: PublicClaimReview, source: ClaimReviewBoxView['source']): ClaimReviewBoxView {
  return {
    claimText: review.claimText,
    verdict: verdictOf(review.rating),
    appearances: review.appearances.map((a) => ({ url: a.url, reported: dateView(a.firstReportedAt) })),
    firstSeen: dateView(review.firstSeenAt),
    source,
  };
}

/**
 * The schema.org `ClaimReview` of a rebuttal, or null while its case is not rated (a claim
 * review without a rating says nothing).
 * @param review the case's public part
 * @param context the rebuttal's canonical URL and its publishing organisation
 * @returns `claimReviewed`; `itemReviewed` a `Claim` with `appearance` (one `CreativeWork` per
 *   link), `firstAppearance` (the link reported first) and `datePublished` (when the claim was
 *   first seen: the earliest date known); `author` an `Organization`; `datePublished` (the
 *   rebuttal's publication, Vietnam time); `url`; `reviewRating` a `Rating` on the 1–5 scale with
 *   the Vietnamese label as `alternateName`
 * Sources: schema.org ClaimReview, Claim and Rating; Google Search Central "Fact check
 * (ClaimReview) structured data"; the rating scale of core/rapid-response/case.ts.
 */
export function toClaimReviewJsonLd(review: PublicClaimReview, context: ClaimReviewContext): WithContext<ClaimReview> | null {
  const rating = ratingOf(review.rating);
  if (!rating) return null;
  const appearances: CreativeWork[] = review.appearances.map((a) => ({ '@type': 'CreativeWork', url: a.url }));
  const worst = Math.min(...RATINGS.map((r) => r.value));
  const best = Math.max(...RATINGS.map((r) => r.value));
  return {
    '@context': 'https://schema.org',
    '@type': 'ClaimReview',
    url: context.url,
    claimReviewed: review.claimText,
    itemReviewed: {
      '@type': 'Claim',
      datePublished: toOffsetIso(review.firstSeenAt),
      ...(appearances.length ? { appearance: appearances, firstAppearance: appearances[0] } : {}),
    },
    author: { '@type': 'Organization', name: context.author.name, url: context.author.url },
    datePublished: toOffsetIso(review.rebuttal.publishedAt),
    inLanguage: 'vi',
    reviewRating: {
      '@type': 'Rating',
      ratingValue: rating.value,
      bestRating: best,
      worstRating: worst,
      alternateName: rating.label,
    },
  };
}

/** A rebuttal in the "Thông tin phản bác" lists: its card, the claim and the verdict. */
export interface RebuttalCardView {
  card: ArticleCardView;
  claimText: string | null;
  verdict: VerdictView | null;
}

/**
 * Builds a rebuttal's list entry.
 * @param item a visible rebuttal with its case's claim and verdict
 * @param links link builders of the rebuttal's site
 * @param siteName the site's name on the network list, null on a site's own list
 */
export function toRebuttalCard(item: PublicRebuttalItem, links: CardLinks, siteName: string | null): RebuttalCardView {
  return { card: toArticleCard(item.summary, links, siteName), claimText: item.claimText, verdict: verdictOf(item.rating) };
}
