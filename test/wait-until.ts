/**
 * Polls `probe` every 50 ms until it returns something truthy, for work that finishes in the
 * background (fan-out jobs, the scheduler).
 * @returns the probe's first truthy value
 * @throws Error naming `what` after `timeoutMs` (default 30 s)
 */
export async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
