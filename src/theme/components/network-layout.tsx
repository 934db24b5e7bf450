/**
 * The frame of the network's own pages (root, "about the demo data", errors outside any
 * site): skip link, a header naming the network, `<main id="noi-dung">`, a footer.
 */
import type { ComponentChildren } from 'preact';
import { networkLinks } from '../view-models/links.ts';
import { rebuttalsPath } from '../view-models/claim-review.ts';
import type { PageMeta } from '../view-models/page-meta.ts';
import { Document, SkipLink } from './document.tsx';

/** The network's name as its pages show it. */
export const NETWORK_NAME = 'Mạng lưới Cổng/Trang thông tin điện tử';

/** Props of {@link NetworkLayout}. */
export interface NetworkLayoutProps {
  meta: PageMeta;
  /** "Thứ Ba, 27/9/2022": today in Vietnam. */
  today: string;
  /** Which network page this is (marks the menu); on `home` the network's name is the h1. */
  current?: 'home' | 'about' | 'rebuttals';
  children: ComponentChildren;
}

/** A full network page around `children`. */
export function NetworkLayout({ meta, today, current, children }: NetworkLayoutProps) {
  const isHome = current === 'home';
  const brand = (
    <a class="brand__link" href={networkLinks.home} aria-current={isHome ? 'page' : undefined}>
      <span class="brand__org">Hệ thống thông tin điện tử</span>
      <span class="brand__name">{NETWORK_NAME}</span>
    </a>
  );
  return (
    <Document meta={meta}>
      <SkipLink />
      <header class="site-header">
        <div class="topbar">
          <div class="container topbar__inner">
            <span class="topbar__date">{today}</span>
          </div>
        </div>
        <div class="banner">
          <div class="container">
            <div class="banner__brand">{isHome ? <h1 class="brand">{brand}</h1> : <p class="brand">{brand}</p>}</div>
            <form class="header-search" role="search" aria-label="Tìm kiếm trên toàn mạng lưới" action="/tim-kiem" method="get">
              <label class="visually-hidden" for="header-search-q">
                Từ khoá tìm kiếm
              </label>
              <input class="header-search__input" id="header-search-q" type="search" name="q" maxLength={200} placeholder="Tìm trên mọi cổng, trang…" />
              <button class="header-search__button" type="submit">
                Tìm kiếm
              </button>
            </form>
          </div>
        </div>
        <nav class="menu" aria-label="Mạng lưới">
          <div class="container">
            <ul class="menu__list">
              <li>
                <a href={networkLinks.home} aria-current={isHome ? 'page' : undefined}>
                  Các cổng và trang
                </a>
              </li>
              <li>
                <a href={rebuttalsPath('/')} aria-current={current === 'rebuttals' ? 'page' : undefined}>
                  Thông tin phản bác
                </a>
              </li>
              <li>
                <a href={networkLinks.aboutDemoData} aria-current={current === 'about' ? 'page' : undefined}>
                  Về dữ liệu mẫu
                </a>
              </li>
            </ul>
          </div>
        </nav>
      </header>
      <main id="noi-dung" class="main container" tabindex={-1}>
        {children}
      </main>
      <footer class="site-footer">
        <div class="container site-footer__inner">
          <div class="site-footer__about">
            <p class="site-footer__name">{NETWORK_NAME}</p>
            <p class="site-footer__note">
              Một cài đặt phục vụ cổng thông tin điện tử của Bộ, trang thông tin điện tử của các đơn vị thuộc Bộ và của các Sở.
            </p>
          </div>
          <nav class="site-footer__links" aria-label="Liên kết chân trang">
            <ul>
              <li>
                <a href={networkLinks.aboutDemoData}>Về dữ liệu mẫu</a>
              </li>
            </ul>
          </nav>
        </div>
      </footer>
    </Document>
  );
}
