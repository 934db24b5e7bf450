/**
 * The public report form and the tracking page over HTTP, on both engines: the JS-free flow
 * (form-encoded and multipart posts), bad input answered with the form again naming the
 * fields and nothing stored, the same report stored once, the honeypot, the per-address rate
 * limits (database-backed), posts from other sites refused, and the reporter's privacy on every
 * public surface (pages, search, feeds, sitemaps, the content API, the rebuttals section).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/core/config.ts';
import { createCore } from '../src/core/create-core.ts';
import { buildApp } from '../src/server/app.ts';
import { createTestApp, type TestApp } from './app-harness.ts';
import { ENGINES } from './database-harness.ts';
import { buildArticle, buildSite } from './factories.ts';
import { parseHtml, textOf } from './public-helpers.ts';

const PNG = fs.readFileSync(path.resolve('test/fixtures/media/bieu-do.png'));
const JPEG = fs.readFileSync(path.resolve('test/fixtures/media/canh-dong-lua.jpg'));

/** A form post: text fields and optional files (multipart when `files` is given). */
interface Post {
  fields: Record<string, string>;
  files?: { name: string; data: Buffer; type?: string }[];
  address?: string;
  headers?: Record<string, string>;
  url?: string;
}

function multipartBody(fields: Record<string, string>, files: { name: string; data: Buffer; type?: string }[]): { body: Buffer; type: string } {
  const boundary = `----cong${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  }
  for (const file of files) {
    chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="anh"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'image/png'}\r\n\r\n`));
    chunks.push(file.data, Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), type: `multipart/form-data; boundary=${boundary}` };
}

let unique = 0;
/** Valid fields of a new, distinct report. */
function report(overrides: Record<string, string> = {}): Record<string, string> {
  unique++;
  return {
    'duong-dan': `https://www.facebook.com/nhom-tin-don/posts/${1000 + unique}?fbclid=abc`,
    'noi-thay': 'facebook',
    'noi-thay-khac': 'Nhóm “Tin nóng Lạng Sơn”',
    'mo-ta': `Bài đăng nói rằng từ tháng sau mọi thuê bao chưa chuẩn hoá thông tin sẽ bị khoá vĩnh viễn (số ${unique}). Thông tin này trái với thông báo của Sở.`,
    ...overrides,
  };
}

