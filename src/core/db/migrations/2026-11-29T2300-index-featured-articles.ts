/**
 * Index for the "featured" block of site homes: featured articles are few, so without it the
 * query walks every visible article of the site.
 */
import type { Kysely } from 'kysely';

/** Adds `articles_featured_idx (site_id, featured, state, published_at)`. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('articles_featured_idx').on('articles').columns(['site_id', 'featured', 'state', 'published_at']).execute();
}

/** Drops the index. */
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('articles_featured_idx').execute();
}
