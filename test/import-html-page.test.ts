import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../src/core/errors.ts';
import { parseHtmlPage } from '../src/core/import/parse-html-page.ts';

const FIXTURES = path.join(import.meta.dirname, 'fixtures/import');
const read = (name: string) => fs.readFileSync(path.join(FIXTURES, name), 'utf8');
const CANONICAL = 'https://stttt.langson.gov.vn/tin-tuc/lang-son-hon-95-ho-so-thu-tuc-hanh-chinh-duoc-giai-quyet-dung-han-1234.html';

describe('parseHtmlPage, page with canonical URL and article:published_time', () => {
  const a = parseHtmlPage(read('html-page-canonical.html'));

  it('takes og:title (not <title> with its site suffix) and the canonical URL as source and key', () => {
    expect(a.title).toBe('Lạng Sơn: Hơn 95% hồ sơ thủ tục hành chính được giải quyết đúng hạn');
    expect(a.sourceUrl).toBe(CANONICAL);
    expect(a.importKey).toBe(`html:${CANONICAL}`);
  });

  it('reads the publication time with its offset, minute precision', () => {
    expect(a.publishedAt).toBe('2023-06-12T02:15:00.000Z');
    expect(a.publishedPrecision).toBe('minute');
  });

  it('takes the sapo as lead and does not repeat it in the body', () => {
    expect(a.lead).toBe(
      'Sáu tháng đầu năm 2023, các cơ quan, đơn vị trên địa bàn tỉnh đã tiếp nhận hơn 120.000 hồ sơ thủ tục hành chính, trong đó hơn 95% được giải quyết đúng và trước hạn.',
    );
    expect(a.bodyHtml).not.toContain('Sáu tháng đầu năm 2023, các cơ quan');
    expect(a.bodyHtml.startsWith('<p>Theo báo cáo của Văn phòng Ủy ban nhân dân tỉnh')).toBe(true);
  });

  it('keeps the article: paragraphs, heading, figure caption, table, external link — but not images on another host', () => {
    expect(a.bodyHtml).toContain('<h2>Những hạn chế cần khắc phục</h2>');
    // readers' browsers must not call the source's host: the remote image is dropped, its caption stays
    expect(a.bodyHtml).not.toContain('<img');
    expect(a.bodyHtml).toContain('<figcaption>Quang cảnh hội nghị sơ kết công tác cải cách hành chính sáu tháng đầu năm 2023</figcaption>');
    expect(a.bodyHtml).toContain('<th scope="col">Tiếp nhận</th>');
    expect(a.bodyHtml).toContain('<a href="https://dichvucong.langson.gov.vn/" rel="noopener">dịch vụ công trực tuyến</a>');
    expect(a.figures).toEqual([
      { caption: 'Quang cảnh hội nghị sơ kết công tác cải cách hành chính sáu tháng đầu năm 2023', alt: undefined },
    ]);
  });

  it('drops scripts, handlers, javascript: links, iframes and page furniture', () => {
    for (const bad of ['<script', 'onerror', 'onclick', 'javascript:', 'style=', '<iframe', 'Video không hiển thị', 'attacker', 'tracker', 'pixel.gif']) {
      expect(a.bodyHtml).not.toContain(bad);
    }
    for (const furniture of ['Trang chủ', 'Giới thiệu', 'Tin liên quan', 'Ra mắt Trung tâm', 'Chia sẻ', 'In bài', 'Lượt xem', 'Cơ quan chủ quản', 'Bỏ qua nội dung chính']) {
      expect(a.bodyHtml).not.toContain(furniture);
    }
    expect(a.bodyHtml).toContain('Xem chi tiết báo cáo.'); // link text kept, link dropped
  });

  it('takes byline, site name, section and tags', () => {
    expect(a.byline).toBe('Trần Thu Trang');
    expect(a.bodyHtml).not.toContain('Trần Thu Trang');
    expect(a.sourceName).toBe('Sở Thông tin và Truyền thông tỉnh Lạng Sơn');
    expect(a.categoryNames).toEqual(['Cải cách hành chính']);
    expect(a.tags).toEqual(['cải cách hành chính', 'dịch vụ công trực tuyến']);
  });

});

