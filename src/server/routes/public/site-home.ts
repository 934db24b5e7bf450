/**
 * GET `/:site/`: a site's home page — featured articles (those marked featured, else the
 * latest), the latest, and one block per top-level category with its latest items.
 */
import type { FastifyInstance } from 'fastify';
import type { ArticleType } from '../../../core/articles/article.ts';
import { h } from 'preact';
import { listLatestInCategories, listCategoryTree, listLatestArticles, listMenuCategoryTree } from '../../../core/articles/public-article.repository.ts';
import type { Core } from '../../../core/create-core.ts';
import { SiteHomePage, type HomeCategoryBlockView } from '../../../theme/pages/site-home-page.tsx';
import { renderDocument } from '../../../theme/render.ts';
import { toArticleCard } from '../../../theme/view-models/article-card.ts';
import { siteLinks } from '../../../theme/view-models/links.ts';
import { pageMeta } from '../../../theme/view-models/page-meta.ts';
import { categoryAndDescendantIds, toSiteChrome } from '../../../theme/view-models/site-chrome.ts';
import { publicSiteContext, sendNotFound, sendPage, type SiteParams } from './page-support.ts';
import { registerPageMethods } from './page-methods.ts';

const FEATURED_LIMIT = 5;
const LATEST_LIMIT = 10;
const BLOCK_LIMIT = 5;
/** News a site publishes as its own (not `brief`: other publishers' headlines; not `document`). */
const OWN_NEWS_TYPES: ArticleType[] = ['news', 'press_release', 'rebuttal'];

/** Registers GET `/:site/` (with or without the trailing slash). */
export function registerSiteHomeRoute(app: FastifyInstance, core: Core): void {
  const route = '/:site/';
  app.get<{ Params: SiteParams }>(route, async (request, reply) => {
    const ctx = publicSiteContext(core, request, request.params.site);
    if (!ctx) return sendNotFound(reply);
    const { site } = ctx;
    const now = core.clock();
    const links = siteLinks(ctx);

    const [tree, markedFeatured] = await Promise.all([
      listCategoryTree(core.db, site.id),
      listLatestArticles(core.db, site.id, now, { limit: FEATURED_LIMIT, featuredOnly: true }),
    ]);
    // Unmarked, the site's own news leads, then press-digest briefs (other publishers' headlines).
    // Legal documents are reference material: they lead only a site that has nothing else.
    let featured = markedFeatured;
    if (!featured.length) featured = await listLatestArticles(core.db, site.id, now, { limit: FEATURED_LIMIT, types: OWN_NEWS_TYPES });
    if (!featured.length) featured = await listLatestArticles(core.db, site.id, now, { limit: FEATURED_LIMIT, types: ['brief'] });
    if (!featured.length) featured = await listLatestArticles(core.db, site.id, now, { limit: FEATURED_LIMIT });
    const latest = await listLatestArticles(core.db, site.id, now, { limit: LATEST_LIMIT, excludeIds: featured.map((a) => a.id) });
    const blocks: HomeCategoryBlockView[] = [];
    for (const node of tree) {
      const items = await listLatestInCategories(core.db, site.id, categoryAndDescendantIds(node), now, BLOCK_LIMIT);
      if (items.length) {
        blocks.push({ id: node.id, name: node.name, url: links.category(node.slug), articles: items.map((a) => toArticleCard(a, links)) });
      }
    }

    const canonicalUrl = links.absolute(links.home);
    const description =
      (typeof site.settings.tagline === 'string' && site.settings.tagline) ||
      (site.organisationName ? `${site.name} – ${site.organisationName}` : site.name);
    const meta = pageMeta(site.name, {
      description,
      canonicalUrl,
      openGraph: [
        { property: 'og:type', content: 'website' },
        { property: 'og:title', content: site.name },
        { property: 'og:description', content: description },
        { property: 'og:url', content: canonicalUrl },
        { property: 'og:site_name', content: site.name },
        { property: 'og:locale', content: 'vi_VN' },
      ],
    });
    const html = renderDocument(
      h(SiteHomePage, {
        chrome: toSiteChrome(site, await listMenuCategoryTree(core.db, site.id, now, tree), links, now, { isHome: true }),
        meta,
        featured: featured.map((a) => toArticleCard(a, links)),
        latest: latest.map((a) => toArticleCard(a, links)),
        blocks,
      }),
    );
    return sendPage(reply, html);
  });
  registerPageMethods(app, core, route);
}
