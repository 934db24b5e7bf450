/**
 * The article page and its print view through HTTP: what a reader sees (title, lead, cover,
 * body, byline, source, Vietnamese date and time, categories, tags, related) and what
 * machines read (canonical, Open Graph, JSON-LD). Both engines.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './app-harness.ts';
import { ENGINES } from './database-harness.ts';
import { buildArticle, buildCategory, buildSite, buildTag } from './factories.ts';
import { cardTitles, hrefs, jsonLdBlocks, metaContent, parseHtml, textOf } from './public-helpers.ts';

const ORIGIN = 'http://127.0.0.1:3000';

describe.each(ENGINES)('article page on %s', (engine) => {
  let t: TestApp;
  let site: { id: number; key: string; organisationId: number };
  const title = 'Hội nghị tập huấn nghiệp vụ công tác thông tin, tuyên truyền của Bộ TTTT năm 2022';
  const lead = 'Ngày 27/9/2022, Bộ Thông tin và Truyền thông tổ chức Hội nghị tập huấn nghiệp vụ công tác thông tin, tuyên truyền.';

  beforeAll(async () => {
    t = await createTestApp(engine);
    const db = t.core.db;
    site = await buildSite(db, { name: 'Trang thông tin điện tử Sở TTTT tỉnh Lạng Sơn', orgName: 'Sở Thông tin và Truyền thông tỉnh Lạng Sơn' });
    const cat = await buildCategory(db, site.id, { name: 'Tin hoạt động', slug: 'tin-hoat-dong' });
    const tag = await buildTag(db, site.id, { name: 'Tập huấn', slug: 'tap-huan' });
    const now = new Date().toISOString();
    const media = await db
      .insertInto('media')
      .values({
        site_id: site.id,
        original_name: 'hoi-nghi.jpg',
        mime_type: 'image/jpeg',
        width: 1600,
        height: 900,
        bytes: 123456,
        sha256: 'a'.repeat(64),
        storage_key: 'ab/abc123.jpg',
        variants: JSON.stringify([
          { width: 640, height: 360, format: 'webp', key: 'ab/abc123-640.webp' },
          { width: 640, height: 360, format: 'jpeg', key: 'ab/abc123-640.jpg' },
          { width: 1024, height: 576, format: 'jpeg', key: 'ab/abc123-1024.jpg' },
        ]),
        alt: 'Ảnh trong thư viện',
        caption: null,
        credit: 'Trung tâm Công nghệ số',
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await buildArticle(db, site.id, {
      title,
      slug: 'hoi-nghi-tap-huan',
      lead,
      body: '<p>Tại điểm cầu Sở TTTT Lạng Sơn, dự Hội nghị có đồng chí Lê Hải Yến, Phó Giám đốc Sở.</p><figure><figcaption>Quang cảnh Hội nghị tại điểm cầu Lạng Sơn</figcaption></figure><p>Đoạn thứ hai.</p>',
      byline: 'Hoàng Thị Tố Loan',
      source_organisation_id: site.organisationId,
      source_url: 'https://sotttt.langson.gov.vn/hoi-nghi-tap-huan',
      cover_media_id: media.id,
      cover_alt: 'Đại biểu dự Hội nghị tại điểm cầu Lạng Sơn',
      cover_caption: 'Hội nghị tập huấn tại điểm cầu Lạng Sơn',
      published_at: '2022-09-27T07:05:00.000Z',
      published_precision: 'minute',
      updated_at: '2022-09-28T01:00:00.000Z',
      categoryIds: [cat.id],
      tagIds: [tag.id],
    });
    await buildArticle(db, site.id, {
      title: 'Văn bản chỉ biết ngày đăng',
      slug: 'chi-biet-ngay',
      lead: null,
      body: '<p>Nội dung &amp; chi tiết của văn bản.</p>',
      byline: null,
      source_name: 'Văn phòng UBND tỉnh',
      published_at: '2022-09-26T17:00:00.000Z',
      published_precision: 'day',
      categoryIds: [cat.id],
    });
    await buildArticle(db, site.id, { title: 'Bài cùng thẻ', slug: 'bai-cung-the', tagIds: [tag.id], published_at: '2022-09-25T02:00:00.000Z' });
    await t.core.sites.reload();
  });

  afterAll(async () => {
    await t?.dispose();
  });

  const get = (url: string) => t.app.inject({ method: 'GET', url });
  const articleUrl = () => `/${site.key}/bai-viet/hoi-nghi-tap-huan`;

  it('shows the title as the one h1, the lead, byline, source and the date and time in Vietnamese', async () => {
    const res = await get(articleUrl());
    expect(res.statusCode).toBe(200);
    const doc = parseHtml(res.body);
    const h1s = doc.querySelectorAll('h1');
    expect(h1s).toHaveLength(1);
    expect(textOf(h1s[0])).toBe(title);
    expect(doc.title).toBe(`${title} – Trang thông tin điện tử Sở TTTT tỉnh Lạng Sơn`);
    expect(textOf(doc.querySelector('.article__lead'))).toBe(lead);
    const time = doc.querySelector('.article__meta time')!;
    expect(textOf(time)).toBe('Thứ Ba, 27/9/2022 14:05');
    expect(time.getAttribute('datetime')).toBe('2022-09-27T14:05:00+07:00');
    expect(textOf(doc.querySelector('.article__byline'))).toBe('Hoàng Thị Tố Loan');
    const source = doc.querySelector('.article__source')!;
    expect(textOf(source)).toBe('Nguồn: Sở Thông tin và Truyền thông tỉnh Lạng Sơn');
    expect(source.querySelector('a')!.getAttribute('href')).toBe('https://sotttt.langson.gov.vn/hoi-nghi-tap-huan');
  });

  it('shows the cover with alt text, caption and credit, and the body with its caption-only figure', async () => {
    const doc = parseHtml((await get(articleUrl())).body);
    const cover = doc.querySelector('figure.article__cover')!;
    const img = cover.querySelector('img')!;
    expect(img.getAttribute('alt')).toBe('Đại biểu dự Hội nghị tại điểm cầu Lạng Sơn');
    expect(img.getAttribute('src')).toBe('/media/ab/abc123.jpg');
    expect(cover.querySelector('source[type="image/webp"]')!.getAttribute('srcset')).toBe('/media/ab/abc123-640.webp 640w');
    expect(textOf(cover.querySelector('figcaption'))).toBe('Hội nghị tập huấn tại điểm cầu Lạng Sơn (Ảnh: Trung tâm Công nghệ số)');
    const body = doc.querySelector('.article__body')!;
    expect(textOf(body.querySelector('p'))).toContain('Lê Hải Yến');
    expect(textOf(body.querySelector('figure figcaption'))).toBe('Quang cảnh Hội nghị tại điểm cầu Lạng Sơn');
  });

  it('links its categories and tags, related articles and the print view', async () => {
    const doc = parseHtml((await get(articleUrl())).body);
    const footer = doc.querySelector('.article__footer')!;
    expect(hrefs(footer)).toEqual([`/${site.key}/chuyen-muc/tin-hoat-dong`, `/${site.key}/the/tap-huan`, `/${site.key}/bai-viet/hoi-nghi-tap-huan/in`]);
    expect(textOf(doc.querySelector('nav[aria-label="Đường dẫn"]'))).toContain('Tin hoạt động');
    // Sharing a tag first, then the category.
    expect(cardTitles(doc.querySelector('.related'))).toEqual(['Bài cùng thẻ', 'Văn bản chỉ biết ngày đăng']);
  });

  it('has an absolute canonical link and Open Graph tags', async () => {
    const doc = parseHtml((await get(articleUrl())).body);
    const canonical = `${ORIGIN}${articleUrl()}`;
    expect(doc.querySelector('link[rel="canonical"]')!.getAttribute('href')).toBe(canonical);
    expect(metaContent(doc, 'og:type')).toBe('article');
    expect(metaContent(doc, 'og:title')).toBe(title);
    expect(metaContent(doc, 'og:description')).toBe(lead);
    expect(metaContent(doc, 'description')).toBe(lead);
    expect(metaContent(doc, 'og:url')).toBe(canonical);
    expect(metaContent(doc, 'og:image')).toBe(`${ORIGIN}/media/ab/abc123-1024.jpg`);
    expect(metaContent(doc, 'article:published_time')).toBe('2022-09-27T14:05:00+07:00');
  });

  it('has a NewsArticle JSON-LD block with Vietnam-time dates, author, publisher and image', async () => {
    const doc = parseHtml((await get(articleUrl())).body);
    const blocks = jsonLdBlocks(doc);
    expect(blocks).toHaveLength(1);
    const ld = blocks[0]!;
    expect(ld).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      headline: title,
      description: lead,
      datePublished: '2022-09-27T14:05:00+07:00',
      dateModified: '2022-09-28T08:00:00+07:00',
      author: { '@type': 'Person', name: 'Hoàng Thị Tố Loan' },
      publisher: { '@type': 'Organization', name: 'Sở Thông tin và Truyền thông tỉnh Lạng Sơn' },
      mainEntityOfPage: { '@type': 'WebPage', '@id': `${ORIGIN}${articleUrl()}` },
      image: [`${ORIGIN}/media/ab/abc123-1024.jpg`],
      inLanguage: 'vi',
    });
  });

  it('shows only the date for a day-precision article, never a time', async () => {
    const res = await get(`/${site.key}/bai-viet/chi-biet-ngay`);
    const doc = parseHtml(res.body);
    const time = doc.querySelector('.article__meta time')!;
    expect(textOf(time)).toBe('Thứ Ba, 27/9/2022');
    expect(time.getAttribute('datetime')).toBe('2022-09-27');
    expect(textOf(doc.querySelector('article.article'))).not.toMatch(/\b\d{1,2}:\d{2}\b/);
    // No byline: the author is the organisation; the description comes from the body.
    const ld = jsonLdBlocks(doc)[0]!;
    expect(ld['author']).toEqual({ '@type': 'Organization', name: 'Sở Thông tin và Truyền thông tỉnh Lạng Sơn' });
    expect(ld['image']).toBeUndefined();
    expect(metaContent(doc, 'og:image')).toBeNull();
    expect(metaContent(doc, 'og:description')).toBe('Nội dung & chi tiết của văn bản.');
    expect(textOf(doc.querySelector('.article__source'))).toBe('Nguồn: Văn phòng UBND tỉnh');
    expect(doc.querySelector('.article__source a')).toBeNull();
    // The list shows no time either.
    const list = parseHtml((await get(`/${site.key}/chuyen-muc/tin-hoat-dong`)).body);
    const card = [...list.querySelectorAll('.card')].find((c) => textOf(c.querySelector('.card__title')) === 'Văn bản chỉ biết ngày đăng')!;
    expect(textOf(card.querySelector('time'))).toBe('27/9/2022');
  });

  it('has a print view with the same content, minimal chrome and noindex', async () => {
    const res = await get(`${articleUrl()}/in`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('public, max-age=30');
    const doc = parseHtml(res.body);
    expect(metaContent(doc, 'robots')).toBe('noindex');
    expect(doc.querySelector('link[rel="canonical"]')!.getAttribute('href')).toBe(`${ORIGIN}${articleUrl()}`);
    expect(textOf(doc.querySelector('h1'))).toBe(title);
    expect(textOf(doc.querySelector('.article__byline'))).toBe('Hoàng Thị Tố Loan');
    expect(textOf(doc.querySelector('.article__body'))).toContain('Lê Hải Yến');
    expect(doc.querySelector('nav[aria-label="Chuyên mục"]')).toBeNull();
    expect(doc.querySelector('.related')).toBeNull();
    expect(textOf(doc.querySelector('.print-url'))).toContain(`${ORIGIN}${articleUrl()}`);
    expect((await get(`/${site.key}/bai-viet/khong-co/in`)).statusCode).toBe(404);
  });

  it('does not show an article of this site under another site', async () => {
    const other = await buildSite(t.core.db);
    await t.core.sites.reload();
    expect((await get(`/${other.key}/bai-viet/hoi-nghi-tap-huan`)).statusCode).toBe(404);
  });
});
