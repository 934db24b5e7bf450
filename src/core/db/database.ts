/**
 * The typed database schema used by Kysely. snake_case columns as in SQL; repositories map
 * rows to camelCase domain objects at their edge. Instants are ISO 8601 UTC text
 * (`toISOString()`), JSON columns are text, booleans are integers 0/1 (same on both engines).
 */
import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

export interface OrganisationsTable {
  id: Generated<number>;
  key: string;
  name: string;
  name_en: string | null;
  short_name: string | null;
  /** `ministry` | `unit` | `department` | `division` */
  kind: string;
  parent_id: number | null;
  created_at: string;
}

export interface SitesTable {
  id: Generated<number>;
  /** Path prefix on the default host, e.g. `langson` for `/langson/…`. */
  key: string;
  name: string;
  /** `ministry_portal` | `unit_page` | `provincial_department` */
  kind: string;
  parent_id: number | null;
  organisation_id: number | null;
  /** `active` | `merged` | `archived` */
  status: Generated<string>;
  /** JSON object of site settings. */
  settings: Generated<string>;
  position: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface SiteHostnamesTable {
  hostname: string;
  site_id: number;
}

export interface CategoriesTable {
  id: Generated<number>;
  site_id: number;
  parent_id: number | null;
  name: string;
  slug: string;
  description: string | null;
  position: Generated<number>;
  created_at: string;
}

export interface MediaTable {
  id: Generated<number>;
  site_id: number;
  kind: Generated<string>;
  original_name: string;
  mime_type: string;
  width: number;
  height: number;
  bytes: number;
  sha256: string;
  storage_key: string;
  /** JSON array of `{ width, height, format, key, bytes }`. */
  variants: Generated<string>;
  alt: Generated<string>;
  caption: string | null;
  credit: string | null;
  created_at: string;
}

export interface ArticlesTable {
  id: Generated<number>;
  site_id: number;
  type: Generated<string>;
  state: Generated<string>;
  title: string;
  lead: string | null;
  body: Generated<string>;
  cover_media_id: number | null;
  cover_caption: string | null;
  cover_alt: string | null;
  byline: string | null;
  source_organisation_id: number | null;
  source_name: string | null;
  source_url: string | null;
  slug: string;
  primary_category_id: number | null;
  featured: Generated<number>;
  published_at: string | null;
  /** `minute` when the time of day is known, `day` when only the date is. */
  published_precision: Generated<string>;
  revision: Generated<number>;
  import_key: string | null;
  import_hash: string | null;
  created_at: string;
  updated_at: string;
}

export interface ArticleCategoriesTable {
  article_id: number;
  category_id: number;
}

export interface TagsTable {
  id: Generated<number>;
  site_id: number;
  name: string;
  slug: string;
  created_at: string;
}

export interface ArticleTagsTable {
  article_id: number;
  tag_id: number;
}

export interface RedirectsTable {
  id: Generated<number>;
  site_id: number;
  from_path: string;
  to_url: string;
  status_code: Generated<number>;
  created_at: string;
}

/** The whole schema. */
export interface Database {
  organisations: OrganisationsTable;
  sites: SitesTable;
  site_hostnames: SiteHostnamesTable;
  categories: CategoriesTable;
  media: MediaTable;
  articles: ArticlesTable;
  article_categories: ArticleCategoriesTable;
  tags: TagsTable;
  article_tags: ArticleTagsTable;
  redirects: RedirectsTable;
}

export type ArticleRow = Selectable<ArticlesTable>;
export type NewArticleRow = Insertable<ArticlesTable>;
export type ArticleRowUpdate = Updateable<ArticlesTable>;
export type SiteRow = Selectable<SitesTable>;
export type CategoryRow = Selectable<CategoriesTable>;
export type MediaRow = Selectable<MediaTable>;
export type NewMediaRow = Insertable<MediaTable>;
export type OrganisationRow = Selectable<OrganisationsTable>;
export type TagRow = Selectable<TagsTable>;
