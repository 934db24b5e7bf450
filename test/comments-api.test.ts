/**
 * The editorial comment endpoints over HTTP on both engines: add, list, resolve, reopen with
 * signed-in people; 401 for nobody, 403 without the CSRF token or for a writer settling someone
 * else's comment, 404 for another site, 400 naming the field, 409 for a repeated act. Comments
 * never appear on the public site.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './app-harness.ts';
import { createPerson, signIn, type TestSession } from './auth-harness.ts';
import { ENGINES } from './database-harness.ts';
import { buildArticle, buildSite } from './factories.ts';

const API = '/api/admin/v1';

describe.each(ENGINES)('comment API on %s', (engine) => {
  let t: TestApp;
  let site: { id: number; key: string };
  let articleId: number;
  let editor: TestSession;
  let author: TestSession;
  let outsider: TestSession;

  beforeAll(async () => {
    t = await createTestApp(engine, new Date('2022-09-28T03:00:00.000Z'));
    const db = t.core.db;
    site = await buildSite(db);
    const other = await buildSite(db);
    const authorPerson = await createPerson(db, { siteId: site.id, role: 'contributor', displayName: 'Hoàng Thị Tố Loan' });
    author = await signIn(t, authorPerson);
    editor = await signIn(t, await createPerson(db, { siteId: site.id, role: 'editor', displayName: 'Trần Văn Đức' }));
    outsider = await signIn(t, await createPerson(db, { siteId: other.id, role: 'chief_editor' }));
    articleId = (await buildArticle(db, site.id, { title: 'Bài đã đăng có bình luận nội bộ', slug: 'bai-co-binh-luan', author_user_id: authorPerson.userId })).id;
    await t.core.sites.reload();
  });

  afterAll(async () => {
    await t?.dispose();
  });

  const post = (url: string, session: TestSession | null, payload?: unknown, extra: Record<string, string> = {}) =>
    t.app.inject({
      method: 'POST',
      url: API + url,
      headers: { ...(session?.headers ?? {}), ...(payload !== undefined ? { 'content-type': 'application/json' } : {}), ...extra },
      ...(payload !== undefined ? { payload: JSON.stringify(payload) } : {}),
    });
  const get = (url: string, session: TestSession | null) => t.app.inject({ method: 'GET', url: API + url, headers: session?.headers ?? {} });

  it('answers 401 to a request without a session or token', async () => {
    const answers = [
      await get(`/articles/${articleId}/comments`, null),
      await post(`/articles/${articleId}/comments`, null, { body: 'Xin chào' }),
      await post('/comments/1/resolve', null),
      await post('/comments/1/reopen', null),
    ];
    for (const res of answers) {
      expect(res.statusCode).toBe(401);
      expect(res.json().errors[0].code).toBe('CONG_ERR_UNAUTHENTICATED');
    }
  });

  it('adds, lists, resolves and reopens a comment; a repeated act is 409', async () => {
    const added = await post(`/articles/${articleId}/comments`, editor, { body: 'Đề nghị ghi rõ nguồn: Sở TTTT Lạng Sơn.' });
    expect(added.statusCode).toBe(201);
    const comment = added.json();
    expect(comment).toMatchObject({ articleId, authorLabel: 'Trần Văn Đức', body: 'Đề nghị ghi rõ nguồn: Sở TTTT Lạng Sơn.', status: 'open', createdAt: '2022-09-28T03:00:00.000Z', allowedActions: ['comment.resolve'] });

    const list = await get(`/articles/${articleId}/comments`, author);
    expect(list.statusCode).toBe(200);
    expect(list.json()).toMatchObject({ articleId, openCount: 1, allowedActions: ['article.comment'] });
    expect(list.json().items.map((c: { authorLabel: string; allowedActions: string[] }) => [c.authorLabel, c.allowedActions])).toEqual([['Trần Văn Đức', []]]);

    // The article's author is neither the comment's author nor an editor.
    const refused = await post(`/comments/${comment.id}/resolve`, author);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().errors[0].code).toBe('CONG_ERR_FORBIDDEN');

    t.now = new Date('2022-09-28T04:00:00.000Z');
    const resolved = await post(`/comments/${comment.id}/resolve`, editor);
    expect(resolved.statusCode).toBe(200);
    expect(resolved.json()).toMatchObject({ status: 'resolved', resolvedAt: '2022-09-28T04:00:00.000Z', allowedActions: ['comment.reopen'] });
    const again = await post(`/comments/${comment.id}/resolve`, editor);
    expect(again.statusCode).toBe(409);
    expect(again.json().errors[0]).toMatchObject({ code: 'CONG_ERR_INVALID_TRANSITION', message: `Bình luận ${comment.id} đã được đánh dấu là đã xử lý` });

    const reopened = await post(`/comments/${comment.id}/reopen`, editor);
    expect(reopened.statusCode).toBe(200);
    expect(reopened.json()).toMatchObject({ status: 'open', resolvedAt: null });
  });

  it('answers 400 naming the field for an empty or over-long comment, and stores nothing', async () => {
    const before = (await get(`/articles/${articleId}/comments`, editor)).json().items.length;
    const empty = await post(`/articles/${articleId}/comments`, editor, { body: '   ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().errors).toEqual([{ code: 'CONG_ERR_VALIDATION', field: 'body', message: 'Nội dung bình luận không được để trống' }]);
    const long = await post(`/articles/${articleId}/comments`, editor, { body: 'ạ'.repeat(5001) });
    expect(long.statusCode).toBe(400);
    expect(long.json().errors[0]).toMatchObject({ field: 'body', message: 'Nội dung bình luận dài quá 5000 ký tự' });
    const missing = await post(`/articles/${articleId}/comments`, editor, {});
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors[0].field).toBe('body');
    expect((await get(`/articles/${articleId}/comments`, editor)).json().items.length).toBe(before);
  });

  it('refuses a cookie-authenticated write without the CSRF token', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: `${API}/articles/${articleId}/comments`,
      headers: { cookie: editor.cookie, 'content-type': 'application/json' },
      payload: JSON.stringify({ body: 'Không có mã CSRF' }),
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().errors[0].code).toBe('CONG_ERR_CSRF');
  });

  it('answers 404 to a chief editor of another site, for the article and for its comments', async () => {
    const id = (await post(`/articles/${articleId}/comments`, editor, { body: 'Bình luận nội bộ của trang.' })).json().id as number;
    for (const res of [
      await get(`/articles/${articleId}/comments`, outsider),
      await post(`/articles/${articleId}/comments`, outsider, { body: 'Xin chào' }),
      await post(`/comments/${id}/resolve`, outsider),
      await post('/comments/999999/resolve', editor),
    ]) {
      expect(res.statusCode).toBe(404);
      expect(res.json().errors[0].code).toBe('CONG_ERR_NOT_FOUND');
    }
  });

  it('never shows comments on the public article page', async () => {
    await post(`/articles/${articleId}/comments`, editor, { body: 'Ghi chú nội bộ tuyệt mật về nguồn tin.' });
    const page = await t.app.inject({ method: 'GET', url: `/${site.key}/bai-viet/bai-co-binh-luan` });
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('Ghi chú nội bộ tuyệt mật');
    expect(page.body).not.toContain('Đề nghị ghi rõ nguồn');
  });
});
