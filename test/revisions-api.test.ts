/**
 * The revision endpoints of the admin API over HTTP on both engines: the history, one revision,
 * a comparison; 401 for nobody, 404 for people of another site, 400 naming the query field for
 * a missing or unknown revision; tokens and sessions alike.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../src/core/policy/actor.ts';
import { recordRevision } from '../src/core/revisions/index.ts';
import { createTestApp, type TestApp } from './app-harness.ts';
import { createApiToken, createPerson, signIn, type TestSession } from './auth-harness.ts';
import { ENGINES } from './database-harness.ts';
import { buildArticle, buildSite } from './factories.ts';

const API = '/api/admin/v1';

describe.each(ENGINES)('revision API on %s', (engine) => {
  let t: TestApp;
  let articleId: number;
  let editor: TestSession;
  let outsider: TestSession;
  let token: string;

  beforeAll(async () => {
    t = await createTestApp(engine);
    const db = t.core.db;
    const site = await buildSite(db);
    const other = await buildSite(db);
    const author = await createPerson(db, { siteId: site.id, role: 'contributor', displayName: 'Hoàng Thị Tố Loan' });
    editor = await signIn(t, await createPerson(db, { siteId: site.id, role: 'editor' }));
    outsider = await signIn(t, await createPerson(db, { siteId: other.id, role: 'editor' }));
    token = await createApiToken(db, { siteId: site.id, role: 'editor' });
    articleId = (await buildArticle(db, site.id, { state: 'submitted', author_user_id: author.userId, published_at: null, revision: 2 })).id;
    const actor = systemActor('test');
    await t.core.db.transaction().execute(async (trx) => {
      await recordRevision(trx, { articleId, revision: 1, title: 'Hội nghị tại Lạng Sơn', lead: null, body: '<p>Đoạn một.</p>', metadata: { byline: 'Tố Loan' }, actor, at: new Date('2022-09-26T02:00:00.000Z') });
      await recordRevision(trx, { articleId, revision: 2, title: 'Hội nghị tại Lang Sơn <b>', lead: 'Sapo mới.', body: '<p>Đoạn một.</p>', metadata: { byline: 'Tố Loan' }, actor, at: new Date('2022-09-26T03:00:00.000Z') });
    });
  });

  afterAll(async () => {
    await t?.dispose();
  });

  const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url: API + url, headers });

  it('answers 401 to a request without a session or token', async () => {
    for (const url of [`/articles/${articleId}/revisions`, `/articles/${articleId}/revisions/1`, `/articles/${articleId}/revisions/compare?from=1&to=2`]) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(401);
      expect(res.json().errors[0].code, url).toBe('CONG_ERR_UNAUTHENTICATED');
    }
  });

  it('lists the history newest first for an editor of the site, without bodies', async () => {
    const res = await get(`/articles/${articleId}/revisions`, editor.headers);
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const body = res.json();
    expect(body.currentRevision).toBe(2);
    expect(body.items.map((i: { revision: number; authorLabel: string; current: boolean }) => [i.revision, i.authorLabel, i.current])).toEqual([
      [2, 'Hệ thống (test)', true],
      [1, 'Hệ thống (test)', false],
    ]);
    expect(body.items[1].allowedActions).toEqual(['article.restore_revision']);
    expect(body.items[0]).not.toHaveProperty('body');
  });

  it('shows one revision with its content, and 404 for one that does not exist', async () => {
    const res = await get(`/articles/${articleId}/revisions/1`, editor.headers);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ revision: 1, title: 'Hội nghị tại Lạng Sơn', body: '<p>Đoạn một.</p>', metadata: { byline: 'Tố Loan' } });
    const missing = await get(`/articles/${articleId}/revisions/9`, editor.headers);
    expect(missing.statusCode).toBe(404);
    expect(missing.json().errors[0].message).toBe(`Không tìm thấy phiên bản 9 của bài viết ${articleId}`);
  });

  it('compares two revisions word by word, with escaped HTML', async () => {
    const res = await get(`/articles/${articleId}/revisions/compare?from=1&to=2`, editor.headers);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.changes.map((c: { field: string }) => c.field)).toEqual(['title', 'lead']);
    expect(body.changes[0].html).toBe('Hội nghị tại <del>Lạng</del><ins>Lang</ins> Sơn<ins> &lt;b&gt;</ins>');
    expect(body.changes[1]).toMatchObject({ label: 'Sapo', parts: [{ op: 'insert', text: 'Sapo mới.' }] });
  });

  it('answers 400 naming the query field for a missing, malformed or unknown revision', async () => {
    const missing = await get(`/articles/${articleId}/revisions/compare?from=1`, editor.headers);
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors).toEqual([{ code: 'CONG_ERR_VALIDATION', field: 'query.to', message: 'Thiếu số phiên bản “to” (số nguyên dương)' }]);
    const malformed = await get(`/articles/${articleId}/revisions/compare?from=abc&to=0`, editor.headers);
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().errors.map((e: { field: string }) => e.field)).toEqual(['query.from', 'query.to']);
    const unknown = await get(`/articles/${articleId}/revisions/compare?from=1&to=5`, editor.headers);
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors).toEqual([{ code: 'CONG_ERR_VALIDATION', field: 'query.to', message: 'Bài viết không có phiên bản 5 (phiên bản hiện tại: 2)' }]);
  });

  it('answers 404 to an editor of another site, whatever the article', async () => {
    for (const url of [`/articles/${articleId}/revisions`, `/articles/${articleId}/revisions/1`, `/articles/${articleId}/revisions/compare?from=1&to=2`, '/articles/999999/revisions']) {
      const res = await get(url, outsider.headers);
      expect(res.statusCode, url).toBe(404);
      expect(res.json().errors[0].code, url).toBe('CONG_ERR_NOT_FOUND');
    }
  });

  it('serves an API token of the site like a person with its role', async () => {
    const res = await get(`/articles/${articleId}/revisions`, { authorization: `Bearer ${token}` });
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toHaveLength(2);
  });

  it('describes the endpoints in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/docs' })).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([`${API}/articles/{id}/revisions`, `${API}/articles/{id}/revisions/{revision}`, `${API}/articles/{id}/revisions/compare`]),
    );
  });
});
