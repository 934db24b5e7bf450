/**
 * The publication horizon: the next instant at which something on the network becomes
 * public (a scheduled or embargoed article's time). Public pages are cacheable for 30 s; the
 * HTTP edge caps their `max-age` at the time left until the horizon, so no cache — browser,
 * proxy, CDN — keeps a page that hides an article past its time ("Nothing is public before
 * its time", and everywhere soon after: DESIGN.md §3).
 *
 * A cache itself: the instant is read from the database at most once per
 * {@link HORIZON_REFRESH_MS} (and at once when it has passed), so another process's new
 * schedule is seen within that time.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import type { Clock } from '../clock.ts';

/** How often the horizon is re-read from the database (ms). */
export const HORIZON_REFRESH_MS = 2000;

/** Tracks the next publication instant of the network. One per core; no module state. */
export class PublicationHorizon {
  private next: number | null = null;
  private readAt = -Infinity;
  private pending: Promise<void> | null = null;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
  ) {}

  /** Forgets the cached instant (a command scheduled something). */
  invalidate(): void {
    this.readAt = -Infinity;
  }

  /**
   * Seconds until the next publication (rounded down, at least 0), or null when nothing is
   * scheduled or embargoed.
   */
  async secondsUntilNext(): Promise<number | null> {
    const now = this.clock().getTime();
    if (now - this.readAt > HORIZON_REFRESH_MS || (this.next !== null && this.next <= now)) {
      this.pending ??= this.read(now).finally(() => (this.pending = null));
      await this.pending;
    }
    if (this.next === null) return null;
    return Math.max(0, Math.floor((this.next - now) / 1000));
  }

  private async read(now: number): Promise<void> {
    const row = await this.db
      .selectFrom('articles')
      .select(sql<string | null>`min(published_at)`.as('next'))
      .where('state', 'in', ['scheduled', 'published'])
      .where('published_at', '>', new Date(now).toISOString())
      .executeTakeFirst();
    this.next = row?.next ? new Date(row.next).getTime() : null;
    this.readAt = now;
  }
}
