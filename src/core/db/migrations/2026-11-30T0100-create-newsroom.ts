/**
 * Newsroom tables: people (users), their roles per site (memberships), sessions, sign-in
 * attempts, API tokens; article workflow events, revisions, corrections and comments; the
 * hash-chained audit log; the e-mail outbox. Adds authorship, assignment and withdrawal
 * columns to `articles`. Valid on SQLite and PostgreSQL; frozen once landed.
 */
import type { CreateTableBuilder, Kysely } from 'kysely';

/** Creates the newsroom tables. Takes an untyped handle and imports no app code. */
export async function up(db: Kysely<any>): Promise<void> {
  const isPg = db.getExecutor().adapter.constructor.name === 'PostgresAdapter';
  const id = <T extends string>(t: CreateTableBuilder<T, never>): CreateTableBuilder<T, 'id'> =>
    isPg
      ? t.addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
      : t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());

  await id(db.schema.createTable('users'))
    // Stored lower-cased and NFC; unique across the network.
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('organisation_id', 'integer', (c) => c.references('organisations.id').onDelete('set null'))
    .addColumn('password_hash', 'text', (c) => c.notNull())
    // Base32 TOTP secret once enrolled (RFC 6238); null when the person has none.
    .addColumn('totp_secret', 'text')
    .addColumn('totp_enabled', 'integer', (c) => c.notNull().defaultTo(0))
    // `active` | `disabled`
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    // 1 when the password was set by someone else and must be changed at next sign-in.
    .addColumn('must_change_password', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('password_changed_at', 'text', (c) => c.notNull())
    .addColumn('last_sign_in_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  // Who holds which role on which site. `site_id` null: a network-wide role (network_admin).
  await id(db.schema.createTable('memberships'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('site_id', 'integer', (c) => c.references('sites.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('memberships_user_idx').on('memberships').columns(['user_id', 'site_id']).execute();
  await db.schema.createIndex('memberships_site_role_idx').on('memberships').columns(['site_id', 'role']).execute();

  await db.schema
    .createTable('sessions')
    // SHA-256 (hex) of the random session token; the token itself is only in the cookie.
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    // `full`, or `totp_enrolment` when the person must first set up a second factor.
    .addColumn('stage', 'text', (c) => c.notNull().defaultTo('full'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('address', 'text')
    .addColumn('user_agent', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema.createIndex('sessions_user_idx').on('sessions').column('user_id').execute();

  await id(db.schema.createTable('sign_in_attempts'))
    // Folded, lower-cased e-mail as typed (the account may not exist).
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('succeeded', 'integer', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sign_in_attempts_email_idx').on('sign_in_attempts').columns(['email', 'at']).execute();
  await db.schema.createIndex('sign_in_attempts_address_idx').on('sign_in_attempts').columns(['address', 'at']).execute();

  await id(db.schema.createTable('api_tokens'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    // First characters of the token, shown in lists to tell tokens apart.
    .addColumn('prefix', 'text', (c) => c.notNull())
    // SHA-256 (hex) of the whole token; the token is shown once and never stored.
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_by_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text')
    .addColumn('last_used_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute();

  await db.schema.alterTable('articles').addColumn('author_user_id', 'integer', (c) => c.references('users.id').onDelete('set null')).execute();
  await db.schema.alterTable('articles').addColumn('assignee_user_id', 'integer', (c) => c.references('users.id').onDelete('set null')).execute();
  await db.schema.alterTable('articles').addColumn('withdrawal_reason', 'text').execute();
  await db.schema.alterTable('articles').addColumn('withdrawn_at', 'text').execute();
  // Where a withdrawn article's URL sends readers (301) instead of the 410 notice.
  await db.schema.alterTable('articles').addColumn('withdrawal_redirect_url', 'text').execute();
  await db.schema.alterTable('articles').addColumn('state_changed_at', 'text').execute();
  // Last failure of the scheduler to publish this article (shown to editors); null when fine.
  await db.schema.alterTable('articles').addColumn('schedule_error', 'text').execute();
  await db.schema.createIndex('articles_site_state_idx').on('articles').columns(['site_id', 'state', 'updated_at']).execute();
  await db.schema.createIndex('articles_state_published_idx').on('articles').columns(['state', 'published_at']).execute();

  // Every workflow transition, with actor, time and reason (DESIGN.md §2.1).
  await id(db.schema.createTable('article_events'))
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('site_id', 'integer', (c) => c.notNull().references('sites.id').onDelete('cascade'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_state', 'text', (c) => c.notNull())
    .addColumn('to_state', 'text', (c) => c.notNull())
    .addColumn('actor_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('actor_label', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    // JSON object: schedule time, lateness, redirect…
    .addColumn('details', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('article_events_article_idx').on('article_events').columns(['article_id', 'id']).execute();

  // Every save of an article's content: a full snapshot, so any two can be compared.
  await id(db.schema.createTable('article_revisions'))
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('lead', 'text')
    .addColumn('body', 'text', (c) => c.notNull())
    // JSON object of the other editable fields (byline, source, categories, tags, cover, type).
    .addColumn('metadata', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('author_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('author_label', 'text', (c) => c.notNull())
    // Why this revision exists when it is not a plain save: `restore of 3`, `correction`, `import`.
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('article_revisions_article_revision_unique', ['article_id', 'revision'])
    .execute();

  // Public correction notes (đính chính), shown on the article page with their time.
  await id(db.schema.createTable('article_corrections'))
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('created_by_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('article_corrections_article_idx').on('article_corrections').column('article_id').execute();

  // Internal editorial comments, never public.
  await id(db.schema.createTable('article_comments'))
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('author_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('author_label', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('resolved_at', 'text')
    .addColumn('resolved_by_user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .execute();
  await db.schema.createIndex('article_comments_article_idx').on('article_comments').column('article_id').execute();

  // Append-only, hash-chained: hash = SHA-256(previous hash + canonical JSON of the entry).
  await id(db.schema.createTable('audit_log'))
    .addColumn('at', 'text', (c) => c.notNull())
    // `user` | `token` | `system` | `anonymous`
    .addColumn('actor_type', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'integer')
    .addColumn('actor_label', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('site_id', 'integer')
    .addColumn('subject_type', 'text')
    .addColumn('subject_id', 'integer')
    .addColumn('details', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('address', 'text')
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_log_subject_idx').on('audit_log').columns(['subject_type', 'subject_id']).execute();
  await db.schema.createIndex('audit_log_site_idx').on('audit_log').columns(['site_id', 'id']).execute();

  // E-mails to send; a worker delivers them over SMTP with retries, never in a request.
  await id(db.schema.createTable('email_outbox'))
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('text_body', 'text', (c) => c.notNull())
    // `pending` | `sending` | `sent` | `failed`
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    .addColumn('last_error', 'text')
    // What caused it, e.g. `article.submitted:42:7` (no duplicate for one cause and recipient).
    .addColumn('reason_key', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'text')
    .execute();
  await db.schema.createIndex('email_outbox_due_idx').on('email_outbox').columns(['status', 'next_attempt_at']).execute();
}

/** Drops the newsroom tables and columns. */
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['email_outbox', 'audit_log', 'article_comments', 'article_corrections', 'article_revisions', 'article_events', 'api_tokens', 'sign_in_attempts', 'sessions', 'memberships']) {
    await db.schema.dropTable(table).execute();
  }
  await db.schema.dropIndex('articles_site_state_idx').execute();
  await db.schema.dropIndex('articles_state_published_idx').execute();
  for (const column of ['author_user_id', 'assignee_user_id', 'withdrawal_reason', 'withdrawn_at', 'withdrawal_redirect_url', 'state_changed_at', 'schedule_error']) {
    await db.schema.alterTable('articles').dropColumn(column).execute();
  }
  await db.schema.dropTable('users').execute();
}