describe('parseHtmlPage, page without canonical URL or meta dates', () => {
  const a = parseHtmlPage(read('html-page-no-canonical.html'));

  it('takes the h1 as title and keys the item by the slug of the title', () => {
    expect(a.title).toBe('Tiêm chủng mở rộng: bảo đảm đủ vắc xin cho trẻ em trong quý IV');
    expect(a.importKey).toBe('html:tiem-chung-mo-rong-bao-dam-du-vac-xin-cho-tre-em-trong-quy-iv');
    expect(a.sourceUrl).toBeUndefined();
  });

  it('reads the dateline "Cập nhật lúc 14:30, ngày 20/11/2023" as Vietnam time and removes it from the body', () => {
    expect(a.publishedAt).toBe('2023-11-20T07:30:00.000Z');
    expect(a.publishedPrecision).toBe('minute');
    expect(a.bodyHtml).not.toContain('Cập nhật lúc');
  });

  it('takes the bold first paragraph as lead, the italic line under the image as caption, the unit as source', () => {
    expect(a.lead).toMatch(/^Sở Y tế cho biết đã tiếp nhận đủ các loại vắc xin/);
    expect(a.bodyHtml).not.toContain('Sở Y tế cho biết đã tiếp nhận');
    expect(a.figures).toEqual([{ caption: 'Tiêm vắc xin cho trẻ tại trạm y tế phường', alt: undefined }]);
    expect(a.sourceName).toBe('Phòng Nghiệp vụ Y');
    expect(a.bodyHtml).not.toContain('Phòng Nghiệp vụ Y');
    expect(a.bodyHtml).toContain('<a href="mailto:soyte@example.gov.vn">hộp thư điện tử của Sở</a>');
  });

  it('drops the related list, menus and footer', () => {
    for (const furniture of ['Các tin khác', 'Chủ động phòng, chống sốt xuất huyết', 'Thủ tục hành chính', 'Bản quyền', 'Liên kết website', 'HACKED']) {
      expect(a.bodyHtml).not.toContain(furniture);
    }
  });

  it('takes options.url as the source; images of that host are not hot-linked', () => {
    const b = parseHtmlPage(read('html-page-no-canonical.html'), { url: 'https://soyte.example.gov.vn/tin-tuc/tiem-chung.html' });
    expect(b.sourceUrl).toBe('https://soyte.example.gov.vn/tin-tuc/tiem-chung.html');
    expect(b.importKey).toBe('html:https://soyte.example.gov.vn/tin-tuc/tiem-chung.html');
    expect(b.bodyHtml).not.toContain('soyte.example.gov.vn/uploads');
  });
});

