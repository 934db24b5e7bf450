/**
 * Filters of a search (site or network, type, category, publication date range) as one Kysely
 * expression over `articles`, applied by both engines beside the one visibility rule.
 */
import { PostgresAdapter, type ExpressionBuilder, type Kysely } from 'kysely';
import type { ArticleType } from '../articles/article.ts';
import type { Database } from '../db/database.ts';
import type { Engine } from '../db/dialect.ts';

/**
 * What a search is limited to. Every field is optional; nothing set means the whole network
 * (across several sites, syndicated copies that follow their original are left out).
 */
export interface SearchFilters {
  /** Only these sites (null or absent: every site). An empty list finds nothing. */
  siteIds?: number[] | null;
  /** Only this content type. */
  type?: ArticleType | null;
  /** Only articles in any of these categories (a category and its descendants). */
  categoryIds?: number[] | null;
  /** Published at or after this instant. */
  from?: Date | null;
  /** Published before this instant (exclusive). */
  to?: Date | null;
}

/**
 * A `where` expression over `articles` for the filters. Use beside `publiclyVisible(now)`.
 * @param filters the filters; absent fields do not restrict
 */
export function searchFilterExpression(filters: SearchFilters) {
  return (eb: ExpressionBuilder<Database, 'articles'>) => {
    const parts = [];
    if (filters.siteIds) parts.push(eb('articles.site_id', 'in', filters.siteIds.length ? filters.siteIds : [-1]));
    // Across several sites a syndicated copy that follows its original is a duplicate of it:
    // the original is found once. Within one site, its copies are found like its own items.
    if (!filters.siteIds || filters.siteIds.length !== 1) parts.push(eb('articles.follows_origin', '=', 0));
    if (filters.type) parts.push(eb('articles.type', '=', filters.type));
    if (filters.categoryIds) {
      const ids = filters.categoryIds.length ? filters.categoryIds : [-1];
      parts.push(eb('articles.id', 'in', eb.selectFrom('article_categories').select('article_categories.article_id').where('article_categories.category_id', 'in', ids)));
    }
    if (filters.from) parts.push(eb('articles.published_at', '>=', filters.from.toISOString()));
    if (filters.to) parts.push(eb('articles.published_at', '<', filters.to.toISOString()));
    return eb.and(parts);
  };
}

/**
 * The engine a handle (or a transaction on it) talks to, from its Kysely adapter. Lets the
 * index be kept in step from commands that only hold a transaction.
 */
export function engineOf(db: Kysely<Database>): Engine {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}
