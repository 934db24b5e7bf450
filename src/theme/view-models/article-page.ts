/**
 * The article page's view: what a reader sees (title, lead, cover, body, byline, source,
 * date, categories, tags, related, correction notes) and what machines read (canonical URL,
 * Open Graph, schema.org NewsArticle with its corrections).
 */
import { ARTICLE_TYPE_LABELS } from '../../core/articles/article.ts';
import type { ArticleSummary, PublicArticle, PublicCorrection } from '../../core/articles/public-article.repository.ts';
import type { Site } from '../../core/sites/site.ts';
import { formatDate, formatTime, toOffsetIso } from '../../core/text/index.ts';
import { toArticleCard, type ArticleCardView } from './article-card.ts';
import { shareableImagePath, toImageView, type ImageView } from './image.ts';
import type { SiteLinks } from './links.ts';
import { documentTitle, pageMeta, type OpenGraphTag, type PageMeta } from './page-meta.ts';
import { toPublicationTime, type PublicationTimeView } from './publication.ts';
import { plainExcerpt } from './text.ts';

/** A link to a category or tag. */
export interface TermLinkView {
  name: string;
  url: string;
}

/** A correction note (đính chính) as the page shows it. */
export interface CorrectionNoteView {
  /** "Đính chính lúc 14:05 ngày 27/9/2022" (Vietnam time). */
  heading: string;
  /** `datetime` of the `<time>`: "2022-09-27T14:05:00+07:00". */
  datetime: string;
  /** The date and time part of the heading: "14:05 ngày 27/9/2022". */
  when: string;
  /** The note itself, plain text. */
  note: string;
}

/** Everything the article page and its print view show. */
export interface ArticlePageView {
  title: string;
  lead: string | null;
  /** Stored HTML, sanitised on write (DESIGN.md §3); rendered as is. */
  bodyHtml: string;
  typeLabel: string | null;
  published: PublicationTimeView;
  byline: string | null;
  /** "Nguồn: …": the credited organisation or name, and the original URL when known. */
  source: { name: string; url: string | null } | null;
  cover: ImageView | null;
  categories: TermLinkView[];
  tags: TermLinkView[];
  related: ArticleCardView[];
  /** Public correction notes, oldest first; shown in a marked box at the top of the article. */
  corrections: CorrectionNoteView[];
  /** Root-relative URL of the article page. */
  path: string;
  canonicalUrl: string;
  printPath: string;
  /** The first category, for the breadcrumb trail. */
  primaryCategory: TermLinkView | null;
  meta: PageMeta;
}

/** Only http(s) URLs become links; anything else in stored data is shown as text or dropped. */
function safeHttpUrl(url: string | null): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.toString() : null;
  } catch {
    return null;
  }
}

function sourceOf(article: PublicArticle): ArticlePageView['source'] {
  const url = safeHttpUrl(article.sourceUrl);
  const name = article.sourceOrganisationName ?? article.sourceName;
  if (name) return { name, url };
  if (url) return { name: new URL(url).hostname, url };
  return null;
}

/**
 * An instant as Vietnamese news pages write it in running text: "14:05 ngày 27/9/2022"
 * (Vietnam time, 24-hour clock, day/month/year without leading zeros).
 * @param instant ISO 8601 instant with `Z` or an offset
 * @throws {RangeError} when the instant is invalid (see core/text formatDate)
 * Source: DESIGN.md §3 (dates in Asia/Ho_Chi_Minh as 27/9/2022).
 */
export function timeOnDate(instant: string): string {
  return `${formatTime(instant)} ngày ${formatDate(instant)}`;
}

/**
 * A correction note for the page: "Đính chính lúc 14:05 ngày 27/9/2022: …".
 * @param correction a public correction (core/articles/public-article.repository.ts)
 */
export function toCorrectionNote(correction: PublicCorrection): CorrectionNoteView {
  const when = timeOnDate(correction.createdAt);
  return { heading: `Đính chính lúc ${when}`, datetime: toOffsetIso(correction.createdAt), when, note: correction.note.trim() };
}

function laterOf(a: string, b: string): string {
  return Date.parse(a) >= Date.parse(b) ? a : b;
}

