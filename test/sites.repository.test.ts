/**
 * Sites, organisations, redirects and the demo network, on SQLite and PostgreSQL.
 */
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { ENGINES, createTestDatabase, type TestDatabase } from './database-harness.ts';
import { upsertSite, listSites, findSiteByKey } from '../src/core/sites/site.repository.ts';
import { SiteDirectory } from '../src/core/sites/site-directory.ts';
import { upsertOrganisation, findOrganisationByKey, findOrganisationByName } from '../src/core/organisations/organisation.repository.ts';
import { findRedirect, upsertRedirect, normaliseRedirectPath } from '../src/core/redirects/redirect.repository.ts';
import { createDemoNetwork, provinceSiteKey } from '../src/core/demo/create-demo-network.ts';
import { ValidationError } from '../src/core/errors.ts';

const now = new Date('2022-09-27T07:00:00.000Z');

describe.each(ENGINES)('sites and organisations on %s', (engine) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(engine);
  });
  afterAll(async () => t.dispose());

  it('upserts an organisation by key and finds it by key and by name (NFC)', async () => {
    const id = await upsertOrganisation(t.db, { key: 'so-tttt-thu', name: 'Sở Thông tin và Truyền thông Thừa Thiên Huế', shortName: 'Sở TTTT Thừa Thiên Huế', kind: 'department' }, now);
    const again = await upsertOrganisation(t.db, { key: 'so-tttt-thu', name: 'Sở Thông tin và Truyền thông Thừa Thiên Huế', shortName: 'Sở TTTT TT Huế', kind: 'department' }, now);
    expect(again).toBe(id);
    expect((await findOrganisationByKey(t.db, 'so-tttt-thu'))?.shortName).toBe('Sở TTTT TT Huế');
    expect((await findOrganisationByName(t.db, 'Sở TTTT TT Huế'.normalize('NFD')))?.id).toBe(id);
    expect(await findOrganisationByKey(t.db, 'khong-co')).toBeNull();
  });

  it('upserts a site with host names, lists it and resolves it by host (case and port ignored)', async () => {
    const orgId = await upsertOrganisation(t.db, { key: 'org-dn', name: 'Sở TTTT Đà Nẵng', kind: 'department' }, now);
    const id = await upsertSite(
      t.db,
      { key: 'danang', name: 'Trang TTĐT Sở TTTT Đà Nẵng', kind: 'provincial_department', organisationId: orgId, hostnames: ['DaNang.example.vn:8080', 'stttt.danang.example.vn'], settings: { phone: '0236 000 000' } },
      now,
    );
    const site = await findSiteByKey(t.db, 'danang');
    expect(site).toMatchObject({ id, kind: 'provincial_department', organisationName: 'Sở TTTT Đà Nẵng', status: 'active', settings: { phone: '0236 000 000' } });
    expect(site!.hostnames).toEqual(['danang.example.vn', 'stttt.danang.example.vn']);
    const directory = new SiteDirectory(t.db);
    await directory.reload();
    expect(directory.getByHost('DANANG.example.vn:3000')?.key).toBe('danang');
    expect(directory.getByHost('other.example.vn')).toBeUndefined();
    // replacing host names drops the old ones
    await upsertSite(t.db, { key: 'danang', name: 'Trang TTĐT Sở TTTT Đà Nẵng', kind: 'provincial_department', organisationId: orgId, hostnames: ['danang.example.vn'] }, now);
    await directory.reload();
    expect(directory.getByHost('stttt.danang.example.vn')).toBeUndefined();
    expect((await listSites(t.db)).filter((s) => s.key === 'danang')).toHaveLength(1);
  });

  it('stores redirects by normalised site-relative path and refuses impossible paths', async () => {
    const siteId = await upsertSite(t.db, { key: 'redir', name: 'Trang chuyển hướng', kind: 'unit_page' }, now);
    await upsertRedirect(t.db, { siteId, fromPath: '/tin-cũ/bài-viết/', toUrl: '/langson/bai-viet/moi' }, now);
    expect((await findRedirect(t.db, siteId, '/tin-c%C5%A9/b%C3%A0i-vi%E1%BA%BFt'))?.toUrl).toBe('/langson/bai-viet/moi');
    expect((await findRedirect(t.db, siteId, '/tin-cũ/bài-viết'.normalize('NFD')))?.statusCode).toBe(301);
    expect(await findRedirect(t.db, siteId, '/x%00y')).toBeNull();
    expect(normaliseRedirectPath('/a%00')).toBeNull();
    await expect(upsertRedirect(t.db, { siteId, fromPath: '/a\u0000b', toUrl: '/x' }, now)).rejects.toBeInstanceOf(ValidationError);
    // replacing keeps one row
    await upsertRedirect(t.db, { siteId, fromPath: '/tin-cũ/bài-viết', toUrl: '/moi-hon', statusCode: 302 }, now);
    expect(await findRedirect(t.db, siteId, '/tin-cũ/bài-viết')).toMatchObject({ toUrl: '/moi-hon', statusCode: 302 });
  });
});

