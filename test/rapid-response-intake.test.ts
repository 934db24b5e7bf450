/**
 * Rapid-response intake (issue "Rapid-response desk", items 1, 2, 6): link and claim
 * normalisation joining reports into cases, duplicates refused, bad input refused with nothing
 * stored, screenshots kept privately, addresses only hashed, the reporter's tracking view, and
 * the authenticated entry (desk staff, partner tokens). Both engines.
 */
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from './database-harness.ts';
import { createTestApp, type TestApp } from './app-harness.ts';
import { buildSite } from './factories.ts';
import { createApiToken, createPerson, signIn, type TestSession } from './auth-harness.ts';
import { foldClaim, normaliseReportUrl } from '../src/core/rapid-response/normalise.ts';
import { submitPublicReport } from '../src/core/rapid-response/intake.ts';
import { trackReport } from '../src/core/rapid-response/tracking.ts';
import { ValidationError } from '../src/core/errors.ts';

describe('report URL normalisation', () => {
  it.each([
    ['http://www.Example.vn/tin/bai-1/', 'https://example.vn/tin/bai-1'],
    ['HTTPS://EXAMPLE.VN/tin/bai-1', 'https://example.vn/tin/bai-1'],
    ['https://example.vn/tin/bai-1?utm_source=zalo&utm_medium=social&fbclid=IwAR0abc', 'https://example.vn/tin/bai-1'],
    ['https://example.vn/tin/bai-1#binh-luan', 'https://example.vn/tin/bai-1'],
    ['https://example.vn/tin?b=2&gclid=x&a=1&zarsrc=30', 'https://example.vn/tin?a=1&b=2'],
    ['https://example.vn:443/', 'https://example.vn'],
    ['http://example.vn:8080/a', 'https://example.vn:8080/a'],
    ['  https://www.facebook.com/groups/123/posts/456/?mibextid=abc  ', 'https://facebook.com/groups/123/posts/456'],
    ['https://m.facebook.com/groups/123/posts/456', 'https://facebook.com/groups/123/posts/456'],
    ['https://mobile.twitter.com/bocongan/status/1', 'https://twitter.com/bocongan/status/1'],
    ['https://media.example.vn/a', 'https://media.example.vn/a'],
  ])('%s → %s', (input, expected) => {
    expect(normaliseReportUrl(input)).toBe(expected);
  });

  it.each(['ftp://example.vn/a', 'javascript:alert(1)', 'mailto:a@b.vn', 'example.vn/tin', '', 'https://'])('refuses %j naming url', (input) => {
    let error: unknown;
    try {
      normaliseReportUrl(input);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues[0]!.path).toBe('url');
  });

  it('folds Vietnamese claims: diacritics, đ, case and spaces', () => {
    expect(foldClaim('  Bộ Y tế  THU HỒI\tthuốc Đông y ')).toBe('bo y te thu hoi thuoc dong y');
    expect(foldClaim('Thanh Hoá')).toBe(foldClaim('thanh hóa'));
  });
});

