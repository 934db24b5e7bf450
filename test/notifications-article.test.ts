/**
 * Who is e-mailed when an article moves through the workflow (issue "Newsroom core", item 8):
 * submitted → the site's editors and chief editors; sent for approval → chief editors;
 * returned, rejected, published, withdrawn → the author. Never the actor, never a disabled
 * account, never people of another site; the text is Vietnamese with the reason and a link.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import type { Database } from '../src/core/db/database.ts';
import { queueArticleNotifications, type ArticleNotificationInput } from '../src/core/notifications/article-notifications.ts';
import { deliverDueEmails } from '../src/core/notifications/deliver-due-emails.ts';
import { createMailTransport } from '../src/core/notifications/mail-transport.ts';
import { listOutbox } from '../src/core/notifications/outbox.repository.ts';
import { systemActor, type MemberActor } from '../src/core/policy/actor.ts';
import { createTestDatabase, ENGINES, type TestDatabase } from './database-harness.ts';
import { buildArticle, buildSite } from './factories.ts';
import { buildPerson, type TestPerson } from './notifications-people.ts';
import { startSmtpServer } from './smtp-harness.ts';

const TITLE = 'Lạng Sơn: Hội nghị chuyển đổi số cấp tỉnh năm 2022';
const ADMIN_URL = 'https://langson.example.vn/admin';

function member(person: TestPerson): MemberActor {
  return { kind: 'member', userId: person.id, displayName: person.displayName, email: person.email, organisationId: null, grants: [], sessionId: null };
}

describe.each(ENGINES)('article notifications on %s', (engine) => {
  let database: TestDatabase;
  let db: Kysely<Database>;
  let siteId: number;
  let articleId: number;
  let author: TestPerson;
  let editor: TestPerson;
  let editorAndContributor: TestPerson;
  let chief: TestPerson;
  let editorAndChief: TestPerson;
  let now: Date;

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    db = database.db;
    const site = await buildSite(db, { name: 'Sở TTTT Lạng Sơn' });
    const other = await buildSite(db, { name: 'Sở TTTT Cao Bằng' });
    siteId = site.id;
    author = await buildPerson(db, { displayName: 'Hoàng Văn Tác', roles: [{ siteId, role: 'contributor' }] });
    editor = await buildPerson(db, { displayName: 'Nguyễn Thị Biên', roles: [{ siteId, role: 'editor' }] });
    editorAndContributor = await buildPerson(db, { displayName: 'Lê Văn Hai', roles: [{ siteId, role: 'contributor' }, { siteId, role: 'editor' }] });
    chief = await buildPerson(db, { displayName: 'Trần Văn Trưởng', roles: [{ siteId, role: 'chief_editor' }] });
    editorAndChief = await buildPerson(db, { displayName: 'Phạm Thị Phó', roles: [{ siteId, role: 'editor' }, { siteId, role: 'chief_editor' }] });
    // Never told of this site's articles:
    await buildPerson(db, { displayName: 'Đã nghỉ', status: 'disabled', roles: [{ siteId, role: 'editor' }, { siteId, role: 'chief_editor' }] });
    await buildPerson(db, { displayName: 'Biên tập Cao Bằng', roles: [{ siteId: other.id, role: 'editor' }, { siteId: other.id, role: 'chief_editor' }] });
    await buildPerson(db, { displayName: 'Quản trị trang', roles: [{ siteId, role: 'site_admin' }] });
    await buildPerson(db, { displayName: 'Quản trị hệ thống', roles: [{ siteId: null, role: 'network_admin' }] });
    await buildPerson(db, { displayName: 'Cộng tác viên khác', roles: [{ siteId, role: 'contributor' }] });
    articleId = (await buildArticle(db, siteId, { title: TITLE, state: 'submitted', author_user_id: author.id })).id;
  });
  afterAll(async () => {
    await database?.dispose();
  });
  beforeEach(async () => {
    await db.deleteFrom('email_outbox').execute();
    now = new Date('2022-09-27T07:05:00.000Z');
  });

  const notify = (input: Partial<ArticleNotificationInput> & Pick<ArticleNotificationInput, 'transition' | 'actor'>) =>
    db.transaction().execute((trx) =>
      queueArticleNotifications(trx, {
        article: { id: articleId, siteId, title: TITLE, authorUserId: author.id },
        now,
        adminUrl: ADMIN_URL,
        siteName: 'Sở TTTT Lạng Sơn',
        ...input,
      }),
    );
  const outbox = async () => (await listOutbox(db, { limit: 100 })).sort((a, b) => a.to.localeCompare(b.to));

  it('submitted: e-mails the active editors and chief editors of the site, once each', async () => {
    const sent = await notify({ transition: 'submitted', actor: member(author) });
    expect(sent.sort()).toEqual([editor.email, editorAndContributor.email, chief.email, editorAndChief.email].sort());
    const rows = await outbox();
    expect(rows).toHaveLength(4);
    const toEditor = rows.find((r) => r.to === editor.email)!;
    expect(toEditor.subject).toBe(`[Sở TTTT Lạng Sơn] Bài mới chờ biên tập: ${TITLE}`);
    expect(toEditor.text).toContain('Chào Nguyễn Thị Biên,');
    expect(toEditor.text).toContain(`Hoàng Văn Tác đã gửi bài "${TITLE}" để biên tập trên Sở TTTT Lạng Sơn lúc 27/9/2022 14:05.`);
    expect(toEditor.text).toContain(`${ADMIN_URL}/articles/${articleId}`);
    expect(toEditor.status).toBe('pending');
  });

  it('sent for approval: e-mails the chief editors, not the one who sent it', async () => {
    expect((await notify({ transition: 'sent_for_approval', actor: member(editor) })).sort()).toEqual([chief.email, editorAndChief.email].sort());
    await db.deleteFrom('email_outbox').execute();
    expect(await notify({ transition: 'sent_for_approval', actor: member(editorAndChief), eventId: 2 })).toEqual([chief.email]);
    const [row] = await outbox();
    expect(row!.subject).toBe(`[Sở TTTT Lạng Sơn] Bài chờ duyệt: ${TITLE}`);
    expect(row!.text).toContain('Phạm Thị Phó đã trình duyệt bài');
  });

  it('returned: e-mails the author with the reason and the link to fix it', async () => {
    const reason = 'Cần bổ sung số liệu về tỷ lệ hồ sơ trực tuyến\nvà ảnh hội nghị.';
    expect(await notify({ transition: 'returned', actor: member(editor), reason })).toEqual([author.email]);
    const [row] = await outbox();
    expect(row!.subject).toBe(`[Sở TTTT Lạng Sơn] Bài bị trả lại: ${TITLE}`);
    expect(row!.text).toBe(
      [
        'Chào Hoàng Văn Tác,',
        '',
        `Bài "${TITLE}" của bạn đã được Nguyễn Thị Biên trả lại lúc 27/9/2022 14:05 để sửa.`,
        '',
        `Lý do: ${reason}`,
        '',
        `Sửa bài rồi gửi lại: ${ADMIN_URL}/articles/${articleId}`,
        '',
        '-- ',
        'Thư tự động từ hệ thống biên tập của Sở TTTT Lạng Sơn. Vui lòng không trả lời thư này.',
        '',
      ].join('\n'),
    );
    expect(row!.reasonKey).toBe(`article.returned:${articleId}:2022-09-27T07:05:00.000Z`);
  });

  it('rejected, published (also by the scheduler) and withdrawn: e-mail the author', async () => {
    await notify({ transition: 'rejected', actor: member(chief), reason: 'Trùng nội dung đã đăng' });
    await notify({ transition: 'published', actor: systemActor('scheduler') });
    await notify({ transition: 'withdrawn', actor: member(chief), reason: 'Số liệu sai, chờ đính chính' });
    const rows = await listOutbox(db, { limit: 100 });
    expect(rows.map((r) => r.to)).toEqual([author.email, author.email, author.email]);
    expect(rows.map((r) => r.subject).reverse()).toEqual([
      `[Sở TTTT Lạng Sơn] Bài không được sử dụng: ${TITLE}`,
      `[Sở TTTT Lạng Sơn] Bài đã được đăng: ${TITLE}`,
      `[Sở TTTT Lạng Sơn] Bài đã bị gỡ: ${TITLE}`,
    ]);
    const [withdrawn, published, rejected] = rows;
    expect(rejected!.text).toContain('Lý do: Trùng nội dung đã đăng');
    expect(published!.text).toContain(`Bài "${TITLE}" của bạn đã được đăng trên Sở TTTT Lạng Sơn lúc 27/9/2022 14:05 (đăng tự động: Hệ thống (scheduler)).`);
    expect(withdrawn!.text).toContain('đã bị Trần Văn Trưởng gỡ khỏi Sở TTTT Lạng Sơn');
    expect(withdrawn!.text).toContain('Lý do: Số liệu sai, chờ đính chính');
  });

  it('tells nobody when the article has no author account, the author is disabled, or the author acted', async () => {
    expect(await notify({ transition: 'published', actor: member(chief), article: { id: articleId, siteId, title: TITLE, authorUserId: null } })).toEqual([]);
    expect(await notify({ transition: 'published', actor: member(chief), eventId: 3 })).toEqual([author.email]);
    expect((await outbox())[0]!.text).toContain('(người duyệt: Trần Văn Trưởng)');
    await db.deleteFrom('email_outbox').execute();
    const gone = await buildPerson(db, { status: 'disabled', roles: [{ siteId, role: 'contributor' }] });
    expect(await notify({ transition: 'returned', actor: member(editor), reason: 'x', article: { id: articleId, siteId, title: TITLE, authorUserId: gone.id } })).toEqual([]);
    // A chief editor publishing their own article (four-eyes relaxed) is not told of it.
    expect(await notify({ transition: 'published', actor: member(chief), article: { id: articleId, siteId, title: TITLE, authorUserId: chief.id } })).toEqual([]);
    expect(await outbox()).toEqual([]);
  });

  it('does not e-mail twice when the same transition is notified again (a retried command)', async () => {
    await notify({ transition: 'submitted', actor: member(author), eventId: 41 });
    expect(await notify({ transition: 'submitted', actor: member(author), eventId: 41 })).toEqual([]);
    expect(await outbox()).toHaveLength(4);
    // A later submission (after a return) is a new event and e-mails again.
    now = new Date(now.getTime() + 3_600_000);
    expect(await notify({ transition: 'submitted', actor: member(author), eventId: 45 })).toHaveLength(4);
    expect(await outbox()).toHaveLength(8);
  });

  it('queues nothing when the transition rolls back', async () => {
    await expect(
      db.transaction().execute(async (trx) => {
        await queueArticleNotifications(trx, { article: { id: articleId, siteId, title: TITLE, authorUserId: author.id }, transition: 'returned', actor: member(editor), reason: 'Thiếu nguồn', now, adminUrl: ADMIN_URL, siteName: 'Sở TTTT Lạng Sơn' });
        throw new Error('stale version');
      }),
    ).rejects.toThrow('stale version');
    expect(await outbox()).toEqual([]);
  });

  it('reaches the author through a real SMTP server, Vietnamese intact', async () => {
    const smtp = await startSmtpServer();
    const transport = createMailTransport(smtp.url);
    try {
      await notify({ transition: 'returned', actor: member(editor), reason: 'Ảnh chưa ghi nguồn; đề nghị bổ sung “Ảnh: Sở TTTT”.' });
      expect(await deliverDueEmails({ db, clock: () => now, transport, from: 'Sở TTTT Lạng Sơn <no-reply@langson.gov.vn>' })).toMatchObject({ sent: 1 });
      const [mail] = await smtp.waitForMessages(1);
      expect(mail!.envelopeTo).toEqual([author.email]);
      expect(mail!.subject).toBe(`[Sở TTTT Lạng Sơn] Bài bị trả lại: ${TITLE}`);
      expect(mail!.text).toContain('Lý do: Ảnh chưa ghi nguồn; đề nghị bổ sung “Ảnh: Sở TTTT”.');
      expect(mail!.text).toContain(`${ADMIN_URL}/articles/${articleId}`);
    } finally {
      transport.close?.();
      await smtp.close();
    }
  });
});
