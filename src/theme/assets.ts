/**
 * URLs of the theme's static files (served by app.ts from `src/theme/assets` under
 * `/_assets/`) and how long browsers may keep them. The stylesheet and the favicon are linked
 * with a fingerprint of their content as `?v=`, so such a URL always means the same bytes and
 * is cached for a year as immutable; a change gives a new URL. Font files never change under
 * their names (a new version of the font would come with new file names), so they are cached
 * the same way. Anything else under `/_assets/` (an unversioned URL) is kept for a day.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { THEME_ASSETS_DIR } from '../core/paths.ts';

/** The prefix under which app.ts serves the theme's files. */
export const ASSETS_PREFIX = '/_assets/';

function fingerprint(file: string): string {
  // Read once when the module loads: the file is part of the release and does not change
  // while the process runs.
  return crypto.createHash('sha256').update(fs.readFileSync(path.join(THEME_ASSETS_DIR, file))).digest('hex').slice(0, 10);
}

function versioned(file: string): string {
  return `${ASSETS_PREFIX}${file}?v=${fingerprint(file)}`;
}

/** The one stylesheet of the public pages, with its content fingerprint as `?v=`. */
export const STYLESHEET_HREF = versioned('cong.css');

/** The site icon (SVG), with its content fingerprint as `?v=`. */
export const FAVICON_HREF = versioned('favicon.svg');

/** The site icon without fingerprint: where `/favicon.ico` redirects (its URL never changes). */
export const FAVICON_PLAIN_HREF = `${ASSETS_PREFIX}favicon.svg`;

/** The font file most pages need first (Vietnamese subset, regular), to preload. */
export const PRELOAD_FONT_HREF = `${ASSETS_PREFIX}fonts/be-vietnam-pro-vietnamese-400-normal.woff2`;

/** `Cache-Control` of an asset URL that always means the same bytes. */
export const IMMUTABLE_CACHE_CONTROL = 'public, max-age=31536000, immutable';

/** `Cache-Control` of any other asset URL. */
export const ASSET_CACHE_CONTROL = 'public, max-age=86400';

const CURRENT_VERSIONED = new Set([STYLESHEET_HREF, FAVICON_HREF]);

/**
 * The `Cache-Control` for a request URL under `/_assets/`: immutable for a year when the URL is
 * one of the fingerprinted URLs above (with the current fingerprint: a stale `?v=` gets the
 * current bytes but only the short lifetime) or a font file; a day otherwise.
 */
export function assetCacheControl(url: string): string {
  if (CURRENT_VERSIONED.has(url)) return IMMUTABLE_CACHE_CONTROL;
  if (url.startsWith(`${ASSETS_PREFIX}fonts/`) && /^[^?#]+\.woff2$/.test(url)) return IMMUTABLE_CACHE_CONTROL;
  return ASSET_CACHE_CONTROL;
}
