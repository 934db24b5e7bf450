/**
 * The page at a withdrawn article's URL (answered with 410 Gone): inside the site's frame, the
 * article's title, "Bài viết đã được gỡ lúc … ngày …" and the reason, with a way back to the
 * site's home. The article's content is never on it.
 */
import { SiteLayout } from '../components/site-layout.tsx';
import type { SiteChromeView } from '../view-models/site-chrome.ts';
import type { WithdrawnArticleView } from '../view-models/withdrawn-article.ts';

/** Props of {@link WithdrawnArticlePage}. */
export interface WithdrawnArticlePageProps {
  chrome: SiteChromeView;
  view: WithdrawnArticleView;
}

/** Renders the withdrawal notice. */
export function WithdrawnArticlePage({ chrome, view }: WithdrawnArticlePageProps) {
  return (
    <SiteLayout chrome={chrome} meta={view.meta}>
      <article class="withdrawn" aria-labelledby="bai-da-go">
        <p class="withdrawn__label">Bài viết đã được gỡ</p>
        <h1 id="bai-da-go" class="withdrawn__title">
          {view.title}
        </h1>
        <p class="withdrawn__statement">
          {view.when && view.datetime ? (
            <>
              Bài viết đã được gỡ lúc <time datetime={view.datetime}>{view.when}</time>.
            </>
          ) : (
            view.statement
          )}
        </p>
        {view.reason ? (
          <p class="withdrawn__reason">
            <strong>Lý do:</strong> {view.reason}
          </p>
        ) : null}
        <p class="withdrawn__links">
          <a href={view.homeUrl}>Về trang chủ {view.siteName}</a>
        </p>
      </article>
    </SiteLayout>
  );
}
