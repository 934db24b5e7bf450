/**
 * Articles in lists: a card per article (title link, date, category, optional image and
 * lead), and a list of cards.
 */
import type { ArticleCardView } from '../view-models/article-card.ts';
import { Heading, type HeadingLevel } from './heading.tsx';
import { Picture } from './picture.tsx';

/** Props of {@link ArticleCard}. */
export interface ArticleCardProps {
  article: ArticleCardView;
  /** Level of the title heading, one below the section it is in. */
  headingLevel: HeadingLevel;
  /** Show the cover image (when there is one). */
  showImage?: boolean;
  /** Show the lead (sapo). */
  showLead?: boolean;
  /** Show the category link above the title. */
  showCategory?: boolean;
  /** Larger layout for the first story of a block. */
  prominent?: boolean;
}

/** One article in a list. */
export function ArticleCard({ article, headingLevel, showImage = false, showLead = false, showCategory = true, prominent = false }: ArticleCardProps) {
  const image = showImage ? article.image : null;
  const category = showCategory ? article.category : null;
  // Only the category when it says what the type label would ("Điểm báo", not "Điểm tin · Điểm báo").
  const typeLabel = category && article.categoryRepeatsType ? null : article.typeLabel;
  return (
    <article class={`card${prominent ? ' card--prominent' : ''}${image ? ' card--with-image' : ''}`}>
      {image ? (
        <div class="card__media">
          <Picture image={image} sizes={prominent ? '(min-width: 60rem) 40rem, 100vw' : '(min-width: 40rem) 12rem, 100vw'} />
        </div>
      ) : null}
      <div class="card__body">
        {typeLabel || category ? (
          <p class="card__kicker">
            {typeLabel ? <span class="card__type">{typeLabel}</span> : null}
            {typeLabel && category ? ' · ' : null}
            {category ? <a href={category.url}>{category.name}</a> : null}
          </p>
        ) : null}
        <Heading level={headingLevel} class="card__title">
          <a href={article.url}>{article.title}</a>
        </Heading>
        <p class="card__meta">
          <time datetime={article.published.datetime}>{article.published.short}</time>
          {article.siteName ? <span class="card__site"> · {article.siteName}</span> : null}
        </p>
        {showLead && article.lead ? <p class="card__lead">{article.lead}</p> : null}
      </div>
    </article>
  );
}

/** Props of {@link ArticleList}. */
export interface ArticleListProps extends Omit<ArticleCardProps, 'article' | 'prominent'> {
  articles: ArticleCardView[];
  /** Make the first card prominent. */
  leadFirst?: boolean;
  class?: string;
}

/** A list of article cards (`<ul>`, so screen readers announce how many there are). */
export function ArticleList({ articles, leadFirst = false, class: className, ...card }: ArticleListProps) {
  return (
    <ul class={`article-list${className ? ` ${className}` : ''}`}>
      {articles.map((article, i) => (
        <li key={article.id}>
          <ArticleCard article={article} {...card} prominent={leadFirst && i === 0} showImage={card.showImage || (leadFirst && i === 0)} />
        </li>
      ))}
    </ul>
  );
}