describe.each(ENGINES)('public report form and tracking (%s)', (engine) => {
  let t: TestApp;
  let langson: { id: number; key: string };
  let article: { slug: string; title: string };
  const start = new Date('2022-10-01T03:00:00.000Z');

  beforeAll(async () => {
    t = await createTestApp(engine, start);
    await buildSite(t.core.db, { kind: 'ministry_portal', name: 'Cổng Thông tin điện tử Bộ Thông tin và Truyền thông', orgName: 'Bộ Thông tin và Truyền thông' });
    langson = await buildSite(t.core.db, { name: 'Trang thông tin điện tử Sở TTTT tỉnh Lạng Sơn', hostnames: ['langson.example.vn'] });
    article = await buildArticle(t.core.db, langson.id, { title: 'Sở TTTT hướng dẫn chuẩn hoá thông tin thuê bao', slug: 'chuan-hoa-thue-bao' });
    await t.core.sites.reload();
  });
  afterAll(async () => t?.dispose());

  const form = () => `/${langson.key}/phan-anh-thong-tin-sai`;
  const countReports = async () => Number((await t.core.db.selectFrom('rr_reports').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  function post(p: Post) {
    const base = { method: 'POST' as const, url: p.url ?? form(), remoteAddress: p.address ?? '203.0.113.10' };
    if (p.files) {
      const { body, type } = multipartBody(p.fields, p.files);
      return t.app.inject({ ...base, headers: { 'content-type': type, ...p.headers }, payload: body });
    }
    return t.app.inject({ ...base, headers: { 'content-type': 'application/x-www-form-urlencoded', ...p.headers }, payload: new URLSearchParams(p.fields).toString() });
  }

  /** The tracking code on the page after sending. */
  const codeOf = (html: string) => textOf(parseHtml(html).querySelector('#ma-theo-doi'));

  it('offers the form on every site, linked from the footer, with the honeypot hidden from people and assistive technology', async () => {
    const home = parseHtml((await t.app.inject({ url: `/${langson.key}/` })).body);
    const link = [...home.querySelectorAll('.site-footer a')].find((a) => textOf(a) === 'Phản ánh thông tin sai sự thật');
    expect(link?.getAttribute('href')).toBe(form());
    const res = await t.app.inject({ url: form() });
    expect(res.statusCode).toBe(200);
    const doc = parseHtml(res.body);
    const f = doc.querySelector('form.report-form')!;
    expect(f.getAttribute('method')).toBe('post');
    expect(f.getAttribute('enctype')).toBe('multipart/form-data');
    for (const label of ['Đường dẫn đến thông tin', 'Nơi bạn thấy thông tin', 'Mô tả', 'Ảnh chụp màn hình', 'Họ và tên', 'Thư điện tử', 'Số điện thoại']) {
      const el = [...doc.querySelectorAll('label')].find((l) => textOf(l).startsWith(label));
      expect(el, label).toBeTruthy();
      expect(doc.getElementById(el!.getAttribute('for')!), label).toBeTruthy();
    }
    expect(textOf(doc.querySelector('.report-form__private'))).toContain('Chỉ bộ phận tiếp nhận phản ánh được xem');
    const trap = doc.querySelector('input[name="trang-ca-nhan"]')!;
    expect(trap.getAttribute('tabindex')).toBe('-1');
    expect(trap.getAttribute('autocomplete')).toBe('off');
    expect(trap.closest('[aria-hidden="true"]')).toBeTruthy();
    // The same form on the site's own host name, with links without the key prefix.
    const own = await t.app.inject({ url: '/phan-anh-thong-tin-sai', headers: { host: 'langson.example.vn' } });
    expect(own.statusCode).toBe(200);
    expect(parseHtml(own.body).querySelector('form.report-form')!.getAttribute('action')).toBe('/phan-anh-thong-tin-sai');
    // Other methods: 405 naming what the address takes; an unknown site: 404.
    const put = await t.app.inject({ method: 'PUT', url: form() });
    expect(put.statusCode).toBe(405);
    expect(put.headers.allow).toBe('GET, HEAD, POST');
    expect((await t.app.inject({ method: 'OPTIONS', url: form() })).headers.allow).toBe('GET, HEAD, POST, OPTIONS');
    expect((await post({ url: '/khong-co-trang-nay/phan-anh-thong-tin-sai', fields: report() })).statusCode).toBe(404);
  });

  it('takes a form-encoded report without JavaScript and shows its tracking code; the tracking page shows its state', async () => {
    t.now = new Date(start.getTime() + 3_600_000);
    const before = await countReports();
    const res = await post({ fields: report({ 'ho-ten': 'Nguyễn Thị Hoa', email: 'hoa@example.vn', 'dien-thoai': '0912 345 678' }) });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('private, no-store');
    const doc = parseHtml(res.body);
    expect(textOf(doc.querySelector('h1'))).toBe('Đã nhận phản ánh của bạn');
    const code = codeOf(res.body);
    expect(code).toMatch(/^[2-9A-HJ-NP-Z]{10}$/);
    expect(textOf(doc.querySelector('main'))).toContain('trong vòng 24 giờ');
    expect(textOf(doc.querySelector('main'))).toContain('12 giờ');
    expect(res.body).not.toContain('Nguyễn Thị Hoa');
    expect(await countReports()).toBe(before + 1);
    const row = await t.core.db.selectFrom('rr_reports').selectAll().where('tracking_code', '=', code).executeTakeFirstOrThrow();
    expect(row.site_id).toBe(langson.id);
    expect(row.where_seen).toBe('Facebook: Nhóm “Tin nóng Lạng Sơn”');
    expect(row.contact_email).toBe('hoa@example.vn');

    const trackUrl = doc.querySelector('a.report-sent__track')!.getAttribute('href')!;
    expect(trackUrl).toBe(`${form()}/theo-doi?ma=${code}`);
    const track = await t.app.inject({ url: trackUrl });
    expect(track.statusCode).toBe(200);
    expect(track.headers['cache-control']).toBe('private, no-store');
    expect(track.headers['x-robots-tag']).toContain('noindex');
    const tdoc = parseHtml(track.body);
    expect(textOf(tdoc.querySelector('.tracking-result'))).toContain('Mới tiếp nhận');
    // Received at 04:00 UTC = 11:00 in Vietnam.
    expect(textOf(tdoc.querySelector('.tracking-result time'))).toBe('1/10/2022 11:00');
    expect(track.body).not.toContain('hoa@example.vn');
    // Codes are read aloud and retyped: lower case and spaces still find it.
    const typed = `${code.slice(0, 5).toLowerCase()} ${code.slice(5)}`;
    expect((await t.app.inject({ url: `${form()}/theo-doi?ma=${encodeURIComponent(typed)}` })).statusCode).toBe(200);
  });

  it('takes a multipart report with screenshots, stored privately', async () => {
    t.now = new Date(start.getTime() + 2 * 3_600_000);
    const res = await post({ fields: report(), files: [{ name: 'anh-chup.png', data: PNG }, { name: 'anh-2.jpg', data: JPEG, type: 'image/jpeg' }] });
    expect(res.statusCode).toBe(200);
    const row = await t.core.db.selectFrom('rr_reports').select('id').where('tracking_code', '=', codeOf(res.body)).executeTakeFirstOrThrow();
    const files = await t.core.db.selectFrom('rr_report_files').selectAll().where('report_id', '=', row.id).execute();
    expect(files).toHaveLength(2);
    // An empty file input (sent by browsers when nothing was chosen) is no screenshot.
    const empty = await post({ fields: report(), files: [{ name: '', data: Buffer.alloc(0), type: 'application/octet-stream' }] });
    expect(empty.statusCode).toBe(200);
  });

  describe('bad input', () => {
    const cases: Array<[string, () => Post, string[]]> = [
      ['a missing URL', () => ({ fields: report({ 'duong-dan': '' }) }), ['Đường dẫn đến thông tin']],
      ['a non-http URL', () => ({ fields: report({ 'duong-dan': 'javascript:alert(1)' }) }), ['Đường dẫn đến thông tin']],
      ['an ftp URL and an empty description', () => ({ fields: report({ 'duong-dan': 'ftp://example.vn/tep', 'mo-ta': '   ' }) }), ['Đường dẫn đến thông tin', 'Mô tả']],
      ['a 6,000-character description', () => ({ fields: report({ 'mo-ta': 'Tin sai '.repeat(750) }) }), ['Mô tả']],
      ['a 6,000-character description, multipart', () => ({ fields: report({ 'mo-ta': 'ệ'.repeat(6000) }), files: [] }), ['Mô tả']],
      ['a text file renamed .png', () => ({ fields: report(), files: [{ name: 'anh.png', data: Buffer.from('Đây không phải là ảnh, chỉ là văn bản.\n'.repeat(20)) }] }), ['Ảnh chụp màn hình']],
      ['four files', () => ({ fields: report(), files: [1, 2, 3, 4].map((n) => ({ name: `anh-${n}.png`, data: PNG })) }), ['Ảnh chụp màn hình']],
      ['a bad e-mail and phone', () => ({ fields: report({ email: 'khong-phai-email', 'dien-thoai': 'gọi tôi' }) }), ['Thư điện tử', 'Số điện thoại']],
    ];
    for (const [name, make, fields] of cases) {
      it(`${name} → 400 with the form again naming ${fields.join(', ')}; nothing stored`, async () => {
        t.now = new Date(start.getTime() + 3 * 3_600_000);
        const before = await countReports();
        const given = make();
        const res = await post({ ...given, address: '203.0.113.50' });
        expect(res.statusCode).toBe(400);
        expect(res.headers['cache-control']).toBe('private, no-store');
        const doc = parseHtml(res.body);
        expect(doc.title.startsWith('Lỗi:')).toBe(true);
        const summary = [...doc.querySelectorAll('.error-summary__list a')];
        expect(summary.map((a) => textOf(a).split(':')[0])).toEqual(fields);
        for (const link of summary) {
          // Each summary line links to its field, which names the error in aria-describedby.
          const control = doc.getElementById(link.getAttribute('href')!.slice(1))!;
          expect(control).toBeTruthy();
          expect(control.getAttribute('aria-invalid')).toBe('true');
          const described = control.getAttribute('aria-describedby')!.split(' ').map((id) => textOf(doc.getElementById(id)));
          expect(described.some((text) => text.startsWith('Lỗi:'))).toBe(true);
        }
        expect(doc.querySelector('.error-summary__title')!.getAttribute('tabindex')).toBe('-1');
        // The values typed are kept.
        expect((doc.querySelector('textarea[name="mo-ta"]')!.textContent ?? '').trim()).toBe(given.fields['mo-ta']!.trim());
        expect(doc.querySelector<HTMLSelectElement>('select[name="noi-thay"]')!.value).toBe('facebook');
        expect(doc.querySelector('input[name="noi-thay-khac"]')!.getAttribute('value')).toBe(given.fields['noi-thay-khac']);
        expect(await countReports()).toBe(before);
      });
    }
  });

  it('stores the same report once and tells the second sender the earlier code', async () => {
    t.now = new Date(start.getTime() + 4 * 3_600_000);
    const fields = report();
    const first = await post({ fields, address: '203.0.113.60' });
    expect(first.statusCode).toBe(200);
    const before = await countReports();
    // Another reader, minutes later, the same link (with other tracking parameters) and text.
    t.now = new Date(t.now.getTime() + 5 * 60_000);
    const second = await post({ fields: { ...fields, 'duong-dan': fields['duong-dan']!.replace('fbclid=abc', 'utm_source=zalo') }, address: '203.0.113.61' });
    expect(second.statusCode).toBe(409);
    const doc = parseHtml(second.body);
    expect(textOf(doc.querySelector('h1'))).toBe('Phản ánh này đã được gửi trước đó');
    expect(codeOf(second.body)).toBe(codeOf(first.body));
    expect(await countReports()).toBe(before);
  });

  it('a filled honeypot "succeeds" without storing anything', async () => {
    t.now = new Date(start.getTime() + 5 * 3_600_000);
    const before = await countReports();
    const res = await post({ fields: report({ 'trang-ca-nhan': 'http://spam.example' }), address: '203.0.113.70' });
    expect(res.statusCode).toBe(200);
    const code = codeOf(res.body);
    expect(code).toMatch(/^[2-9A-HJ-NP-Z]{10}$/);
    expect(await countReports()).toBe(before);
    expect((await t.app.inject({ url: `${form()}/theo-doi?ma=${code}` })).statusCode).toBe(404);
  });

  it('limits reports per address: 5 in 10 minutes and 20 a day, counted in the database; other addresses still get through', async () => {
    const day = new Date('2022-10-05T01:00:00.000Z');
    const a = '198.51.100.20';
    for (let i = 0; i < 5; i++) {
      t.now = new Date(day.getTime() + i * 60_000);
      expect((await post({ fields: report(), address: a })).statusCode).toBe(200);
    }
    t.now = new Date(day.getTime() + 5 * 60_000);
    const before = await countReports();
    const blocked = await post({ fields: report(), address: a });
    expect(blocked.statusCode).toBe(429);
    // The first report (01:00) leaves the 10-minute window at 01:10: 5 minutes from now.
    expect(blocked.headers['retry-after']).toBe('300');
    expect(textOf(parseHtml(blocked.body).querySelector('main'))).toContain('5 phản ánh trong 10 phút');
    expect(await countReports()).toBe(before);
    expect((await post({ fields: report(), address: '198.51.100.21' })).statusCode).toBe(200);
    // A second app on the same database (as another server process would) sees the same count.
    const otherCore = await createCore(loadConfig({ ...t.database.env, LOG_LEVEL: 'silent', CONG_DEMO: '0' }), { clock: () => t.now });
    const other = await buildApp(otherCore, { logLevel: 'silent' });
    try {
      const { body, type } = multipartBody(report(), []);
      const again = await other.inject({ method: 'POST', url: form(), remoteAddress: a, headers: { 'content-type': type }, payload: body });
      expect(again.statusCode).toBe(429);
    } finally {
      await other.close();
      await otherCore.close();
    }

    // 20 in a day: five more every 10 minutes until the day's limit.
    for (let round = 1; round < 4; round++) {
      for (let i = 0; i < 5; i++) {
        t.now = new Date(day.getTime() + round * 11 * 60_000 + i * 60_000);
        expect((await post({ fields: report(), address: a })).statusCode).toBe(200);
      }
    }
    t.now = new Date(day.getTime() + 3 * 3_600_000);
    const daily = await post({ fields: report(), address: a });
    expect(daily.statusCode).toBe(429);
    expect(Number(daily.headers['retry-after'])).toBe(21 * 3600);
    expect(textOf(parseHtml(daily.body).querySelector('main'))).toContain('20 phản ánh trong một ngày');
  });

  it('refuses posts from another site (Origin or Referer of another host), accepts its own', async () => {
    t.now = new Date(start.getTime() + 6 * 3_600_000);
    const before = await countReports();
    const foreign = await post({ fields: report(), headers: { origin: 'https://lua-dao.example' }, address: '203.0.113.80' });
    expect(foreign.statusCode).toBe(403);
    const viaReferer = await post({ fields: report(), headers: { referer: 'https://lua-dao.example/trang' }, address: '203.0.113.80' });
    expect(viaReferer.statusCode).toBe(403);
    expect(await countReports()).toBe(before);
    const own = await post({ url: '/phan-anh-thong-tin-sai', fields: report(), headers: { host: 'langson.example.vn', origin: 'http://langson.example.vn' }, address: '203.0.113.80' });
    expect(own.statusCode).toBe(200);
    expect(parseHtml(own.body).querySelector('a.report-sent__track')!.getAttribute('href')).toMatch(/^\/phan-anh-thong-tin-sai\/theo-doi\?ma=/);
  });

  it('the tracking page: the form, unknown and malformed codes (404), the rebuttal once answered', async () => {
    const empty = await t.app.inject({ url: `${form()}/theo-doi` });
    expect(empty.statusCode).toBe(200);
    expect(empty.headers['cache-control']).toBe('private, no-store');
    expect(parseHtml(empty.body).querySelector('input[name="ma"]')).toBeTruthy();
    const unknown = await t.app.inject({ url: `${form()}/theo-doi?ma=ZZZZZZZZZZ` });
    expect(unknown.statusCode).toBe(404);
    expect(textOf(parseHtml(unknown.body).querySelector('.tracking-result'))).toContain('Không có phản ánh nào có mã “ZZZZZZZZZZ”');
    const bad = await t.app.inject({ url: `${form()}/theo-doi?ma=${encodeURIComponent('<script>')}` });
    expect(bad.statusCode).toBe(404);
    expect(bad.body).not.toContain('<script>');

    t.now = new Date(start.getTime() + 7 * 3_600_000);
    const sent = await post({ fields: report(), address: '203.0.113.90' });
    const code = codeOf(sent.body);
    const row = await t.core.db.selectFrom('rr_reports').select('case_id').where('tracking_code', '=', code).executeTakeFirstOrThrow();
    await t.core.db.updateTable('rr_cases').set({ state: 'answered', rebuttal_article_id: (await t.core.db.selectFrom('articles').select('id').where('slug', '=', article.slug).executeTakeFirstOrThrow()).id }).where('id', '=', row.case_id).execute();
    const doc = parseHtml((await t.app.inject({ url: `${form()}/theo-doi?ma=${code}` })).body);
    expect(textOf(doc.querySelector('.tracking-result'))).toContain('Đã có thông tin phản bác');
    const link = doc.querySelector('.tracking-result a')!;
    expect(textOf(link)).toBe(article.title);
    expect(link.getAttribute('href')).toBe(`${t.core.config.publicUrl}/${langson.key}/bai-viet/${article.slug}`);
  });

  it('never shows contact details or the address on any public surface; stores only the address hash', async () => {
    t.now = new Date(start.getTime() + 8 * 3_600_000);
    const secret = { name: 'Trần Văn Bímật', email: 'bimat.reporter@example.vn', phone: '0987 654 321' };
    const address = '192.0.2.177';
    const res = await post({
      fields: report({ 'ho-ten': secret.name, email: secret.email, 'dien-thoai': secret.phone, 'mo-ta': `Chuẩn hoá thuê bao: tin sai lan truyền ${secret.name}` }),
      files: [{ name: 'anh.png', data: PNG }],
      address,
    });
    expect(res.statusCode).toBe(200);
    const code = codeOf(res.body);
    const row = await t.core.db.selectFrom('rr_reports').selectAll().where('tracking_code', '=', code).executeTakeFirstOrThrow();
    expect(row.address_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(address);
    const audit = await t.core.db.selectFrom('audit_log').selectAll().execute();
    expect(JSON.stringify(audit)).not.toContain(address);
    expect(JSON.stringify(audit)).not.toContain(secret.email);

    const k = langson.key;
    const urls = [
      '/',
      `/${k}/`,
      `/${k}/bai-viet/${article.slug}`,
      `/${k}/bai-viet/${article.slug}/in`,
      `${form()}/theo-doi?ma=${code}`,
      `${form()}`,
      `/${k}/tim-kiem?q=${encodeURIComponent('chuẩn hoá thuê bao')}`,
      `/tim-kiem?q=${encodeURIComponent('thuê bao')}`,
      '/rss.xml',
      '/atom.xml',
      '/feed.json',
      `/${k}/rss.xml`,
      `/${k}/atom.xml`,
      `/${k}/feed.json`,
      '/sitemap.xml',
      `/${k}/sitemap.xml`,
      `/${k}/sitemap-news.xml`,
      `/${k}/robots.txt`,
      '/thong-tin-phan-bac',
      `/${k}/thong-tin-phan-bac`,
      `/${k}/thong-tin-phan-bac/rss.xml`,
      '/api/content/v1/sites',
      `/api/content/v1/sites/${k}`,
      `/api/content/v1/articles?site=${k}`,
      `/api/content/v1/articles/${k}/${article.slug}`,
      `/api/content/v1/search?q=${encodeURIComponent('thuê bao')}`,
    ];
    let answered = 0;
    for (const url of urls) {
      const page = await t.app.inject({ url, remoteAddress: address });
      if (page.statusCode === 200) answered++;
      for (const value of [secret.name, secret.email, secret.phone, secret.phone.replace(/\s/g, ''), address]) {
        expect(page.body, `${url} shows ${value}`).not.toContain(value);
      }
    }
    // Most of these answer 200 (a few sitemaps answer 404 on an almost empty site).
    expect(answered).toBeGreaterThanOrEqual(urls.length - 4);

    // Searching for the reporter finds nothing (the pages only echo the words searched for).
    for (const value of [secret.name, secret.email, 'Bímật']) {
      for (const url of [`/${k}/tim-kiem?q=${encodeURIComponent(value)}`, `/tim-kiem?q=${encodeURIComponent(value)}`]) {
        const doc = parseHtml((await t.app.inject({ url })).body);
        expect(doc.querySelector('.search-summary--no-results'), url).toBeTruthy();
        expect(doc.querySelectorAll('.search-result')).toHaveLength(0);
      }
      const api = await t.app.inject({ url: `/api/content/v1/search?q=${encodeURIComponent(value)}` });
      expect(api.statusCode).toBe(200);
      expect(api.json().items).toEqual([]);
    }
  });
});
