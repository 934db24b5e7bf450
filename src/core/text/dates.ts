/**
 * Dates and times as Vietnamese readers expect them: Vietnam time (Asia/Ho_Chi_Minh), day
 * before month, no leading zeros on day and month ("27/9/2022"), 24-hour clock ("14:05").
 *
 * Two kinds of value, never mixed:
 * - an instant (`Date`, or an ISO 8601 string with `Z` or an offset): a moment in time, shown
 *   in Vietnam time whatever the server's time zone;
 * - a date-only value ("YYYY-MM-DD", e.g. a legal document's issue date): a calendar date with
 *   no time zone, handled purely as text so it never shifts by a day.
 *
 * Vietnam time is computed as a fixed UTC+7 rather than through the tz database: Asia/Ho_Chi_Minh
 * has been UTC+7 without daylight saving since 13 June 1975 (IANA tzdb), so for the portal's
 * content the two agree, and the fixed offset keeps `toOffsetIso` and the formatters consistent
 * and independent of the runtime's ICU data. Instants before mid-1975 are also shown at +07:00.
 */

import { foldText } from './fold.ts';
import { normalizeText } from './normalize.ts';

/** Vietnam's offset from UTC, in milliseconds. */
const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;

const WEEKDAYS = ['Chủ nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'] as const;

/** Calendar fields of an instant as seen on a wall clock in Vietnam. */
interface VietnamFields {
  year: number;
  month: number; // 1–12
  day: number; // 1–31
  hour: number;
  minute: number;
  second: number;
  weekday: number; // 0 = Sunday
}

/**
 * Formats an instant as its date in Vietnam: day/month/year, no leading zeros ("27/9/2022").
 *
 * @param instant a `Date`, or an ISO 8601 / RFC 3339 string with `Z` or an offset
 * @returns e.g. "27/9/2022"; 2022-09-26T17:30:00Z gives "27/9/2022"
 * @throws {RangeError} when `instant` is an invalid Date or not an ISO string with an offset
 *   (a date-only "YYYY-MM-DD" is refused: use `formatDateOnly`)
 * Source: house display rule following Vietnamese news portals (day/month/year, no leading
 * zeros; administrative documents under Nghị định 30/2020/NĐ-CP pad day and month instead, which
 * is not this function's job); time zone Asia/Ho_Chi_Minh (UTC+7).
 */
export function formatDate(instant: Date | string): string {
  return dateText(vietnamFields(instant));
}

/**
 * Formats an instant as its time of day in Vietnam, 24-hour clock, hours and minutes
 * zero-padded ("14:05", "00:30"). Seconds are dropped, not rounded.
 *
 * @param instant a `Date`, or an ISO 8601 string with `Z` or an offset
 * @returns "HH:mm"
 * @throws {RangeError} as `formatDate`
 * Source: Vietnamese 24-hour time convention; time zone Asia/Ho_Chi_Minh (UTC+7).
 */
export function formatTime(instant: Date | string): string {
  return timeText(vietnamFields(instant));
}

/**
 * Formats an instant as date then time in Vietnam, separated by one space ("27/9/2022 14:05"),
 * the order used across Vietnamese news portals' article bylines.
 *
 * @param instant a `Date`, or an ISO 8601 string with `Z` or an offset
 * @returns "D/M/YYYY HH:mm"
 * @throws {RangeError} as `formatDate`
 * Source: house display rule; time zone Asia/Ho_Chi_Minh (UTC+7).
 */
export function formatDateTime(instant: Date | string): string {
  const f = vietnamFields(instant);
  return `${dateText(f)} ${timeText(f)}`;
}

/**
 * Formats an instant as weekday and date in Vietnam ("Thứ Ba, 27/9/2022"; Sunday is
 * "Chủ nhật"), as in a portal's page header.
 *
 * @param instant a `Date`, or an ISO 8601 string with `Z` or an offset
 * @returns "<weekday>, D/M/YYYY"
 * @throws {RangeError} as `formatDate`
 * Source: Vietnamese weekday names (Thứ Hai … Thứ Bảy, Chủ nhật); time zone Asia/Ho_Chi_Minh.
 */
export function formatWeekdayDate(instant: Date | string): string {
  const f = vietnamFields(instant);
  return `${WEEKDAYS[f.weekday]}, ${dateText(f)}`;
}

/**
 * Formats an instant as an RFC 3339 timestamp in Vietnam time with its offset
 * ("2022-09-27T14:05:00+07:00"), for JSON-LD `datePublished`, sitemaps and feeds.
 * Milliseconds are dropped (truncated).
 *
 * @param instant a `Date`, or an ISO 8601 string with `Z` or an offset
 * @returns "YYYY-MM-DDTHH:mm:ss+07:00"
 * @throws {RangeError} as `formatDate`, and for years outside 0–9999
 * Source: RFC 3339 §5.6; schema.org DateTime (ISO 8601 with offset).
 */
