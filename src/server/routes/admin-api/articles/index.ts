/**
 * Admin API: articles. One endpoint per use case: list (queues), create, read, save, restore a
 * revision, the workflow history, and one endpoint per workflow transition.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Core } from '../../../../core/create-core.ts';
import { ARTICLE_STATES, ARTICLE_TYPES } from '../../../../core/articles/article.ts';
import { createArticleInput, updateArticleInput } from '../../../../core/articles/article.schema.ts';
import { createArticle, policyTargetOf, restoreArticleRevision, updateArticle } from '../../../../core/articles/write-article.ts';
import { findNewsroomArticle, listArticleCorrections, listArticleEvents, listNewsroomArticles } from '../../../../core/articles/newsroom-article.repository.ts';
import { articleListScope, authorize, can } from '../../../../core/policy/policy.ts';
import { listAuditForSubject } from '../../../../core/audit/audit.repository.ts';
import { presentAuditPage } from '../audit/audit.presenter.ts';
import { NotFoundError } from '../../../../core/errors.ts';
import { adminRoute, idParams } from '../route.ts';
import { presentArticle, presentListItem } from './article.presenter.ts';
import { registerTransitionRoutes } from './transitions.ts';

const listQuery = z.strictObject({
  siteId: z.coerce.number().int().positive(),
  state: z.enum(ARTICLE_STATES).optional(),
  type: z.enum(ARTICLE_TYPES).optional(),
  authorId: z.coerce.number().int().positive().optional(),
  mine: z.enum(['1', 'true']).optional(),
  categoryId: z.coerce.number().int().positive().optional(),
  organisationId: z.coerce.number().int().positive().optional(),
  q: z.string().trim().max(200).optional(),
  updatedFrom: z.iso.datetime({ offset: true }).optional(),
  updatedTo: z.iso.datetime({ offset: true }).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

/** Loads an article the actor may read, or answers 404 (existence does not leak). */
async function readableArticle(core: Core, actor: Parameters<typeof authorize>[0], id: number) {
  const article = await findNewsroomArticle(core.db, id);
  if (!article) throw new NotFoundError(`bài viết ${id}`);
  authorize(actor, 'article.read', policyTargetOf(core, article), `bài viết ${id}`);
  return article;
}

/** Registers the article endpoints. */
export function registerArticleRoutes(app: FastifyInstance, core: Core): void {
  adminRoute(app, { method: 'GET', url: '/articles', summary: 'Danh sách bài của một trang (hàng đợi theo trạng thái, lọc, phân trang) kèm số bài mỗi trạng thái', tag: 'articles', query: listQuery }, async ({ actor, query }) => {
    if (!core.sites.getById(query.siteId)) throw new NotFoundError(`trang ${query.siteId}`);
    const scope = articleListScope(actor, query.siteId);
    if (scope.kind === 'none') throw new NotFoundError(`trang ${query.siteId}`);
    const authorUserId = query.mine ? (actor.kind === 'member' ? actor.userId : -1) : query.authorId;
    const result = await listNewsroomArticles(
      core.db,
      query.siteId,
      scope,
      {
        state: query.state,
        type: query.type,
        authorUserId,
        categoryId: query.categoryId,
        organisationId: query.organisationId,
        titleContains: query.q,
        updatedFrom: query.updatedFrom ? new Date(query.updatedFrom).toISOString() : undefined,
        updatedTo: query.updatedTo ? new Date(query.updatedTo).toISOString() : undefined,
      },
      query.page,
      query.pageSize,
    );
    return {
      items: result.items.map((item) => presentListItem(core, actor, item)),
      total: result.total,
      page: query.page,
      pageSize: query.pageSize,
      countsByState: Object.fromEntries(ARTICLE_STATES.map((s) => [s, result.countsByState[s] ?? 0])),
    };
  });

  adminRoute(app, { method: 'POST', url: '/articles', summary: 'Viết bài mới (bản nháp, phiên bản 1)', tag: 'articles', body: createArticleInput, successStatus: 201 }, async ({ actor, body, address }) => {
    const article = await createArticle(core, actor, body, address);
    return presentArticle(core, actor, article, { events: [], corrections: [] });
  });

  adminRoute(app, { method: 'GET', url: '/articles/:id', summary: 'Một bài: nội dung, lịch sử quy trình (kèm lý do), đính chính, thao tác được phép', tag: 'articles', params: idParams, errorStatuses: [404] }, async ({ actor, params }) => {
    const article = await readableArticle(core, actor, params.id);
    return presentArticle(core, actor, article, { events: await listArticleEvents(core.db, article.id), corrections: await listArticleCorrections(core.db, article.id) });
  });

  adminRoute(
    app,
    { method: 'PUT', url: '/articles/:id', summary: 'Lưu thay đổi (ghi rõ phiên bản đã dựa vào; phiên bản cũ → 409 kèm bản hiện tại)', tag: 'articles', params: idParams, body: updateArticleInput, errorStatuses: [404, 409] },
    async ({ actor, params, body, address }) => {
      const article = await updateArticle(core, actor, params.id, body, address);
      return presentArticle(core, actor, article);
    },
  );

  adminRoute(
    app,
    {
      method: 'POST',
      url: '/articles/:id/restore',
      summary: 'Khôi phục một phiên bản cũ thành phiên bản mới',
      tag: 'articles',
      params: idParams,
      body: z.strictObject({ revision: z.number().int().positive(), restore: z.number().int().positive() }),
      errorStatuses: [404, 409],
    },
    async ({ actor, params, body, address }) => presentArticle(core, actor, await restoreArticleRevision(core, actor, params.id, body, address)),
  );

  adminRoute(app, { method: 'GET', url: '/articles/:id/events', summary: 'Lịch sử quy trình của bài (ai, lúc nào, lý do)', tag: 'articles', params: idParams, errorStatuses: [404] }, async ({ actor, params }) => {
    const article = await readableArticle(core, actor, params.id);
    return { items: await listArticleEvents(core.db, article.id) };
  });

  adminRoute(
    app,
    {
      method: 'GET',
      url: '/articles/:id/audit',
      summary: 'Nhật ký kiểm toán của bài (mới nhất trước); địa chỉ mạng chỉ hiện cho người được xem nhật ký của trang',
      tag: 'articles',
      params: idParams,
      query: z.strictObject({ before: z.coerce.number().int().positive().optional(), limit: z.coerce.number().int().min(1).max(200).default(50) }),
      errorStatuses: [404],
    },
    async ({ actor, params, query }) => {
      const article = await readableArticle(core, actor, params.id);
      const page = presentAuditPage(await listAuditForSubject(core.db, article.siteId, 'article', article.id, { before: query.before, limit: query.limit }));
      if (!can(actor, 'site.read_audit', { siteId: article.siteId })) for (const e of page.entries) e.address = null;
      return page;
    },
  );

  registerTransitionRoutes(app, core);
}
