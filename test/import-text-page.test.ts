import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../src/core/errors.ts';
import { parseTextPage } from '../src/core/import/parse-text-page.ts';

const FIXTURES = path.join(import.meta.dirname, 'fixtures/import');
const read = (name: string) => fs.readFileSync(path.join(FIXTURES, name), 'utf8');
const paragraphs = (html: string) => [...html.matchAll(/<p>(.*?)<\/p>/g)].map((m) => m[1]!);
const captions = (html: string) => [...html.matchAll(/<figure><figcaption>(.*?)<\/figcaption><\/figure>/g)].map((m) => m[1]!);

describe('parseTextPage on the seed article', () => {
  const article = parseTextPage(read('seed-article.txt'));

  it('finds the title under the page furniture', () => {
    expect(article.title).toBe(
      'Hội nghị tập huấn nghiệp vụ công tác thông tin, tuyên truyền của Bộ Thông tin và Truyền thông năm 2022',
    );
    expect(article.importKey).toBe(
      'text:hoi-nghi-tap-huan-nghiep-vu-cong-tac-thong-tin-tuyen-truyen-cua-bo-thong-tin-va-truyen-thong-nam-2022',
    );
  });

  it('keeps the six text paragraphs exactly, in order (trimmed, whitespace collapsed)', () => {
    const ps = paragraphs(article.bodyHtml);
    expect(ps).toHaveLength(6);
    expect(ps[0]).toMatch(/^Ngày 27\/9\/2022, Bộ Thông tin và Truyền thông \(TTTT\) đã tổ chức/);
    expect(ps[0]).toMatch(/của 63 Sở TTTT trên cả nước\.$/);
    expect(ps[1]).toBe(
      'Tại điểm cầu Sở TTTT Lạng Sơn, dự Hội nghị có đồng chí Lê Hải Yến, Phó Giám đốc Sở; đại diện Phòng Thông tin – Báo chí – Xuất bản, Phòng Chuyển đổi số, Trung tâm Công nghệ số.',
    );
    expect(ps[2]).toMatch(/^Tại Hội nghị, các đại biểu đã được nghe đồng chí Nguyễn Huy Dũng/);
    expect(ps[3]).toMatch(/^Cổng TTĐT của Bộ, Trang TTĐT/);
    expect(ps[3]).toMatch(/nâng cao kỹ năng nghiệp vụ thông tin truyên truyền\.$/); // the source's typo is kept
    expect(ps[4]).toMatch(/^Tại Hội nghị, các đại biểu cũng đã được nghe các báo cáo viên trình bày 03 chuyên đề/);
    expect(ps[5]).toMatch(/dẫn dắt công cuộc chuyển đổi số quốc gia\.$/);
    for (const p of ps) expect(p).toBe(p.trim().replace(/\s+/g, ' '));
    expect(article.bodyHtml).not.toContain('\u00a0');
  });

  it('turns the photo caption into a figure where the picture was, and drops the stray "cc"', () => {
    expect(captions(article.bodyHtml)).toEqual(['Các đại biểu tại điểm cầu Sở TTTT Lạng Sơn']);
    expect(article.figures).toEqual([{ caption: 'Các đại biểu tại điểm cầu Sở TTTT Lạng Sơn' }]);
    const blocks = article.bodyHtml.split('\n');
    expect(blocks[2]).toBe('<figure><figcaption>Các đại biểu tại điểm cầu Sở TTTT Lạng Sơn</figcaption></figure>');
    expect(article.bodyHtml).not.toMatch(/>cc</);
  });

  it('takes the author and her unit from the end, and drops "About"', () => {
    expect(article.byline).toBe('Hoàng Thị Tố Loan');
    expect(article.sourceName).toBe('Trung tâm Công nghệ số');
    expect(article.bodyHtml).not.toContain('Hoàng Thị Tố Loan');
    expect(article.bodyHtml).not.toContain('About');
    expect(article.bodyHtml).not.toContain('Skip to main content');
  });

  it('dates it from "Ngày 27/9/2022": Vietnam midnight, day precision', () => {
    expect(article.publishedAt).toBe('2022-09-26T17:00:00.000Z');
    expect(article.publishedPrecision).toBe('day');
    expect(article.type).toBe('news');
  });

  it('lets options override date and import key', () => {
    const a = parseTextPage(read('seed-article.txt'), { date: '2022-09-28T09:30:00+07:00', importKey: 'seed' });
    expect(a.publishedAt).toBe('2022-09-28T02:30:00.000Z');
    expect(a.publishedPrecision).toBe('minute');
    expect(a.importKey).toBe('seed');
  });

  it('gives the same result for NFD input and Windows line ends', () => {
    const nfd = read('seed-article.txt').normalize('NFD').replace(/\n/g, '\r\n');
    expect(parseTextPage(nfd)).toEqual(article);
  });
});

