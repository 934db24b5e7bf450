/**
 * POST `/articles/:id/detach` `{ revision, reason? }`: a local board detaches its syndicated
 * copy from the original; it stops following the original's changes and becomes editable.
 */
import type { FastifyInstance } from 'fastify';
import type { Core } from '../../../../core/create-core.ts';
import { listArticleCorrections, listArticleEvents } from '../../../../core/articles/newsroom-article.repository.ts';
import { detachCopy, detachInput } from '../../../../core/network/syndication.ts';
import { presentArticle } from '../articles/article.presenter.ts';
import { adminRoute, idParams } from '../route.ts';

/** Registers the detach endpoint. */
export function registerDetachRoute(app: FastifyInstance, core: Core): void {
  adminRoute(
    app,
    {
      method: 'POST',
      url: '/articles/:id/detach',
      summary: 'Tách bản sao khỏi bài gốc: không nhận đính chính, cập nhật, gỡ bài theo bài gốc nữa; ban biên tập trang được sửa',
      tag: 'syndication',
      params: idParams,
      body: detachInput,
      errorStatuses: [403, 404, 409],
    },
    async ({ actor, params, body, address }) => {
      const article = await detachCopy(core, actor, params.id, body, address);
      return presentArticle(core, actor, article, { events: await listArticleEvents(core.db, article.id), corrections: await listArticleCorrections(core.db, article.id) });
    },
  );
}
