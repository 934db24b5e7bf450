/**
 * Replaying the 2025 reorganisation of the provinces (issue "The network", item 6) on the demo
 * network, on SQLite and PostgreSQL: with the real demo/provinces-2025.json, 63 provincial
 * department sites become 34 in one audited step, and sampled old URLs of every merged site
 * (home, an article, a feed; by path and by hostname) answer one 301 to a page that answers
 * 200. A dry run, an injected failure and a bad mapping change nothing; applying the mapping
 * again changes nothing more; the admin API and `cong network reorganise --dry-run` plan it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './app-harness.ts';
import { createPerson, signIn } from './auth-harness.ts';
import { ENGINES } from './database-harness.ts';
import { buildArticle } from './factories.ts';
import { runCong } from './cli-process.ts';
import { databaseFingerprint, followOnce } from './site-lifecycle-helpers.ts';
import { createDemoNetwork } from '../src/core/demo/create-demo-network.ts';
import { DEMO_DIR } from '../src/core/demo/demo-files.ts';
import { reorganiseNetwork, type ReorganisationReport } from '../src/core/network/reorganise-network.ts';
import { systemActor } from '../src/core/policy/actor.ts';
import { ValidationError } from '../src/core/errors.ts';

const SYSTEM = systemActor('test');
const MAPPING_FILE = path.join(DEMO_DIR, 'provinces-2025.json');
const MAPPING: unknown = JSON.parse(fs.readFileSync(MAPPING_FILE, 'utf8'));

/** The slug every provincial site has an article under (they clash when sites merge). */
const SHARED_SLUG = 'hoi-nghi-chuyen-doi-so-2022';

