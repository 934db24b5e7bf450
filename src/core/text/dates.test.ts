import { describe, expect, it } from 'vitest';
import {
  findFirstVietnameseDate,
  formatDate,
  formatDateOnly,
  formatDateTime,
  formatTime,
  formatWeekdayDate,
  parseDateOnly,
  parseVietnamDateTime,
  toOffsetIso,
  vietnamMidnightInstant,
} from './dates.ts';

describe('formatting instants in Vietnam time', () => {
  it('shows 2022-09-27T07:05Z as 14:05 on Tuesday 27/9/2022', () => {
    const instant = new Date('2022-09-27T07:05:00Z');
    expect(formatDate(instant)).toBe('27/9/2022');
    expect(formatTime(instant)).toBe('14:05');
    expect(formatDateTime(instant)).toBe('27/9/2022 14:05');
    expect(formatWeekdayDate(instant)).toBe('Thứ Ba, 27/9/2022');
    expect(toOffsetIso(instant)).toBe('2022-09-27T14:05:00+07:00');
  });

  it('moves to the next day at 17:00 UTC', () => {
    expect(formatDateTime('2022-09-26T16:59:59Z')).toBe('26/9/2022 23:59');
    expect(formatDateTime('2022-09-26T17:00:00Z')).toBe('27/9/2022 00:00');
    expect(formatDateTime('2022-09-26T17:30:00Z')).toBe('27/9/2022 00:30');
    expect(formatDate('2022-09-26T17:30:00Z')).toBe('27/9/2022');
    expect(toOffsetIso('2022-09-26T17:30:00Z')).toBe('2022-09-27T00:30:00+07:00');
  });

  it('uses the Vietnamese weekday, not the UTC one, near midnight', () => {
    // Sunday 25/9 in UTC, already Monday 26/9 in Vietnam
    expect(formatWeekdayDate('2022-09-25T17:30:00Z')).toBe('Thứ Hai, 26/9/2022');
  });

  it('names every weekday, with "Chủ nhật" for Sunday', () => {
    // 05:00 UTC is noon in Vietnam on 25/9/2022 (a Sunday) … 1/10/2022 (a Saturday)
    expect(
      ['25', '26', '27', '28', '29', '30'].map((d) => formatWeekdayDate(`2022-09-${d}T05:00:00Z`)),
    ).toEqual([
      'Chủ nhật, 25/9/2022',
      'Thứ Hai, 26/9/2022',
      'Thứ Ba, 27/9/2022',
      'Thứ Tư, 28/9/2022',
      'Thứ Năm, 29/9/2022',
      'Thứ Sáu, 30/9/2022',
    ]);
    expect(formatWeekdayDate('2022-10-01T05:00:00Z')).toBe('Thứ Bảy, 1/10/2022');
  });

  it('crosses year ends and leap days', () => {
    expect(formatWeekdayDate('2022-12-31T17:00:00Z')).toBe('Chủ nhật, 1/1/2023');
    expect(formatDateTime('2022-12-31T16:59:00Z')).toBe('31/12/2022 23:59');
    expect(formatWeekdayDate('2024-02-28T17:00:00Z')).toBe('Thứ Năm, 29/2/2024');
    expect(toOffsetIso('2023-12-31T17:00:00Z')).toBe('2024-01-01T00:00:00+07:00');
  });

  it('reads ISO strings with any offset', () => {
    expect(formatDateTime('2022-09-27T14:05:00+07:00')).toBe('27/9/2022 14:05');
    expect(formatDateTime('2022-09-27T09:05:00+02:00')).toBe('27/9/2022 14:05');
    expect(formatDateTime('2022-09-26T21:05:00-10:00')).toBe('27/9/2022 14:05');
    expect(formatDateTime('2022-09-27T07:05:00.123456Z')).toBe('27/9/2022 14:05');
    expect(formatDateTime('2022-09-27 07:05Z')).toBe('27/9/2022 14:05');
  });

  it('pads hours and minutes but not day and month', () => {
    expect(formatTime('2022-01-01T02:03:00Z')).toBe('09:03');
    expect(formatDate('2022-01-01T02:03:00Z')).toBe('1/1/2022');
    expect(toOffsetIso('2022-01-01T02:03:04.999Z')).toBe('2022-01-01T09:03:04+07:00');
  });

  it('refuses invalid instants and strings without a time zone', () => {
    for (const bad of [
      'not a date',
      '2022-09-27',
      '2022-09-27T14:05:00',
      '27/9/2022 14:05',
      '2022-02-30T00:00:00Z',
      '2022-09-27T24:00:00Z',
      '2022-09-27T14:60:00Z',
      '',
    ]) {
      expect(() => formatDate(bad), bad).toThrow(RangeError);
    }
    expect(() => formatDateTime(new Date(Number.NaN))).toThrow(RangeError);
    expect(() => toOffsetIso(new Date('invalid'))).toThrow(RangeError);
  });

  it('agrees with the tz database for Asia/Ho_Chi_Minh since 1976', () => {
    const reference = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Asia/Ho_Chi_Minh',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    const start = Date.UTC(1976, 0, 1);
    const end = Date.UTC(2040, 0, 1);
    // a step that is not a whole number of hours or days, so every time of day is visited
    for (let ms = start; ms < end; ms += 97 * 60 * 60 * 1000 + 13 * 60 * 1000) {
      const parts = Object.fromEntries(
        reference.formatToParts(new Date(ms)).map((p) => [p.type, p.value]),
      );
      const expected = `${Number(parts.day)}/${Number(parts.month)}/${parts.year} ${parts.hour}:${parts.minute}`;
      expect(formatDateTime(new Date(ms))).toBe(expected);
    }
  });
});

