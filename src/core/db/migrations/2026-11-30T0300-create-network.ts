/**
 * Network tables (issue "The network"): syndication links between an article and its copies
 * (upward proposals and downward syndication), one fan-out job per target, network settings,
 * old keys of renamed sites, merged-site columns, redirecting hostnames; and, for the
 * newsroom UI, private preview links and site menus. Valid on SQLite and PostgreSQL; frozen
 * once landed.
 */
import type { CreateTableBuilder, Kysely } from 'kysely';

/** Creates the network tables. Takes an untyped handle and imports no app code. */
export async function up(db: Kysely<any>): Promise<void> {
  const isPg = db.getExecutor().adapter.constructor.name === 'PostgresAdapter';
  const id = <T extends string>(t: CreateTableBuilder<T, never>): CreateTableBuilder<T, 'id'> =>
    isPg
      ? t.addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
      : t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());

  // A copy of an article on another site: `down` = syndicated from source to target,
  // `up` = proposed by the source site to the target site. One row per (source, target, direction).
  await id(db.schema.createTable('syndications'))
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('source_article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('source_site_id', 'integer', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    .addColumn('target_site_id', 'integer', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    .addColumn('copy_article_id', 'integer', (c) => c.references('articles.id').onDelete('set null'))
    .addColumn('status', 'text', (c) => c.notNull())
    // 1 while the copy follows its original (corrections, updates, withdrawal); 0 once detached.
    .addColumn('following', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('requested_by_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('syndications_source_target_direction_key', ['source_article_id', 'target_site_id', 'direction'])
    .execute();
  await db.schema.createIndex('syndications_target_idx').on('syndications').columns(['target_site_id', 'direction', 'status']).execute();
  await db.schema.createIndex('syndications_copy_idx').on('syndications').column('copy_article_id').execute();

  // One job per syndication and change of the original; (syndication, kind, source revision)
  // is unique, so enqueuing or running a job twice makes one copy / one update.
  await id(db.schema.createTable('fanout_jobs'))
    .addColumn('syndication_id', 'integer', (c) => c.notNull().references('syndications.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('source_revision', 'integer', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('run_after', 'text', (c) => c.notNull())
    .addColumn('locked_until', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text')
    .addUniqueConstraint('fanout_jobs_once_key', ['syndication_id', 'kind', 'source_revision'])
    .execute();
  await db.schema.createIndex('fanout_jobs_due_idx').on('fanout_jobs').columns(['state', 'run_after']).execute();

  // Network-wide settings as JSON values (e.g. which sites may propose to which).
  await db.schema
    .createTable('network_settings')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  // Old keys of renamed sites: `/<old key>/…` answers 301 to the same path under the new key.
  await db.schema
    .createTable('site_key_aliases')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema.alterTable('sites').addColumn('merged_into_site_id', 'integer', (c) => c.references('sites.id').onDelete('set null')).execute();
  await db.schema.alterTable('sites').addColumn('merged_at', 'text').execute();
  // 1: requests on this hostname answer 301 to the same path on the site's primary hostname.
  await db.schema.alterTable('site_hostnames').addColumn('redirect', 'integer', (c) => c.notNull().defaultTo(0)).execute();

  // A syndicated copy or a proposal points to its original; follows_origin = 1 while a
  // syndicated copy takes the original's changes.
  await db.schema.alterTable('articles').addColumn('origin_article_id', 'integer', (c) => c.references('articles.id').onDelete('set null')).execute();
  await db.schema.alterTable('articles').addColumn('follows_origin', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.createIndex('articles_origin_idx').on('articles').column('origin_article_id').execute();

  // Private, expiring preview links of an article (only the SHA-256 of the token is stored).
  await id(db.schema.createTable('preview_links'))
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_by_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  // A site's navigation menu (nested one level by parent_id), edited by site admins.
  await id(db.schema.createTable('menu_items'))
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    .addColumn('parent_id', 'integer', (c) => c.references('menu_items.id').onDelete('cascade'))
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('menu_items_site_idx').on('menu_items').columns(['site_id', 'position']).execute();
}

/** Drops what {@link up} created. */
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['menu_items', 'preview_links', 'fanout_jobs', 'syndications', 'network_settings', 'site_key_aliases']) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.dropIndex('articles_origin_idx').execute();
  for (const column of ['origin_article_id', 'follows_origin']) await db.schema.alterTable('articles').dropColumn(column).execute();
  for (const column of ['merged_into_site_id', 'merged_at']) await db.schema.alterTable('sites').dropColumn(column).execute();
  await db.schema.alterTable('site_hostnames').dropColumn('redirect').execute();
}
