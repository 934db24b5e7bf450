/**
 * Site merge (issue "The network", item 5), on SQLite and PostgreSQL: every old URL of the
 * merged site — pages, print views, feeds, sitemaps, search, by path and by its hostname —
 * answers one 301 to a page that answers as the old one did; content, categories, tags, media
 * and people move; chains of merges resolve in one hop; refusals, an injected failure and a dry
 * run change nothing; the admin API and the `cong site merge` command do the same.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './app-harness.ts';
import { createApiToken, createPerson, signIn } from './auth-harness.ts';
import { createTestDatabase, ENGINES, type TestDatabase } from './database-harness.ts';
import { buildArticle, buildCategory, buildSite, buildTag } from './factories.ts';
import { buildMember } from './newsroom-factories.ts';
import { runCong } from './cli-process.ts';
import { startServerProcess } from './server-process.ts';
import { databaseFingerprint, fetchUrl, followOnce, type CrawlUrl } from './site-lifecycle-helpers.ts';
import { MERGE_STEPS, mergeSite, type MergeReport } from '../src/core/sites/merge-sites.ts';
import { systemActor } from '../src/core/policy/actor.ts';
import { upsertRedirect } from '../src/core/redirects/redirect.repository.ts';
import { ValidationError } from '../src/core/errors.ts';
import type { Kysely } from 'kysely';
import type { Database } from '../src/core/db/database.ts';

const SYSTEM = systemActor('test');

/** A media row with a file on disk (the bytes are what the media route serves). */
async function buildMediaFile(t: { core: { db: Kysely<Database>; mediaDir: string } }, siteId: number, key: string, sha: string): Promise<number> {
  const file = path.join(t.core.mediaDir, key);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, Buffer.from(`ảnh ${key}`));
  const row = await t.core.db
    .insertInto('media')
    .values({ site_id: siteId, original_name: 'anh.jpg', mime_type: 'image/jpeg', width: 800, height: 600, bytes: 10, sha256: sha, storage_key: key, alt: 'Ảnh hội nghị', created_at: '2022-09-27T00:00:00.000Z' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

interface Fixture {
  x: { id: number; key: string };
  y: { id: number; key: string };
  ministry: { id: number; key: string };
  clash: { id: number; slug: string; title: string };
  yClash: { id: number; slug: string; title: string };
  yOnly: { id: number; slug: string };
  keptCopy: { id: number; slug: string };
  yCopy: { id: number; slug: string };
  mediaKeys: string[];
  editorUserId: number;
  bothUserId: number;
}

/**
 * Two provincial department sites as before a merge: X ("Hà Giang") with categories matched in
 * Y by name, by folded name and not at all; tags shared and own; 22 articles in one category
 * (two pages); a withdrawn article and a draft; a slug Y uses too; media (one file Y holds as
 * well); people, an API token, an old redirect; copies of ministry articles (one that Y also
 * received).
 */
async function buildFixture(t: TestApp, keys: { x: string; y: string; m: string }): Promise<Fixture> {
  const db = t.core.db;
  const x = await buildSite(db, { key: keys.x, name: 'Trang thông tin điện tử Sở TTTT Hà Giang', hostnames: [`${keys.x}.localhost`] });
  const y = await buildSite(db, { key: keys.y, name: 'Trang thông tin điện tử Sở TTTT Tuyên Quang', hostnames: [`${keys.y}.localhost`] });
  const ministry = await buildSite(db, { key: keys.m, name: 'Cổng Thông tin điện tử Bộ', kind: 'ministry_portal' });
  const xNews = await buildCategory(db, x.id, { name: 'Tin hoạt động', slug: 'tin-hoat-dong', position: 1 });
  const xDigital = await buildCategory(db, x.id, { name: 'Chuyển đổi số', slug: 'chuyen-doi-so', position: 2 });
  const xPress = await buildCategory(db, x.id, { name: 'Thông tin - Báo chí', slug: 'thong-tin-bao-chi', position: 3 });
  const xPublishing = await buildCategory(db, x.id, { name: 'Xuất bản', slug: 'xuat-ban', parentId: xPress.id, position: 4 });
  const yNews = await buildCategory(db, y.id, { name: 'Tin hoạt động', slug: 'tin-hoat-dong', position: 1 });
  await buildCategory(db, y.id, { name: 'CHUYỂN ĐỔI SỐ', slug: 'cds', position: 2 });
  await buildCategory(db, y.id, { name: 'Điểm báo', slug: 'diem-bao', position: 3 });
  const xTagShared = await buildTag(db, x.id, { name: 'Chuyển đổi số', slug: 'chuyen-doi-so' });
  const yTagShared = await buildTag(db, y.id, { name: 'chuyển đổi số', slug: 'chuyen-doi-so' });
  const xTagOwn = await buildTag(db, x.id, { name: 'Hội nghị', slug: 'hoi-nghi' });
  const keyA = `${keys.x}/2022/09/aaaaaaaaaaaaaaaa/hoi-nghi.jpg`;
  const keyB = `${keys.x}/2022/09/bbbbbbbbbbbbbbbb/chung.jpg`;
  const keyYB = `${keys.y}/2022/09/bbbbbbbbbbbbbbbb/chung.jpg`;
  const mediaA = await buildMediaFile(t, x.id, keyA, 'a'.repeat(64));
  const mediaB = await buildMediaFile(t, x.id, keyB, 'b'.repeat(64));
  await buildMediaFile(t, y.id, keyYB, 'b'.repeat(64));
  const editor = await buildMember(db, [{ siteId: x.id, role: 'editor' }]);
  const both = await buildMember(db, [
    { siteId: x.id, role: 'editor' },
    { siteId: y.id, role: 'editor' },
  ]);
  const clash = await buildArticle(db, x.id, {
    title: 'Hội nghị tổng kết công tác thông tin và truyền thông năm 2022 tại Hà Giang',
    slug: 'hoi-nghi-tong-ket',
    categoryIds: [xNews.id, xDigital.id],
    tagIds: [xTagShared.id, xTagOwn.id],
    cover_media_id: mediaA,
    author_user_id: editor.userId,
    published_at: '2022-09-30T02:00:00.000Z',
  });
  const yClash = await buildArticle(db, y.id, { title: 'Hội nghị tổng kết của Sở TTTT Tuyên Quang', slug: 'hoi-nghi-tong-ket', categoryIds: [yNews.id], tagIds: [yTagShared.id] });
  const yOnly = await buildArticle(db, y.id, { title: 'Tuyên Quang triển khai nền tảng số', slug: 'tuyen-quang-trien-khai-nen-tang-so' });
  for (let i = 1; i <= 22; i++) {
    await buildArticle(db, x.id, {
      title: `Thông cáo báo chí số ${i} của Sở TTTT Hà Giang`,
      slug: `thong-cao-bao-chi-so-${i}`,
      categoryIds: [i % 7 === 0 ? xPublishing.id : xPress.id],
      tagIds: i % 3 === 0 ? [xTagOwn.id] : [],
      cover_media_id: i === 1 ? mediaB : null,
      published_at: `2022-09-${String(i).padStart(2, '0')}T02:00:00.000Z`,
    });
  }
  await buildArticle(db, x.id, {
    title: 'Thông báo tuyển dụng đã gỡ',
    slug: 'thong-bao-tuyen-dung',
    state: 'withdrawn',
    categoryIds: [xNews.id],
    withdrawn_at: '2022-09-28T02:30:00.000Z',
    withdrawal_reason: 'Thông tin tuyển dụng có sai sót; Sở sẽ đăng thông báo mới.',
  });
  await buildArticle(db, x.id, { title: 'Bản nháp chưa đăng', slug: 'ban-nhap', state: 'draft', published_at: null, author_user_id: editor.userId });
  await createApiToken(db, { siteId: x.id, role: 'contributor' });
  await upsertRedirect(db, { siteId: x.id, fromPath: '/tin-tuc/hoi-nghi.html', toUrl: `/${keys.x}/bai-viet/hoi-nghi-tong-ket` }, t.now);
  // Ministry articles sent down: one to X only, one to X and to Y (a duplicate once merged).
  const orig1 = await buildArticle(db, ministry.id, { title: 'Bộ phát động tháng chuyển đổi số', slug: 'bo-phat-dong-thang-chuyen-doi-so' });
  const orig2 = await buildArticle(db, ministry.id, { title: 'Thông tư mới về hoạt động báo chí', slug: 'thong-tu-moi-ve-bao-chi' });
  const copy1 = await buildArticle(db, x.id, { title: 'Bộ phát động tháng chuyển đổi số', slug: 'bo-phat-dong-thang-chuyen-doi-so', origin_article_id: orig1.id, follows_origin: 1 });
  const keptCopy = await buildArticle(db, x.id, { title: 'Thông tư mới về hoạt động báo chí', slug: 'thong-tu-moi-ve-bao-chi-hg', origin_article_id: orig2.id, follows_origin: 1 });
  const yCopy = await buildArticle(db, y.id, { title: 'Thông tư mới về hoạt động báo chí', slug: 'thong-tu-moi-ve-bao-chi', origin_article_id: orig2.id, follows_origin: 1 });
  const at = t.now.toISOString();
  const link = { direction: 'down', source_site_id: ministry.id, status: 'shown', created_at: at, updated_at: at };
  await db
    .insertInto('syndications')
    .values([
      { ...link, source_article_id: orig1.id, target_site_id: x.id, copy_article_id: copy1.id },
      { ...link, source_article_id: orig2.id, target_site_id: x.id, copy_article_id: keptCopy.id },
      { ...link, source_article_id: orig2.id, target_site_id: y.id, copy_article_id: yCopy.id },
    ])
    .execute();
  await t.core.sites.reload();
  return { x, y, ministry, clash, yClash, yOnly, keptCopy, yCopy, mediaKeys: [keyA, keyB], editorUserId: editor.userId, bothUserId: both.userId };
}

/** Links of the site `key` found in a page, feed or sitemap, as root-relative paths. */
function linksOf(body: string, key: string, publicUrl: string): string[] {
  const out = new Set<string>();
  const re = /(?:href|src)="([^"]+)"|<loc>([^<]+)<\/loc>|"(?:url|home_page_url|feed_url)":\s*"([^"]+)"/g;
  for (const m of body.matchAll(re)) {
    let link = (m[1] ?? m[2] ?? m[3] ?? '').replace(/&amp;/g, '&');
    if (link.startsWith(publicUrl)) link = link.slice(publicUrl.length);
    if (link.startsWith(`/${key}/`) || link === `/${key}`) out.add(link.split('#')[0]!);
  }
  return [...out];
}

/** The heading of a page (an article's title), or null. */
function h1Of(body: string): string | null {
  const m = /<h1[^>]*>([\s\S]*?)<\/h1>/.exec(body);
  return m ? m[1]!.replace(/<[^>]+>/g, '').trim() : null;
}

describe.each(ENGINES)('site merge on %s', (engine) => {
  let t: TestApp;
  let f: Fixture;
  let publicUrl: string;
  let report: MergeReport;
  /** Every old URL of X with what it answered before the merge. */
  const before = new Map<string, { url: CrawlUrl; status: number; h1: string | null; type: string }>();

  beforeAll(async () => {
    t = await createTestApp(engine);
    publicUrl = t.core.config.publicUrl;
    f = await buildFixture(t, { x: 'hagiang', y: 'tuyenquang', m: 'bo-tttt' });
  });
  afterAll(async () => t.dispose());

  it('crawls every URL of the site before the merge', async () => {
    const k = f.x.key;
    const seeds = [
      `/${k}/`,
      `/${k}/rss.xml`,
      `/${k}/atom.xml`,
      `/${k}/feed.json`,
      `/${k}/sitemap.xml`,
      `/${k}/robots.txt`,
      `/${k}/tim-kiem?q=${encodeURIComponent('thông cáo báo chí')}`,
      `/${k}/chuyen-muc/thong-tin-bao-chi?trang=2`,
      `/${k}/bai-viet/thong-bao-tuyen-dung`,
    ];
    const queue = [...seeds];
    const seen = new Set<string>(queue);
    while (queue.length && seen.size < 600) {
      const p = queue.shift()!;
      const res = await t.app.inject({ url: p });
      const type = String(res.headers['content-type'] ?? '');
      before.set(p, { url: { path: p }, status: res.statusCode, h1: p.includes('/bai-viet/') && !p.endsWith('/in') ? h1Of(res.body) : null, type });
      if (res.statusCode !== 200) continue;
      for (const link of linksOf(res.body, k, publicUrl)) {
        if (!seen.has(link)) {
          seen.add(link);
          queue.push(link);
        }
      }
    }
    const paths = [...before.keys()];
    // The crawl reached every kind of URL the site has.
    for (const shape of ['/chuyen-muc/xuat-ban', '/the/hoi-nghi', '/bai-viet/hoi-nghi-tong-ket/in', '/chuyen-muc/thong-tin-bao-chi/atom.xml', '/the/chuyen-doi-so/feed.json', '/sitemap-bai-viet-1.xml', '/sitemap-news.xml', '/sitemap-danh-muc.xml', '?trang=2']) {
      expect(paths.some((p) => p.includes(shape)), shape).toBe(true);
    }
    for (const [p, b] of before) expect([200, 410], p).toContain(b.status);
    expect(before.get(`/${k}/bai-viet/thong-bao-tuyen-dung`)!.status).toBe(410);
    expect(paths.length).toBeGreaterThan(80);
    // The same URLs by the site's own hostname.
    for (const [p, b] of [...before]) {
      const hostPath = p.slice(k.length + 1) || '/';
      before.set(`host:${p}`, { ...b, url: { path: hostPath, host: `${k}.localhost` } });
    }
    const viaHost = await fetchUrl(t.app, { path: '/bai-viet/hoi-nghi-tong-ket', host: `${k}.localhost` });
    expect(viaHost.status).toBe(200);
  });

  it('merges, keeping ids, authors and dates, and reports what moved', async () => {
    const articlesBefore = await t.core.db.selectFrom('articles').select(['id', 'author_user_id', 'published_at', 'state', 'title']).where('site_id', '=', f.x.id).orderBy('id').execute();
    report = await mergeSite(t.core, SYSTEM, { from: f.x.key, into: f.y.key });
    expect(report.dryRun).toBe(false);
    expect(report.articles).toMatchObject({ moved: 26, published: 24, withdrawn: 1, duplicateCopiesKept: 1, importKeysChanged: 0 });
    expect(report.articles.slugChanges).toEqual([{ id: f.clash.id, from: 'hoi-nghi-tong-ket', to: 'hoi-nghi-tong-ket-hagiang' }]);
    expect(report.categories.placements.map((p) => [p.fromSlug, p.intoSlug, p.how])).toEqual([
      ['tin-hoat-dong', 'tin-hoat-dong', 'name'],
      ['chuyen-doi-so', 'cds', 'folded_name'],
      ['thong-tin-bao-chi', 'thong-tin-bao-chi', 'created'],
      ['xuat-ban', 'xuat-ban', 'created'],
    ]);
    expect(report.categories).toMatchObject({ mapped: 2, created: 2 });
    expect(report.tags).toEqual({ moved: 1, merged: 1 });
    expect(report.media).toEqual({ moved: 1, duplicatesKept: 1 });
    expect(report.memberships).toEqual({ moved: 1, alreadyOnTarget: 1 });
    expect(report.apiTokens).toEqual({ revoked: 1 });
    expect(report.syndications).toEqual({ moved: 1, removed: 1, copiesDetached: 0 });
    expect(report.redirects.repointed).toBe(1);
    expect(report.redirects.written).toBeGreaterThan(60);

    const db = t.core.db;
    const moved = await db.selectFrom('articles').select(['id', 'author_user_id', 'published_at', 'state', 'title', 'site_id']).where('id', 'in', articlesBefore.map((a) => a.id)).orderBy('id').execute();
    for (const a of moved) {
      const was = articlesBefore.find((b) => b.id === a.id)!;
      expect({ ...a, site_id: undefined }).toEqual({ ...was, site_id: undefined });
      expect(a.site_id).toBe(a.id === f.keptCopy.id ? f.x.id : f.y.id);
    }
    const site = await db.selectFrom('sites').selectAll().where('id', '=', f.x.id).executeTakeFirstOrThrow();
    expect(site).toMatchObject({ status: 'merged', merged_into_site_id: f.y.id, merged_at: t.now.toISOString() });
    // The article whose cover was a file Y also had now shows Y's copy of it.
    const yMediaB = await db.selectFrom('media').select('id').where('site_id', '=', f.y.id).where('sha256', '=', 'b'.repeat(64)).executeTakeFirstOrThrow();
    const withB = await db.selectFrom('articles').select('cover_media_id').where('slug', '=', 'thong-cao-bao-chi-so-1').where('site_id', '=', f.y.id).executeTakeFirstOrThrow();
    expect(withB.cover_media_id).toBe(yMediaB.id);
    // People: the editor of X is an editor of Y; the one on both sites holds the role once.
    const roles = await db.selectFrom('memberships').select(['user_id', 'site_id', 'role']).where('user_id', 'in', [f.editorUserId, f.bothUserId]).execute();
    expect(roles.filter((r) => r.site_id === f.x.id)).toEqual([]);
    expect(roles.filter((r) => r.user_id === f.bothUserId)).toEqual([{ user_id: f.bothUserId, site_id: f.y.id, role: 'editor' }]);
    expect(roles.filter((r) => r.user_id === f.editorUserId)).toEqual([{ user_id: f.editorUserId, site_id: f.y.id, role: 'editor' }]);
    const tokens = await db.selectFrom('api_tokens').select('revoked_at').where('site_id', '=', f.x.id).execute();
    expect(tokens.every((tk) => tk.revoked_at === t.now.toISOString())).toBe(true);
    // One audit entry carries the report.
    const audit = await db.selectFrom('audit_log').selectAll().where('action', '=', 'site.merge').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ site_id: f.x.id, subject_type: 'site', subject_id: f.x.id, actor_type: 'system' });
    expect(JSON.parse(audit[0]!.details)).toMatchObject({ from: { key: 'hagiang' }, into: { key: 'tuyenquang' }, articles: { moved: 26 } });
    // This process's site directory knows at once.
    expect(t.core.sites.getByKey(f.x.key)!.status).toBe('merged');
  });

  it('answers every old URL, by path and by hostname, with one 301 to a page answering as before', async () => {
    let checked = 0;
    for (const [name, b] of before) {
      const { first, target, second } = await followOnce(t.app, b.url, publicUrl);
      expect(first.status, `${name} → ${first.location}`).toBe(301);
      expect(second!.status, `${name} → ${first.location}`).toBe(b.status);
      expect(String(second!.status)).not.toMatch(/^3/);
      if (b.h1) expect(h1Of(second!.body), `${name} → ${first.location}`).toBe(b.h1);
      // By path it stays on the default host; by hostname it goes to Y's own hostname.
      if (b.url.host) expect(target!.host, name).toBe(`${f.y.key}.localhost`);
      else expect(target!.path.startsWith(`/${f.y.key}/`), name).toBe(true);
      checked += 1;
    }
    expect(checked).toBeGreaterThan(160);
  });

  it('sends each old URL to its exact new home', async () => {
    const k = f.x.key;
    const y = f.y.key;
    const expectations: Array<[string, string]> = [
      [`/${k}/`, `/${y}/`],
      [`/${k}`, `/${y}/`],
      [`/${k}/bai-viet/hoi-nghi-tong-ket`, `/${y}/bai-viet/hoi-nghi-tong-ket-hagiang`],
      [`/${k}/bai-viet/hoi-nghi-tong-ket/in`, `/${y}/bai-viet/hoi-nghi-tong-ket-hagiang/in`],
      [`/${k}/chuyen-muc/chuyen-doi-so`, `/${y}/chuyen-muc/cds`],
      [`/${k}/chuyen-muc/chuyen-doi-so/rss.xml`, `/${y}/chuyen-muc/cds/rss.xml`],
      [`/${k}/chuyen-muc/thong-tin-bao-chi?trang=2`, `/${y}/chuyen-muc/thong-tin-bao-chi?trang=2`],
      [`/${k}/the/hoi-nghi/atom.xml`, `/${y}/the/hoi-nghi/atom.xml`],
      [`/${k}/feed.json`, `/${y}/feed.json`],
      [`/${k}/sitemap-bai-viet-1.xml`, `/${y}/sitemap.xml`],
      [`/${k}/tim-kiem?q=h%E1%BB%99i+ngh%E1%BB%8B`, `/${y}/tim-kiem?q=h%E1%BB%99i+ngh%E1%BB%8B`],
      // A copy Y also had: to Y's copy. An old redirect of X: straight to the article's new URL.
      [`/${k}/bai-viet/${f.keptCopy.slug}`, `/${y}/bai-viet/${f.yCopy.slug}`],
      [`/${k}/tin-tuc/hoi-nghi.html`, `/${y}/bai-viet/hoi-nghi-tong-ket-hagiang`],
      // Anything else: the same path on Y when it answers there, else Y's home.
      [`/${k}/bai-viet/${f.yOnly.slug}`, `/${y}/bai-viet/${f.yOnly.slug}`],
      [`/${k}/khong-co-trang-nay/o-dau`, `/${y}/`],
      [`/${k}/bai-viet/ban-nhap`, `/${y}/bai-viet/ban-nhap`],
    ];
    for (const [from, to] of expectations) {
      const res = await fetchUrl(t.app, { path: from });
      expect(res.status, from).toBe(301);
      expect(res.location, from).toBe(to);
    }
    expect((await fetchUrl(t.app, { path: `/${y}/bai-viet/ban-nhap` })).status).toBe(404);
    // Y's own article keeps its slug.
    const own = await fetchUrl(t.app, { path: `/${y}/bai-viet/hoi-nghi-tong-ket` });
    expect(h1Of(own.body)).toBe(f.yClash.title);
    // By X's hostname: to Y's hostname, the request's port kept.
    const byHost = await fetchUrl(t.app, { path: '/bai-viet/hoi-nghi-tong-ket', host: `${k}.localhost:8080` });
    expect(byHost.location).toBe(`http://${y}.localhost:8080/bai-viet/hoi-nghi-tong-ket-hagiang`);
  });

  it('keeps media files where they were, on every host', async () => {
    for (const key of f.mediaKeys) {
      expect((await fetchUrl(t.app, { path: `/media/${key}` })).status).toBe(200);
      expect((await fetchUrl(t.app, { path: `/media/${key}`, host: `${f.x.key}.localhost` })).status).toBe(200);
      expect((await fetchUrl(t.app, { path: `/media/${key}`, host: `${f.y.key}.localhost` })).status).toBe(200);
    }
  });

  it('leaves the merged site out of the network root, site lists and network feeds', async () => {
    const root = await fetchUrl(t.app, { path: '/' });
    expect(root.status).toBe(200);
    expect(root.body).not.toContain(`href="/${f.x.key}/"`);
    expect(root.body).toContain(`href="/${f.y.key}/"`);
    const sites = (await t.app.inject({ url: '/api/content/v1/sites' })).json() as { items: Array<{ key: string }> };
    expect(sites.items.map((s) => s.key)).not.toContain(f.x.key);
    expect(sites.items.map((s) => s.key)).toContain(f.y.key);
    expect((await t.app.inject({ url: `/api/content/v1/sites/${f.x.key}` })).statusCode).toBe(404);
    const feed = await fetchUrl(t.app, { path: '/rss.xml' });
    // (Media URLs keep their storage keys, which begin with the old key: /media/hagiang/….)
    expect(feed.body).not.toContain(`${publicUrl}/${f.x.key}/`);
    expect(feed.body).toContain(`/${f.y.key}/bai-viet/hoi-nghi-tong-ket-hagiang`);
  });

  it('follows a chain of merges on the server: X into Y, then Y into Z, answers one 301 to Z', async () => {
    const z = await buildSite(t.core.db, { key: 'thainguyen', name: 'Trang thông tin điện tử Sở TTTT Thái Nguyên' });
    await t.core.sites.reload();
    await mergeSite(t.core, SYSTEM, { from: f.y.key, into: z.key });
    for (const [from, to] of [
      [`/${f.x.key}/bai-viet/hoi-nghi-tong-ket`, `/${z.key}/bai-viet/hoi-nghi-tong-ket-hagiang`],
      [`/${f.x.key}/tin-tuc/hoi-nghi.html`, `/${z.key}/bai-viet/hoi-nghi-tong-ket-hagiang`],
      [`/${f.x.key}/chuyen-muc/chuyen-doi-so`, `/${z.key}/chuyen-muc/cds`],
      [`/${f.y.key}/bai-viet/hoi-nghi-tong-ket`, `/${z.key}/bai-viet/hoi-nghi-tong-ket`],
    ]) {
      const { first, second } = await followOnce(t.app, { path: from! }, publicUrl);
      expect(first.status, from).toBe(301);
      expect(first.location, from).toBe(to);
      expect(second!.status, from).toBe(200);
    }
    // By X's hostname: Z has no hostname of its own, so the default host's absolute URL.
    const byHost = await followOnce(t.app, { path: '/bai-viet/hoi-nghi-tong-ket', host: `${f.x.key}.localhost` }, publicUrl);
    expect(byHost.first.location).toBe(`${publicUrl}/${z.key}/bai-viet/hoi-nghi-tong-ket-hagiang`);
    expect(byHost.second!.status).toBe(200);
    expect(h1Of(byHost.second!.body)).toBe(f.clash.title);
  });
});