describe('date-only values', () => {
  it.each([
    ['2022-09-27', '27/9/2022'],
    ['2022-01-01', '1/1/2022'],
    ['2022-12-31', '31/12/2022'],
    ['2024-02-29', '29/2/2024'],
    ['2000-02-29', '29/2/2000'],
  ])('formats %s as %s', (input, expected) => {
    expect(formatDateOnly(input)).toBe(expected);
  });

  it('refuses anything but a real YYYY-MM-DD', () => {
    for (const bad of ['2023-02-29', '1900-02-29', '2022-13-01', '2022-00-10', '2022-9-27', '27/9/2022', '2022-09-27T00:00:00Z']) {
      expect(() => formatDateOnly(bad), bad).toThrow(RangeError);
    }
  });

  it.each([
    ['2022-09-27', '2022-09-27'],
    ['2022-9-7', '2022-09-07'],
    ['27/9/2022', '2022-09-27'],
    ['27/09/2022', '2022-09-27'],
    ['27-9-2022', '2022-09-27'],
    ['27.9.2022', '2022-09-27'],
    ['1/1/2022', '2022-01-01'],
    ['31/12/2022', '2022-12-31'],
    ['29/2/2024', '2024-02-29'],
    [' 05/02/2020 ', '2020-02-05'],
    ['\uFEFF27/9/2022', '2022-09-27'],
  ])('parses %j as %s', (input, expected) => {
    expect(parseDateOnly(input)).toBe(expected);
  });

  it('reads day first, never month first', () => {
    expect(parseDateOnly('5/2/2020')).toBe('2020-02-05');
    expect(() => parseDateOnly('9/27/2022')).toThrow(RangeError);
  });

  it('refuses impossible dates with a Vietnamese and English message', () => {
    expect(() => parseDateOnly('31/2/2022')).toThrow(RangeError);
    expect(() => parseDateOnly('31/2/2022')).toThrow(/tháng 2\/2022 có 28 ngày.*month 2 of 2022 has 28 days/);
    expect(() => parseDateOnly('29/2/2023')).toThrow(RangeError);
    expect(() => parseDateOnly('31/4/2022')).toThrow(/30 ngày/);
    expect(() => parseDateOnly('1/13/2022')).toThrow(/Tháng 13 không tồn tại.*month 13 does not exist/);
    expect(() => parseDateOnly('0/1/2022')).toThrow(RangeError);
    expect(() => parseDateOnly('1/1/0000')).toThrow(RangeError);
  });

  it('refuses unrecognised forms', () => {
    for (const bad of ['', 'hôm nay', '27/9/22', '27/9-2022', '2022/09/27', '27 9 2022', '2022-09-27T00:00:00Z']) {
      expect(() => parseDateOnly(bad), bad).toThrow(/Không nhận ra ngày.*unrecognised date/);
    }
  });

  it('gives the instant of midnight in Vietnam', () => {
    expect(vietnamMidnightInstant('2022-09-27').toISOString()).toBe('2022-09-26T17:00:00.000Z');
    expect(vietnamMidnightInstant('2022-01-01').toISOString()).toBe('2021-12-31T17:00:00.000Z');
    expect(vietnamMidnightInstant('2024-03-01').toISOString()).toBe('2024-02-29T17:00:00.000Z');
    expect(() => vietnamMidnightInstant('27/9/2022')).toThrow(RangeError);
    expect(() => vietnamMidnightInstant('2022-02-29')).toThrow(RangeError);
  });

  it('keeps two-digit years as they are (Date.UTC would turn 50 into 1950)', () => {
    expect(vietnamMidnightInstant('0050-06-15').getUTCFullYear()).toBe(50);
    expect(parseDateOnly('15/6/0050')).toBe('0050-06-15');
  });
});

