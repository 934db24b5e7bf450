/**
 * Issue "The network", done-when, on the demo network and both engines, through the admin API
 * and the public pages: a Lạng Sơn editor proposes an article to the ministry portal; the
 * ministry publishes it and sends it to every provincial department; it shows on each of them
 * (and once, not 63 times, in the network's own lists); a correction of the ministry's item
 * reaches every copy; the 2025 reorganisation (63 → 34) leaves no broken old link.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './app-harness.ts';
import { ENGINES } from './database-harness.ts';
import { until } from './wait-until.ts';
import { createPerson, signIn, type TestSession } from './auth-harness.ts';
import { buildArticle } from './factories.ts';
import { createDemoNetwork } from '../src/core/demo/create-demo-network.ts';
import { countFanoutJobs } from '../src/core/network/fanout.ts';
import { DEMO_DIR } from '../src/core/paths.ts';

const API = '/api/admin/v1';
/** One receiving site in GET /articles/:id/syndication. */
interface CarriedItem {
  status: string;
  copy: { publicUrl: string | null } | null;
}
const TITLE = 'Lạng Sơn đẩy mạnh chuyển đổi số trong cơ quan nhà nước';


describe.each(ENGINES)('the network, done when (%s)', (engine) => {
  let t: TestApp;
  let langsonEditor: TestSession;
  let ministryChief: TestSession;
  let networkAdmin: TestSession;
  let provincialKeys: string[];
  let ministryCopyId: number;

  const call = async (session: TestSession, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) => {
    const r = await t.app.inject({ method, url: API + url, headers: session.headers, ...(payload ? { payload } : {}) });
    return { status: r.statusCode, body: r.json() as Record<string, any> };
  };
  const page = (url: string) => t.app.inject({ method: 'GET', url });

  beforeAll(async () => {
    t = await createTestApp(engine, new Date());
    await createDemoNetwork(t.core.db, t.now);
    await t.core.sites.reload();
    const site = (key: string) => t.core.sites.getByKey(key)!.id;
    provincialKeys = t.core.sites.list().filter((s) => s.kind === 'provincial_department').map((s) => s.key);
    const editor = await createPerson(t.core.db, { displayName: 'Nguyễn Văn Bình', role: 'editor', siteId: site('langson') });
    const chief = await createPerson(t.core.db, { displayName: 'Phạm Minh Đức', role: 'chief_editor', siteId: site('bo-tttt') });
    const admin = await createPerson(t.core.db, { displayName: 'Quản trị hệ thống', role: 'network_admin' });
    langsonEditor = await signIn(t, editor);
    ministryChief = await signIn(t, chief);
    networkAdmin = await signIn(t, admin);
  });
  afterAll(async () => {
    await t?.dispose();
  });

  it('has 63 provincial department sites before the reorganisation', () => {
    expect(provincialKeys).toHaveLength(63);
  });

  it('a Lạng Sơn editor proposes an article; it lands in the ministry queue as submitted, credited to Lạng Sơn', async () => {
    const langson = t.core.sites.getByKey('langson')!;
    const created = await call(langsonEditor, 'POST', '/articles', {
      siteId: langson.id,
      title: TITLE,
      lead: 'Sở Thông tin và Truyền thông Lạng Sơn triển khai nền tảng số dùng chung cho các sở, ngành.',
      body: '<p>Năm 2022, tỉnh Lạng Sơn tiếp tục đẩy mạnh chuyển đổi số.</p>',
    });
    expect(created.status).toBe(201);
    const targets = await call(langsonEditor, 'GET', `/sites/${langson.id}/proposal-targets`);
    const ministry = t.core.sites.getByKey('bo-tttt')!;
    expect((targets.body.items as { id: number }[]).map((s) => s.id)).toContain(ministry.id);

    const proposed = await call(langsonEditor, 'POST', `/articles/${created.body.id}/proposals`, { targetSiteId: ministry.id, note: 'Kính gửi Ban biên tập Cổng TTĐT Bộ' });
    expect(proposed.status).toBe(201);
    const copy = await t.core.db.selectFrom('articles').selectAll().where('origin_article_id', '=', created.body.id as number).executeTakeFirstOrThrow();
    expect(copy.site_id).toBe(ministry.id);
    expect(copy.state).toBe('submitted');
    expect(copy.source_organisation_id).toBe(langson.organisationId);
    ministryCopyId = copy.id;
  });

  it('the ministry publishes it and sends it to every provincial department; each shows it, the network lists it once', async () => {
    const current = await call(ministryChief, 'GET', `/articles/${ministryCopyId}`);
    const approved = await call(ministryChief, 'POST', `/articles/${ministryCopyId}/approve`, { revision: current.body.revision });
    expect(approved.status).toBe(200);
    expect(approved.body.state).toBe('published');
    const sent = await call(ministryChief, 'POST', `/articles/${ministryCopyId}/syndicate`, { to: { kinds: ['provincial_department'] } });
    expect(sent.status).toBeLessThan(300);

    await until('fan-out to finish', async () => {
      const jobs = await countFanoutJobs(t.core.db);
      return jobs.pending === 0 && jobs.running === 0 && jobs.done >= 63;
    });
    const missing: string[] = [];
    for (const key of provincialKeys) {
      const home = await page(`/${key}/`);
      if (home.statusCode !== 200 || !home.body.includes(TITLE)) missing.push(key);
    }
    expect(missing).toEqual([]);

    // A copy points at the ministry's page as canonical and credits its source.
    const carried = await call(ministryChief, 'GET', `/articles/${ministryCopyId}/syndication`);
    const haGiang = (carried.body.items as CarriedItem[]).find((i) => i.copy?.publicUrl?.includes('/hagiang/'))!;
    expect(haGiang.status).toBe('shown');
    const copyPath = new URL(haGiang.copy!.publicUrl!).pathname;
    const copyPage = await page(copyPath);
    expect(copyPage.statusCode).toBe(200);
    const original = await call(ministryChief, 'GET', `/articles/${ministryCopyId}`);
    expect(copyPage.body).toMatch(new RegExp(`<link rel="canonical" href="[^"]*/bo-tttt/[^"]*"`));
    expect(String(original.body.state)).toBe('published');

    // The network root, the network feeds and network search list the item once, not 64
    // times: the provincial copies follow the ministry's original.
    const links = (html: string) => (html.match(/href="[^"]*\/bai-viet\/[^"]*"/g) ?? []).filter((h) => html.includes(TITLE) && h.includes(original.body.slug as string));
    const root = await page('/');
    expect(root.statusCode).toBe(200);
    expect(new Set(links(root.body)).size).toBe(1);
    const feed = await page('/rss.xml');
    expect(feed.statusCode).toBe(200);
    expect(feed.body.split(`<title><![CDATA[${TITLE}]]></title>`).length - 1 || feed.body.split(`<title>${TITLE}</title>`).length - 1).toBe(1);
    const search = await t.app.inject({ method: 'GET', url: `/api/content/v1/search?q=${encodeURIComponent('chuyển đổi số cơ quan nhà nước')}` });
    expect(search.statusCode).toBe(200);
    expect((search.json() as { items: { title: string }[] }).items.filter((i) => i.title === TITLE)).toHaveLength(1);
    // Within one provincial site, its copy is found like its own items.
    const local = await t.app.inject({ method: 'GET', url: `/api/content/v1/search?site=hagiang&q=${encodeURIComponent('chuyển đổi số cơ quan nhà nước')}` });
    expect((local.json() as { items: { title: string }[] }).items.filter((i) => i.title === TITLE)).toHaveLength(1);
  });

  it('a correction on the ministry item appears on every copy', async () => {
    const current = await call(ministryChief, 'GET', `/articles/${ministryCopyId}`);
    const corrected = await call(ministryChief, 'POST', `/articles/${ministryCopyId}/correct`, {
      revision: current.body.revision,
      note: 'sửa số liệu: 45 thủ tục, không phải 54',
      body: '<p>Năm 2022, tỉnh Lạng Sơn tiếp tục đẩy mạnh chuyển đổi số, với 45 thủ tục trực tuyến toàn trình.</p>',
    });
    expect(corrected.status).toBe(200);
    await until('propagation to finish', async () => {
      const jobs = await countFanoutJobs(t.core.db);
      return jobs.pending === 0 && jobs.running === 0;
    });
    const copies = await t.core.db.selectFrom('articles').select(['id', 'body']).where('origin_article_id', '=', ministryCopyId).execute();
    expect(copies).toHaveLength(63);
    expect(copies.filter((c) => !c.body.includes('45 thủ tục'))).toEqual([]);
    const notes = await t.core.db.selectFrom('article_corrections').select(['article_id', 'note']).where('article_id', 'in', copies.map((c) => c.id)).execute();
    expect(new Set(notes.map((n) => n.article_id)).size).toBe(63);
    expect(notes.every((n) => n.note.includes('45 thủ tục'))).toBe(true);
  });

  it('an item a province proposed and publishes itself is not sent back to it as a copy', async () => {
    const caobang = t.core.sites.getByKey('caobang')!;
    const ministry = t.core.sites.getByKey('bo-tttt')!;
    const editor = await createPerson(t.core.db, { displayName: 'Nông Văn Tuấn', role: 'editor', siteId: caobang.id });
    const session = await signIn(t, editor);
    const own = await buildArticle(t.core.db, caobang.id, { title: 'Cao Bằng số hoá hồ sơ công chứng', state: 'published', published_at: new Date(t.now.getTime() - 3_600_000).toISOString() });
    const proposed = await call(session, 'POST', `/articles/${own.id}/proposals`, { targetSiteId: ministry.id });
    expect(proposed.status).toBe(201);
    const copy = await t.core.db.selectFrom('articles').select(['id', 'revision']).where('origin_article_id', '=', own.id).executeTakeFirstOrThrow();
    expect((await call(ministryChief, 'POST', `/articles/${copy.id}/approve`, { revision: copy.revision })).status).toBe(200);

    // Named: refused, naming the field; nothing sent.
    const named = await call(ministryChief, 'POST', `/articles/${copy.id}/syndicate`, { to: { siteIds: [caobang.id] } });
    expect(named.status).toBe(400);
    expect(named.body.errors[0]).toMatchObject({ field: 'to' });
    expect(named.body.errors[0].message).toContain('đã đăng bài gốc');
    // By kind: every other department gets it, Cao Bằng does not.
    const sent = await call(ministryChief, 'POST', `/articles/${copy.id}/syndicate`, { to: { kinds: ['provincial_department'] } });
    expect(sent.status).toBeLessThan(300);
    const targets = await t.core.db.selectFrom('syndications').select('target_site_id').where('source_article_id', '=', copy.id).where('direction', '=', 'down').execute();
    expect(targets).toHaveLength(62);
    expect(targets.map((r) => r.target_site_id)).not.toContain(caobang.id);
    await until('fan-out to finish', async () => {
      const jobs = await countFanoutJobs(t.core.db);
      return jobs.pending === 0 && jobs.running === 0;
    });
    const home = await page('/caobang/');
    expect(home.body.split('Cao Bằng số hoá hồ sơ công chứng').length - 1).toBeGreaterThan(0);
    const copiesOnCaoBang = await t.core.db.selectFrom('articles').select('id').where('site_id', '=', caobang.id).where('origin_article_id', '=', copy.id).execute();
    expect(copiesOnCaoBang).toEqual([]);
  });

  it('replaying the 2025 reorganisation leaves 34 department sites and no broken old link', async () => {
    // Old URLs before: the home, the syndicated copy and the feed of every provincial site.
    const before: string[] = [];
    const copies = await t.core.db
      .selectFrom('articles')
      .innerJoin('sites', 'sites.id', 'articles.site_id')
      .select(['sites.key', 'articles.id'])
      .where('origin_article_id', '=', ministryCopyId)
      .execute();
    for (const key of provincialKeys) before.push(`/${key}/`, `/${key}/rss.xml`);
    const carried = await call(ministryChief, 'GET', `/articles/${ministryCopyId}/syndication`);
    for (const item of carried.body.items as CarriedItem[]) {
      if (item.copy?.publicUrl) before.push(new URL(item.copy.publicUrl).pathname);
    }
    expect(copies).toHaveLength(63);
    for (const url of before) expect([200], url).toContain((await page(url)).statusCode);

    const mapping = JSON.parse(fs.readFileSync(path.join(DEMO_DIR, 'provinces-2025.json'), 'utf8'));
    const plan = await call(networkAdmin, 'POST', '/network/reorganise', { mapping, dryRun: true });
    expect(plan.status).toBe(200);
    const done = await call(networkAdmin, 'POST', '/network/reorganise', { mapping });
    expect(done.status).toBe(200);
    await t.core.sites.reload();
    const active = t.core.sites.list().filter((s) => s.kind === 'provincial_department' && s.status === 'active');
    expect(active).toHaveLength(34);

    const broken: string[] = [];
    for (const url of before) {
      const first = await page(url);
      if (first.statusCode === 200) continue;
      if (first.statusCode !== 301) {
        broken.push(`${url} → ${first.statusCode}`);
        continue;
      }
      const next = new URL(String(first.headers.location), 'http://127.0.0.1:3000');
      const second = await page(next.pathname + next.search);
      if (second.statusCode !== 200) broken.push(`${url} → ${next.pathname} → ${second.statusCode}`);
    }
    expect(broken).toEqual([]);
  });
});
