/**
 * Feed HTML: absolute URLs for links and images, escaped source credits and text.
 */
import { describe, expect, it } from 'vitest';
import { absolutizeBodyUrls, sourceCreditHtml, textAsHtml } from './feed-html.ts';

const ORIGIN = 'https://langson.example.vn';

describe('absolutizeBodyUrls', () => {
  it('makes site-relative links and media images absolute and leaves the rest as it is', () => {
    const html =
      '<p>Xem <a href="/bai-viet/tin-cu">tin cũ</a>, <a href="https://chinhphu.vn/van-ban?id=1&amp;x=2" rel="noopener">văn bản</a>, <a href="mailto:bbt@langson.gov.vn">thư</a>.</p>' +
      '<figure><img src="/media/2022/09/anh-1024.jpg" alt="Ảnh &quot;trạm&quot;" width="1024" height="614" /><figcaption>Trạm BTS</figcaption></figure>';
    const out = absolutizeBodyUrls(html, ORIGIN);
    expect(out).toContain('<a href="https://langson.example.vn/bai-viet/tin-cu">tin cũ</a>');
    expect(out).toContain('<a href="https://chinhphu.vn/van-ban?id=1&amp;x=2" rel="noopener">văn bản</a>');
    expect(out).toContain('<a href="mailto:bbt@langson.gov.vn">thư</a>');
    expect(out).toContain('<img src="https://langson.example.vn/media/2022/09/anh-1024.jpg" alt="Ảnh &quot;trạm&quot;" width="1024" height="614" />');
    expect(out).toContain('<figcaption>Trạm BTS</figcaption>');
  });

  it('keeps text escaped, so nothing in it can end a CDATA section or become markup', () => {
    const out = absolutizeBodyUrls('<p>Điều 1 &lt;khoản 2&gt; &amp; ]]&gt; hết</p>', ORIGIN);
    expect(out).toBe('<p>Điều 1 &lt;khoản 2&gt; &amp; ]]&gt; hết</p>');
    expect(out).not.toContain(']]>');
  });

  it('applies the body allowlist again: nothing that could run reaches a feed', () => {
    const out = absolutizeBodyUrls('<p onclick="x()">A</p><script>alert(1)</script><a href="javascript:alert(1)">B</a><img src="https://tracker.example/p.gif">', ORIGIN);
    expect(out).toBe('<p>A</p>B');
  });

  it('does not take //host for a site path', () => {
    expect(absolutizeBodyUrls('<a href="//evil.example/x">x</a>', ORIGIN)).toBe('x');
  });
});

describe('sourceCreditHtml', () => {
  it('credits the source as the article page does, linked when it has an http(s) URL', () => {
    expect(sourceCreditHtml({ name: 'Báo Lạng Sơn', url: 'https://baolangson.vn/a?b=1&c=2' })).toBe('<p>Nguồn: <a href="https://baolangson.vn/a?b=1&amp;c=2">Báo Lạng Sơn</a></p>');
    expect(sourceCreditHtml({ name: 'Sở TT&TT <Lạng Sơn>', url: null })).toBe('<p>Nguồn: Sở TT&amp;TT &lt;Lạng Sơn&gt;</p>');
    expect(sourceCreditHtml({ name: 'Nguồn lạ', url: 'javascript:alert(1)' })).toBe('<p>Nguồn: Nguồn lạ</p>');
  });
});

describe('textAsHtml', () => {
  it('escapes markup characters and quotes, nothing else', () => {
    expect(textAsHtml('Giá <5 triệu & "rẻ" – “thật”')).toBe('Giá &lt;5 triệu &amp; &quot;rẻ&quot; – “thật”');
  });
});
