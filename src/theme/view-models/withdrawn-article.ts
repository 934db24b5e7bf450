/**
 * The view of a withdrawn article's notice page (410 Gone): the article's title, when it was
 * withdrawn and why — never its content. Pages of withdrawn articles are `noindex`.
 */
import type { WithdrawnArticleNotice } from '../../core/articles/public-article.repository.ts';
import type { Site } from '../../core/sites/site.ts';
import { toOffsetIso } from '../../core/text/index.ts';
import { timeOnDate } from './article-page.ts';
import type { SiteLinks } from './links.ts';
import { documentTitle, pageMeta, type PageMeta } from './page-meta.ts';

/** What the withdrawal notice shows. */
export interface WithdrawnArticleView {
  /** The article's title (the page's h1). */
  title: string;
  /** "Bài viết đã được gỡ lúc 14:05 ngày 27/9/2022." or, when the time is not known, "Bài viết đã được gỡ." */
  statement: string;
  /** `datetime` of the withdrawal time, or null when it is not known. */
  datetime: string | null;
  /** The time part of the statement ("14:05 ngày 27/9/2022"), or null. */
  when: string | null;
  /** Why it was withdrawn, as the chief editor wrote it; null when no reason was recorded. */
  reason: string | null;
  homeUrl: string;
  siteName: string;
  meta: PageMeta;
}

/**
 * Builds the notice of a withdrawn article.
 * @param notice what the repository lets the public know (title, time, reason)
 * @param site the article's site
 * @param links link builders for this request
 * @throws {RangeError} when the stored withdrawal instant is invalid (a data error)
 * Source: RFC 9110 §15.5.11 (410 Gone: the resource is intentionally gone); DESIGN.md §2.1
 * (a withdrawn article keeps a public notice at its URL).
 */
export function toWithdrawnArticleView(notice: WithdrawnArticleNotice, site: Site, links: SiteLinks): WithdrawnArticleView {
  const when = notice.withdrawnAt ? timeOnDate(notice.withdrawnAt) : null;
  const reason = notice.reason?.trim() || null;
  const statement = when ? `Bài viết đã được gỡ lúc ${when}.` : 'Bài viết đã được gỡ.';
  return {
    title: notice.title,
    statement,
    datetime: notice.withdrawnAt ? toOffsetIso(notice.withdrawnAt) : null,
    when,
    reason,
    homeUrl: links.home,
    siteName: site.name,
    meta: pageMeta(documentTitle(`Bài viết đã được gỡ: ${notice.title}`, site.name), {
      description: reason ? `${statement} Lý do: ${reason}` : statement,
      robots: 'noindex',
    }),
  };
}
