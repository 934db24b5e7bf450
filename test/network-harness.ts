/**
 * A small network for syndication tests: a ministry portal, provincial department sites (one
 * per given setting) and a unit page, each with its organisation and a category; chief
 * editors as actors; and an original published on the ministry portal. Rows are new on every
 * call (never shared).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../src/core/db/database.ts';
import type { MemberActor } from '../src/core/policy/actor.ts';
import type { Core } from '../src/core/create-core.ts';
import { buildArticle, buildCategory, buildSite, buildTag } from './factories.ts';
import { buildMember } from './newsroom-factories.ts';

/** A site of the test network. */
export interface NetworkSite {
  id: number;
  key: string;
  organisationId: number;
  /** Its "Thời sự" category (slug `thoi-su`). */
  categoryId: number;
}

/** What {@link buildNetwork} made. */
export interface TestNetwork {
  ministry: NetworkSite;
  /** Provincial department sites, in the order of `provinces`. */
  provinces: NetworkSite[];
  unit: NetworkSite;
  /** A chief editor of the ministry portal. */
  ministryChief: MemberActor;
}

let counter = 0;

/**
 * Builds the network and reloads the core's site directory.
 * @param provinces the syndication setting of each provincial site (`auto`, `review`, `off`; undefined: default)
 */
export async function buildNetwork(core: Pick<Core, 'db' | 'sites'>, provinces: (string | undefined)[] = ['auto', 'auto']): Promise<TestNetwork> {
  const db = core.db;
  const n = ++counter;
  const site = async (kind: 'ministry_portal' | 'provincial_department' | 'unit_page', name: string, orgName: string, settings: object = {}): Promise<NetworkSite> => {
    const s = await buildSite(db, { kind, name, orgName, settings });
    const category = await buildCategory(db, s.id, { name: 'Thời sự', slug: 'thoi-su' });
    return { ...s, categoryId: category.id };
  };
  const ministry = await site('ministry_portal', `Cổng thông tin điện tử Bộ Thông tin và Truyền thông ${n}`, `Bộ Thông tin và Truyền thông ${n}`);
  const list: NetworkSite[] = [];
  for (let i = 0; i < provinces.length; i++) {
    const setting = provinces[i];
    list.push(await site('provincial_department', `Trang thông tin điện tử Sở TTTT tỉnh số ${i + 1}`, `Sở Thông tin và Truyền thông tỉnh số ${i + 1}`, setting ? { syndication: setting } : {}));
  }
  const unit = await site('unit_page', `Trang thông tin điện tử Cục Báo chí ${n}`, `Cục Báo chí ${n}`);
  await core.sites.reload();
  const ministryChief = await buildMember(db, [{ siteId: ministry.id, role: 'chief_editor' }], { name: 'Trưởng ban biên tập Bộ', organisationId: ministry.organisationId });
  return { ministry, provinces: list, unit, ministryChief };
}

/**
 * Publishes an original on the ministry portal (27/9/2022 14:05 Vietnam time unless told),
 * in its "Thời sự" category with two tags.
 */
export async function buildOriginal(
  db: Kysely<Database>,
  net: TestNetwork,
  overrides: Parameters<typeof buildArticle>[2] = {},
): Promise<{ id: number; slug: string; title: string }> {
  const n = ++counter;
  const tags = [await buildTag(db, net.ministry.id, { name: 'Chuyển đổi số', slug: `chuyen-doi-so-${n}` }), await buildTag(db, net.ministry.id, { name: 'Thông tin cơ sở', slug: `thong-tin-co-so-${n}` })];
  return buildArticle(db, net.ministry.id, {
    title: `Thủ tướng chỉ đạo đẩy mạnh chuyển đổi số quốc gia (${n})`,
    slug: `thu-tuong-chi-dao-chuyen-doi-so-${n}`,
    lead: 'Thủ tướng yêu cầu các bộ, ngành, địa phương đẩy mạnh chuyển đổi số.',
    body: '<p>Sáng 27/9, Thủ tướng Chính phủ chủ trì hội nghị trực tuyến về chuyển đổi số.</p>',
    byline: 'Minh Anh',
    categoryIds: [net.ministry.categoryId],
    tagIds: tags.map((t) => t.id),
    ...overrides,
  });
}

/** A chief editor (or another role) of a site, as an actor. */
export function memberOf(db: Kysely<Database>, siteId: number, role: 'chief_editor' | 'editor' | 'contributor' = 'chief_editor'): Promise<MemberActor> {
  return buildMember(db, [{ siteId, role }]);
}

/** The copies of an original, by site id. */
export async function copiesOf(db: Kysely<Database>, originalId: number) {
  const rows = await db
    .selectFrom('articles')
    .select(['id', 'site_id', 'state', 'title', 'body', 'slug', 'published_at', 'follows_origin', 'source_url', 'source_organisation_id', 'revision', 'withdrawal_reason'])
    .where('origin_article_id', '=', originalId)
    .orderBy('site_id')
    .execute();
  return new Map(rows.map((r) => [r.site_id, r]));
}

/** The downward syndications of an original, by target site id. */
export async function syndicationsOf(db: Kysely<Database>, originalId: number) {
  const rows = await db.selectFrom('syndications').selectAll().where('source_article_id', '=', originalId).where('direction', '=', 'down').execute();
  return new Map(rows.map((r) => [r.target_site_id, r]));
}
