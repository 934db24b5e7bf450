/**
 * End to end: the real server started as `npm start` starts it, on an empty data folder,
 * creates the demo network and serves the source article on the Lạng Sơn site — on SQLite
 * and on PostgreSQL. Then a second start on the same data reuses it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, it, expect, afterAll } from 'vitest';
import { ENGINES, createTestDatabase, type TestDatabase } from './database-harness.ts';
import { startServerProcess, type ServerProcess } from './server-process.ts';

async function get(url: string): Promise<{ status: number; text: string; headers: Headers }> {
  const res = await fetch(url, { redirect: 'manual' });
  return { status: res.status, text: await res.text(), headers: res.headers };
}

describe.each(ENGINES)('the demo network served by `cong serve` on %s', (engine) => {
  let db: TestDatabase | undefined;
  let server: ServerProcess | undefined;
  afterAll(async () => {
    await server?.stop();
    await db?.dispose();
  });

  it('creates the network on an empty database and shows the source article as the source has it', async () => {
    db = await createTestDatabase(engine);
    await db.close(); // the server process opens its own connection
    server = await startServerProcess({ ...db.env, CONG_DEMO: '1' });

    const root = await get(`${server.url}/`);
    expect(root.status).toBe(200);
    expect(root.text).toContain('Cổng Thông tin điện tử Bộ Thông tin và Truyền thông');
    expect(root.text).toContain('Lạng Sơn');
    expect(root.text).toContain('Đắk Lắk');

    const home = await get(`${server.url}/langson/`);
    expect(home.status).toBe(200);
    const link = /href="(\/langson\/bai-viet\/hoi-nghi-tap-huan[^"]*)"/.exec(home.text);
    expect(link, 'the Lạng Sơn home links to the source article').not.toBeNull();

    const page = await get(`${server.url}${link![1]}`);
    expect(page.status).toBe(200);
    const html = page.text;
    expect(html).toContain('<html lang="vi"');
    expect(html).toMatch(/<h1[^>]*>\s*Hội nghị tập huấn nghiệp vụ công tác thông tin, tuyên truyền của Bộ Thông tin và Truyền thông năm 2022\s*<\/h1>/);
    expect(html).toMatch(/<figcaption[^>]*>\s*Các đại biểu tại điểm cầu Sở TTTT Lạng Sơn\s*<\/figcaption>/);
    expect(html).toContain('Hoàng Thị Tố Loan');
    expect(html).toContain('Trung tâm Công nghệ số');
    expect(html).toContain('27/9/2022');
    // the source text keeps its own words, typo included
    expect(html).toContain('tự giác học hỏi nâng cao kỹ năng nghiệp vụ thông tin truyên truyền.');
    expect(html).toContain('Tại điểm cầu Sở TTTT Lạng Sơn, dự Hội nghị có đồng chí Lê Hải Yến, Phó Giám đốc Sở');
    // page furniture of the source is not content
    expect(html).not.toContain('Skip to main content');
    expect(html).toMatch(/<a[^>]+href="#noi-dung"[^>]*>/);

    const ld = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html);
    expect(ld).not.toBeNull();
    const json = JSON.parse(ld![1]!) as Record<string, any>;
    const article = Array.isArray(json['@graph']) ? json['@graph'].find((n: any) => n['@type'] === 'NewsArticle') : json;
    expect(article['@type']).toBe('NewsArticle');
    expect(article.headline).toContain('Hội nghị tập huấn nghiệp vụ');
    expect(String(article.datePublished)).toMatch(/^2022-09-27/);
    expect(JSON.stringify(article.author)).toContain('Hoàng Thị Tố Loan');

    // real content on other sites: the ministry's laws
    const ministry = await get(`${server.url}/bo-tttt/chuyen-muc/van-ban-phap-luat`);
    expect(ministry.status).toBe(200);
    expect(ministry.text).toContain('Luật Báo chí');
  });

  it('gives the newcomer demo newsroom accounts that sign in (passwords made on this machine, file readable by its owner only)', async () => {
    const file = path.join(db!.dir, 'demo-accounts.txt');
    expect(server!.output()).toContain(file);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const text = fs.readFileSync(file, 'utf8');
    // The ministry portal has an editor and a chief editor, so its rebuttals can pass four-eyes.
    expect(text).toMatch(/e-mail: bientap@bo-tttt\.demo\.cong\.vn\s+mật khẩu: \S+/);
    expect(text).toMatch(/e-mail: truongban@bo-tttt\.demo\.cong\.vn\s+mật khẩu: \S+/);
    const m = /e-mail: (congtacvien@langson\.demo\.cong\.vn)\s+mật khẩu: (\S+)/.exec(text);
    expect(m, text).not.toBeNull();
    const signIn = await fetch(`${server!.url}/api/admin/v1/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: m![1], password: m![2] }),
    });
    expect(signIn.status).toBe(200);
    const me = (await signIn.json()) as { stage: string; grants: { siteKey: string; role: string }[] };
    expect(me.stage).toBe('full');
    expect(me.grants).toEqual([expect.objectContaining({ siteKey: 'langson', role: 'contributor' })]);
    // The chief editor must set up a second factor first.
    const chief = /e-mail: (truongban@langson\.demo\.cong\.vn)\s+mật khẩu: (\S+)/.exec(text)!;
    const chiefSignIn = await fetch(`${server!.url}/api/admin/v1/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: chief[1], password: chief[2] }),
    });
    expect(((await chiefSignIn.json()) as { stage: string }).stage).toBe('totp_enrolment');
  });

  it('starts again on the same data without recreating it', async () => {
    await server!.stop();
    const before = server!.output();
    expect(before).toContain('Đã tạo');
    server = await startServerProcess({ ...db!.env, CONG_DEMO: '1' });
    expect(server.output()).not.toContain('Đã tạo');
    const home = await get(`${server.url}/langson/`);
    expect(home.status).toBe(200);
    expect(home.text.match(/Hội nghị tập huấn nghiệp vụ công tác thông tin/g)?.length).toBeGreaterThanOrEqual(1);
  });
});
