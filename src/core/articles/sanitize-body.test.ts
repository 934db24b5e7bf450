import { describe, expect, it } from 'vitest';
import { paragraphsToHtml, sanitizeArticleHtml } from './sanitize-body.ts';

describe('sanitizeArticleHtml', () => {
  it('keeps the structure of an official news body', () => {
    const html =
      '<h2>Kết quả</h2><p>Đoạn <strong>đậm</strong>, <em>nghiêng</em>, <b>b</b> <i>i</i> <u>u</u> <s>s</s> H<sub>2</sub>O m<sup>2</sup><br>dòng mới</p>' +
      '<ul><li>một</li></ul><ol><li>hai</li></ol><blockquote>Trích dẫn</blockquote><hr>' +
      '<figure><img src="/media/langson/2022/09/a.jpg" alt="Ảnh" width="800" height="600"><figcaption>Chú thích</figcaption></figure>' +
      '<table><caption>Bảng</caption><thead><tr><th scope="col" colspan="2">A</th></tr></thead><tbody><tr><td rowspan="2">1</td><td>2</td></tr></tbody></table>' +
      '<pre><code>mã  nguồn</code></pre><h3>Mục</h3><h4>Tiểu mục</h4>';
    expect(sanitizeArticleHtml(html)).toBe(
      '<h2>Kết quả</h2><p>Đoạn <strong>đậm</strong>, <em>nghiêng</em>, <b>b</b> <i>i</i> <u>u</u> <s>s</s> H<sub>2</sub>O m<sup>2</sup><br />dòng mới</p>' +
        '<ul><li>một</li></ul><ol><li>hai</li></ol><blockquote>Trích dẫn</blockquote><hr />' +
        '<figure><img src="/media/langson/2022/09/a.jpg" alt="Ảnh" width="800" height="600" /><figcaption>Chú thích</figcaption></figure>' +
        '<table><caption>Bảng</caption><thead><tr><th colspan="2" scope="col">A</th></tr></thead><tbody><tr><td rowspan="2">1</td><td>2</td></tr></tbody></table>' +
        '<pre><code>mã  nguồn</code></pre><h3>Mục</h3><h4>Tiểu mục</h4>',
    );
  });

  it('removes scripts, styles and their content', () => {
    const out = sanitizeArticleHtml('<p>a</p><script>alert(1)</script><style>p{color:red}</style><p>b</p><noscript><img src=x></noscript>');
    expect(out).toBe('<p>a</p><p>b</p>');
  });

  it('removes event handlers, style, class and id attributes', () => {
    const out = sanitizeArticleHtml(
      '<p onclick="alert(1)" style="color:red" class="x" id="y" onmouseover="alert(2)">t</p><img src="/media/x.jpg" onerror="alert(1)" onload="alert(2)">',
    );
    expect(out).toBe('<p>t</p><img src="/media/x.jpg" alt="" />');
    expect(out).not.toMatch(/on\w+=|style=|class=/);
  });

  it('refuses javascript:, data: and vbscript: links, also obfuscated', () => {
    const attacks = [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      ' javascript:alert(1)',
      'java&#x09;script:alert(1)',
      'java&#10;script:alert(1)',
      '&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)',
      'javascript&colon;alert(1)',
      'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
      'vbscript:msgbox(1)',
    ];
    for (const href of attacks) {
      const out = sanitizeArticleHtml(`<p><a href="${href}">bấm vào đây</a></p>`);
      expect(out, href).toBe('<p>bấm vào đây</p>');
    }
  });

  it('allows http, https, mailto and site-relative links; external ones get rel="noopener"', () => {
    expect(sanitizeArticleHtml('<a href="https://chinhphu.vn/x" target="_blank" rel="opener">x</a>')).toBe(
      '<a href="https://chinhphu.vn/x" rel="noopener">x</a>',
    );
    expect(sanitizeArticleHtml('<a href="http://chinhphu.vn">x</a>')).toBe('<a href="http://chinhphu.vn" rel="noopener">x</a>');
    expect(sanitizeArticleHtml('<a href="mailto:bbt@example.gov.vn">thư</a>')).toBe('<a href="mailto:bbt@example.gov.vn">thư</a>');
    expect(sanitizeArticleHtml('<a href="/langson/tin-tuc/a">tin</a>')).toBe('<a href="/langson/tin-tuc/a">tin</a>');
  });

  it('refuses protocol-relative and other relative links (they would leave the site)', () => {
    expect(sanitizeArticleHtml('<a href="//evil.example/x">x</a>')).toBe('x');
    expect(sanitizeArticleHtml('<a href="/\\evil.example/x">x</a>')).toBe('x');
    expect(sanitizeArticleHtml('<a href="tin-khac.html">x</a>')).toBe('x');
    expect(sanitizeArticleHtml('<a href="ftp://files.example/x">x</a>')).toBe('x');
  });

  it('keeps images only from http(s) or /media/, with numeric sizes', () => {
    expect(sanitizeArticleHtml('<img src="/media/2022/09/anh.jpg" alt="Ảnh" width="100px" height="50">')).toBe(
      '<img src="/media/2022/09/anh.jpg" alt="Ảnh" height="50" />',
    );
    expect(sanitizeArticleHtml('<p>a<img src="javascript:alert(1)">b</p>')).toBe('<p>ab</p>');
    expect(sanitizeArticleHtml('<p>a<img src="data:image/svg+xml;base64,PHN2Zz4=">b</p>')).toBe('<p>ab</p>');
    expect(sanitizeArticleHtml('<p>a<img src="/uploads/x.jpg">b</p>')).toBe('<p>ab</p>');
    expect(sanitizeArticleHtml('<p>a<img src="//cdn.example/x.jpg">b</p>')).toBe('<p>ab</p>');
    // another host's image would be a third-party request from every reader: dropped, caption kept
    expect(sanitizeArticleHtml('<figure><img src="https://baolangson.vn/anh/1.jpg" alt="Ảnh"><figcaption>Chú thích</figcaption></figure>')).toBe(
      '<figure><figcaption>Chú thích</figcaption></figure>',
    );
    expect(sanitizeArticleHtml('<p>a<img src="/media/../../etc/passwd">b</p>')).toBe('<p>ab</p>');
  });

  it('drops iframes, objects, forms and SVG with their content', () => {
    const out = sanitizeArticleHtml(
      '<p>a</p><iframe src="https://www.youtube.com/embed/x"><p>dự phòng</p></iframe><object data="x.swf"><embed src="x.swf"></object>' +
        '<svg><script>alert(1)</script><a xlink:href="javascript:alert(1)">s</a></svg><form action="https://evil"><input name="q"><button>Gửi</button></form><p>b</p>',
    );
    expect(out).toBe('<p>a</p><p>b</p>');
  });

  it('turns h1 into h2 and h5/h6 into h4; unknown tags keep their text', () => {
    expect(sanitizeArticleHtml('<h1 class="t">Tiêu đề</h1><h5>Nhỏ</h5><div><span style="x">chữ</span></div>')).toBe('<h2>Tiêu đề</h2><h4>Nhỏ</h4>chữ');
  });

  it('escapes text and cannot be broken out of', () => {
    expect(sanitizeArticleHtml('<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; 1 &lt; 2</p>')).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt; &amp; 1 &lt; 2</p>');
    expect(sanitizeArticleHtml('<img src="/media/x.jpg" alt="&quot; onerror=&quot;alert(1)">')).not.toContain('onerror="');
    expect(sanitizeArticleHtml('<p title="</p><script>alert(1)</script>">x</p>')).toBe('<p>x</p>');
  });

  it('normalises text and attribute values to NFC', () => {
    const nfd = 'Ha\u0300 Nô\u0323i'; // "Hà Nội" decomposed
    const out = sanitizeArticleHtml(`<p>${nfd}</p><img src="/media/x.jpg" alt="${nfd}">`);
    expect(out).toBe('<p>Hà Nội</p><img src="/media/x.jpg" alt="Hà Nội" />');
    expect(out.normalize('NFC')).toBe(out);
  });

  it('is idempotent', () => {
    const html = '<h1>T</h1><p onclick="x">a <a href="https://x.vn">l</a></p><img src="/media/a.jpg" alt="b"><script>x</script>';
    const once = sanitizeArticleHtml(html);
    expect(sanitizeArticleHtml(once)).toBe(once);
  });
});

describe('paragraphsToHtml', () => {
  it('makes one escaped <p> per non-blank paragraph', () => {
    expect(paragraphsToHtml(['Một <b>hai</b> & ba', '   ', '', 'Bốn'])).toBe('<p>Một &lt;b&gt;hai&lt;/b&gt; &amp; ba</p>\n<p>Bốn</p>');
  });

  it('normalises to NFC and trims, keeping the text otherwise', () => {
    expect(paragraphsToHtml(['  truye\u0302n truye\u0302\u0300n  '])).toBe('<p>truyên truyền</p>');
  });

  it('returns an empty string for no paragraphs', () => {
    expect(paragraphsToHtml([])).toBe('');
  });
});
