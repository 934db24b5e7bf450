/**
 * Rapid-response cases (issue "Rapid-response desk", items 2–6): deadlines per priority, state
 * moves allowed and refused, rating by chief editors only, merge and split keeping counts
 * right, the rebuttal's publication answering the case (through the real approve endpoint and
 * through the scheduler), the figures on a hand-made fixture, and who may see the desk. Both
 * engines, over HTTP.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from './database-harness.ts';
import { createTestApp, type TestApp } from './app-harness.ts';
import { buildSite } from './factories.ts';
import { actorFor, createPerson, signIn, type TestPerson, type TestSession } from './auth-harness.ts';
import { submitPublicReport } from '../src/core/rapid-response/intake.ts';
import { trackReport } from '../src/core/rapid-response/tracking.ts';
import { createArticle } from '../src/core/articles/write-article.ts';
import { scheduleArticle, submitArticle } from '../src/core/workflow/workflow-commands.ts';
import { publishDueArticles } from '../src/core/workflow/scheduler.ts';
import { percentile } from '../src/core/rapid-response/figures.ts';

describe('percentile', () => {
  it('interpolates between closest ranks', () => {
    expect(percentile([40, 10, 30, 20], 50)).toBe(25);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 90)).toBeCloseTo(9.1);
    expect(percentile([], 50)).toBeNull();
  });
});

describe.each(ENGINES)('rapid-response cases (%s)', (engine) => {
  let t: TestApp;
  let ministry: { id: number; key: string; organisationId: number };
  let province: { id: number; key: string; organisationId: number };
  let editor: TestPerson;
  let chief: TestPerson;
  let n = 0;
  const session = (p: TestPerson) => signIn(t, p);
  const api = async (who: TestPerson | TestSession | null, method: 'GET' | 'POST' | 'PATCH', url: string, body?: unknown) => {
    const s = who === null ? null : 'headers' in who ? who : await session(who);
    return t.app.inject({
      method,
      url: `/api/admin/v1${url}`,
      headers: { ...(s ? (method === 'GET' ? { cookie: s.cookie } : s.headers) : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
    });
  };
  const report = (url: string, description = `Phản ánh số ${++n}: tin sai về chính sách.`) => submitPublicReport(t.core, { siteId: province.id, url, description, contactEmail: 'nguoi.bao@example.vn', files: [], address: '203.0.113.50' });
  const caseRow = (id: number) => t.core.db.selectFrom('rr_cases').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  beforeAll(async () => {
    t = await createTestApp(engine, new Date('2026-11-30T01:00:00.000Z'));
    ministry = await buildSite(t.core.db, { kind: 'ministry_portal', name: 'Cổng thông tin điện tử Bộ', orgName: 'Bộ Thông tin và Truyền thông' });
    province = await buildSite(t.core.db, { name: 'Sở TTTT Lạng Sơn', orgName: 'Sở TTTT Lạng Sơn' });
    await t.core.sites.reload();
    editor = await createPerson(t.core.db, { siteId: ministry.id, role: 'editor', displayName: 'Biên tập viên Bộ' });
    chief = await createPerson(t.core.db, { siteId: ministry.id, role: 'chief_editor', displayName: 'Trưởng ban Bộ' });
  });
  afterAll(async () => t.dispose());

  it('computes deadlines from the first report: 24 h normal, 12 h serious, recomputed when the priority changes', async () => {
    t.now = new Date('2026-11-30T02:00:00.000Z');
    const filed = await report('https://han-xu-ly.example/1');
    t.now = new Date('2026-11-30T05:00:00.000Z');
    await report('https://han-xu-ly.example/1/?utm_campaign=x');
    expect((await caseRow(filed.caseId)).deadline_at).toBe('2026-12-01T02:00:00.000Z');
    const serious = await api(editor, 'PATCH', `/rapid-response/cases/${filed.caseId}`, { priority: 'serious', category: 'health_medicines' });
    expect(serious.statusCode).toBe(200);
    expect(serious.json()).toMatchObject({ priority: 'serious', priorityLabel: 'Nghiêm trọng', category: 'health_medicines', deadlineAt: '2026-11-30T14:00:00.000Z', reportCount: 2, firstSeenAt: '2026-11-30T02:00:00.000Z' });
    const back = await api(editor, 'PATCH', `/rapid-response/cases/${filed.caseId}`, { priority: 'normal' });
    expect(back.json().deadlineAt).toBe('2026-12-01T02:00:00.000Z');
    expect((await api(editor, 'PATCH', `/rapid-response/cases/${filed.caseId}`, { priority: 'urgent' })).json().errors[0].field).toBe('priority');
    const desk = await api(editor, 'GET', '/rapid-response/desk');
    expect(desk.json().priorities).toEqual([
      { key: 'serious', label: 'Nghiêm trọng', deadlineHours: 12 },
      { key: 'normal', label: 'Thông thường', deadlineHours: 24 },
    ]);
  });

  it('allows the moves of the state machine and refuses others with 409 naming `to`', async () => {
    t.now = new Date('2026-11-30T06:00:00.000Z');
    const { caseId } = await report('https://chuyen-trang-thai.example/a');
    const s = await session(editor);
    const refused = await api(s, 'POST', `/rapid-response/cases/${caseId}/move`, { to: 'answered' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().errors[0]).toMatchObject({ code: 'CONG_ERR_INVALID_TRANSITION', field: 'to' });
    expect((await api(s, 'POST', `/rapid-response/cases/${caseId}/move`, { to: 'rated' })).statusCode).toBe(409);
    const noAgency = await api(s, 'POST', `/rapid-response/cases/${caseId}/move`, { to: 'out_of_remit' });
    expect(noAgency.statusCode).toBe(400);
    expect(noAgency.json().errors[0].field).toBe('forwardedTo');
    expect((await caseRow(caseId)).state).toBe('new');
    const forwarded = await api(s, 'POST', `/rapid-response/cases/${caseId}/move`, { to: 'out_of_remit', forwardedTo: 'Bộ Công an', note: 'Chuyển qua công văn số 12/CV' });
    expect(forwarded.statusCode).toBe(200);
    expect(forwarded.json()).toMatchObject({ state: 'out_of_remit', forwardedTo: 'Bộ Công an', forwardNote: 'Chuyển qua công văn số 12/CV', allowedMoves: ['triaged'] });
    const back = await api(s, 'POST', `/rapid-response/cases/${caseId}/move`, { to: 'triaged' });
    expect(back.json()).toMatchObject({ state: 'triaged', forwardedTo: null });
    expect((await api(s, 'POST', `/rapid-response/cases/${caseId}/move`, { to: 'closed' })).json()).toMatchObject({ state: 'closed', closedAt: '2026-11-30T06:00:00.000Z' });
    const reopened = await api(s, 'POST', `/rapid-response/cases/${caseId}/move`, { to: 'verifying', note: 'Có thông tin mới' });
    expect(reopened.json()).toMatchObject({ state: 'verifying', closedAt: null });
    expect(reopened.json().events.map((e: { toState: string | null }) => e.toState)).toEqual(['new', 'out_of_remit', 'triaged', 'closed', 'verifying']);
    const audit = await t.core.db.selectFrom('audit_log').select('action').where('subject_type', '=', 'rr_case').where('subject_id', '=', caseId).execute();
    expect(audit.filter((a) => a.action === 'case.move')).toHaveLength(4);
  });

  it('lets only a chief editor rate, and only while verifying; rating publishes the rebuttal path: approve answers the case', async () => {
    t.now = new Date('2026-11-30T07:00:00.000Z');
    const filed = await report('https://tin-gia.example/vac-xin', 'Tin đồn vắc-xin gây vô sinh lan truyền trên mạng.');
    const s = await session(editor);
    expect((await api(chief, 'POST', `/rapid-response/cases/${filed.caseId}/rate`, { rating: 'fake', note: 'Đã xác minh' })).statusCode).toBe(409);
    await api(s, 'POST', `/rapid-response/cases/${filed.caseId}/move`, { to: 'verifying' });
    const byEditor = await api(s, 'POST', `/rapid-response/cases/${filed.caseId}/rate`, { rating: 'fake', note: 'Đã xác minh' });
    expect(byEditor.statusCode).toBe(403);
    expect((await api(chief, 'POST', `/rapid-response/cases/${filed.caseId}/rate`, { rating: 'very_fake', note: 'x' })).json().errors[0].field).toBe('rating');
    t.now = new Date('2026-11-30T08:30:00.000Z');
    const rated = await api(chief, 'POST', `/rapid-response/cases/${filed.caseId}/rate`, { rating: 'fake', note: 'Bộ Y tế khẳng định vắc-xin an toàn.' });
    expect(rated.statusCode).toBe(200);
    expect(rated.json()).toMatchObject({ state: 'rated', rating: { key: 'fake', label: 'Tin giả', value: 1 }, ratedAt: '2026-11-30T08:30:00.000Z', ratedBy: { id: chief.userId, name: 'Trưởng ban Bộ' } });

    const created = await api(s, 'POST', `/rapid-response/cases/${filed.caseId}/rebuttal`, { create: true });
    expect(created.statusCode).toBe(200);
    const articleId = created.json().articleId as number;
    const article = await t.core.db.selectFrom('articles').selectAll().where('id', '=', articleId).executeTakeFirstOrThrow();
    expect(article).toMatchObject({ site_id: ministry.id, type: 'rebuttal', state: 'draft', title: 'Thông tin phản bác: Tin đồn vắc-xin gây vô sinh lan truyền trên mạng.' });
    const submitted = await api(s, 'POST', `/articles/${articleId}/submit`, { revision: article.revision });
    expect(submitted.statusCode).toBe(200);
    expect((await caseRow(filed.caseId)).state).toBe('rated');
    t.now = new Date('2026-11-30T10:00:00.000Z');
    const approved = await api(chief, 'POST', `/articles/${articleId}/approve`, { revision: submitted.json().revision });
    expect(approved.statusCode).toBe(200);
    const detail = await api(chief, 'GET', `/rapid-response/cases/${filed.caseId}`);
    expect(detail.json()).toMatchObject({ state: 'answered', answeredAt: '2026-11-30T10:00:00.000Z', rebuttal: { articleId, state: 'published', publicUrl: expect.stringContaining(`/${ministry.key}/bai-viet/`) } });
    expect(detail.json().events.at(-1)).toMatchObject({ action: 'answered', fromState: 'rated', toState: 'answered', actorLabel: 'Trưởng ban Bộ' });
    const tracked = await trackReport(t.core.db, filed.trackingCode, t.now);
    expect(tracked).toMatchObject({ state: 'answered', stateLabel: 'Đã có thông tin phản bác', answered: { title: article.title, url: `/${ministry.key}/bai-viet/${article.slug}` } });
    expect((await t.app.inject({ method: 'GET', url: tracked!.answered!.url })).statusCode).toBe(200);
  });

  it('answers a case when the scheduler publishes its linked rebuttal, at the scheduled time', async () => {
    t.now = new Date('2026-11-30T11:00:00.000Z');
    const filed = await report('https://tin-gia.example/hen-gio');
    const author = await actorFor(t.core.db, editor);
    const draft = await createArticle(t.core, author, { siteId: ministry.id, type: 'rebuttal', title: 'Thông tin phản bác hẹn giờ', body: '<p>Sự thật.</p>' });
    const submitted = await submitArticle(t.core, author, draft.id, { revision: draft.revision });
    await scheduleArticle(t.core, await actorFor(t.core.db, chief), draft.id, { revision: submitted.revision, at: '2026-11-30T12:00:00.000Z' });
    const wrongType = await createArticle(t.core, author, { siteId: ministry.id, title: 'Tin thường' });
    expect((await api(editor, 'POST', `/rapid-response/cases/${filed.caseId}/rebuttal`, { articleId: wrongType.id })).json().errors[0].field).toBe('articleId');
    const linked = await api(editor, 'POST', `/rapid-response/cases/${filed.caseId}/rebuttal`, { articleId: draft.id });
    expect(linked.statusCode).toBe(200);
    expect((await caseRow(filed.caseId)).state).toBe('new');
    t.now = new Date('2026-11-30T12:00:30.000Z');
    const run = await publishDueArticles(t.core);
    expect(run.published.map((p) => p.id)).toContain(draft.id);
    expect(await caseRow(filed.caseId)).toMatchObject({ state: 'answered', answered_at: '2026-11-30T12:00:00.000Z' });
  });

  it('merges and splits cases by hand, keeping counts, first-seen times and deadlines right', async () => {
    t.now = new Date('2026-12-01T01:00:00.000Z');
    const b1 = await report('https://gop.example/b');
    t.now = new Date('2026-12-01T02:00:00.000Z');
    const a1 = await report('https://gop.example/a');
    t.now = new Date('2026-12-01T03:00:00.000Z');
    const a2 = await report('https://gop.example/a?fbclid=1');
    expect(a2.caseId).toBe(a1.caseId);
    const s = await session(editor);
    expect((await api(s, 'POST', `/rapid-response/cases/${b1.caseId}/merge`, { intoCaseId: b1.caseId })).json().errors[0].field).toBe('intoCaseId');
    const merged = await api(s, 'POST', `/rapid-response/cases/${b1.caseId}/merge`, { intoCaseId: a1.caseId });
    expect(merged.statusCode).toBe(200);
    expect(await caseRow(a1.caseId)).toMatchObject({ report_count: 3, first_seen_at: '2026-12-01T01:00:00.000Z', deadline_at: '2026-12-02T01:00:00.000Z' });
    const from = await api(s, 'GET', `/rapid-response/cases/${b1.caseId}`);
    expect(from.json()).toMatchObject({ state: 'merged', mergedInto: { id: a1.caseId }, reportCount: 0, reports: [], allowedMoves: [] });
    expect((await api(s, 'POST', `/rapid-response/cases/${b1.caseId}/move`, { to: 'triaged' })).statusCode).toBe(409);
    expect((await trackReport(t.core.db, b1.trackingCode, t.now))!.caseCode).toBe((await caseRow(a1.caseId)).code);
    // A new report of the merged case's link now joins the case it went into.
    t.now = new Date('2026-12-01T04:00:00.000Z');
    const b2 = await report('https://gop.example/b');
    expect(b2.caseId).toBe(a1.caseId);

    const reports = (await api(s, 'GET', `/rapid-response/cases/${a1.caseId}`)).json().reports as { id: number; trackingCode: string }[];
    expect(reports).toHaveLength(4);
    const bIds = reports.filter((r) => [b1.trackingCode, b2.trackingCode].includes(r.trackingCode)).map((r) => r.id);
    expect((await api(s, 'POST', `/rapid-response/cases/${a1.caseId}/split`, { reportIds: reports.map((r) => r.id) })).json().errors[0].field).toBe('reportIds');
    const split = await api(s, 'POST', `/rapid-response/cases/${a1.caseId}/split`, { reportIds: bIds });
    expect(split.statusCode).toBe(201);
    const newId = split.json().caseId as number;
    expect(await caseRow(newId)).toMatchObject({ report_count: 2, first_seen_at: '2026-12-01T01:00:00.000Z', normalized_url: 'https://gop.example/b', state: 'new', deadline_at: '2026-12-02T01:00:00.000Z' });
    expect(await caseRow(a1.caseId)).toMatchObject({ report_count: 2, first_seen_at: '2026-12-01T02:00:00.000Z', deadline_at: '2026-12-02T02:00:00.000Z' });
  });

  it('lists the queue by deadline with overdue cases and counts, only to the desk', async () => {
    t.now = new Date('2026-12-03T00:00:00.000Z');
    const s = await session(editor);
    const list = await api(s, 'GET', '/rapid-response/cases?pageSize=200');
    expect(list.statusCode).toBe(200);
    const body = list.json() as { items: { deadlineAt: string; overdue: boolean; state: string }[]; total: number; countsByState: Record<string, number>; overdueCount: number };
    const deadlines = body.items.map((i) => i.deadlineAt);
    expect(deadlines).toEqual([...deadlines].sort());
    expect(body.items.every((i) => i.state !== 'merged')).toBe(true);
    const overdue = body.items.filter((i) => i.overdue);
    expect(overdue.length).toBeGreaterThan(0);
    expect(overdue.every((i) => !['answered', 'closed', 'out_of_remit'].includes(i.state))).toBe(true);
    expect(body.overdueCount).toBe(overdue.length);
    expect(body.countsByState.answered).toBe(2);
    expect(body.countsByState.merged).toBe(1);
    const onlyOverdue = (await api(s, 'GET', '/rapid-response/cases?overdue=true')).json();
    expect(onlyOverdue.total).toBe(overdue.length);
    expect((await api(s, 'GET', '/rapid-response/cases?q=VAC-XIN')).json().items.map((i: { state: string }) => i.state)).toEqual(['answered']);
    expect((await api(s, 'GET', '/rapid-response/cases?state=bogus')).json().errors[0].field).toBe('query.state');

    const someCase = body.items[0] as unknown as { id: number };
    expect((await api(null, 'GET', '/rapid-response/cases')).statusCode).toBe(401);
    const provinceContributor = await createPerson(t.core.db, { siteId: province.id, role: 'contributor' });
    expect((await api(provinceContributor, 'GET', '/rapid-response/cases')).statusCode).toBe(404);
    expect((await api(provinceContributor, 'GET', `/rapid-response/cases/${someCase.id}`)).statusCode).toBe(404);
    expect((await api(provinceContributor, 'GET', '/rapid-response/desk')).statusCode).toBe(404);
    const provinceChief = await createPerson(t.core.db, { siteId: province.id, role: 'chief_editor' });
    expect((await api(provinceChief, 'GET', '/rapid-response/cases')).statusCode).toBe(404);
    const ministryContributor = await createPerson(t.core.db, { siteId: ministry.id, role: 'contributor' });
    expect((await api(ministryContributor, 'GET', '/rapid-response/cases')).statusCode).toBe(403);
    expect((await api(ministryContributor, 'GET', `/rapid-response/cases/${someCase.id}`)).statusCode).toBe(403);
    // Contact details are the desk's only.
    const detail = await api(s, 'GET', `/rapid-response/cases/${someCase.id}`);
    expect(detail.json().reports[0].contact.email).toBe('nguoi.bao@example.vn');
    expect((await api(s, 'GET', '/rapid-response/assignees')).json().items.map((p: { id: number }) => p.id).sort()).toEqual([editor.userId, chief.userId].sort());
  });

  it('computes the figures (median, 90th percentile) overall, per organisation and per Vietnam month', async () => {
    t.now = new Date('2027-06-15T00:00:00.000Z');
    const at = (base: string, minutes: number | null) => (minutes === null ? null : new Date(Date.parse(base) + minutes * 60_000).toISOString());
    const fixture: [string, number | null, number | null, number | null, string?][] = [
      ['2027-05-10T00:00:00.000Z', 60, 120, ministry.organisationId],
      ['2027-05-11T00:00:00.000Z', 30, 300, ministry.organisationId],
      ['2027-05-12T00:00:00.000Z', 90, null, province.organisationId],
      ['2027-06-01T00:00:00.000Z', 600, 900, null],
      // 1 May 01:00 in Vietnam: counts in May.
      ['2027-04-30T18:00:00.000Z', 10, null, province.organisationId],
      ['2027-05-15T00:00:00.000Z', 1, 2, ministry.organisationId, 'merged'],
      // Before the window.
      ['2027-04-01T00:00:00.000Z', 5, 5, ministry.organisationId],
    ];
    for (const [i, [first, rated, answered, org, state]] of fixture.entries()) {
      await t.core.db
        .insertInto('rr_cases')
        .values({ desk_site_id: ministry.id, code: `VV-2027-9${String(i).padStart(5, '0')}`, title: `Số liệu ${i}`, claim_text: `Số liệu ${i}`, claim_folded: `so lieu ${i}`, state: state ?? (answered ? 'answered' : 'rated'), organisation_id: org, first_seen_at: first, deadline_at: first, report_count: 1, rated_at: at(first, rated), answered_at: at(first, answered), created_at: first, updated_at: first })
        .execute();
    }
    const res = await api(editor, 'GET', '/rapid-response/figures?months=2');
    expect(res.statusCode).toBe(200);
    const f = res.json();
    expect(f.months).toEqual(['2027-05', '2027-06']);
    expect(f.overall).toEqual({ cases: 5, rated: 5, answered: 3, toRatingMedianMinutes: 60, toRatingP90Minutes: 396, toAnswerMedianMinutes: 300, toAnswerP90Minutes: 780 });
    expect(f.byMonth).toEqual([
      { month: '2027-05', figures: { cases: 4, rated: 4, answered: 2, toRatingMedianMinutes: 45, toRatingP90Minutes: 81, toAnswerMedianMinutes: 210, toAnswerP90Minutes: 282 } },
      { month: '2027-06', figures: { cases: 1, rated: 1, answered: 1, toRatingMedianMinutes: 600, toRatingP90Minutes: 600, toAnswerMedianMinutes: 900, toAnswerP90Minutes: 900 } },
    ]);
    const byOrg = new Map(f.byOrganisation.map((g: { organisation: { id: number } | null; figures: unknown }) => [g.organisation?.id ?? null, g.figures]));
    expect(byOrg.get(ministry.organisationId)).toMatchObject({ cases: 2, toRatingMedianMinutes: 45, toAnswerMedianMinutes: 210 });
    expect(byOrg.get(province.organisationId)).toMatchObject({ cases: 2, answered: 0, toRatingMedianMinutes: 50, toAnswerMedianMinutes: null });
    expect(f.byOrganisation.at(-1).organisation).toBeNull();
    expect((await api(editor, 'GET', '/rapid-response/figures?months=0')).json().errors[0].field).toBe('query.months');
  });
});
