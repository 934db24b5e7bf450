/**
 * The one visibility rule (DESIGN.md §3, "Nothing is public before its time"): the public may
 * see an article only when its state is `published` and its publish time has passed. Every
 * public surface — pages, lists, feeds, sitemaps, search, APIs, caches — asks this module.
 */
import type { ExpressionBuilder } from 'kysely';
import type { Database } from '../db/database.ts';

/**
 * A Kysely `where` expression selecting publicly visible rows of `articles` at `now`.
 * Use as `.where(publiclyVisible(now))` on a query over `articles`.
 */
export function publiclyVisible(now: Date) {
  const at = now.toISOString();
  return (eb: ExpressionBuilder<Database, 'articles'>) =>
    eb.and([eb('articles.state', '=', 'published'), eb('articles.published_at', 'is not', null), eb('articles.published_at', '<=', at)]);
}

/** The same rule for one loaded article: true when the public may see it at `now`. */
export function isPubliclyVisible(article: { state: string; publishedAt: string | null }, now: Date): boolean {
  return article.state === 'published' && article.publishedAt !== null && article.publishedAt <= now.toISOString();
}
