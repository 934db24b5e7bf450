/**
 * Dates in feeds: RFC 822 and RFC 3339 in Vietnam time (+07:00), and date-only articles at
 * Vietnam midnight of their own date.
 */
import { describe, expect, it } from 'vitest';
import { publicationInstant, toRfc822VietnamTime, VietnamTime } from './feed-dates.ts';

describe('toRfc822VietnamTime', () => {
  it('writes the Vietnam wall clock with +0700, including across the date line of UTC', () => {
    expect(toRfc822VietnamTime(new Date('2022-09-27T07:05:09.999Z'))).toBe('Tue, 27 Sep 2022 14:05:09 +0700');
    // 17:30 UTC on the 26th is already 00:30 on Tuesday the 27th in Vietnam.
    expect(toRfc822VietnamTime(new Date('2022-09-26T17:30:00.000Z'))).toBe('Tue, 27 Sep 2022 00:30:00 +0700');
    expect(toRfc822VietnamTime(new Date('2023-12-31T17:00:00.000Z'))).toBe('Mon, 01 Jan 2024 00:00:00 +0700');
    expect(toRfc822VietnamTime(new Date('2024-02-28T18:00:00.000Z'))).toBe('Thu, 29 Feb 2024 01:00:00 +0700');
  });

  it('refuses an invalid date', () => {
    expect(() => toRfc822VietnamTime(new Date('không phải ngày'))).toThrow(RangeError);
  });
});

describe('VietnamTime', () => {
  it('is the same instant, written the ways the feed library asks for, in Vietnam time', () => {
    const t = new VietnamTime('2022-09-27T07:05:00.000Z');
    expect(t.getTime()).toBe(Date.parse('2022-09-27T07:05:00.000Z'));
    expect(t.toISOString()).toBe('2022-09-27T14:05:00+07:00');
    expect(t.toUTCString()).toBe('Tue, 27 Sep 2022 14:05:00 +0700');
    expect(JSON.stringify({ t })).toBe('{"t":"2022-09-27T14:05:00+07:00"}');
    expect(new Date(t.toISOString()).getTime()).toBe(t.getTime());
    expect(new Date(t.toUTCString()).getTime()).toBe(t.getTime());
  });
});

describe('publicationInstant', () => {
  it('keeps the instant of an article published to the minute', () => {
    expect(publicationInstant('2022-09-27T07:05:00.000Z', 'minute').toISOString()).toBe('2022-09-27T14:05:00+07:00');
  });

  it('puts a date-only article at 00:00 of its Vietnam date, whatever time was stored', () => {
    // Stored as Vietnam midnight (what the importers write).
    expect(publicationInstant('2022-09-26T17:00:00.000Z', 'day').toISOString()).toBe('2022-09-27T00:00:00+07:00');
    // Stored at UTC midnight of the same date (07:00 in Vietnam): still the 27th, at 00:00.
    expect(publicationInstant('2022-09-27T00:00:00.000Z', 'day').toUTCString()).toBe('Tue, 27 Sep 2022 00:00:00 +0700');
    // Late in the Vietnam day: never pushed to the next date.
    expect(publicationInstant('2022-09-27T16:59:59.000Z', 'day').toISOString()).toBe('2022-09-27T00:00:00+07:00');
  });

  it('refuses a stored value that is not an instant', () => {
    expect(() => publicationInstant('27/9/2022', 'minute')).toThrow(RangeError);
  });
});
