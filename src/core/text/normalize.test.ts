import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.ts';
import { normalizeInput, normalizeText, normalizeWhitespace } from './normalize.ts';
import { PROVINCES } from './provinces.fixture.ts';

describe('normalizeText', () => {
  it('turns NFD input into the same string as NFC input for every province', () => {
    for (const { name } of PROVINCES) {
      const nfd = name.normalize('NFD');
      expect(normalizeText(nfd)).toBe(name);
      expect(normalizeText(name)).toBe(name);
    }
  });

  it('composes stacked marks: "Đắk Lắk" is 11 code units in NFD and 7 after', () => {
    const nfd = 'Đắk Lắk'.normalize('NFD');
    expect(nfd).toHaveLength(11);
    expect(normalizeText(nfd)).toHaveLength(7);
    // a + breve + dot below, o + horn + tilde, u + horn + dot below, a + circumflex + dot below
    expect(normalizeText('a\u0306\u0323 o\u031B\u0303 u\u031B\u0323 a\u0302\u0323')).toBe('ặ ỡ ự ậ');
    // the marks may arrive in the other canonical order
    expect(normalizeText('a\u0323\u0306')).toBe('ặ');
  });

  it('removes zero-width characters, joiners, BOM and direction marks', () => {
    expect(normalizeText('\uFEFFTiêu đề')).toBe('Tiêu đề');
    expect(normalizeText('Hà\u200BNội')).toBe('HàNội');
    expect(normalizeText('a\u200Cb\u200Dc\u2060d\u200Ee\u200Ff')).toBe('abcdef');
  });

  it('lets a letter and its mark compose when a zero-width space sat between them', () => {
    expect(normalizeText('Ha\u200B\u0300 Nội')).toBe('Hà Nội');
  });

  it('removes NUL and other control characters but keeps tabs and line breaks', () => {
    expect(normalizeText('Lạng\u0000 Sơn\u0007\u001B\u007F')).toBe('Lạng Sơn');
    expect(normalizeText('đoạn 1\nđoạn 2\r\n\tthụt')).toBe('đoạn 1\nđoạn 2\r\n\tthụt');
  });

  it('turns no-break spaces into ordinary spaces', () => {
    expect(normalizeText('Hà\u00A0Nội')).toBe('Hà Nội');
    expect(normalizeText('10\u202F000')).toBe('10 000');
  });

  it('changes nothing else: no trimming, no case change, tone placement and typos kept', () => {
    expect(normalizeText('  Hà  Nội \n')).toBe('  Hà  Nội \n');
    expect(normalizeText('hoà')).toBe('hoà');
    expect(normalizeText('hòa')).toBe('hòa');
    expect(normalizeText('hoà')).not.toBe(normalizeText('hòa'));
    expect(normalizeText('Thủ tướng Chíng phủ')).toBe('Thủ tướng Chíng phủ');
    expect(normalizeText('co\u00ADoperation')).toBe('co\u00ADoperation');
    expect(normalizeText('')).toBe('');
  });
});

describe('normalizeWhitespace', () => {
  it('collapses whitespace runs, including no-break spaces and line breaks, and trims', () => {
    expect(normalizeWhitespace('  Hội\u00A0nghị \n\t tập   huấn  ')).toBe('Hội nghị tập huấn');
  });

  it('also normalises the text', () => {
    expect(normalizeWhitespace(' Lạng  Sơn '.normalize('NFD'))).toBe('Lạng Sơn');
    expect(normalizeWhitespace('a\u200B b')).toBe('a b');
    expect(normalizeWhitespace(' \u00A0\n ')).toBe('');
  });
});

describe('normalizeInput', () => {
  it('normalises strings deep inside objects and arrays', () => {
    const input = {
      title: 'Lạng Sơn'.normalize('NFD'),
      tags: ['Hà\u00A0Nội', { label: '\uFEFFĐà Nẵng' }],
      views: 12,
      pinned: false,
      summary: null,
      missing: undefined,
    };
    expect(normalizeInput(input)).toEqual({
      title: 'Lạng Sơn',
      tags: ['Hà Nội', { label: 'Đà Nẵng' }],
      views: 12,
      pinned: false,
      summary: null,
      missing: undefined,
    });
  });

  it('normalises a bare string', () => {
    expect(normalizeInput('Huế'.normalize('NFD'))).toBe('Huế');
  });

  it('does not mutate its input, even when frozen', () => {
    const inner = Object.freeze(['Huế'.normalize('NFD')]);
    const input = Object.freeze({ names: inner });
    const out = normalizeInput(input);
    expect(out).toEqual({ names: ['Huế'] });
    expect(out).not.toBe(input);
    expect(out.names).not.toBe(inner);
    expect(inner[0]).toBe('Huế'.normalize('NFD'));
  });

  it('leaves values that are not plain objects or arrays as the same reference', () => {
    class Draft {
      title = 'Huế'.normalize('NFD');
    }
    const date = new Date('2022-09-27T07:05:00Z');
    const map = new Map([['k', 'Huế'.normalize('NFD')]]);
    const draft = new Draft();
    const out = normalizeInput({ date, map, draft });
    expect(out.date).toBe(date);
    expect(out.map).toBe(map);
    expect(out.draft).toBe(draft);
    expect(out.draft.title).toBe('Huế'.normalize('NFD'));
  });

  it('normalises keys, so a CSV header starting with a BOM becomes a normal key', () => {
    expect(normalizeInput({ '\uFEFFtiêu_đề': 'x' })).toEqual({ 'tiêu_đề': 'x' });
  });

  it('refuses two keys that become equal, naming the key', () => {
    const input = { title: 'a', '\uFEFFtitle': 'b' };
    expect(() => normalizeInput(input)).toThrow(ValidationError);
    let caught: unknown;
    try {
      normalizeInput({ meta: [input] });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ValidationError);
    expect((caught as ValidationError).issues).toEqual([
      { path: 'meta[0].title', message: expect.any(String) },
    ]);
  });

  it('keeps a JSON "__proto__" key as an own property without changing the prototype', () => {
    const input = JSON.parse('{"__proto__": {"polluted": "có"}, "a": "b"}') as Record<string, unknown>;
    const out = normalizeInput(input);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.prototype.hasOwnProperty.call(out, '__proto__')).toBe(true);
    expect((out as { polluted?: unknown }).polluted).toBeUndefined();
  });

  it('keeps objects without a prototype prototype-less', () => {
    const input = Object.assign(Object.create(null) as Record<string, string>, { a: 'Huế'.normalize('NFD') });
    const out = normalizeInput(input);
    expect(Object.getPrototypeOf(out)).toBeNull();
    expect(out.a).toBe('Huế');
  });

  it('throws a TypeError on a cycle instead of overflowing the stack', () => {
    const input: Record<string, unknown> = { a: 'x' };
    input.self = input;
    expect(() => normalizeInput(input)).toThrow(TypeError);
  });

  it('accepts the same object twice when it is not a cycle', () => {
    const shared = { name: 'Huế'.normalize('NFD') };
    expect(normalizeInput([shared, shared])).toEqual([{ name: 'Huế' }, { name: 'Huế' }]);
  });
});