describe.each(ENGINES)('the demo network on %s', (engine) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase(engine);
  });
  afterAll(async () => t.dispose());

  it('creates the ministry portal, 16 unit pages and 63 provincial department pages with their organisations', async () => {
    const summary = await createDemoNetwork(t.db, now, { hostnameSuffix: 'localhost' });
    expect(summary.sites).toBe(80);
    const sites = await listSites(t.db);
    expect(sites.filter((s) => s.kind === 'ministry_portal').map((s) => s.key)).toEqual(['bo-tttt']);
    expect(sites.filter((s) => s.kind === 'unit_page')).toHaveLength(16);
    const departments = sites.filter((s) => s.kind === 'provincial_department');
    expect(departments).toHaveLength(63);
    const langson = sites.find((s) => s.key === 'langson')!;
    expect(langson.name).toBe('Trang thông tin điện tử Sở Thông tin và Truyền thông Lạng Sơn');
    expect(langson.organisationShortName).toBe('Sở TTTT Lạng Sơn');
    expect(langson.hostnames).toEqual(['langson.localhost']);
    expect(sites.find((s) => s.key === 'hochiminh')?.organisationName).toBe('Sở Thông tin và Truyền thông Hồ Chí Minh');
    expect(sites.find((s) => s.key === 'daklak')?.name).toContain('Đắk Lắk');
    // the departments are in Vietnamese alphabetical order: An Giang first, Yên Bái last
    expect(departments[0]!.key).toBe('angiang');
    expect(departments.at(-1)!.key).toBe('yenbai');
    // the divisions the source article names exist under the Lạng Sơn department
    expect((await findOrganisationByName(t.db, 'Trung tâm Công nghệ số'))?.parentId).toBe(langson.organisationId);
    const cats = await t.db.selectFrom('categories').select(['name', 'slug', 'parent_id']).where('site_id', '=', langson.id).orderBy('position').execute();
    expect(cats.map((c) => c.slug)).toEqual(['tin-hoat-dong', 'chuyen-doi-so', 'thong-tin-bao-chi-xuat-ban', 'diem-bao']);
  });

  it('is idempotent: a second run changes no counts', async () => {
    const count = async (table: 'sites' | 'organisations' | 'categories' | 'site_hostnames') =>
      Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const before = [await count('sites'), await count('organisations'), await count('categories'), await count('site_hostnames')];
    await createDemoNetwork(t.db, now, { hostnameSuffix: 'localhost' });
    expect([await count('sites'), await count('organisations'), await count('categories'), await count('site_hostnames')]).toEqual(before);
  });

  it('derives province site keys by folding the short name', () => {
    expect(provinceSiteKey('Lạng Sơn')).toBe('langson');
    expect(provinceSiteKey('Bà Rịa - Vũng Tàu')).toBe('bariavungtau');
    expect(provinceSiteKey('Đắk Nông'.normalize('NFD'))).toBe('daknong');
  });
});
