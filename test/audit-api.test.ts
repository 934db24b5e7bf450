/**
 * The audit read API: a site's log for its chief editors and administrators, the network's
 * log for network administrators, newest first, filtered and paginated; nobody reads another
 * site's log — on SQLite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAudit } from '../src/core/audit/audit.ts';
import { systemActor } from '../src/core/policy/actor.ts';
import { createTestApp, type TestApp } from './app-harness.ts';
import { createApiToken, createPerson, signIn, type TestSession } from './auth-harness.ts';
import { ENGINES } from './database-harness.ts';
import { buildSite } from './factories.ts';

interface EntryView {
  id: number;
  at: string;
  actor: { type: string; id: number | null; label: string };
  action: string;
  siteId: number | null;
  subjectType: string | null;
  subjectId: number | null;
  details: Record<string, unknown>;
  address: string | null;
  hash: string;
}
interface PageView {
  entries: EntryView[];
  nextBefore: number | null;
}

describe.each(ENGINES)('audit API on %s', (engine) => {
  let t: TestApp;
  let siteA: number;
  let siteB: number;
  let chiefA: TestSession;
  let adminA: TestSession;
  let editorA: TestSession;
  let chiefB: TestSession;
  let networkAdmin: TestSession;
  let tokenA: string;

  const get = async (url: string, headers: Record<string, string> = {}) => {
    const r = await t.app.inject({ method: 'GET', url: `/api/admin/v1${url}`, headers });
    return { status: r.statusCode, body: r.json() as PageView & { errors?: Array<{ code: string; message: string; field?: string }> } };
  };

  beforeAll(async () => {
    t = await createTestApp(engine);
    siteA = (await buildSite(t.core.db, { name: 'Sở TTTT Lạng Sơn' })).id;
    siteB = (await buildSite(t.core.db, { name: 'Sở TTTT Cao Bằng' })).id;
    await t.core.sites.reload();
    // Everyone has TOTP so that signIn writes their sessions directly: this suite is about
    // reading the log, not about signing in.
    chiefA = await signIn(t, await createPerson(t.core.db, { siteId: siteA, role: 'chief_editor' }));
    adminA = await signIn(t, await createPerson(t.core.db, { siteId: siteA, role: 'site_admin' }));
    editorA = await signIn(t, await createPerson(t.core.db, { siteId: siteA, role: 'editor', totp: true }));
    chiefB = await signIn(t, await createPerson(t.core.db, { siteId: siteB, role: 'chief_editor' }));
    networkAdmin = await signIn(t, await createPerson(t.core.db, { role: 'network_admin' }));
    tokenA = await createApiToken(t.core.db, { siteId: siteA, role: 'editor' });
    // Site A: articles 1–3, five acts each; site B: two acts; the network: one.
    for (let i = 0; i < 15; i++) {
      await t.core.db.transaction().execute((trx) =>
        appendAudit(trx, {
          actor: systemActor('test'),
          action: i % 5 === 4 ? 'article.publish' : 'article.return',
          siteId: siteA,
          subjectType: 'article',
          subjectId: 1 + (i % 3),
          details: { reason: `Lý do số ${i}` },
          address: '203.0.113.9',
          at: new Date(Date.UTC(2022, 8, 27, 7, i)),
        }),
      );
    }
    for (let i = 0; i < 2; i++) {
      await t.core.db.transaction().execute((trx) => appendAudit(trx, { actor: systemActor('test'), action: 'article.submit', siteId: siteB, subjectType: 'article', subjectId: 50, at: new Date(Date.UTC(2022, 8, 28)) }));
    }
    await t.core.db.transaction().execute((trx) => appendAudit(trx, { actor: systemActor('cli'), action: 'network.site_create', siteId: null, at: new Date(Date.UTC(2022, 8, 29)) }));
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it("gives a site's chief editor its log, newest first, with what each entry recorded", async () => {
    const r = await get(`/sites/${siteA}/audit`, chiefA.headers);
    expect(r.status).toBe(200);
    const mine = r.body.entries.filter((e) => e.subjectType === 'article');
    expect(mine).toHaveLength(15);
    expect(r.body.entries.every((e) => e.siteId === siteA)).toBe(true);
    const ids = r.body.entries.map((e) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(mine[0]).toMatchObject({
      at: '2022-09-27T07:14:00.000Z',
      actor: { type: 'system', id: null, label: 'Hệ thống (test)' },
      action: 'article.publish',
      subjectType: 'article',
      subjectId: 3,
      details: { reason: 'Lý do số 14' },
      address: '203.0.113.9',
    });
    expect(mine[0]!.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(r.body.nextBefore).toBeNull();
  });

  it('filters by subject and pages with before/limit', async () => {
    const first = await get(`/sites/${siteA}/audit?subjectType=article&subjectId=2&limit=3`, adminA.headers);
    expect(first.status).toBe(200);
    expect(first.body.entries.map((e) => e.details.reason)).toEqual(['Lý do số 13', 'Lý do số 10', 'Lý do số 7']);
    expect(first.body.nextBefore).toBe(first.body.entries[2]!.id);
    const second = await get(`/sites/${siteA}/audit?subjectType=article&subjectId=2&limit=3&before=${first.body.nextBefore}`, adminA.headers);
    expect(second.body.entries.map((e) => e.details.reason)).toEqual(['Lý do số 4', 'Lý do số 1']);
    expect(second.body.nextBefore).toBeNull();
  });

  it("refuses API tokens (machine clients never read the log) and other sites' people", async () => {
    expect((await get(`/sites/${siteA}/audit?limit=1`, { authorization: `Bearer ${tokenA}` })).status).toBe(403);
    const outsider = await get(`/sites/${siteA}/audit`, chiefB.headers);
    expect(outsider.status).toBe(404);
    expect(outsider.body.errors![0]!.code).toBe('CONG_ERR_NOT_FOUND');
    expect((await get(`/sites/${siteB}/audit`, { authorization: `Bearer ${tokenA}` })).status).toBe(404);
    const ownB = await get(`/sites/${siteB}/audit`, chiefB.headers);
    expect(ownB.body.entries.filter((e) => e.subjectType === 'article').map((e) => e.action)).toEqual(['article.submit', 'article.submit']);
  });

  it("refuses an editor (the site's log is for chief editors and administrators) and anonymous callers", async () => {
    const editor = await get(`/sites/${siteA}/audit`, editorA.headers);
    expect(editor.status).toBe(403);
    expect(editor.body.errors![0]).toMatchObject({ code: 'CONG_ERR_FORBIDDEN', message: 'Bạn không có quyền xem nhật ký của trang này' });
    expect((await get(`/sites/${siteA}/audit`)).status).toBe(401);
    expect((await get('/audit')).status).toBe(401);
  });

  it('gives network administrators the whole log and any site log; others not', async () => {
    const all = await get('/audit?limit=500', networkAdmin.headers);
    expect(all.status).toBe(200);
    const actions = all.body.entries.map((e) => e.action);
    expect(actions[0]).toBe('network.site_create');
    expect(all.body.entries.filter((e) => e.siteId === siteB)).toHaveLength(2);
    expect(all.body.entries.filter((e) => e.siteId === siteA && e.subjectType === 'article')).toHaveLength(15);
    const publishes = await get(`/audit?siteId=${siteA}&action=article.publish`, networkAdmin.headers);
    expect(publishes.body.entries.map((e) => e.details.reason)).toEqual(['Lý do số 14', 'Lý do số 9', 'Lý do số 4']);
    expect((await get(`/sites/${siteB}/audit`, networkAdmin.headers)).status).toBe(200);
    expect((await get('/sites/999999/audit', networkAdmin.headers)).status).toBe(404);
    // Without a network role the network log is answered as not found (policy.ts: outsiders learn nothing).
    expect((await get('/audit', chiefA.headers)).status).toBe(404);
    expect((await get('/audit', { authorization: `Bearer ${tokenA}` })).status).toBe(404);
  });

  it('refuses bad query values, naming the field', async () => {
    const zero = await get(`/sites/${siteA}/audit?limit=0`, chiefA.headers);
    expect(zero.status).toBe(400);
    expect(zero.body.errors![0]).toMatchObject({ code: 'CONG_ERR_VALIDATION', field: 'query.limit' });
    const orphan = await get(`/sites/${siteA}/audit?subjectId=2`, chiefA.headers);
    expect(orphan.status).toBe(400);
    expect(orphan.body.errors![0]).toMatchObject({ field: 'query.subjectId', message: 'cần kèm subjectType' });
    expect((await get(`/sites/abc/audit`, chiefA.headers)).status).toBe(400);
    expect((await get(`/audit?action=DROP%20TABLE`, networkAdmin.headers)).status).toBe(400);
  });

  it('is described in the OpenAPI document', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/api/docs' });
    const doc = r.json() as { paths: Record<string, Record<string, { tags: string[] }>> };
    expect(doc.paths['/api/admin/v1/sites/{siteId}/audit']!.get!.tags).toEqual(['audit']);
    expect(doc.paths['/api/admin/v1/audit']!.get!.tags).toEqual(['audit']);
  });
});
