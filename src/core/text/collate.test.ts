import { describe, expect, it } from 'vitest';
import { compareVietnamese, sortVietnamese } from './collate.ts';
import { PROVINCES } from './provinces.fixture.ts';

const NAMES = PROVINCES.map((p) => p.name);

describe('the runtime collator', () => {
  it('has Vietnamese collation data (a Node without full ICU would fall back to root order)', () => {
    expect(new Intl.Collator('vi').resolvedOptions().locale).toBe('vi');
  });
});

describe('compareVietnamese', () => {
  it('orders the letters a ă â, d đ, e ê, o ô ơ, u ư', () => {
    const letters = ['a', 'ă', 'â', 'b', 'c', 'd', 'đ', 'e', 'ê', 'g', 'o', 'ô', 'ơ', 'p', 'u', 'ư', 'v'];
    for (let i = 1; i < letters.length; i++) {
      expect(compareVietnamese(letters[i - 1]!, letters[i]!)).toBeLessThan(0);
    }
  });

  it('puts "Đà Nẵng" after every word starting with d and before E', () => {
    const names = ['Ea Súp', 'Đà Nẵng', 'Duy Xuyên', 'Dầu Tiếng', 'Dak Mil'];
    expect([...names].sort(compareVietnamese)).toEqual(['Dak Mil', 'Dầu Tiếng', 'Duy Xuyên', 'Đà Nẵng', 'Ea Súp']);
  });

  it('puts Ơ after Ô after O, and Ư after U', () => {
    expect([...['Ơn', 'Ô Môn', 'Oanh', 'Ứng Hòa', 'Uông Bí']].sort(compareVietnamese)).toEqual([
      'Oanh',
      'Ô Môn',
      'Ơn',
      'Uông Bí',
      'Ứng Hòa',
    ]);
  });

  it('uses tones only to break ties, in dictionary order ngang huyền hỏi ngã sắc nặng', () => {
    expect([...['mạ', 'má', 'mã', 'mả', 'mà', 'ma']].sort(compareVietnamese)).toEqual([
      'ma',
      'mà',
      'mả',
      'mã',
      'má',
      'mạ',
    ]);
    // the letter decides before the tone: "mạ" (a) before "mă" (ă)
    expect(compareVietnamese('mạ', 'mă')).toBeLessThan(0);
  });

  it('compares word by word: a shorter word comes first', () => {
    expect(compareVietnamese('Bà Rịa - Vũng Tàu', 'Bạc Liêu')).toBeLessThan(0);
    expect(compareVietnamese('Hà Tĩnh', 'Hải Dương')).toBeLessThan(0);
  });

  it('compares numbers by value', () => {
    expect(compareVietnamese('Khu phố 2', 'Khu phố 10')).toBeLessThan(0);
  });

  it('treats NFD and NFC spellings as equal, and distinguishes different ones', () => {
    expect(compareVietnamese('Đắk Lắk'.normalize('NFD'), 'Đắk Lắk')).toBe(0);
    expect(compareVietnamese('Lạng Sơn', 'Lăng Sơn')).not.toBe(0);
  });
});

describe('sortVietnamese', () => {
  it('sorts a shuffled list of the 63 provinces into the order a reader expects', () => {
    const shuffled = [
      'Yên Bái', 'Đắk Nông', 'Hồ Chí Minh', 'Cần Thơ', 'Bạc Liêu', 'Thừa Thiên Huế', 'Đà Nẵng',
      'Bắc Kạn', 'Quảng Ngãi', 'Hòa Bình', 'An Giang', 'Thanh Hóa', 'Lâm Đồng',
      'Bà Rịa - Vũng Tàu', 'Đắk Lắk', 'Hải Dương', 'Khánh Hòa', 'Lạng Sơn', 'Tây Ninh', 'Sơn La',
      'Sóc Trăng', 'Bình Định', 'Bình Dương', 'Cao Bằng', 'Cà Mau', 'Hà Tĩnh', 'Hà Nội', 'Hà Nam',
      'Hà Giang', 'Hậu Giang', 'Hải Phòng', 'Hưng Yên', 'Kon Tum', 'Kiên Giang', 'Lào Cai',
      'Lai Châu', 'Long An', 'Nghệ An', 'Nam Định', 'Ninh Thuận', 'Ninh Bình', 'Phú Yên', 'Phú Thọ',
      'Quảng Trị', 'Quảng Ninh', 'Quảng Nam', 'Quảng Bình', 'Thái Nguyên', 'Thái Bình', 'Tiền Giang',
      'Trà Vinh', 'Tuyên Quang', 'Vĩnh Phúc', 'Vĩnh Long', 'Gia Lai', 'Điện Biên', 'Đồng Tháp',
      'Đồng Nai', 'Bến Tre', 'Bắc Ninh', 'Bắc Giang', 'Bình Thuận', 'Bình Phước',
    ];
    expect([...shuffled].sort()).toEqual([...NAMES].sort());
    expect(sortVietnamese(shuffled, (n) => n)).toEqual(NAMES);
  });

  it('sorts objects by a key, returns a new array and leaves the input alone', () => {
    const items = [...PROVINCES].reverse();
    const before = [...items];
    const sorted = sortVietnamese(items, (p) => p.name);
    expect(sorted.map((p) => p.slug)).toEqual(PROVINCES.map((p) => p.slug));
    expect(sorted).not.toBe(items);
    expect(items).toEqual(before);
    expect(sorted[0]).toBe(PROVINCES[0]);
  });

  it('sorts NFD names the same as NFC names', () => {
    const nfd = [...NAMES].reverse().map((n) => n.normalize('NFD'));
    expect(sortVietnamese(nfd, (n) => n).map((n) => n.normalize('NFC'))).toEqual(NAMES);
  });

  it('is stable for equal keys', () => {
    const items = [
      { id: 1, name: 'Huế' },
      { id: 2, name: 'Đà Nẵng' },
      { id: 3, name: 'Huế' },
      { id: 4, name: 'Huế'.normalize('NFD') },
    ];
    expect(sortVietnamese(items, (i) => i.name).map((i) => i.id)).toEqual([2, 1, 3, 4]);
  });
});
