/**
 * Admin API of the rapid-response desk: its vocabulary, the people cases may be assigned to,
 * and the figures (core/rapid-response/cases.ts, figures.ts).
 */
import type { FastifyInstance } from 'fastify';
import type { Core } from '../../../../core/create-core.ts';
import { deskInfo, listAssignees } from '../../../../core/rapid-response/cases.ts';
import { deskFigures, figuresQuery } from '../../../../core/rapid-response/figures.ts';
import { adminRoute } from '../route.ts';

/** Registers GET /rapid-response/desk, /assignees and /figures. */
export function registerDeskRoutes(app: FastifyInstance, core: Core): void {
  adminRoute(
    app,
    { method: 'GET', url: '/rapid-response/desk', summary: 'Bộ phận xử lý thông tin sai sự thật: trang, nhóm vụ việc, mức ưu tiên (giờ xử lý), thang đánh giá, trạng thái, quyền của người gọi', tag: 'rapid-response', errorStatuses: [403, 404] },
    async ({ actor }) => deskInfo(core, actor),
  );
  adminRoute(
    app,
    { method: 'GET', url: '/rapid-response/assignees', summary: 'Biên tập viên và lãnh đạo ban biên tập của bộ phận xử lý (người được giao vụ việc)', tag: 'rapid-response', errorStatuses: [403, 404] },
    async ({ actor }) => listAssignees(core, actor),
  );
  adminRoute(
    app,
    {
      method: 'GET',
      url: '/rapid-response/figures',
      summary: 'Thời gian xử lý: trung vị và phân vị 90 (phút) từ phản ánh đầu tiên đến khi kết luận và đến khi đăng bài phản bác, chung, theo cơ quan và theo tháng',
      tag: 'rapid-response',
      query: figuresQuery,
      errorStatuses: [400, 403, 404],
    },
    async ({ actor, query }) => deskFigures(core, actor, query),
  );
}
