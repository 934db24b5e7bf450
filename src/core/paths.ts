/**
 * Folders of the installation, found from this file's place: `src/core/paths.ts` when run
 * from source, `dist/core/paths.js` when run compiled — both two levels below the root.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project's root folder (where package.json is). */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The theme's static files (stylesheet, fonts), served under `/_assets/`. */
export const THEME_ASSETS_DIR = path.join(PROJECT_ROOT, 'src/theme/assets');

/** The demo data shipped with the product (see demo/README.md). */
export const DEMO_DIR = path.join(PROJECT_ROOT, 'demo');

/** The built newsroom SPA (admin/dist, made by `npm run build`), served under `/admin/`. */
export const ADMIN_DIST_DIR = path.join(PROJECT_ROOT, 'admin/dist');
