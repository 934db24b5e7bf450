import { describe, it, expect } from 'vitest';
import { ValidationError } from '../errors.ts';
import { parseMediaText, parseMediaVariants } from './media.schema.ts';

function issuesOf(input: unknown): { path: string; message: string }[] {
  try {
    parseMediaText(input);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).issues;
  }
  throw new Error('expected a ValidationError');
}

describe('parseMediaText', () => {
  it('normalises to NFC, trims, and turns blank optional text into null', () => {
    const nfd = 'Toàn cảnh hội nghị'.normalize('NFD');
    expect(parseMediaText({ alt: `  ${nfd}  `, caption: '   ', credit: undefined })).toEqual({
      alt: 'Toàn cảnh hội nghị',
      caption: null,
      credit: null,
    });
    expect(parseMediaText({ alt: 'a', caption: ' Ảnh: TTXVN ', credit: 'Nguyễn Văn A', extra: 1 })).toEqual({
      alt: 'a',
      caption: 'Ảnh: TTXVN',
      credit: 'Nguyễn Văn A',
    });
  });

  it('requires alt text, naming the field', () => {
    expect(issuesOf({}).map((i) => i.path)).toEqual(['alt']);
    expect(issuesOf({ alt: '  \n ' }).map((i) => i.path)).toEqual(['alt']);
    expect(issuesOf({ alt: null })[0]!.message).toMatch(/văn bản thay thế/);
    expect(issuesOf(null).map((i) => i.path)).toEqual(['alt']);
  });

  it('limits lengths after normalising: alt 500, caption 1000, credit 200', () => {
    // 500 decomposed characters are 1000 code units in NFD but 500 in NFC: accepted.
    expect(parseMediaText({ alt: 'ả'.normalize('NFD').repeat(500) }).alt).toHaveLength(500);
    const issues = issuesOf({ alt: 'x'.repeat(501), caption: 'x'.repeat(1001), credit: 'x'.repeat(201) });
    expect(issues.map((i) => i.path)).toEqual(['alt', 'caption', 'credit']);
    expect(issuesOf({ alt: 'x', caption: 3 }).map((i) => i.path)).toEqual(['caption']);
  });
});

describe('parseMediaVariants', () => {
  it('parses the stored JSON and refuses anything else', () => {
    expect(parseMediaVariants('[{"width":320,"height":240,"format":"webp","key":"a/b.webp","bytes":12}]')).toHaveLength(1);
    expect(() => parseMediaVariants('nope')).toThrow();
    expect(() => parseMediaVariants('[{"width":320}]')).toThrow();
  });
});
