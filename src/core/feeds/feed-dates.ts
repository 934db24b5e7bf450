/**
 * Dates in feeds, in Vietnam time with the +07:00 offset (the portal's readers are in Vietnam
 * and DESIGN.md §3 shows every date in Asia/Ho_Chi_Minh).
 *
 * The `feed` library (6.0.0) writes dates itself, calling `toUTCString()` for RSS
 * (`Tue, 27 Sep 2022 07:05:00 GMT`) and `toISOString()` for Atom and JSON Feed
 * (`2022-09-27T07:05:00.000Z`). Both are the right instant but in UTC. Rather than editing the
 * finished XML, feeds hand the library {@link VietnamTime} values: `Date`s whose two
 * serialisations the library calls give the same instant written in Vietnam time.
 */
import type { PublishedPrecision } from '../articles/article.ts';
import { toOffsetIso, vietnamMidnightInstant } from '../text/index.ts';

const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;
const DAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;
const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/**
 * Writes an instant as an RFC 822 date-time in Vietnam time, as RSS 2.0 requires for
 * `pubDate` and `lastBuildDate`: `Tue, 27 Sep 2022 14:05:00 +0700`. The year has four digits
 * (RFC 1123 §5.2.14, which the RSS 2.0 specification recommends); English day and month
 * names, as RFC 822 §5.1 defines them.
 *
 * @param instant a valid `Date`
 * @returns e.g. `Tue, 27 Sep 2022 14:05:00 +0700` (seconds kept, milliseconds dropped)
 * @throws {RangeError} for an invalid `Date`
 * Source: RFC 822 §5 (date-time, zone as ±hhmm), RSS 2.0 specification ("All date-times in RSS
 * conform to the Date and Time Specification of RFC 822").
 */
export function toRfc822VietnamTime(instant: Date): string {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError('toRfc822VietnamTime: invalid date');
  const wall = new Date(ms + VIETNAM_OFFSET_MS); // its UTC fields are Vietnam's wall clock
  const two = (n: number) => String(n).padStart(2, '0');
  return (
    `${DAY_NAMES[wall.getUTCDay()]}, ${two(wall.getUTCDate())} ${MONTH_NAMES[wall.getUTCMonth()]} ${String(wall.getUTCFullYear()).padStart(4, '0')} ` +
    `${two(wall.getUTCHours())}:${two(wall.getUTCMinutes())}:${two(wall.getUTCSeconds())} +0700`
  );
}

/**
 * A `Date` that writes itself in Vietnam time where the `feed` library writes dates:
 * `toISOString()` gives RFC 3339 with +07:00 (`2022-09-27T14:05:00+07:00`, see core/text
 * `toOffsetIso`) and `toUTCString()` gives RFC 822 with +0700 ({@link toRfc822VietnamTime}).
 * The instant is unchanged (`getTime()` is the same), so comparisons and arithmetic still work.
 * Use only for values handed to the feed library: elsewhere `toUTCString()` is expected to
 * say GMT.
 */
export class VietnamTime extends Date {
  /** RFC 3339 in Vietnam time, e.g. `2022-09-27T14:05:00+07:00`. */
  override toISOString(): string {
    return toOffsetIso(new Date(this.getTime()));
  }

  /** RFC 822 in Vietnam time, e.g. `Tue, 27 Sep 2022 14:05:00 +0700`. */
  override toUTCString(): string {
    return toRfc822VietnamTime(new Date(this.getTime()));
  }

  /** `JSON.stringify` writes the RFC 3339 form as well. */
  override toJSON(): string {
    return this.toISOString();
  }
}

/**
 * The instant a feed or sitemap gives as an article's publication time. A date-only article
 * (`published_precision = 'day'`: only the day is known) gets 00:00 Vietnam time of its
 * Vietnam date, never a time of day that was never known and that, read in another zone,
 * could move it to another date.
 *
 * @param publishedAt the stored instant (ISO 8601 with `Z` or an offset)
 * @param precision `minute` keeps the instant; `day` gives Vietnam midnight of its date
 * @returns a {@link VietnamTime}
 * @throws {RangeError} when `publishedAt` is not a valid instant
 * Source: core/articles/article.ts (`PublishedPrecision`); Asia/Ho_Chi_Minh is UTC+7.
 */
export function publicationInstant(publishedAt: string, precision: PublishedPrecision): VietnamTime {
  const exact = new Date(publishedAt);
  if (Number.isNaN(exact.getTime())) throw new RangeError(`publicationInstant: invalid instant "${publishedAt}"`);
  if (precision !== 'day') return new VietnamTime(exact.getTime());
  return new VietnamTime(vietnamMidnightInstant(toOffsetIso(exact).slice(0, 10)).getTime());
}
