/**
 * GET `/xem-truoc/:token`: the private preview of an article (issue "Newsroom web UI", item 5)
 * for anyone holding an unexpired, unrevoked link — no account needed. It shows the article's
 * CURRENT text rendered by the same theme page as `/:site/bai-viet/:slug` (article.ts), in its
 * site's frame, under a "Bản xem trước — chưa đăng" banner. Never indexed or cached
 * (`X-Robots-Tag: noindex, nofollow`, `Cache-Control: private, no-store`); an unknown, expired
 * or revoked token answers the same Vietnamese 404 page.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { h } from 'preact';
import type { Core } from '../../../core/create-core.ts';
import { listCategoryTree, listMenuCategoryTree, listPublicCorrections, listRelatedArticles } from '../../../core/articles/public-article.repository.ts';
import { openPreview, PREVIEW_PATH_WORD } from '../../../core/previews/index.ts';
import { formatDateTime } from '../../../core/text/index.ts';
import { ArticlePage } from '../../../theme/pages/article-page.tsx';
import { renderDocument } from '../../../theme/render.ts';
import { toArticlePageView } from '../../../theme/view-models/article-page.ts';
import { siteLinks } from '../../../theme/view-models/links.ts';
import { toSiteChrome } from '../../../theme/view-models/site-chrome.ts';
import { escapeHtml } from '../../../core/articles/sanitize-body.ts';
import { renderNotFound } from './error-pages.ts';

/** Headers of every preview answer, found or not. */
const PREVIEW_HEADERS = { 'x-robots-tag': 'noindex, nofollow', 'cache-control': 'private, no-store', 'referrer-policy': 'no-referrer' } as const;

/** The banner's own stylesheet (the page allows no inline styles). */
const BANNER_CSS_PATH = `/${PREVIEW_PATH_WORD}/_banner.css`;
const BANNER_CSS = `.preview-banner{position:sticky;top:0;z-index:100;background:#1b1b1b;color:#fff;padding:.6rem 1rem;font:600 1rem/1.4 'Be Vietnam Pro',system-ui,sans-serif;text-align:center;border-bottom:4px solid #ffd75e}
.preview-banner__note{display:block;font-weight:400;font-size:.9rem}
`;

function bannerHtml(expiresAt: string): string {
  return (
    `<div class="preview-banner" role="note" aria-label="Bản xem trước">Bản xem trước — chưa đăng` +
    `<span class="preview-banner__note">Trang này chỉ để xem trước, chưa công khai. Đường dẫn hết hạn lúc ${escapeHtml(formatDateTime(expiresAt))}; xin đừng chia sẻ.</span></div>`
  );
}

async function sendPreviewNotFound(core: Core, reply: FastifyReply): Promise<FastifyReply> {
  const html = await renderNotFound(core, reply.request);
  return reply.code(404).headers(PREVIEW_HEADERS).type('text/html; charset=utf-8').send(html);
}

/** Registers GET `/xem-truoc/:token` and the banner's stylesheet. */
export function registerPreviewRoute(app: FastifyInstance, core: Core): void {
  app.get(BANNER_CSS_PATH, async (_request, reply) => reply.header('cache-control', 'public, max-age=86400').type('text/css; charset=utf-8').send(BANNER_CSS));

  app.get<{ Params: { token: string } }>(`/${PREVIEW_PATH_WORD}/:token`, async (request, reply) => {
    const opened = await openPreview(core, request.params.token);
    const site = opened ? core.sites.getById(opened.article.siteId) : undefined;
    if (!opened || !site) return sendPreviewNotFound(core, reply);
    const { article, link } = opened;
    const now = core.clock();
    // Links as on the default host (`/<key>/…`): a preview link is always made there.
    const ctx = { basePath: `/${site.key}`, origin: core.config.publicUrl, networkUrl: `${core.config.publicUrl}/` };
    const links = siteLinks(ctx);
    const [related, tree, corrections] = await Promise.all([
      listRelatedArticles(core.db, site.id, article, now, 5),
      listCategoryTree(core.db, site.id),
      listPublicCorrections(core.db, article.id, now),
    ]);
    const view = toArticlePageView(article, related, site, links, corrections);
    // The page reads as the public one; only machines are told it is not to be kept or shared.
    const meta = { ...view.meta, title: `[Xem trước] ${view.meta.title}`, robots: 'noindex, nofollow', canonicalUrl: null, openGraph: [], jsonLd: null };
    const chrome = toSiteChrome(site, await listMenuCategoryTree(core.db, site.id, now, tree), links, now, { position: { activeCategoryIds: article.categories.map((c) => c.id) } });
    const page = renderDocument(h(ArticlePage, { chrome, view: { ...view, meta } }));
    const html = page
      .replace('</head>', `<link rel="stylesheet" href="${BANNER_CSS_PATH}"></head>`)
      .replace(/<body([^>]*)>/, (m) => `${m}${bannerHtml(link.expiresAt)}`);
    return reply.code(200).headers(PREVIEW_HEADERS).type('text/html; charset=utf-8').send(html);
  });
}