describe('parseVietnamDateTime', () => {
  it('reads a wall-clock time in Vietnam', () => {
    expect(parseVietnamDateTime('27/9/2022', '14:05').toISOString()).toBe('2022-09-27T07:05:00.000Z');
    expect(parseVietnamDateTime('2022-09-27', '9:30').toISOString()).toBe('2022-09-27T02:30:00.000Z');
    expect(parseVietnamDateTime('1/1/2023', '00:30').toISOString()).toBe('2022-12-31T17:30:00.000Z');
    expect(parseVietnamDateTime('31/12/2022', '23:59').toISOString()).toBe('2022-12-31T16:59:00.000Z');
  });

  it('defaults to midnight', () => {
    expect(parseVietnamDateTime('27-9-2022').toISOString()).toBe('2022-09-26T17:00:00.000Z');
  });

  it('round-trips with the formatters', () => {
    const instant = parseVietnamDateTime('27/09/2022', '14:05');
    expect(formatDateTime(instant)).toBe('27/9/2022 14:05');
  });

  it('refuses invalid dates and times', () => {
    expect(() => parseVietnamDateTime('31/2/2022', '10:00')).toThrow(RangeError);
    for (const bad of ['24:00', '14:60', '1405', '14:5', '2pm', '']) {
      expect(() => parseVietnamDateTime('27/9/2022', bad), bad).toThrow(/Giờ không hợp lệ.*invalid time/);
    }
  });
});

describe('findFirstVietnameseDate', () => {
  it.each([
    ['Ngày 27/9/2022, UBND tỉnh Lạng Sơn tổ chức hội nghị', '2022-09-27'],
    ['Sáng ngày 27-9-2022 đoàn công tác đến Đắk Lắk', '2022-09-27'],
    ['Hạn nộp hồ sơ: 27/09/2022.', '2022-09-27'],
    ['Hà Nội, ngày 05 tháng 02 năm 2020', '2020-02-05'],
    ['HÀ NỘI, NGÀY 5 THÁNG 10 NĂM 2023', '2023-10-05'],
    ['Huế, ngày 27 tháng 9, năm 2022', '2022-09-27'],
    ['Căn cứ Nghị định số 15/2020/NĐ-CP ngày 03/02/2020 của Chính phủ', '2020-02-03'],
    ['Quyết định ngày 31/2/2022 bị ghi sai; văn bản đúng ngày 1-3-2022', '2022-03-01'],
    ['từ 1/9/2022-27/9/2022', '2022-09-01'],
    ['Ngày 27/\u200B9/2022', '2022-09-27'],
    ['Ngày 27 tháng 9 năm 2022'.normalize('NFD'), '2022-09-27'],
  ])('finds the date in %j', (text, expected) => {
    expect(findFirstVietnameseDate(text)).toBe(expected);
  });

  it('returns null when there is no real date', () => {
    expect(findFirstVietnameseDate('Không có ngày tháng nào ở đây')).toBeNull();
    expect(findFirstVietnameseDate('')).toBeNull();
    expect(findFirstVietnameseDate('Ngày 31/2/2022')).toBeNull();
    expect(findFirstVietnameseDate('Ngày 27/9/22')).toBeNull();
    expect(findFirstVietnameseDate('27/9-2022')).toBeNull();
  });

  it('does not take digits out of longer numbers or document numbers', () => {
    expect(findFirstVietnameseDate('Mã hồ sơ 127/9/20225')).toBeNull();
    expect(findFirstVietnameseDate('Số 12/10/2022/QĐ-UBND')).toBeNull();
    expect(findFirstVietnameseDate('Nghị định 15/2020/NĐ-CP')).toBeNull();
  });
});
