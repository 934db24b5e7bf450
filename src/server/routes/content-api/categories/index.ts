/**
 * Content API: `GET /categories?site=` — a site's categories as a tree (position order), each
 * with how many visible articles it holds with its sub-categories (the total its article list
 * shows). Categories are the site's public structure: an empty one is listed too, as its page
 * answers too.
 */
import type { FastifyInstance } from 'fastify';
import { countPublicArticlesInCategories } from '../../../../core/articles/content-api.repository.ts';
import { listCategoryTree, type CategoryNode } from '../../../../core/articles/public-article.repository.ts';
import { categoryListQuery } from '../../../../core/content-api/content-query.schema.ts';
import type { Core } from '../../../../core/create-core.ts';
import { categoryAndDescendantIds } from '../../../../theme/view-models/site-chrome.ts';
import { contentRoute, requirePublicSite } from '../content-route.ts';
import { contentUrls, presentCategoryTree } from '../content.presenter.ts';

function flatten(nodes: readonly CategoryNode[]): CategoryNode[] {
  return nodes.flatMap((n) => [n, ...flatten(n.children)]);
}

/** Registers `GET /categories`. */
export function registerContentCategoryRoutes(app: FastifyInstance, core: Core): void {
  contentRoute(
    app,
    { url: '/categories', summary: 'Cây chuyên mục của một trang, kèm số tin, bài đã đăng của mỗi chuyên mục (gồm chuyên mục con)', query: categoryListQuery, errorStatuses: [404] },
    async ({ query }) => {
      const site = requirePublicSite(core, query.site);
      const now = core.clock();
      const tree = await listCategoryTree(core.db, site.id);
      const all = flatten(tree);
      const counts = new Map<number, number>();
      for (const node of all) counts.set(node.id, await countPublicArticlesInCategories(core.db, site.id, categoryAndDescendantIds(node), now));
      return { site: { key: site.key, name: site.name }, items: presentCategoryTree(contentUrls(core), site, tree, counts), total: all.length };
    },
  );
}
