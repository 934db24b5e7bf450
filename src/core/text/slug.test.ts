import { describe, expect, it } from 'vitest';
import { PROVINCES } from './provinces.fixture.ts';
import { slugify, uniqueSlug } from './slug.ts';

// 80 characters exactly: "…-thong-tin" ends at position 80 and is followed by "-doi-ngoai…".
const LONG_TITLE =
  'Ủy ban nhân dân tỉnh Thừa Thiên Huế tổ chức hội nghị tổng kết công tác thông tin đối ngoại năm 2022 và triển khai nhiệm vụ năm 2023';
const LONG_SLUG_80 = 'uy-ban-nhan-dan-tinh-thua-thien-hue-to-chuc-hoi-nghi-tong-ket-cong-tac-thong-tin';

describe('slugify', () => {
  it.each([
    ['Hội nghị tập huấn nghiệp vụ công tác thông tin', 'hoi-nghi-tap-huan-nghiep-vu-cong-tac-thong-tin'],
    ['Bà Rịa - Vũng Tàu', 'ba-ria-vung-tau'],
    ['Sở TTTT Lạng Sơn', 'so-tttt-lang-son'],
    ['Thanh Hoá', 'thanh-hoa'],
    ['Khánh Hoà', 'khanh-hoa'],
    ['Hoà Bình', 'hoa-binh'],
    ['TP. Hồ Chí Minh', 'tp-ho-chi-minh'],
    ['Nghị định 15/2020/NĐ-CP', 'nghi-dinh-15-2020-nd-cp'],
    ['  --Xin chào!--  ', 'xin-chao'],
    ['“Đặc sản” ỡ ự ậ', 'dac-san-o-u-a'],
    ['Hải Dư\u00ADơng', 'hai-duong'],
    ['Lạng\u200B Sơn', 'lang-son'],
    ['Lạng\u00A0Sơn', 'lang-son'],
  ])('slugifies %j to %s', (input, expected) => {
    expect(slugify(input)).toBe(expected);
  });

  it('gives every province its slug from NFC, NFD and upper-case input', () => {
    expect(PROVINCES).toHaveLength(63);
    for (const { name, slug } of PROVINCES) {
      expect(slugify(name)).toBe(slug);
      expect(slugify(name.normalize('NFD'))).toBe(slug);
      expect(slugify(name.toUpperCase())).toBe(slug);
    }
  });

  it('gives "" for empty input and input without letters or digits', () => {
    expect(slugify('')).toBe('');
    expect(slugify('   ')).toBe('');
    expect(slugify('!!! — … ???')).toBe('');
    expect(slugify('\u200B\uFEFF')).toBe('');
  });

  it('cuts at the default 80 characters on a word boundary', () => {
    expect(slugify(LONG_TITLE)).toBe(LONG_SLUG_80);
    expect(slugify(LONG_TITLE, 79)).toBe('uy-ban-nhan-dan-tinh-thua-thien-hue-to-chuc-hoi-nghi-tong-ket-cong-tac-thong');
  });

  it('never cuts inside a word and never ends with a hyphen', () => {
    const title = 'Hội nghị tập huấn nghiệp vụ công tác thông tin';
    // "hoi-nghi-tap-huan-nghiep…": the hyphen after "huan" is at position 18
    expect(slugify(title, 16)).toBe('hoi-nghi-tap');
    expect(slugify(title, 17)).toBe('hoi-nghi-tap-huan');
    expect(slugify(title, 18)).toBe('hoi-nghi-tap-huan');
    expect(slugify(title, 20)).toBe('hoi-nghi-tap-huan');
  });

  it('cuts a single word longer than maxLength mid-word', () => {
    expect(slugify('Supercalifragilistic', 5)).toBe('super');
    expect(slugify('a'.repeat(100))).toBe('a'.repeat(80));
  });

  it('refuses a maxLength that is not an integer ≥ 1', () => {
    expect(() => slugify('Huế', 0)).toThrow(RangeError);
    expect(() => slugify('Huế', -1)).toThrow(RangeError);
    expect(() => slugify('Huế', 1.5)).toThrow(RangeError);
    expect(() => slugify('Huế', Number.NaN)).toThrow(RangeError);
  });
});

describe('uniqueSlug', () => {
  it('returns the base when it is free', async () => {
    expect(await uniqueSlug('tin-tuc', () => false)).toBe('tin-tuc');
  });

  it('appends -2, -3… to the first free number', async () => {
    const taken = new Set(['tin-tuc', 'tin-tuc-2']);
    expect(await uniqueSlug('tin-tuc', (c) => taken.has(c))).toBe('tin-tuc-3');
  });

  it('reaches two-digit suffixes', async () => {
    const taken = new Set(['a', 'a-2', 'a-3', 'a-4', 'a-5', 'a-6', 'a-7', 'a-8', 'a-9']);
    expect(await uniqueSlug('a', (c) => taken.has(c))).toBe('a-10');
  });

  it('works with an async check and asks in order', async () => {
    const asked: string[] = [];
    const result = await uniqueSlug('da-nang', async (c) => {
      asked.push(c);
      return c !== 'da-nang-3';
    });
    expect(result).toBe('da-nang-3');
    expect(asked).toEqual(['da-nang', 'da-nang-2', 'da-nang-3']);
  });

  it('shortens the base at a word boundary so the suffix fits in maxLength', async () => {
    const result = await uniqueSlug(LONG_SLUG_80, (c) => c === LONG_SLUG_80);
    expect(result).toBe('uy-ban-nhan-dan-tinh-thua-thien-hue-to-chuc-hoi-nghi-tong-ket-cong-tac-thong-2');
    expect(result.length).toBeLessThanOrEqual(80);
  });

  it('refuses an empty base or one longer than maxLength', async () => {
    await expect(uniqueSlug('', () => false)).rejects.toThrow(RangeError);
    await expect(uniqueSlug('hoi-nghi', () => false, 5)).rejects.toThrow(RangeError);
  });

  it('gives up when every candidate is taken', async () => {
    await expect(uniqueSlug('tin-tuc', () => true)).rejects.toThrow(/all taken/);
  });
});
