import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ImportSourceError, ValidationError } from '../src/core/errors.ts';
import { deriveTitle, mapCategory, newsRecordToArticle, readNewsJsonl, type JsonlEntry } from '../src/core/import/parse-jsonl.ts';

const SAMPLE = path.join(import.meta.dirname, 'fixtures/import/news-sample.jsonl');

async function readAll(file: string, options = {}): Promise<JsonlEntry[]> {
  const out: JsonlEntry[] = [];
  for await (const entry of readNewsJsonl(file, options)) out.push(entry);
  return out;
}

function record(entries: JsonlEntry[], line: number) {
  const e = entries.find((x) => x.line === line);
  if (!e || !('record' in e)) throw new Error(`line ${line} is not a record`);
  return e.record;
}

describe('readNewsJsonl on the sample file', () => {
  it('yields a record or an error for every non-blank line, numbered as in an editor', async () => {
    const entries = await readAll(SAMPLE);
    expect(entries.map((e) => [e.line, 'record' in e ? 'ok' : e.error.field])).toEqual([
      [1, 'ok'],
      [2, 'ok'],
      [3, 'json'],
      [4, 'published'],
      [6, 'ok'],
      [7, 'ok'],
      [8, 'url'],
      [9, 'ok'],
    ]);
    const errors = entries.flatMap((e) => ('error' in e ? [e.error.message] : []));
    expect(errors[0]).toMatch(/JSON/);
    expect(errors[1]).toMatch(/Ngày đăng \(published\)/);
    expect(errors[2]).toMatch(/\(url\).*http/);
  });

  it('maps an ISO instant with offset to minute precision, keywords to tags (deduplicated), slug category humanised', async () => {
    const r = record(await readAll(SAMPLE), 1);
    expect(r).toMatchObject({
      importKey: 'jsonl:congthongtin.example.vn:mau-001',
      title: 'Khai trương Trung tâm điều hành thông minh của tỉnh',
      publishedAt: '2026-02-03T13:45:00.000Z',
      publishedPrecision: 'minute',
      categoryNames: ['Tin tuc trong ngay'],
      tags: ['chuyển đổi số', 'IOC'],
      sourceName: 'congthongtin.example.vn',
      sourceUrl: 'https://congthongtin.example.vn/tin-tuc/khai-truong-trung-tam-dieu-hanh-thong-minh.html',
      type: 'news',
    });
    expect(r.lead).toBeUndefined();
    expect(r.bodyHtml.split('\n')).toHaveLength(2);
    expect(r.bodyHtml).toMatch(/^<p>Sáng 3\/2, Ủy ban nhân dân tỉnh/);
  });

  it('maps a date to Vietnam midnight with day precision and derives a missing title from the first sentence', async () => {
    const r = record(await readAll(SAMPLE), 2);
    expect(r.publishedAt).toBe('2020-09-30T17:00:00.000Z');
    expect(r.publishedPrecision).toBe('day');
    expect(r.title).toBe('Hợp tác xã nông nghiệp Tân Lập lần đầu xuất khẩu 20 tấn vải thiều sang thị trường Nhật Bản');
    expect(r.categoryNames).toEqual(['Kinh doanh']);
    expect(r.bodyHtml).toMatch(/^<p>Hợp tác xã nông nghiệp Tân Lập lần đầu xuất khẩu/); // the body keeps its text
  });

  it('normalises NFD text to NFC; summary becomes the lead', async () => {
    const r = record(await readAll(SAMPLE), 6);
    expect(r.title).toBe('Hội nghị trực tuyến về phòng, chống thiên tai năm 2026');
    expect(r.title).toBe(r.title.normalize('NFC'));
    expect(r.lead).toBe('Các địa phương chủ động phương án ứng phó với mưa lũ trái mùa.');
    expect(r.tags).toEqual(['phòng chống thiên tai', 'Lũ quét']);
    expect(r.bodyHtml).toBe(r.bodyHtml.normalize('NFC'));
    expect(r.categoryNames).toEqual(['Trang chu']);
  });

  it('uses the category mapping; an empty target means no category', async () => {
    const entries = await readAll(SAMPLE, { categoryMap: { 'tin-tuc-trong-ngay': 'Tin tức trong ngày', 'trang-chu': '' } });
    expect(record(entries, 1).categoryNames).toEqual(['Tin tức trong ngày']);
    expect(record(entries, 6).categoryNames).toEqual([]);
    expect(record(entries, 2).categoryNames).toEqual(['Kinh doanh']); // unmapped: kept by its own name
  });

  it('skips blank paragraphs of the body', async () => {
    const r = record(await readAll(SAMPLE), 9);
    expect(r.bodyHtml.split('\n')).toHaveLength(2);
  });

  it('a missing file is an ImportSourceError naming it', async () => {
    const missing = path.join(os.tmpdir(), 'khong-co-tep-nay.jsonl');
    await expect(readAll(missing)).rejects.toThrow(ImportSourceError);
    await expect(readAll(missing)).rejects.toThrow(/khong-co-tep-nay\.jsonl/);
  });

  it('reports a repeated id with the line of its first use, keeps the first, and skips all on a second import', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cong-jsonl-'));
    try {
      const file = path.join(dir, 'dup.jsonl');
      const rec = (id: string, title: string) => JSON.stringify({ id, title, published: '2022-09-27', body: 'Nội dung.', source: 'nguon.example.vn' });
      fs.writeFileSync(file, [rec('t-1', 'Bài thứ nhất'), rec('t-2', 'Bài thứ hai'), rec('t-1', 'Bài thứ nhất, bản khác')].join('\n'));
      const entries = await readAll(file);
      expect(entries.map((e) => ('record' in e ? [e.line, e.record.title] : [e.line, e.error.field, e.error.message]))).toEqual([
        [1, 'Bài thứ nhất'],
        [2, 'Bài thứ hai'],
        [3, 'id', 'Trùng id với dòng 1; bản ghi này bị bỏ qua (duplicate id)'],
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads a file with a BOM, CRLF line ends and no final newline', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cong-jsonl-'));
    try {
      const file = path.join(dir, 'a.jsonl');
      const line = (id: string) => JSON.stringify({ id, title: 'Tiêu đề ' + id, published: '2022-09-27', body: 'Nội dung.' });
      fs.writeFileSync(file, '\uFEFF' + line('a') + '\r\n\r\n' + line('b'));
      const entries = await readAll(file);
      expect(entries.map((e) => [e.line, 'record' in e ? e.record.importKey : e.error.field])).toEqual([
        [1, 'jsonl:-:a'],
        [3, 'jsonl:-:b'],
      ]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('newsRecordToArticle', () => {
  const base = { id: 'x-1', title: 'Tiêu đề', published: '2022-09-27', category: null, summary: null, body: 'Đoạn một.', source: 's', url: null };

  it('names the record field in errors', () => {
    const fieldOf = (raw: unknown) => {
      try {
        newsRecordToArticle(raw);
        return 'ok';
      } catch (e) {
        expect(e).toBeInstanceOf(ValidationError);
        return (e as ValidationError).issues[0]!.path;
      }
    };
    expect(fieldOf(base)).toBe('ok');
    expect(fieldOf({ ...base, published: null })).toBe('published');
    expect(fieldOf({ ...base, published: '27/9/2022' })).toBe('published');
    expect(fieldOf({ ...base, published: '2022-09-27T10:00:00' })).toBe('published'); // no offset
    expect(fieldOf({ ...base, id: '' })).toBe('id');
    expect(fieldOf({ ...base, id: undefined })).toBe('id');
    expect(fieldOf({ ...base, keywords: 'a,b' })).toBe('keywords');
    expect(fieldOf({ ...base, url: 'javascript:alert(1)' })).toBe('url');
    expect(fieldOf({ ...base, title: null, body: null, summary: null })).toBe('title');
    expect(fieldOf([1, 2])).toBe('(bản ghi)');
  });

  it('escapes body text', () => {
    expect(newsRecordToArticle({ ...base, body: 'a <script>x</script>\nb & c' }).bodyHtml).toBe('<p>a &lt;script&gt;x&lt;/script&gt;</p>\n<p>b &amp; c</p>');
  });

  it('does not repeat a heading line that became the title', () => {
    const a = newsRecordToArticle({ ...base, title: null, body: 'Ngành thuế "thất thu" vì doanh nghiệp... "chết yểu"\nBình quân mỗi tháng có hơn 8.700 doanh nghiệp rút khỏi thị trường.' });
    expect(a.title).toBe('Ngành thuế "thất thu" vì doanh nghiệp... "chết yểu"');
    expect(a.bodyHtml).toBe('<p>Bình quân mỗi tháng có hơn 8.700 doanh nghiệp rút khỏi thị trường.</p>');
  });
});

describe('deriveTitle', () => {
  it('takes the first sentence without its full stop', () => {
    expect(deriveTitle('Năm 2020, Vinamilk dẫn đầu bảng xếp hạng. Đây là lần đầu tiên.')).toBe('Năm 2020, Vinamilk dẫn đầu bảng xếp hạng');
  });
  it('does not cut at an abbreviation in the first 20 characters or at an ellipsis before lower case', () => {
    expect(deriveTitle('TP. Hồ Chí Minh khởi công tuyến metro số 2. Dự án dài 11 km.')).toBe('TP. Hồ Chí Minh khởi công tuyến metro số 2');
    expect(deriveTitle('Giá xăng giảm... nhẹ trong kỳ điều hành hôm nay')).toBe('Giá xăng giảm... nhẹ trong kỳ điều hành hôm nay');
  });
  it('keeps ? and !', () => {
    expect(deriveTitle('Vì sao giá vàng tăng mạnh trong tuần qua? Các chuyên gia lý giải.')).toBe('Vì sao giá vàng tăng mạnh trong tuần qua?');
  });
  it('cuts a long sentence at a word boundary, at most 160 characters, with an ellipsis', () => {
    const long = 'Ủy ban nhân dân tỉnh ' + 'tiếp tục đẩy mạnh cải cách hành chính '.repeat(10) + 'trong năm nay.';
    const t = deriveTitle(long);
    expect(t.length).toBeLessThanOrEqual(160);
    expect(t.endsWith('…')).toBe(true);
    expect(long.startsWith(t.slice(0, -1))).toBe(true);
    expect(t.slice(0, -1)).not.toMatch(/\s$/);
  });
  it('skips leading blank lines and returns "" for an empty body', () => {
    expect(deriveTitle('\n  \nĐoạn đầu tiên của bài viết này.')).toBe('Đoạn đầu tiên của bài viết này');
    expect(deriveTitle('')).toBe('');
  });
});

describe('mapCategory', () => {
  it('maps, humanises slugs, keeps names', () => {
    expect(mapCategory('tin-tuc-trong-ngay', { 'tin-tuc-trong-ngay': 'Tin tức trong ngày' })).toBe('Tin tức trong ngày');
    expect(mapCategory('tin-tuc-trong-ngay')).toBe('Tin tuc trong ngay');
    expect(mapCategory('business')).toBe('Business');
    expect(mapCategory('Giáo dục - Hướng nghiệp')).toBe('Giáo dục - Hướng nghiệp');
    expect(mapCategory(null)).toBeNull();
    expect(mapCategory('trang-chu', { 'trang-chu': null })).toBeNull();
  });
});
