/**
 * A site's home page (`/:site/`): featured articles, the latest, then one block per top-level
 * category with its latest items.
 */
import { ArticleList } from '../components/article-list.tsx';
import { SiteLayout } from '../components/site-layout.tsx';
import type { ArticleCardView } from '../view-models/article-card.ts';
import type { PageMeta } from '../view-models/page-meta.ts';
import type { SiteChromeView } from '../view-models/site-chrome.ts';

/** One category block on the home page. */
export interface HomeCategoryBlockView {
  id: number;
  name: string;
  url: string;
  articles: ArticleCardView[];
}

/** Props of {@link SiteHomePage}. */
export interface SiteHomePageProps {
  chrome: SiteChromeView;
  meta: PageMeta;
  /** Featured articles, or the latest when none is featured. */
  featured: ArticleCardView[];
  /** The latest articles not already in `featured`. */
  latest: ArticleCardView[];
  blocks: HomeCategoryBlockView[];
}

/** Renders a site's home page. */
export function SiteHomePage({ chrome, meta, featured, latest, blocks }: SiteHomePageProps) {
  const empty = featured.length === 0 && latest.length === 0;
  return (
    <SiteLayout chrome={chrome} meta={meta}>
      {empty ? <p class="empty">Trang chưa có tin, bài nào được đăng.</p> : null}
      {featured.length || latest.length ? (
        <div class="home-top">
          {featured.length ? (
            <section class="home-featured" aria-labelledby="tin-noi-bat">
              <h2 id="tin-noi-bat" class="section-title">
                Tin nổi bật
              </h2>
              <ArticleList articles={featured} headingLevel={3} leadFirst showLead class="article-list--featured" />
            </section>
          ) : null}
          {latest.length ? (
            <section class="home-latest" aria-labelledby="tin-moi">
              <h2 id="tin-moi" class="section-title">
                Tin mới
              </h2>
              <ArticleList articles={latest} headingLevel={3} class="article-list--compact" />
            </section>
          ) : null}
        </div>
      ) : null}
      {blocks.length ? (
        <div class="home-blocks">
          {blocks.map((block) => (
            <section class="block" aria-labelledby={`chuyen-muc-${block.id}`}>
              <h2 id={`chuyen-muc-${block.id}`} class="section-title">
                <a href={block.url}>{block.name}</a>
              </h2>
              <ArticleList articles={block.articles} headingLevel={3} leadFirst showCategory={false} class="article-list--compact" />
              <p class="block__more">
                <a href={block.url}>
                  Xem tất cả<span class="visually-hidden"> tin, bài chuyên mục {block.name}</span>
                  <span aria-hidden="true"> ›</span>
                </a>
              </p>
            </section>
          ))}
        </div>
      ) : null}
    </SiteLayout>
  );
}
