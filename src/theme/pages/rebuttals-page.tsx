/**
 * "Thông tin phản bác": the rebuttals the public may see, newest first, each with its verdict,
 * the claim it answers and (network-wide) its site; 20 per page, then the rating scale the
 * verdicts come from. Network-wide at `/thong-tin-phan-bac` (each rebuttal once, not its
 * syndicated copies) and per site at `/<site>/thong-tin-phan-bac`.
 */
import { RATINGS } from '../../core/rapid-response/case.ts';
import { Breadcrumbs, type Crumb } from '../components/breadcrumbs.tsx';
import { VerdictBadge } from '../components/claim-review-box.tsx';
import { NetworkLayout } from '../components/network-layout.tsx';
import { PaginationNav } from '../components/pagination-nav.tsx';
import { SiteLayout } from '../components/site-layout.tsx';
import { REBUTTALS_TITLE, type RebuttalCardView } from '../view-models/claim-review.ts';
import type { PageMeta } from '../view-models/page-meta.ts';
import type { PaginationView } from '../view-models/pagination.ts';
import type { SiteChromeView } from '../view-models/site-chrome.ts';

/** What a rebuttal list shows. */
export interface RebuttalsListingView {
  /** Under the title: what the list covers. */
  description: string;
  breadcrumbs: Crumb[];
  items: RebuttalCardView[];
  total: number;
  pagination: PaginationView | null;
  /** On a site's list: the network-wide section. */
  networkSectionUrl: string | null;
}

function RebuttalCard({ item }: { item: RebuttalCardView }) {
  const { card } = item;
  return (
    <article class="card rebuttal-card">
      <div class="card__body">
        {item.verdict ? (
          <p class="rebuttal-card__verdict">
            <span class="visually-hidden">Kết luận: </span>
            <VerdictBadge verdict={item.verdict} />
          </p>
        ) : null}
        <h2 class="card__title">
          <a href={card.url}>{card.title}</a>
        </h2>
        {item.claimText ? (
          <p class="rebuttal-card__claim">
            <span class="rebuttal-card__label">Thông tin được kiểm chứng:</span> “{item.claimText}”
          </p>
        ) : null}
        <p class="card__meta">
          <time datetime={card.published.datetime}>{card.published.short}</time>
          {card.siteName ? <span class="card__site"> · {card.siteName}</span> : null}
        </p>
      </div>
    </article>
  );
}

/** The list's main content: heading, rebuttals, pagination, the rating scale. */
export function RebuttalsListing({ view }: { view: RebuttalsListingView }) {
  return (
    <>
      <Breadcrumbs items={view.breadcrumbs} />
      <header class="page-header">
        <p class="page-header__kicker">Phản bác thông tin sai sự thật</p>
        <h1 class="page-header__title">{REBUTTALS_TITLE}</h1>
        <p class="page-header__description">{view.description}</p>
        {view.total > 0 ? <p class="page-header__count">{view.total} bài</p> : null}
        {view.networkSectionUrl ? (
          <p>
            <a href={view.networkSectionUrl}>Thông tin phản bác trên toàn mạng lưới</a>
          </p>
        ) : null}
      </header>
      {view.items.length ? (
        <ul class="article-list article-list--rows rebuttal-list">
          {view.items.map((item) => (
            <li key={item.card.id}>
              <RebuttalCard item={item} />
            </li>
          ))}
        </ul>
      ) : (
        <p class="empty">Chưa có thông tin phản bác nào được đăng.</p>
      )}
      <PaginationNav pagination={view.pagination} />
      <section class="rating-scale" aria-labelledby="thang-ket-luan">
        <h2 id="thang-ket-luan" class="section-title">
          Thang kết luận
        </h2>
        <dl class="rating-scale__list">
          {RATINGS.map((r) => (
            <div class="rating-scale__item">
              <dt>
                <VerdictBadge verdict={r} />
              </dt>
              <dd>{r.description}</dd>
            </div>
          ))}
        </dl>
      </section>
    </>
  );
}

/** The network-wide section, in the network's frame. */
export function NetworkRebuttalsPage({ meta, today, view }: { meta: PageMeta; today: string; view: RebuttalsListingView }) {
  return (
    <NetworkLayout meta={meta} today={today} current="rebuttals">
      <RebuttalsListing view={view} />
    </NetworkLayout>
  );
}

/** One site's rebuttals, in the site's frame. */
export function SiteRebuttalsPage({ chrome, meta, view }: { chrome: SiteChromeView; meta: PageMeta; view: RebuttalsListingView }) {
  return (
    <SiteLayout chrome={chrome} meta={meta}>
      <RebuttalsListing view={view} />
    </SiteLayout>
  );
}
