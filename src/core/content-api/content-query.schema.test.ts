import { describe, expect, it } from 'vitest';
import { articleListQuery, normalisePeriodText, readPeriodBound, tagListQuery } from './content-query.schema.ts';

describe('readPeriodBound', () => {
  it('reads a date as the whole day in Vietnam (UTC+7)', () => {
    expect(readPeriodBound('2022-09-27', 'start')?.toISOString()).toBe('2022-09-26T17:00:00.000Z');
    expect(readPeriodBound('2022-09-27', 'end')?.toISOString()).toBe('2022-09-27T17:00:00.000Z');
    expect(readPeriodBound('2024-02-29', 'start')?.toISOString()).toBe('2024-02-28T17:00:00.000Z');
    expect(readPeriodBound('9999-12-31', 'end')?.toISOString()).toBe('9999-12-31T17:00:00.000Z');
  });

  it('reads RFC 3339 instants with their offset; the end bound includes the instant itself', () => {
    expect(readPeriodBound('2022-09-27T14:05:00+07:00', 'start')?.toISOString()).toBe('2022-09-27T07:05:00.000Z');
    expect(readPeriodBound('2022-09-27T07:05:00Z', 'end')?.toISOString()).toBe('2022-09-27T07:05:00.001Z');
    expect(readPeriodBound('2022-09-27T07:05z', 'start')?.toISOString()).toBe('2022-09-27T07:05:00.000Z');
    expect(readPeriodBound('2022-09-27T14:05:00.250-03:30', 'start')?.toISOString()).toBe('2022-09-27T17:35:00.250Z');
    // An unencoded "+" in a query string arrives as a space.
    expect(readPeriodBound('2022-09-27T14:05:00 07:00', 'start')?.toISOString()).toBe('2022-09-27T07:05:00.000Z');
    expect(normalisePeriodText(' 2022-09-27T14:05:00 07:00 ')).toBe('2022-09-27T14:05:00+07:00');
    // Past the year 9999 in UTC, a bound stays comparable with stored 24-character instants.
    expect(readPeriodBound('9999-12-31T23:00:00-05:00', 'end')?.toISOString()).toBe('9999-12-31T23:59:59.999Z');
  });

  it.each([
    '2022-02-29', '2022-13-01', '2022-00-10', '2022-9-27', '27/9/2022', '0999-01-01', '99999-01-01', '',
    '2022-09-27T24:00:00+07:00', '2022-09-27T14:60:00+07:00', '2022-09-27T14:05:00', '2022-09-27T14:05:00+15:00',
    '2022-02-30T10:00:00Z', 'hôm qua', "2022-09-27' OR '1'='1", '2022-09-27T14:05:00+07:00 extra',
  ])('refuses %j', (text) => {
    expect(readPeriodBound(text, 'start')).toBeNull();
  });
});

describe('articleListQuery', () => {
  it('gives defaults and typed values', () => {
    expect(articleListQuery.parse({})).toEqual({ page: 1, pageSize: 20 });
    const q = articleListQuery.parse({ site: ' langson ', tag: 'y-te', type: 'brief', page: '3', pageSize: '100', from: '2022-09-01', to: '2022-09-30' });
    expect(q).toEqual({ site: 'langson', tag: 'y-te', type: 'brief', page: 3, pageSize: 100, from: new Date('2022-08-31T17:00:00.000Z'), to: new Date('2022-09-30T17:00:00.000Z') });
  });

  it('names the parameter in Vietnamese for every refusal', () => {
    const result = articleListQuery.safeParse({ page: ['1', '2'], pageSize: '0', type: 'blog', from: '2022-02-30', tag: 'y-te', state: 'draft' });
    expect(result.success).toBe(false);
    const issues = result.error!.issues.map((i) => [i.path.join('.'), i.message]);
    expect(issues).toEqual(
      expect.arrayContaining([
        ['page', 'Tham số “page” chỉ được cho một lần, với một giá trị.'],
        ['pageSize', 'Tham số “pageSize” phải là số nguyên từ 1 đến 100, ví dụ pageSize=2.'],
        ['type', 'Tham số “type” phải là một trong: news, press_release, rebuttal, document, brief, page.'],
        ['from', expect.stringContaining('Tham số “from” phải là một ngày dạng 2022-09-27')],
        ['', 'Không có tham số “state”. Các tham số dùng được: site, category, tag, type, from, to, page, pageSize.'],
      ]),
    );
  });

  it('refuses category and tag without a site, and a period that ends before it starts', () => {
    const result = articleListQuery.safeParse({ category: 'tin-tuc', from: '2022-09-28', to: '2022-09-27' });
    expect(result.error!.issues.map((i) => i.path.join('.')).sort()).toEqual(['category', 'to']);
    expect(articleListQuery.safeParse({ from: '2022-09-27', to: '2022-09-27' }).success).toBe(true);
  });
});

describe('tagListQuery', () => {
  it('requires the site', () => {
    const result = tagListQuery.safeParse({});
    expect(result.error!.issues).toEqual([expect.objectContaining({ path: ['site'], message: expect.stringContaining('Thiếu tham số “site”') })]);
  });
});
