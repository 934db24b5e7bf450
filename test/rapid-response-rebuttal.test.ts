/**
 * The answer as the public sees it (issue "Rapid-response desk", item 4), on SQLite and
 * PostgreSQL: a published rebuttal linked to a rated case shows the claim, the verdict, where
 * the claim appeared and the official facts in a box before its body, and carries schema.org
 * ClaimReview JSON-LD (checked field by field); its syndicated copies show the same, naming the
 * original; the "Thông tin phản bác" section lists every rebuttal of the network once, newest
 * first, never one that is not public yet, in pages and feeds; reporters' contact details appear
 * nowhere. In Chromium (SQLite): the section and the rebuttal page pass axe.
 */
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { RATINGS } from '../src/core/rapid-response/case.ts';
import type { Database } from '../src/core/db/database.ts';
import { foldText } from '../src/core/text/index.ts';
import { createTestApp, type TestApp } from './app-harness.ts';
import { launchChromium, seriousAxeViolations } from './browser.ts';
import { ENGINES } from './database-harness.ts';
import { buildArticle, buildSite } from './factories.ts';
import { hrefs, jsonLdBlocks, parseHtml, textOf } from './public-helpers.ts';

const CLAIM = 'Từ ngày 1/10/2022, mọi thuê bao di động chưa chuẩn hoá thông tin sẽ bị khoá vĩnh viễn và mất số.';
const OTHER_CLAIM = 'Bộ yêu cầu mọi người dân nộp ảnh căn cước qua đường dẫn lạ để được hỗ trợ.';
const DRAFT_CLAIM = 'Tin đồn chưa được phản bác công khai về giá cước tăng gấp đôi.';
const LATER_CLAIM = 'Tin đồn về lịch thi sẽ được phản bác sau giờ cấm đăng.';

const URL_A = 'https://mangxahoi.example.com/bai/khoa-thue-bao';
const URL_B = 'https://tintuc.example.net/thue-bao-bi-khoa';

/** What a reporter gave the desk privately: none of it may reach a public surface. */
const PRIVATE = ['Nguyễn Văn Báo Tin', 'baotin.rieng@example.com', '0912 345 678', '0912345678', 'Trần Thị Riêng', 'rieng.tu@example.org', 'SECRETCLICKID', 'TRACKAAAA2', 'TRACKBBBB3', 'hash-of-the-address-'];

const REBUTTAL_TITLE = 'Thông tin phản bác: không có chuyện khoá vĩnh viễn thuê bao chưa chuẩn hoá';
const OLDER_TITLE = 'Cảnh báo: đường dẫn thu thập ảnh căn cước không phải của Bộ';
const DRAFT_TITLE = 'Bản nháp phản bác tin giá cước (chưa đăng)';
const LATER_TITLE = 'Phản bác tin đồn lịch thi (hẹn đăng)';
const NEWS_TITLE = 'Hội nghị tập huấn nghiệp vụ năm 2022';

const PUBLISHED_AT = '2022-09-28T07:00:00.000Z'; // 14:00 on 28/9/2022, Vietnam time
const LATER_AT = '2022-10-02T01:00:00.000Z';

interface Seeded {
  desk: { id: number; key: string };
  langson: { id: number; key: string };
  hagiang: { id: number; key: string };
  rebuttal: { id: number; slug: string };
  copies: { id: number; slug: string; siteKey: string }[];
  draft: { id: number; slug: string };
  later: { id: number; slug: string };
  older: { id: number; slug: string };
}