describe.each(ENGINES)('rapid-response intake (%s)', (engine) => {
  let t: TestApp;
  let ministry: { id: number; key: string };
  let province: { id: number; key: string };
  let other: { id: number; key: string };
  let editorSession: TestSession;
  const png = (w = 40, h = 20) => sharp({ create: { width: w, height: h, channels: 3, background: '#c00' } }).png().toBuffer();
  const countRows = async () => ({
    reports: Number((await t.core.db.selectFrom('rr_reports').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
    cases: Number((await t.core.db.selectFrom('rr_cases').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
  });
  const privateDir = () => path.join(t.core.config.dataDir, 'private', 'rapid-response');
  const filesIn = (dir: string): string[] => (fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => d.name) : []);

  beforeAll(async () => {
    t = await createTestApp(engine, new Date('2026-11-30T01:00:00.000Z'));
    ministry = await buildSite(t.core.db, { kind: 'ministry_portal', name: 'Cổng thông tin điện tử Bộ' });
    province = await buildSite(t.core.db, { name: 'Sở TTTT Lạng Sơn' });
    other = await buildSite(t.core.db, { name: 'Sở TTTT Cao Bằng' });
    await t.core.sites.reload();
    editorSession = await signIn(t, await createPerson(t.core.db, { siteId: ministry.id, role: 'editor' }));
  });
  afterAll(async () => t.dispose());

  it('joins three reports of one link (scheme, www, tracking parameters, slash) into one case with the first time', async () => {
    t.now = new Date('2026-11-30T02:00:00.000Z');
    const first = await submitPublicReport(t.core, { siteId: province.id, url: 'http://www.tin-nong.example/bai/thuoc-gia/', description: 'Bài đăng nói thuốc A bị cấm lưu hành trên toàn quốc.', contactEmail: 'ban.doc@example.vn', contactPhone: '0912 345 678', contactName: 'Trần Văn Đọc', files: [], address: '203.0.113.7' });
    t.now = new Date('2026-11-30T02:30:00.000Z');
    const second = await submitPublicReport(t.core, { siteId: province.id, url: 'https://tin-nong.example/bai/thuoc-gia?utm_source=facebook&fbclid=XYZ', description: 'Tôi thấy tin này trên Facebook, nghi là tin giả.', files: [], address: '203.0.113.8' });
    t.now = new Date('2026-11-30T03:15:00.000Z');
    const third = await submitPublicReport(t.core, { siteId: other.id, url: 'https://TIN-NONG.example/bai/thuoc-gia#comments', description: 'Nhóm Zalo của phường đang chia sẻ tin này.', files: [], address: '203.0.113.9' });
    expect(second.caseId).toBe(first.caseId);
    expect(third.caseId).toBe(first.caseId);
    expect(new Set([first.trackingCode, second.trackingCode, third.trackingCode]).size).toBe(3);
    for (const r of [first, second, third]) expect(r.trackingCode).toMatch(/^[2-9A-HJ-NP-Z]{10}$/);
    const kase = await t.core.db.selectFrom('rr_cases').selectAll().where('id', '=', first.caseId).executeTakeFirstOrThrow();
    expect(kase).toMatchObject({ report_count: 3, first_seen_at: '2026-11-30T02:00:00.000Z', normalized_url: 'https://tin-nong.example/bai/thuoc-gia', state: 'new', priority: 'normal' });
    expect(kase.code).toMatch(/^VV-2026-\d{6}$/);
    // Normal priority: 24 hours from the first report.
    expect(kase.deadline_at).toBe('2026-12-01T02:00:00.000Z');

    // Privacy: the address is kept only as an HMAC (salt in network settings), never in clear.
    const reports = await t.core.db.selectFrom('rr_reports').selectAll().where('case_id', '=', first.caseId).execute();
    expect(reports.map((r) => r.address_hash)).toEqual(reports.map(() => expect.stringMatching(/^[0-9a-f]{64}$/)));
    const salt = await t.core.db.selectFrom('network_settings').select('value').where('key', '=', 'rr.addressSalt').executeTakeFirstOrThrow();
    expect(JSON.parse(salt.value)).toMatch(/^[0-9a-f]{64}$/);
    const audit = await t.core.db.selectFrom('audit_log').selectAll().where('action', '=', 'case.report').execute();
    expect(audit).toHaveLength(3);
    const everything = JSON.stringify([reports, audit, await t.core.db.selectFrom('rr_case_events').selectAll().execute()]);
    expect(everything).not.toContain('203.0.113.7');
    expect(JSON.stringify(audit)).not.toContain('ban.doc@example.vn');

    // The reporter's tracking view: the state, never contact details.
    const tracked = await trackReport(t.core.db, first.trackingCode.toLowerCase(), t.now);
    expect(tracked).toMatchObject({ code: first.trackingCode, caseCode: kase.code, state: 'new', stateLabel: 'Mới tiếp nhận', receivedAt: '2026-11-30T02:00:00.000Z', answered: null });
    const text = JSON.stringify(tracked);
    for (const secret of ['ban.doc@example.vn', '0912 345 678', 'Trần Văn Đọc', reports[0]!.address_hash!]) expect(text).not.toContain(secret);
    expect(await trackReport(t.core.db, 'ABCDEFGHJK', t.now)).toBeNull();
    expect(await trackReport(t.core.db, 'nonsense', t.now)).toBeNull();
  });

  it('joins reports of the same claim after folding Vietnamese text, and opens a new case for another claim', async () => {
    t.now = new Date('2026-11-30T04:00:00.000Z');
    const staff = (description: string, claimText?: string) =>
      t.app.inject({ method: 'POST', url: '/api/admin/v1/rapid-response/reports', headers: { ...editorSession.headers, 'content-type': 'application/json' }, payload: JSON.stringify({ description, ...(claimText ? { claimText } : {}), channel: 'phone', contactName: 'Người gọi' }) });
    const a = await staff('Người dân gọi điện báo tin nhắn lan truyền.', 'Bộ Y tế THU HỒI toàn bộ vắc-xin Đông Á');
    expect(a.statusCode).toBe(201);
    const b = await staff('Theo dõi mạng xã hội thấy bài viết.', '  bo y te thu hoi toan bo  vac-xin dong a ');
    expect(b.statusCode).toBe(201);
    expect(b.json()).toMatchObject({ caseId: a.json().caseId, joined: true });
    const c = await staff('Một tin khác hẳn.', 'Bộ Y tế thu hồi vắc-xin Tây Á');
    expect(c.json().caseId).not.toBe(a.json().caseId);
    expect(c.json().joined).toBe(false);
    const report = await t.core.db.selectFrom('rr_reports').select(['channel', 'created_by_user_id']).where('tracking_code', '=', a.json().trackingCode).executeTakeFirstOrThrow();
    expect(report.channel).toBe('phone');
    expect(report.created_by_user_id).not.toBeNull();
  });

  it('refuses the same report twice within 24 hours with the earlier tracking code, storing it once', async () => {
    t.now = new Date('2026-11-30T05:00:00.000Z');
    const input = { siteId: province.id, url: 'https://mang-xa-hoi.example/p/123', description: 'Tin đồn giá xăng tăng 50% từ ngày mai.', files: [], address: '198.51.100.1' };
    const first = await submitPublicReport(t.core, input);
    const before = await countRows();
    t.now = new Date('2026-11-30T06:00:00.000Z');
    await expect(submitPublicReport(t.core, { ...input, url: 'http://www.mang-xa-hoi.example/p/123/', address: '198.51.100.2' })).rejects.toMatchObject({ status: 409, code: 'CONG_ERR_DUPLICATE_REPORT', trackingCode: first.trackingCode });
    expect(await countRows()).toEqual(before);
    // Over the API too: the answer carries the earlier code.
    const body = { url: 'https://doi-tac.example/x', description: 'Báo cáo từ hệ thống theo dõi.' };
    const send = () => t.app.inject({ method: 'POST', url: '/api/admin/v1/rapid-response/reports', headers: { ...editorSession.headers, 'content-type': 'application/json' }, payload: JSON.stringify(body) });
    const ok = await send();
    expect(ok.statusCode).toBe(201);
    const again = await send();
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ errors: [{ code: 'CONG_ERR_DUPLICATE_REPORT' }], current: { trackingCode: ok.json().trackingCode } });
    // A day later the same report is a new report again (it joins the open case).
    t.now = new Date('2026-12-01T05:30:00.000Z');
    const later = await submitPublicReport(t.core, input);
    expect(later.caseId).toBe(first.caseId);
  });

  it('refuses bad input with a message naming the field and stores nothing', async () => {
    t.now = new Date('2026-12-02T01:00:00.000Z');
    const before = await countRows();
    const filesBefore = filesIn(privateDir()).length;
    const base = { siteId: province.id, url: 'https://sai.example/a', description: 'Mô tả hợp lệ.', files: [], address: '192.0.2.1' };
    const fieldOf = async (p: Promise<unknown>) => {
      try {
        await p;
      } catch (e) {
        return (e as ValidationError).issues?.map((i) => i.path);
      }
      return 'accepted';
    };
    expect(await fieldOf(submitPublicReport(t.core, { ...base, url: 'ftp://sai.example/a' }))).toEqual(['url']);
    expect(await fieldOf(submitPublicReport(t.core, { ...base, url: '' }))).toEqual(['url']);
    expect(await fieldOf(submitPublicReport(t.core, { ...base, description: 'x'.repeat(5001) }))).toEqual(['description']);
    expect(await fieldOf(submitPublicReport(t.core, { ...base, description: '   ' }))).toEqual(['description']);
    expect(await fieldOf(submitPublicReport(t.core, { ...base, contactEmail: 'không-phải-thư' }))).toEqual(['contactEmail']);
    // A good image beside a file that is not an image: nothing stored, not even the good one.
    expect(await fieldOf(submitPublicReport(t.core, { ...base, files: [{ fileName: 'a.png', data: await png() }, { fileName: 'b.png', data: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>') }] }))).toEqual(['files']);
    expect(await fieldOf(submitPublicReport(t.core, { ...base, files: await Promise.all([1, 2, 3, 4].map(async (i) => ({ fileName: `${i}.png`, data: await png() }))) }))).toEqual(['files']);
    expect(await fieldOf(submitPublicReport(t.core, { ...base, files: [{ fileName: 'big.png', data: Buffer.concat([await png(), Buffer.alloc(5 * 1024 * 1024)]) }] }))).toEqual(['files']);
    expect(await countRows()).toEqual(before);
    expect(filesIn(privateDir()).length).toBe(filesBefore);
  });

  it('keeps screenshots privately (re-encoded, outside /media) and serves them only to the desk, never cached', async () => {
    t.now = new Date('2026-12-02T02:00:00.000Z');
    const filed = await submitPublicReport(t.core, { siteId: province.id, url: 'https://anh.example/b', description: 'Kèm ảnh chụp màn hình.', files: [{ fileName: 'chup.png', data: await png(64, 32) }], address: '192.0.2.2' });
    const file = await t.core.db
      .selectFrom('rr_report_files as f')
      .innerJoin('rr_reports as r', 'r.id', 'f.report_id')
      .select(['f.id', 'f.storage_key', 'f.width', 'f.height', 'f.mime_type'])
      .where('r.tracking_code', '=', filed.trackingCode)
      .executeTakeFirstOrThrow();
    expect(file).toMatchObject({ width: 64, height: 32, mime_type: 'image/png' });
    expect(fs.existsSync(path.join(privateDir(), ...file.storage_key.split('/')))).toBe(true);
    expect(filesIn(path.join(t.core.config.dataDir, 'media'))).toEqual([]);
    expect((await t.app.inject({ method: 'GET', url: `/media/${file.storage_key}` })).statusCode).toBe(404);

    const desk = await signIn(t, await createPerson(t.core.db, { siteId: ministry.id, role: 'editor' }));
    const ok = await t.app.inject({ method: 'GET', url: `/api/admin/v1/rapid-response/files/${file.id}`, headers: { cookie: desk.cookie } });
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['content-type']).toBe('image/png');
    expect(ok.headers['cache-control']).toBe('private, no-store');
    expect((await sharp(ok.rawPayload).metadata()).width).toBe(64);
    expect((await t.app.inject({ method: 'GET', url: `/api/admin/v1/rapid-response/files/${file.id}` })).statusCode).toBe(401);
    const outsider = await signIn(t, await createPerson(t.core.db, { siteId: province.id, role: 'editor' }));
    expect((await t.app.inject({ method: 'GET', url: `/api/admin/v1/rapid-response/files/${file.id}`, headers: { cookie: outsider.cookie } })).statusCode).toBe(404);
  });

  it('lets a partner system file with a token of the desk site, not with a token of another site', async () => {
    t.now = new Date('2026-12-02T03:00:00.000Z');
    const post = (token: string, description: string) =>
      t.app.inject({ method: 'POST', url: '/api/admin/v1/rapid-response/reports', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, payload: JSON.stringify({ url: 'https://doi-tac.example/canh-bao/9', description }) });
    const partner = await post(await createApiToken(t.core.db, { siteId: ministry.id, role: 'focal_point', name: 'Hệ thống giám sát' }), 'Cảnh báo tự động từ hệ thống giám sát.');
    expect(partner.statusCode).toBe(201);
    const row = await t.core.db.selectFrom('rr_reports').select(['channel', 'api_token_id']).where('tracking_code', '=', partner.json().trackingCode).executeTakeFirstOrThrow();
    expect(row.channel).toBe('partner');
    expect(row.api_token_id).not.toBeNull();
    const before = await countRows();
    expect((await post(await createApiToken(t.core.db, { siteId: province.id, role: 'editor' }), 'Từ trang khác.')).statusCode).toBe(404);
    expect((await post(await createApiToken(t.core.db, { siteId: ministry.id, role: 'contributor' }), 'Cộng tác viên.')).statusCode).toBe(403);
    expect(await countRows()).toEqual(before);
  });
});
