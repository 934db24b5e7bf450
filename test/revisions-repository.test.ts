/**
 * Revisions on both engines: every save recorded with who and when, the history newest first,
 * one revision with its content, and comparisons of any two (word-level, right for Vietnamese,
 * metadata shown by name) — and who may read them (policy `article.read`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError, ValidationError } from '../src/core/errors.ts';
import { ANONYMOUS, systemActor, type MemberActor } from '../src/core/policy/actor.ts';
import {
  compareArticleRevisions,
  getRevision,
  listArticleRevisions,
  listRevisions,
  recordRevision,
  showArticleRevision,
} from '../src/core/revisions/index.ts';
import { createTestDatabase, ENGINES, type TestDatabase } from './database-harness.ts';
import { buildArticle, buildCategory, buildSite } from './factories.ts';
import { buildMember } from './newsroom-factories.ts';

describe.each(ENGINES)('revisions on %s', (engine) => {
  let t: TestDatabase;
  let site: { id: number };
  let otherSite: { id: number };
  let author: MemberActor;
  let editor: MemberActor;
  let outsider: MemberActor;
  let articleId: number;
  let categories: { id: number; name: string }[];

  beforeAll(async () => {
    t = await createTestDatabase(engine);
    site = await buildSite(t.db);
    otherSite = await buildSite(t.db);
    author = await buildMember(t.db, [{ siteId: site.id, role: 'contributor' }], { name: 'Nguyễn Thị Hoà' });
    editor = await buildMember(t.db, [{ siteId: site.id, role: 'editor' }], { name: 'Trần Văn Đức' });
    outsider = await buildMember(t.db, [{ siteId: otherSite.id, role: 'chief_editor' }]);
    categories = [await buildCategory(t.db, site.id, { name: 'Chuyển đổi số' }), await buildCategory(t.db, site.id, { name: 'Thông tin chỉ đạo, điều hành' })];
    const article = await buildArticle(t.db, site.id, { state: 'submitted', author_user_id: author.userId, published_at: null, revision: 3, title: 'Lạng Sơn đẩy mạnh chuyển đổi số' });
    articleId = article.id;
    const saves = [
      { actor: author, at: '2022-09-26T02:00:00.000Z', title: 'Lang Sơn đẩy mạnh chuyển đổi số', lead: 'Sáng 26/9, tỉnh tổ chức hội nghị.', body: '<p>Đoạn một.</p>', metadata: { type: 'news', byline: 'Hoà Nguyễn', categoryIds: [categories[0]!.id], tagNames: ['chuyển đổi số'] } },
      { actor: author, at: '2022-09-26T03:00:00.000Z', title: 'Lạng Sơn đẩy mạnh chuyển đổi số', lead: 'Sáng 26/9, tỉnh tổ chức hội nghị.', body: '<p>Đoạn một.</p><p>Đoạn hai.</p>', metadata: { type: 'news', byline: 'Hoà Nguyễn', categoryIds: [categories[0]!.id], tagNames: ['chuyển đổi số'] } },
      { actor: editor, at: '2022-09-27T01:00:00.000Z', title: 'Lạng Sơn đẩy mạnh chuyển đổi số', lead: 'Sáng 26/9, tỉnh Lạng Sơn đã tổ chức hội nghị.', body: '<p>Đoạn một đã sửa.</p><p>Đoạn hai.</p>', metadata: { type: 'press_release', byline: 'Hoà Nguyễn', categoryIds: [categories[0]!.id, categories[1]!.id], tagNames: ['chuyển đổi số', 'Lạng Sơn'] }, note: 'Biên tập' },
    ];
    let revision = 0;
    for (const s of saves) {
      revision++;
      await t.db.transaction().execute((trx) =>
        recordRevision(trx, { articleId, revision, title: s.title, lead: s.lead, body: s.body, metadata: s.metadata, actor: s.actor, note: s.note ?? null, at: new Date(s.at) }),
      );
    }
  });

  afterAll(async () => {
    await t?.dispose();
  });

  it('records every save with who and when, listed newest first without content', async () => {
    const list = await listRevisions(t.db, articleId);
    expect(list.map((r) => [r.revision, r.authorLabel, r.createdAt, r.note])).toEqual([
      [3, 'Trần Văn Đức', '2022-09-27T01:00:00.000Z', 'Biên tập'],
      [2, 'Nguyễn Thị Hoà', '2022-09-26T03:00:00.000Z', null],
      [1, 'Nguyễn Thị Hoà', '2022-09-26T02:00:00.000Z', null],
    ]);
    expect(list[0]!.authorUserId).toBe(editor.userId);
    expect(list[0]).not.toHaveProperty('body');
  });

  it('returns one revision with its content and metadata', async () => {
    const r = await getRevision(t.db, articleId, 1);
    expect(r?.title).toBe('Lang Sơn đẩy mạnh chuyển đổi số');
    expect(r?.body).toBe('<p>Đoạn một.</p>');
    expect(r?.metadata.byline).toBe('Hoà Nguyễn');
    expect(await getRevision(t.db, articleId, 9)).toBeNull();
  });

  it('refuses a second revision with the same number (two saves raced)', async () => {
    await expect(
      t.db.transaction().execute((trx) =>
        recordRevision(trx, { articleId, revision: 3, title: 'x', lead: null, body: '', metadata: {}, actor: systemActor('test'), at: new Date('2022-09-28T00:00:00.000Z') }),
      ),
    ).rejects.toBeInstanceOf(ConflictError);
    expect((await listRevisions(t.db, articleId)).length).toBe(3);
  });

  it('compares two revisions field by field: the restored tone mark is a whole syllable', async () => {
    const cmp = await compareArticleRevisions(t.db, editor, articleId, 1, 2);
    expect(cmp.from.revision).toBe(1);
    expect(cmp.to.revision).toBe(2);
    expect(cmp.changes.map((c) => c.field)).toEqual(['title', 'body']);
    const title = cmp.changes[0]!;
    expect(title.label).toBe('Tiêu đề');
    expect(title.parts).toEqual([
      { op: 'delete', text: 'Lang' },
      { op: 'insert', text: 'Lạng' },
      { op: 'equal', text: ' Sơn đẩy mạnh chuyển đổi số' },
    ]);
    expect(title.html).toBe('<del>Lang</del><ins>Lạng</ins> Sơn đẩy mạnh chuyển đổi số');
    const body = cmp.changes[1]!;
    expect(body.blocks?.map((b) => b.change)).toEqual(['equal', 'insert']);
    expect(body.html).toContain('<ins>Đoạn hai.</ins>');
  });

  it('shows changed metadata by name: type, categories and tags', async () => {
    const cmp = await compareArticleRevisions(t.db, author, articleId, 2, 3);
    const byField = Object.fromEntries(cmp.changes.map((c) => [c.field, c]));
    expect(Object.keys(byField)).toEqual(['lead', 'body', 'type', 'categoryIds', 'tagNames']);
    expect(byField.lead!.parts.filter((p) => p.op === 'insert').map((p) => p.text.trim())).toEqual(['Lạng Sơn đã']);
    expect(byField.type!.parts).toEqual([
      { op: 'delete', text: 'Tin tức' },
      { op: 'insert', text: 'Thông cáo báo chí' },
    ]);
    expect(byField.categoryIds!.label).toBe('Chuyên mục');
    expect(byField.categoryIds!.parts).toEqual([
      { op: 'equal', text: 'Chuyển đổi số' },
      { op: 'insert', text: ', Thông tin chỉ đạo, điều hành' },
    ]);
    expect(byField.tagNames!.parts).toEqual([
      { op: 'equal', text: 'chuyển đổi số' },
      { op: 'insert', text: ', Lạng Sơn' },
    ]);
  });

  it('finds nothing changed between a revision and itself', async () => {
    const cmp = await compareArticleRevisions(t.db, editor, articleId, 2, 2);
    expect(cmp.changes).toEqual([]);
  });

  it('names the missing revision: from or to', async () => {
    const err = await compareArticleRevisions(t.db, editor, articleId, 1, 7).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).issues).toEqual([{ path: 'to', message: 'Bài viết không có phiên bản 7 (phiên bản hiện tại: 3)' }]);
    const both = (await compareArticleRevisions(t.db, editor, articleId, 8, 9).catch((e: unknown) => e)) as ValidationError;
    expect(both.issues.map((i) => i.path)).toEqual(['from', 'to']);
  });

  it('lists the history with the current revision marked and what the caller may do', async () => {
    const history = await listArticleRevisions(t.db, editor, articleId);
    expect(history.currentRevision).toBe(3);
    expect(history.items.map((i) => [i.revision, i.current])).toEqual([
      [3, true],
      [2, false],
      [1, false],
    ]);
    // An editor may restore on a submitted article; the author (a contributor) may not any more.
    expect(history.items[1]!.allowedActions).toEqual(['article.restore_revision']);
    expect(history.items[0]!.allowedActions).toEqual([]);
    const authorView = await listArticleRevisions(t.db, author, articleId);
    expect(authorView.items[1]!.allowedActions).toEqual([]);
    const one = await showArticleRevision(t.db, author, articleId, 3);
    expect(one.current).toBe(true);
    expect(one.body).toBe('<p>Đoạn một đã sửa.</p><p>Đoạn hai.</p>');
  });

  it('answers "not found" to people of another site, to nobody and for unknown articles or revisions', async () => {
    await expect(listArticleRevisions(t.db, outsider, articleId)).rejects.toBeInstanceOf(NotFoundError);
    await expect(showArticleRevision(t.db, outsider, articleId, 1)).rejects.toBeInstanceOf(NotFoundError);
    await expect(compareArticleRevisions(t.db, outsider, articleId, 1, 2)).rejects.toBeInstanceOf(NotFoundError);
    await expect(listArticleRevisions(t.db, ANONYMOUS, articleId)).rejects.toBeInstanceOf(NotFoundError);
    await expect(listArticleRevisions(t.db, editor, 999_999)).rejects.toBeInstanceOf(NotFoundError);
    await expect(showArticleRevision(t.db, editor, articleId, 42)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("keeps another writer's draft history private, even on the same site", async () => {
    const colleague = await buildMember(t.db, [{ siteId: site.id, role: 'contributor' }]);
    const draft = await buildArticle(t.db, site.id, { state: 'draft', author_user_id: author.userId, published_at: null });
    await expect(listArticleRevisions(t.db, colleague, draft.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(listArticleRevisions(t.db, editor, draft.id)).rejects.toBeInstanceOf(NotFoundError);
    expect((await listArticleRevisions(t.db, author, draft.id)).items).toEqual([]);
  });
});
