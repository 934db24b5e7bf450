/**
 * The network root's view: every active site grouped by kind (ministry portal, unit pages,
 * provincial departments), with its organisation, article count and last publication date.
 */
import { SITE_KINDS, SITE_KIND_LABELS, type Site, type SiteKind } from '../../core/sites/site.ts';
import { formatDate, sortVietnamese, toOffsetIso } from '../../core/text/index.ts';
import { networkLinks } from './links.ts';

/** One site on the network root. */
export interface NetworkSiteView {
  key: string;
  name: string;
  url: string;
  organisationName: string | null;
  articleCount: number;
  /** Date of the latest visible article ("27/9/2022") with its `datetime`, or null. */
  lastPublished: { text: string; datetime: string } | null;
}

/** One kind of site with its sites. */
export interface NetworkGroupView {
  kind: SiteKind;
  /** Heading, from SITE_KIND_LABELS. */
  label: string;
  sites: NetworkSiteView[];
}

/** Per-site publication figures (from `summariseSitesPublication`). */
export type SitePublicationStats = Map<number, { count: number; lastPublishedAt: string | null }>;

/**
 * The name a provincial department is sorted by: its province without the word "tỉnh" or
 * "thành phố", so "Thành phố Hà Nội" sorts under H beside "Tỉnh Hà Giang". Taken from
 * `settings.province` or `settings.provinceName` when the site has one (the demo network
 * stores "Tỉnh Lạng Sơn" there), else from the site name, where any text up to that word is
 * dropped as well ("Trang … Sở TTTT tỉnh Lạng Sơn" → "Lạng Sơn").
 */
export function provinceSortKey(site: Site): string {
  const fromSettings = [site.settings['province'], site.settings['provinceName']].find(
    (v): v is string => typeof v === 'string' && v.trim() !== '',
  );
  return (fromSettings ?? site.name).trim().replace(/^.*?(?:^|\s)(?:tỉnh|thành phố|tp\.)\s+/iu, '');
}

/**
 * Groups the active sites by kind in SITE_KINDS order. Ministry portal and unit pages keep the
 * network's order (`position`); provincial departments are sorted by province in Vietnamese
 * alphabetical order. Kinds without sites are left out; merged and archived sites are not listed.
 * @param sites every site (from the site directory)
 * @param stats per-site article counts and last publication instants
 * Source: DESIGN.md §3 (sort uses Vietnamese collation).
 */
export function groupNetworkSites(sites: Site[], stats: SitePublicationStats): NetworkGroupView[] {
  const active = sites.filter((s) => s.status === 'active');
  return SITE_KINDS.map((kind) => {
    const ofKind = active.filter((s) => s.kind === kind);
    const ordered = kind === 'provincial_department' ? sortVietnamese(ofKind, provinceSortKey) : ofKind;
    return {
      kind,
      label: SITE_KIND_LABELS[kind],
      sites: ordered.map((site) => {
        const s = stats.get(site.id);
        return {
          key: site.key,
          name: site.name,
          url: networkLinks.siteHome(site.key),
          organisationName: site.organisationName,
          articleCount: s?.count ?? 0,
          lastPublished: s?.lastPublishedAt
            ? { text: formatDate(s.lastPublishedAt), datetime: toOffsetIso(s.lastPublishedAt).slice(0, 10) }
            : null,
        };
      }),
    };
  }).filter((g) => g.sites.length > 0);
}
