/**
 * GET `/ve-du-lieu-mau`: credits and terms of the demo data (a static page).
 */
import type { FastifyInstance } from 'fastify';
import { h } from 'preact';
import type { Core } from '../../../core/create-core.ts';
import { formatWeekdayDate } from '../../../core/text/index.ts';
import { NETWORK_NAME } from '../../../theme/components/network-layout.tsx';
import { AboutDemoDataPage } from '../../../theme/pages/about-demo-data-page.tsx';
import { renderDocument } from '../../../theme/render.ts';
import { networkLinks } from '../../../theme/view-models/links.ts';
import { documentTitle, pageMeta } from '../../../theme/view-models/page-meta.ts';
import { sendPage } from './page-support.ts';
import { registerPageMethods } from './page-methods.ts';

/** Registers GET `/ve-du-lieu-mau`. */
export function registerAboutDemoDataRoute(app: FastifyInstance, core: Core): void {
  const route = networkLinks.aboutDemoData;
  app.get(route, async (_request, reply) => {
    const url = `${core.config.publicUrl}${networkLinks.aboutDemoData}`;
    const meta = pageMeta(documentTitle('Về dữ liệu mẫu', NETWORK_NAME), {
      description: 'Nguồn gốc, giấy phép và cách ghi nguồn của dữ liệu mẫu trên mạng lưới trình diễn.',
      canonicalUrl: url,
      openGraph: [
        { property: 'og:type', content: 'website' },
        { property: 'og:title', content: 'Về dữ liệu mẫu' },
        { property: 'og:url', content: url },
        { property: 'og:locale', content: 'vi_VN' },
      ],
    });
    return sendPage(reply, renderDocument(h(AboutDemoDataPage, { meta, today: formatWeekdayDate(core.clock()) })));
  });
  registerPageMethods(app, core, route);
}