describe.each(ENGINES)('site merge refusals, rollback and dry run on %s', (engine) => {
  let t: TestApp;
  let f: Fixture;

  beforeAll(async () => {
    t = await createTestApp(engine);
    f = await buildFixture(t, { x: 'bacgiang', y: 'bacninh', m: 'bo' });
  });
  afterAll(async () => t.dispose());

  const refusal = async (input: Record<string, unknown>): Promise<ValidationError> => {
    const error = await mergeSite(t.core, SYSTEM, input).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ValidationError);
    return error as ValidationError;
  };

  it('a dry run reports the plan and changes nothing', async () => {
    const fingerprint = await databaseFingerprint(t.core.db);
    const plan = await mergeSite(t.core, SYSTEM, { from: f.x.key, into: f.y.key, dryRun: true });
    expect(plan.dryRun).toBe(true);
    expect(plan.articles.moved).toBe(26);
    expect(await databaseFingerprint(t.core.db)).toEqual(fingerprint);
    expect((await fetchUrl(t.app, { path: `/${f.x.key}/` })).status).toBe(200);
  });

  it('an injected failure after any step rolls the whole merge back', async () => {
    const fingerprint = await databaseFingerprint(t.core.db);
    for (const step of MERGE_STEPS) {
      const failing = {
        ...t.core,
        failAfter: (s: string) => {
          if (s === step) throw new Error(`panne simulée après ${s}`);
        },
      };
      await expect(mergeSite(failing, SYSTEM, { from: f.x.key, into: f.y.key })).rejects.toThrow(`panne simulée après ${step}`);
      expect(await databaseFingerprint(t.core.db), step).toEqual(fingerprint);
    }
    expect(t.core.sites.getByKey(f.x.key)!.status).toBe('active');
  });

  it('refuses unknown keys, a site into itself and a conflicting category slug, changing nothing', async () => {
    // "Xuất bản" (xuat-ban) would move into Y, where that slug names another category.
    await buildCategory(t.core.db, f.y.id, { name: 'Xuất bản phẩm', slug: 'xuat-ban' });
    const fingerprint = await databaseFingerprint(t.core.db);
    expect((await refusal({ from: 'khong-co', into: f.y.key })).issues).toEqual([{ path: 'from', message: 'không có trang nào có khoá “khong-co”' }]);
    expect((await refusal({ from: f.x.key, into: 'khong-co' })).issues[0]!.path).toBe('into');
    expect((await refusal({ from: f.x.key, into: f.x.key })).issues).toEqual([{ path: 'into', message: 'không thể sáp nhập một trang vào chính nó' }]);
    expect((await refusal({ from: f.x.key })).issues[0]!.path).toBe('into');
    const conflict = await refusal({ from: f.x.key, into: f.y.key });
    expect(conflict.issues).toHaveLength(1);
    expect(conflict.issues[0]!.path).toBe('categoryMapping.xuat-ban');
    expect(conflict.issues[0]!.message).toContain('“Xuất bản” (xuat-ban)');
    expect(conflict.issues[0]!.message).toContain('“Xuất bản phẩm”');
    const badMapping = await refusal({ from: f.x.key, into: f.y.key, categoryMapping: { 'xuat-ban': 'khong-co', 'khong-co-o-x': 'diem-bao' } });
    expect(badMapping.issues.map((i) => i.path).sort()).toEqual(['categoryMapping.khong-co-o-x', 'categoryMapping.xuat-ban']);
    expect(await databaseFingerprint(t.core.db)).toEqual(fingerprint);
  });

  it('merges with a category mapping; the real run does what the dry run planned', async () => {
    const mapping = { 'xuat-ban': 'xuat-ban' };
    const plan = await mergeSite(t.core, SYSTEM, { from: f.x.key, into: f.y.key, categoryMapping: mapping, dryRun: true });
    const done = await mergeSite(t.core, SYSTEM, { from: f.x.key, into: f.y.key, categoryMapping: mapping });
    expect({ ...done, dryRun: true }).toEqual(plan);
    expect(done.categories.placements.find((p) => p.fromSlug === 'xuat-ban')).toMatchObject({ intoSlug: 'xuat-ban', intoName: 'Xuất bản phẩm', how: 'mapping' });
  });

  it('refuses to merge a merged site or into one, changing nothing', async () => {
    const other = await buildSite(t.core.db, { key: 'langson-thu', name: 'Trang thử Lạng Sơn' });
    await t.core.sites.reload();
    const fingerprint = await databaseFingerprint(t.core.db);
    expect((await refusal({ from: f.x.key, into: other.key })).issues).toEqual([{ path: 'from', message: `trang “${f.x.key}” đã được sáp nhập vào trang khác rồi` }]);
    expect((await refusal({ from: other.key, into: f.x.key })).issues).toEqual([{ path: 'into', message: `trang “${f.x.key}” đã được sáp nhập vào trang khác, không nhận sáp nhập được` }]);
    expect(await databaseFingerprint(t.core.db)).toEqual(fingerprint);
  });

  it('the admin API merges for network administrators only, naming bad fields', async () => {
    const a = await buildSite(t.core.db, { key: 'caobang-thu', name: 'Trang thử Cao Bằng' });
    const b = await buildSite(t.core.db, { key: 'thainguyen-thu', name: 'Trang thử Thái Nguyên' });
    await buildArticle(t.core.db, a.id, { title: 'Tin Cao Bằng', slug: 'tin-cao-bang' });
    await t.core.sites.reload();
    const admin = await signIn(t, await createPerson(t.core.db, { role: 'network_admin' }));
    const editor = await signIn(t, await createPerson(t.core.db, { siteId: a.id, role: 'chief_editor' }));
    const post = (url: string, headers: Record<string, string>, payload: unknown) => t.app.inject({ method: 'POST', url: `/api/admin/v1${url}`, headers: { ...headers, 'content-type': 'application/json' }, payload: JSON.stringify(payload) });
    const fingerprint = await databaseFingerprint(t.core.db);
    const denied = await post(`/network/sites/${a.key}/merge`, editor.headers, { into: b.key });
    expect(denied.statusCode).toBe(404);
    const self = await post(`/network/sites/${a.key}/merge`, admin.headers, { into: a.key });
    expect(self.statusCode).toBe(400);
    expect(self.json()).toEqual({ errors: [{ code: 'CONG_ERR_VALIDATION', field: 'into', message: 'không thể sáp nhập một trang vào chính nó' }] });
    const dry = await post(`/network/sites/${a.key}/merge`, admin.headers, { into: b.key, dryRun: true });
    expect(dry.statusCode).toBe(200);
    expect(dry.json().report).toMatchObject({ dryRun: true, articles: { moved: 1 } });
    expect(await databaseFingerprint(t.core.db)).toEqual(fingerprint);
    const real = await post(`/network/sites/${a.key}/merge`, admin.headers, { into: b.key });
    expect(real.statusCode).toBe(200);
    expect((await fetchUrl(t.app, { path: `/${a.key}/bai-viet/tin-cao-bang` })).location).toBe(`/${b.key}/bai-viet/tin-cao-bang`);
  });
});

