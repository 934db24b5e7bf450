/**
 * Foundation tables: organisations, sites and their hostnames, categories, articles, tags,
 * media, redirects. Valid on SQLite and PostgreSQL. Frozen once landed: change the schema
 * with a new dated migration.
 *
 * Conventions: ids are integers; instants are ISO 8601 UTC text (`2022-09-27T07:05:00.000Z`,
 * always 24 characters so that text order is time order on both engines); JSON is text.
 */
import type { CreateTableBuilder, Kysely } from 'kysely';

/** Creates the foundation tables. Migrations take an untyped handle and import no app code. */
export async function up(db: Kysely<any>): Promise<void> {
  const isPg = db.getExecutor().adapter.constructor.name === 'PostgresAdapter';
  const id = <T extends string>(t: CreateTableBuilder<T, never>): CreateTableBuilder<T, 'id'> =>
    isPg
      ? t.addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
      : t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());

  await id(db.schema.createTable('organisations'))
    .addColumn('key', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_en', 'text')
    .addColumn('short_name', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('parent_id', 'integer', (c) => c.references('organisations.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await id(db.schema.createTable('sites'))
    .addColumn('key', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('parent_id', 'integer', (c) => c.references('sites.id').onDelete('set null'))
    .addColumn('organisation_id', 'integer', (c) => c.references('organisations.id').onDelete('set null'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .addColumn('settings', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('site_hostnames')
    .addColumn('hostname', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    .execute();

  await id(db.schema.createTable('categories'))
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    .addColumn('parent_id', 'integer', (c) => c.references('categories.id').onDelete('set null'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('position', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('categories_site_slug_unique', ['site_id', 'slug'])
    .execute();

  await id(db.schema.createTable('media'))
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('image'))
    .addColumn('original_name', 'text', (c) => c.notNull())
    .addColumn('mime_type', 'text', (c) => c.notNull())
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('height', 'integer', (c) => c.notNull())
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('variants', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('alt', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('caption', 'text')
    .addColumn('credit', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('media_site_sha_unique', ['site_id', 'sha256'])
    .execute();

  await id(db.schema.createTable('articles'))
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    .addColumn('type', 'text', (c) => c.notNull().defaultTo('news'))
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('draft'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('lead', 'text')
    .addColumn('body', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('cover_media_id', 'integer', (c) => c.references('media.id').onDelete('set null'))
    .addColumn('cover_caption', 'text')
    .addColumn('cover_alt', 'text')
    .addColumn('byline', 'text')
    .addColumn('source_organisation_id', 'integer', (c) => c.references('organisations.id').onDelete('set null'))
    .addColumn('source_name', 'text')
    .addColumn('source_url', 'text')
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('primary_category_id', 'integer', (c) => c.references('categories.id').onDelete('set null'))
    .addColumn('featured', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('published_at', 'text')
    .addColumn('published_precision', 'text', (c) => c.notNull().defaultTo('minute'))
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('import_key', 'text')
    .addColumn('import_hash', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('articles_site_slug_unique', ['site_id', 'slug'])
    .addUniqueConstraint('articles_site_import_key_unique', ['site_id', 'import_key'])
    .execute();
  await db.schema
    .createIndex('articles_public_idx')
    .on('articles')
    .columns(['site_id', 'state', 'published_at'])
    .execute();
  await db.schema.createIndex('articles_published_idx').on('articles').columns(['state', 'published_at']).execute();

  await db.schema
    .createTable('article_categories')
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('category_id', 'integer', (c) => c.notNull().references('categories.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('article_categories_pk', ['article_id', 'category_id'])
    .execute();
  await db.schema.createIndex('article_categories_category_idx').on('article_categories').column('category_id').execute();

  await id(db.schema.createTable('tags'))
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('tags_site_slug_unique', ['site_id', 'slug'])
    .execute();

  await db.schema
    .createTable('article_tags')
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('tag_id', 'integer', (c) => c.notNull().references('tags.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('article_tags_pk', ['article_id', 'tag_id'])
    .execute();
  await db.schema.createIndex('article_tags_tag_idx').on('article_tags').column('tag_id').execute();

  await id(db.schema.createTable('redirects'))
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    .addColumn('from_path', 'text', (c) => c.notNull())
    .addColumn('to_url', 'text', (c) => c.notNull())
    .addColumn('status_code', 'integer', (c) => c.notNull().defaultTo(301))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('redirects_from_unique')
    .on('redirects')
    .columns(['site_id', 'from_path'])
    .unique()
    .execute();
}

/** Drops the foundation tables. */
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['redirects', 'article_tags', 'tags', 'article_categories', 'articles', 'media', 'categories', 'site_hostnames', 'sites', 'organisations']) {
    await db.schema.dropTable(t).execute();
  }
}
