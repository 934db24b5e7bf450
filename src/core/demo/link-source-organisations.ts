/**
 * Links articles to the organisation they credit: where an article's `source_name` is the
 * name (or short name) of its site's organisation or one of that organisation's divisions,
 * `source_organisation_id` is set. Imports carry the name only; this makes "Nguồn" a real link
 * to the organisation record.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';

/**
 * Sets `source_organisation_id` on articles whose source name matches an organisation of
 * their site (the site's own organisation or its direct children). Leaves others unchanged.
 * @returns the number of articles linked now.
 */
export async function linkSourceOrganisations(db: Kysely<Database>): Promise<number> {
  const rows = await db
    .selectFrom('articles')
    .innerJoin('sites', 'sites.id', 'articles.site_id')
    .select(['articles.id', 'articles.source_name', 'sites.organisation_id'])
    .where('articles.source_name', 'is not', null)
    .where('articles.source_organisation_id', 'is', null)
    .where('sites.organisation_id', 'is not', null)
    .execute();
  if (!rows.length) return 0;
  const orgs = await db.selectFrom('organisations').select(['id', 'name', 'short_name', 'parent_id']).execute();
  let linked = 0;
  for (const row of rows) {
    const match = orgs.find(
      (o) => (o.id === row.organisation_id || o.parent_id === row.organisation_id) && (o.name === row.source_name || o.short_name === row.source_name),
    );
    if (match) {
      await db.updateTable('articles').set({ source_organisation_id: match.id }).where('id', '=', row.id).execute();
      linked++;
    }
  }
  return linked;
}