describe.each(ENGINES)('network reorganisation on %s', (engine) => {
  let t: TestApp;
  let report: ReorganisationReport;
  const activeProvincial = async () =>
    (await t.core.db.selectFrom('sites').select('key').where('kind', '=', 'provincial_department').where('status', '=', 'active').execute()).map((r) => r.key);

  beforeAll(async () => {
    t = await createTestApp(engine);
    await createDemoNetwork(t.core.db, t.now, { hostnameSuffix: 'localhost' });
    // Two articles per provincial site: one under a slug every site uses, one of its own.
    const sites = await t.core.db.selectFrom('sites').select(['id', 'key', 'name']).where('kind', '=', 'provincial_department').execute();
    for (const site of sites) {
      const category = await t.core.db.selectFrom('categories').select('id').where('site_id', '=', site.id).where('slug', '=', 'tin-hoat-dong').executeTakeFirstOrThrow();
      await buildArticle(t.core.db, site.id, { title: `Hội nghị chuyển đổi số năm 2022 – ${site.name}`, slug: SHARED_SLUG, categoryIds: [category.id] });
      await buildArticle(t.core.db, site.id, { title: `Tin riêng của ${site.key}`, slug: `tin-rieng-${site.key}`, categoryIds: [category.id] });
    }
    await t.core.sites.reload();
  });
  afterAll(async () => t.dispose());

  it('starts with 63 provincial department sites', async () => {
    expect(await activeProvincial()).toHaveLength(63);
  });

  it('a dry run plans 63 → 34 and changes nothing', async () => {
    const fingerprint = await databaseFingerprint(t.core.db);
    const plan = await reorganiseNetwork(t.core, SYSTEM, MAPPING, { dryRun: true });
    expect(plan).toMatchObject({ dryRun: true, effectiveDate: '2025-07-01', sitesBefore: 63, sitesAfter: 34, unchanged: 11, alreadyMerged: 0, notInMapping: [] });
    expect(plan.merges).toHaveLength(29);
    expect(plan.merges.find((m) => m.from.key === 'hagiang')).toMatchObject({ into: { key: 'tuyenquang' }, articles: { moved: 2 }, categories: { mapped: 4, created: 0 } });
    expect(plan.merges.find((m) => m.from.key === 'hagiang')!.articles.slugChanges).toEqual([expect.objectContaining({ from: SHARED_SLUG, to: `${SHARED_SLUG}-hagiang` })]);
    expect(await databaseFingerprint(t.core.db)).toEqual(fingerprint);
  });

  it('an injected failure in the middle rolls the whole reorganisation back', async () => {
    const fingerprint = await databaseFingerprint(t.core.db);
    let calls = 0;
    const failing = {
      ...t.core,
      failAfter: () => {
        if (++calls === 150) throw new Error('panne simulée giữa chừng');
      },
    };
    await expect(reorganiseNetwork(failing, SYSTEM, MAPPING)).rejects.toThrow('panne simulée giữa chừng');
    expect(calls).toBe(150);
    expect(await databaseFingerprint(t.core.db)).toEqual(fingerprint);
  });

  it('refuses a bad mapping, naming the path, changing nothing', async () => {
    const fingerprint = await databaseFingerprint(t.core.db);
    const refusal = async (mapping: unknown, options = {}) => {
      const error = await reorganiseNetwork(t.core, SYSTEM, mapping, options).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ValidationError);
      return (error as ValidationError).issues;
    };
    expect((await refusal({ provinces: [{ code: 'HN', name: 'Hà Nội', short_name: 'Hà Nội', merged_from: [] }] }, { effectiveDate: '2025-07-01' })).map((i) => i.path)).toEqual([
      'provinces.0.code',
      'provinces.0.merged_from',
    ]);
    expect(await refusal({ effective: 'from 2025-07-01', provinces: [{ code: '99', name: 'Tỉnh Không Có', short_name: 'Không Có', merged_from: [{ code: '99', name: 'Tỉnh Không Có' }] }] })).toEqual([
      { path: 'provinces.0.merged_from.0', message: 'không có trang Sở nào của “Tỉnh Không Có” (mã 99) trong mạng lưới' },
    ]);
    const twice = await refusal({
      effective: 'from 2025-07-01',
      provinces: [
        { code: '20', name: 'Tỉnh Lạng Sơn', short_name: 'Lạng Sơn', merged_from: [{ code: '20', name: 'Tỉnh Lạng Sơn' }] },
        { code: '04', name: 'Tỉnh Cao Bằng', short_name: 'Cao Bằng', merged_from: [{ code: '04', name: 'Tỉnh Cao Bằng' }, { code: '20', name: 'Tỉnh Lạng Sơn' }] },
      ],
    });
    expect(twice).toEqual([{ path: 'provinces.1.merged_from.1', message: '“Tỉnh Lạng Sơn” (trang “langson”) đã có ở provinces.0.merged_from.0' }]);
    expect((await refusal({ provinces: [{ code: '20', name: 'Tỉnh Lạng Sơn', short_name: 'Lạng Sơn', merged_from: [{ code: '20', name: 'Tỉnh Lạng Sơn' }] }] }))[0]!.path).toBe('effectiveDate');
    expect(await databaseFingerprint(t.core.db)).toEqual(fingerprint);
  });

  it('turns 63 provincial department sites into 34 in one audited step', async () => {
    const started = performance.now();
    report = await reorganiseNetwork(t.core, SYSTEM, MAPPING);
    const ms = performance.now() - started;
    expect(report).toMatchObject({ dryRun: false, sitesBefore: 63, sitesAfter: 34 });
    expect(report.merges).toHaveLength(29);
    const active = await activeProvincial();
    expect(active).toHaveLength(34);
    const provinces = (MAPPING as { provinces: Array<{ code: string }> }).provinces;
    const codes = (await t.core.db.selectFrom('sites').select('settings').where('kind', '=', 'provincial_department').where('status', '=', 'active').execute()).map((r) => JSON.parse(r.settings).provinceCode as string);
    expect(codes.sort()).toEqual(provinces.map((p) => p.code).sort());
    // Lào Cai (code 10 before) survives with the new province's code 15; Yên Bái is merged into it.
    const laocai = await t.core.db.selectFrom('sites').select(['status', 'settings']).where('key', '=', 'laocai').executeTakeFirstOrThrow();
    expect(laocai.status).toBe('active');
    expect(JSON.parse(laocai.settings).provinceCode).toBe('15');
    const audit = await t.core.db.selectFrom('audit_log').select(['action', 'details']).where('action', '=', 'network.reorganise').execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.details)).toMatchObject({ sitesBefore: 63, sitesAfter: 34, effectiveDate: '2025-07-01' });
    expect(await t.core.db.selectFrom('audit_log').select('id').where('action', '=', 'site.merge').execute()).toHaveLength(0);
    // The network root lists 34 departments.
    const root = await t.app.inject({ url: '/' });
    for (const m of report.merges) expect(root.body).not.toContain(`href="/${m.from.key}/"`);
    console.info(`reorganisation 63 → 34 on ${engine}: ${Math.round(ms)} ms`);
  });

  it('every merged site answers its old home, an article and a feed with one 301 to a page answering 200', async () => {
    const publicUrl = t.core.config.publicUrl;
    let checked = 0;
    for (const m of report.merges) {
      const from = m.from.key;
      const urls = [
        { path: `/${from}/` },
        { path: `/${from}/bai-viet/${SHARED_SLUG}` },
        { path: `/${from}/bai-viet/tin-rieng-${from}` },
        { path: `/${from}/rss.xml` },
        { path: `/${from}/chuyen-muc/tin-hoat-dong/atom.xml` },
        { path: '/', host: `${from}.localhost` },
        { path: `/bai-viet/${SHARED_SLUG}`, host: `${from}.localhost` },
      ];
      for (const url of urls) {
        const { first, target, second } = await followOnce(t.app, url, publicUrl);
        expect(first.status, `${url.host ?? ''}${url.path}`).toBe(301);
        expect(second!.status, `${url.host ?? ''}${url.path} → ${first.location}`).toBe(200);
        if (url.host) expect(target!.host).toBe(`${m.into.key}.localhost`);
        checked += 1;
      }
      // The article everyone had keeps the merged site's title at its new address.
      const moved = await followOnce(t.app, { path: `/${from}/bai-viet/${SHARED_SLUG}` }, publicUrl);
      expect(moved.first.location).toBe(`/${m.into.key}/bai-viet/${SHARED_SLUG}-${from}`);
      expect(moved.second!.body).toContain(`Hội nghị chuyển đổi số năm 2022 – ${m.from.name}`);
    }
    expect(checked).toBe(29 * 7);
    // A surviving site's own URLs answer as before.
    expect((await t.app.inject({ url: `/tuyenquang/bai-viet/${SHARED_SLUG}` })).statusCode).toBe(200);
  });

  it('applying the mapping again changes nothing more', async () => {
    const again = await reorganiseNetwork(t.core, SYSTEM, MAPPING, { dryRun: true });
    expect(again).toMatchObject({ sitesBefore: 34, sitesAfter: 34, alreadyMerged: 29, renamed: [] });
    expect(again.merges).toHaveLength(0);
  });

  it('renames a surviving site when its province takes a new name', async () => {
    const renamed = await reorganiseNetwork(t.core, SYSTEM, {
      effective: 'from 2026-01-01',
      provinces: [{ code: '46', name: 'Thành phố Huế Mới', short_name: 'Huế Mới', merged_from: [{ code: '46', name: 'Thành phố Huế' }] }],
    });
    expect(renamed.renamed).toEqual([
      {
        siteKey: 'hue',
        code: { from: '46', to: '46' },
        provinceName: { from: 'Thành phố Huế', to: 'Thành phố Huế Mới' },
        siteName: { from: 'Trang thông tin điện tử Sở Thông tin và Truyền thông Huế', to: 'Trang thông tin điện tử Sở Thông tin và Truyền thông Huế Mới' },
      },
    ]);
    const org = await t.core.db
      .selectFrom('sites')
      .innerJoin('organisations', 'organisations.id', 'sites.organisation_id')
      .select(['organisations.name', 'organisations.short_name'])
      .where('sites.key', '=', 'hue')
      .executeTakeFirstOrThrow();
    expect(org).toEqual({ name: 'Sở Thông tin và Truyền thông Huế Mới', short_name: 'Sở TTTT Huế Mới' });
    expect(t.core.sites.getByKey('hue')!.name).toBe('Trang thông tin điện tử Sở Thông tin và Truyền thông Huế Mới');
  });

  it('the admin API plans a reorganisation for network administrators, naming bad paths', async () => {
    const admin = await signIn(t, await createPerson(t.core.db, { role: 'network_admin' }));
    const post = (payload: unknown) =>
      t.app.inject({ method: 'POST', url: '/api/admin/v1/network/reorganise', headers: { ...admin.headers, 'content-type': 'application/json' }, payload: JSON.stringify(payload) });
    const ok = await post({ mapping: MAPPING, dryRun: true });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().report).toMatchObject({ dryRun: true, sitesBefore: 34, sitesAfter: 34, alreadyMerged: 29 });
    const bad = await post({ mapping: { effective: 'from 2025-07-01', provinces: [{ code: '20', name: 'Tỉnh Lạng Sơn', short_name: 'Lạng Sơn' }] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('mapping.provinces.0.merged_from');
  });
});

