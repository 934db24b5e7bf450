/**
 * How a publication time is shown: Vietnamese date (and time when it is known) for readers, a
 * machine-readable value for `<time datetime>`.
 */
import type { PublishedPrecision } from '../../core/articles/article.ts';
import { formatDate, formatTime, formatWeekdayDate, toOffsetIso } from '../../core/text/index.ts';

/** A publication time ready for a `<time>` element. */
export interface PublicationTimeView {
  /** Short form for lists: "27/9/2022 14:05", or "27/9/2022" when only the day is known. */
  short: string;
  /** Long form for an article page: "Thứ Ba, 27/9/2022 14:05" (no time for day precision). */
  long: string;
  /** `datetime` attribute: "2022-09-27T14:05:00+07:00", or "2022-09-27" for day precision. */
  datetime: string;
}

/**
 * Formats a stored publication instant.
 * @param publishedAt ISO 8601 instant with `Z` or an offset (as stored)
 * @param precision `minute` shows the time; `day` never does (the time is not known)
 * @throws {RangeError} when `publishedAt` is not a valid instant (see core/text formatDate)
 * Source: DESIGN.md §3 (dates in Asia/Ho_Chi_Minh as 27/9/2022); core/articles/article.ts
 * (`PublishedPrecision`).
 */
export function toPublicationTime(publishedAt: string, precision: PublishedPrecision): PublicationTimeView {
  const date = formatDate(publishedAt);
  const weekdayDate = formatWeekdayDate(publishedAt);
  const iso = toOffsetIso(publishedAt);
  if (precision === 'day') return { short: date, long: weekdayDate, datetime: iso.slice(0, 10) };
  const time = formatTime(publishedAt);
  return { short: `${date} ${time}`, long: `${weekdayDate} ${time}`, datetime: iso };
}
