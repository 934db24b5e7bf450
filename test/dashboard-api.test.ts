/**
 * The dashboard endpoints of the admin API over HTTP on both engines: counts per state,
 * overdue and today's scheduled items (Vietnam day), the caller's returned items with their
 * reason, recent activity within the policy's scope (a contributor sees only their own items
 * and published ones), the author and organisation choices of the queue filters, the latest
 * categories and reasons of listed articles; 401 for nobody and 404 for people of another site.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertArticleEvent } from '../src/core/articles/newsroom-article.repository.ts';
import { createTestApp, type TestApp } from './app-harness.ts';
import { createPerson, signIn, type TestPerson, type TestSession } from './auth-harness.ts';
import { ENGINES } from './database-harness.ts';
import { buildArticle, buildCategory, buildSite } from './factories.ts';

const API = '/api/admin/v1';
// 10:00 in Vietnam on 1/10/2022.
const NOW = new Date('2022-10-01T03:00:00.000Z');
const hoursFromNow = (h: number) => new Date(NOW.getTime() + h * 3600_000).toISOString();

interface Dashboard {
  scope: string;
  today: { date: string; from: string; to: string };
  countsByState: Record<string, number>;
  total: number;
  overdue: { id: number; title: string; scheduledFor: string }[];
  scheduledToday: { id: number; scheduledFor: string }[];
  mine: { returned: { id: number; lastReason: { reason: string; by: string } | null }[]; drafts: { id: number }[] };
  recentActivity: { id: number; articleId: number; action: string; reason: string | null; at: string }[];
}

describe.each(ENGINES)('dashboard API on %s', (engine) => {
  let t: TestApp;
  let siteId: number;
  let categoryId: number;
  let loan: TestPerson;
  let minh: TestPerson;
  let editorPerson: TestPerson;
  let sessions: Record<'editor' | 'loan' | 'minh' | 'admin' | 'outsider', TestSession>;
  const a: Record<string, number> = {};

  beforeAll(async () => {
    t = await createTestApp(engine, NOW);
    const db = t.core.db;
    const site = await buildSite(db);
    siteId = site.id;
    const other = await buildSite(db, { orgName: 'Bộ Thông tin và Truyền thông' });
    await t.core.sites.reload();
    categoryId = (await buildCategory(db, siteId, { name: 'Chuyển đổi số' })).id;
    loan = await createPerson(db, { siteId, role: 'contributor', displayName: 'Hoàng Thị Tố Loan' });
    minh = await createPerson(db, { siteId, role: 'focal_point', displayName: 'Đặng Văn Minh' });
    const editor = await createPerson(db, { siteId, role: 'editor', displayName: 'Bùi Thu Hà' });
    editorPerson = editor;
    await createPerson(db, { siteId, role: 'chief_editor', displayName: 'Âu Dương Chính' });
    const admin = await createPerson(db, { siteId, role: 'site_admin', displayName: 'Quản Trị Viên' });
    const outsider = await createPerson(db, { siteId: other.id, role: 'editor', displayName: 'Người Ngoài' });
    sessions = {
      editor: await signIn(t, editor),
      loan: await signIn(t, loan),
      minh: await signIn(t, minh),
      admin: await signIn(t, admin),
      outsider: await signIn(t, outsider),
    };

    const make = async (key: string, state: string, author: TestPerson, publishedAt: string | null = null, updatedAt = '2022-09-30T01:00:00.000Z') => {
      a[key] = (await buildArticle(db, siteId, { state, author_user_id: author.userId, published_at: publishedAt, title: `Bài ${key}`, updated_at: updatedAt })).id;
    };
    await make('loanDraft', 'draft', loan);
    a.loanReturned = (await buildArticle(db, siteId, { state: 'returned', author_user_id: loan.userId, published_at: null, title: 'Bài loanReturned', updated_at: '2022-09-30T01:00:00.000Z', categoryIds: [categoryId] })).id;
    await make('loanSubmitted', 'submitted', loan);
    await make('minhDraft', 'draft', minh);
    await make('minhSubmitted', 'submitted', minh);
    await make('minhPublished', 'published', minh, '2022-09-29T01:00:00.000Z');
    await make('overdue', 'scheduled', minh, hoursFromNow(-1));
    await make('laterToday', 'scheduled', minh, hoursFromNow(2));
    await make('tomorrow', 'scheduled', minh, hoursFromNow(24));
    await buildArticle(db, other.id, { state: 'published' });
    await buildArticle(db, other.id, { state: 'submitted', published_at: null });

    const event = (key: string, action: string, from: string, to: string, at: string, reason: string | null = null, actorLabel = 'Bùi Thu Hà') =>
      insertArticleEvent(db, { articleId: a[key]!, siteId, action, fromState: from as never, toState: to as never, actorUserId: null, actorLabel, reason, at });
    // Older corrections on the published item, to fill the list past its limit.
    for (let i = 0; i < 22; i++) await event('minhPublished', 'correct', 'published', 'published', new Date(Date.UTC(2022, 8, 1, 0, i)).toISOString());
    await event('loanReturned', 'submit', 'draft', 'submitted', '2022-09-30T01:00:00.000Z', null, 'Hoàng Thị Tố Loan');
    await event('loanReturned', 'return', 'submitted', 'returned', '2022-09-30T02:00:00.000Z', 'Thiếu nguồn trích dẫn ở đoạn hai.');
    await event('minhSubmitted', 'submit', 'draft', 'submitted', '2022-09-30T03:00:00.000Z', null, 'Đặng Văn Minh');
    await event('minhPublished', 'approve', 'pending_approval', 'published', '2022-09-30T04:00:00.000Z', null, 'Âu Dương Chính');
    await event('loanSubmitted', 'submit', 'draft', 'submitted', '2022-09-30T05:00:00.000Z', null, 'Hoàng Thị Tố Loan');
  });

  afterAll(async () => {
    await t?.dispose();
  });

  const get = (url: string, session?: TestSession) => t.app.inject({ method: 'GET', url: API + url, headers: session ? session.headers : {} });
  const dashboardOf = async (who: keyof typeof sessions): Promise<Dashboard> => {
    const res = await get(`/sites/${siteId}/dashboard`, sessions[who]);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Dashboard;
  };

  it('answers 401 without a session, and 404 to someone of another site', async () => {
    for (const url of [`/sites/${siteId}/dashboard`, `/sites/${siteId}/authors`, '/organisations', `/sites/${siteId}/queue-details?articleIds=1`]) {
      expect((await get(url)).statusCode, url).toBe(401);
    }
    for (const url of [`/sites/${siteId}/dashboard`, `/sites/${siteId}/authors`, `/sites/${siteId}/queue-details?articleIds=${a.loanReturned}`, '/sites/999999/dashboard']) {
      const res = await get(url, sessions.outsider);
      expect(res.statusCode, url).toBe(404);
      expect(res.json().errors[0].code).toBe('CONG_ERR_NOT_FOUND');
    }
  });

  it('gives an editor the counts of every state except other people\'s drafts, what is overdue and what is due today', async () => {
    const d = await dashboardOf('editor');
    expect(d.scope).toBe('all');
    expect(d.countsByState).toEqual({ draft: 0, submitted: 2, pending_approval: 0, scheduled: 3, published: 1, returned: 1, rejected: 0, withdrawn: 0 });
    expect(d.total).toBe(7);
    expect(d.today).toEqual({ date: '2022-10-01', from: '2022-09-30T17:00:00.000Z', to: '2022-10-01T17:00:00.000Z' });
    expect(d.overdue.map((o) => o.id)).toEqual([a.overdue]);
    expect(d.overdue[0]).toMatchObject({ title: 'Bài overdue', scheduledFor: hoursFromNow(-1) });
    expect(d.scheduledToday.map((o) => o.id)).toEqual([a.overdue, a.laterToday]);
    expect(d.mine).toEqual({ returned: [], drafts: [] });
  });

  it('moves "today" with the Vietnam calendar day, not the UTC one', async () => {
    // 23:30 in Vietnam on 1/10 is still 16:30 UTC on 1/10; 00:30 on 2/10 is 17:30 UTC on 1/10.
    try {
      t.now = new Date('2022-10-01T16:30:00.000Z');
      const late = (await get(`/sites/${siteId}/dashboard`, await signIn(t, editorPerson))).json() as Dashboard;
      expect(late.today.date).toBe('2022-10-01');
      expect(late.scheduledToday.map((o) => o.id)).toEqual([a.overdue, a.laterToday]);
      t.now = new Date('2022-10-01T17:30:00.000Z');
      const next = (await get(`/sites/${siteId}/dashboard`, await signIn(t, editorPerson))).json() as Dashboard;
      expect(next.today).toEqual({ date: '2022-10-02', from: '2022-10-01T17:00:00.000Z', to: '2022-10-02T17:00:00.000Z' });
      expect(next.scheduledToday.map((o) => o.id)).toEqual([a.tomorrow]);
    } finally {
      t.now = NOW;
    }
  });

  it('shows the last 20 workflow events an editor may read, newest first', async () => {
    const d = await dashboardOf('editor');
    expect(d.recentActivity).toHaveLength(20);
    expect(d.recentActivity.slice(0, 5).map((e) => [e.articleId, e.action])).toEqual([
      [a.loanSubmitted, 'submit'],
      [a.minhPublished, 'approve'],
      [a.minhSubmitted, 'submit'],
      [a.loanReturned, 'return'],
      [a.loanReturned, 'submit'],
    ]);
    expect(d.recentActivity[3]!.reason).toBe('Thiếu nguồn trích dẫn ở đoạn hai.');
  });

  it('limits a contributor to their own items and published ones, with what waits for them', async () => {
    const d = await dashboardOf('loan');
    expect(d.scope).toBe('own_or_published');
    expect(d.countsByState).toMatchObject({ draft: 1, returned: 1, submitted: 1, published: 1, scheduled: 0 });
    expect(d.total).toBe(4);
    expect(d.overdue).toEqual([]);
    expect(d.scheduledToday).toEqual([]);
    const seen = new Set(d.recentActivity.map((e) => e.articleId));
    expect([...seen].sort()).toEqual([a.loanReturned, a.loanSubmitted, a.minhPublished].sort());
    expect(d.recentActivity.some((e) => e.articleId === a.minhSubmitted)).toBe(false);
    expect(d.mine.returned).toEqual([expect.objectContaining({ id: a.loanReturned, lastReason: expect.objectContaining({ reason: 'Thiếu nguồn trích dẫn ở đoạn hai.', by: 'Bùi Thu Hà' }) })]);
    expect(d.mine.drafts.map((x) => x.id)).toEqual([a.loanDraft]);

    // Another writer does not see Loan's submitted or returned items, but sees their own.
    const m = await dashboardOf('minh');
    expect(m.countsByState).toMatchObject({ draft: 1, submitted: 1, returned: 0, scheduled: 3, published: 1 });
    expect(m.recentActivity.some((e) => e.articleId === a.loanReturned || e.articleId === a.loanSubmitted)).toBe(false);
  });

  it('gives a site administrator without an editorial role an empty dashboard, not an error', async () => {
    const d = await dashboardOf('admin');
    expect(d.scope).toBe('none');
    expect(d.total).toBe(0);
    expect(d.recentActivity).toEqual([]);
  });

  it('lists the site\'s writers for the author filter, in Vietnamese order, members only', async () => {
    const res = await get(`/sites/${siteId}/authors`, sessions.loan);
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((p: { displayName: string }) => p.displayName)).toEqual(['Âu Dương Chính', 'Bùi Thu Hà', 'Đặng Văn Minh', 'Hoàng Thị Tố Loan']);
  });

  it('lists organisations to any signed-in person', async () => {
    const res = await get('/organisations', sessions.outsider);
    expect(res.statusCode).toBe(200);
    const items = res.json().items as { id: number; name: string; shortName: string | null }[];
    expect(items.length).toBeGreaterThanOrEqual(2);
    expect(items.some((o) => o.name === 'Bộ Thông tin và Truyền thông')).toBe(true);
    expect(Object.keys(items[0]!).sort()).toEqual(['id', 'name', 'shortName']);
  });

  it('gives the categories and latest reason of listed articles within the caller\'s scope, and names a bad query field', async () => {
    const ids = `${a.loanReturned},${a.minhSubmitted},${a.minhPublished},${a.minhDraft}`;
    const editor = await get(`/sites/${siteId}/queue-details?articleIds=${ids}`, sessions.editor);
    expect(editor.statusCode).toBe(200);
    const items = editor.json().items as { articleId: number; categoryIds: number[]; lastReason: { action: string; reason: string } | null }[];
    expect(items.map((i) => i.articleId).sort()).toEqual([a.loanReturned, a.minhSubmitted, a.minhPublished].sort());
    expect(items.find((i) => i.articleId === a.loanReturned)).toEqual({ articleId: a.loanReturned, categoryIds: [categoryId], lastReason: expect.objectContaining({ action: 'return', reason: 'Thiếu nguồn trích dẫn ở đoạn hai.' }) });
    expect(items.find((i) => i.articleId === a.minhSubmitted)?.lastReason).toBeNull();
    const minhAsks = await get(`/sites/${siteId}/queue-details?articleIds=${ids}`, sessions.minh);
    expect((minhAsks.json().items as { articleId: number }[]).map((i) => i.articleId).sort()).toEqual([a.minhSubmitted, a.minhPublished, a.minhDraft].sort());
    const bad = await get(`/sites/${siteId}/queue-details?articleIds=1,x`, sessions.editor);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0]).toMatchObject({ code: 'CONG_ERR_VALIDATION', field: 'query.articleIds' });
  });
});
