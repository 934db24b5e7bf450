/**
 * GET `/articles/:id/syndication`: where an article was carried, for the editors of its site —
 * every receiving site with its name, the syndication status, the fan-out job's state,
 * attempts and last error, and the copy with its public URL; plus the sites it may still be
 * sent to.
 */
import type { FastifyInstance } from 'fastify';
import type { Core } from '../../../../core/create-core.ts';
import { listArticleSyndications } from '../../../../core/network/syndication.ts';
import { adminRoute, idParams } from '../route.ts';

/** Registers the "where it was carried" endpoint. */
export function registerListSyndicationRoute(app: FastifyInstance, core: Core): void {
  adminRoute(
    app,
    {
      method: 'GET',
      url: '/articles/:id/syndication',
      summary: 'Nơi bài đã được chia sẻ: từng trang nhận, trạng thái, việc gửi (số lần thử, lỗi gần nhất), bản sao và địa chỉ công khai',
      tag: 'syndication',
      params: idParams,
      errorStatuses: [403, 404],
    },
    async ({ actor, params }) => listArticleSyndications(core, actor, params.id),
  );
}
