/**
 * `GET /articles/:site/:slug`: one visible article in full (sanitised body with absolute URLs,
 * byline, source, categories, tags, cover with its variants, publication time, correction
 * notes, canonical URL). A withdrawn article that was once public answers 410 with its public
 * notice (when, why, where to read instead), as its page does; anything else the public may
 * not see — draft, scheduled, embargoed, rejected, another site's — answers the same 404.
 * A slug written with capitals or diacritics (NFC or NFD) finds the article by its folded form.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { findPublicArticleBySlug, findWithdrawnArticleBySlug, listPublicCorrections } from '../../../../core/articles/public-article.repository.ts';
import { noQuery } from '../../../../core/content-api/content-query.schema.ts';
import { WithdrawnArticleError } from '../../../../core/content-api/withdrawn-article-error.ts';
import type { Core } from '../../../../core/create-core.ts';
import { NotFoundError } from '../../../../core/errors.ts';
import { findBySlug } from '../../public/page-support.ts';
import { contentRoute, requirePublicSite, shorten } from '../content-route.ts';
import { contentUrls, presentArticle, presentWithdrawalNotice } from '../content.presenter.ts';

const articleParams = z.object({
  site: z.string().meta({ description: 'Khoá của trang, ví dụ langson' }),
  slug: z.string().meta({ description: 'Đường dẫn (slug) của bài viết' }),
});

/** Registers `GET /articles/:site/:slug`. */
export function registerGetArticleRoute(app: FastifyInstance, core: Core): void {
  contentRoute(
    app,
    {
      url: '/articles/:site/:slug',
      summary: 'Một tin, bài đã đăng: nội dung đầy đủ, ảnh, chuyên mục, thẻ, đính chính, địa chỉ gốc; bài đã gỡ trả 410 kèm thông báo',
      params: articleParams,
      query: noQuery,
      errorStatuses: [404, 410],
    },
    async ({ params }) => {
      const site = requirePublicSite(core, params.site);
      const now = core.clock();
      const urls = contentUrls(core);
      const article = await findBySlug(params.slug, (slug) => findPublicArticleBySlug(core.db, site.id, slug, now));
      if (!article) {
        const withdrawn = await findBySlug(params.slug, (slug) => findWithdrawnArticleBySlug(core.db, site.id, slug, now));
        if (withdrawn) throw new WithdrawnArticleError(presentWithdrawalNotice(core, urls, site, withdrawn), withdrawn.withdrawnAt);
        throw new NotFoundError(`bài viết “${shorten(params.slug)}” trên trang ${site.key}`);
      }
      const corrections = await listPublicCorrections(core.db, article.id, now);
      return presentArticle(urls, site, article, corrections);
    },
  );
}
