/**
 * Admin API: sites — the sites the caller works on (with their roles), a site's settings
 * (four-eyes, contact details) and its schedule (what is due, overdue or failed).
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Core } from '../../../../core/create-core.ts';
import { rolesOn } from '../../../../core/policy/actor.ts';
import { allowedActions, authorize } from '../../../../core/policy/policy.ts';
import { NotFoundError } from '../../../../core/errors.ts';
import { presentSiteSettings, siteSettingsInput, updateSiteSettings } from '../../../../core/sites/site-settings.ts';
import { listScheduleProblems } from '../../../../core/workflow/scheduler.ts';
import { adminRoute } from '../route.ts';

const siteParams = z.object({ siteId: z.coerce.number().int().positive() });
const SITE_ACTIONS = ['article.create', 'media.upload', 'media.manage', 'category.manage', 'site.read_settings', 'site.update_settings', 'site.manage_members', 'site.manage_tokens', 'site.read_audit'] as const;

/** Registers the site endpoints. */
export function registerSiteRoutes(app: FastifyInstance, core: Core): void {
  adminRoute(app, { method: 'GET', url: '/sites', summary: 'Các trang người gọi có vai trò (kèm vai trò và thao tác được phép)', tag: 'sites' }, async ({ actor }) => {
    const sites = core.sites.list().filter((s) => actor.kind === 'system' || rolesOn(actor, s.id).length > 0);
    return {
      items: sites.map((s) => ({
        id: s.id,
        key: s.key,
        name: s.name,
        kind: s.kind,
        status: s.status,
        roles: rolesOn(actor, s.id),
        allowedActions: allowedActions(actor, { siteId: s.id }, SITE_ACTIONS),
      })),
    };
  });

  adminRoute(app, { method: 'GET', url: '/sites/:siteId/settings', summary: 'Cài đặt của trang', tag: 'sites', params: siteParams, errorStatuses: [404] }, async ({ actor, params }) => {
    const site = core.sites.getById(params.siteId);
    if (!site) throw new NotFoundError(`trang ${params.siteId}`);
    authorize(actor, 'site.read_settings', { siteId: site.id }, `trang ${site.id}`);
    return { siteId: site.id, settings: presentSiteSettings(site), allowedActions: allowedActions(actor, { siteId: site.id }, ['site.update_settings']) };
  });

  adminRoute(
    app,
    { method: 'PATCH', url: '/sites/:siteId/settings', summary: 'Đổi cài đặt của trang (nới nguyên tắc bốn mắt cũng được ghi nhật ký)', tag: 'sites', params: siteParams, body: siteSettingsInput, errorStatuses: [404] },
    async ({ actor, params, body, address }) => {
      const site = await updateSiteSettings(core, actor, params.siteId, body, address);
      return { siteId: site.id, settings: presentSiteSettings(site) };
    },
  );

  adminRoute(app, { method: 'GET', url: '/sites/:siteId/schedule', summary: 'Lịch đăng: bài hẹn giờ quá hạn chưa đăng hoặc đăng lỗi', tag: 'sites', params: siteParams, errorStatuses: [404] }, async ({ actor, params }) => {
    if (!core.sites.getById(params.siteId)) throw new NotFoundError(`trang ${params.siteId}`);
    authorize(actor, 'site.read_settings', { siteId: params.siteId }, `trang ${params.siteId}`);
    return { problems: await listScheduleProblems(core.db, params.siteId, core.clock()) };
  });
}
