/**
 * The editorial workflow through its commands (DESIGN.md §2.1), on both engines: every
 * transition allowed and refused, reasons the author sees, four-eyes and its audited
 * relaxation, stale writes (409, nothing lost), scheduling that is invisible until its time and
 * catches up after downtime, withdrawal and correction, notifications queued, the audit chain.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './app-harness.ts';
import { ENGINES } from './database-harness.ts';
import { buildCategory, buildSite } from './factories.ts';
import { buildMember } from './newsroom-factories.ts';
import type { MemberActor } from '../src/core/policy/actor.ts';
import { systemActor } from '../src/core/policy/actor.ts';
import { createArticle, restoreArticleRevision, updateArticle } from '../src/core/articles/write-article.ts';
import { findNewsroomArticle, listArticleEvents, listArticleCorrections } from '../src/core/articles/newsroom-article.repository.ts';
import {
  approveArticle,
  correctArticle,
  rejectArticle,
  republishArticle,
  returnArticle,
  scheduleArticle,
  sendArticleForApproval,
  submitArticle,
  takeArticle,
  unscheduleArticle,
  withdrawArticle,
} from '../src/core/workflow/workflow-commands.ts';
import { listScheduleProblems, publishDueArticles } from '../src/core/workflow/scheduler.ts';
import { updateSiteSettings } from '../src/core/sites/site-settings.ts';
import { verifyAuditLog } from '../src/core/audit/verify-audit-log.ts';

describe.each(ENGINES)('editorial workflow on %s', (engine) => {
  let t: TestApp;
  let site: { id: number; key: string };
  let otherSite: { id: number; key: string };
  let categoryId: number;
  let contributor: MemberActor;
  let editor: MemberActor;
  let chief: MemberActor;
  let secondChief: MemberActor;
  let outsider: MemberActor;

  beforeAll(async () => {
    t = await createTestApp(engine, new Date('2026-11-30T01:00:00.000Z'));
    const db = t.core.db;
    site = await buildSite(db, { name: 'Trang thông tin điện tử Sở TTTT Lạng Sơn' });
    otherSite = await buildSite(db, { name: 'Trang thông tin điện tử Sở TTTT Cao Bằng' });
    categoryId = (await buildCategory(db, site.id, { name: 'Tin hoạt động', slug: 'tin-hoat-dong' })).id;
    contributor = await buildMember(db, [{ siteId: site.id, role: 'contributor' }], { name: 'Hoàng Thị Lan' });
    editor = await buildMember(db, [{ siteId: site.id, role: 'editor' }], { name: 'Nguyễn Văn Bình' });
    chief = await buildMember(db, [{ siteId: site.id, role: 'chief_editor' }], { name: 'Trần Quốc Cường' });
    secondChief = await buildMember(db, [{ siteId: site.id, role: 'chief_editor' }], { name: 'Lê Thị Dung' });
    outsider = await buildMember(db, [{ siteId: otherSite.id, role: 'chief_editor' }], { name: 'Phạm Văn Em' });
    await t.core.sites.reload();
  });

  afterAll(async () => {
    await t?.dispose();
  });

  const draftBy = (author: MemberActor, title = 'Lạng Sơn đẩy mạnh chuyển đổi số') =>
    createArticle(t.core, author, { siteId: site.id, title, lead: 'Sapo của bài.', body: '<p>Nội dung ban đầu về chuyển đổi số.</p>', categoryIds: [categoryId] });

  it('takes an article from draft to published with a return and a resubmission; the author sees the reason', async () => {
    t.now = new Date('2026-11-30T01:00:00.000Z');
    let a = await draftBy(contributor);
    expect(a).toMatchObject({ state: 'draft', revision: 1, authorUserId: contributor.userId, byline: 'Hoàng Thị Lan' });
    a = await submitArticle(t.core, contributor, a.id, { revision: 1 });
    expect(a.state).toBe('submitted');
    await expect(returnArticle(t.core, editor, a.id, { revision: 1 })).rejects.toMatchObject({ code: 'CONG_ERR_VALIDATION' });
    a = await returnArticle(t.core, editor, a.id, { revision: 1, reason: 'Thiếu nguồn số liệu; bổ sung tên cơ quan cung cấp.' });
    expect(a.state).toBe('returned');
    const events = await listArticleEvents(t.core.db, a.id);
    expect(events.at(-1)).toMatchObject({ action: 'return', reason: 'Thiếu nguồn số liệu; bổ sung tên cơ quan cung cấp.', actorLabel: 'Nguyễn Văn Bình' });
    a = await updateArticle(t.core, contributor, a.id, { revision: 1, body: '<p>Nội dung đã bổ sung nguồn: Sở TTTT.</p>', sourceName: 'Sở TTTT Lạng Sơn' });
    expect(a.revision).toBe(2);
    a = await submitArticle(t.core, contributor, a.id, { revision: 2 });
    a = await takeArticle(t.core, editor, a.id, { revision: 2 });
    expect(a.assigneeUserId).toBe(editor.userId);
    a = await updateArticle(t.core, editor, a.id, { revision: 2, title: 'Lạng Sơn đẩy mạnh chuyển đổi số trong cơ quan nhà nước' });
    a = await sendArticleForApproval(t.core, editor, a.id, { revision: 3 });
    expect(a.state).toBe('pending_approval');
    a = await approveArticle(t.core, chief, a.id, { revision: 3 });
    expect(a).toMatchObject({ state: 'published', publishedAt: '2026-11-30T01:00:00.000Z' });
    const page = await t.app.inject({ method: 'GET', url: `/${site.key}/bai-viet/${a.slug}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Lạng Sơn đẩy mạnh chuyển đổi số trong cơ quan nhà nước');
    // E-mails queued: editors on submission, chief editors on sending for approval, the author on return and publication.
    const mail = await t.core.db.selectFrom('email_outbox').select(['to_address', 'subject']).execute();
    expect(mail.filter((m) => m.to_address === editor.email).length).toBeGreaterThanOrEqual(1);
    expect(mail.some((m) => m.to_address === chief.email)).toBe(true);
    expect(mail.filter((m) => m.to_address === contributor.email).map((m) => m.subject).join('\n')).toMatch(/trả lại[\s\S]*đăng|đăng[\s\S]*trả lại/i);
  });

  it('refuses a transition from the wrong state and changes nothing', async () => {
    const a = await draftBy(contributor);
    await expect(approveArticle(t.core, chief, a.id, { revision: 1 })).rejects.toMatchObject({ code: 'CONG_ERR_NOT_FOUND' }); // a draft is private to its author
    await submitArticle(t.core, contributor, a.id, { revision: 1 });
    await expect(withdrawArticle(t.core, chief, a.id, { revision: 1, reason: 'Không còn phù hợp' })).rejects.toMatchObject({ code: 'CONG_ERR_INVALID_TRANSITION' });
    await expect(submitArticle(t.core, contributor, a.id, { revision: 1 })).rejects.toMatchObject({ code: 'CONG_ERR_INVALID_TRANSITION' });
    await expect(sendArticleForApproval(t.core, contributor, a.id, { revision: 1 })).rejects.toMatchObject({ code: 'CONG_ERR_FORBIDDEN' });
    await expect(takeArticle(t.core, outsider, a.id, { revision: 1 })).rejects.toMatchObject({ code: 'CONG_ERR_NOT_FOUND' });
    const after = await findNewsroomArticle(t.core.db, a.id);
    expect(after).toMatchObject({ state: 'submitted', revision: 1 });
    expect((await listArticleEvents(t.core.db, a.id)).map((e) => e.action)).toEqual(['submit']);
  });

  it('rejects with an optional reason; a rejected article cannot be published', async () => {
    const a = await draftBy(contributor);
    await submitArticle(t.core, contributor, a.id, { revision: 1 });
    const rejected = await rejectArticle(t.core, editor, a.id, { revision: 1, reason: 'Trùng với bài đã đăng' });
    expect(rejected.state).toBe('rejected');
    await expect(approveArticle(t.core, chief, a.id, { revision: 1 })).rejects.toMatchObject({ code: 'CONG_ERR_INVALID_TRANSITION' });
  });

  it('keeps four eyes: a chief editor cannot approve their own article until the site relaxes the rule, and the relaxation is audited', async () => {
    const own = await draftBy(chief, 'Bài do trưởng ban tự viết');
    await submitArticle(t.core, chief, own.id, { revision: 1 });
    await expect(approveArticle(t.core, chief, own.id, { revision: 1 })).rejects.toMatchObject({ code: 'CONG_ERR_FOUR_EYES' });
    await expect(scheduleArticle(t.core, chief, own.id, { revision: 1, at: '2026-12-01T08:00:00+07:00' })).rejects.toMatchObject({ code: 'CONG_ERR_FOUR_EYES' });
    await expect(updateSiteSettings(t.core, chief, site.id, { fourEyes: false })).rejects.toMatchObject({ code: 'CONG_ERR_FORBIDDEN' });
    const admin = await buildMember(t.core.db, [{ siteId: site.id, role: 'site_admin' }]);
    await updateSiteSettings(t.core, admin, site.id, { fourEyes: false });
    const audit = await t.core.db.selectFrom('audit_log').selectAll().where('action', '=', 'site.settings.update').execute();
    expect(JSON.parse(audit.at(-1)!.details)).toEqual({ changed: { fourEyes: { from: true, to: false } } });
    const published = await approveArticle(t.core, chief, own.id, { revision: 1 });
    expect(published.state).toBe('published');
    await updateSiteSettings(t.core, admin, site.id, { fourEyes: true });
  });

  it('refuses a stale save with 409 and the current revision; nothing is lost', async () => {
    const a = await draftBy(contributor);
    await submitArticle(t.core, contributor, a.id, { revision: 1 });
    await updateArticle(t.core, editor, a.id, { revision: 1, body: '<p>Bản của biên tập viên thứ nhất.</p>' });
    const stale = updateArticle(t.core, secondChief, a.id, { revision: 1, body: '<p>Bản của người thứ hai, dựa trên bản cũ.</p>' });
    await expect(stale).rejects.toMatchObject({ code: 'CONG_ERR_CONFLICT', status: 409 });
    const error = (await stale.catch((e: unknown) => e)) as { current: { article: { revision: number; body: string }; savedBy: string } };
    expect(error.current.article.revision).toBe(2);
    expect(error.current.article.body).toContain('biên tập viên thứ nhất');
    expect(error.current.savedBy).toBe('Nguyễn Văn Bình');
    const after = await findNewsroomArticle(t.core.db, a.id);
    expect(after?.body).toBe('<p>Bản của biên tập viên thứ nhất.</p>');
  });

  it('restores an old revision as a new one', async () => {
    const a = await draftBy(contributor);
    await updateArticle(t.core, contributor, a.id, { revision: 1, title: 'Tiêu đề đã sửa' });
    const restored = await restoreArticleRevision(t.core, contributor, a.id, { revision: 2, restore: 1 });
    expect(restored).toMatchObject({ revision: 3, title: 'Lạng Sơn đẩy mạnh chuyển đổi số' });
    await expect(restoreArticleRevision(t.core, contributor, a.id, { revision: 3, restore: 99 })).rejects.toMatchObject({ code: 'CONG_ERR_VALIDATION' });
  });

  it('schedules: invisible until its time, published by the scheduler right after, unschedulable before', async () => {
    t.now = new Date('2026-11-30T02:00:00.000Z');
    const a = await draftBy(contributor, 'Thông báo lịch tiếp công dân tháng 12');
    await submitArticle(t.core, contributor, a.id, { revision: 1 });
    await expect(scheduleArticle(t.core, chief, a.id, { revision: 1, at: '2026-11-30T08:00:00+07:00' })).rejects.toMatchObject({ code: 'CONG_ERR_VALIDATION' });
    await expect(scheduleArticle(t.core, chief, a.id, { revision: 1, at: '2026-11-30 10:00' } as never)).rejects.toBeDefined();
    const s = await scheduleArticle(t.core, chief, a.id, { revision: 1, at: '2026-11-30T10:00:00+07:00' });
    expect(s).toMatchObject({ state: 'scheduled', publishedAt: '2026-11-30T03:00:00.000Z' });
    const url = `/${site.key}/bai-viet/${s.slug}`;
    t.now = new Date('2026-11-30T02:59:50.000Z');
    // No cache may keep the site's pages past the article's time.
    expect((await t.app.inject({ method: 'GET', url: `/${site.key}/` })).headers['cache-control']).toBe('public, max-age=10');
    t.now = new Date('2026-11-30T02:59:59.000Z');
    expect((await publishDueArticles(t.core)).published).toEqual([]);
    expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(404);
    t.now = new Date('2026-11-30T03:00:01.000Z');
    expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(404); // not yet flipped by the scheduler
    const run = await publishDueArticles(t.core);
    expect(run.published.map((p) => p.id)).toEqual([a.id]);
    expect(run.published[0]!.lateMs).toBe(1000);
    expect((await t.app.inject({ method: 'GET', url })).statusCode).toBe(200);
    expect((await publishDueArticles(t.core)).published).toEqual([]);
    // Unschedule before the time: back to waiting for approval, never published.
    const b = await draftBy(contributor, 'Bài hẹn giờ rồi huỷ');
    await submitArticle(t.core, contributor, b.id, { revision: 1 });
    await scheduleArticle(t.core, chief, b.id, { revision: 1, at: '2026-11-30T12:00:00+07:00' });
    const u = await unscheduleArticle(t.core, chief, b.id, { revision: 1 });
    expect(u).toMatchObject({ state: 'pending_approval', publishedAt: null });
    t.now = new Date('2026-11-30T06:00:00.000Z');
    expect((await publishDueArticles(t.core)).published).toEqual([]);
  });

  it('catches up after downtime: an overdue article shows as a problem, then is published and marked late', async () => {
    t.now = new Date('2026-11-30T07:00:00.000Z');
    const a = await draftBy(contributor, 'Bài hẹn giờ trong lúc máy chủ ngừng');
    await submitArticle(t.core, contributor, a.id, { revision: 1 });
    await scheduleArticle(t.core, chief, a.id, { revision: 1, at: '2026-11-30T07:30:00.000Z' });
    t.now = new Date('2026-11-30T09:00:00.000Z'); // the server was down from 07:10 to 09:00
    const problems = await listScheduleProblems(t.core.db, site.id, t.now);
    expect(problems.map((p) => p.id)).toContain(a.id);
    await publishDueArticles(t.core);
    const last = (await listArticleEvents(t.core.db, a.id)).at(-1)!;
    expect(last).toMatchObject({ action: 'publish_scheduled', toState: 'published', details: { late: true, lateMs: 90 * 60 * 1000 } });
    expect(last.reason).toContain('Đăng muộn');
    expect((await listScheduleProblems(t.core.db, site.id, t.now)).map((p) => p.id)).not.toContain(a.id);
  });

  it('withdraws with a public reason (410) or a redirect inside the network, and republishes', async () => {
    t.now = new Date('2026-11-30T10:00:00.000Z');
    const a = await draftBy(contributor, 'Bài sẽ bị gỡ');
    await submitArticle(t.core, contributor, a.id, { revision: 1 });
    await approveArticle(t.core, chief, a.id, { revision: 1 });
    await expect(withdrawArticle(t.core, chief, a.id, { revision: 1, reason: 'Sai số liệu', redirectUrl: 'https://evil.example/' })).rejects.toMatchObject({ code: 'CONG_ERR_VALIDATION' });
    await expect(withdrawArticle(t.core, editor, a.id, { revision: 1, reason: 'Sai số liệu' })).rejects.toMatchObject({ code: 'CONG_ERR_FORBIDDEN' });
    const w = await withdrawArticle(t.core, chief, a.id, { revision: 1, reason: 'Số liệu chưa được kiểm chứng' });
    expect(w).toMatchObject({ state: 'withdrawn', withdrawalReason: 'Số liệu chưa được kiểm chứng', withdrawnAt: '2026-11-30T10:00:00.000Z' });
    const gone = await t.app.inject({ method: 'GET', url: `/${site.key}/bai-viet/${w.slug}` });
    expect(gone.statusCode).toBe(410);
    expect(gone.body).toContain('Số liệu chưa được kiểm chứng');
    const back = await republishArticle(t.core, chief, a.id, { revision: 1 });
    expect(back).toMatchObject({ state: 'published', withdrawalReason: null, publishedAt: '2026-11-30T10:00:00.000Z' });
  });

  it('corrects a published article: a new revision and a dated public note on the page', async () => {
    t.now = new Date('2026-11-30T11:00:00.000Z');
    const a = await draftBy(contributor, 'Hội nghị tổng kết năm 2026');
    await submitArticle(t.core, contributor, a.id, { revision: 1 });
    await approveArticle(t.core, chief, a.id, { revision: 1 });
    await expect(correctArticle(t.core, chief, a.id, { revision: 1, note: '' })).rejects.toMatchObject({ code: 'CONG_ERR_VALIDATION' });
    t.now = new Date('2026-11-30T12:05:00.000Z');
    const c = await correctArticle(t.core, chief, a.id, { revision: 1, note: 'Sửa ngày tổ chức hội nghị từ 15/12 thành 16/12.', body: '<p>Hội nghị diễn ra ngày 16/12.</p>' });
    expect(c).toMatchObject({ state: 'published', revision: 2, body: '<p>Hội nghị diễn ra ngày 16/12.</p>' });
    expect(await listArticleCorrections(t.core.db, a.id)).toEqual([expect.objectContaining({ note: 'Sửa ngày tổ chức hội nghị từ 15/12 thành 16/12.', revision: 2 })]);
    const page = await t.app.inject({ method: 'GET', url: `/${site.key}/bai-viet/${c.slug}` });
    expect(page.body).toContain('Sửa ngày tổ chức hội nghị từ 15/12 thành 16/12.');
    expect(page.body).toContain('30/11/2026');
  });

  it('answers what a person could not do anyway with a plain refusal, and keeps four-eyes for chief editors', async () => {
    const a = await draftBy(contributor, 'Bài tự duyệt thử');
    await submitArticle(t.core, contributor, a.id, { revision: 1 });
    await expect(approveArticle(t.core, contributor, a.id, { revision: 1 })).rejects.toMatchObject({ code: 'CONG_ERR_FORBIDDEN' });
    await expect(rejectArticle(t.core, editor, a.id, { revision: 1 })).rejects.toMatchObject({ code: 'CONG_ERR_VALIDATION' });
  });

  it('changes a published text only by a correction with its public note, never silently', async () => {
    const a = await draftBy(contributor, 'Bài đã đăng không sửa lén');
    await submitArticle(t.core, contributor, a.id, { revision: 1 });
    await approveArticle(t.core, chief, a.id, { revision: 1 });
    await expect(updateArticle(t.core, chief, a.id, { revision: 1, title: 'Tiêu đề sửa lén' })).rejects.toMatchObject({ code: 'CONG_ERR_FORBIDDEN' });
    await expect(restoreArticleRevision(t.core, chief, a.id, { revision: 1, restore: 1 })).rejects.toMatchObject({ code: 'CONG_ERR_FORBIDDEN' });
    const c = await correctArticle(t.core, chief, a.id, { revision: 1, note: 'Đính chính: sửa tên hội nghị.', title: 'Tiêu đề đã đính chính' });
    expect(c.title).toBe('Tiêu đề đã đính chính');
    const revisions = await t.core.db.selectFrom('article_revisions').select('note').where('article_id', '=', a.id).orderBy('revision', 'desc').execute();
    expect(revisions[0]!.note).toBe('Đính chính: sửa tên hội nghị.');
  });

  it('does not make a revision of a save that changes nothing, and takes a plain-text body as paragraphs', async () => {
    const a = await draftBy(contributor, 'Bài lưu không đổi');
    const same = await updateArticle(t.core, contributor, a.id, { revision: 1, title: 'Bài lưu không đổi', lead: 'Sapo của bài.' });
    expect(same.revision).toBe(1);
    const text = await updateArticle(t.core, contributor, a.id, { revision: 1, body: 'Đoạn thứ nhất,\nvẫn đoạn một.\n\nĐoạn thứ hai: 3 < 5 & 7 > 6.' });
    expect(text.body).toBe('<p>Đoạn thứ nhất, vẫn đoạn một.</p>\n<p>Đoạn thứ hai: 3 &lt; 5 &amp; 7 &gt; 6.</p>');
    expect(text.revision).toBe(2);
  });

  it('refuses withdrawal redirects that climb out of the site or repeat its key', async () => {
    const a = await draftBy(contributor, 'Bài gỡ có chuyển hướng');
    await submitArticle(t.core, contributor, a.id, { revision: 1 });
    await approveArticle(t.core, chief, a.id, { revision: 1 });
    for (const redirectUrl of ['/../../etc', '/bai-viet/../x', `/${site.key}/`, '//evil.example/']) {
      await expect(withdrawArticle(t.core, chief, a.id, { revision: 1, reason: 'Thông tin đã cũ', redirectUrl }), redirectUrl).rejects.toMatchObject({ code: 'CONG_ERR_VALIDATION' });
    }
    const w = await withdrawArticle(t.core, chief, a.id, { revision: 1, reason: 'Thông tin đã cũ', redirectUrl: '/chuyen-muc/tin-hoat-dong' });
    expect(w.withdrawalRedirectUrl).toBe('/chuyen-muc/tin-hoat-dong');
  });

  it('sends what an API token supplies straight to the editors\' queue', async () => {
    const token = { kind: 'token' as const, tokenId: 1, name: 'Hệ thống một cửa tỉnh', siteId: site.id, role: 'contributor' as const };
    const a = await createArticle(t.core, token, { siteId: site.id, title: 'Tin do hệ thống đối tác gửi', body: '<p>Nội dung.</p>' });
    expect(a).toMatchObject({ state: 'submitted', authorUserId: null });
    expect((await listArticleEvents(t.core.db, a.id)).map((e) => e.action)).toEqual(['submit']);
    const taken = await takeArticle(t.core, editor, a.id, { revision: 1 });
    expect(taken.assigneeUserId).toBe(editor.userId);
    const chiefToken = { ...token, role: 'chief_editor' as const };
    await expect(approveArticle(t.core, chiefToken, a.id, { revision: 1 })).rejects.toMatchObject({ code: 'CONG_ERR_NOT_FOUND' });
  });

  it('lets the system actor (scheduler, console) act, and keeps a valid audit chain of everything above', async () => {
    const a = await draftBy(contributor, 'Bài do hệ thống duyệt');
    await submitArticle(t.core, contributor, a.id, { revision: 1 });
    await approveArticle(t.core, systemActor('cli'), a.id, { revision: 1 });
    const entries = await t.core.db.selectFrom('audit_log').select(['action', 'actor_label']).orderBy('id').execute();
    expect(entries.map((e) => e.action)).toEqual(expect.arrayContaining(['article.create', 'article.submit', 'article.return', 'article.edit', 'article.approve', 'article.schedule', 'article.publish_scheduled', 'article.withdraw', 'article.correct', 'site.settings.update']));
    expect(entries.at(-1)?.actor_label).toBe('Hệ thống (cli)');
    const verdict = await verifyAuditLog(t.core.db);
    expect(verdict.ok).toBe(true);
  });
});
