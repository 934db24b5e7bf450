import { describe, expect, it } from 'vitest';
import { absoluteBodyHtml } from './absolute-body-urls.ts';

const ORIGIN = 'https://congthongtin.example.vn';

describe('absoluteBodyHtml', () => {
  it('makes media images and root-relative links absolute, leaving other links alone', () => {
    const html =
      '<p>Xem <a href="/langson/bai-viet/hoi-nghi">bài hội nghị</a>, <a href="https://mic.gov.vn/">Cổng Bộ</a> và <a href="mailto:bbt@langson.gov.vn">thư</a>.</p>' +
      '<figure><img src="/media/ab/anh.jpg" alt="Ảnh hội nghị" width="640" height="360"><figcaption>Hội nghị</figcaption></figure>';
    expect(absoluteBodyHtml(html, ORIGIN)).toBe(
      `<p>Xem <a href="${ORIGIN}/langson/bai-viet/hoi-nghi">bài hội nghị</a>, <a href="https://mic.gov.vn/" rel="noopener">Cổng Bộ</a> và <a href="mailto:bbt@langson.gov.vn">thư</a>.</p>` +
        `<figure><img src="${ORIGIN}/media/ab/anh.jpg" alt="Ảnh hội nghị" width="640" height="360" /><figcaption>Hội nghị</figcaption></figure>`,
    );
  });

  it('sanitises again with the body allowlist: scripts, handlers, foreign images and protocol-relative links go', () => {
    const html = '<p onclick="steal()">Nội dung<script>alert(1)</script></p><img src="https://tracker.example/p.gif"><a href="//evil.example/x">liên kết</a><a href="javascript:alert(1)">js</a>';
    const out = absoluteBodyHtml(html, ORIGIN);
    expect(out).toBe('<p>Nội dung</p>liên kếtjs');
  });

  it('keeps text that merely looks like a path, and escapes stay escaped', () => {
    const html = '<p>Số 42/2022/NĐ-CP &amp; "/media/x" &lt;img src=/media/y&gt;</p>';
    expect(absoluteBodyHtml(html, ORIGIN)).toBe('<p>Số 42/2022/NĐ-CP &amp; "/media/x" &lt;img src=/media/y&gt;</p>');
  });

  it('composes NFD text into NFC and returns an empty string for an empty body', () => {
    expect(absoluteBodyHtml('<p>Lạng Sơn</p>'.normalize('NFD'), ORIGIN)).toBe('<p>Lạng Sơn</p>');
    expect(absoluteBodyHtml('', ORIGIN)).toBe('');
  });
});