describe('parseHtmlPage, other cases', () => {
  const page = (head: string, body: string) => `<!doctype html><html><head>${head}</head><body>${body}</body></html>`;
  const paragraphs = '<p>Đoạn văn thứ nhất của bài viết, đủ dài để Readability nhận ra đây là nội dung chính của trang.</p>'.repeat(4);

  it('falls back to a Vietnamese date in the text, day precision', () => {
    const a = parseHtmlPage(page('<title>Tin ngắn | Cổng TTĐT</title>', `<article><h1>Tin ngắn về hội nghị</h1><p>Ngày 27/9/2022, hội nghị đã diễn ra.</p>${paragraphs}</article>`));
    expect(a.publishedAt).toBe('2022-09-26T17:00:00.000Z');
    expect(a.publishedPrecision).toBe('day');
  });

  it('reads <time datetime> and local ISO times as Vietnam time', () => {
    const a = parseHtmlPage(page('', `<article><h1>Tin có thẻ time</h1><time datetime="2024-03-05T08:00">5/3/2024</time>${paragraphs}</article>`));
    expect(a.publishedAt).toBe('2024-03-05T01:00:00.000Z');
    expect(a.publishedPrecision).toBe('minute');
    const b = parseHtmlPage(page('<meta property="article:published_time" content="2024-03-05">', `<article><h1>Tin chỉ có ngày</h1>${paragraphs}</article>`));
    expect(b.publishedAt).toBe('2024-03-04T17:00:00.000Z');
    expect(b.publishedPrecision).toBe('day');
  });

  it('strips the site name from <title> when there is neither og:title nor h1', () => {
    const a = parseHtmlPage(page('<title>Thông báo lịch tiếp công dân tháng 10 - Sở Tư pháp</title>', `<div>${paragraphs}<p>Ngày 1/10/2024.</p></div>`));
    expect(a.title).toBe('Thông báo lịch tiếp công dân tháng 10');
  });

  it('a page without any date is a ValidationError on publishedAt', () => {
    try {
      parseHtmlPage(page('<title>Không ngày</title>', `<article><h1>Không có ngày</h1>${paragraphs}</article>`));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      expect((e as ValidationError).issues[0]!.path).toBe('publishedAt');
    }
  });

  it('runs no script: inline, event handler or external', () => {
    const a = parseHtmlPage(
      page(
        '<script>document.title = "HACKED"</script>',
        `<article><h1 id="t">Tiêu đề thật</h1><img src="x" onerror="document.getElementById('t').textContent='HACKED'">${paragraphs}<p>Ngày 1/10/2024.</p>` +
          `<script>document.getElementById('t').textContent = 'HACKED'</script></article>`,
      ),
    );
    expect(a.title).toBe('Tiêu đề thật');
    expect(a.bodyHtml).not.toContain('HACKED');
  });

  it('fetches nothing: stylesheets, scripts, images, iframes stay unloaded', async () => {
    const requests: string[] = [];
    const server = http.createServer((req, res) => {
      requests.push(req.url ?? '');
      res.end('document.title = "HACKED"');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const a = parseHtmlPage(
        page(
          `<link rel="stylesheet" href="${origin}/a.css"><script src="${origin}/a.js"></script><link rel="canonical" href="${origin}/bai.html">`,
          `<article><h1>Không tải gì</h1><img src="${origin}/a.jpg"><iframe src="${origin}/frame.html"></iframe>${paragraphs}<p>Ngày 1/10/2024.</p></article>`,
        ),
        { url: `${origin}/bai.html` },
      );
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(requests).toEqual([]);
      expect(a.title).toBe('Không tải gì');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('decodes bytes by the page charset', () => {
    const html = page('<meta charset="utf-8"><meta property="og:title" content="Tiêu đề có dấu">', `<article>${paragraphs}<p>Ngày 2/1/2024.</p></article>`);
    expect(parseHtmlPage(Buffer.from(html, 'utf8')).title).toBe('Tiêu đề có dấu');
  });

  it('decodes a page declared as windows-1258 by that charset', () => {
    // "Lạng Sơn" in Windows-1258: L a [0xF2 = combining dot below] n g   S [0xF5 = ơ] n
    const bytes = Buffer.concat([
      Buffer.from('<html><head><meta charset="windows-1258"><title>t</title></head><body><article><h1>'),
      Buffer.from([0x4c, 0x61, 0xf2, 0x6e, 0x67, 0x20, 0x53, 0xf5, 0x6e]),
      // the rest in ASCII, which is the same in both charsets
      Buffer.from(`</h1>${'<p>Hoi nghi tong ket cong tac thong tin tuyen truyen nam 2023 cua so.</p>'.repeat(8)}<p>2/1/2024.</p></article></body></html>`),
    ]);
    expect(parseHtmlPage(bytes, { date: '2024-01-02' }).title).toBe('Lạng Sơn');
  });

  it('refuses bytes that are invalid in the declared charset, naming the encoding', () => {
    const bytes = Buffer.concat([
      Buffer.from('<html><head><meta charset="utf-8"><title>t</title></head><body><article><h1>'),
      Buffer.from([0x4c, 0x61, 0xf2, 0x6e, 0x67, 0x20, 0x53, 0xf5, 0x6e]),
      Buffer.from(`</h1>${paragraphs}<p>Ngày 2/1/2024.</p></article></body></html>`),
    ]);
    try {
      parseHtmlPage(bytes);
      expect.unreachable('a mis-declared page must be refused');
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues[0]!.path).toBe('encoding');
    }
  });

  it('drops NUL characters instead of blaming the encoding', () => {
    const html = page('<meta charset="utf-8"><meta property="og:title" content="Tiêu\u0000 đề">', `<article>${paragraphs}<p>Ngày 2/1/2024.\u0000</p></article>`);
    const a = parseHtmlPage(Buffer.from(html, 'utf8'));
    expect(a.title).toBe('Tiêu đề');
    expect(a.bodyHtml).not.toContain('\u0000');
    expect(a.bodyHtml).not.toContain('\uFFFD');
  });
});