/**
 * Builds the article page view.
 * @param article the visible article (the repository applied the visibility rule)
 * @param related related visible articles
 * @param site the article's site
 * @param links link builders for this request
 * @param corrections the article's public correction notes, oldest first (default none)
 * @throws {RangeError} when a stored instant is invalid (a data error: logged as a 500)
 * Sources: Open Graph protocol (ogp.me, og:type article, article:published_time);
 * schema.org NewsArticle and CreativeWork `correction` (a CorrectionComment with its text and
 * date); Google's Article structured data guidelines (author, publisher, dates with time zone).
 */
export function toArticlePageView(
  article: PublicArticle,
  related: ArticleSummary[],
  site: Site,
  links: SiteLinks,
  corrections: readonly PublicCorrection[] = [],
): ArticlePageView {
  const path = links.article(article.slug);
  const canonicalUrl = links.absolute(path);
  const description = article.lead?.trim() || plainExcerpt(article.body, 200) || null;
  const publishedIso = toOffsetIso(article.publishedAt);
  const lastCorrection = corrections[corrections.length - 1];
  const modifiedIso = toOffsetIso(laterOf(laterOf(article.publishedAt, article.updatedAt), lastCorrection?.createdAt ?? article.publishedAt));
  const correctionNotes = corrections.map(toCorrectionNote);
  const imageUrl = article.cover ? links.absolute(shareableImagePath(article.cover)) : null;
  const source = sourceOf(article);
  const publisherName = site.organisationName ?? site.name;

  const openGraph: OpenGraphTag[] = [
    { property: 'og:type', content: 'article' },
    { property: 'og:title', content: article.title },
    ...(description ? [{ property: 'og:description', content: description }] : []),
    { property: 'og:url', content: canonicalUrl },
    { property: 'og:site_name', content: site.name },
    { property: 'og:locale', content: 'vi_VN' },
    ...(imageUrl && article.cover
      ? [
          { property: 'og:image', content: imageUrl },
          ...(article.cover.alt ? [{ property: 'og:image:alt', content: article.cover.alt }] : []),
        ]
      : []),
    { property: 'article:published_time', content: publishedIso },
    { property: 'article:modified_time', content: modifiedIso },
    ...article.categories.slice(0, 1).map((c) => ({ property: 'article:section', content: c.name })),
    ...article.tags.map((t) => ({ property: 'article:tag', content: t.name })),
  ];

  const jsonLd = {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: article.title,
    ...(description ? { description } : {}),
    datePublished: publishedIso,
    dateModified: modifiedIso,
    author: article.byline?.trim()
      ? { '@type': 'Person', name: article.byline.trim() }
      : { '@type': 'Organization', name: article.sourceOrganisationName ?? publisherName },
    publisher: { '@type': 'Organization', name: publisherName },
    mainEntityOfPage: { '@type': 'WebPage', '@id': canonicalUrl },
    ...(imageUrl ? { image: [imageUrl] } : {}),
    ...(article.categories[0] ? { articleSection: article.categories[0].name } : {}),
    ...(article.tags.length ? { keywords: article.tags.map((t) => t.name).join(', ') } : {}),
    inLanguage: 'vi',
    url: canonicalUrl,
    ...(correctionNotes.length
      ? { correction: correctionNotes.map((c) => ({ '@type': 'CorrectionComment', text: c.note, datePublished: c.datetime })) }
      : {}),
  };

  const categories = article.categories.map((c) => ({ name: c.name, url: links.category(c.slug) }));
  const primary =
    (article.categorySlug && article.categoryName ? { name: article.categoryName, url: links.category(article.categorySlug) } : null) ??
    categories[0] ??
    null;

  return {
    title: article.title,
    lead: article.lead?.trim() || null,
    bodyHtml: article.body,
    typeLabel: article.type === 'news' ? null : ARTICLE_TYPE_LABELS[article.type] ?? null,
    published: toPublicationTime(article.publishedAt, article.publishedPrecision),
    byline: article.byline?.trim() || null,
    source,
    cover: article.cover ? toImageView(article.cover) : null,
    categories,
    tags: article.tags.map((t) => ({ name: t.name, url: links.tag(t.slug) })),
    related: related.map((r) => toArticleCard(r, links)),
    corrections: correctionNotes,
    path,
    canonicalUrl,
    printPath: links.articlePrint(article.slug),
    primaryCategory: primary,
    meta: pageMeta(documentTitle(article.title, site.name), { description, canonicalUrl, openGraph, jsonLd }),
  };
}
