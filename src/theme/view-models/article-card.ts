/**
 * The view of an article in a list (home blocks, category and tag pages, related articles).
 */
import { ARTICLE_TYPE_LABELS, type ArticleType } from '../../core/articles/article.ts';
import { foldText } from '../../core/text/index.ts';
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
  /**
   * The category already says what the type label says, so where the category is shown the
   * label is left out: "Điểm báo", not "Điểm tin · Điểm báo". See {@link categoryRepeatsType}.
   */
  categoryRepeatsType: boolean;
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
 * Whether a category name repeats an article's type: always for a press-digest brief (its
 * categories are digests, "Điểm báo", "Điểm tin"), and for any type when the category's name
 * begins with the type's label, compared folded ("Văn bản" and "Văn bản chỉ đạo").
 */
export function categoryRepeatsType(type: ArticleType, typeLabel: string | null, categoryName: string | null): boolean {
  if (!typeLabel || !categoryName) return false;
  if (type === 'brief') return true;
  const label = foldText(typeLabel).trim();
  const name = foldText(categoryName).trim();
  return name === label || name.startsWith(`${label} `);
}

/**
 * Builds a card from a repository summary.
 * @param summary a visible article (the repository applied the visibility rule)
 * @param links link builders of the article's site
 * @param siteName set on network-wide lists, where readers need to know the site
 */
export function toArticleCard(summary: ArticleSummary, links: CardLinks, siteName: string | null = null): ArticleCardView {
  const typeLabel = summary.type === 'news' ? null : ARTICLE_TYPE_LABELS[summary.type] ?? null;
  return {
    id: summary.id,
    title: summary.title,
    url: links.article(summary.slug),
    lead: summary.lead,
    published: toPublicationTime(summary.publishedAt, summary.publishedPrecision),
    typeLabel,
    category:
      summary.categoryName && summary.categorySlug ? { name: summary.categoryName, url: links.category(summary.categorySlug) } : null,
    categoryRepeatsType: categoryRepeatsType(summary.type, typeLabel, summary.categoryName),
    image: summary.cover ? toImageView(summary.cover) : null,
    siteName,
  };
}
