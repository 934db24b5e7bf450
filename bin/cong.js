#!/usr/bin/env node
// The `cong` command. Runs the compiled code in dist/ (built by `npm ci` / `npm run build`)
// when it is newer than every source file; otherwise runs the TypeScript sources directly
// through tsx, so an edit to src/ is never shadowed by a stale build.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const buildInfo = path.join(root, 'dist/.tsbuildinfo');

/** Newest modification time (ms) of the .ts/.tsx files under `dir`. */
function newestSource(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (/\.tsx?$/.test(entry.name)) newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

let built = 0;
try {
  built = fs.statSync(buildInfo).mtimeMs;
} catch {
  built = 0;
}

if (built > 0 && newestSource(path.join(root, 'src')) <= built) {
  await import('../dist/cli/main.js');
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
