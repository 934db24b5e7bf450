/**
 * The frame of every page of a site: skip link, header (top bar with the date and a link to
 * the network, the site's name and organisation, the category menu), `<main id="noi-dung">`,
 * and the footer (organisation, contact, "Cơ quan chủ quản", link back to the network, the
 * site's RSS feed). Every site page announces the site's feeds in its head (autodiscovery).
 */
import type { ComponentChildren } from 'preact';
import { feedPath } from '../../core/feeds/feed.ts';
import { rebuttalsPath } from '../view-models/claim-review.ts';
import { REPORT_PATH } from '../view-models/report-form.ts';
import { siteFeedLinks, withFeeds, type PageMeta } from '../view-models/page-meta.ts';
import type { SiteChromeView } from '../view-models/site-chrome.ts';
import { Document, SkipLink } from './document.tsx';

/** Props of {@link SiteLayout}. */
export interface SiteLayoutProps {
  chrome: SiteChromeView;
  meta: PageMeta;
  children: ComponentChildren;
}

/** A full site page around `children` (the page's main content). */
export function SiteLayout({ chrome, meta, children }: SiteLayoutProps) {
  return (
    <Document meta={withFeeds(meta, siteFeedLinks(chrome.homeUrl, chrome.siteName))}>
      <SkipLink />
      <SiteHeader chrome={chrome} />
      <main id="noi-dung" class="main container" tabindex={-1}>
        {children}
      </main>
      <SiteFooter chrome={chrome} />
    </Document>
  );
}

function Brand({ chrome }: { chrome: SiteChromeView }) {
  const inner = (
    <a class="brand__link" href={chrome.homeUrl} aria-current={chrome.isHome ? 'page' : undefined}>
      {chrome.organisationName ? <span class="brand__org">{chrome.organisationName}</span> : null}
      <span class="brand__name">{chrome.siteName}</span>
    </a>
  );
  // On the home page the site's name is the page's one h1; elsewhere the page title is.
  return chrome.isHome ? <h1 class="brand">{inner}</h1> : <p class="brand">{inner}</p>;
}

/** The site header with the category menu. */
export function SiteHeader({ chrome }: { chrome: SiteChromeView }) {
  return (
    <header class="site-header">
      <div class="topbar">
        <div class="container topbar__inner">
          <span class="topbar__date">{chrome.today}</span>
          <a href={chrome.networkUrl}>Mạng lưới cổng thông tin</a>
        </div>
      </div>
      <div class="banner">
        <div class="container">
          <div class="banner__brand">
            <Brand chrome={chrome} />
            {chrome.tagline ? <p class="banner__tagline">{chrome.tagline}</p> : null}
          </div>
          <form class="header-search" role="search" aria-label="Tìm kiếm trên trang" action={`${chrome.homeUrl}tim-kiem`} method="get">
            <label class="visually-hidden" for="header-search-q">
              Từ khoá tìm kiếm
            </label>
            <input class="header-search__input" id="header-search-q" type="search" name="q" maxLength={200} placeholder="Tìm tin, bài…" />
            <button class="header-search__button" type="submit">
              Tìm kiếm
            </button>
          </form>
        </div>
      </div>
      <nav class="menu" aria-label="Chuyên mục">
        <div class="container">
          <ul class="menu__list">
            <li>
              <a href={chrome.homeUrl} aria-current={chrome.isHome ? 'page' : undefined}>
                Trang chủ
              </a>
            </li>
            {chrome.menu.map((item) => (
              <li>
                <a href={item.url} aria-current={item.current ? 'page' : undefined} class={item.active && !item.current ? 'is-active' : undefined}>
                  {item.name}
                </a>
                {item.children?.length ? (
                  <ul class="menu__sub">
                    {item.children.map((child) => (
                      <li>
                        <a href={child.url}>{child.name}</a>
                      </li>
                    ))}
                  </ul>
                ) : null}
              </li>
            ))}
          </ul>
        </div>
      </nav>
    </header>
  );
}

function phoneHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, '')}`;
}

/** The site footer. */
export function SiteFooter({ chrome }: { chrome: SiteChromeView }) {
  const { address, phone, email } = chrome.contact;
  return (
    <footer class="site-footer">
      <div class="container site-footer__inner">
        <div class="site-footer__about">
          <p class="site-footer__name">{chrome.siteName}</p>
          <dl class="site-footer__facts">
            {chrome.organisationName ? (
              <div>
                <dt>Cơ quan chủ quản:</dt> <dd>{chrome.organisationName}</dd>
              </div>
            ) : null}
            {address ? (
              <div>
                <dt>Địa chỉ:</dt> <dd>{address}</dd>
              </div>
            ) : null}
            {phone ? (
              <div>
                <dt>Điện thoại:</dt>{' '}
                <dd>
                  <a href={phoneHref(phone)}>{phone}</a>
                </dd>
              </div>
            ) : null}
            {email ? (
              <div>
                <dt>Thư điện tử:</dt>{' '}
                <dd>
                  <a href={`mailto:${email}`}>{email}</a>
                </dd>
              </div>
            ) : null}
          </dl>
          <p class="site-footer__note">Ghi rõ nguồn “{chrome.siteName}” khi phát hành lại thông tin từ trang này.</p>
        </div>
        <nav class="site-footer__links" aria-label="Mạng lưới">
          <ul>
            <li>
              <a href={chrome.networkUrl}>Về mạng lưới cổng thông tin</a>
            </li>
            <li>
              <a href={rebuttalsPath(chrome.homeUrl)}>Thông tin phản bác</a>
            </li>
            <li>
              <a href={`${chrome.homeUrl}${REPORT_PATH}`}>Phản ánh thông tin sai sự thật</a>
            </li>
            <li>
              <a href={chrome.aboutDemoDataUrl}>Về dữ liệu mẫu</a>
            </li>
            <li>
              <a href={feedPath(chrome.homeUrl, 'rss')} type="application/rss+xml">
                Nhận tin qua RSS
              </a>
            </li>
          </ul>
        </nav>
      </div>
    </footer>
  );
}
