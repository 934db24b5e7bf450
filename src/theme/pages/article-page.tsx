/**
 * The article page (`/:site/bai-viet/:slug`): its correction notes (đính chính) first, the
 * article, its categories and tags, a link to the print view, related articles.
 */
import { ArticleContent } from '../components/article-content.tsx';
import { ClaimReviewBox } from '../components/claim-review-box.tsx';
import type { ClaimReviewBoxView } from '../view-models/claim-review.ts';
import { CorrectionNotes } from './article-corrections.tsx';
import { ArticleList } from '../components/article-list.tsx';
import { Breadcrumbs, type Crumb } from '../components/breadcrumbs.tsx';
import { SiteLayout } from '../components/site-layout.tsx';
import type { ArticlePageView } from '../view-models/article-page.ts';
import type { SiteChromeView } from '../view-models/site-chrome.ts';

/** Props of {@link ArticlePage}. */
export interface ArticlePageProps {
  chrome: SiteChromeView;
  view: ArticlePageView;
  /** A rebuttal's claim review, shown before the body (null or absent for other articles). */
  claimReview?: ClaimReviewBoxView | null;
}

/** Renders an article page. */
export function ArticlePage({ chrome, view, claimReview }: ArticlePageProps) {
  const crumbs: Crumb[] = [{ name: 'Trang chủ', url: chrome.homeUrl }, ...(view.primaryCategory ? [view.primaryCategory] : [])];
  return (
    <SiteLayout chrome={chrome} meta={view.meta}>
      <Breadcrumbs items={crumbs} />
      <div class="article-layout">
        <article class="article">
          <CorrectionNotes corrections={view.corrections} />
          <ArticleContent view={view} beforeBody={claimReview ? <ClaimReviewBox view={claimReview} /> : null} />
          <footer class="article__footer">
            {view.categories.length ? (
              <div class="terms">
                <p class="terms__label" id="chuyen-muc-bai">
                  Chuyên mục:
                </p>
                <ul class="chips" aria-labelledby="chuyen-muc-bai">
                  {view.categories.map((c) => (
                    <li>
                      <a href={c.url}>{c.name}</a>
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
            {view.tags.length ? (
              <div class="terms">
                <p class="terms__label" id="the-bai">
                  Thẻ:
                </p>
                <ul class="chips chips--tags" aria-labelledby="the-bai">
                  {view.tags.map((t) => (
                    <li>
                      <a href={t.url}>{t.name}</a>
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
            <p class="article__tools">
              <a href={view.printPath} rel="nofollow">
                In bài viết
              </a>
            </p>
          </footer>
        </article>
        {view.related.length ? (
          <section class="related" aria-labelledby="tin-lien-quan">
            <h2 id="tin-lien-quan" class="section-title">
              Tin liên quan
            </h2>
            <ArticleList articles={view.related} headingLevel={3} showCategory={false} class="article-list--compact" />
          </section>
        ) : null}
      </div>
    </SiteLayout>
  );
}
