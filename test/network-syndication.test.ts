/**
 * Downward syndication (issue "The network" item 2), both engines: a ministry chief editor
 * sends a published item to the whole network, to a kind of site or to chosen sites; each
 * receiving site shows its copy at once (`auto`), queues it for its board (`review`) or takes
 * none (`off`); a local board may decline it; refusals change nothing; the copy's page credits
 * and names the original as canonical and stays out of sitemaps, while it shows on the site's
 * home page; the admin API sends, shows where the item was carried, and presents copies.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './app-harness.ts';
import { ENGINES } from './database-harness.ts';
import { buildCategory } from './factories.ts';
import { buildNetwork, buildOriginal, copiesOf, memberOf, syndicationsOf, type TestNetwork } from './network-harness.ts';
import { createPerson, signIn } from './auth-harness.ts';
import { jsonLdBlocks, parseHtml, textOf } from './public-helpers.ts';
import { syndicateArticle } from '../src/core/network/syndication.ts';
import { approveArticle, rejectArticle } from '../src/core/workflow/workflow-commands.ts';
import { findNewsroomArticle } from '../src/core/articles/newsroom-article.repository.ts';
import { ForbiddenError, ValidationError } from '../src/core/errors.ts';
import { verifyAuditLog } from '../src/core/audit/verify-audit-log.ts';

describe.each(ENGINES)('downward syndication on %s', (engine) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(engine);
  });

  afterAll(async () => {
    await t?.dispose();
  });

  const get = (url: string) => t.app.inject({ method: 'GET', url });

  it('sends an item to the whole network: every site gets a full, credited copy that follows the original', async () => {
    const net = await buildNetwork(t.core, ['auto', 'auto', 'auto']);
    // Categories are matched by slug, else by name; none are created.
    const byName = await buildCategory(t.core.db, net.provinces[1]!.id, { name: 'Chính sách mới', slug: 'chinh-sach-moi-tinh' });
    const ministryPolicy = await buildCategory(t.core.db, net.ministry.id, { name: 'Chính sách mới', slug: 'chinh-sach-moi' });
    const original = await buildOriginal(t.core.db, net, { categoryIds: [net.ministry.categoryId, ministryPolicy.id] });
    const result = await syndicateArticle(t.core, net.ministryChief, original.id, { to: 'network', note: 'Đề nghị các Sở đăng tải' });
    // Other tests' sites are in the same network: every active site but the ministry gets one.
    const expected = t.core.sites.list().filter((s) => s.id !== net.ministry.id && s.status === 'active').map((s) => s.id);
    expect(result.added.map((a) => a.siteId).sort((a, b) => a - b)).toEqual(expected.sort((a, b) => a - b));
    await t.core.fanout.drain();

    const copies = await copiesOf(t.core.db, original.id);
    const orig = (await findNewsroomArticle(t.core.db, original.id))!;
    const ministrySite = t.core.sites.getById(net.ministry.id)!;
    for (const s of [...net.provinces, net.unit]) {
      const copy = copies.get(s.id)!;
      expect(copy, `copy on site ${s.key}`).toBeDefined();
      expect(copy.state).toBe('published');
      expect(copy.title).toBe(orig.title);
      expect(copy.body).toBe(orig.body);
      expect(copy.published_at).toBe(orig.publishedAt);
      expect(copy.follows_origin).toBe(1);
      expect(copy.source_organisation_id).toBe(ministrySite.organisationId);
      expect(copy.source_url).toBe(`${t.core.config.publicUrl}/${ministrySite.key}/bai-viet/${orig.slug}`);
      const full = (await findNewsroomArticle(t.core.db, copy.id))!;
      expect(full.lead).toBe(orig.lead);
      expect(full.byline).toBe('Minh Anh');
      expect(full.tagNames).toEqual(orig.tagNames);
      expect(full.categoryIds[0]).toBe(s.categoryId);
      expect(full.origin).toEqual({ articleId: orig.id, siteId: net.ministry.id, slug: orig.slug });
      // The copy is public on its site like a local article.
      const page = await get(`/${s.key}/bai-viet/${copy.slug}`);
      expect(page.statusCode).toBe(200);
    }
    expect((await findNewsroomArticle(t.core.db, copies.get(net.provinces[1]!.id)!.id))!.categoryIds).toEqual([net.provinces[1]!.categoryId, byName.id]);
    const syndications = await syndicationsOf(t.core.db, original.id);
    expect([...syndications.values()].every((s) => s.status === 'shown' && s.following === 1 && s.note === 'Đề nghị các Sở đăng tải')).toBe(true);
    // Each copy has its revision snapshot, history event and audit entry; the chain holds.
    const copyIds = [...copies.values()].map((c) => c.id);
    expect(await t.core.db.selectFrom('article_revisions').select('id').where('article_id', 'in', copyIds).execute()).toHaveLength(copyIds.length);
    expect(await t.core.db.selectFrom('article_events').select('id').where('article_id', 'in', copyIds).where('action', '=', 'syndication_receive').execute()).toHaveLength(copyIds.length);
    expect(await t.core.db.selectFrom('audit_log').select('id').where('action', '=', 'article.syndication.create').where('subject_id', 'in', copyIds).execute()).toHaveLength(copyIds.length);
    expect(await t.core.db.selectFrom('audit_log').select('id').where('action', '=', 'article.syndicate').where('subject_id', '=', original.id).execute()).toHaveLength(1);
    expect(await verifyAuditLog(t.core.db)).toMatchObject({ ok: true });
    // The copies are found by the receiving site's search.
    const search = await get(`/${net.provinces[0]!.key}/tim-kiem?q=${encodeURIComponent('chỉ đạo đẩy mạnh chuyển đổi số')}`);
    expect(search.statusCode).toBe(200);
    expect(search.body).toContain(`href="/${net.provinces[0]!.key}/bai-viet/${copies.get(net.provinces[0]!.id)!.slug}"`);
  });

  it('sends to a kind of site only, or to chosen sites only; sending twice makes no second copy', async () => {
    const net = await buildNetwork(t.core, ['auto', 'auto']);
    const toUnits = await buildOriginal(t.core.db, net);
    await syndicateArticle(t.core, net.ministryChief, toUnits.id, { to: { kinds: ['unit_page'] } });
    await t.core.fanout.drain();
    const unitCopies = await copiesOf(t.core.db, toUnits.id);
    expect(unitCopies.has(net.unit.id)).toBe(true);
    expect(net.provinces.some((p) => unitCopies.has(p.id))).toBe(false);
    expect([...unitCopies.keys()].every((id) => t.core.sites.getById(id)!.kind === 'unit_page')).toBe(true);

    const chosen = await buildOriginal(t.core.db, net);
    await syndicateArticle(t.core, net.ministryChief, chosen.id, { to: { siteIds: [net.provinces[1]!.id] } });
    await t.core.fanout.drain();
    expect([...(await copiesOf(t.core.db, chosen.id)).keys()]).toEqual([net.provinces[1]!.id]);

    const again = await syndicateArticle(t.core, net.ministryChief, chosen.id, { to: { siteIds: [net.provinces[1]!.id, net.provinces[0]!.id] } });
    expect(again.already.map((a) => a.siteId)).toEqual([net.provinces[1]!.id]);
    expect(again.added.map((a) => a.siteId)).toEqual([net.provinces[0]!.id]);
    await t.core.fanout.drain();
    await syndicateArticle(t.core, net.ministryChief, chosen.id, { to: { siteIds: [net.provinces[1]!.id] } });
    await t.core.fanout.drain();
    const copies = await t.core.db.selectFrom('articles').select(['site_id']).where('origin_article_id', '=', chosen.id).execute();
    expect(copies.map((c) => c.site_id).sort((a, b) => a - b)).toEqual([net.provinces[0]!.id, net.provinces[1]!.id].sort((a, b) => a - b));
  });

  it('follows each receiving site’s setting: auto shows at once, review queues for the local board, off takes none', async () => {
    const net = await buildNetwork(t.core, ['auto', 'review', 'off']);
    const [auto, review, off] = net.provinces as [typeof net.provinces[0], typeof net.provinces[0], typeof net.provinces[0]];
    const original = await buildOriginal(t.core.db, net);
    const localChief = await memberOf(t.core.db, review.id);
    await syndicateArticle(t.core, net.ministryChief, original.id, { to: { siteIds: [auto.id, review.id, off.id] } });
    await t.core.fanout.drain();
    const copies = await copiesOf(t.core.db, original.id);
    const syndications = await syndicationsOf(t.core.db, original.id);
    expect(copies.get(auto.id)!.state).toBe('published');
    expect(syndications.get(auto.id)!.status).toBe('shown');
    expect(copies.get(review.id)!.state).toBe('pending_approval');
    expect(syndications.get(review.id)!.status).toBe('queued');
    expect(copies.has(off.id)).toBe(false);
    expect(syndications.get(off.id)!.status).toBe('declined_by_setting');
    // Queued: invisible until the local chief editor approves it with the normal transition.
    const reviewCopy = copies.get(review.id)!;
    expect((await get(`/${review.key}/bai-viet/${reviewCopy.slug}`)).statusCode).toBe(404);
    // The local chief editors were told by e-mail.
    const mails = await t.core.db.selectFrom('email_outbox').select(['to_address', 'subject']).where('reason_key', 'like', `article.sent_for_approval:${reviewCopy.id}:%`).execute();
    expect(mails).toEqual([{ to_address: localChief.email, subject: expect.stringContaining('Bài chờ duyệt') }]);
    await approveArticle(t.core, localChief, reviewCopy.id, { revision: reviewCopy.revision });
    expect((await syndicationsOf(t.core.db, original.id)).get(review.id)!.status).toBe('shown');
    expect((await get(`/${review.key}/bai-viet/${reviewCopy.slug}`)).statusCode).toBe(200);

    // A site that turned syndication back on is asked again when the item is sent again.
    await t.core.db.updateTable('sites').set({ settings: JSON.stringify({ syndication: 'auto' }) }).where('id', '=', off.id).execute();
    const again = await syndicateArticle(t.core, net.ministryChief, original.id, { to: { siteIds: [auto.id, off.id] } });
    expect(again.retried.map((r) => r.siteId)).toEqual([off.id]);
    await t.core.fanout.drain();
    expect((await copiesOf(t.core.db, original.id)).get(off.id)!.state).toBe('published');
    expect((await syndicationsOf(t.core.db, original.id)).get(off.id)!.status).toBe('shown');
  });

  it('lets a local board decline a queued copy with the normal reject', async () => {
    const net = await buildNetwork(t.core, ['review']);
    const original = await buildOriginal(t.core.db, net);
    await syndicateArticle(t.core, net.ministryChief, original.id, { to: { siteIds: [net.provinces[0]!.id] } });
    await t.core.fanout.drain();
    const copy = (await copiesOf(t.core.db, original.id)).get(net.provinces[0]!.id)!;
    const localChief = await memberOf(t.core.db, net.provinces[0]!.id);
    await rejectArticle(t.core, localChief, copy.id, { revision: copy.revision, reason: 'Không phù hợp với địa phương' });
    expect((await syndicationsOf(t.core.db, original.id)).get(net.provinces[0]!.id)!.status).toBe('declined');
    expect((await copiesOf(t.core.db, original.id)).get(net.provinces[0]!.id)!.state).toBe('rejected');
  });

  it('refuses without changing anything: not a chief editor, a site not allowed to syndicate, an unknown or disallowed target', async () => {
    const net = await buildNetwork(t.core, ['auto', 'auto']);
    const original = await buildOriginal(t.core.db, net);
    const count = async () => ({
      syndications: (await t.core.db.selectFrom('syndications').select('id').execute()).length,
      jobs: (await t.core.db.selectFrom('fanout_jobs').select('id').execute()).length,
      audit: (await t.core.db.selectFrom('audit_log').select('id').execute()).length,
      articles: (await t.core.db.selectFrom('articles').select('id').execute()).length,
    });
    const before = await count();
    const editor = await memberOf(t.core.db, net.ministry.id, 'editor');
    await expect(syndicateArticle(t.core, editor, original.id, { to: 'network' })).rejects.toBeInstanceOf(ForbiddenError);
    // A provincial site may (by default) send only to its own child sites, and has none.
    const provincialChief = await memberOf(t.core.db, net.provinces[0]!.id);
    const local = await buildOriginal(t.core.db, { ...net, ministry: net.provinces[0]! });
    const refusedLocal = await syndicateArticle(t.core, provincialChief, local.id, { to: 'network' }).catch((e: unknown) => e);
    expect(refusedLocal).toBeInstanceOf(ValidationError);
    expect((refusedLocal as ValidationError).issues[0]!.path).toBe('to');
    const afterLocal = await count();
    const unknown = await syndicateArticle(t.core, net.ministryChief, original.id, { to: { siteIds: [net.provinces[0]!.id, 987654] } }).catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(ValidationError);
    expect((unknown as ValidationError).issues).toEqual([{ path: 'to', message: 'không có trang 987654' }]);
    const self = await syndicateArticle(t.core, net.ministryChief, original.id, { to: { siteIds: [net.ministry.id] } }).catch((e: unknown) => e);
    expect((self as ValidationError).issues[0]!.path).toBe('to');
    // Only a published or scheduled item can be syndicated.
    const waiting = await buildOriginal(t.core.db, net, { state: 'pending_approval', published_at: null });
    await expect(syndicateArticle(t.core, net.ministryChief, waiting.id, { to: 'network' })).rejects.toBeInstanceOf(ForbiddenError);
    const after = await count();
    expect(after.syndications).toBe(before.syndications);
    expect(after.jobs).toBe(before.jobs);
    expect(after.audit).toBe(before.audit);
    expect(afterLocal.articles - before.articles).toBe(1); // only the local original built for the test
    expect(after.articles - afterLocal.articles).toBe(1); // only the item waiting for approval
  });

  it('admin API: a chief editor sends it, editors see where it was carried, copies show their origin', async () => {
    const net = await buildNetwork(t.core, ['auto', 'review']);
    const original = await buildOriginal(t.core.db, net);
    const chiefPerson = await createPerson(t.core.db, { siteId: net.ministry.id, role: 'chief_editor' });
    const chief = await signIn(t, chiefPerson);
    const detail = await t.app.inject({ method: 'GET', url: `/api/admin/v1/articles/${original.id}`, headers: chief.headers });
    expect(detail.json().allowedActions).toContain('syndicate');
    expect(detail.json().followsOrigin).toBe(false);

    const bad = await t.app.inject({ method: 'POST', url: `/api/admin/v1/articles/${original.id}/syndicate`, headers: chief.headers, payload: { to: { siteIds: [999999] } } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0]).toMatchObject({ code: 'CONG_ERR_VALIDATION', field: 'to' });
    const badShape = await t.app.inject({ method: 'POST', url: `/api/admin/v1/articles/${original.id}/syndicate`, headers: chief.headers, payload: { to: 'everyone' } });
    expect(badShape.statusCode).toBe(400);
    expect(badShape.json().errors[0].field).toBe('to');

    const sent = await t.app.inject({
      method: 'POST',
      url: `/api/admin/v1/articles/${original.id}/syndicate`,
      headers: chief.headers,
      payload: { to: { siteIds: net.provinces.map((p) => p.id) }, note: 'Gửi các Sở' },
    });
    expect(sent.statusCode).toBe(202);
    expect(sent.json().added).toHaveLength(2);
    await t.core.fanout.drain(); // the command kicked the worker; wait for it to finish

    const where = await t.app.inject({ method: 'GET', url: `/api/admin/v1/articles/${original.id}/syndication`, headers: chief.headers });
    expect(where.statusCode).toBe(200);
    const items = where.json().items as { site: { id: number; name: string }; status: string; statusLabel: string; copy: { id: number; publicUrl: string; visible: boolean } | null; job: { state: string; attempts: number; lastError: string | null } }[];
    const autoItem = items.find((i) => i.site.id === net.provinces[0]!.id)!;
    expect(autoItem).toMatchObject({ status: 'shown', statusLabel: 'Đã hiển thị', job: { state: 'done', attempts: 1, lastError: null } });
    expect(autoItem.site.name).toBe(t.core.sites.getById(net.provinces[0]!.id)!.name);
    expect(autoItem.copy!.visible).toBe(true);
    const pageUrl = new URL(autoItem.copy!.publicUrl);
    expect((await get(pageUrl.pathname)).statusCode).toBe(200);
    const reviewItem = items.find((i) => i.site.id === net.provinces[1]!.id)!;
    expect(reviewItem).toMatchObject({ status: 'queued', statusLabel: 'Chờ trang nhận duyệt' });
    expect(reviewItem.copy!.visible).toBe(false);

    // Writers of the ministry do not see the distribution.
    const writer = await signIn(t, await createPerson(t.core.db, { siteId: net.ministry.id, role: 'contributor' }));
    expect((await t.app.inject({ method: 'GET', url: `/api/admin/v1/articles/${original.id}/syndication`, headers: writer.headers })).statusCode).toBe(403);

    // The copy, seen by the receiving site's editor: its origin, following, detachable, not editable.
    const localEditor = await signIn(t, await createPerson(t.core.db, { siteId: net.provinces[1]!.id, role: 'editor' }));
    const copy = await t.app.inject({ method: 'GET', url: `/api/admin/v1/articles/${reviewItem.copy!.id}`, headers: localEditor.headers });
    expect(copy.statusCode).toBe(200);
    expect(copy.json()).toMatchObject({
      followsOrigin: true,
      origin: { articleId: original.id, siteId: net.ministry.id, siteName: t.core.sites.getById(net.ministry.id)!.name, url: `${t.core.config.publicUrl}/${net.ministry.key}/bai-viet/${original.slug}` },
    });
    expect(copy.json().allowedActions).toContain('detach');
    expect(copy.json().allowedActions).not.toContain('edit');
    const list = await t.app.inject({ method: 'GET', url: `/api/admin/v1/articles?siteId=${net.provinces[1]!.id}`, headers: localEditor.headers });
    const row = (list.json().items as { id: number; followsOrigin: boolean; allowedActions: string[] }[]).find((i) => i.id === reviewItem.copy!.id)!;
    expect(row.followsOrigin).toBe(true);
    expect(row.allowedActions).not.toContain('edit');
  });

  it('copy pages name the original as canonical and credit it; copies are on the home page but in no sitemap', async () => {
    const net = await buildNetwork(t.core, ['auto']);
    const original = await buildOriginal(t.core.db, net, { published_at: new Date(t.now.getTime() - 3600_000).toISOString() });
    await syndicateArticle(t.core, net.ministryChief, original.id, { to: { siteIds: [net.provinces[0]!.id] } });
    await t.core.fanout.drain();
    const province = net.provinces[0]!;
    const copy = (await copiesOf(t.core.db, original.id)).get(province.id)!;
    const originalUrl = `${t.core.config.publicUrl}/${net.ministry.key}/bai-viet/${original.slug}`;
    const page = await get(`/${province.key}/bai-viet/${copy.slug}`);
    expect(page.statusCode).toBe(200);
    const doc = parseHtml(page.body);
    expect(doc.querySelector('link[rel="canonical"]')!.getAttribute('href')).toBe(originalUrl);
    expect(doc.querySelector('meta[property="og:url"]')!.getAttribute('content')).toBe(originalUrl);
    const jsonLd = jsonLdBlocks(doc).find((b) => b['@type'] === 'NewsArticle')!;
    expect(jsonLd.url).toBe(originalUrl);
    expect(jsonLd.mainEntityOfPage).toEqual({ '@type': 'WebPage', '@id': originalUrl });
    const credit = doc.querySelector('.article__source')!;
    expect(textOf(credit)).toContain(`Nguồn: ${t.core.sites.getById(net.ministry.id)!.organisationName}`);
    expect(credit.querySelector('a')!.getAttribute('href')).toBe(originalUrl);
    // The original's own page stays its own canonical.
    const originalPage = parseHtml((await get(`/${net.ministry.key}/bai-viet/${original.slug}`)).body);
    expect(originalPage.querySelector('link[rel="canonical"]')!.getAttribute('href')).toBe(originalUrl);

    // On the receiving site's home page, but in none of its sitemaps.
    expect((await get(`/${province.key}/`)).body).toContain(`/${province.key}/bai-viet/${copy.slug}`);
    const local = await buildOriginal(t.core.db, { ...net, ministry: province }, { published_at: new Date(t.now.getTime() - 3600_000).toISOString() });
    const articles = await get(`/${province.key}/sitemap-bai-viet-1.xml`);
    expect(articles.statusCode).toBe(200);
    expect(articles.body).toContain(`/${province.key}/bai-viet/${local.slug}`);
    expect(articles.body).not.toContain(`/bai-viet/${copy.slug}<`);
    const news = await get(`/${province.key}/sitemap-news.xml`);
    expect(news.statusCode).toBe(200);
    expect(news.body).toContain(`/${province.key}/bai-viet/${local.slug}`);
    expect(news.body).not.toContain(`/${province.key}/bai-viet/${copy.slug}<`);
    const index = await get(`/${province.key}/sitemap.xml`);
    expect(index.body).toContain('sitemap-bai-viet-1.xml');
    // The original is in its own site's sitemaps.
    expect((await get(`/${net.ministry.key}/sitemap-news.xml`)).body).toContain(`/${net.ministry.key}/bai-viet/${original.slug}<`);
  });
});
