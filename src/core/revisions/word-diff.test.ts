import { describe, expect, it } from 'vitest';
import { comparableText, diffWords, renderDiffHtml, sideText, wordTokens, type DiffPart } from './word-diff.ts';

const changed = (parts: DiffPart[], op: 'insert' | 'delete') => parts.filter((p) => p.op === op).map((p) => p.text.trim());

/** Both sides of a diff rebuild the two texts exactly (after NFC and whitespace collapsing). */
function expectRebuilds(oldText: string, newText: string, parts: DiffPart[]): void {
  expect(sideText(parts, 'old')).toBe(comparableText(oldText));
  expect(sideText(parts, 'new')).toBe(comparableText(newText));
}

describe('diffWords on Vietnamese text', () => {
  it('shows a changed tone mark as the whole syllable replaced, never a split inside it', () => {
    const before = 'Sở Thông tin và Truyền thông tỉnh Lạng Sơn tổ chức hội nghị.';
    const after = 'Sở Thông tin và Truyền thông tỉnh Lang Sơn tổ chức hội nghị.';
    const parts = diffWords(before, after);
    expect(parts).toEqual([
      { op: 'equal', text: 'Sở Thông tin và Truyền thông tỉnh ' },
      { op: 'delete', text: 'Lạng' },
      { op: 'insert', text: 'Lang' },
      { op: 'equal', text: ' Sơn tổ chức hội nghị.' },
    ]);
    expectRebuilds(before, after, parts);
  });

  it('replaces whole syllables when only the diacritics differ (hỏi/ngã, huyền/sắc)', () => {
    const parts = diffWords('Quảng Ngãi đã triển khai', 'Quãng Ngải đã triễn khai');
    expect(changed(parts, 'delete')).toEqual(['Quảng Ngãi', 'triển']);
    expect(changed(parts, 'insert')).toEqual(['Quãng Ngải', 'triễn']);
    expectRebuilds('Quảng Ngãi đã triển khai', 'Quãng Ngải đã triễn khai', parts);
  });

  it('treats đ and d as different letters: the syllable is replaced', () => {
    const parts = diffWords('Ủy ban nhân dân tỉnh Đắk Lắk', 'Ủy ban nhân dân tỉnh Dắk Lắk');
    expect(parts).toEqual([
      { op: 'equal', text: 'Ủy ban nhân dân tỉnh ' },
      { op: 'delete', text: 'Đắk' },
      { op: 'insert', text: 'Dắk' },
      { op: 'equal', text: ' Lắk' },
    ]);
  });

  it('shows inserted and removed words with their own space, the rest equal', () => {
    const before = 'Sáng 27/9, Bộ Thông tin và Truyền thông tổ chức hội nghị trực tuyến với 63 tỉnh, thành phố.';
    const after = 'Sáng 27/9, Bộ Thông tin và Truyền thông đã tổ chức hội nghị với 63 tỉnh, thành phố trên cả nước.';
    const parts = diffWords(before, after);
    expect(changed(parts, 'insert')).toEqual(['đã', 'trên cả nước']);
    expect(changed(parts, 'delete')).toEqual(['trực tuyến']);
    expect(renderDiffHtml(parts)).toBe(
      'Sáng 27/9, Bộ Thông tin và Truyền thông <ins>đã </ins>tổ chức hội nghị <del>trực tuyến </del>với 63 tỉnh, thành phố<ins> trên cả nước</ins>.',
    );
    expectRebuilds(before, after, parts);
  });

  it('finds NFD and NFC spellings of the same text equal', () => {
    const nfc = 'Nghị định 42/2022/NĐ-CP quy định về việc cung cấp thông tin trên Cổng thông tin điện tử';
    const nfd = nfc.normalize('NFD');
    expect(nfd).not.toBe(nfc);
    expect(diffWords(nfd, nfc)).toEqual([{ op: 'equal', text: nfc }]);
  });

  it('never cuts a combining mark off its letter, even when the input is NFD', () => {
    const parts = diffWords('Thành phố Lạng Sơn'.normalize('NFD'), 'Thành phố Lang Sơn'.normalize('NFD'));
    for (const part of parts) {
      expect(part.text).toBe(part.text.normalize('NFC'));
      expect(part.text).not.toMatch(/^\p{M}/u);
    }
    expect(changed(parts, 'delete')).toEqual(['Lạng']);
  });

  it('keeps punctuation apart from words', () => {
    expect(wordTokens('Hà Nội, ngày 27/9/2022: “Chuyển đổi số”')).toEqual(['Hà', 'Nội', ',', 'ngày', '27', '/', '9', '/', '2022', ':', '“', 'Chuyển', 'đổi', 'số', '”']);
    const parts = diffWords('Hà Nội, ngày 27/9', 'Hà Nội; ngày 27/9');
    expect(changed(parts, 'delete')).toEqual([',']);
    expect(changed(parts, 'insert')).toEqual([';']);
  });

  it('collapses whitespace runs, so re-wrapped text is unchanged', () => {
    const parts = diffWords('Cổng   thông tin\n\tđiện tử\u00a0Bộ', 'Cổng thông tin điện tử Bộ');
    expect(parts).toEqual([{ op: 'equal', text: 'Cổng thông tin điện tử Bộ' }]);
  });

  it('handles empty and missing values', () => {
    expect(diffWords(null, 'Sapo mới')).toEqual([{ op: 'insert', text: 'Sapo mới' }]);
    expect(diffWords('Sapo cũ', '')).toEqual([{ op: 'delete', text: 'Sapo cũ' }]);
    expect(diffWords(null, undefined)).toEqual([]);
  });

  it('escapes article text in the HTML rendering', () => {
    const html = renderDiffHtml(diffWords('Tiêu đề', 'Tiêu đề <script>alert("x")</script> & “trích”'));
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('&amp;');
    expect(html).toMatch(/^Tiêu đề<ins> &lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt; &amp; “trích”<\/ins>$/);
  });

  it('replaces two unrelated long texts wholesale instead of searching for ever', () => {
    const a = Array.from({ length: 3000 }, (_, i) => `từ${i}`).join(' ');
    const b = Array.from({ length: 3000 }, (_, i) => `chữ${i}`).join(' ');
    const parts = diffWords(a, b);
    expectRebuilds(a, b, parts);
    expect(parts.map((p) => p.op)).toEqual(['delete', 'insert']);
  });
});
