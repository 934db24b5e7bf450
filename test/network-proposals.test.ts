/**
 * Upward supply through the admin API, on both engines (issue "The network", item 1): a Lạng
 * Sơn focal point proposes a draft and an editor proposes a published item to the ministry
 * portal; each lands in the ministry's queue as submitted, credited to the Lạng Sơn
 * organisation and linked to its origin; the ministry returns, publishes or rejects, and the
 * proposer's list shows the outcome (with the reason, or the public URL that answers 200) and
 * the author is e-mailed through the outbox. Every refusal names the field and writes nothing.
 * Also: the network settings endpoints, and the demo's Lạng Sơn editor proposing to `bo-tttt`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './app-harness.ts';
import { ENGINES } from './database-harness.ts';
import { buildArticle, buildSite } from './factories.ts';
import { actorFor, createPerson, signIn, type TestPerson, type TestSession } from './auth-harness.ts';
import { createDemoNetwork } from '../src/core/demo/create-demo-network.ts';
import { createDemoPeople } from '../src/core/demo/create-demo-people.ts';
import { listProposalTargets, listProposals, proposeArticle } from '../src/core/network/proposals.ts';
import { loadMemberActor } from '../src/core/users/user.repository.ts';
import type { Role } from '../src/core/policy/roles.ts';

const API = '/api/admin/v1';
const COUNTED_TABLES = ['articles', 'syndications', 'audit_log', 'email_outbox', 'article_events', 'article_revisions', 'media', 'network_settings'] as const;

describe.each(ENGINES)('upward supply through the admin API on %s', (engine) => {
  let t: TestApp;
  let ministry: { id: number; key: string; organisationId: number };
  let langson: { id: number; key: string; organisationId: number };
  let caobang: { id: number; key: string; organisationId: number };
  let closedUnit: { id: number; key: string; organisationId: number };
  const people: Record<string, TestPerson> = {};
  const sessions: Record<string, TestSession> = {};
  let draftId: number;
  let publishedId: number;
  let publishedSlug: string;
  let draftCopyId: number;
  let publishedCopyId: number;

  beforeAll(async () => {
    t = await createTestApp(engine, new Date('2026-11-30T01:00:00.000Z'));
    const db = t.core.db;
    ministry = await buildSite(db, { key: 'bo-tttt', kind: 'ministry_portal', name: 'Cổng thông tin điện tử Bộ Thông tin và Truyền thông', orgName: 'Bộ Thông tin và Truyền thông' });
    langson = await buildSite(db, { key: 'langson', name: 'Trang thông tin điện tử Sở TTTT Lạng Sơn', orgName: 'Sở Thông tin và Truyền thông tỉnh Lạng Sơn' });
    caobang = await buildSite(db, { key: 'caobang', name: 'Trang thông tin điện tử Sở TTTT Cao Bằng', orgName: 'Sở Thông tin và Truyền thông tỉnh Cao Bằng' });
    closedUnit = await buildSite(db, { key: 'cuc-bao-chi', kind: 'unit_page', name: 'Trang thông tin điện tử Cục Báo chí', settings: { acceptsProposals: false } });
    // The unit page is allowed by the route rules, so only its own setting refuses.
    await db.updateTable('sites').set({ parent_id: ministry.id }).where('id', '=', langson.id).execute();
    const person = async (name: string, siteId: number | null, role: Role, displayName: string) => {
      people[name] = await createPerson(db, { siteId, role, displayName, organisationId: siteId === langson.id ? langson.organisationId : null });
    };
    await person('focal', langson.id, 'focal_point', 'Đinh Thị Hoa');
    await person('editor', langson.id, 'editor', 'Nguyễn Văn Bình');
    await person('contributor', langson.id, 'contributor', 'Hoàng Thị Lan');
    await person('caobangEditor', caobang.id, 'editor', 'Vi Văn Cao');
    await person('ministryEditor', ministry.id, 'editor', 'Lê Thu Trang');
    await person('ministryChief', ministry.id, 'chief_editor', 'Phạm Minh Đức');
    await person('admin', null, 'network_admin', 'Quản trị hệ thống');
    await t.core.sites.reload();
    for (const [name, p] of Object.entries(people)) sessions[name] = await signIn(t, p);
    const cover = await db
      .insertInto('media')
      .values({
        site_id: langson.id,
        original_name: 'hoi-nghi.jpg',
        mime_type: 'image/jpeg',
        width: 1200,
        height: 800,
        bytes: 123456,
        sha256: 'ab'.repeat(32),
        storage_key: 'langson/2022/09/abababababababab/hoi-nghi.jpg',
        variants: '[]',
        alt: 'Hội nghị chuyển đổi số',
        created_at: '2022-09-27T07:00:00.000Z',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const published = await buildArticle(db, langson.id, {
      title: 'Lạng Sơn tổ chức Hội nghị chuyển đổi số cấp tỉnh năm 2022',
      slug: 'lang-son-hoi-nghi-chuyen-doi-so-2022',
      byline: 'Phòng Thông tin – Báo chí',
      cover_media_id: cover.id,
      cover_alt: 'Toàn cảnh hội nghị',
      published_at: '2026-11-29T03:00:00.000Z',
      author_user_id: people.editor!.userId,
    });
    publishedId = published.id;
    publishedSlug = published.slug;
  });

  afterAll(async () => {
    await t?.dispose();
  });

  async function call(who: string | null, method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown) {
    const headers: Record<string, string> = {};
    if (who) Object.assign(headers, sessions[who]!.headers);
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await t.app.inject({ method, url: API + url, headers, ...(body !== undefined ? { payload: JSON.stringify(body) } : {}) });
    return { status: res.statusCode, json: res.json() as any };
  }

  async function counts(): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const table of COUNTED_TABLES) {
      const row = await t.core.db.selectFrom(table).select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow();
      out[table] = Number(row.n);
    }
    return out;
  }

  async function outgoing(who: string, query = '') {
    const res = await call(who, 'GET', `/sites/${langson.id}/proposals?direction=outgoing${query}`);
    expect(res.status).toBe(200);
    return res.json as { items: any[]; total: number; countsByStatus: Record<string, number> };
  }

  it('a focal point proposes a draft: it arrives in the ministry queue as submitted, credited and linked', async () => {
    const created = await call('focal', 'POST', '/articles', { siteId: langson.id, title: 'Lạng Sơn: 98% thủ tục hành chính được tiếp nhận trực tuyến', lead: 'Sapo của bản nháp.', body: 'Đoạn một.\n\nĐoạn hai.' });
    expect(created.status).toBe(201);
    draftId = created.json.id;
    const before = await counts();
    const res = await call('focal', 'POST', `/articles/${draftId}/proposals`, { targetSiteId: ministry.id, note: 'Kính gửi Ban biên tập Cổng Bộ: đề nghị xem xét đăng tin.' });
    expect(res.status).toBe(201);
    const proposal = res.json.proposal;
    expect(proposal).toMatchObject({ status: 'proposed', targetSite: { id: ministry.id, key: 'bo-tttt' }, original: { id: draftId, state: 'draft', site: { key: 'langson' } }, note: 'Kính gửi Ban biên tập Cổng Bộ: đề nghị xem xét đăng tin.', createdBy: { id: people.focal!.userId } });
    draftCopyId = proposal.copyArticleId;
    const after = await counts();
    expect(after.articles).toBe(before.articles! + 1);
    expect(after.syndications).toBe(before.syndications! + 1);
    expect(after.audit_log).toBe(before.audit_log! + 2);

    const copy = await t.core.db.selectFrom('articles').selectAll().where('id', '=', draftCopyId).executeTakeFirstOrThrow();
    expect(copy).toMatchObject({ site_id: ministry.id, state: 'submitted', title: 'Lạng Sơn: 98% thủ tục hành chính được tiếp nhận trực tuyến', lead: 'Sapo của bản nháp.', origin_article_id: draftId, source_organisation_id: langson.organisationId, source_url: null, author_user_id: people.focal!.userId, revision: 1 });
    const original = await t.core.db.selectFrom('articles').select('body').where('id', '=', draftId).executeTakeFirstOrThrow();
    expect(copy.body).toBe(original.body);
    expect(copy.body).toContain('Đoạn hai.');
    const syndication = await t.core.db.selectFrom('syndications').selectAll().where('copy_article_id', '=', draftCopyId).executeTakeFirstOrThrow();
    expect(syndication).toMatchObject({ direction: 'up', source_article_id: draftId, source_site_id: langson.id, target_site_id: ministry.id, status: 'proposed', requested_by_user_id: people.focal!.userId });

    // The ministry's editor sees it in the queue, with the note as the submission's reason.
    const queue = await call('ministryEditor', 'GET', `/articles?siteId=${ministry.id}&state=submitted`);
    expect(queue.json.items.map((i: any) => i.id)).toContain(draftCopyId);
    const seen = await call('ministryEditor', 'GET', `/articles/${draftCopyId}`);
    expect(seen.status).toBe(200);
    expect(seen.json.events.at(-1)).toMatchObject({ action: 'submit', toState: 'submitted', reason: 'Kính gửi Ban biên tập Cổng Bộ: đề nghị xem xét đăng tin.', actorLabel: 'Đinh Thị Hoa' });
    // The proposer has no role on the ministry site: the copy stays invisible to them there.
    expect((await call('focal', 'GET', `/articles/${draftCopyId}`)).status).toBe(404);

    const audit = await t.core.db.selectFrom('audit_log').select(['action', 'site_id', 'subject_id']).orderBy('id', 'desc').limit(2).execute();
    expect(audit).toEqual(
      expect.arrayContaining([
        { action: 'article.propose', site_id: langson.id, subject_id: draftId },
        { action: 'article.proposal.receive', site_id: ministry.id, subject_id: draftCopyId },
      ]),
    );
    const mail = await t.core.db.selectFrom('email_outbox').select(['to_address', 'subject']).where('subject', 'like', '%Bài mới chờ biên tập%').execute();
    expect(mail.map((m) => m.to_address)).toEqual(expect.arrayContaining([people.ministryEditor!.email, people.ministryChief!.email]));
  });

  it('an editor proposes a published item: the copy credits the original URL and brings its cover', async () => {
    const res = await call('editor', 'POST', `/articles/${publishedId}/proposals`, { targetSiteId: ministry.id });
    expect(res.status).toBe(201);
    publishedCopyId = res.json.proposal.copyArticleId;
    const copy = await t.core.db.selectFrom('articles').selectAll().where('id', '=', publishedCopyId).executeTakeFirstOrThrow();
    expect(copy).toMatchObject({ site_id: ministry.id, state: 'submitted', byline: 'Phòng Thông tin – Báo chí', source_organisation_id: langson.organisationId, origin_article_id: publishedId, author_user_id: people.editor!.userId, cover_alt: 'Toàn cảnh hội nghị' });
    expect(copy.source_url).toBe(`${t.core.config.publicUrl}/langson/bai-viet/${publishedSlug}`);
    const cover = await t.core.db.selectFrom('media').selectAll().where('id', '=', copy.cover_media_id!).executeTakeFirstOrThrow();
    expect(cover).toMatchObject({ site_id: ministry.id, storage_key: 'langson/2022/09/abababababababab/hoi-nghi.jpg', sha256: 'ab'.repeat(32) });
  });

  it('the ministry returns the draft with a reason: the proposer sees "returned" and is e-mailed', async () => {
    const copy = await call('ministryEditor', 'GET', `/articles/${draftCopyId}`);
    const returned = await call('ministryEditor', 'POST', `/articles/${draftCopyId}/return`, { revision: copy.json.revision, reason: 'Cần bổ sung số liệu cụ thể của từng huyện.' });
    expect(returned.status).toBe(200);
    const list = await outgoing('focal');
    const item = list.items.find((i) => i.copyArticleId === draftCopyId);
    expect(item).toMatchObject({ status: 'returned', statusLabel: 'Bị trả lại', reason: 'Cần bổ sung số liệu cụ thể của từng huyện.', decidedBy: 'Lê Thu Trang', publicUrl: null });
    const mail = await t.core.db.selectFrom('email_outbox').select(['subject', 'text_body']).where('to_address', '=', people.focal!.email).where('subject', 'like', '%Bài bị trả lại%').executeTakeFirst();
    expect(mail?.text_body).toContain('Cần bổ sung số liệu cụ thể của từng huyện.');
    // The proposer holds no role on the ministry portal: the link leads to their own site's
    // proposals (where the outcome is shown), not to an article they could not open.
    expect(mail?.text_body).toContain(`/admin/sites/${langson.id}/proposals`);
    expect(mail?.text_body).not.toContain(`/admin/articles/${draftCopyId}`);
  });

  it('proposing again after a return sends the same item back to the queue with the new text', async () => {
    const draft = await call('focal', 'GET', `/articles/${draftId}`);
    const saved = await call('focal', 'PUT', `/articles/${draftId}`, { revision: draft.json.revision, body: 'Đoạn một.\n\nHuyện Cao Lộc: 99%.' });
    expect(saved.status).toBe(200);
    const res = await call('focal', 'POST', `/articles/${draftId}/proposals`, { targetSiteId: ministry.id, note: 'Đã bổ sung số liệu.' });
    expect(res.status).toBe(201);
    expect(res.json.proposal).toMatchObject({ status: 'proposed', copyArticleId: draftCopyId, note: 'Đã bổ sung số liệu.', reason: null });
    const copy = await call('ministryEditor', 'GET', `/articles/${draftCopyId}`);
    expect(copy.json).toMatchObject({ state: 'submitted', revision: 2 });
    expect(copy.json.body).toContain('Huyện Cao Lộc: 99%.');
    expect(copy.json.events.map((e: any) => e.action)).toEqual(['submit', 'return', 'submit']);
  });

  it('the ministry publishes the editor\'s proposal: "accepted" with a public URL answering 200', async () => {
    const copy = await call('ministryChief', 'GET', `/articles/${publishedCopyId}`);
    const approved = await call('ministryChief', 'POST', `/articles/${publishedCopyId}/approve`, { revision: copy.json.revision });
    expect(approved.status).toBe(200);
    const list = await outgoing('editor');
    const item = list.items.find((i) => i.copyArticleId === publishedCopyId);
    expect(item).toMatchObject({ status: 'accepted', statusLabel: 'Được sử dụng', publishedAt: t.now.toISOString(), decidedBy: 'Phạm Minh Đức' });
    expect(item.publicUrl).toBe(`${t.core.config.publicUrl}/bo-tttt/bai-viet/${copy.json.slug}`);
    const page = await t.app.inject({ method: 'GET', url: new URL(item.publicUrl).pathname });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Lạng Sơn tổ chức Hội nghị chuyển đổi số cấp tỉnh năm 2022');
    expect(page.body).toContain('Sở Thông tin và Truyền thông tỉnh Lạng Sơn');
    const mail = await t.core.db.selectFrom('email_outbox').select('subject').where('to_address', '=', people.editor!.email).where('subject', 'like', '%Bài đã được đăng%').execute();
    expect(mail).toHaveLength(1);
  });

  it('a rejected proposal shows "rejected" with the reason; lists filter and count by outcome', async () => {
    const created = await call('focal', 'POST', '/articles', { siteId: langson.id, title: 'Tin ngắn về hoạt động của Sở' });
    const proposed = await call('focal', 'POST', `/articles/${created.json.id}/proposals`, { targetSiteId: ministry.id });
    expect(proposed.status).toBe(201);
    const copyId = proposed.json.proposal.copyArticleId;
    const copy = await call('ministryEditor', 'GET', `/articles/${copyId}`);
    expect((await call('ministryEditor', 'POST', `/articles/${copyId}/reject`, { revision: copy.json.revision, reason: 'Tin mang tính nội bộ, không phù hợp Cổng Bộ.' })).status).toBe(200);
    const rejected = await outgoing('focal', '&status=rejected');
    expect(rejected.items).toHaveLength(1);
    expect(rejected.items[0]).toMatchObject({ status: 'rejected', reason: 'Tin mang tính nội bộ, không phù hợp Cổng Bộ.', original: { id: created.json.id } });
    // The focal point sees their own drafts' proposals and the published item's; the editor
    // does not see the focal point's drafts (policy: drafts are private to their author).
    expect((await outgoing('editor')).items.map((i) => i.original.id)).toEqual([publishedId]);
    const all = await outgoing('focal');
    expect(all.countsByStatus).toEqual({ proposed: 1, accepted: 1, returned: 0, rejected: 1, withdrawn: 0 });
    expect(all.total).toBe(3);
    // The ministry's editors see the same proposals as incoming.
    const incoming = await call('ministryEditor', 'GET', `/sites/${ministry.id}/proposals?direction=incoming`);
    expect(incoming.status).toBe(200);
    expect(incoming.json.total).toBe(3);
    expect(incoming.json.items.every((i: any) => i.original.site.key === 'langson')).toBe(true);
  });

  it('refusals name the field, answer 4xx and write nothing', async () => {
    const extra = await call('editor', 'POST', '/articles', { siteId: langson.id, title: 'Bài để thử các lần từ chối' });
    const ownDraft = await call('contributor', 'POST', '/articles', { siteId: langson.id, title: 'Bài của cộng tác viên' });
    const before = await counts();
    const cases: { who: string; id: number; body: unknown; status: number; field?: string; code: string; message?: RegExp }[] = [
      { who: 'editor', id: extra.json.id, body: { targetSiteId: closedUnit.id }, status: 400, field: 'targetSiteId', code: 'CONG_ERR_VALIDATION', message: /không nhận bài đề xuất/ },
      { who: 'editor', id: extra.json.id, body: { targetSiteId: caobang.id }, status: 400, field: 'targetSiteId', code: 'CONG_ERR_VALIDATION', message: /cài đặt mạng lưới/ },
      { who: 'editor', id: extra.json.id, body: { targetSiteId: langson.id }, status: 400, field: 'targetSiteId', code: 'CONG_ERR_VALIDATION', message: /chính trang/ },
      { who: 'editor', id: extra.json.id, body: { targetSiteId: 999_999 }, status: 400, field: 'targetSiteId', code: 'CONG_ERR_VALIDATION', message: /không có trang 999999/ },
      { who: 'editor', id: extra.json.id, body: {}, status: 400, field: 'targetSiteId', code: 'CONG_ERR_VALIDATION' },
      { who: 'editor', id: extra.json.id, body: { targetSiteId: ministry.id, note: 'x'.repeat(2001) }, status: 400, field: 'note', code: 'CONG_ERR_VALIDATION' },
      { who: 'contributor', id: ownDraft.json.id, body: { targetSiteId: ministry.id }, status: 403, code: 'CONG_ERR_FORBIDDEN' },
      { who: 'focal', id: draftId, body: { targetSiteId: ministry.id }, status: 409, field: 'targetSiteId', code: 'CONG_ERR_ALREADY_PROPOSED', message: /đang chờ/ },
      { who: 'editor', id: publishedId, body: { targetSiteId: ministry.id }, status: 409, field: 'targetSiteId', code: 'CONG_ERR_ALREADY_PROPOSED', message: /đã được trang/ },
      { who: 'caobangEditor', id: publishedId, body: { targetSiteId: ministry.id }, status: 404, code: 'CONG_ERR_NOT_FOUND' },
      { who: 'editor', id: 987_654, body: { targetSiteId: ministry.id }, status: 404, code: 'CONG_ERR_NOT_FOUND' },
      // A copy in the ministry's queue cannot be proposed onward by Lạng Sơn people.
      { who: 'editor', id: draftCopyId, body: { targetSiteId: caobang.id }, status: 404, code: 'CONG_ERR_NOT_FOUND' },
    ];
    for (const c of cases) {
      const res = await call(c.who, 'POST', `/articles/${c.id}/proposals`, c.body);
      expect(res.status, JSON.stringify(c)).toBe(c.status);
      const error = res.json.errors[0];
      expect(error.code).toBe(c.code);
      if (c.field) expect(error.field).toBe(c.field);
      if (c.message) expect(error.message).toMatch(c.message);
    }
    expect(await counts()).toEqual(before);
  });

  it('who may list: outgoing for the site\'s writers, incoming for its editors; targets for a picker', async () => {
    expect((await call('contributor', 'GET', `/sites/${langson.id}/proposals?direction=outgoing`)).status).toBe(200);
    expect((await call('contributor', 'GET', `/sites/${langson.id}/proposals?direction=incoming`)).status).toBe(403);
    expect((await call('caobangEditor', 'GET', `/sites/${langson.id}/proposals?direction=outgoing`)).status).toBe(404);
    expect((await call('ministryEditor', 'GET', `/sites/${langson.id}/proposals?direction=outgoing`)).status).toBe(404);
    expect((await call(null, 'GET', `/sites/${langson.id}/proposals`)).status).toBe(401);
    const bad = await call('editor', 'GET', `/sites/${langson.id}/proposals?direction=sideways`);
    expect(bad.status).toBe(400);
    expect(bad.json.errors[0].field).toBe('query.direction');
    // A contributor sees the proposals of published items and their own, not others' drafts.
    const contributorView = await call('contributor', 'GET', `/sites/${langson.id}/proposals?direction=outgoing`);
    expect(contributorView.json.items.map((i: any) => i.original.id)).toEqual([publishedId]);
    const adminView = await call('admin', 'GET', `/sites/${langson.id}/proposals?direction=outgoing`);
    expect(adminView.json.total).toBe(3);

    const targets = await call('editor', 'GET', `/sites/${langson.id}/proposal-targets`);
    expect(targets.status).toBe(200);
    expect(targets.json.items.map((s: any) => s.key)).toEqual(['bo-tttt']);
    expect((await call('contributor', 'GET', `/sites/${langson.id}/proposal-targets`)).status).toBe(403);
    expect((await call('caobangEditor', 'GET', `/sites/${langson.id}/proposal-targets`)).status).toBe(404);
  });

  it('network settings: network admins read and change them, validated and audited; others get 404', async () => {
    const read = await call('admin', 'GET', '/network/settings');
    expect(read.status).toBe(200);
    expect(read.json.settings.proposalRoutes).toEqual([{ from: '*', to: 'kind:ministry_portal' }, { from: '*', to: 'parent' }]);
    expect((await call('ministryChief', 'GET', '/network/settings')).status).toBe(404);
    expect((await call('editor', 'PUT', '/network/settings', { proposalRoutes: [] })).status).toBe(404);

    const before = await counts();
    const invalid = await call('admin', 'PUT', '/network/settings', { proposalRoutes: [{ from: 'tinh:langson', to: 'site:caobang' }] });
    expect(invalid.status).toBe(400);
    expect(invalid.json.errors[0].field).toBe('proposalRoutes.0.from');
    const unknownKey = await call('admin', 'PUT', '/network/settings', { proposalRutes: [] });
    expect(unknownKey.status).toBe(400);
    expect(await counts()).toEqual(before);

    const routes = [...read.json.settings.proposalRoutes, { from: 'site:langson', to: 'site:caobang' }];
    const changed = await call('admin', 'PUT', '/network/settings', { proposalRoutes: routes });
    expect(changed.status).toBe(200);
    expect(changed.json.settings.proposalRoutes).toEqual(routes);
    const entry = await t.core.db.selectFrom('audit_log').select(['action', 'actor_id', 'details']).orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    expect(entry).toMatchObject({ action: 'network.settings.update', actor_id: people.admin!.userId });
    expect(JSON.parse(entry.details).changed.proposalRoutes.to).toEqual(routes);

    // The new route opens at once: Cao Bằng is now a target of Lạng Sơn.
    const targets = await call('editor', 'GET', `/sites/${langson.id}/proposal-targets`);
    expect(targets.json.items.map((s: any) => s.key)).toEqual(['bo-tttt', 'caobang']);
    const extra = await call('editor', 'POST', '/articles', { siteId: langson.id, title: 'Bài đề xuất cho Sở TTTT Cao Bằng' });
    const proposed = await call('editor', 'POST', `/articles/${extra.json.id}/proposals`, { targetSiteId: caobang.id });
    expect(proposed.status).toBe(201);
    const incoming = await call('caobangEditor', 'GET', `/sites/${caobang.id}/proposals?direction=incoming`);
    expect(incoming.json.items.map((i: any) => i.original.id)).toEqual([extra.json.id]);
  });

  it('a withdrawn copy shows "withdrawn" with the public reason; proposing again makes a new copy', async () => {
    const copy = await call('ministryChief', 'GET', `/articles/${publishedCopyId}`);
    const withdrawn = await call('ministryChief', 'POST', `/articles/${publishedCopyId}/withdraw`, { revision: copy.json.revision, reason: 'Số liệu đã được cập nhật trong bài mới.' });
    expect(withdrawn.status).toBe(200);
    const item = (await outgoing('editor')).items.find((i) => i.original.id === publishedId);
    expect(item).toMatchObject({ status: 'withdrawn', reason: 'Số liệu đã được cập nhật trong bài mới.', publicUrl: null, publishedAt: null });
    const again = await call('editor', 'POST', `/articles/${publishedId}/proposals`, { targetSiteId: ministry.id, note: 'Đề xuất lại với số liệu mới.' });
    expect(again.status).toBe(201);
    expect(again.json.proposal).toMatchObject({ id: item.id, status: 'proposed', note: 'Đề xuất lại với số liệu mới.' });
    expect(again.json.proposal.copyArticleId).not.toBe(publishedCopyId);
    const copies = await t.core.db.selectFrom('articles').select(['id', 'state']).where('origin_article_id', '=', publishedId).orderBy('id').execute();
    expect(copies).toEqual([
      { id: publishedCopyId, state: 'withdrawn' },
      { id: again.json.proposal.copyArticleId, state: 'submitted' },
    ]);
  });
});

describe.each(ENGINES)('the demo network on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine, new Date('2026-11-30T01:00:00.000Z'));
    await createDemoNetwork(t.core.db, t.now);
    await t.core.sites.reload();
    await createDemoPeople(t.core);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('the Lạng Sơn editor may propose to the ministry portal bo-tttt with the default settings', async () => {
    const user = await t.core.db.selectFrom('users').select('id').where('email', '=', 'bientap@langson.demo.cong.vn').executeTakeFirstOrThrow();
    const editor = (await loadMemberActor(t.core.db, user.id, null))!;
    const langson = t.core.sites.getByKey('langson')!;
    const portal = t.core.sites.getByKey('bo-tttt')!;
    expect(portal.kind).toBe('ministry_portal');
    const targets = await listProposalTargets(t.core, editor, langson.id);
    expect(targets.map((s) => s.key)).toContain('bo-tttt');
    const article = await buildArticle(t.core.db, langson.id, { title: 'Lạng Sơn đẩy mạnh chuyển đổi số', author_user_id: user.id, published_at: '2026-11-29T00:00:00.000Z' });
    const proposal = await proposeArticle(t.core, editor, article.id, { targetSiteId: portal.id, note: 'Đề nghị đăng trên Cổng Bộ' });
    expect(proposal).toMatchObject({ status: 'proposed', targetSite: { key: 'bo-tttt' }, original: { id: article.id } });
    const copy = await t.core.db.selectFrom('articles').select(['site_id', 'state', 'source_organisation_id']).where('id', '=', proposal.copyArticleId!).executeTakeFirstOrThrow();
    expect(copy).toEqual({ site_id: portal.id, state: 'submitted', source_organisation_id: langson.organisationId });
    const chief = await actorFor(t.core.db, { userId: (await t.core.db.selectFrom('users').select('id').where('email', '=', 'truongban@bo-tttt.demo.cong.vn').executeTakeFirstOrThrow()).id } as TestPerson);
    const incoming = await listProposals(t.core, chief, portal.id, { direction: 'incoming' });
    expect(incoming.items.map((i) => i.id)).toEqual([proposal.id]);
  });
});
