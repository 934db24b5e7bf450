/**
 * Unit tests of how search reads text: tokens, folded and exact keys, queries, body text,
 * snippets, and the PostgreSQL literals built from them. No database.
 */
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../errors.ts';
import { exactVectorLiteral, foldedVectorLiteral } from './postgres-search.ts';
import { buildSearchDocument } from './search-document.ts';
import { MAX_QUERY_LENGTH, parseSearchQuery } from './search-query.ts';
import { bodyText, isMarked, searchTokens, tokenKeys } from './search-text.ts';
import { buildSnippet, highlightText } from './snippet.ts';

describe('searchTokens', () => {
  it('splits Vietnamese into lower-case syllables; NFD and NFC give the same tokens', () => {
    expect(searchTokens('Sở TTTT Lạng Sơn')).toEqual(['sở', 'tttt', 'lạng', 'sơn']);
    expect(searchTokens('Sở TTTT Lạng Sơn'.normalize('NFD'))).toEqual(['sở', 'tttt', 'lạng', 'sơn']);
  });

  it('keeps numbers and splits document numbers at their punctuation', () => {
    expect(searchTokens('Nghị định số 42/2022/NĐ-CP')).toEqual(['nghị', 'định', 'số', '42', '2022', 'nđ', 'cp']);
    expect(searchTokens('COVID-19, 50.605 liều')).toEqual(['covid', '19', '50', '605', 'liều']);
  });

  it('never keeps query syntax: quotes, brackets, *, -, ^, : are separators', () => {
    expect(searchTokens('"Lạng" (Sơn*) -NEAR ^x title:y')).toEqual(['lạng', 'sơn', 'near', 'x', 'title', 'y']);
    expect(searchTokens('!!! ... ???  —  “”')).toEqual([]);
  });

  it('drops marks without a letter (an emoji’s variation selector) and invisible characters', () => {
    expect(searchTokens('😀 🌧️')).toEqual([]);
    expect(searchTokens('chuyển\u00ADđổi')).toEqual(['chuyểnđổi']);
    expect(searchTokens('chuyển\u200B đổi')).toEqual(['chuyển', 'đổi']);
  });

  it('cuts very long runs of letters at 64 characters', () => {
    const [token] = searchTokens('a'.repeat(500));
    expect(token).toHaveLength(64);
  });
});

describe('tokenKeys', () => {
  it('folds diacritics and đ for matching', () => {
    expect(tokenKeys('lạng').folded).toBe('lang');
    expect(tokenKeys('lăng').folded).toBe('lang');
    expect(tokenKeys('đà').folded).toBe('da');
  });

  it('keeps letters and tones in the exact key, with the tone as its VNI digit', () => {
    expect(tokenKeys('lạng').exact).toBe('lang5');
    expect(tokenKeys('lăng').exact).toBe('lăng');
    expect(tokenKeys('sơn').exact).toBe('sơn');
    expect(tokenKeys('đà').exact).toBe('đa2');
    expect(tokenKeys('chuyển').exact).toBe('chuyên3');
    expect(tokenKeys('lạng').exact).not.toBe(tokenKeys('lăng').exact);
  });

  it('gives old and new tone placement the same exact key (both are correct Vietnamese)', () => {
    expect(tokenKeys('hoà').exact).toBe(tokenKeys('hòa').exact);
    expect(tokenKeys('thuỷ').exact).toBe(tokenKeys('thủy').exact);
    expect(tokenKeys('khoẻ').exact).toBe(tokenKeys('khỏe').exact);
  });

  it('marks only tokens with a diacritic or đ', () => {
    expect(isMarked(tokenKeys('lang'))).toBe(false);
    expect(isMarked(tokenKeys('covid'))).toBe(false);
    expect(isMarked(tokenKeys('đa'))).toBe(true);
    expect(isMarked(tokenKeys('sơn'))).toBe(true);
  });
});

describe('parseSearchQuery', () => {
  it('normalises and keeps the terms in order, repeats included', () => {
    const q = parseSearchQuery('  Chuyển   đổi số,  số ');
    expect(q.text).toBe('Chuyển đổi số, số');
    expect(q.terms.map((t) => t.token)).toEqual(['chuyển', 'đổi', 'số', 'số']);
    expect(q.terms.map((t) => t.marked)).toEqual([true, true, true, true]);
  });

  it('accepts 200 characters and refuses 201, naming the field', () => {
    expect(parseSearchQuery('a'.repeat(MAX_QUERY_LENGTH)).terms).toHaveLength(1);
    try {
      parseSearchQuery('a '.repeat(101), 'q');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues[0]!.path).toBe('q');
      expect((error as ValidationError).issues[0]!.message).toContain('200');
    }
  });

  it('uses the first 12 words and says so', () => {
    const q = parseSearchQuery('một hai ba bốn năm sáu bảy tám chín mười mười một mười hai');
    expect(q.terms).toHaveLength(12);
    expect(q.truncated).toBe(true);
  });

  it('has no terms for empty or punctuation-only text', () => {
    expect(parseSearchQuery('').terms).toEqual([]);
    expect(parseSearchQuery('  *** ').terms).toEqual([]);
  });
});

