/**
 * The view of an article in a list (home blocks, category and tag pages, related articles).
 */
import { ARTICLE_TYPE_LABELS } from '../../core/articles/article.ts';
import type { ArticleSummary } from '../../core/articles/public-article.repository.ts';
import { toImageView, type ImageView } from './image.ts';
import { toPublicationTime, type PublicationTimeView } from './publication.ts';

/** One article in a list. */
export interface ArticleCardView {
  id: number;
  title: string;
  url: string;
  lead: string | null;
  published: PublicationTimeView;
  /** Label of a non-news type ("Thông cáo báo chí"), null for plain news. */
  typeLabel: string | null;
  category: { name: string; url: string } | null;
  image: ImageView | null;
  /** Name of the site it belongs to, on network-wide lists only. */
  siteName: string | null;
}

/** How to link a card: its article URL and its category URL. */
export interface CardLinks {
  article(slug: string): string;
  category(slug: string): string;
}

/**
 * Builds a card from a repository summary.
 * @param summary a visible article (the repository applied the visibility rule)
 * @param links link builders of the article's site
 * @param siteName set on network-wide lists, where readers need to know the site
 */
export function toArticleCard(summary: ArticleSummary, links: CardLinks, siteName: string | null = null): ArticleCardView {
  return {
    id: summary.id,
    title: summary.title,
    url: links.article(summary.slug),
    lead: summary.lead,
    published: toPublicationTime(summary.publishedAt, summary.publishedPrecision),
    typeLabel: summary.type === 'news' ? null : ARTICLE_TYPE_LABELS[summary.type] ?? null,
    category:
      summary.categoryName && summary.categorySlug ? { name: summary.categoryName, url: links.category(summary.categorySlug) } : null,
    image: summary.cover ? toImageView(summary.cover) : null,
    siteName,
  };
}
