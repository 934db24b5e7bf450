import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.ts';
import { canonicalJson, findDateTime, importHash, resolvePublishedTime, toItemError } from './import.ts';
import { parseImportedArticle } from './imported-article.schema.ts';

const valid = {
  importKey: 'k-1',
  title: 'Tiêu đề',
  bodyHtml: '<p>Nội dung</p>',
  publishedAt: '2022-09-27T14:05:00+07:00',
  publishedPrecision: 'minute',
  categoryNames: ['Tin hoạt động'],
  tags: [],
};

describe('parseImportedArticle', () => {
  it('normalises: NFC, collapsed single-line fields, UTC instant, defaults, blanks dropped', () => {
    const a = parseImportedArticle({
      ...valid,
      title: '  Ha\u0300  Nội\u00a0 ',
      lead: '   ',
      byline: null,
      categoryNames: [' Tin hoạt động ', 'tin hoạt động', ''],
      tags: ['Chuyển đổi số', 'chuyển đổi số'],
      figures: [],
    });
    expect(a).toEqual({
      importKey: 'k-1',
      title: 'Hà Nội',
      lead: undefined,
      bodyHtml: '<p>Nội dung</p>',
      byline: undefined,
      sourceName: undefined,
      sourceUrl: undefined,
      publishedAt: '2022-09-27T07:05:00.000Z',
      publishedPrecision: 'minute',
      categoryNames: ['Tin hoạt động'],
      tags: ['Chuyển đổi số'],
      type: 'news',
      figures: undefined,
    });
  });

  it('names every bad field, in Vietnamese', () => {
    try {
      parseImportedArticle({ ...valid, title: ' ', publishedAt: '2022-09-27T14:05:00', publishedPrecision: 'hour', sourceUrl: 'javascript:alert(1)', type: 'blog' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      const issues = (e as ValidationError).issues;
      expect(issues.map((i) => i.path).sort()).toEqual(['publishedAt', 'publishedPrecision', 'sourceUrl', 'title', 'type']);
      expect(issues.find((i) => i.path === 'title')!.message).toBe('Tiêu đề (title): không được để trống');
      expect(issues.find((i) => i.path === 'publishedAt')!.message).toMatch(/^Thời điểm đăng \(publishedAt\): .*múi giờ/);
    }
  });

  it('reports a missing field as missing, and a body without lead as empty', () => {
    const issuesOf = (input: unknown) => {
      try {
        parseImportedArticle(input);
        return [];
      } catch (e) {
        return (e as ValidationError).issues;
      }
    };
    const { importKey: _drop, ...withoutKey } = valid;
    expect(issuesOf(withoutKey)).toEqual([{ path: 'importKey', message: 'Khoá nhập (importKey): bắt buộc, đang thiếu' }]);
    expect(issuesOf({ ...valid, bodyHtml: '' })[0]!.path).toBe('bodyHtml');
    expect(issuesOf({ ...valid, bodyHtml: '', lead: 'Sapo.' })).toEqual([]);
    expect(issuesOf({ ...valid, categoryNames: ['x'.repeat(201)] })[0]!.path).toBe('categoryNames.0');
  });
});

describe('canonicalJson and importHash', () => {
  it('ignores key order and undefined properties', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: undefined } })).toBe('{"a":{"d":[1,{"x":1,"y":2}]},"b":1}');
    const a = parseImportedArticle(valid);
    const reordered = Object.fromEntries(Object.entries(a).reverse()) as typeof a;
    expect(importHash(reordered)).toBe(importHash(a));
    expect(importHash({ ...a, title: 'Khác' })).not.toBe(importHash(a));
    expect(importHash(a)).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('resolvePublishedTime', () => {
  it('reads dates as Vietnam midnight with day precision', () => {
    expect(resolvePublishedTime('2022-09-27')).toEqual({ publishedAt: '2022-09-26T17:00:00.000Z', publishedPrecision: 'day' });
    expect(resolvePublishedTime('27/9/2022')).toEqual({ publishedAt: '2022-09-26T17:00:00.000Z', publishedPrecision: 'day' });
  });
  it('reads instants and Vietnam wall times with minute precision', () => {
    expect(resolvePublishedTime('2026-02-03T13:45:00+00:00')).toEqual({ publishedAt: '2026-02-03T13:45:00.000Z', publishedPrecision: 'minute' });
    expect(resolvePublishedTime('27/9/2022 14:05')).toEqual({ publishedAt: '2022-09-27T07:05:00.000Z', publishedPrecision: 'minute' });
    expect(resolvePublishedTime(new Date('2022-09-27T07:05:00Z')).publishedPrecision).toBe('minute');
  });
  it('refuses guesses and nonsense, naming the field', () => {
    for (const bad of ['2022-09-27T14:05', '31/2/2022', 'hôm qua', '']) {
      try {
        resolvePublishedTime(bad, 'date');
        expect.unreachable(bad);
      } catch (e) {
        expect(e, bad).toBeInstanceOf(ValidationError);
        expect((e as ValidationError).issues[0]!.path).toBe('date');
      }
    }
  });
});

describe('findDateTime', () => {
  it('finds date and time in datelines, in either order', () => {
    expect(findDateTime('Thứ Tư, 15/03/2023 - 08:30')?.publishedAt).toBe('2023-03-15T01:30:00.000Z');
    expect(findDateTime('Cập nhật lúc 14:30, ngày 20/11/2023')?.publishedAt).toBe('2023-11-20T07:30:00.000Z');
    expect(findDateTime('20/11/2023 | 14h30')?.publishedAt).toBe('2023-11-20T07:30:00.000Z');
    expect(findDateTime('Ngày 20/11/2023')).toBeNull();
    expect(findDateTime('32/11/2023 10:00')).toBeNull();
  });
});

describe('toItemError', () => {
  it('takes the first issue of a ValidationError and mentions the others', () => {
    const e = new ValidationError([
      { path: 'title', message: 'Tiêu đề (title): không được để trống' },
      { path: 'publishedAt', message: '…' },
    ]);
    expect(toItemError(e)).toEqual({ field: 'title', message: 'Tiêu đề (title): không được để trống (và 1 lỗi khác: publishedAt)' });
    expect(toItemError(new Error('hỏng'), 'json')).toEqual({ field: 'json', message: 'hỏng' });
  });
});
