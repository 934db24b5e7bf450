/**
 * Editorial comments on both engines, through the commands with member actors built directly:
 * add, list (open and resolved, with the author's name), resolve and reopen by the author or
 * an editor, each act in the audit log; refusals change nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addComment, listComments, reopenComment, resolveComment } from '../src/core/comments/index.ts';
import { ForbiddenError, InvalidTransitionError, NotFoundError, ValidationError } from '../src/core/errors.ts';
import { ANONYMOUS, systemActor, type MemberActor } from '../src/core/policy/actor.ts';
import { createTestDatabase, ENGINES, type TestDatabase } from './database-harness.ts';
import { buildArticle, buildSite } from './factories.ts';
import { buildMember } from './newsroom-factories.ts';

describe.each(ENGINES)('editorial comments on %s', (engine) => {
  let t: TestDatabase;
  let author: MemberActor;
  let editor: MemberActor;
  let colleague: MemberActor;
  let outsider: MemberActor;
  let articleId: number;
  const at = (iso: string) => ({ now: new Date(iso), address: '203.0.113.7' });

  const auditOf = async (subjectId: number) =>
    t.db.selectFrom('audit_log').select(['action', 'actor_label', 'details', 'address', 'at']).where('subject_type', '=', 'article').where('subject_id', '=', subjectId).orderBy('id').execute();
  const commentCount = async () => Number((await t.db.selectFrom('article_comments').select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow()).n);

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    const site = await buildSite(t.db);
    const otherSite = await buildSite(t.db);
    author = await buildMember(t.db, [{ siteId: site.id, role: 'contributor' }], { name: 'Nguyễn Thị Hoà' });
    editor = await buildMember(t.db, [{ siteId: site.id, role: 'editor' }], { name: 'Trần Văn Đức' });
    colleague = await buildMember(t.db, [{ siteId: site.id, role: 'contributor' }], { name: 'Lê Minh Tâm' });
    outsider = await buildMember(t.db, [{ siteId: otherSite.id, role: 'contributor' }]);
    articleId = (await buildArticle(t.db, site.id, { state: 'submitted', author_user_id: author.userId, published_at: null })).id;
  });

  afterAll(async () => {
    await t?.dispose();
  });

  it('adds comments with their author and time, lists them oldest first, and audits each', async () => {
    const first = await addComment(t.db, editor, articleId, { body: '  Đề nghị bổ sung nguồn: Sở TTTT Lạng Sơn.\r\nXem lại sapo.  ' }, at('2022-09-27T02:00:00.000Z'));
    expect(first.body).toBe('Đề nghị bổ sung nguồn: Sở TTTT Lạng Sơn.\nXem lại sapo.');
    expect(first.authorLabel).toBe('Trần Văn Đức');
    expect(first.status).toBe('open');
    expect(first.allowedActions).toEqual(['comment.resolve']);
    await addComment(t.db, author, articleId, { body: 'Đã bổ sung nguồn.' }, at('2022-09-27T03:00:00.000Z'));

    const list = await listComments(t.db, author, articleId);
    expect(list.items.map((c) => [c.authorLabel, c.body, c.createdAt])).toEqual([
      ['Trần Văn Đức', 'Đề nghị bổ sung nguồn: Sở TTTT Lạng Sơn.\nXem lại sapo.', '2022-09-27T02:00:00.000Z'],
      ['Nguyễn Thị Hoà', 'Đã bổ sung nguồn.', '2022-09-27T03:00:00.000Z'],
    ]);
    expect(list.openCount).toBe(2);
    expect(list.allowedActions).toEqual(['article.comment']);
    // The author of the article may not resolve the editor's comment; only their own.
    expect(list.items.map((c) => c.allowedActions)).toEqual([[], ['comment.resolve']]);

    const audit = await auditOf(articleId);
    expect(audit.map((a) => [a.action, a.actor_label, a.address])).toEqual([
      ['article.comment.add', 'Trần Văn Đức', '203.0.113.7'],
      ['article.comment.add', 'Nguyễn Thị Hoà', '203.0.113.7'],
    ]);
    expect(JSON.parse(audit[0]!.details)).toMatchObject({ commentId: first.id });
  });

  it('lets an editor resolve anyone’s comment and the author reopen their own, each audited', async () => {
    const c = await addComment(t.db, author, articleId, { body: 'Ảnh đại diện chưa có chú thích.' }, at('2022-09-27T04:00:00.000Z'));
    const resolved = await resolveComment(t.db, editor, c.id, at('2022-09-27T05:00:00.000Z'));
    expect(resolved.status).toBe('resolved');
    expect(resolved.resolvedAt).toBe('2022-09-27T05:00:00.000Z');
    expect(resolved.resolvedByUserId).toBe(editor.userId);
    expect(resolved.allowedActions).toEqual(['comment.reopen']);

    const list = await listComments(t.db, editor, articleId);
    expect(list.items.find((i) => i.id === c.id)?.status).toBe('resolved');
    expect(list.openCount).toBe(2);

    const reopened = await reopenComment(t.db, author, c.id, at('2022-09-27T06:00:00.000Z'));
    expect(reopened.status).toBe('open');
    expect(reopened.resolvedAt).toBeNull();
    expect(reopened.resolvedByUserId).toBeNull();

    const actions = (await auditOf(articleId)).map((a) => [a.action, a.actor_label]).slice(-3);
    expect(actions).toEqual([
      ['article.comment.add', 'Nguyễn Thị Hoà'],
      ['article.comment.resolve', 'Trần Văn Đức'],
      ['article.comment.reopen', 'Nguyễn Thị Hoà'],
    ]);
  });

  it('keeps a submitted article’s discussion from other writers of the site ("not found")', async () => {
    await expect(listComments(t.db, colleague, articleId)).rejects.toBeInstanceOf(NotFoundError);
    await expect(addComment(t.db, colleague, articleId, { body: 'Góp ý' }, at('2022-09-27T06:30:00.000Z'))).rejects.toBeInstanceOf(NotFoundError);
  });

  it('refuses a writer settling someone else’s comment (403) and changes nothing', async () => {
    const c = await addComment(t.db, editor, articleId, { body: 'Kiểm tra lại số liệu năm 2022.' }, at('2022-09-27T07:00:00.000Z'));
    const before = (await auditOf(articleId)).length;
    const err = await resolveComment(t.db, author, c.id, at('2022-09-27T08:00:00.000Z')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ForbiddenError);
    expect((err as Error).message).toContain('Chỉ người viết bình luận hoặc biên tập viên');
    expect((await listComments(t.db, editor, articleId)).items.find((i) => i.id === c.id)?.status).toBe('open');
    expect((await auditOf(articleId)).length).toBe(before);
  });

  it('refuses resolving twice or reopening an open comment (409), changing nothing', async () => {
    const c = await addComment(t.db, editor, articleId, { body: 'Thống nhất tiêu đề.' }, at('2022-09-27T09:00:00.000Z'));
    await expect(reopenComment(t.db, editor, c.id, at('2022-09-27T09:30:00.000Z'))).rejects.toBeInstanceOf(InvalidTransitionError);
    await resolveComment(t.db, editor, c.id, at('2022-09-27T10:00:00.000Z'));
    const before = (await auditOf(articleId)).length;
    await expect(resolveComment(t.db, editor, c.id, at('2022-09-27T11:00:00.000Z'))).rejects.toBeInstanceOf(InvalidTransitionError);
    const row = await t.db.selectFrom('article_comments').select('resolved_at').where('id', '=', c.id).executeTakeFirstOrThrow();
    expect(row.resolved_at).toBe('2022-09-27T10:00:00.000Z');
    expect((await auditOf(articleId)).length).toBe(before);
  });

  it('validates the text, naming the field, and stores nothing', async () => {
    const count = await commentCount();
    for (const body of ['', '   \n ', 'x'.repeat(5001), 42, 'chuông\u0090']) {
      const err = await addComment(t.db, editor, articleId, { body }, at('2022-09-27T12:00:00.000Z')).catch((e: unknown) => e);
      expect(err, String(body)).toBeInstanceOf(ValidationError);
      const issue = (err as ValidationError).issues[0]!;
      expect(issue.path).toBe('body');
      expect(issue.message).toMatch(/^Nội dung bình luận/);
    }
    // Exactly 5000 characters (Vietnamese letters, counted as readers count them) is allowed.
    const longest = await addComment(t.db, editor, articleId, { body: 'ộ'.normalize('NFD').repeat(5000) }, at('2022-09-27T12:00:00.000Z'));
    expect([...longest.body].length).toBe(5000);
    expect(await commentCount()).toBe(count + 1);
  });

  it('answers "not found" to a person of another site and to nobody, for articles and comments alike', async () => {
    const c = await addComment(t.db, editor, articleId, { body: 'Bình luận nội bộ.' }, at('2022-09-27T13:00:00.000Z'));
    const count = await commentCount();
    await expect(addComment(t.db, outsider, articleId, { body: 'Xin chào' }, at('2022-09-27T13:00:00.000Z'))).rejects.toBeInstanceOf(NotFoundError);
    await expect(listComments(t.db, outsider, articleId)).rejects.toBeInstanceOf(NotFoundError);
    await expect(resolveComment(t.db, outsider, c.id, at('2022-09-27T13:00:00.000Z'))).rejects.toBeInstanceOf(NotFoundError);
    await expect(addComment(t.db, ANONYMOUS, articleId, { body: 'Xin chào' }, at('2022-09-27T13:00:00.000Z'))).rejects.toBeInstanceOf(NotFoundError);
    await expect(listComments(t.db, editor, 999_999)).rejects.toBeInstanceOf(NotFoundError);
    await expect(resolveComment(t.db, editor, 999_999, at('2022-09-27T13:00:00.000Z'))).rejects.toBeInstanceOf(NotFoundError);
    expect(await commentCount()).toBe(count);
  });

  it('keeps a draft’s discussion to its author: a colleague on the same site gets "not found"', async () => {
    const draft = await buildArticle(t.db, (await t.db.selectFrom('articles').select('site_id').where('id', '=', articleId).executeTakeFirstOrThrow()).site_id, {
      state: 'draft',
      author_user_id: author.userId,
      published_at: null,
    });
    await addComment(t.db, author, draft.id, { body: 'Ghi chú cho chính mình.' }, at('2022-09-27T14:00:00.000Z'));
    await expect(listComments(t.db, colleague, draft.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(listComments(t.db, editor, draft.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('lets the system actor (the operator’s console) settle any comment', async () => {
    const c = await addComment(t.db, author, articleId, { body: 'Chờ ý kiến lãnh đạo.' }, at('2022-09-27T15:00:00.000Z'));
    const resolved = await resolveComment(t.db, systemActor('cli'), c.id, at('2022-09-27T16:00:00.000Z'));
    expect(resolved.status).toBe('resolved');
    expect(resolved.resolvedByUserId).toBeNull();
  });
});
