/**
 * GET `/:site/phan-anh-thong-tin-sai/theo-doi?ma=CODE`: the reporter's tracking page (issue
 * "Rapid-response desk", item 1). Without a code, the form; with a known code, when the report
 * was received (Vietnam time), the state of its case and, once the rebuttal is public, its
 * title and link (core/rapid-response/tracking.ts `trackReport`, which never reads contact
 * details); an unknown or malformed code answers 404 with a clear message and the form again.
 * Never cached by shared caches or indexed: `Cache-Control: private, no-store`,
 * `X-Robots-Tag: noindex`.
 */
import type { FastifyInstance } from 'fastify';
import { h } from 'preact';
import { listMenuCategoryTree } from '../../../core/articles/public-article.repository.ts';
import type { Core } from '../../../core/create-core.ts';
import { trackReport } from '../../../core/rapid-response/tracking.ts';
import { ReportTrackingPage, TRACKING_TITLE } from '../../../theme/pages/report-tracking-page.tsx';
import { renderDocument } from '../../../theme/render.ts';
import { siteLinks } from '../../../theme/view-models/links.ts';
import { documentTitle, pageMeta } from '../../../theme/view-models/page-meta.ts';
import { buildTrackingView, readTrackingCode, REPORT_PATH, TRACKING_PATH, type TrackingView } from '../../../theme/view-models/report-form.ts';
import { toSiteChrome } from '../../../theme/view-models/site-chrome.ts';
import { registerPageMethods } from './page-methods.ts';
import { publicSiteContext, sendNotFound, type SiteParams } from './page-support.ts';

/** Registers GET `/:site/phan-anh-thong-tin-sai/theo-doi` (and its OPTIONS/405 answers). */
export function registerReportTrackingRoute(app: FastifyInstance, core: Core): void {
  const route = `/:site/${REPORT_PATH}/${TRACKING_PATH}`;
  app.get<{ Params: SiteParams }>(route, async (request, reply) => {
    const ctx = publicSiteContext(core, request, request.params.site);
    if (!ctx) return sendNotFound(reply);
    const now = core.clock();
    const links = siteLinks(ctx);
    const formUrl = `${links.home}${REPORT_PATH}`;
    const { code, typed } = readTrackingCode(request.query);
    const report = code ? await trackReport(core.db, code, now) : null;
    const outcome: TrackingView['outcome'] = typed === '' ? 'empty' : report ? 'found' : code ? 'unknown' : 'invalid';
    // The rebuttal's path is on the network's default host; from a site's own host name it must be absolute.
    const view = buildTrackingView(formUrl, typed, outcome, report, (path) => `${core.config.publicUrl}${path}`);
    const title = outcome === 'found' ? `${TRACKING_TITLE} ${report!.code}` : outcome === 'empty' ? TRACKING_TITLE : `Không tìm thấy phản ánh – ${TRACKING_TITLE}`;
    const meta = pageMeta(documentTitle(title, ctx.site.name), { robots: 'noindex, nofollow' });
    const chrome = toSiteChrome(ctx.site, await listMenuCategoryTree(core.db, ctx.site.id, now), links, now);
    const html = renderDocument(h(ReportTrackingPage, { meta, chrome, view }));
    return reply
      .code(outcome === 'unknown' || outcome === 'invalid' ? 404 : 200)
      .header('cache-control', 'private, no-store')
      .header('x-robots-tag', 'noindex, nofollow')
      .header('referrer-policy', 'no-referrer')
      .type('text/html; charset=utf-8')
      .send(html);
  });
  registerPageMethods(app, core, route);
}