describe('bodyText', () => {
  it('reads a stored body as text: links and emphasis inline, blocks separated, entities decoded', () => {
    expect(bodyText('<p>Đọc toàn văn tại <a href="https://x.vn">x.vn</a>.</p><p>Tiếp&nbsp;theo &amp; hết</p>')).toBe('Đọc toàn văn tại x.vn. Tiếp theo & hết');
    expect(bodyText('<h2>Chương I</h2><p>Điều <strong>1</strong>.</p><script>alert(1)</script>')).toBe('Chương I Điều 1.');
    expect(bodyText('')).toBe('');
  });
});

describe('snippets and highlights', () => {
  const keys = (q: string) => {
    const parsed = parseSearchQuery(q);
    return { folded: new Set(parsed.terms.map((t) => t.folded)), exact: new Set(parsed.terms.filter((t) => t.marked).map((t) => t.exact)), phrase: parsed.terms.map((t) => t.folded) };
  };

  it('marks words as written, whatever was typed, and escapes everything else', () => {
    expect(highlightText('Sở TTTT Lạng Sơn <b>&', keys('lang son'))).toBe('Sở TTTT <mark>Lạng</mark> <mark>Sơn</mark> &lt;b&gt;&amp;');
    expect(highlightText('<script>alert("Lạng")</script>', keys('lạng'))).toBe('&lt;script&gt;alert(&quot;<mark>Lạng</mark>&quot;)&lt;/script&gt;');
  });

  it('takes the window where the query is a phrase, with ellipses where text was left out', () => {
    const filler = 'Nội dung không liên quan đến chủ đề. '.repeat(12);
    const text = `Sở có phòng chuyển giao và đổi mới. ${filler}Nâng cao nhận thức về chuyển đổi số trong toàn ngành. ${filler}`;
    const snippet = buildSnippet(text, keys('chuyển đổi số'), 120);
    expect(snippet.startsWith('…')).toBe(true);
    expect(snippet.endsWith('…')).toBe(true);
    expect(snippet).toContain('<mark>chuyển</mark> <mark>đổi</mark> <mark>số</mark>');
  });

  it('prefers the words in their exact form', () => {
    const filler = ' Một đoạn văn khác để tách xa hai chỗ trong bài này.'.repeat(10);
    const text = `Lăng Sơn là tên một ngọn núi.${filler} Đoàn công tác đến Lạng Sơn.`;
    expect(buildSnippet(text, keys('Lạng Sơn'), 80)).toContain('<mark>Lạng</mark> <mark>Sơn</mark>');
  });

  it('begins at the start of the text when only the title matched', () => {
    expect(buildSnippet('Đoạn mở đầu của bài viết.', keys('nobel'))).toBe('Đoạn mở đầu của bài viết.');
  });
});

describe('search documents and PostgreSQL literals', () => {
  it('folds each section and keeps each marked exact key once per section', () => {
    const doc = buildSearchDocument({ title: 'Lạng Sơn, Lạng Sơn', lead: 'Sở TTTT', body: '<p>Trung tâm Công nghệ số</p>', tagNames: ['Chuyển đổi số'] });
    expect(doc.title).toEqual(['lang', 'son', 'lang', 'son']);
    expect(doc.exactTitle).toEqual(['lang5', 'sơn']);
    expect(doc.lead).toEqual(['so', 'tttt', 'chuyen', 'doi', 'so']);
    expect(doc.exactLead).toEqual(['sơ3', 'chuyên3', 'đôi3', 'sô1']);
    expect(doc.body).toEqual(['trung', 'tam', 'cong', 'nghe', 'so']);
  });

  it('writes positions and weights, with a gap between sections, capped as PostgreSQL requires', () => {
    const doc = buildSearchDocument({ title: 'Lạng Sơn', lead: 'Lạng Sơn', body: '<p>sơn</p>', tagNames: [] });
    expect(foldedVectorLiteral(doc)).toBe("'lang':1A,4B 'son':2A,5B,7");
    expect(exactVectorLiteral(doc)).toBe("'lang5':1A,3B 'sơn':2A,4B,5");
    const long = buildSearchDocument({ title: '', lead: null, body: `<p>${'và '.repeat(20_000)}</p>`, tagNames: [] });
    const positions = foldedVectorLiteral(long).split(':')[1]!.split(',');
    expect(positions).toHaveLength(255);
    expect(foldedVectorLiteral({ ...long, body: [...long.body, 'cuoi'] })).toMatch(/'cuoi':16383$/);
  });
});
