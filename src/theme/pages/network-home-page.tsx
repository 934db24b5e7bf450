/**
 * The network root (`/` on the default host): every site grouped by kind with its
 * organisation, article count and last publication date, and the latest articles across the
 * network.
 */
import { ArticleList } from '../components/article-list.tsx';
import { NetworkLayout } from '../components/network-layout.tsx';
import type { ArticleCardView } from '../view-models/article-card.ts';
import { networkLinks } from '../view-models/links.ts';
import type { NetworkGroupView } from '../view-models/network.ts';
import type { PageMeta } from '../view-models/page-meta.ts';

/** Props of {@link NetworkHomePage}. */
export interface NetworkHomePageProps {
  meta: PageMeta;
  today: string;
  groups: NetworkGroupView[];
  latest: ArticleCardView[];
}

function countText(n: number): string {
  return n === 0 ? 'Chưa có tin, bài' : `${n.toLocaleString('vi-VN')} tin, bài`;
}

/** Renders the network root. */
export function NetworkHomePage({ meta, today, groups, latest }: NetworkHomePageProps) {
  const siteCount = groups.reduce((n, g) => n + g.sites.length, 0);
  return (
    <NetworkLayout meta={meta} today={today} current="home">
      <p class="intro">
        {siteCount > 0
          ? `${siteCount} cổng và trang thông tin điện tử cùng vận hành trên một hệ thống: cổng thông tin của Bộ, trang của các đơn vị thuộc Bộ và của các Sở.`
          : 'Chưa có cổng hay trang thông tin điện tử nào.'}{' '}
        Nội dung trình diễn là dữ liệu mẫu có ghi nguồn — xem <a href={networkLinks.aboutDemoData}>Về dữ liệu mẫu</a>.
      </p>
      <div class="network">
        {/* The latest news comes first in reading order (on phones it would otherwise follow all
            80 site cards); on wide screens the grid places it in the right-hand column. */}
        <section class="network__latest" aria-labelledby="tin-moi-mang-luoi">
          <h2 id="tin-moi-mang-luoi" class="section-title">
            Tin mới trên mạng lưới
          </h2>
          {latest.length ? (
            <ArticleList articles={latest} headingLevel={3} showCategory={false} class="article-list--compact" />
          ) : (
            <p class="empty">Chưa có tin, bài nào được đăng.</p>
          )}
        </section>
        <div class="network__sites">
          {groups.map((group) => (
            <section class={`site-group site-group--${group.kind}`} aria-labelledby={`nhom-${group.kind}`}>
              <h2 id={`nhom-${group.kind}`} class="section-title">
                {group.label} <span class="section-title__count">({group.sites.length})</span>
              </h2>
              <ul class="site-list">
                {group.sites.map((site) => (
                  <li class="site-card">
                    <h3 class="site-card__name">
                      <a href={site.url}>{site.name}</a>
                    </h3>
                    {site.organisationName ? <p class="site-card__org">{site.organisationName}</p> : null}
                    <p class="site-card__stats">
                      {countText(site.articleCount)}
                      {site.lastPublished ? (
                        <>
                          {' · Cập nhật '}
                          <time datetime={site.lastPublished.datetime}>{site.lastPublished.text}</time>
                        </>
                      ) : null}
                    </p>
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </div>
      </div>
    </NetworkLayout>
  );
}