export function toOffsetIso(instant: Date | string): string {
  const f = vietnamFields(instant);
  if (f.year < 0 || f.year > 9999) {
    throw new RangeError(`toOffsetIso: year ${f.year} cannot be written in RFC 3339`);
  }
  return (
    `${pad(f.year, 4)}-${pad(f.month)}-${pad(f.day)}` +
    `T${pad(f.hour)}:${pad(f.minute)}:${pad(f.second)}+07:00`
  );
}

/**
 * Formats a stored date-only value ("YYYY-MM-DD") as "D/M/YYYY" ("2022-09-27" → "27/9/2022").
 * Pure text: no `Date`, no time zone, so the day never shifts.
 *
 * @param dateOnly a date in the stored form "YYYY-MM-DD" (exactly; use `parseDateOnly` first
 *   for user input)
 * @returns "D/M/YYYY"
 * @throws {RangeError} when `dateOnly` is not "YYYY-MM-DD" or not a real calendar date
 * Source: as `formatDate`.
 */
export function formatDateOnly(dateOnly: string): string {
  const { year, month, day } = readStoredDate(dateOnly);
  return `${day}/${month}/${year}`;
}

/**
 * Reads a date typed or imported in a Vietnamese form and returns the stored form
 * "YYYY-MM-DD". Accepts "2022-09-27" (also "2022-9-27"), and day-first "27/9/2022",
 * "27/09/2022", "27-9-2022", "27.9.2022" (one separator throughout, four-digit year).
 * Surrounding whitespace is ignored. Dates are always read day first, never month first.
 *
 * @param s the date as text
 * @returns "YYYY-MM-DD"
 * @throws {RangeError} with a Vietnamese and English message when the format is not recognised
 *   or the date does not exist (31/2/2022, month 13, year 0)
 * Source: Vietnamese day-month-year order; proleptic Gregorian calendar (ISO 8601).
 */
export function parseDateOnly(s: string): string {
  const text = normalizeText(s).trim();
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  if (match) return checkedDate(s, Number(match[1]), Number(match[2]), Number(match[3]));
  match = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})$/.exec(text);
  if (match) return checkedDate(s, Number(match[4]), Number(match[3]), Number(match[1]));
  throw new RangeError(
    `Không nhận ra ngày "${s}", hãy dùng dạng ngày/tháng/năm (27/9/2022) hoặc 2022-09-27 ` +
      `(unrecognised date "${s}"; use day/month/year or YYYY-MM-DD)`,
  );
}

/**
 * Returns the instant at which the given date begins in Vietnam (00:00 UTC+7): "2022-09-27" →
 * 2022-09-26T17:00:00.000Z. Use it to turn a date-only filter into an instant range.
 *
 * @param dateOnly a date in the stored form "YYYY-MM-DD"
 * @returns the instant of 00:00 on that date in Vietnam
 * @throws {RangeError} when `dateOnly` is not "YYYY-MM-DD" or not a real calendar date
 * Source: time zone Asia/Ho_Chi_Minh (UTC+7, no daylight saving).
 */
export function vietnamMidnightInstant(dateOnly: string): Date {
  const { year, month, day } = readStoredDate(dateOnly);
  return new Date(utcMs(year, month, day, 0, 0, 0, 0) - VIETNAM_OFFSET_MS);
}

/**
 * Reads a date and a wall-clock time in Vietnam (e.g. from a "publish at" form) and returns
 * the instant. "27/9/2022" + "14:05" → 2022-09-27T07:05:00.000Z.
 *
 * @param date a date in any form `parseDateOnly` accepts
 * @param time "HH:mm" or "H:mm", 24-hour, 00:00–23:59 (default "00:00")
 * @returns the instant
 * @throws {RangeError} when the date is invalid (see `parseDateOnly`) or the time is not a
 *   valid "HH:mm"
 * Source: time zone Asia/Ho_Chi_Minh (UTC+7, no daylight saving, so every wall time exists once).
 */
export function parseVietnamDateTime(date: string, time: string = '00:00'): Date {
  const [year, month, day] = parseDateOnly(date).split('-').map(Number) as [number, number, number];
  const match = /^(\d{1,2}):(\d{2})$/.exec(time.trim());
  const hour = match ? Number(match[1]) : NaN;
  const minute = match ? Number(match[2]) : NaN;
  if (!(hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59)) {
    throw new RangeError(
      `Giờ không hợp lệ "${time}", hãy dùng dạng giờ:phút 00:00–23:59 ` +
        `(invalid time "${time}"; use HH:mm, 00:00–23:59)`,
    );
  }
  return new Date(utcMs(year, month, day, hour, minute, 0, 0) - VIETNAM_OFFSET_MS);
}

