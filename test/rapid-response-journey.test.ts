/**
 * Issue "Rapid-response desk", done-when, on the demo network and both engines, through the
 * real public form, the admin API and the public pages: a reader reports a false claim on a
 * provincial site; two more reports of the same link (written differently) join the case; the
 * desk verifies and a chief editor rates it; a rebuttal is published on the ministry portal and
 * sent to every provincial department; the reporter's tracking code then shows "answered" with
 * the link; the desk's figures show the time it took.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './app-harness.ts';
import { ENGINES } from './database-harness.ts';
import { until } from './wait-until.ts';
import { createPerson, signIn, type TestSession } from './auth-harness.ts';
import { createDemoNetwork } from '../src/core/demo/create-demo-network.ts';
import { countFanoutJobs } from '../src/core/network/fanout.ts';
import { REPORT_FIELDS } from '../src/theme/view-models/report-form.ts';

const API = '/api/admin/v1';
const CLAIM_URL = 'https://www.facebook.com/tin-nong-24h/posts/9876543210';


describe.each(ENGINES)('the rapid-response desk, done when (%s)', (engine) => {
  let t: TestApp;
  let deskEditor: TestSession;
  let deskChief: TestSession;
  let trackingCode = '';
  let caseId = 0;
  let rebuttalId = 0;
  const start = new Date();

  const call = async (session: TestSession, method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, payload?: object) => {
    const r = await t.app.inject({ method, url: API + url, headers: session.headers, ...(payload ? { payload } : {}) });
    return { status: r.statusCode, body: r.json() as Record<string, any> };
  };
  const report = (url: string, description: string, address: string, contact: Record<string, string> = {}) =>
    t.app.inject({
      method: 'POST',
      url: '/langson/phan-anh-thong-tin-sai',
      remoteAddress: address,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ [REPORT_FIELDS.url]: url, [REPORT_FIELDS.whereSeen]: 'facebook', [REPORT_FIELDS.description]: description, ...contact }).toString(),
    });

  beforeAll(async () => {
    t = await createTestApp(engine, start);
    await createDemoNetwork(t.core.db, t.now);
    await t.core.sites.reload();
    const ministry = t.core.sites.getByKey('bo-tttt')!;
    deskEditor = await signIn(t, await createPerson(t.core.db, { displayName: 'Lê Thu Trang', role: 'editor', siteId: ministry.id }));
    deskChief = await signIn(t, await createPerson(t.core.db, { displayName: 'Phạm Minh Đức', role: 'chief_editor', siteId: ministry.id }));
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('a reader reports a false claim on the Lạng Sơn site and gets a tracking code', async () => {
    const r = await report(CLAIM_URL, 'Bài đăng nói từ 1/12 người dân phải nộp phí 500.000 đồng để cài ứng dụng định danh điện tử. Đây là tin bịa đặt.', '198.51.100.7', {
      [REPORT_FIELDS.contactName]: 'Nguyễn Thị Hà',
      [REPORT_FIELDS.contactEmail]: 'ha.nguyen@example.vn',
    });
    expect(r.statusCode).toBe(200);
    trackingCode = /id="ma-theo-doi">([^<]+)</.exec(r.body)?.[1] ?? '';
    expect(trackingCode).toMatch(/^[2-9A-Z]{10}$/);
    const tracking = await t.app.inject({ url: `/langson/phan-anh-thong-tin-sai/theo-doi?ma=${trackingCode}` });
    expect(tracking.statusCode).toBe(200);
    expect(tracking.body).toContain('Mới tiếp nhận');
  });

  it('two more reports of the same link, written differently, join the same case', async () => {
    const second = await report('http://facebook.com/tin-nong-24h/posts/9876543210/?utm_source=zalo&fbclid=IwAR0abc', 'Lại thấy tin thu phí cài ứng dụng định danh, nhiều người chia sẻ.', '198.51.100.8');
    const third = await report('https://m.facebook.com/tin-nong-24h/posts/9876543210#comments', 'Tin thu phí định danh điện tử lan trên các nhóm.', '198.51.100.9');
    expect(second.statusCode).toBe(200);
    expect(third.statusCode).toBe(200);
    const cases = await call(deskEditor, 'GET', '/rapid-response/cases');
    expect(cases.status).toBe(200);
    const items = cases.body.items as { id: number; reportCount: number }[];
    // www/http, tracking parameters, the mobile host, a fragment and a trailing slash aside,
    // the three links are one: one case, three reports.
    expect(items).toHaveLength(1);
    caseId = items[0]!.id;
    const detail = await call(deskEditor, 'GET', `/rapid-response/cases/${caseId}`);
    expect(detail.body.reports.map((r: { trackingCode: string }) => r.trackingCode)).toContain(trackingCode);
    const after = await call(deskEditor, 'GET', `/rapid-response/cases/${caseId}`);
    expect(after.body.reportCount).toBe(3);
    expect(Date.parse(after.body.deadlineAt) - Date.parse(after.body.firstSeenAt)).toBe(24 * 3_600_000);
  });

  it('the desk verifies, a chief editor rates it, and the rebuttal is published and sent to every provincial site', async () => {
    expect((await call(deskEditor, 'POST', `/rapid-response/cases/${caseId}/move`, { to: 'verifying', note: 'Đối chiếu với Cục Cảnh sát QLHC về TTXH' })).status).toBe(200);
    t.now = new Date(start.getTime() + 2 * 3_600_000);
    const rated = await call(deskChief, 'POST', `/rapid-response/cases/${caseId}/rate`, { rating: 'fake', note: 'Không có khoản phí nào; ứng dụng VNeID miễn phí.' });
    expect(rated.status).toBe(200);
    expect(rated.body.state).toBe('rated');
    // "Answered" is not a hand move: only the rebuttal's publication reaches it.
    const early = await call(deskEditor, 'POST', `/rapid-response/cases/${caseId}/move`, { to: 'answered' });
    expect(early.status).toBe(409);
    expect(early.body.errors[0]).toMatchObject({ field: 'to' });

    const created = await call(deskEditor, 'POST', `/rapid-response/cases/${caseId}/rebuttal`, { create: true });
    expect(created.status).toBeLessThan(300);
    rebuttalId = created.body.articleId;
    const draft = await call(deskEditor, 'GET', `/articles/${rebuttalId}`);
    // The false claim is never pre-filled as the rebuttal's summary (lists, feeds, og:description).
    expect(draft.body.type).toBe('rebuttal');
    expect(draft.body.lead ?? '').toBe('');
    // Nor in its web address: the slug is the case's code.
    const code = (await call(deskEditor, 'GET', `/rapid-response/cases/${caseId}`)).body.code as string;
    expect(draft.body.slug).toBe(`phan-bac-${code.toLowerCase()}`);
    const ministry = t.core.sites.getByKey('bo-tttt')!;
    const categories = await call(deskEditor, 'GET', `/sites/${ministry.id}/categories`);
    const saved = await call(deskEditor, 'PUT', `/articles/${rebuttalId}`, {
      revision: draft.body.revision,
      body: '<p>Bộ Công an khẳng định ứng dụng định danh điện tử VNeID được cài đặt và sử dụng miễn phí.</p>',
      categoryIds: [(categories.body.items as { id: number }[])[0]!.id],
    });
    expect(saved.status).toBe(200);
    expect((await call(deskEditor, 'POST', `/articles/${rebuttalId}/submit`, { revision: saved.body.revision })).status).toBe(200);
    t.now = new Date(start.getTime() + 3 * 3_600_000);
    const current = await call(deskChief, 'GET', `/articles/${rebuttalId}`);
    const approved = await call(deskChief, 'POST', `/articles/${rebuttalId}/approve`, { revision: current.body.revision });
    expect(approved.status).toBe(200);
    expect((await call(deskEditor, 'GET', `/rapid-response/cases/${caseId}`)).body.state).toBe('answered');

    const sent = await call(deskChief, 'POST', `/articles/${rebuttalId}/syndicate`, { to: { kinds: ['provincial_department'] } });
    expect(sent.status).toBeLessThan(300);
    await until('fan-out', async () => {
      const jobs = await countFanoutJobs(t.core.db);
      return jobs.pending === 0 && jobs.running === 0;
    });
    const title = approved.body.title as string;
    const missing: string[] = [];
    for (const site of t.core.sites.list().filter((s) => s.kind === 'provincial_department')) {
      const home = await t.app.inject({ url: `/${site.key}/` });
      if (!home.body.includes(title)) missing.push(site.key);
    }
    expect(missing).toEqual([]);
    // The ministry's page carries the verdict and ClaimReview; the network section lists it once.
    const page = await t.app.inject({ url: `/bo-tttt/bai-viet/${approved.body.slug}` });
    expect(page.body).toContain('"@type":"ClaimReview"');
    expect(page.body).toContain('Tin giả');
    const section = await t.app.inject({ url: '/thong-tin-phan-bac' });
    expect(section.body.split(title).length - 1).toBeGreaterThanOrEqual(1);
    expect(section.body).not.toContain('Nguyễn Thị Hà');
  });

  it('the tracking code shows "answered" with the link; the desk shows the time it took', async () => {
    const tracking = await t.app.inject({ url: `/langson/phan-anh-thong-tin-sai/theo-doi?ma=${trackingCode}` });
    expect(tracking.statusCode).toBe(200);
    expect(tracking.body).toContain('Đã có thông tin phản bác');
    const link = /href="([^"]*\/bo-tttt\/bai-viet\/[^"]+)"/.exec(tracking.body)?.[1];
    expect(link).toBeDefined();
    expect((await t.app.inject({ url: new URL(link!, 'http://127.0.0.1:3000').pathname })).statusCode).toBe(200);
    expect(tracking.body).not.toContain('ha.nguyen@example.vn');

    const figures = await call(deskEditor, 'GET', '/rapid-response/figures');
    expect(figures.status).toBe(200);
    expect(figures.body.overall.rated).toBe(1);
    expect(figures.body.overall.answered).toBe(1);
    expect(figures.body.overall.toRatingMedianMinutes).toBe(120);
    expect(figures.body.overall.toAnswerMedianMinutes).toBe(180);
  });
});
