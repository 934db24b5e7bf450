/**
 * `GET` and `PUT /api/admin/v1/network/settings`: who may propose items to whom and who may
 * syndicate down to whom (core/network/network-settings.ts), for network admins; a change is
 * audited.
 */
import type { FastifyInstance } from 'fastify';
import type { Core } from '../../../../core/create-core.ts';
import { DEFAULT_NETWORK_SETTINGS, getNetworkSettings, networkSettingsInput, updateNetworkSettings } from '../../../../core/network/network-settings.ts';
import { authorize } from '../../../../core/policy/policy.ts';
import { adminRoute } from '../route.ts';

/** Registers the two routes. */
export function registerNetworkSettings(app: FastifyInstance, core: Core): void {
  adminRoute(
    app,
    { method: 'GET', url: '/network/settings', summary: 'Cài đặt mạng lưới: trang nào được đề xuất bài, chia sẻ bài tới trang nào', tag: 'network', errorStatuses: [403, 404] },
    async ({ actor }) => {
      authorize(actor, 'network.manage_sites', { siteId: null }, 'cài đặt mạng lưới');
      return { settings: await getNetworkSettings(core.db), defaults: DEFAULT_NETWORK_SETTINGS };
    },
  );
  adminRoute(
    app,
    {
      method: 'PUT',
      url: '/network/settings',
      summary: 'Đổi cài đặt mạng lưới (quy tắc { from, to }: *, kind:<loại trang>, site:<mã trang>; to còn nhận parent, children); được ghi nhật ký',
      tag: 'network',
      body: networkSettingsInput,
      errorStatuses: [400, 403, 404],
    },
    async ({ actor, body, address }) => ({ settings: await updateNetworkSettings(core, actor, body, address), defaults: DEFAULT_NETWORK_SETTINGS }),
  );
}
