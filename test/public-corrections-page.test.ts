/**
 * Corrections (đính chính) on the public article page and its print view: each correction is a
 * dated public note in a marked box at the top of the article, in Vietnam time, and in the
 * page's JSON-LD as a schema.org CorrectionComment. Both engines.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './app-harness.ts';
import { ENGINES } from './database-harness.ts';
import { buildArticle, buildSite } from './factories.ts';
import { jsonLdBlocks, parseHtml, textOf } from './public-helpers.ts';

describe.each(ENGINES)('corrections on the article page on %s', (engine) => {
  let t: TestApp;
  let site: { id: number; key: string };
  const firstNote = 'Bài viết đã sửa tên đồng chí Phó Giám đốc Sở là Lê Hải Yến (trước đây ghi nhầm là Lê Hải Yên).';
  const secondNote = 'Số liệu dịch vụ công trực tuyến được cập nhật theo báo cáo ngày 29/9 <của Sở> & UBND tỉnh.';
  const futureNote = 'Đính chính chưa đến giờ hiển thị.';

  beforeAll(async () => {
    t = await createTestApp(engine, new Date('2022-10-01T03:00:00.000Z'));
    const db = t.core.db;
    site = await buildSite(db, { name: 'Trang thông tin điện tử Sở TTTT tỉnh Lạng Sơn' });
    const corrected = await buildArticle(db, site.id, { title: 'Lạng Sơn tổ chức hội nghị chuyển đổi số', slug: 'hoi-nghi-chuyen-doi-so', revision: 4, updated_at: '2022-09-27T07:05:00.000Z' });
    await buildArticle(db, site.id, { title: 'Tin chưa từng đính chính', slug: 'tin-binh-thuong' });
    await db
      .insertInto('article_corrections')
      .values([
        // 14:05 on 28/9/2022 and 08:30 on 30/9/2022 in Vietnam; the last one after the clock.
        { article_id: corrected.id, note: firstNote, revision: 2, created_at: '2022-09-28T07:05:00.000Z' },
        { article_id: corrected.id, note: secondNote, revision: 3, created_at: '2022-09-30T01:30:00.000Z' },
        { article_id: corrected.id, note: futureNote, revision: 4, created_at: '2022-10-02T00:00:00.000Z' },
      ])
      .execute();
    await t.core.sites.reload();
  });

  afterAll(async () => {
    await t?.dispose();
  });

  const get = (url: string) => t.app.inject({ method: 'GET', url });

  it('shows each correction as a dated note in a marked box at the top of the article', async () => {
    const res = await get(`/${site.key}/bai-viet/hoi-nghi-chuyen-doi-so`);
    expect(res.statusCode).toBe(200);
    const doc = parseHtml(res.body);
    const box = doc.querySelector('main .corrections');
    expect(box?.getAttribute('aria-label')).toBe('Đính chính');
    expect([...box!.querySelectorAll('li')].map((li) => textOf(li))).toEqual([
      `Đính chính lúc 14:05 ngày 28/9/2022: ${firstNote}`,
      `Đính chính lúc 08:30 ngày 30/9/2022: ${secondNote}`,
    ]);
    expect([...box!.querySelectorAll('time')].map((el) => el.getAttribute('datetime'))).toEqual(['2022-09-28T14:05:00+07:00', '2022-09-30T08:30:00+07:00']);
    // Near the top: before the title and the body of the article.
    const article = doc.querySelector('main article')!;
    expect(article.firstElementChild).toBe(box);
    // A note dated after the clock is not shown yet; the note's text is text, not markup.
    expect(res.body).not.toContain(futureNote);
    const notes = [...box!.querySelectorAll('.corrections__note')];
    expect(textOf(notes[1])).toBe(secondNote);
    expect(notes[1]!.children.length).toBe(0);
  });

  it('puts the corrections in the JSON-LD as CorrectionComment', async () => {
    const doc = parseHtml((await get(`/${site.key}/bai-viet/hoi-nghi-chuyen-doi-so`)).body);
    const [ld] = jsonLdBlocks(doc);
    expect(ld?.['@type']).toBe('NewsArticle');
    expect(ld?.correction).toEqual([
      { '@type': 'CorrectionComment', text: firstNote, datePublished: '2022-09-28T14:05:00+07:00' },
      { '@type': 'CorrectionComment', text: secondNote, datePublished: '2022-09-30T08:30:00+07:00' },
    ]);
    expect(ld?.dateModified).toBe('2022-09-30T08:30:00+07:00');
  });

  it('shows the corrections in the print view too', async () => {
    const res = await get(`/${site.key}/bai-viet/hoi-nghi-chuyen-doi-so/in`);
    expect(res.statusCode).toBe(200);
    const items = [...parseHtml(res.body).querySelectorAll('.corrections li')].map((li) => textOf(li));
    expect(items).toEqual([`Đính chính lúc 14:05 ngày 28/9/2022: ${firstNote}`, `Đính chính lúc 08:30 ngày 30/9/2022: ${secondNote}`]);
  });

  it('shows the later correction once the clock passes its time', async () => {
    t.now = new Date('2022-10-02T00:00:01.000Z');
    try {
      const doc = parseHtml((await get(`/${site.key}/bai-viet/hoi-nghi-chuyen-doi-so`)).body);
      expect(textOf(doc.querySelector('.corrections li:last-child'))).toBe(`Đính chính lúc 07:00 ngày 2/10/2022: ${futureNote}`);
    } finally {
      t.now = new Date('2022-10-01T03:00:00.000Z');
    }
  });

  it('shows no box and no correction data on an article never corrected', async () => {
    const res = await get(`/${site.key}/bai-viet/tin-binh-thuong`);
    expect(res.statusCode).toBe(200);
    const doc = parseHtml(res.body);
    expect(doc.querySelector('.corrections')).toBeNull();
    expect(jsonLdBlocks(doc)[0]).not.toHaveProperty('correction');
  });
});
