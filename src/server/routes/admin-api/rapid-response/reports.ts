/**
 * Admin API of the rapid-response desk: reports entered by the desk (monitoring, phone,
 * e-mail) or sent by partner systems with an API token of the desk's site, and the private
 * screenshots of reports (desk only, never cached).
 */
import type { FastifyInstance } from 'fastify';
import type { Core } from '../../../../core/create-core.ts';
import { deskReportInput, submitStaffReport } from '../../../../core/rapid-response/intake.ts';
import { readReportFile } from '../../../../core/rapid-response/cases.ts';
import { adminRoute, idParams } from '../route.ts';

/** Registers POST /rapid-response/reports and GET /rapid-response/files/:id. */
export function registerReportRoutes(app: FastifyInstance, core: Core): void {
  adminRoute(
    app,
    {
      method: 'POST',
      url: '/rapid-response/reports',
      summary: 'Gửi phản ánh thông tin sai sự thật: bộ phận xử lý nhập (theo dõi, điện thoại, thư) hoặc hệ thống đối tác dùng khoá API của trang bộ phận xử lý; trả mã theo dõi và vụ việc',
      tag: 'rapid-response',
      body: deskReportInput,
      successStatus: 201,
      errorStatuses: [400, 401, 403, 404, 409],
    },
    async ({ actor, body, address }) => submitStaffReport(core, actor, body, address),
  );
  adminRoute(
    app,
    { method: 'GET', url: '/rapid-response/files/:id', summary: 'Ảnh chụp màn hình của một phản ánh (chỉ bộ phận xử lý; không lưu đệm)', tag: 'rapid-response', params: idParams, errorStatuses: [403, 404] },
    async ({ actor, params, reply }) => {
      const file = await readReportFile(core, actor, params.id);
      reply.header('cache-control', 'private, no-store').header('x-content-type-options', 'nosniff').type(file.mimeType);
      return file.data;
    },
  );
}