describe('parseTextPage on other pages of the kind', () => {
  it('Sở GD&ĐT page: breadcrumb, dateline with time, stray "Ảnh:", author without unit, related news', () => {
    const a = parseTextPage(read('text-page-so-gddt.txt'));
    expect(a.title).toBe('Sở Giáo dục và Đào tạo tổ chức tập huấn chuyển đổi số trong quản lý trường học');
    expect(a.publishedAt).toBe('2023-03-15T01:30:00.000Z'); // 08:30 Vietnam time
    expect(a.publishedPrecision).toBe('minute');
    expect(paragraphs(a.bodyHtml)).toHaveLength(4);
    expect(captions(a.bodyHtml)).toEqual(['Các học viên tham dự lớp tập huấn tại hội trường Sở']);
    expect(a.byline).toBe('Nông Thị Hạnh');
    expect(a.sourceName).toBeUndefined();
    for (const furniture of ['Chia sẻ', 'In bài', 'Lượt xem', 'Tin liên quan', 'Hội nghị tổng kết', 'Trang chủ', 'Bỏ qua']) {
      expect(a.bodyHtml).not.toContain(furniture);
    }
    expect(a.bodyHtml).toContain('trao đổi kinh nghiệm triển khai'); // double space collapsed
  });

  it('page without a date: ValidationError naming publishedAt, unless a date is given', () => {
    const text = read('text-page-khong-ngay.txt');
    let error: unknown;
    try {
      parseTextPage(text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues[0]!.path).toBe('publishedAt');
    expect((error as ValidationError).issues[0]!.message).toMatch(/ngày/);

    const a = parseTextPage(text, { date: '2/8/2024' });
    expect(a.publishedAt).toBe('2024-08-01T17:00:00.000Z');
    expect(a.publishedPrecision).toBe('day');
    expect(a.title).toBe('Trung tâm Y tế huyện tăng cường truyền thông phòng, chống sốt xuất huyết');
    expect(captions(a.bodyHtml)).toEqual(['Cán bộ y tế hướng dẫn người dân diệt bọ gậy tại khu dân cư']);
    expect(a.bodyHtml).toContain('<h3>1. Các hoạt động đã triển khai</h3>');
    expect(a.bodyHtml).toContain('<h3>2. Khuyến cáo đối với người dân</h3>');
    expect(a.byline).toBe('Lò Văn Tuấn');
    expect(a.sourceName).toBe('Trung tâm Y tế huyện');
    expect(a.bodyHtml).not.toMatch(/Facebook|Lên đầu trang|TRANG THÔNG TIN|Menu/);
  });

  it('xã Tân Lập page: written-out date, "[ảnh]" marker, "Name - Unit" signature, keywords', () => {
    const a = parseTextPage(read('text-page-xa-tan-lap.txt'));
    expect(a.title).toBe('Xã Tân Lập ra mắt mô hình “Tổ công nghệ số cộng đồng”');
    expect(a.publishedAt).toBe('2024-01-04T17:00:00.000Z'); // "ngày 05 tháng 01 năm 2024"
    expect(a.publishedPrecision).toBe('day');
    expect(captions(a.bodyHtml)).toEqual(['Lãnh đạo xã trao quyết định thành lập cho các tổ']);
    expect(paragraphs(a.bodyHtml)).toHaveLength(3);
    expect(a.byline).toBe('Trần Minh Đức');
    expect(a.sourceName).toBe('Văn phòng HĐND và UBND xã Tân Lập');
    expect(a.tags).toEqual(['chuyển đổi số', 'dịch vụ công trực tuyến']);
    expect(a.bodyHtml).not.toMatch(/\[ảnh\]|In bài|English/);
  });

  it('a caption given on one line as "Ảnh: …" loses only its label', () => {
    const a = parseTextPage(
      'Trang chủ\n\nUBND tỉnh làm việc với đoàn công tác của Bộ Thông tin và Truyền thông\n\nNgày 3/4/2024, đoàn công tác đã làm việc với tỉnh về chuyển đổi số.\n\nẢnh: Quang cảnh buổi làm việc\n\nHai bên thống nhất các nhiệm vụ trọng tâm.\n\nMinh Anh\n',
    );
    expect(captions(a.bodyHtml)).toEqual(['Quang cảnh buổi làm việc']);
    expect(a.byline).toBe('Minh Anh');
  });

  it('escapes text that looks like markup', () => {
    const a = parseTextPage('Thông báo về lịch tiếp công dân tháng 5/2024\n\nNgày 2/5/2024, lịch <b>tiếp dân</b> & giải quyết khiếu nại được công bố.\n');
    expect(a.bodyHtml).toBe('<p>Ngày 2/5/2024, lịch &lt;b&gt;tiếp dân&lt;/b&gt; &amp; giải quyết khiếu nại được công bố.</p>');
  });

  it('an empty page is an error on title', () => {
    expect(() => parseTextPage('\u00a0\n\nSkip to main content\n\n')).toThrow(ValidationError);
    try {
      parseTextPage('   \n');
    } catch (e) {
      expect((e as ValidationError).issues[0]!.path).toBe('title');
    }
  });
});
