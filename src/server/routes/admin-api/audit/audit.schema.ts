/**
 * Query shapes of the audit read endpoints (zod; the one source of each shape).
 */
import { z } from 'zod';
import { AUDIT_PAGE_DEFAULT, AUDIT_PAGE_MAX } from '../../../../core/audit/audit.repository.ts';

/** `before` and `limit`, shared by every audit list. */
const paging = {
  before: z.coerce.number().int().positive().optional().describe('chỉ các mục có id nhỏ hơn (nextBefore của trang trước)'),
  limit: z.coerce.number().int().min(1).max(AUDIT_PAGE_MAX).default(AUDIT_PAGE_DEFAULT).describe(`số mục mỗi trang (1–${AUDIT_PAGE_MAX})`),
};

/** Path of the site audit list. */
export const siteAuditParams = z.object({ siteId: z.coerce.number().int().positive() });

/** Query of the site audit list. */
export const siteAuditQuery = z.object({
  subjectType: z
    .string()
    .regex(/^[a-z][a-z_]{0,39}$/, 'loại đối tượng chỉ gồm chữ thường không dấu và dấu gạch dưới, ví dụ article')
    .optional()
    .describe('chỉ các mục về loại đối tượng này, ví dụ article'),
  subjectId: z.coerce.number().int().positive().optional().describe('chỉ các mục về đối tượng có id này (cần subjectType)'),
  ...paging,
}).refine((q) => q.subjectId === undefined || q.subjectType !== undefined, { path: ['subjectId'], message: 'cần kèm subjectType' });

/** Query of the network audit list. */
export const networkAuditQuery = z.object({
  siteId: z.coerce.number().int().positive().optional().describe('chỉ các mục của trang này'),
  action: z
    .string()
    .regex(/^[a-z][a-z_.]{0,79}$/, 'hành động có dạng article.submit')
    .optional()
    .describe('chỉ các mục có hành động này, ví dụ article.publish'),
  ...paging,
});