/**
 * Finds the first real date written in Vietnamese running text and returns it as
 * "YYYY-MM-DD". Recognises day-first numeric dates with "/" or "-" ("Ngày 27/9/2022",
 * "ngày 27-9-2022", "27/09/2022") and the written-out form of administrative documents
 * ("ngày 27 tháng 9 năm 2022"), in any case and Unicode form. Impossible dates (31/2/2022) are
 * skipped. Digits that are part of a longer number or of a document number such as
 * "15/2020/NĐ-CP" are not taken for a date.
 *
 * @param text any text (a document's body, a title, an excerpt)
 * @returns "YYYY-MM-DD" of the first valid date, or null when there is none
 * Source: date forms of Nghị định 30/2020/NĐ-CP (administrative documents) and common
 * newsroom usage.
 */
export function findFirstVietnameseDate(text: string): string | null {
  // Folding removes tones, invisible characters and soft hyphens, so "THÁNG" and "thang" match.
  const folded = foldText(text);
  const pattern =
    /(?<![\d/])(\d{1,2})([/-])(\d{1,2})\2(\d{4})(?![\d]|\/[\p{L}\d])|(?<!\d)(\d{1,2})\s+thang\s+(\d{1,2})\s*,?\s+nam\s+(\d{4})(?!\d)/gu;
  for (const m of folded.matchAll(pattern)) {
    const [day, month, year] =
      m[1] !== undefined ? [m[1], m[3], m[4]] : [m[5], m[6], m[7]];
    const y = Number(year);
    const mo = Number(month);
    const d = Number(day);
    if (isRealDate(y, mo, d)) return `${pad(y, 4)}-${pad(mo)}-${pad(d)}`;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------

function vietnamFields(instant: Date | string): VietnamFields {
  const ms = instantMs(instant);
  const shifted = new Date(ms + VIETNAM_OFFSET_MS);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    second: shifted.getUTCSeconds(),
    weekday: shifted.getUTCDay(),
  };
}

const INSTANT_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:([Zz])|([+-])(\d{2}):?(\d{2}))$/;

/** Milliseconds since the epoch of a Date or an ISO 8601 string that carries its offset. */
function instantMs(instant: Date | string): number {
  if (instant instanceof Date) {
    const ms = instant.getTime();
    if (Number.isNaN(ms)) throw new RangeError('Thời điểm không hợp lệ (invalid Date)');
    return ms;
  }
  const m = INSTANT_PATTERN.exec(instant.trim());
  if (m) {
    const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4], m[5]].map(Number) as [
      number,
      number,
      number,
      number,
      number,
    ];
    const second = m[6] === undefined ? 0 : Number(m[6]);
    const millis = m[7] === undefined ? 0 : Number(m[7].padEnd(3, '0').slice(0, 3));
    const offsetHours = m[10] === undefined ? 0 : Number(m[10]);
    const offsetMinutes = m[11] === undefined ? 0 : Number(m[11]);
    if (
      isRealDate(year, month, day) &&
      hour <= 23 &&
      minute <= 59 &&
      second <= 59 &&
      offsetHours <= 23 &&
      offsetMinutes <= 59
    ) {
      const sign = m[9] === '-' ? -1 : 1;
      const offsetMs = m[8] !== undefined ? 0 : sign * (offsetHours * 60 + offsetMinutes) * 60_000;
      return utcMs(year, month, day, hour, minute, second, millis) - offsetMs;
    }
  }
  throw new RangeError(
    `Thời điểm không hợp lệ "${instant}", cần dạng ISO 8601 có múi giờ ` +
      `(invalid instant "${instant}"; expected ISO 8601 with Z or an offset, ` +
      `e.g. 2022-09-27T14:05:00+07:00; for a date-only value use formatDateOnly)`,
  );
}

function readStoredDate(dateOnly: string): { year: number; month: number; day: number } {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(dateOnly);
  if (m) {
    const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (isRealDate(year, month, day)) return { year, month, day };
  }
  throw new RangeError(
    `Ngày không hợp lệ "${dateOnly}", cần dạng YYYY-MM-DD ` +
      `(invalid date-only value "${dateOnly}"; expected a real date as YYYY-MM-DD)`,
  );
}

function checkedDate(input: string, year: number, month: number, day: number): string {
  if (year < 1) {
    throw new RangeError(`Năm không hợp lệ trong "${input}" (invalid year in "${input}")`);
  }
  if (month < 1 || month > 12) {
    throw new RangeError(
      `Tháng ${month} không tồn tại trong "${input}" (month ${month} does not exist in "${input}")`,
    );
  }
  const last = daysInMonth(year, month);
  if (day < 1 || day > last) {
    throw new RangeError(
      `Ngày không hợp lệ "${input}": tháng ${month}/${year} có ${last} ngày ` +
        `(invalid date "${input}": month ${month} of ${year} has ${last} days)`,
    );
  }
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

function isRealDate(year: number, month: number, day: number): boolean {
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Like Date.UTC, but years 0–99 stay themselves instead of becoming 1900–1999. */
function utcMs(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  millis: number,
): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(hour, minute, second, millis);
  return d.getTime();
}

function dateText(f: VietnamFields): string {
  return `${f.day}/${f.month}/${f.year}`;
}

function timeText(f: VietnamFields): string {
  return `${pad(f.hour)}:${pad(f.minute)}`;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}