describe('cong site merge (SQLite, real processes)', () => {
  let db: TestDatabase;
  let x: { id: number; key: string };
  let y: { id: number; key: string };

  beforeAll(async () => {
    db = await createTestDatabase('sqlite');
    x = await buildSite(db.db, { key: 'yenbai', name: 'Trang thông tin điện tử Sở TTTT Yên Bái' });
    y = await buildSite(db.db, { key: 'laocai', name: 'Trang thông tin điện tử Sở TTTT Lào Cai' });
    const cat = await buildCategory(db.db, x.id, { name: 'Tin hoạt động', slug: 'tin-hoat-dong' });
    await buildCategory(db.db, y.id, { name: 'Tin hoạt động', slug: 'tin-hoat-dong' });
    for (let i = 1; i <= 3; i++) await buildArticle(db.db, x.id, { title: `Tin Yên Bái số ${i}`, slug: `tin-yen-bai-${i}`, categoryIds: [cat.id] });
    await buildArticle(db.db, y.id, { title: 'Tin Lào Cai', slug: 'tin-yen-bai-1' });
  });
  afterAll(async () => db.dispose());

  it('prints the plan on --dry-run, merges, and a running server notices within seconds', async () => {
    const server = await startServerProcess({ ...db.env, CONG_DEMO: '0' });
    try {
      expect((await fetch(`${server.url}/${x.key}/bai-viet/tin-yen-bai-2`, { redirect: 'manual' })).status).toBe(200);
      const fingerprint = await databaseFingerprint(db.db);
      const dry = runCong(['site', 'merge', x.key, '--into', y.key, '--dry-run'], db.env);
      expect(dry.status, dry.stderr).toBe(0);
      expect(dry.stdout).toContain('KẾ HOẠCH (chạy thử, chưa thay đổi gì):');
      expect(dry.stdout).toContain('Bài viết chuyển sang: 3 (3 đã đăng, 0 đã gỡ)');
      expect(dry.stdout).toContain('tin-yen-bai-1 → tin-yen-bai-1-yenbai');
      expect(dry.stdout).toContain('“Tin hoạt động” (tin-hoat-dong) → “Tin hoạt động” (tin-hoat-dong) — cùng tên');
      expect(dry.stdout).toContain('Đây là chạy thử: chưa có gì thay đổi.');
      expect(await databaseFingerprint(db.db)).toEqual(fingerprint);

      const run = runCong(['site', 'merge', x.key, '--into', y.key], db.env);
      expect(run.status, run.stderr).toBe(0);
      expect(run.stdout).toContain(`Đã sáp nhập. Trang “${x.key}” ở trạng thái đã sáp nhập`);
      const row = await db.db.selectFrom('sites').select(['status']).where('id', '=', x.id).executeTakeFirstOrThrow();
      expect(row.status).toBe('merged');

      // The server process loaded its site directory before the merge; it notices by itself.
      const deadline = Date.now() + 8000;
      let res: Response;
      for (;;) {
        res = await fetch(`${server.url}/${x.key}/bai-viet/tin-yen-bai-2`, { redirect: 'manual' });
        if (res.status === 301 || Date.now() > deadline) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(res.status).toBe(301);
      expect(res.headers.get('location')).toBe(`/${y.key}/bai-viet/tin-yen-bai-2`);
      expect((await fetch(`${server.url}/${y.key}/bai-viet/tin-yen-bai-1-yenbai`)).status).toBe(200);
    } finally {
      await server.stop();
    }
  });

  it('refuses with a Vietnamese message naming the option and exit code 1', async () => {
    const again = runCong(['site', 'merge', x.key, '--into', y.key], db.env);
    expect(again.status).toBe(1);
    expect(again.stderr).toContain(`Lỗi: trang cần sáp nhập: trang “${x.key}” đã được sáp nhập vào trang khác rồi`);
    const unknown = runCong(['site', 'merge', y.key, '--into', 'khong-co'], db.env);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('Lỗi: --into: không có trang nào có khoá “khong-co”');
    const missing = runCong(['site', 'merge', y.key, '--into', x.key, '--categories', 'khong-co.json'], db.env);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('Lỗi: --categories: không đọc được tệp khong-co.json');
  });
});
