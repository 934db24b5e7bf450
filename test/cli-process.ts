/**
 * Runs the real `cong` command (bin/cong.js) as a child process, as an operator would, and
 * waits for it. The child never inherits a DATABASE_URL or CONG_SMTP_URL from the caller's
 * shell: it uses only the database (and mail server) the test names in `env`.
 * Synchronous: do not use it while the test itself must answer the child (an SMTP server in
 * the test process); spawn asynchronously there.
 */
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { DATABASE_URL: _db, CONG_SMTP_URL: _smtp, ...inherited } = process.env;

/** What the command printed and its exit status. */
export interface CongRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `cong <args>` with the test's environment (`CONG_DATA_DIR`, `DATABASE_URL`…), quiet logs
 * and demo creation off.
 * @param options.input text given on standard input; options.timeoutMs default 60,000 ms.
 */
export function runCong(args: string[], env: Record<string, string>, options: { input?: string; timeoutMs?: number } = {}): CongRun {
  const r = spawnSync(process.execPath, [path.join(ROOT, 'bin/cong.js'), ...args], {
    cwd: ROOT,
    env: { ...inherited, LOG_LEVEL: 'silent', CONG_DEMO: '0', ...env },
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 60_000,
    ...(options.input !== undefined ? { input: options.input } : {}),
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