describe('cong network reorganise (SQLite)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('sqlite');
    await createDemoNetwork(t.core.db, t.now, { hostnameSuffix: 'localhost' });
  });
  afterAll(async () => t.dispose());

  it('prints the plan of the 2025 reorganisation on --dry-run and changes nothing; a bad file names the option', async () => {
    const fingerprint = await databaseFingerprint(t.core.db);
    const run = runCong(['network', 'reorganise', '--mapping', MAPPING_FILE, '--dry-run'], t.database.env);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('KẾ HOẠCH (chạy thử, chưa thay đổi gì)');
    expect(run.stdout).toContain('hiệu lực 2025-07-01');
    expect(run.stdout).toContain('Trang Sở đang hoạt động: 63 → 34');
    expect(run.stdout).toContain('Sáp nhập 29 trang:');
    expect(run.stdout).toContain('    hagiang → tuyenquang: 0 bài, 4 chuyên mục');
    expect(run.stdout).toContain('laocai: mã 10 → 15');
    expect(run.stderr).toContain('[29/29]');
    expect(await databaseFingerprint(t.core.db)).toEqual(fingerprint);
    const bad = runCong(['network', 'reorganise', '--mapping', 'khong-co.json'], t.database.env);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain('Lỗi: --mapping: không đọc được tệp khong-co.json');
  });
});
