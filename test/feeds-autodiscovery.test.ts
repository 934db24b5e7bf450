/**
 * Feed autodiscovery: every site page announces its site's feeds (RSS, Atom, JSON Feed) in
 * `<head>` with Vietnamese titles, category and tag pages announce their own first, the
 * network root announces the network's, and every announced feed opens. The site footer
 * links the site's RSS feed for people. Both engines.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './app-harness.ts';
import { ENGINES } from './database-harness.ts';
import { buildArticle, buildCategory, buildSite, buildTag } from './factories.ts';
import { parseHtml, textOf } from './public-helpers.ts';

interface Announced {
  type: string;
  title: string;
  href: string;
}

const TYPES = ['application/rss+xml', 'application/atom+xml', 'application/feed+json'];

describe.each(ENGINES)('feed autodiscovery on %s', (engine) => {
  let t: TestApp;
  let site: { id: number; key: string };
  const siteName = 'Trang thông tin điện tử Sở TTTT Bắc Kạn';
  const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });

  async function announced(url: string, headers: Record<string, string> = {}): Promise<Announced[]> {
    const res = await get(url, headers);
    expect(res.statusCode, url).toBe(200);
    const doc = parseHtml(res.body);
    // Only in the head, where autodiscovery looks.
    expect(doc.body.querySelectorAll('link[rel="alternate"]').length).toBe(0);
    return [...doc.head.querySelectorAll('link[rel="alternate"]')].map((l) => ({ type: l.getAttribute('type')!, title: l.getAttribute('title')!, href: l.getAttribute('href')! }));
  }

  const three = (path: string, subject: string): Announced[] => [
    { type: TYPES[0]!, title: `${subject} (RSS)`, href: `${path}/rss.xml` },
    { type: TYPES[1]!, title: `${subject} (Atom)`, href: `${path}/atom.xml` },
    { type: TYPES[2]!, title: `${subject} (JSON Feed)`, href: `${path}/feed.json` },
  ];

  beforeAll(async () => {
    t = await createTestApp(engine);
    site = await buildSite(t.core.db, { name: siteName, hostnames: ['backan.example.vn'] });
    const cat = await buildCategory(t.core.db, site.id, { name: 'Chuyển đổi số', slug: 'chuyen-doi-so' });
    const tag = await buildTag(t.core.db, site.id, { name: 'Dịch vụ công', slug: 'dich-vu-cong' });
    await buildArticle(t.core.db, site.id, { title: 'Bắc Kạn đưa dịch vụ công lên mạng', slug: 'dich-vu-cong-truc-tuyen', categoryIds: [cat.id], tagIds: [tag.id] });
    await t.core.sites.reload();
  });

  afterAll(async () => {
    await t?.dispose();
  });

  it('the network root announces the network’s feeds', async () => {
    expect(await announced('/')).toEqual(three('', 'Tin mới toàn mạng lưới'));
  });

  it('the site home and article pages announce the site’s feeds', async () => {
    const siteFeeds = three(`/${site.key}`, `Tin mới – ${siteName}`);
    expect(await announced(`/${site.key}/`)).toEqual(siteFeeds);
    expect(await announced(`/${site.key}/bai-viet/dich-vu-cong-truc-tuyen`)).toEqual(siteFeeds);
  });

  it('category and tag pages announce their own feeds first, then the site’s', async () => {
    const siteFeeds = three(`/${site.key}`, `Tin mới – ${siteName}`);
    expect(await announced(`/${site.key}/chuyen-muc/chuyen-doi-so`)).toEqual([
      ...three(`/${site.key}/chuyen-muc/chuyen-doi-so`, `Chuyên mục Chuyển đổi số – ${siteName}`),
      ...siteFeeds,
    ]);
    expect(await announced(`/${site.key}/the/dich-vu-cong`)).toEqual([...three(`/${site.key}/the/dich-vu-cong`, `Thẻ “Dịch vụ công” – ${siteName}`), ...siteFeeds]);
  });

  it('on the site’s own hostname the links have no key prefix, and every announced feed opens', async () => {
    const host = { host: 'backan.example.vn' };
    const links = await announced('/chuyen-muc/chuyen-doi-so', host);
    expect(links.map((l) => l.href)).toEqual(['/chuyen-muc/chuyen-doi-so/rss.xml', '/chuyen-muc/chuyen-doi-so/atom.xml', '/chuyen-muc/chuyen-doi-so/feed.json', '/rss.xml', '/atom.xml', '/feed.json']);
    for (const link of links) {
      const res = await get(link.href, host);
      expect(res.statusCode, link.href).toBe(200);
      expect(res.headers['content-type'], link.href).toBe(`${link.type}; charset=utf-8`);
    }
    for (const link of [...(await announced('/')), ...(await announced(`/${site.key}/the/dich-vu-cong`))]) {
      expect((await get(link.href)).statusCode, link.href).toBe(200);
    }
  });

  it('the site footer links the RSS feed for readers', async () => {
    const doc = parseHtml((await get(`/${site.key}/`)).body);
    const link = [...doc.querySelectorAll('footer a')].find((a) => textOf(a) === 'Nhận tin qua RSS');
    expect(link?.getAttribute('href')).toBe(`/${site.key}/rss.xml`);
  });
});
