/**
 * Rapid-response desk tables (issue "Rapid-response desk"): cases (one false claim and all its
 * reports), reports (public form, staff entry, partner API; contact details private, the
 * reporter's address only as a hash), report files (screenshots, private), and case events
 * (every state change with actor, time and note). Valid on SQLite and PostgreSQL; frozen once
 * landed.
 */
import type { CreateTableBuilder, Kysely } from 'kysely';

/** Creates the desk tables. Takes an untyped handle and imports no app code. */
export async function up(db: Kysely<any>): Promise<void> {
  const isPg = db.getExecutor().adapter.constructor.name === 'PostgresAdapter';
  const id = <T extends string>(t: CreateTableBuilder<T, never>): CreateTableBuilder<T, 'id'> =>
    isPg
      ? t.addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
      : t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());

  await id(db.schema.createTable('rr_cases'))
    // The site whose desk handles the case (the ministry portal by default).
    .addColumn('desk_site_id', 'integer', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    // Public case number, e.g. VV-2026-000123.
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('claim_text', 'text', (c) => c.notNull())
    // Folded claim text (no diacritics, đ→d, lower case, single spaces): joins reports of one claim.
    .addColumn('claim_folded', 'text', (c) => c.notNull())
    // Normalised URL of the item the claim appeared in (scheme, www, tracking parameters, slash).
    .addColumn('normalized_url', 'text')
    .addColumn('category', 'text', (c) => c.notNull().defaultTo('other'))
    .addColumn('priority', 'text', (c) => c.notNull().defaultTo('normal'))
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('new'))
    .addColumn('organisation_id', 'integer', (c) => c.references('organisations.id').onDelete('set null'))
    .addColumn('assignee_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('first_seen_at', 'text', (c) => c.notNull())
    .addColumn('deadline_at', 'text', (c) => c.notNull())
    .addColumn('report_count', 'integer', (c) => c.notNull().defaultTo(0))
    // Rating on the documented scale (core/rapid-response), with its note.
    .addColumn('rating', 'text')
    .addColumn('rating_note', 'text')
    .addColumn('rated_at', 'text')
    .addColumn('rated_by_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('rebuttal_article_id', 'integer', (c) => c.references('articles.id').onDelete('set null'))
    .addColumn('answered_at', 'text')
    // "Not within our remit": the agency it was forwarded to, and how.
    .addColumn('forwarded_to', 'text')
    .addColumn('forward_note', 'text')
    .addColumn('merged_into_case_id', 'integer', (c) => c.references('rr_cases.id').onDelete('set null'))
    .addColumn('closed_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('rr_cases_desk_state_deadline_idx').on('rr_cases').columns(['desk_site_id', 'state', 'deadline_at']).execute();
  await db.schema.createIndex('rr_cases_url_idx').on('rr_cases').column('normalized_url').execute();
  await db.schema.createIndex('rr_cases_claim_idx').on('rr_cases').column('claim_folded').execute();
  await db.schema.createIndex('rr_cases_rebuttal_idx').on('rr_cases').column('rebuttal_article_id').execute();

  await id(db.schema.createTable('rr_reports'))
    .addColumn('case_id', 'integer', (c) => c.notNull().references('rr_cases.id').onDelete('cascade'))
    // What the reporter keeps to follow the report (random, unguessable).
    .addColumn('tracking_code', 'text', (c) => c.notNull().unique())
    // `public` | `staff` | `partner`
    .addColumn('channel', 'text', (c) => c.notNull())
    // The site whose form it came through (public), or null.
    .addColumn('site_id', 'integer', (c) => c.references('sites.id').onDelete('set null'))
    .addColumn('url', 'text')
    .addColumn('normalized_url', 'text')
    .addColumn('where_seen', 'text')
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('description_folded', 'text', (c) => c.notNull())
    // Private: visible to the desk only, never on public pages, feeds, APIs or exports.
    .addColumn('contact_name', 'text')
    .addColumn('contact_email', 'text')
    .addColumn('contact_phone', 'text')
    // HMAC-SHA-256 of the client address (never the address itself).
    .addColumn('address_hash', 'text')
    // Fingerprint of the report's content, to refuse the same report twice.
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('created_by_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('api_token_id', 'integer', (c) => c.references('api_tokens.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('rr_reports_case_idx').on('rr_reports').column('case_id').execute();
  await db.schema.createIndex('rr_reports_content_idx').on('rr_reports').columns(['content_hash', 'created_at']).execute();
  await db.schema.createIndex('rr_reports_address_idx').on('rr_reports').columns(['address_hash', 'created_at']).execute();

  // Screenshots attached to a report: re-encoded images, stored privately (never under /media).
  await id(db.schema.createTable('rr_report_files'))
    .addColumn('report_id', 'integer', (c) => c.notNull().references('rr_reports.id').onDelete('cascade'))
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('mime_type', 'text', (c) => c.notNull())
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('height', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await id(db.schema.createTable('rr_case_events'))
    .addColumn('case_id', 'integer', (c) => c.notNull().references('rr_cases.id').onDelete('cascade'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_state', 'text')
    .addColumn('to_state', 'text')
    .addColumn('actor_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('actor_label', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('details', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('rr_case_events_case_idx').on('rr_case_events').columns(['case_id', 'at']).execute();
}

/** Drops what {@link up} created. */
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['rr_case_events', 'rr_report_files', 'rr_reports', 'rr_cases']) await db.schema.dropTable(table).execute();
}