async function insertCase(
  db: Kysely<Database>,
  deskSiteId: number,
  fields: { code: string; claim: string; rating: string | null; state: string; rebuttalArticleId: number; firstSeenAt: string },
): Promise<number> {
  const now = new Date().toISOString();
  const row = await db
    .insertInto('rr_cases')
    .values({
      desk_site_id: deskSiteId,
      code: fields.code,
      title: fields.claim.slice(0, 60),
      claim_text: fields.claim,
      claim_folded: foldText(fields.claim),
      category: 'other',
      priority: 'normal',
      state: fields.state,
      first_seen_at: fields.firstSeenAt,
      deadline_at: new Date(Date.parse(fields.firstSeenAt) + 24 * 3_600_000).toISOString(),
      report_count: 0,
      rating: fields.rating,
      rating_note: 'Ghi chú nội bộ của tổ kiểm chứng.',
      rated_at: fields.rating ? fields.firstSeenAt : null,
      rebuttal_article_id: fields.rebuttalArticleId,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

async function insertReport(
  db: Kysely<Database>,
  caseId: number,
  fields: { code: string; url: string | null; normalizedUrl: string | null; at: string; siteId: number | null; contact?: [string, string, string] },
): Promise<void> {
  await db
    .insertInto('rr_reports')
    .values({
      case_id: caseId,
      tracking_code: fields.code,
      channel: 'public',
      site_id: fields.siteId,
      url: fields.url,
      normalized_url: fields.normalizedUrl,
      where_seen: 'Nhóm mạng xã hội',
      description: 'Tôi thấy tin này được chia sẻ nhiều.',
      description_folded: 'toi thay tin nay duoc chia se nhieu.',
      contact_name: fields.contact?.[0] ?? null,
      contact_email: fields.contact?.[1] ?? null,
      contact_phone: fields.contact?.[2] ?? null,
      address_hash: `hash-of-the-address-${fields.code}`,
      content_hash: `content-${fields.code}`,
      created_at: fields.at,
    })
    .execute();
}

/** The desk site, two provincial sites, a rated case with three reports and its rebuttal copied to both. */
async function seed(t: TestApp): Promise<Seeded> {
  const db = t.core.db;
  const desk = await buildSite(db, { name: 'Cổng thông tin điện tử Bộ Thông tin và Truyền thông', kind: 'ministry_portal', orgName: 'Bộ Thông tin và Truyền thông' });
  const langson = await buildSite(db, { name: 'Trang thông tin điện tử Sở TTTT tỉnh Lạng Sơn', orgName: 'Sở Thông tin và Truyền thông tỉnh Lạng Sơn' });
  const hagiang = await buildSite(db, { name: 'Trang thông tin điện tử Sở TTTT tỉnh Hà Giang', orgName: 'Sở Thông tin và Truyền thông tỉnh Hà Giang' });

  const rebuttal = await buildArticle(db, desk.id, {
    type: 'rebuttal',
    title: REBUTTAL_TITLE,
    slug: 'khong-khoa-vinh-vien-thue-bao',
    lead: 'Bộ Thông tin và Truyền thông khẳng định thông tin lan truyền trên mạng xã hội là sai sự thật.',
    body: '<p>Theo quy định hiện hành, thuê bao chưa chuẩn hoá thông tin được nhắn tin nhắc nhở và có thời hạn bổ sung; không có quy định khoá vĩnh viễn.</p>',
    source_name: 'Cục Viễn thông',
    source_url: 'https://vnta.example.gov.vn/thong-bao-chuan-hoa',
    published_at: PUBLISHED_AT,
  });
  const caseId = await insertCase(db, desk.id, { code: 'VV-2022-000001', claim: CLAIM, rating: 'fake', state: 'answered', rebuttalArticleId: rebuttal.id, firstSeenAt: '2022-09-28T01:00:00.000Z' });
  await insertReport(db, caseId, { code: 'TRACKAAAA1', url: `${URL_A}/`, normalizedUrl: URL_A, at: '2022-09-28T01:00:00.000Z', siteId: langson.id, contact: ['Nguyễn Văn Báo Tin', 'baotin.rieng@example.com', '0912 345 678'] });
  // The same link again, with a click identifier a public page must not repeat.
  await insertReport(db, caseId, { code: 'TRACKAAAA2', url: `https://www.mangxahoi.example.com/bai/khoa-thue-bao?fbclid=SECRETCLICKID`, normalizedUrl: URL_A, at: '2022-09-28T02:00:00.000Z', siteId: hagiang.id, contact: ['Trần Thị Riêng', 'rieng.tu@example.org', '0987654321'] });
  await insertReport(db, caseId, { code: 'TRACKAAAA3', url: URL_B, normalizedUrl: URL_B, at: '2022-09-28T03:30:00.000Z', siteId: null });
  // A report without a link (a phone call) adds no appearance.
  await insertReport(db, caseId, { code: 'TRACKAAAA4', url: null, normalizedUrl: null, at: '2022-09-28T04:00:00.000Z', siteId: null, contact: ['Nguyễn Văn Báo Tin', 'baotin.rieng@example.com', '0912345678'] });

  const originalUrl = `${t.core.config.publicUrl}/${desk.key}/bai-viet/${rebuttal.slug}`;
  const copies: Seeded['copies'] = [];
  for (const site of [langson, hagiang]) {
    const copy = await buildArticle(db, site.id, {
      type: 'rebuttal',
      title: REBUTTAL_TITLE,
      slug: 'khong-khoa-vinh-vien-thue-bao',
      lead: 'Bộ Thông tin và Truyền thông khẳng định thông tin lan truyền trên mạng xã hội là sai sự thật.',
      body: '<p>Theo quy định hiện hành, thuê bao chưa chuẩn hoá thông tin được nhắn tin nhắc nhở và có thời hạn bổ sung; không có quy định khoá vĩnh viễn.</p>',
      source_name: 'Bộ Thông tin và Truyền thông',
      source_url: originalUrl,
      published_at: PUBLISHED_AT,
      origin_article_id: rebuttal.id,
      follows_origin: 1,
    });
    const now = new Date().toISOString();
    await db
      .insertInto('syndications')
      .values({ direction: 'down', source_article_id: rebuttal.id, source_site_id: desk.id, target_site_id: site.id, copy_article_id: copy.id, status: 'shown', following: 1, created_at: now, updated_at: now })
      .execute();
    copies.push({ ...copy, siteKey: site.key });
  }

  // An older rebuttal of a provincial site (its own), rated "Sai một phần", without links.
  const older = await buildArticle(db, langson.id, { type: 'rebuttal', title: OLDER_TITLE, slug: 'canh-bao-duong-dan-anh-can-cuoc', published_at: '2022-09-20T02:00:00.000Z' });
  const olderCase = await insertCase(db, desk.id, { code: 'VV-2022-000002', claim: OTHER_CLAIM, rating: 'partly_false', state: 'answered', rebuttalArticleId: older.id, firstSeenAt: '2022-09-19T02:00:00.000Z' });
  await insertReport(db, olderCase, { code: 'TRACKBBBB3', url: null, normalizedUrl: null, at: '2022-09-19T02:00:00.000Z', siteId: langson.id, contact: ['Trần Thị Riêng', 'rieng.tu@example.org', '0987654321'] });

  // Not public: a draft rebuttal, and one embargoed until after the test's clock.
  const draft = await buildArticle(db, desk.id, { type: 'rebuttal', title: DRAFT_TITLE, slug: 'ban-nhap-phan-bac', state: 'draft', published_at: null });
  await insertCase(db, desk.id, { code: 'VV-2022-000003', claim: DRAFT_CLAIM, rating: 'false', state: 'rated', rebuttalArticleId: draft.id, firstSeenAt: '2022-09-29T02:00:00.000Z' });
  const later = await buildArticle(db, desk.id, { type: 'rebuttal', title: LATER_TITLE, slug: 'phan-bac-lich-thi', published_at: LATER_AT });
  await insertCase(db, desk.id, { code: 'VV-2022-000004', claim: LATER_CLAIM, rating: 'false', state: 'rated', rebuttalArticleId: later.id, firstSeenAt: '2022-09-30T02:00:00.000Z' });

  await buildArticle(db, desk.id, { title: NEWS_TITLE, slug: 'hoi-nghi-tap-huan' });
  await t.core.sites.reload();
  return { desk, langson, hagiang, rebuttal, copies, draft, later, older };
}

/** Fails when a reporter's private detail is in the text. */
function expectNoPrivateDetails(body: string, where: string): void {
  for (const secret of PRIVATE) expect(body.includes(secret), `${where} contains “${secret}”`).toBe(false);
}

describe.each(ENGINES)('rebuttals in public on %s', (engine) => {
  let t: TestApp;
  let s: Seeded;

  beforeAll(async () => {
    t = await createTestApp(engine);
    s = await seed(t);
  });

  afterAll(async () => {
    await t?.dispose();
  });

  async function get(url: string) {
    const res = await t.app.inject({ method: 'GET', url });
    return { status: res.statusCode, body: res.body, headers: res.headers };
  }

  function claimReviewOf(doc: Document): Record<string, unknown> {
    const blocks = jsonLdBlocks(doc).filter((b) => b['@type'] === 'ClaimReview');
    expect(blocks).toHaveLength(1);
    return blocks[0]!;
  }

  it('the rebuttal page states the claim, the verdict, where it appeared and the official facts before the body', async () => {
    const res = await get(`/${s.desk.key}/bai-viet/${s.rebuttal.slug}`);
    expect(res.status).toBe(200);
    const doc = parseHtml(res.body);
    expect(doc.querySelectorAll('h1')).toHaveLength(1);
    const box = doc.querySelector('.article .claim-review');
    expect(box).not.toBeNull();
    // the box comes before the body
    const body = doc.querySelector('.article__body')!;
    expect(box!.compareDocumentPosition(body) & 4 /* DOCUMENT_POSITION_FOLLOWING */).toBeTruthy();
    expect(textOf(box!.querySelector('h2'))).toBe('Kiểm chứng thông tin');
    const rows = Object.fromEntries([...box!.querySelectorAll('.claim-review__row')].map((row) => [textOf(row.querySelector('dt')), row.querySelector('dd')!]));
    expect(textOf(rows['Thông tin được kiểm chứng'])).toBe(`“${CLAIM}”`);
    const fake = RATINGS.find((r) => r.key === 'fake')!;
    expect(textOf(rows['Kết luận']!.querySelector('.verdict'))).toBe('Tin giả');
    expect(textOf(rows['Kết luận'])).toContain(fake.description);
    // each link once, in the order first reported, normalised (no click identifiers)
    expect(hrefs(rows['Nơi thông tin xuất hiện']!)).toEqual([URL_A, URL_B]);
    expect(textOf(rows['Nơi thông tin xuất hiện'])).toContain('ghi nhận ngày 28/9/2022');
    expect(textOf(rows['Ghi nhận lần đầu'])).toBe('28/9/2022');
    expect(rows['Ghi nhận lần đầu']!.querySelector('time')!.getAttribute('datetime')).toBe('2022-09-28');
    const facts = rows['Thông tin chính thức']!;
    expect(textOf(facts)).toBe('Nội dung dưới đây, nguồn: Cục Viễn thông.');
    expect(hrefs(facts)).toEqual(['https://vnta.example.gov.vn/thong-bao-chuan-hoa']);
    for (const a of rows['Nơi thông tin xuất hiện']!.querySelectorAll('a')) expect(a.getAttribute('rel')).toContain('nofollow');
    expectNoPrivateDetails(res.body, 'the rebuttal page');
  });

  it('its ClaimReview JSON-LD sits beside the NewsArticle, field by field', async () => {
    const res = await get(`/${s.desk.key}/bai-viet/${s.rebuttal.slug}`);
    const doc = parseHtml(res.body);
    const types = jsonLdBlocks(doc).map((b) => b['@type']);
    expect(types).toEqual(['NewsArticle', 'ClaimReview']);
    const review = claimReviewOf(doc);
    const canonical = doc.querySelector('link[rel="canonical"]')!.getAttribute('href');
    const publicUrl = t.core.config.publicUrl;
    expect(canonical).toBe(`${publicUrl}/${s.desk.key}/bai-viet/${s.rebuttal.slug}`);
    expect(review['@context']).toBe('https://schema.org');
    expect(review['@type']).toBe('ClaimReview');
    expect(review.claimReviewed).toBe(CLAIM);
    expect(review.url).toBe(canonical);
    expect(review.datePublished).toBe('2022-09-28T14:00:00+07:00');
    expect(review.author).toEqual({ '@type': 'Organization', name: 'Bộ Thông tin và Truyền thông', url: `${publicUrl}/${s.desk.key}/` });
    const item = review.itemReviewed as Record<string, unknown>;
    expect(item['@type']).toBe('Claim');
    expect(item.appearance).toEqual([
      { '@type': 'CreativeWork', url: URL_A },
      { '@type': 'CreativeWork', url: URL_B },
    ]);
    expect(item.firstAppearance).toEqual({ '@type': 'CreativeWork', url: URL_A });
    expect(item.datePublished).toBe('2022-09-28T08:00:00+07:00');
    const rating = review.reviewRating as Record<string, unknown>;
    expect(rating['@type']).toBe('Rating');
    expect(rating.ratingValue).toBe(RATINGS.find((r) => r.key === 'fake')!.value);
    expect(rating.ratingValue).toBe(1);
    expect(rating.bestRating).toBe(5);
    expect(rating.worstRating).toBe(1);
    expect(rating.alternateName).toBe('Tin giả');
    // the NewsArticle is unchanged beside it
    const article = jsonLdBlocks(doc).find((b) => b['@type'] === 'NewsArticle')!;
    expect(article.headline).toBe(REBUTTAL_TITLE);
    expect(article.url).toBe(canonical);
  });

  it('a syndicated copy shows the same box and ClaimReview, naming the original', async () => {
    const original = `${t.core.config.publicUrl}/${s.desk.key}/bai-viet/${s.rebuttal.slug}`;
    for (const copy of s.copies) {
      const res = await get(`/${copy.siteKey}/bai-viet/${copy.slug}`);
      expect(res.status).toBe(200);
      const doc = parseHtml(res.body);
      expect(textOf(doc.querySelector('.claim-review__claim'))).toBe(`“${CLAIM}”`);
      expect(textOf(doc.querySelector('.claim-review .verdict'))).toBe('Tin giả');
      const review = claimReviewOf(doc);
      expect(review.url).toBe(original);
      expect(doc.querySelector('link[rel="canonical"]')!.getAttribute('href')).toBe(original);
      expect(review.author).toEqual({ '@type': 'Organization', name: 'Bộ Thông tin và Truyền thông', url: `${t.core.config.publicUrl}/${s.desk.key}/` });
      expect(review.datePublished).toBe('2022-09-28T14:00:00+07:00');
      expect((review.reviewRating as Record<string, unknown>).alternateName).toBe('Tin giả');
      expectNoPrivateDetails(res.body, `the copy on ${copy.siteKey}`);
    }
  });

  it('an ordinary article carries no box and no ClaimReview', async () => {
    const doc = parseHtml((await get(`/${s.desk.key}/bai-viet/hoi-nghi-tap-huan`)).body);
    expect(doc.querySelector('.claim-review')).toBeNull();
    expect(jsonLdBlocks(doc).map((b) => b['@type'])).toEqual(['NewsArticle']);
  });

  it('the network section lists each rebuttal once, newest first, with verdict, claim and site', async () => {
    const res = await get('/thong-tin-phan-bac');
    expect(res.status).toBe(200);
    const doc = parseHtml(res.body);
    expect(doc.querySelectorAll('h1')).toHaveLength(1);
    expect(textOf(doc.querySelector('h1'))).toBe('Thông tin phản bác');
    const cards = [...doc.querySelectorAll('.rebuttal-list > li')];
    expect(cards.map((c) => textOf(c.querySelector('.card__title')))).toEqual([REBUTTAL_TITLE, OLDER_TITLE]);
    const first = cards[0]!;
    expect(textOf(first.querySelector('.verdict'))).toBe('Tin giả');
    expect(textOf(first.querySelector('.rebuttal-card__claim'))).toBe(`Thông tin được kiểm chứng: “${CLAIM}”`);
    expect(textOf(first.querySelector('.card__site'))).toContain('Cổng thông tin điện tử Bộ Thông tin và Truyền thông');
    expect(hrefs(first.querySelector('.card__title'))).toEqual([`/${s.desk.key}/bai-viet/${s.rebuttal.slug}`]);
    expect(textOf(cards[1]!.querySelector('.verdict'))).toBe('Sai một phần');
    expect(textOf(cards[1]!.querySelector('.card__site'))).toContain('Lạng Sơn');
    expect(textOf(doc.querySelector('.page-header__count'))).toBe('2 bài');
    // the network menu marks the section
    expect(doc.querySelector('nav.menu a[aria-current="page"]')!.getAttribute('href')).toBe('/thong-tin-phan-bac');
    for (const hidden of [DRAFT_TITLE, DRAFT_CLAIM, LATER_TITLE, LATER_CLAIM, NEWS_TITLE]) expect(res.body).not.toContain(hidden);
    expectNoPrivateDetails(res.body, 'the network section');
  });

  it("a site's list holds its own rebuttals and the copies it carries, with their claims", async () => {
    const res = await get(`/${s.langson.key}/thong-tin-phan-bac`);
    expect(res.status).toBe(200);
    const doc = parseHtml(res.body);
    const cards = [...doc.querySelectorAll('.rebuttal-list > li')];
    expect(cards.map((c) => textOf(c.querySelector('.card__title')))).toEqual([REBUTTAL_TITLE, OLDER_TITLE]);
    expect(hrefs(cards[0]!.querySelector('.card__title'))).toEqual([`/${s.langson.key}/bai-viet/${s.copies[0]!.slug}`]);
    expect(textOf(cards[0]!.querySelector('.rebuttal-card__claim'))).toContain(CLAIM);
    expect(hrefs(doc.querySelector('.page-header'))).toContain(`${t.core.config.publicUrl}/thong-tin-phan-bac`);
    // the desk's own list has no provincial rebuttal
    const deskDoc = parseHtml((await get(`/${s.desk.key}/thong-tin-phan-bac`)).body);
    expect([...deskDoc.querySelectorAll('.rebuttal-list .card__title')].map((e) => textOf(e))).toEqual([REBUTTAL_TITLE]);
    expectNoPrivateDetails(res.body, "a site's list");
  });

  it('the section is linked from the network root and from every site footer', async () => {
    expect(hrefs(parseHtml((await get('/')).body).querySelector('nav.menu'))).toContain('/thong-tin-phan-bac');
    for (const key of [s.desk.key, s.langson.key]) {
      expect(hrefs(parseHtml((await get(`/${key}/`)).body).querySelector('.site-footer'))).toContain(`/${key}/thong-tin-phan-bac`);
    }
  });

  it('feeds carry each published rebuttal once and nothing not yet public', async () => {
    for (const file of ['rss.xml', 'atom.xml', 'feed.json']) {
      const res = await get(`/thong-tin-phan-bac/${file}`);
      expect(res.status, file).toBe(200);
      expect(res.body.split(REBUTTAL_TITLE).length - 1, file).toBe(1);
      expect(res.body, file).toContain(OLDER_TITLE);
      for (const hidden of [DRAFT_TITLE, LATER_TITLE, NEWS_TITLE]) expect(res.body, file).not.toContain(hidden);
      expectNoPrivateDetails(res.body, `the network feed ${file}`);
      const site = await get(`/${s.hagiang.key}/thong-tin-phan-bac/${file}`);
      expect(site.status, file).toBe(200);
      expect(site.body, file).toContain(`/${s.hagiang.key}/bai-viet/${s.copies[1]!.slug}`);
      expect(site.body, file).not.toContain(OLDER_TITLE);
    }
    const json = JSON.parse((await get('/thong-tin-phan-bac/feed.json')).body) as { items: { title: string; url: string }[] };
    expect(json.items.map((i) => i.title)).toEqual([REBUTTAL_TITLE, OLDER_TITLE]);
  });

  it('a rebuttal not public yet appears nowhere, and everywhere once its time has come', async () => {
    expect((await get(`/${s.desk.key}/bai-viet/${s.draft.slug}`)).status).toBe(404);
    expect((await get(`/${s.desk.key}/bai-viet/${s.later.slug}`)).status).toBe(404);
    for (const url of ['/thong-tin-phan-bac', `/${s.desk.key}/thong-tin-phan-bac`, '/thong-tin-phan-bac/rss.xml', `/${s.desk.key}/thong-tin-phan-bac/atom.xml`]) {
      const body = (await get(url)).body;
      expect(body, url).not.toContain(LATER_TITLE);
      expect(body, url).not.toContain(LATER_CLAIM);
    }
    const before = t.now;
    t.now = new Date(Date.parse(LATER_AT) + 60_000);
    try {
      const doc = parseHtml((await get('/thong-tin-phan-bac')).body);
      expect(textOf(doc.querySelector('.rebuttal-list > li .card__title'))).toBe(LATER_TITLE);
      expect(textOf(doc.querySelector('.rebuttal-list > li .rebuttal-card__claim'))).toContain(LATER_CLAIM);
      expect((await get('/thong-tin-phan-bac/rss.xml')).body).toContain(LATER_TITLE);
      const page = parseHtml((await get(`/${s.desk.key}/bai-viet/${s.later.slug}`)).body);
      expect(claimReviewOf(page).claimReviewed).toBe(LATER_CLAIM);
      // the draft stays out
      expect((await get('/thong-tin-phan-bac')).body).not.toContain(DRAFT_TITLE);
    } finally {
      t.now = before;
    }
  });

  it('pages: a page past the last answers 404, a bad page number 400, an unknown site 404', async () => {
    expect((await get('/thong-tin-phan-bac?trang=2')).status).toBe(404);
    expect((await get('/thong-tin-phan-bac?trang=abc')).status).toBe(400);
    expect((await get('/khong-co-trang-nay/thong-tin-phan-bac')).status).toBe(404);
  });
});

describe('rebuttal pages in Chromium with axe (sqlite)', () => {
  let t: TestApp;
  let s: Seeded;
  let origin: string;
  let browser: Browser;

  beforeAll(async () => {
    t = await createTestApp('sqlite');
    s = await seed(t);
    origin = await t.app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.dispose();
  });

  for (const [name, pathOf] of [
    ['network section', () => '/thong-tin-phan-bac'],
    ['site section', () => `/${s.langson.key}/thong-tin-phan-bac`],
    ['rebuttal page', () => `/${s.desk.key}/bai-viet/${s.rebuttal.slug}`],
  ] as const) {
    for (const width of [375, 1280]) {
      it(`${name} at ${width}px: one h1, landmarks, no serious axe violation`, async () => {
        const context = await browser.newContext({ viewport: { width, height: 900 }, locale: 'vi-VN' });
        const page = await context.newPage();
        const res = await page.goto(origin + pathOf(), { waitUntil: 'load' });
        expect(res?.status()).toBe(200);
        expect(await page.locator('h1').count()).toBe(1);
        expect(await page.locator('main#noi-dung').count()).toBe(1);
        expect(await page.locator('header.site-header').count()).toBe(1);
        expect(await page.locator('footer.site-footer').count()).toBe(1);
        const violations = await seriousAxeViolations(page);
        expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
        // nothing wider than the screen on a phone
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
        if (process.env.CONG_SCREENSHOTS) {
          await page.screenshot({ path: path.join(process.env.CONG_SCREENSHOTS, `rebuttal-${name.replace(/\W+/g, '-')}-${width}.png`), fullPage: true });
        }
        await context.close();
      });
    }
  }
});
