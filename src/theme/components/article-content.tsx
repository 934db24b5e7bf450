/**
 * The article itself, shared by the article page and its print view: header (type, the one
 * h1, date, lead), cover figure, body, byline and source ("Nguồn: …").
 */
import type { ComponentChildren } from 'preact';
import type { ArticlePageView } from '../view-models/article-page.ts';
import { Figure } from './picture.tsx';

/** Props of {@link ArticleContent}. */
export interface ArticleContentProps {
  view: ArticlePageView;
  /** Shown between the header and the cover (a rebuttal's claim review box). */
  beforeBody?: ComponentChildren;
}

/** Renders the article's header, cover, body, byline and source. */
export function ArticleContent({ view, beforeBody }: ArticleContentProps) {
  return (
    <>
      <header class="article__header">
        {view.typeLabel ? <p class="article__kicker">{view.typeLabel}</p> : null}
        <h1 class="article__title">{view.title}</h1>
        <p class="article__meta">
          <time datetime={view.published.datetime}>{view.published.long}</time>
        </p>
        {view.lead ? <p class="article__lead">{view.lead}</p> : null}
      </header>
      {beforeBody}
      {view.cover ? <Figure image={view.cover} class="article__cover" loading="eager" sizes="(min-width: 52rem) 48rem, 100vw" /> : null}
      {/* Stored HTML is sanitised on write against an allowlist (DESIGN.md §3). */}
      <div class="article__body prose" dangerouslySetInnerHTML={{ __html: view.bodyHtml }} />
      {view.byline || view.source ? (
        <div class="article__credits">
          {view.byline ? <p class="article__byline">{view.byline}</p> : null}
          {view.source ? (
            <p class="article__source">
              Nguồn:{' '}
              {view.source.url ? (
                <a href={view.source.url} rel="noopener noreferrer">
                  {view.source.name}
                </a>
              ) : (
                view.source.name
              )}
            </p>
          ) : null}
        </div>
      ) : null}
    </>
  );
}
