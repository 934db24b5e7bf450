/**
 * The search page (site and network), the header search box, and the content API's search
 * and suggestion endpoints, through `app.inject` on both engines, over the real texts of
 * test/search-corpus.ts. Bad input of every kind answers 200 with a sensible page or a 400
 * naming the parameter — never a 500.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from './database-harness.ts';
import { createTestApp, type TestApp } from './app-harness.ts';
import { loadSearchCorpus, type SearchCorpus } from './search-corpus.ts';
import { metaContent, parseHtml, textOf } from './public-helpers.ts';

const NOW = new Date('2022-12-01T00:00:00.000Z');
const q = (text: string) => encodeURIComponent(text);

describe.each(ENGINES)('search over HTTP (%s)', (engine) => {
  let t: TestApp;
  let corpus: SearchCorpus;

  beforeAll(async () => {
    t = await createTestApp(engine, NOW);
    corpus = await loadSearchCorpus(t.core.db, t.core.clock);
    await t.core.db.insertInto('site_hostnames').values({ hostname: 'langson.example.vn', site_id: corpus.langson.id }).execute();
    await t.core.sites.reload();
  }, 120_000);
  afterAll(async () => {
    await t?.dispose();
  });

  async function page(url: string, headers: Record<string, string> = {}) {
    const res = await t.app.inject({ url, headers });
    return { res, doc: parseHtml(res.body) };
  }

  describe('the site search page', () => {
    it('announces the count, marks the words found, links each result, and is noindex', async () => {
      const { res, doc } = await page(`/bo-tttt/tim-kiem?q=${q('đường sắt')}`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/text\/html/);
      const results = [...doc.querySelectorAll('.search-results > li')];
      expect(textOf(doc.querySelector('.search-summary'))).toBe(`Tìm thấy ${results.length} kết quả cho “đường sắt”.`);
      expect(doc.querySelector('.search-summary')!.getAttribute('role')).toBe('status');
      // Briefs 4, 30 and 178 (even: ministry portal) name the railway in their titles: first.
      expect(new Set(results.slice(0, 3).map((li) => textOf(li.querySelector('.search-result__title'))))).toEqual(
        new Set([corpus.briefs[4]!.title, corpus.briefs[30]!.title, corpus.briefs[178]!.title]),
      );
      for (const li of results.slice(0, 3)) {
        expect([...li.querySelectorAll('.search-result__title mark')].map((m) => textOf(m).toLowerCase())).toEqual(['đường', 'sắt']);
        expect(li.querySelector('.search-result__title a')!.getAttribute('href')).toMatch(/^\/bo-tttt\/bai-viet\/[a-z0-9-]+$/);
        expect(li.querySelector('.search-result__snippet mark')).not.toBeNull();
        expect(li.querySelector('time')!.getAttribute('datetime')).toMatch(/\+07:00$/);
      }
      expect(metaContent(doc, 'robots')).toBe('noindex, follow');
      expect(doc.querySelector('link[rel="canonical"]')).toBeNull();
      expect(doc.title).toContain('Tìm kiếm “đường sắt”');
    });

    it('has an accessible form that works without scripts: labelled field, values kept, filters in a native disclosure', async () => {
      const { doc } = await page(`/bo-tttt/tim-kiem?q=${q('báo chí')}&loai=document&tu-ngay=2016-01-01&den-ngay=31%2F12%2F2016`);
      const form = doc.querySelector('form.search-form')!;
      expect(form.getAttribute('role')).toBe('search');
      expect(form.getAttribute('method')).toBe('get');
      expect(form.getAttribute('action')).toBe('/bo-tttt/tim-kiem');
      const input = form.querySelector<HTMLInputElement>('input[name="q"]')!;
      expect(input.value).toBe('báo chí');
      expect(textOf(form.querySelector(`label[for="${input.id}"]`))).toBe('Từ khoá');
      expect(form.querySelector('details')!.hasAttribute('open')).toBe(true);
      expect(form.querySelector<HTMLSelectElement>('select[name="loai"]')!.value).toBe('document');
      expect(form.querySelector<HTMLInputElement>('input[name="tu-ngay"]')!.value).toBe('2016-01-01');
      expect(form.querySelector<HTMLInputElement>('input[name="den-ngay"]')!.value).toBe('2016-12-31');
      for (const field of form.querySelectorAll('select, input')) expect(form.querySelector(`label[for="${field.id}"]`), field.id).not.toBeNull();
      // Only the press law (5/4/2016) is a document published in 2016 that speaks of "báo chí".
      expect(textOf(doc.querySelector('.search-summary'))).toBe('Tìm thấy 1 kết quả cho “báo chí” (loại Văn bản, từ 1/1/2016 đến 31/12/2016).');
      expect(textOf(doc.querySelector('.search-result__title'))).toBe('Luật Báo chí số 103/2016/QH13');
    });

    it('filters by category, its sub-categories included, and keeps the filters in the pagination links', async () => {
      const laws = await page(`/bo-tttt/tim-kiem?q=${q('quyền')}&chuyen-muc=van-ban-phap-luat`);
      const titles = [...laws.doc.querySelectorAll('.search-result__title')].map((el) => textOf(el));
      expect(titles.length).toBeGreaterThan(1);
      expect(titles.every((title) => /^(Luật|Hiến pháp)/.test(title))).toBe(true);
      const { doc } = await page(`/bo-tttt/tim-kiem?q=covid&loai=brief`);
      const summary = textOf(doc.querySelector('.search-summary'));
      const total = Number(/Tìm thấy (\d+) kết quả/.exec(summary)![1]);
      expect(total).toBeGreaterThan(20);
      expect(summary).toMatch(/trang 1\/2\.$/);
      expect(doc.querySelectorAll('.search-results > li')).toHaveLength(20);
      const next = doc.querySelector('.pagination a[rel="next"]')!.getAttribute('href')!;
      expect(next).toBe('/bo-tttt/tim-kiem?q=covid&loai=brief&trang=2');
      const second = await page(next);
      expect(second.doc.querySelector('.search-results')!.getAttribute('start')).toBe('21');
      expect(second.doc.querySelectorAll('.search-results > li')).toHaveLength(total - 20);
      expect(second.doc.querySelector('.pagination a[rel="prev"]')!.getAttribute('href')).toBe('/bo-tttt/tim-kiem?q=covid&loai=brief');
      const beyond = await page(`/bo-tttt/tim-kiem?q=covid&loai=brief&trang=9`);
      expect(beyond.res.statusCode).toBe(200);
      expect(textOf(beyond.doc.querySelector('.search-note'))).toBe('Trang 9 không có kết quả: chỉ có 2 trang.');
    });

    it('prompts for words when there are none, and says so when nothing matches', async () => {
      const empty = await page('/langson/tim-kiem');
      expect(empty.res.statusCode).toBe(200);
      expect(textOf(empty.doc.querySelector('.search-summary'))).toBe('Nhập từ khoá để tìm tin, bài trên trang này.');
      expect(empty.doc.querySelector('.search-results')).toBeNull();
      const blank = await page('/langson/tim-kiem?q=+++&loai=&chuyen-muc=&tu-ngay=&den-ngay=');
      expect(textOf(blank.doc.querySelector('.search-summary'))).toBe('Nhập từ khoá để tìm tin, bài trên trang này.');
      const marks = await page(`/langson/tim-kiem?q=${q('!!! ... ???')}`);
      expect(textOf(marks.doc.querySelector('.search-summary'))).toBe('Từ khoá “!!! ... ???” không có chữ hay số nào để tìm. Hãy nhập từ khoá khác.');
      const none = await page(`/langson/tim-kiem?q=${q('Nobel')}`);
      expect(textOf(none.doc.querySelector('.search-summary'))).toMatch(/^Không tìm thấy kết quả nào cho “Nobel”\./);
    });

    it('on a site’s own hostname, the same search with links without the key prefix', async () => {
      const { res, doc } = await page(`/tim-kiem?q=${q('lang son')}`, { host: 'langson.example.vn' });
      expect(res.statusCode).toBe(200);
      expect(doc.querySelector('form.search-form')!.getAttribute('action')).toBe('/tim-kiem');
      expect(doc.querySelector('.search-result__title a')!.getAttribute('href')).toMatch(/^\/bai-viet\/hoi-nghi-tap-huan/);
    });
  });

  describe('the header search box', () => {
    it('is on every site page and on the network root, labelled, pointing at the right search page', async () => {
      for (const [url, action] of [
        ['/langson/', '/langson/tim-kiem'],
        ['/bo-tttt/chuyen-muc/diem-bao', '/bo-tttt/tim-kiem'],
        ['/', '/tim-kiem'],
      ] as const) {
        const { doc } = await page(url);
        const form = doc.querySelector('header form.header-search')!;
        expect(form, url).not.toBeNull();
        expect(form.getAttribute('role')).toBe('search');
        expect(form.getAttribute('action')).toBe(action);
        const input = form.querySelector('input[name="q"]')!;
        expect(textOf(form.querySelector(`label[for="${input.id}"]`))).toBe('Từ khoá tìm kiếm');
      }
      // On the search page both search landmarks are there, each with its own name.
      const { doc } = await page('/langson/tim-kiem');
      const names = [...doc.querySelectorAll('[role="search"]')].map((el) => el.getAttribute('aria-label'));
      expect(names).toHaveLength(2);
      expect(new Set(names).size).toBe(2);
    });
  });

  describe('the network search page', () => {
    it('searches every site and names each result’s site; a site can be chosen', async () => {
      const { doc } = await page(`/tim-kiem?q=${q('Đà Nẵng')}`);
      expect(textOf(doc.querySelector('h1'))).toBe('Tìm kiếm trên toàn mạng lưới');
      const results = [...doc.querySelectorAll('.search-results > li')];
      const sites = new Set(results.map((li) => textOf(li.querySelector('.search-result__site'))));
      expect(sites).toContain('Cổng thông tin điện tử Bộ Thông tin và Truyền thông');
      expect(sites).toContain('Trang thông tin điện tử Sở TTTT Đà Nẵng');
      for (const li of results) expect(li.querySelector('.search-result__title a')!.getAttribute('href')).toMatch(/^\/(bo-tttt|danang|langson)\/bai-viet\//);
      // Brief 1 (Đà Nẵng site) and 168, 214 (ministry) have the city in their titles.
      expect(results.slice(0, 3).map((li) => textOf(li.querySelector('.search-result__title')))).toEqual(
        expect.arrayContaining([corpus.briefs[1]!.title, corpus.briefs[168]!.title, corpus.briefs[214]!.title]),
      );
      // A category belongs to one site: the network search refuses the filter rather than ignore it.
      const byCategory = await page(`/tim-kiem?q=${q('Đà Nẵng')}&cong=danang&chuyen-muc=diem-bao`);
      expect(byCategory.res.statusCode).toBe(400);
      expect(byCategory.res.body).toContain('chuyen-muc');
      const one = await page(`/tim-kiem?q=${q('Đà Nẵng')}&cong=danang`);
      const oneSites = [...one.doc.querySelectorAll('.search-result__site')].map((el) => textOf(el));
      expect(new Set(oneSites)).toEqual(new Set(['Trang thông tin điện tử Sở TTTT Đà Nẵng']));
      expect(one.doc.querySelector<HTMLSelectElement>('select[name="cong"]')!.value).toBe('danang');
      expect(textOf(one.doc.querySelector('.search-summary'))).toContain('(trên Trang thông tin điện tử Sở TTTT Đà Nẵng)');
    });
  });

  describe('bad input: a sensible page or a 400 naming the parameter, never a 500', () => {
    const long = 'chuyển đổi số '.repeat(20);
    const cases: Array<[string, 200 | 400, string?]> = [
      ['/bo-tttt/tim-kiem?q=', 200],
      [`/bo-tttt/tim-kiem?q=${q('"')}`, 200],
      [`/bo-tttt/tim-kiem?q=${q('(*)')}`, 200],
      [`/bo-tttt/tim-kiem?q=${q('NEAR(bão lũ, 3)')}`, 200],
      [`/bo-tttt/tim-kiem?q=${q('bão OR lũ AND NOT mưa')}`, 200],
      [`/bo-tttt/tim-kiem?q=${q('-bão +lũ ^mưa ~gió')}`, 200],
      [`/bo-tttt/tim-kiem?q=${q("'; DROP TABLE articles; --")}`, 200],
      [`/bo-tttt/tim-kiem?q=${q('bão\\\' OR 1=1 --')}`, 200],
      [`/bo-tttt/tim-kiem?q=${q('title:bão')}`, 200],
      [`/bo-tttt/tim-kiem?q=${q('bão*')}`, 200],
      [`/bo-tttt/tim-kiem?q=${q('😀 🌧️')}`, 200],
      [`/bo-tttt/tim-kiem?q=${q('bão'.normalize('NFD'))}`, 200],
      [`/bo-tttt/tim-kiem?q=${q('a\u0000b\u200bc')}`, 200],
      [`/bo-tttt/tim-kiem?q=${q(long.slice(0, 200))}`, 200],
      [`/bo-tttt/tim-kiem?q=${q(long)}`, 400, 'q'],
      [`/bo-tttt/tim-kiem?q=a&q=b`, 400, 'q'],
      [`/bo-tttt/tim-kiem?q=bao&trang=0`, 400, 'trang'],
      [`/bo-tttt/tim-kiem?q=bao&trang=-1`, 400, 'trang'],
      [`/bo-tttt/tim-kiem?q=bao&trang=abc`, 400, 'trang'],
      [`/bo-tttt/tim-kiem?q=bao&trang=1.5`, 400, 'trang'],
      [`/bo-tttt/tim-kiem?q=bao&trang=99999999`, 400, 'trang'],
      [`/bo-tttt/tim-kiem?q=bao&trang=999999`, 200],
      [`/bo-tttt/tim-kiem?q=bao&tu-ngay=abc`, 400, 'tu-ngay'],
      [`/bo-tttt/tim-kiem?q=bao&tu-ngay=31%2F2%2F2022`, 400, 'tu-ngay'],
      [`/bo-tttt/tim-kiem?q=bao&den-ngay=2022-13-01`, 400, 'den-ngay'],
      [`/bo-tttt/tim-kiem?q=bao&tu-ngay=2022-10-01&den-ngay=2022-09-01`, 400, 'den-ngay'],
      [`/bo-tttt/tim-kiem?q=bao&loai=draft`, 400, 'loai'],
      [`/bo-tttt/tim-kiem?q=bao&chuyen-muc=${q('không-có')}`, 400, 'chuyen-muc'],
      [`/tim-kiem?q=bao&cong=khong-co`, 400, 'cong'],
      [`/tim-kiem?q=${q('bão')}&trang=2`, 200],
      [`/khong-co-trang-nay/tim-kiem?q=bao`, 404],
    ] as Array<[string, 200 | 400, string?]>;

    it.each(cases)('%s → %i', async (url, status, field) => {
      const { res, doc } = await page(url);
      expect(res.statusCode).toBe(status);
      if (status === 400) {
        const message = textOf(doc.querySelector('.error-page__message'));
        expect(message).toContain(`“${field}”`);
      }
    });

    const apiCases: Array<[string, number, string?]> = [
      ['/api/content/v1/search', 200],
      [`/api/content/v1/search?q=${q('(*) NEAR "')}`, 200],
      [`/api/content/v1/search?q=${q("1'; DELETE FROM articles; --")}`, 200],
      [`/api/content/v1/search?q=${q(long)}`, 400, 'query.q'],
      ['/api/content/v1/search?q=a&q=b', 400, 'query.q'],
      ['/api/content/v1/search?q=bao&page=0', 400, 'query.page'],
      ['/api/content/v1/search?q=bao&page=x', 400, 'query.page'],
      ['/api/content/v1/search?q=bao&pageSize=51', 400, 'query.pageSize'],
      ['/api/content/v1/search?q=bao&from=hom-qua', 400, 'query.from'],
      ['/api/content/v1/search?q=bao&from=2022-10-02&to=2022-10-01', 400, 'query.to'],
      ['/api/content/v1/search?q=bao&type=secret', 400, 'query.type'],
      ['/api/content/v1/search?q=bao&category=diem-bao', 400, 'query.category'],
      ['/api/content/v1/search?q=bao&state=draft', 400, 'query.state'],
      ['/api/content/v1/search?q=bao&site=khong-co', 404],
      ['/api/content/v1/search?q=bao&site=bo-tttt&category=khong-co', 404],
      ['/api/content/v1/search/suggest', 200],
      ['/api/content/v1/search/suggest?q=a', 200],
      ['/api/content/v1/search/suggest?q=bao&limit=9', 400, 'query.limit'],
      [`/api/content/v1/search/suggest?q=${q(long)}`, 400, 'query.q'],
    ];

    it.each(apiCases)('%s → %i', async (url, status, field) => {
      const res = await t.app.inject({ url });
      expect(res.statusCode).toBe(status);
      if (status !== 200) {
        const body = res.json() as { errors: Array<{ code: string; message: string; field?: string }> };
        expect(body.errors[0]!.message).toMatch(/[À-ỹ]/u); // Vietnamese
        if (field) expect(body.errors.map((e) => e.field)).toContain(field);
      }
    });
  });

  describe('the content API', () => {
    it('GET /search answers results with highlighted snippets, absolute URLs, Vietnam time and page links — no ids', async () => {
      const res = await t.app.inject({ url: `/api/content/v1/search?q=${q('chuyen doi so')}&pageSize=1` });
      expect(res.statusCode).toBe(200);
      expect(res.headers['cache-control']).toBe('public, max-age=30');
      expect(res.headers['access-control-allow-origin']).toBe('*');
      const body = res.json() as {
        query: { q: string; terms: string[] };
        total: number;
        pageCount: number;
        items: Array<Record<string, unknown> & { site: { key: string }; titleHtml: string; snippetHtml: string; url: string; publishedAt: string; self: string }>;
        links: { next: string | null };
      };
      expect(body.query).toEqual({ q: 'chuyen doi so', terms: ['chuyen', 'doi', 'so'], truncated: false });
      expect(body.total).toBeGreaterThanOrEqual(2);
      const [first] = body.items;
      expect(first!.title).toBe(corpus.briefs[198]!.title);
      expect(first!.site.key).toBe('bo-tttt');
      expect(first!.titleHtml).toContain('<mark>chuyển</mark> <mark>đổi</mark> <mark>số</mark>');
      expect(first!.snippetHtml).toContain('<mark>chuyển</mark> <mark>đổi</mark> <mark>số</mark>');
      expect(first!.url).toBe(`${t.core.config.publicUrl}/bo-tttt/bai-viet/fpt-va-mckinsey-hop-tac-thuc-day-chuyen-doi-so-tai-viet-nam`);
      expect(first!.publishedAt).toMatch(/^2022-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00$/);
      expect(Object.keys(first!)).not.toContain('id');
      expect(Object.keys(first!)).not.toContain('articleId');
      expect(body.links.next).toBe(`${t.core.config.publicUrl}/api/content/v1/search?q=chuyen+doi+so&page=2&pageSize=1`);
      expect(res.headers.link).toContain('rel="next"');
      const self = await t.app.inject({ url: first!.self.replace(t.core.config.publicUrl, '') });
      expect(self.statusCode).toBe(200);
    });

    it('GET /search filters by site, type, category and period', async () => {
      const res = await t.app.inject({ url: `/api/content/v1/search?q=${q('quyền')}&site=bo-tttt&category=van-ban-phap-luat&type=document&from=2013-01-01&to=2016-12-31` });
      const body = res.json() as { items: Array<{ title: string; type: string; site: { key: string } }> };
      expect(body.items.map((i) => i.title).sort()).toEqual([
        'Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam năm 2013',
        'Luật Báo chí số 103/2016/QH13',
      ]);
    });

    it('GET /search/suggest suggests titles as the reader types, the last word as a prefix', async () => {
      const res = await t.app.inject({ url: `/api/content/v1/search/suggest?q=${q('chuyen doi s')}` });
      expect(res.statusCode).toBe(200);
      const body = res.json() as { suggestions: Array<{ title: string; titleHtml: string; url: string; site: { key: string } }> };
      expect(body.suggestions.map((s) => s.title)).toEqual([corpus.briefs[198]!.title]);
      expect(body.suggestions[0]!.url).toMatch(/^http.*\/bo-tttt\/bai-viet\/fpt-/);
      const typing = await t.app.inject({ url: `/api/content/v1/search/suggest?q=${q('Đường s')}&site=bo-tttt` });
      const titles = (typing.json() as { suggestions: Array<{ title: string }> }).suggestions.map((s) => s.title);
      // One letter is not yet a prefix: "Đường s" suggests titles with "đường" (or its look-alikes).
      expect(titles.length).toBeGreaterThan(0);
      expect(titles.length).toBeLessThanOrEqual(8);
      expect(titles.every((title) => /đường|dương|dưỡng/i.test(title))).toBe(true);
      // Ministry titles with "đường" and a word starting "sat": briefs 4, 30, 178 ("đường sắt").
      const rail = await t.app.inject({ url: `/api/content/v1/search/suggest?q=${q('duong sat')}&site=bo-tttt` });
      expect((rail.json() as { suggestions: Array<{ title: string }> }).suggestions.map((s) => s.title).sort()).toEqual(
        [corpus.briefs[4]!.title, corpus.briefs[30]!.title, corpus.briefs[178]!.title].sort(),
      );
    });

    it('is described in the OpenAPI document', async () => {
      const res = await t.app.inject({ url: '/api/docs/openapi.json' });
      const doc = res.json() as { paths: Record<string, unknown> };
      expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/content/v1/search', '/api/content/v1/search/suggest']));
    });
  });
});
