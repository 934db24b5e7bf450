/**
 * Admin API of the rapid-response desk: the queue, a case, and the commands on it (edit,
 * move, rate, rebuttal, merge, split). Thin: each handler calls one core function.
 */
import type { FastifyInstance } from 'fastify';
import type { Core } from '../../../../core/create-core.ts';
import { caseListQuery, getCase, listCases } from '../../../../core/rapid-response/cases.ts';
import { mergeCase, mergeCaseInput, moveCase, moveCaseInput, rateCase, rateCaseInput, splitCase, splitCaseInput, updateCase, updateCaseInput } from '../../../../core/rapid-response/case-commands.ts';
import { rebuttalInput, setCaseRebuttal } from '../../../../core/rapid-response/rebuttal.ts';
import { adminRoute, idParams } from '../route.ts';

/** Registers the case endpoints. */
export function registerCaseRoutes(app: FastifyInstance, core: Core): void {
  adminRoute(
    app,
    {
      method: 'GET',
      url: '/rapid-response/cases',
      summary: 'Hàng đợi vụ việc theo hạn xử lý (gần nhất trước), lọc theo trạng thái, nhóm, mức ưu tiên, quá hạn, từ khoá; kèm số vụ việc mỗi trạng thái và số quá hạn',
      tag: 'rapid-response',
      query: caseListQuery,
      errorStatuses: [400, 403, 404],
    },
    async ({ actor, query }) => listCases(core, actor, query),
  );
  adminRoute(
    app,
    { method: 'GET', url: '/rapid-response/cases/:id', summary: 'Một vụ việc: mọi phản ánh (kèm thông tin liên hệ, chỉ bộ phận xử lý xem được), ảnh chụp, diễn biến, các việc được làm', tag: 'rapid-response', params: idParams, errorStatuses: [403, 404] },
    async ({ actor, params }) => getCase(core, actor, params.id),
  );
  adminRoute(
    app,
    { method: 'PATCH', url: '/rapid-response/cases/:id', summary: 'Sửa vụ việc: tiêu đề, nội dung thông tin, nhóm, mức ưu tiên (tính lại hạn), cơ quan chịu trách nhiệm, người được giao', tag: 'rapid-response', params: idParams, body: updateCaseInput, errorStatuses: [400, 403, 404, 409] },
    async ({ actor, params, body, address }) => {
      await updateCase(core, actor, params.id, body, address);
      return getCase(core, actor, params.id);
    },
  );
  adminRoute(
    app,
    { method: 'POST', url: '/rapid-response/cases/:id/move', summary: 'Chuyển trạng thái vụ việc (không thuộc thẩm quyền: ghi cơ quan đã chuyển đến)', tag: 'rapid-response', params: idParams, body: moveCaseInput, errorStatuses: [400, 403, 404, 409] },
    async ({ actor, params, body, address }) => {
      await moveCase(core, actor, params.id, body, address);
      return getCase(core, actor, params.id);
    },
  );
  adminRoute(
    app,
    { method: 'POST', url: '/rapid-response/cases/:id/rate', summary: 'Đánh giá mức độ xác thực (lãnh đạo ban biên tập): vụ việc đang xác minh chuyển sang đã kết luận', tag: 'rapid-response', params: idParams, body: rateCaseInput, errorStatuses: [400, 403, 404, 409] },
    async ({ actor, params, body, address }) => {
      await rateCase(core, actor, params.id, body, address);
      return getCase(core, actor, params.id);
    },
  );
  adminRoute(
    app,
    { method: 'POST', url: '/rapid-response/cases/:id/rebuttal', summary: 'Gắn bài phản bác có sẵn của trang bộ phận xử lý ({ articleId }) hoặc tạo bản nháp mới ({ create: true })', tag: 'rapid-response', params: idParams, body: rebuttalInput, errorStatuses: [400, 403, 404] },
    async ({ actor, params, body, address }) => setCaseRebuttal(core, actor, params.id, body, address),
  );
  adminRoute(
    app,
    { method: 'POST', url: '/rapid-response/cases/:id/merge', summary: 'Gộp vụ việc này vào vụ việc khác: phản ánh chuyển sang, số phản ánh và thời điểm đầu tiên được tính lại', tag: 'rapid-response', params: idParams, body: mergeCaseInput, errorStatuses: [400, 403, 404, 409] },
    async ({ actor, params, body, address }) => mergeCase(core, actor, params.id, body, address),
  );
  adminRoute(
    app,
    { method: 'POST', url: '/rapid-response/cases/:id/split', summary: 'Tách các phản ánh đã chọn thành một vụ việc mới', tag: 'rapid-response', params: idParams, body: splitCaseInput, successStatus: 201, errorStatuses: [400, 403, 404, 409] },
    async ({ actor, params, body, address }) => splitCase(core, actor, params.id, body, address),
  );
}
