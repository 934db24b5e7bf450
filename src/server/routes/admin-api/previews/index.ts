/**
 * Admin API: preview links of an article (issue "Newsroom web UI", item 5).
 * `POST /articles/:id/previews` makes one (the URL with its token is answered once),
 * `GET /articles/:id/previews` lists them, `DELETE /articles/:id/previews/:linkId` revokes one.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Core } from '../../../../core/create-core.ts';
import { createPreviewLink, createPreviewLinkInput, listArticlePreviewLinks, revokePreviewLink, isPreviewLinkActive, type PreviewLink } from '../../../../core/previews/index.ts';
import { adminRoute, idParams } from '../route.ts';

const linkParams = z.object({ id: z.coerce.number().int().positive(), linkId: z.coerce.number().int().positive() });

function present(link: PreviewLink, now: Date) {
  return {
    id: link.id,
    articleId: link.articleId,
    createdBy: link.createdByUserId !== null ? { id: link.createdByUserId, name: link.createdByName } : null,
    createdAt: link.createdAt,
    expiresAt: link.expiresAt,
    revokedAt: link.revokedAt,
    active: isPreviewLinkActive(link, now),
  };
}

/** Registers the preview link endpoints. */
export function registerPreviewRoutes(app: FastifyInstance, core: Core): void {
  adminRoute(
    app,
    {
      method: 'POST',
      url: '/articles/:id/previews',
      summary: 'Tạo đường dẫn xem trước riêng tư, có hạn (1 giờ – 7 ngày, mặc định 48 giờ) cho người không có tài khoản; đường dẫn chỉ trả về một lần',
      tag: 'previews',
      params: idParams,
      body: createPreviewLinkInput,
      successStatus: 201,
      errorStatuses: [404],
    },
    async ({ actor, params, body, address }) => {
      const link = await createPreviewLink(core, actor, params.id, body, address);
      return { ...present(link, core.clock()), url: link.url };
    },
  );

  adminRoute(app, { method: 'GET', url: '/articles/:id/previews', summary: 'Các đường dẫn xem trước của bài (không kèm mã)', tag: 'previews', params: idParams, errorStatuses: [404] }, async ({ actor, params }) => {
    const now = core.clock();
    return { items: (await listArticlePreviewLinks(core, actor, params.id)).map((l) => present(l, now)) };
  });

  adminRoute(
    app,
    { method: 'DELETE', url: '/articles/:id/previews/:linkId', summary: 'Thu hồi một đường dẫn xem trước (người tạo hoặc người được sửa bài)', tag: 'previews', params: linkParams, errorStatuses: [403, 404] },
    async ({ actor, params, address }) => present(await revokePreviewLink(core, actor, params.id, params.linkId, address), core.clock()),
  );
}
