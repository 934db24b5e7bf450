/** Content API: articles — the list and one article (one file per endpoint). */
import type { FastifyInstance } from 'fastify';
import type { Core } from '../../../../core/create-core.ts';
import { registerGetArticleRoute } from './get-article.ts';
import { registerListArticlesRoute } from './list-articles.ts';

/** Registers the article endpoints. */
export function registerContentArticleRoutes(app: FastifyInstance, core: Core): void {
  registerListArticlesRoute(app, core);
  registerGetArticleRoute(app, core);
}
