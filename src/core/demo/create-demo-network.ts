/**
 * Creates the demo network in the world of the source article (September 2022): the Ministry
 * of Information and Communications' portal, e-pages of its units, and the pages of the 63
 * provincial Departments of Information and Communications, each with its organisation and
 * categories. Generated from demo/organisations-2022.json and demo/provinces-2024.json.
 * Idempotent: running it again updates the same rows.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { foldText, slugify, compareVietnamese } from '../text/index.ts';
import { upsertOrganisation } from '../organisations/organisation.repository.ts';
import { upsertSite } from '../sites/site.repository.ts';
import type { SiteKind } from '../sites/site.ts';
import { readDemoJson, type DemoOrganisations, type DemoProvince } from './demo-files.ts';

/** A category to create: name, optional children. Slugs come from the names. */
interface CategorySpec {
  name: string;
  children?: CategorySpec[];
}

/** Categories of each kind of site. */
export const DEMO_CATEGORIES: Record<SiteKind, CategorySpec[]> = {
  ministry_portal: [
    { name: 'Tin tức - Sự kiện', children: [{ name: 'Hoạt động của Bộ' }, { name: 'Tin ngành' }] },
    { name: 'Chuyển đổi số' },
    { name: 'Văn bản pháp luật' },
    { name: 'Điểm báo' },
  ],
  unit_page: [{ name: 'Tin hoạt động' }, { name: 'Điểm báo' }],
  provincial_department: [
    { name: 'Tin hoạt động' },
    { name: 'Chuyển đổi số' },
    { name: 'Thông tin - Báo chí - Xuất bản' },
    { name: 'Điểm báo' },
  ],
};

/** The site key of a province's department: its short name folded, letters only (`langson`). */
export function provinceSiteKey(shortName: string): string {
  return foldText(shortName).replace(/[^a-z0-9]/g, '');
}

/** Summary of what {@link createDemoNetwork} made. */
export interface DemoNetworkSummary {
  sites: number;
  organisations: number;
  categories: number;
  /** Site id by key. */
  siteIds: Map<string, number>;
}

async function ensureCategories(db: Kysely<Database>, siteId: number, specs: CategorySpec[], now: Date, parentId: number | null = null): Promise<number> {
  let count = 0;
  for (const [index, spec] of specs.entries()) {
    const slug = slugify(spec.name);
    const existing = await db.selectFrom('categories').select('id').where('site_id', '=', siteId).where('slug', '=', slug).executeTakeFirst();
    const id = existing
      ? existing.id
      : (
          await db
            .insertInto('categories')
            .values({ site_id: siteId, parent_id: parentId, name: spec.name, slug, position: index, created_at: now.toISOString() })
            .returning('id')
            .executeTakeFirstOrThrow()
        ).id;
    count += 1;
    if (spec.children) count += await ensureCategories(db, siteId, spec.children, now, id);
  }
  return count;
}

/**
 * Creates (or refreshes) the whole demo network in one transaction.
 * @param options.hostnameSuffix when set (e.g. `localhost`), each site also answers on
 *   `<key>.<suffix>` so host-based routing can be tried locally.
 */
export async function createDemoNetwork(
  db: Kysely<Database>,
  now: Date,
  options: { hostnameSuffix?: string } = {},
): Promise<DemoNetworkSummary> {
  const orgs = readDemoJson<DemoOrganisations>('organisations-2022.json');
  const provinces = readDemoJson<{ provinces: DemoProvince[] }>('provinces-2024.json').provinces;
  const hostsFor = (key: string) => (options.hostnameSuffix ? [`${key}.${options.hostnameSuffix}`] : []);

  return db.transaction().execute(async (trx) => {
    const siteIds = new Map<string, number>();
    let organisations = 0;
    let categories = 0;

    const ministryOrgId = await upsertOrganisation(
      trx,
      { key: orgs.ministry.key, name: orgs.ministry.name, nameEn: orgs.ministry.name_en, shortName: orgs.ministry.short, kind: 'ministry' },
      now,
    );
    organisations += 1;
    const portalId = await upsertSite(
      trx,
      {
        key: orgs.ministry.key,
        name: orgs.ministry.portal,
        kind: 'ministry_portal',
        organisationId: ministryOrgId,
        settings: { tagline: orgs.ministry.name_en },
        hostnames: hostsFor(orgs.ministry.key),
        position: 0,
      },
      now,
    );
    siteIds.set(orgs.ministry.key, portalId);
    categories += await ensureCategories(trx, portalId, DEMO_CATEGORIES.ministry_portal, now);

    for (const [index, unit] of orgs.units.entries()) {
      const orgId = await upsertOrganisation(
        trx,
        { key: unit.key, name: unit.name, nameEn: unit.name_en, shortName: unit.name, kind: 'unit', parentId: ministryOrgId },
        now,
      );
      organisations += 1;
      const siteId = await upsertSite(
        trx,
        {
          key: unit.key,
          name: `Trang thông tin điện tử ${unit.name}`,
          kind: 'unit_page',
          parentId: portalId,
          organisationId: orgId,
          settings: { tagline: unit.name_en },
          hostnames: hostsFor(unit.key),
          position: 100 + index,
        },
        now,
      );
      siteIds.set(unit.key, siteId);
      categories += await ensureCategories(trx, siteId, DEMO_CATEGORIES.unit_page, now);
    }

    const sorted = [...provinces].sort((a, b) => compareVietnamese(a.short_name, b.short_name));
    const pattern = orgs.provincial_department;
    for (const [index, province] of sorted.entries()) {
      const key = provinceSiteKey(province.short_name);
      const orgKey = `so-tttt-${key}`;
      const orgId = await upsertOrganisation(
        trx,
        {
          key: orgKey,
          name: pattern.name_pattern.replace('{province}', province.name.replace(/^(Tỉnh|Thành phố) /, '')),
          shortName: pattern.short_pattern.replace('{short}', province.short_name),
          kind: 'department',
          parentId: null,
        },
        now,
      );
      organisations += 1;
      if (key === 'langson') {
        for (const division of pattern.divisions_named_in_seed) {
          await upsertOrganisation(trx, { key: `${orgKey}-${slugify(division)}`, name: division, shortName: division, kind: 'division', parentId: orgId }, now);
          organisations += 1;
        }
      }
      const siteId = await upsertSite(
        trx,
        {
          key,
          name: pattern.page_pattern.replace('{province}', province.name.replace(/^(Tỉnh|Thành phố) /, '')),
          kind: 'provincial_department',
          parentId: portalId,
          organisationId: orgId,
          settings: { provinceCode: province.code, provinceName: province.name },
          hostnames: hostsFor(key),
          position: 1000 + index,
        },
        now,
      );
      siteIds.set(key, siteId);
      categories += await ensureCategories(trx, siteId, DEMO_CATEGORIES.provincial_department, now);
    }
    return { sites: siteIds.size, organisations, categories, siteIds };
  });
}
