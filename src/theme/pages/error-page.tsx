/**
 * Error pages in Vietnamese: "Không tìm thấy trang" (404) and the other errors (400, 5xx…),
 * inside the site's frame when the request was for a site, the network's otherwise.
 */
import { NetworkLayout } from '../components/network-layout.tsx';
import { SiteLayout } from '../components/site-layout.tsx';
import type { PageMeta } from '../view-models/page-meta.ts';
import type { SiteChromeView } from '../view-models/site-chrome.ts';

/** What an error page says. */
export interface ErrorView {
  status: number;
  /** The h1, e.g. "Không tìm thấy trang". */
  title: string;
  /** What happened and what to do, in Vietnamese. */
  message: string;
}

/** Props of {@link ErrorPage}: `chrome` when the page belongs to a site. */
export interface ErrorPageProps {
  meta: PageMeta;
  today: string;
  chrome: SiteChromeView | null;
  error: ErrorView;
  /** Absolute URL of the network root (a relative `/` would be the site's home on a site's own hostname). */
  networkUrl: string;
}

function ErrorBody({ error, homeUrl, homeName, networkUrl }: { error: ErrorView; homeUrl: string | null; homeName: string | null; networkUrl: string }) {
  return (
    <div class="error-page">
      <p class="error-page__code">Lỗi {error.status}</p>
      <h1>{error.title}</h1>
      <p class="error-page__message">{error.message}</p>
      <ul class="error-page__links">
        {homeUrl ? (
          <li>
            <a href={homeUrl}>Về trang chủ {homeName}</a>
          </li>
        ) : null}
        <li>
          <a href={networkUrl}>Về mạng lưới cổng thông tin điện tử</a>
        </li>
      </ul>
    </div>
  );
}

/** Renders an error page for a site or for the network. */
export function ErrorPage({ meta, today, chrome, error, networkUrl }: ErrorPageProps) {
  if (chrome) {
    return (
      <SiteLayout chrome={chrome} meta={meta}>
        <ErrorBody error={error} homeUrl={chrome.homeUrl} homeName={chrome.siteName} networkUrl={chrome.networkUrl} />
      </SiteLayout>
    );
  }
  return (
    <NetworkLayout meta={meta} today={today}>
      <ErrorBody error={error} homeUrl={null} homeName={null} networkUrl={networkUrl} />
    </NetworkLayout>
  );
}
