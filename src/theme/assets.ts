/**
 * URLs of the theme's static files (served by app.ts from `src/theme/assets` under
 * `/_assets/`). The stylesheet URL carries a fingerprint of its content, so browsers that
 * cached it for days (`max-age` 7d) fetch the new file as soon as it changes.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { THEME_ASSETS_DIR } from '../core/paths.ts';

function fingerprint(file: string): string {
  // Read once when the module loads: the file is part of the release and does not change
  // while the process runs.
  return crypto.createHash('sha256').update(fs.readFileSync(path.join(THEME_ASSETS_DIR, file))).digest('hex').slice(0, 10);
}

/** The one stylesheet of the public pages, with its content fingerprint as `?v=`. */
export const STYLESHEET_HREF = `/_assets/cong.css?v=${fingerprint('cong.css')}`;

/** The font file most pages need first (Vietnamese subset, regular), to preload. */
export const PRELOAD_FONT_HREF = '/_assets/fonts/be-vietnam-pro-vietnamese-400-normal.woff2';
