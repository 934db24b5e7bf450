/**
 * The print view of an article (`/:site/bai-viet/:slug/in`): the same content (correction
 * notes included) with minimal chrome, the site's name on top and the article's address at
 * the bottom; `noindex`, and its canonical link points to the article page.
 */
import { ArticleContent } from '../components/article-content.tsx';
import { CorrectionNotes } from './article-corrections.tsx';
import { Document, SkipLink } from '../components/document.tsx';
import type { ArticlePageView } from '../view-models/article-page.ts';
import { pageMeta } from '../view-models/page-meta.ts';

/** Props of {@link ArticlePrintPage}. */
export interface ArticlePrintPageProps {
  siteName: string;
  organisationName: string | null;
  view: ArticlePageView;
}

/** Renders the print view. */
export function ArticlePrintPage({ siteName, organisationName, view }: ArticlePrintPageProps) {
  const meta = pageMeta(`${view.meta.title} (bản in)`, {
    description: view.meta.description,
    canonicalUrl: view.canonicalUrl,
    robots: 'noindex',
  });
  return (
    <Document meta={meta} bodyClass="page-print">
      <SkipLink />
      <header class="print-header">
        <div class="container container--narrow">
          {organisationName ? <p class="print-header__org">{organisationName}</p> : null}
          <p class="print-header__site">{siteName}</p>
        </div>
      </header>
      <main id="noi-dung" class="main container container--narrow" tabindex={-1}>
        <article class="article">
          <CorrectionNotes corrections={view.corrections} />
          <ArticleContent view={view} />
        </article>
        <p class="print-url">
          Địa chỉ bài viết: <a href={view.path}>{view.canonicalUrl}</a>
        </p>
        <p class="no-print">
          <a href={view.path}>← Quay lại bài viết</a>
        </p>
      </main>
    </Document>
  );
}
