/**
 * The network view for network admins (issue "The network", item 7), on both engines: sites
 * grouped by kind with their last publication and 30-day activity (published, proposals and
 * syndicated copies sent and received), the sites that have not published in N days, and the
 * items flowing up and down — checked against a small fixture network whose figures are worked
 * out by hand below; embargoed, withdrawn and draft items never count. Only network admins may
 * see it. On the 80-site demo network it stays a fixed handful of queries.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KyselyPlugin } from 'kysely';
import { createTestApp, type TestApp } from './app-harness.ts';
import { ENGINES } from './database-harness.ts';
import { buildArticle, buildSite } from './factories.ts';
import { createPerson, signIn, type TestPerson, type TestSession } from './auth-harness.ts';
import { getNetworkOverview } from '../src/core/network/network-overview.ts';
import { createDemoNetwork } from '../src/core/demo/create-demo-network.ts';
import { systemActor } from '../src/core/policy/actor.ts';

const API = '/api/admin/v1';
const NOW = new Date('2026-11-30T01:00:00.000Z');
const daysAgo = (days: number) => new Date(NOW.getTime() - days * 24 * 3600 * 1000).toISOString();

describe.each(ENGINES)('network overview on %s', (engine) => {
  let t: TestApp;
  const site: Record<string, { id: number; key: string }> = {};
  let admin: TestSession;
  let adminPerson: TestPerson;
  let chief: TestSession;

  beforeAll(async () => {
    t = await createTestApp(engine, NOW);
    const db = t.core.db;
    site.portal = await buildSite(db, { key: 'bo-tttt', kind: 'ministry_portal', name: 'Cổng thông tin điện tử Bộ' });
    site.unit = await buildSite(db, { key: 'cuc-bao-chi', kind: 'unit_page', name: 'Cục Báo chí' });
    site.langson = await buildSite(db, { key: 'langson', name: 'Sở TTTT Lạng Sơn' });
    site.caobang = await buildSite(db, { key: 'caobang', name: 'Sở TTTT Cao Bằng' });
    site.bacgiang = await buildSite(db, { key: 'bacgiang', name: 'Sở TTTT Bắc Giang' });
    site.hagiang = await buildSite(db, { key: 'hagiang', name: 'Sở TTTT Hà Giang' });
    await db.updateTable('sites').set({ status: 'merged', merged_into_site_id: site.caobang.id, merged_at: daysAgo(50) }).where('id', '=', site.hagiang.id).execute();
    const at = (siteId: number, publishedAt: string, state = 'published') => buildArticle(db, siteId, { published_at: publishedAt, state });

    // Ministry portal: two publications in the window, one older, one embargoed until tomorrow.
    const p1 = await at(site.portal.id, daysAgo(1));
    await at(site.portal.id, daysAgo(10));
    const p2 = await at(site.portal.id, daysAgo(40));
    await at(site.portal.id, daysAgo(-1));
    // Unit page: last published 45 days ago.
    await at(site.unit.id, daysAgo(45));
    // Lạng Sơn: two in the window; a withdrawn item and a draft do not count.
    const l1 = await at(site.langson.id, daysAgo(2));
    const l2 = await at(site.langson.id, daysAgo(3));
    await at(site.langson.id, daysAgo(1), 'withdrawn');
    await buildArticle(db, site.langson.id, { state: 'draft', published_at: null });
    // Cao Bằng: one, 20 days ago. Bắc Giang: never. Hà Giang (merged): 100 days ago.
    const c1 = await at(site.caobang.id, daysAgo(20));
    await at(site.hagiang.id, daysAgo(100));

    const syndication = (direction: 'up' | 'down', sourceArticleId: number, from: number, to: number, createdAt: string) =>
      db
        .insertInto('syndications')
        .values({ direction, source_article_id: sourceArticleId, source_site_id: from, target_site_id: to, copy_article_id: null, status: 'proposed', created_at: createdAt, updated_at: createdAt })
        .execute();
    await syndication('up', l1.id, site.langson.id, site.portal.id, daysAgo(5));
    await syndication('up', l2.id, site.langson.id, site.portal.id, daysAgo(40));
    await syndication('up', c1.id, site.caobang.id, site.portal.id, daysAgo(2));
    await syndication('down', p1.id, site.portal.id, site.langson.id, daysAgo(1));
    await syndication('down', p1.id, site.portal.id, site.caobang.id, daysAgo(1));
    await syndication('down', p2.id, site.portal.id, site.bacgiang.id, daysAgo(35));

    await t.core.sites.reload();
    adminPerson = await createPerson(db, { role: 'network_admin' });
    admin = await signIn(t, adminPerson);
    chief = await signIn(t, await createPerson(db, { siteId: site.portal.id, role: 'chief_editor' }));
  });

  afterAll(async () => {
    await t?.dispose();
  });

  const get = async (session: TestSession | null, query = '') => {
    const res = await t.app.inject({ method: 'GET', url: `${API}/network/overview${query}`, headers: session ? session.headers : {} });
    return { status: res.statusCode, json: res.json() as any };
  };

  it('groups sites by kind with last publication and 30-day activity', async () => {
    const res = await get(admin);
    expect(res.status).toBe(200);
    const o = res.json;
    expect(o).toMatchObject({ at: NOW.toISOString(), windowDays: 30, windowStart: daysAgo(30), staleDays: 30 });
    expect(o.groups.map((g: any) => [g.kind, g.sites.map((s: any) => s.key)])).toEqual([
      ['ministry_portal', ['bo-tttt']],
      ['unit_page', ['cuc-bao-chi']],
      ['provincial_department', ['langson', 'caobang', 'bacgiang', 'hagiang']],
    ]);
    expect(o.groups[0].label).toBe('Cổng thông tin điện tử Bộ');
    const line = (key: string) => o.groups.flatMap((g: any) => g.sites).find((s: any) => s.key === key);
    expect(line('bo-tttt')).toEqual({
      id: site.portal!.id,
      key: 'bo-tttt',
      name: 'Cổng thông tin điện tử Bộ',
      kind: 'ministry_portal',
      status: 'active',
      mergedIntoSiteId: null,
      lastPublishedAt: daysAgo(1),
      published: 2,
      proposalsSent: 0,
      proposalsReceived: 2,
      syndicatedSent: 2,
      syndicatedReceived: 0,
    });
    expect(line('langson')).toMatchObject({ lastPublishedAt: daysAgo(2), published: 2, proposalsSent: 1, proposalsReceived: 0, syndicatedSent: 0, syndicatedReceived: 1 });
    expect(line('caobang')).toMatchObject({ lastPublishedAt: daysAgo(20), published: 1, proposalsSent: 1, syndicatedReceived: 1 });
    expect(line('bacgiang')).toMatchObject({ lastPublishedAt: null, published: 0, syndicatedReceived: 0 });
    expect(line('cuc-bao-chi')).toMatchObject({ lastPublishedAt: daysAgo(45), published: 0 });
    expect(line('hagiang')).toMatchObject({ status: 'merged', mergedIntoSiteId: site.caobang!.id, lastPublishedAt: daysAgo(100) });
    expect(o.totals).toEqual({ sites: 6, activeSites: 5, published: 5, up: { window: 2, allTime: 3 }, down: { window: 2, allTime: 3 } });
  });

  it('lists the active sites that have not published in N days, never-published first', async () => {
    const month = await get(admin);
    expect(month.json.staleSites).toEqual([
      { id: site.bacgiang!.id, key: 'bacgiang', name: 'Sở TTTT Bắc Giang', kind: 'provincial_department', lastPublishedAt: null, daysSinceLastPublication: null },
      { id: site.unit!.id, key: 'cuc-bao-chi', name: 'Cục Báo chí', kind: 'unit_page', lastPublishedAt: daysAgo(45), daysSinceLastPublication: 45 },
    ]);
    const week = await get(admin, '?staleDays=7');
    expect(week.json.staleDays).toBe(7);
    expect(week.json.staleSites.map((s: any) => s.key)).toEqual(['bacgiang', 'cuc-bao-chi', 'caobang']);
    const year = await get(admin, '?staleDays=365');
    expect(year.json.staleSites.map((s: any) => s.key)).toEqual(['bacgiang']);
  });

  it('time moves the window: the embargoed item counts once its time has come', async () => {
    const before = await get(admin);
    t.now = new Date(NOW.getTime() + 2 * 24 * 3600 * 1000);
    try {
      const after = await get(await signIn(t, adminPerson)); // sessions idle out over two days
      const portal = after.json.groups[0].sites[0];
      expect(portal.lastPublishedAt).toBe(daysAgo(-1));
      expect(portal.published).toBe(before.json.groups[0].sites[0].published + 1);
    } finally {
      t.now = NOW;
    }
  });

  it('only network admins see it; a bad staleDays names the field', async () => {
    expect((await get(chief)).status).toBe(404);
    expect((await get(null)).status).toBe(401);
    for (const bad of ['0', '-3', 'abc', '4000']) {
      const res = await get(admin, `?staleDays=${bad}`);
      expect(res.status, bad).toBe(400);
      expect(res.json.errors[0].field).toBe('query.staleDays');
    }
  });
});

describe.each(ENGINES)('network overview of the demo network on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine, NOW);
    await createDemoNetwork(t.core.db, NOW);
    await t.core.sites.reload();
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('covers every site in a fixed handful of queries', async () => {
    let queries = 0;
    const counter: KyselyPlugin = {
      transformQuery: (args) => {
        queries += 1;
        return args.node;
      },
      transformResult: async (args) => args.result,
    };
    const sites = Number((await t.core.db.selectFrom('sites').select((eb) => eb.fn.countAll<string | number>().as('n')).executeTakeFirstOrThrow()).n);
    expect(sites).toBeGreaterThanOrEqual(70);
    const started = performance.now();
    const overview = await getNetworkOverview({ db: t.core.db.withPlugin(counter), clock: () => NOW }, systemActor('test'));
    const ms = performance.now() - started;
    expect(overview.groups.flatMap((g) => g.sites)).toHaveLength(sites);
    expect(overview.groups.map((g) => g.kind)).toEqual(['ministry_portal', 'unit_page', 'provincial_department']);
    expect(overview.staleSites).toHaveLength(sites);
    expect(queries).toBe(6);
    console.log(`network overview on ${engine}: ${sites} sites, ${queries} queries, ${ms.toFixed(1)} ms`);
  });
});
