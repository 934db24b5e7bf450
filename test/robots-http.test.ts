/**
 * robots.txt as crawlers read it: on the network's host (every site under its prefix), on a
 * site's own hostname (its root), and under a site's prefix. Everything public is allowed,
 * the newsroom, its API and search results are not, and the sitemap index is announced with
 * an absolute URL. Both engines.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRobotsTxt } from '../src/core/sitemaps/robots-txt.ts';
import { createTestApp, type TestApp } from './app-harness.ts';
import { ENGINES } from './database-harness.ts';
import { buildSite } from './factories.ts';

const ORIGIN = 'http://127.0.0.1:3000';

/** The rules of the `User-agent: *` group and the sitemaps of a robots.txt, as RFC 9309 reads them. */
function readRobots(text: string): { allow: string[]; disallow: string[]; sitemaps: string[] } {
  const out = { allow: [] as string[], disallow: [] as string[], sitemaps: [] as string[] };
  for (const raw of text.split('\n')) {
    const line = raw.replace(/#.*$/, '').trim();
    const m = /^([A-Za-z-]+)\s*:\s*(.*)$/.exec(line);
    if (!m) continue;
    const [key, value] = [m[1]!.toLowerCase(), m[2]!];
    if (key === 'allow') out.allow.push(value);
    if (key === 'disallow') out.disallow.push(value);
    if (key === 'sitemap') out.sitemaps.push(value);
  }
  return out;
}

describe.each(ENGINES)('robots.txt on %s', (engine) => {
  let t: TestApp;
  let site: { id: number; key: string };
  let hostSite: { id: number; key: string };
  const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });

  beforeAll(async () => {
    t = await createTestApp(engine);
    site = await buildSite(t.core.db, { name: 'Trang thông tin điện tử Sở TTTT Điện Biên' });
    hostSite = await buildSite(t.core.db, { name: 'Cổng thông tin Sở TTTT Lai Châu', hostnames: ['laichau.example.vn'] });
    const merged = await buildSite(t.core.db, { key: `da-sap-nhap-${engine}` });
    await t.core.db.updateTable('sites').set({ status: 'merged' }).where('id', '=', merged.id).execute();
    await t.core.sites.reload();
  });

  afterAll(async () => {
    await t?.dispose();
  });

  it('the network host allows what is public and keeps crawlers out of the newsroom and search results', async () => {
    const res = await get('/robots.txt');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    const robots = readRobots(res.body);
    expect(res.body).toMatch(/^# robots\.txt – Mạng lưới Cổng\/Trang thông tin điện tử\nUser-agent: \*\n/);
    expect(robots.allow).toEqual(['/']);
    expect(robots.disallow).toEqual(expect.arrayContaining(['/admin', '/api/admin/', '/tim-kiem', `/${site.key}/tim-kiem`, `/${hostSite.key}/tim-kiem`]));
    expect(robots.disallow.some((d) => d.includes('da-sap-nhap'))).toBe(false);
    // Articles, feeds and print views stay crawlable (print views carry noindex themselves).
    expect(robots.disallow.some((d) => d.includes('bai-viet') || d.includes('.xml'))).toBe(false);
    expect(robots.sitemaps).toEqual([`${ORIGIN}/sitemap.xml`]);
  });

  it('a site on its own hostname has its own robots.txt at the root, announcing its own index', async () => {
    const res = await get('/robots.txt', { host: 'laichau.example.vn' });
    expect(res.statusCode).toBe(200);
    const robots = readRobots(res.body);
    expect(res.body).toContain('# robots.txt – Cổng thông tin Sở TTTT Lai Châu');
    expect(robots.disallow).toEqual(['/admin', '/api/admin/', '/tim-kiem']);
    expect(robots.sitemaps).toEqual(['http://laichau.example.vn/sitemap.xml']);
  });

  it('under a site’s prefix the paths carry the prefix', async () => {
    const robots = readRobots((await get(`/${site.key}/robots.txt`)).body);
    expect(robots.disallow).toEqual(['/admin', '/api/admin/', `/${site.key}/tim-kiem`]);
    expect(robots.sitemaps).toEqual([`${ORIGIN}/${site.key}/sitemap.xml`]);
    expect((await get('/khong-co-trang/robots.txt')).statusCode).toBe(404);
  });

  it('no site name can add a rule', () => {
    const text = buildRobotsTxt({ title: 'Tên\nDisallow: /\r\nUser-agent: x', searchPaths: [], sitemapUrls: ['https://a.example/sitemap.xml'] });
    expect(readRobots(text).disallow).toEqual(['/admin', '/api/admin/']);
    expect(text.split('\n')[0]).toBe('# Tên Disallow: / User-agent: x');
  });
});
