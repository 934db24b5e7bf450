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
  /** The site this one was merged into (status `merged`). */
  merged_into_site_id: number | null;
  merged_at: string | null;
}

export interface SiteHostnamesTable {
  hostname: string;
  site_id: number;
  /** 1: answers 301 to the same path on the site's primary hostname (an old hostname). */
  redirect: Generated<number>;
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
  author_user_id: number | null;
  assignee_user_id: number | null;
  withdrawal_reason: string | null;
  withdrawn_at: string | null;
  withdrawal_redirect_url: string | null;
  state_changed_at: string | null;
  schedule_error: string | null;
  /** For a syndicated copy or a proposal: the original article. */
  origin_article_id: number | null;
  /** 1 while a syndicated copy follows its original's changes. */
  follows_origin: Generated<number>;
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

export interface UsersTable {
  id: Generated<number>;
  /** Lower-cased, NFC; unique. */
  email: string;
  display_name: string;
  organisation_id: number | null;
  /** argon2id PHC string. */
  password_hash: string;
  /** Base32 TOTP secret (RFC 6238) once enrolment started; null otherwise. */
  totp_secret: string | null;
  totp_enabled: Generated<number>;
  /** `active` | `disabled` */
  status: Generated<string>;
  must_change_password: Generated<number>;
  password_changed_at: string;
  last_sign_in_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface MembershipsTable {
  id: Generated<number>;
  user_id: number;
  /** Null for a network-wide role (`network_admin`). */
  site_id: number | null;
  role: string;
  created_at: string;
}

export interface SessionsTable {
  /** SHA-256 hex of the session token. */
  id: string;
  user_id: number;
  /** `full` | `totp_enrolment` */
  stage: Generated<string>;
  csrf_token: string;
  address: string | null;
  user_agent: string | null;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  revoked_at: string | null;
}

export interface SignInAttemptsTable {
  id: Generated<number>;
  email: string;
  address: string;
  succeeded: number;
  at: string;
}

export interface ApiTokensTable {
  id: Generated<number>;
  name: string;
  site_id: number;
  role: string;
  prefix: string;
  /** SHA-256 hex of the token. */
  token_hash: string;
  created_by_user_id: number | null;
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface ArticleEventsTable {
  id: Generated<number>;
  article_id: number;
  site_id: number;
  action: string;
  from_state: string;
  to_state: string;
  actor_user_id: number | null;
  actor_label: string;
  reason: string | null;
  /** JSON object. */
  details: Generated<string>;
  at: string;
}

export interface ArticleRevisionsTable {
  id: Generated<number>;
  article_id: number;
  revision: number;
  title: string;
  lead: string | null;
  body: string;
  /** JSON object of the other editable fields. */
  metadata: Generated<string>;
  author_user_id: number | null;
  author_label: string;
  note: string | null;
  created_at: string;
}

export interface ArticleCorrectionsTable {
  id: Generated<number>;
  article_id: number;
  note: string;
  revision: number;
  created_by_user_id: number | null;
  created_at: string;
}

export interface ArticleCommentsTable {
  id: Generated<number>;
  article_id: number;
  author_user_id: number | null;
  author_label: string;
  body: string;
  created_at: string;
  resolved_at: string | null;
  resolved_by_user_id: number | null;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  /** `user` | `token` | `system` | `anonymous` */
  actor_type: string;
  actor_id: number | null;
  actor_label: string;
  action: string;
  site_id: number | null;
  subject_type: string | null;
  subject_id: number | null;
  /** JSON object. */
  details: Generated<string>;
  address: string | null;
  prev_hash: string;
  hash: string;
}

export interface EmailOutboxTable {
  id: Generated<number>;
  to_address: string;
  subject: string;
  text_body: string;
  /** `pending` | `sending` | `sent` | `failed` */
  status: Generated<string>;
  attempts: Generated<number>;
  next_attempt_at: string;
  last_error: string | null;
  reason_key: string | null;
  created_at: string;
  sent_at: string | null;
}

/** The whole schema. */
/** A copy of an article on another site: `down` = syndicated, `up` = proposed. */
export interface SyndicationsTable {
  id: Generated<number>;
  /** `up` | `down` */
  direction: string;
  source_article_id: number;
  source_site_id: number;
  target_site_id: number;
  copy_article_id: number | null;
  /** See core/network/syndication.ts for the values. */
  status: string;
  following: Generated<number>;
  requested_by_user_id: number | null;
  note: string | null;
  created_at: string;
  updated_at: string;
}

/** One fan-out job: create, update or withdraw one copy. */
export interface FanoutJobsTable {
  id: Generated<number>;
  syndication_id: number;
  kind: string;
  source_revision: number;
  /** `pending` | `running` | `done` | `failed` */
  state: Generated<string>;
  attempts: Generated<number>;
  run_after: string;
  locked_until: string | null;
  last_error: string | null;
  created_at: string;
  updated_at: string;
  finished_at: string | null;
}

export interface NetworkSettingsTable {
  key: string;
  /** JSON */
  value: string;
  updated_at: string;
}

export interface SiteKeyAliasesTable {
  key: string;
  site_id: number;
  created_at: string;
}

export interface PreviewLinksTable {
  id: Generated<number>;
  article_id: number;
  token_hash: string;
  created_by_user_id: number | null;
  expires_at: string;
  revoked_at: string | null;
  created_at: string;
}

export interface MenuItemsTable {
  id: Generated<number>;
  site_id: number;
  parent_id: number | null;
  label: string;
  url: string;
  position: Generated<number>;
  created_at: string;
  updated_at: string;
}

/** A rapid-response case: one false claim and all its reports. */
export interface RrCasesTable {
  id: Generated<number>;
  desk_site_id: number;
  code: string;
  title: string;
  claim_text: string;
  claim_folded: string;
  normalized_url: string | null;
  category: Generated<string>;
  priority: Generated<string>;
  state: Generated<string>;
  organisation_id: number | null;
  assignee_user_id: number | null;
  first_seen_at: string;
  deadline_at: string;
  report_count: Generated<number>;
  rating: string | null;
  rating_note: string | null;
  rated_at: string | null;
  rated_by_user_id: number | null;
  rebuttal_article_id: number | null;
  answered_at: string | null;
  forwarded_to: string | null;
  forward_note: string | null;
  merged_into_case_id: number | null;
  closed_at: string | null;
  created_at: string;
  updated_at: string;
}

/** One report of a claim (public form, staff entry or partner API). */
export interface RrReportsTable {
  id: Generated<number>;
  case_id: number;
  tracking_code: string;
  channel: string;
  site_id: number | null;
  url: string | null;
  normalized_url: string | null;
  where_seen: string | null;
  description: string;
  description_folded: string;
  contact_name: string | null;
  contact_email: string | null;
  contact_phone: string | null;
  address_hash: string | null;
  content_hash: string;
  created_by_user_id: number | null;
  api_token_id: number | null;
  created_at: string;
}

export interface RrReportFilesTable {
  id: Generated<number>;
  report_id: number;
  storage_key: string;
  mime_type: string;
  bytes: number;
  width: number;
  height: number;
  created_at: string;
}

export interface RrCaseEventsTable {
  id: Generated<number>;
  case_id: number;
  action: string;
  from_state: string | null;
  to_state: string | null;
  actor_user_id: number | null;
  actor_label: string;
  note: string | null;
  /** JSON */
  details: Generated<string>;
  at: string;
}

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
  users: UsersTable;
  memberships: MembershipsTable;
  sessions: SessionsTable;
  sign_in_attempts: SignInAttemptsTable;
  api_tokens: ApiTokensTable;
  article_events: ArticleEventsTable;
  article_revisions: ArticleRevisionsTable;
  article_corrections: ArticleCorrectionsTable;
  article_comments: ArticleCommentsTable;
  audit_log: AuditLogTable;
  email_outbox: EmailOutboxTable;
  syndications: SyndicationsTable;
  fanout_jobs: FanoutJobsTable;
  network_settings: NetworkSettingsTable;
  site_key_aliases: SiteKeyAliasesTable;
  preview_links: PreviewLinksTable;
  menu_items: MenuItemsTable;
  rr_cases: RrCasesTable;
  rr_reports: RrReportsTable;
  rr_report_files: RrReportFilesTable;
  rr_case_events: RrCaseEventsTable;
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
export type UserRow = Selectable<UsersTable>;
export type MembershipRow = Selectable<MembershipsTable>;
export type SessionRow = Selectable<SessionsTable>;
export type ApiTokenRow = Selectable<ApiTokensTable>;
export type ArticleEventRow = Selectable<ArticleEventsTable>;
export type ArticleRevisionRow = Selectable<ArticleRevisionsTable>;
export type ArticleCommentRow = Selectable<ArticleCommentsTable>;
export type AuditLogRow = Selectable<AuditLogTable>;
export type NewAuditLogRow = Insertable<AuditLogTable>;
export type EmailOutboxRow = Selectable<EmailOutboxTable>;

/**
 * SQLite only (migration 2026-11-30T0200-create-search): the full-text index, an FTS5 table
 * without stored content (`content=''`, `contentless_delete=1`, `tokenize='ascii'`), one row
 * per article with `rowid` = the article's id. Columns hold space-separated tokens made by
 * core/search: folded title, folded lead and tag names, folded body, and per section the
 * distinct exact keys of the tokens with diacritics. Read and written only by core/search.
 */
export interface SearchFtsTable {
  rowid: number;
  title: string;
  lead: string;
  body: string;
  exact_title: string;
  exact_lead: string;
  exact_body: string;
}

/**
 * PostgreSQL only (migration 2026-11-30T0200-create-search): one row per article, with a
 * `tsvector` of the folded tokens (weights A title, B lead and tags, D body), one of the exact
 * keys of the tokens with diacritics (once per section, same weights) and one of the folded
 * title; each GIN-indexed. All are written as `tsvector` literals built by core/search (text
 * here). Read and written only by core/search.
 */
export interface SearchDocumentsTable {
  article_id: number;
  folded: string;
  exact: string;
  /** The folded title alone (no weights), for the title tier of large result sets. */
  title: string;
}

/** The search tables (declaration merging: appended to {@link Database} above). */
export interface Database {
  search_fts: SearchFtsTable;
  search_documents: SearchDocumentsTable;
}
