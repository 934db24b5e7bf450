import { describe, expect, it } from 'vitest';
import { diffBody } from './body-diff.ts';
import { bodyBlocks } from './body-text.ts';
import { sideText } from './word-diff.ts';

describe('bodyBlocks', () => {
  it('reads paragraphs, headings, list items and captions as separate lines, without tags', () => {
    const html =
      '<h2>Kết quả chuyển đổi số</h2><p>Năm 2022, tỉnh <strong>Lạng Sơn</strong> đạt&nbsp;nhiều kết quả.</p>' +
      '<ul><li>Dịch vụ công &amp; thủ tục</li><li>Chữ ký số</li></ul>' +
      '<figure><img src="/media/1/a.jpg" alt="Hội nghị tổng kết"><figcaption>Quang cảnh hội nghị</figcaption></figure>';
    expect(bodyBlocks(html)).toEqual([
      { kind: 'h2', text: 'Kết quả chuyển đổi số' },
      { kind: 'p', text: 'Năm 2022, tỉnh Lạng Sơn đạt nhiều kết quả.' },
      { kind: 'li', text: 'Dịch vụ công & thủ tục' },
      { kind: 'li', text: 'Chữ ký số' },
      { kind: 'img', text: '[Ảnh: Hội nghị tổng kết]' },
      { kind: 'figcaption', text: 'Quang cảnh hội nghị' },
    ]);
  });

  it('decodes numeric character references to the letters they stand for', () => {
    expect(bodyBlocks('<p>L&#7841;ng S&#x01A1;n</p>')).toEqual([{ kind: 'p', text: 'Lạng Sơn' }]);
  });
});

describe('diffBody', () => {
  const before =
    '<h2>Hội nghị tại Lạng Sơn</h2>' +
    '<p>Sáng 27/9, Sở Thông tin và Truyền thông tỉnh Lạng Sơn tổ chức hội nghị.</p>' +
    '<p>Đoạn này sẽ bị xoá khỏi bài.</p>' +
    '<ul><li>Mục một</li><li>Mục hai</li></ul>';
  const after =
    '<h2>Hội nghị tại Lạng Sơn</h2>' +
    '<p>Một đoạn hoàn toàn mới được thêm vào đầu bài.</p>' +
    '<p>Sáng 27/9, Sở Thông tin và Truyền thông tỉnh Lạng Sơn đã tổ chức hội nghị trực tuyến.</p>' +
    '<ul><li>Mục một</li><li>Mục <em>hai</em></li></ul>';

  it('compares block by block: an added paragraph, an edited one (word by word), a removed one', () => {
    const diff = diffBody(before, after);
    expect(diff.blocks.map((b) => [b.kind, b.change])).toEqual([
      ['h2', 'equal'],
      ['p', 'insert'],
      ['p', 'changed'],
      ['p', 'delete'],
      ['li', 'equal'],
      ['li', 'equal'],
    ]);
    const edited = diff.blocks[2]!;
    expect(edited.parts.filter((p) => p.op !== 'equal').map((p) => [p.op, p.text.trim()])).toEqual([
      ['insert', 'đã'],
      ['insert', 'trực tuyến'],
    ]);
  });

  it('does not see a change when only the markup changed (tags are not words)', () => {
    const diff = diffBody('<p>Mục <b>hai</b></p>', '<p>Mục <em>hai</em></p>');
    expect(diff.blocks.map((b) => b.change)).toEqual(['equal']);
  });

  it('gives text parts that rebuild both bodies line by line', () => {
    const diff = diffBody(before, after);
    expect(sideText(diff.parts, 'old')).toBe(
      'Hội nghị tại Lạng Sơn\nSáng 27/9, Sở Thông tin và Truyền thông tỉnh Lạng Sơn tổ chức hội nghị.\nĐoạn này sẽ bị xoá khỏi bài.\nMục một\nMục hai\n',
    );
    expect(sideText(diff.parts, 'new')).toBe(
      'Hội nghị tại Lạng Sơn\nMột đoạn hoàn toàn mới được thêm vào đầu bài.\nSáng 27/9, Sở Thông tin và Truyền thông tỉnh Lạng Sơn đã tổ chức hội nghị trực tuyến.\nMục một\nMục hai\n',
    );
  });

  it('renders escaped HTML, one block per paragraph, with <ins> and <del>', () => {
    // Text that looks like markup (stored escaped, as the sanitiser leaves it) stays text.
    const diff = diffBody('<p>Tiêu đề cũ &lt;b&gt;đậm&lt;/b&gt;</p>', '<p>Tiêu đề mới &lt;img src=x onerror=alert(1)&gt;</p>');
    expect(diff.html.startsWith('<p class="diff-block diff-block--changed" data-kind="p">Tiêu đề <del>cũ</del><ins>mới</ins> &lt;')).toBe(true);
    expect(diff.html).toContain('<ins>img src=x onerror=alert(1)</ins>');
    expect(diff.html).not.toMatch(/<img|<b>/);
    // Only our own elements are markup: p, ins, del.
    expect([...diff.html.matchAll(/<\/?([a-z]+)/g)].map((m) => m[1]).every((t) => ['p', 'ins', 'del'].includes(t!))).toBe(true);
  });

  it('finds an NFD body equal to the same body in NFC', () => {
    const diff = diffBody(before.normalize('NFD'), before);
    expect(diff.blocks.every((b) => b.change === 'equal')).toBe(true);
  });
});
