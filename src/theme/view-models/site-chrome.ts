/**
 * The parts around every page of a site: header (name, organisation, date, category menu) and
 * footer (organisation, contact settings, link back to the network).
 */
import type { CategoryNode } from '../../core/articles/public-article.repository.ts';
import type { Site } from '../../core/sites/site.ts';
import { formatWeekdayDate } from '../../core/text/index.ts';
import { publishedMenu } from '../../core/menus/menus.ts';
import type { SiteLinks } from './links.ts';

/** One entry of the category menu. */
export interface MenuItemView {
  name: string;
  url: string;
  /** This entry is the page being shown (`aria-current="page"`). */
  current: boolean;
  /** The page being shown is inside this entry (a sub-category or an article of it). */
  active: boolean;
  /** Sub-entries (only from a site's own menu; the category menu shows top-level categories). */
  children?: { name: string; url: string }[];
}

/** Header and footer of a site page. */
export interface SiteChromeView {
  siteName: string;
  organisationName: string | null;
  tagline: string | null;
  homeUrl: string;
  networkUrl: string;
  aboutDemoDataUrl: string;
  /** "Thứ Ba, 27/9/2022": today in Vietnam, as portals show it in the top bar. */
  today: string;
  /** True on the site's home page (the site name is then the page's h1). */
  isHome: boolean;
  menu: MenuItemView[];
  contact: { address: string | null; phone: string | null; email: string | null };
}

/** Where the current page sits in the category menu. */
export interface MenuPosition {
  /** The category page being shown. */
  currentCategoryId?: number;
  /** Categories the page belongs to (an article's categories, a category's ancestors). */
  activeCategoryIds?: number[];
}

function setting(site: Site, name: 'address' | 'phone' | 'email' | 'tagline'): string | null {
  const value = site.settings[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

function containsAny(node: CategoryNode, ids: Set<number>): boolean {
  return ids.has(node.id) || node.children.some((c) => containsAny(c, ids));
}

/**
 * Builds the chrome of a site page.
 * @param site the site being shown
 * @param tree the site's category tree (top-level categories form the menu, unless the site's
 *   administrators set a menu of their own: core/menus, shown instead)
 * @param links link builders for this request
 * @param now the core clock's instant (for the date in the top bar)
 * @param options `isHome` on the home page; `position` marks the current menu entry
 */
export function toSiteChrome(
  site: Site,
  tree: CategoryNode[],
  links: SiteLinks,
  now: Date,
  options: { isHome?: boolean; position?: MenuPosition } = {},
): SiteChromeView {
  const active = new Set<number>([
    ...(options.position?.activeCategoryIds ?? []),
    ...(options.position?.currentCategoryId !== undefined ? [options.position.currentCategoryId] : []),
  ]);
  return {
    siteName: site.name,
    organisationName: site.organisationName,
    tagline: setting(site, 'tagline'),
    homeUrl: links.home,
    networkUrl: links.network,
    aboutDemoDataUrl: links.aboutDemoData,
    today: formatWeekdayDate(now),
    isHome: options.isHome ?? false,
    menu:
      publishedMenu(site.settings)?.map((entry) => ({
        name: entry.label,
        url: siteMenuUrl(links.home, entry.url),
        current: false,
        active: false,
        children: entry.children.map((c) => ({ name: c.label, url: siteMenuUrl(links.home, c.url) })),
      })) ??
      tree.map((node) => ({
        name: node.name,
        url: links.category(node.slug),
        current: node.id === options.position?.currentCategoryId,
        active: containsAny(node, active),
      })),
    contact: { address: setting(site, 'address'), phone: setting(site, 'phone'), email: setting(site, 'email') },
  };
}

/**
 * The link of a site menu entry: a site-relative URL (`/gioi-thieu`) is resolved against the
 * site's home (`/langson/` on the network's host, `/` on the site's own host name), so the same
 * menu works on both; absolute http(s) and mailto URLs are kept.
 */
export function siteMenuUrl(homeUrl: string, url: string): string {
  if (!url.startsWith('/') || url.startsWith('//')) return url;
  return homeUrl.replace(/\/$/, '') + url;
}

/** A category found in the tree, with the path from the top. */
export interface CategoryMatch {
  node: CategoryNode;
  /** Ancestors from the top-level category down to the parent; empty for a top-level one. */
  ancestors: CategoryNode[];
}

/**
 * Finds a category by slug anywhere in the tree.
 * @returns the node and its ancestors, or null
 */
export function findCategory(tree: CategoryNode[], slug: string): CategoryMatch | null {
  const walk = (nodes: CategoryNode[], ancestors: CategoryNode[]): CategoryMatch | null => {
    for (const node of nodes) {
      if (node.slug === slug) return { node, ancestors };
      const found = walk(node.children, [...ancestors, node]);
      if (found) return found;
    }
    return null;
  };
  return walk(tree, []);
}

/** The ids of a category and all its descendants (a category page lists them all). */
export function categoryAndDescendantIds(node: CategoryNode): number[] {
  return [node.id, ...node.children.flatMap(categoryAndDescendantIds)];
}
