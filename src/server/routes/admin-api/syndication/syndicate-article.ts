/**
 * POST `/articles/:id/syndicate` `{ to, note? }`: a chief editor sends a published or
 * scheduled article down the network (core/network/syndication.ts). Answers 202 with what was
 * sent and where the article now is carried; the copies are made right after, one fan-out job
 * per receiving site.
 */
import type { FastifyInstance } from 'fastify';
import type { Core } from '../../../../core/create-core.ts';
import { listArticleSyndications, syndicateArticle, syndicateInput } from '../../../../core/network/syndication.ts';
import { adminRoute, idParams } from '../route.ts';

/** Registers the syndicate endpoint. */
export function registerSyndicateRoute(app: FastifyInstance, core: Core): void {
  adminRoute(
    app,
    {
      method: 'POST',
      url: '/articles/:id/syndicate',
      summary: 'Chia sẻ bài xuống mạng lưới: toàn mạng ("network"), theo loại trang ({ kinds }) hoặc các trang chọn ({ siteIds }); mỗi trang nhận một bản sao',
      tag: 'syndication',
      params: idParams,
      body: syndicateInput,
      successStatus: 202,
      errorStatuses: [400, 403, 404],
    },
    async ({ actor, params, body, address }) => {
      const result = await syndicateArticle(core, actor, params.id, body, address);
      return { ...result, syndication: await listArticleSyndications(core, actor, params.id) };
    },
  );
}
