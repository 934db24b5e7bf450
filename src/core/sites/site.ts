/**
 * Sites of the network: types and pure rules. A site is one public website with its own
 * editorial board: the ministry portal, a unit's e-page or a provincial department's page.
 */

/** Kinds of site, in the order the network lists them. */
export const SITE_KINDS = ['ministry_portal', 'unit_page', 'provincial_department'] as const;
export type SiteKind = (typeof SITE_KINDS)[number];

/** Vietnamese labels of the site kinds (plural, for headings). */
export const SITE_KIND_LABELS: Record<SiteKind, string> = {
  ministry_portal: 'Cổng thông tin điện tử Bộ',
  unit_page: 'Trang thông tin điện tử các đơn vị thuộc Bộ',
  provincial_department: 'Trang thông tin điện tử các Sở',
};

export type SiteStatus = 'active' | 'merged' | 'archived';

/** Site settings stored as JSON; unknown keys are kept. */
export interface SiteSettings {
  tagline?: string;
  address?: string;
  phone?: string;
  email?: string;
  [key: string]: unknown;
}

/** A site as the rest of the code sees it. */
export interface Site {
  id: number;
  key: string;
  name: string;
  kind: SiteKind;
  parentId: number | null;
  organisationId: number | null;
  organisationName: string | null;
  organisationShortName: string | null;
  status: SiteStatus;
  settings: SiteSettings;
  hostnames: string[];
  position: number;
}

/** Paths on the default host that can never be a site key. */
export const RESERVED_SITE_KEYS = new Set([
  '_assets', 'media', 'api', 'admin', 've-du-lieu-mau', 'tim-kiem', 'xem-truoc', 'robots.txt', 'favicon.ico', 'sitemap.xml', 'healthz',
]);

/** Site keys: lowercase ASCII letters, digits and hyphens, 2–40 characters, not reserved. */
export function isValidSiteKey(key: string): boolean {
  return /^[a-z0-9][a-z0-9-]{1,39}$/.test(key) && !RESERVED_SITE_KEYS.has(key);
}
