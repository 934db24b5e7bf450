/**
 * The media library over HTTP on both engines: real images and videos from test/fixtures
 * uploaded as multipart; SVG, a text file named .jpg and an oversized file refused with a
 * Vietnamese message naming the file and nothing stored; missing alt flagged then fixed;
 * where an item is used; delete refused while used; another site's contributor gets 404;
 * every write audited; the article body keeps our own <video> and drops others.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { createTestApp, type TestApp } from './app-harness.ts';
import { createPerson, signIn, type TestSession } from './auth-harness.ts';
import { ENGINES } from './database-harness.ts';
import { buildArticle, buildSite } from './factories.ts';
import { sanitizeArticleHtml } from '../src/core/articles/sanitize-body.ts';

const API = '/api/admin/v1';
const FIXTURES = path.join(import.meta.dirname, 'fixtures', 'media');
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name));

/** A multipart/form-data body with text fields and one file. */
function multipart(file: { name: string; data: Buffer; type?: string } | null, fields: Record<string, string> = {}): { payload: Buffer; contentType: string } {
  const boundary = `----cong${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`));
    parts.push(file.data, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true, withFileTypes: true }) as fs.Dirent[]).filter((d) => d.isFile()).map((d) => path.join(d.parentPath, d.name));
}

describe.each(ENGINES)('media library API on %s', (engine) => {
  let t: TestApp;
  let site: { id: number; key: string };
  let contributor: TestSession;
  let contributorId: number;
  let otherContributor: TestSession;
  let editor: TestSession;
  let outsider: TestSession;

  beforeAll(async () => {
    t = await createTestApp(engine, new Date('2026-12-01T03:00:00.000Z'));
    const db = t.core.db;
    site = await buildSite(db, { key: `langson${engine === 'sqlite' ? 's' : 'p'}` });
    const other = await buildSite(db);
    const person = await createPerson(db, { siteId: site.id, role: 'contributor', displayName: 'Hoàng Thị Tố Loan' });
    contributorId = person.userId;
    contributor = await signIn(t, person);
    otherContributor = await signIn(t, await createPerson(db, { siteId: site.id, role: 'contributor' }));
    editor = await signIn(t, await createPerson(db, { siteId: site.id, role: 'editor' }));
    outsider = await signIn(t, await createPerson(db, { siteId: other.id, role: 'contributor' }));
    await t.core.sites.reload();
  });

  afterAll(async () => {
    await t?.dispose();
  });

  const upload = (session: TestSession, siteId: number, file: { name: string; data: Buffer; type?: string } | null, fields: Record<string, string> = {}) => {
    const body = multipart(file, fields);
    return t.app.inject({ method: 'POST', url: `${API}/sites/${siteId}/media`, headers: { ...session.headers, 'content-type': body.contentType }, payload: body.payload });
  };
  const get = (url: string, session: TestSession) => t.app.inject({ method: 'GET', url: API + url, headers: session.headers });
  const send = (method: 'PATCH' | 'DELETE', url: string, session: TestSession, payload?: unknown) =>
    t.app.inject({ method, url: API + url, headers: { ...session.headers, ...(payload ? { 'content-type': 'application/json' } : {}) }, ...(payload ? { payload: JSON.stringify(payload) } : {}) });
  const auditActions = async (subjectId: number) =>
    (await t.core.db.selectFrom('audit_log').select(['action', 'actor_id']).where('subject_type', '=', 'media').where('subject_id', '=', subjectId).orderBy('id').execute()).map((r) => r.action);

  it('uploads a real JPEG: orientation applied, metadata gone, derivatives served; missing alt is flagged', async () => {
    const res = await upload(contributor, site.id, { name: 'Cánh đồng lúa.jpg', data: fixture('canh-dong-lua.jpg'), type: 'image/jpeg' }, { caption: 'Mùa lúa chín ở Bắc Sơn' });
    expect(res.statusCode, res.body).toBe(201);
    const item = res.json();
    // The fixture is 1200×800 with EXIF orientation 6: shown upright it is 800×1200.
    expect(item).toMatchObject({ kind: 'image', width: 800, height: 1200, alt: '', caption: 'Mùa lúa chín ở Bắc Sơn', originalName: 'Cánh đồng lúa.jpg', allowedActions: ['media.update', 'media.delete'] });
    expect(item.url).toMatch(new RegExp(`^/media/${site.key}/2026/12/[0-9a-f]{16}/canh-dong-lua\\.jpg$`));
    const stored = await t.app.inject({ method: 'GET', url: item.url });
    expect(stored.statusCode).toBe(200);
    const meta = await sharp(stored.rawPayload).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.orientation ?? 1).toBe(1);
    expect((await t.app.inject({ method: 'GET', url: item.thumbnailUrl })).statusCode).toBe(200);

    const missing = await get(`/sites/${site.id}/media?missingAlt=true`, contributor);
    expect(missing.json().items.map((m: { id: number }) => m.id)).toContain(item.id);

    // An empty alt cannot be saved; a real one can, and the item leaves the "missing" list.
    const blank = await send('PATCH', `/media/${item.id}`, contributor, { alt: '   ' });
    expect(blank.statusCode).toBe(400);
    expect(blank.json().errors[0]).toMatchObject({ field: 'alt' });
    const fixed = await send('PATCH', `/media/${item.id}`, contributor, { alt: 'Ruộng lúa chín vàng dưới trời xanh', credit: 'Ảnh: Tố Loan' });
    expect(fixed.statusCode, fixed.body).toBe(200);
    expect(fixed.json()).toMatchObject({ alt: 'Ruộng lúa chín vàng dưới trời xanh', credit: 'Ảnh: Tố Loan', caption: 'Mùa lúa chín ở Bắc Sơn' });
    expect((await get(`/sites/${site.id}/media?missingAlt=true`, contributor)).json().items.map((m: { id: number }) => m.id)).not.toContain(item.id);
    expect(await auditActions(item.id)).toEqual(['media.upload', 'media.update']);
  });

  it('lists and searches with paging; kinds filter; videos (MP4, WebM) are accepted by content', async () => {
    const png = await upload(editor, site.id, { name: 'bieu-do.png', data: fixture('bieu-do.png') }, { alt: 'Biểu đồ tăng trưởng dịch vụ công trực tuyến' });
    expect(png.statusCode, png.body).toBe(201);
    const mp4 = await upload(editor, site.id, { name: 'Phóng sự.mp4', data: fixture('phong-su.mp4'), type: 'video/mp4' }, { alt: 'Phóng sự về chuyển đổi số' });
    expect(mp4.statusCode, mp4.body).toBe(201);
    expect(mp4.json()).toMatchObject({ kind: 'video', mimeType: 'video/mp4', width: 640, height: 360, variants: [] });
    expect(mp4.json().url).toMatch(/\/phong-su\.mp4$/);
    // A WebM sent with a misleading name and type is still recognised by its bytes.
    const webm = await upload(editor, site.id, { name: 'ban-tin.bin', data: fixture('ban-tin.webm'), type: 'application/octet-stream' });
    expect(webm.statusCode, webm.body).toBe(201);
    expect(webm.json()).toMatchObject({ kind: 'video', mimeType: 'video/webm', width: 320, height: 240 });
    const served = await t.app.inject({ method: 'GET', url: mp4.json().url });
    expect(served.rawPayload.equals(fixture('phong-su.mp4'))).toBe(true);

    const videos = (await get(`/sites/${site.id}/media?kind=video`, contributor)).json();
    expect(videos.items.map((m: { kind: string }) => m.kind)).toEqual(['video', 'video']);
    const found = (await get(`/sites/${site.id}/media?q=${encodeURIComponent('TĂNG TRƯỞNG')}`, contributor)).json();
    expect(found.items.map((m: { id: number }) => m.id)).toEqual([png.json().id]);
    const paged = (await get(`/sites/${site.id}/media?pageSize=2&page=2`, contributor)).json();
    expect(paged).toMatchObject({ total: 4, page: 2, pageSize: 2 });
    expect(paged.items).toHaveLength(2);
    // Another contributor sees the items but may not change someone else's.
    const others = (await get(`/sites/${site.id}/media`, otherContributor)).json();
    expect(others.items.every((m: { allowedActions: string[] }) => m.allowedActions.length === 0)).toBe(true);
    expect((await send('PATCH', `/media/${png.json().id}`, otherContributor, { alt: 'Đổi' })).statusCode).toBe(403);
  });

  it('refuses SVG, a text file named .jpg and an oversized file, naming the file; nothing is stored', async () => {
    const before = filesUnder(t.core.mediaDir).length;
    const count = async () => Number((await t.core.db.selectFrom('media').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const rows = await count();
    const svg = await upload(contributor, site.id, { name: 'logo.svg', data: fixture('logo.svg'), type: 'image/svg+xml' }, { alt: 'Logo' });
    expect(svg.statusCode).toBe(422);
    expect(svg.json().errors[0]).toMatchObject({ code: 'CONG_ERR_MEDIA_REJECTED', field: 'file' });
    expect(svg.json().errors[0].message).toMatch(/^Tệp “logo\.svg”: .*SVG/);
    const text = await upload(contributor, site.id, { name: 'van-ban-doi-ten.jpg', data: fixture('van-ban-doi-ten.jpg'), type: 'image/jpeg' }, { alt: 'Ảnh' });
    expect(text.statusCode).toBe(422);
    expect(text.json().errors[0].message).toMatch(/^Tệp “van-ban-doi-ten\.jpg”: /);
    // 21 MB that starts like a JPEG: over the 20 MB image limit.
    const big = Buffer.alloc(21 * 1024 * 1024, 1);
    fixture('canh-dong-lua.jpg').copy(big);
    const oversized = await upload(contributor, site.id, { name: 'anh-qua-lon.jpg', data: big, type: 'image/jpeg' }, { alt: 'Ảnh lớn' });
    expect(oversized.statusCode).toBe(422);
    expect(oversized.json().errors[0].message).toMatch(/^Tệp “anh-qua-lon\.jpg”: .*20 MB/);
    expect(filesUnder(t.core.mediaDir).length).toBe(before);
    expect(await count()).toBe(rows);
  });

  it('shows where an item is used, refuses deleting it while used, deletes it once unused', async () => {
    const res = await upload(contributor, site.id, { name: 'cau-treo.png', data: await sharp({ create: { width: 400, height: 300, channels: 3, background: '#336699' } }).png().toBuffer() }, { alt: 'Cầu treo qua suối' });
    const item = res.json();
    const cover = await buildArticle(t.core.db, site.id, { title: 'Khánh thành cầu treo', cover_media_id: item.id, state: 'draft' });
    const inBody = await buildArticle(t.core.db, site.id, { title: 'Nhịp cầu nối bản', body: `<figure><img src="${item.variants[0].url}" alt="Cầu treo"></figure>` });
    const detail = (await get(`/media/${item.id}`, contributor)).json();
    expect(detail.usedBy).toEqual([
      { articleId: inBody.id, title: 'Nhịp cầu nối bản', state: 'published', how: 'body' },
      { articleId: cover.id, title: 'Khánh thành cầu treo', state: 'draft', how: 'cover' },
    ]);
    const refused = await send('DELETE', `/media/${item.id}`, contributor);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().errors[0]).toMatchObject({ code: 'CONG_ERR_IN_USE' });
    expect(refused.json().errors[0].message).toContain('Khánh thành cầu treo');
    expect(fs.existsSync(path.join(t.core.mediaDir, item.url.slice('/media/'.length)))).toBe(true);

    await t.core.db.deleteFrom('articles').where('id', 'in', [cover.id, inBody.id]).execute();
    const deleted = await send('DELETE', `/media/${item.id}`, contributor);
    expect(deleted.statusCode).toBe(204);
    expect((await get(`/media/${item.id}`, contributor)).statusCode).toBe(404);
    expect(fs.existsSync(path.join(t.core.mediaDir, item.url.slice('/media/'.length)))).toBe(false);
    expect(await auditActions(item.id)).toEqual(['media.upload', 'media.delete']);
    const actors = await t.core.db.selectFrom('audit_log').select('actor_id').where('subject_type', '=', 'media').where('subject_id', '=', item.id).execute();
    expect(actors.map((a) => a.actor_id)).toEqual([contributorId, contributorId]);
  });

  it("answers 404 to a contributor of another site, for the list, an item and an upload", async () => {
    const mine = (await get(`/sites/${site.id}/media`, editor)).json().items[0];
    expect((await get(`/sites/${site.id}/media`, outsider)).statusCode).toBe(404);
    expect((await get(`/media/${mine.id}`, outsider)).statusCode).toBe(404);
    expect((await send('PATCH', `/media/${mine.id}`, outsider, { alt: 'x' })).statusCode).toBe(404);
    expect((await send('DELETE', `/media/${mine.id}`, outsider)).statusCode).toBe(404);
    const up = await upload(outsider, site.id, { name: 'bieu-do.png', data: fixture('bieu-do.png') }, { alt: 'x' });
    expect(up.statusCode).toBe(404);
  });

  it('refuses a second file and a request without a file', async () => {
    const none = await upload(contributor, site.id, null, { alt: 'Không có tệp' });
    expect(none.statusCode).toBe(400);
    expect(none.json().errors[0]).toMatchObject({ field: 'file' });
    const one = multipart({ name: 'bieu-do.png', data: fixture('bieu-do.png') }, { alt: 'Hai tệp' });
    const boundary = one.contentType.split('boundary=')[1]!;
    const second = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="b.png"\r\nContent-Type: image/png\r\n\r\n`);
    const payload = Buffer.concat([one.payload.subarray(0, one.payload.length - `--${boundary}--\r\n`.length), second, fixture('bieu-do.png'), Buffer.from(`\r\n--${boundary}--\r\n`)]);
    const two = await t.app.inject({ method: 'POST', url: `${API}/sites/${site.id}/media`, headers: { ...contributor.headers, 'content-type': one.contentType }, payload });
    expect(two.statusCode).toBe(400);
    expect(two.json().errors[0]).toMatchObject({ field: 'file', message: 'Mỗi lần chỉ tải lên một tệp' });
  });

  it('keeps our own <video> with a caption in article bodies, drops a third-party one', () => {
    const html = sanitizeArticleHtml('<figure><video src="/media/a/2026/12/0123456789abcdef/phong-su.mp4" autoplay>Trình duyệt không phát được video.</video><figcaption>Phóng sự</figcaption></figure><video src="https://example.com/v.mp4"></video>');
    expect(html).toBe('<figure><video src="/media/a/2026/12/0123456789abcdef/phong-su.mp4" controls preload="metadata">Trình duyệt không phát được video.</video><figcaption>Phóng sự</figcaption></figure>');
  });
});
