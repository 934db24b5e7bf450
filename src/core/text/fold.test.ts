import { describe, expect, it } from 'vitest';
import { foldText } from './fold.ts';
import { PROVINCES } from './provinces.fixture.ts';

describe('foldText', () => {
  it.each([
    ['Lạng Sơn', 'lang son'],
    ['LẠNG SƠN', 'lang son'],
    ['lăng sơn', 'lang son'],
    ['Đắk Lắk', 'dak lak'],
    ['Đắk Nông', 'dak nong'],
    ['ĐẮK LẮK', 'dak lak'],
    ['Đà Nẵng', 'da nang'],
    ['Thừa Thiên Huế', 'thua thien hue'],
    ['Bà Rịa - Vũng Tàu', 'ba ria - vung tau'],
    ['Quảng Ngãi', 'quang ngai'],
    ['Hải Dương', 'hai duong'],
    ['Bắc Kạn', 'bac kan'],
    ['Hồ Chí Minh', 'ho chi minh'],
    ['KIÊN GIANG', 'kien giang'],
    ['ặ ỡ ự ậ', 'a o u a'],
    ['Đặng Ngỡ Lực Vận', 'dang ngo luc van'],
  ])('folds %s to %s', (input, expected) => {
    expect(foldText(input)).toBe(expected);
  });

  it('folds both tone placements equally', () => {
    expect(foldText('Thanh Hoá')).toBe('thanh hoa');
    expect(foldText('Thanh Hóa')).toBe('thanh hoa');
    expect(foldText('Khánh Hoà')).toBe(foldText('Khánh Hòa'));
  });

  it('folds NFD input like NFC input', () => {
    expect(foldText('LẠNG SƠN'.normalize('NFD'))).toBe('lang son');
    for (const { name } of PROVINCES) {
      expect(foldText(name.normalize('NFD'))).toBe(foldText(name));
    }
  });

  it('folds every province to plain ASCII', () => {
    for (const { name, slug } of PROVINCES) {
      expect(foldText(name)).toMatch(/^[a-z -]+$/);
      // the fixture slugs are the folded names with spaces and " - " as hyphens
      expect(foldText(name).replace(/[ -]+/g, '-')).toBe(slug);
    }
  });

  it('removes soft hyphens and zero-width characters', () => {
    expect(foldText('Dư\u00ADơng')).toBe('duong');
    expect(foldText('Hải Dư\u00ADơng')).toBe('hai duong');
    expect(foldText('Lạng\u200BSơn')).toBe('langson');
    expect(foldText('\uFEFFHuế')).toBe('hue');
  });

  it('turns no-break spaces into spaces but does not trim or collapse', () => {
    expect(foldText('Lạng\u00A0Sơn')).toBe('lang son');
    expect(foldText('  Lạng  Sơn ')).toBe('  lang  son ');
  });

  it('is idempotent and leaves digits and punctuation', () => {
    expect(foldText('Số 15/2020/NĐ-CP')).toBe('so 15/2020/nd-cp');
    expect(foldText(foldText('Thừa Thiên Huế'))).toBe('thua thien hue');
    expect(foldText('')).toBe('');
  });
});
