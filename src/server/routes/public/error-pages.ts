/**
 * The themed error pages app.ts sends: "Không tìm thấy trang" for 404 and a page per status
 * for other errors. A request under a site (its key as first path segment, which is also the
 * case for requests on the site's own hostname after rewriting) gets the site's frame;
 * anything else gets the network's.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { h } from 'preact';
import { listCategoryTree, type CategoryNode, listMenuCategoryTree } from '../../../core/articles/public-article.repository.ts';
import type { Core } from '../../../core/create-core.ts';
import { formatWeekdayDate } from '../../../core/text/index.ts';
import { NETWORK_NAME } from '../../../theme/components/network-layout.tsx';
import { ErrorPage, type ErrorView } from '../../../theme/pages/error-page.tsx';
import { renderDocument } from '../../../theme/render.ts';
import { siteLinks } from '../../../theme/view-models/links.ts';
import { documentTitle, pageMeta } from '../../../theme/view-models/page-meta.ts';
import { toSiteChrome, type SiteChromeView } from '../../../theme/view-models/site-chrome.ts';
import { publicSiteContext } from './page-support.ts';

/** Headings of error pages by HTTP status. */
const TITLES: Record<number, string> = {
  400: 'Yêu cầu không hợp lệ',
  401: 'Cần đăng nhập',
  403: 'Không có quyền truy cập',
  404: 'Không tìm thấy trang',
  405: 'Phương thức không được hỗ trợ',
  408: 'Hết thời gian chờ yêu cầu',
  413: 'Dữ liệu gửi lên quá lớn',
  414: 'Địa chỉ quá dài',
  415: 'Kiểu dữ liệu không được hỗ trợ',
  429: 'Quá nhiều yêu cầu',
  431: 'Địa chỉ hoặc phần đầu yêu cầu quá dài',
};

/**
 * What an error page tells the reader when the error itself carries no Vietnamese message
 * (errors raised by Fastify, its plugins or Node's HTTP parser speak English).
 */
const MESSAGES: Record<number, string> = {
  400: 'Địa chỉ hoặc dữ liệu gửi lên không hợp lệ.',
  403: 'Bạn không có quyền xem địa chỉ này.',
  404: 'Trang bạn tìm không tồn tại hoặc đã được chuyển sang địa chỉ khác.',
  405: 'Địa chỉ này chỉ dùng để xem trang (GET, HEAD); trang không nhận dữ liệu gửi lên.',
  408: 'Yêu cầu đến quá chậm nên máy chủ đã ngừng chờ. Xin vui lòng thử lại.',
  413: 'Dữ liệu gửi lên vượt quá giới hạn cho phép.',
  414: 'Địa chỉ quá dài nên không thể xử lý.',
  415: 'Máy chủ không đọc được kiểu dữ liệu gửi lên.',
  429: 'Bạn đã gửi quá nhiều yêu cầu trong thời gian ngắn. Xin vui lòng thử lại sau.',
  431: 'Địa chỉ hoặc phần đầu (header) của yêu cầu quá dài nên không thể xử lý. Hãy kiểm tra lại địa chỉ.',
};

/** The Vietnamese explanation of an error status, for errors that bring none of their own. */
export function errorMessage(status: number): string {
  return MESSAGES[status] ?? (status >= 500 ? 'Máy chủ gặp lỗi khi xử lý yêu cầu.' : 'Máy chủ không thể xử lý yêu cầu này.');
}

/** The heading of an error page for a status. */
export function errorTitle(status: number): string {
  return TITLES[status] ?? (status >= 500 ? 'Lỗi máy chủ' : 'Không thể xử lý yêu cầu');
}

async function siteChromeFor(core: Core, request: FastifyRequest, now: Date): Promise<SiteChromeView | null> {
  const match = /^\/([a-z0-9][a-z0-9-]{1,39})(?:[/?#]|$)/.exec(request.url);
  if (!match) return null;
  const ctx = publicSiteContext(core, request, match[1]!);
  if (!ctx) return null;
  let tree: CategoryNode[] = [];
  try {
    tree = await listCategoryTree(core.db, ctx.site.id);
  } catch (err) {
    // The error page must still render when the database is what failed; only the menu is lost.
    request.log.warn({ err }, 'error page rendered without the category menu');
  }
  return toSiteChrome(ctx.site, await listMenuCategoryTree(core.db, ctx.site.id, now, tree), siteLinks(ctx), now);
}

function renderErrorDocument(core: Core, now: Date, chrome: SiteChromeView | null, error: ErrorView): string {
  const meta = pageMeta(documentTitle(error.title, chrome?.siteName ?? NETWORK_NAME), { robots: 'noindex' });
  return renderDocument(h(ErrorPage, { meta, today: formatWeekdayDate(now), chrome, error, networkUrl: `${core.config.publicUrl}/` }));
}

async function renderError(core: Core, request: FastifyRequest, error: ErrorView): Promise<string> {
  const now = core.clock();
  return renderErrorDocument(core, now, await siteChromeFor(core, request, now), error);
}

/**
 * The themed Vietnamese 404 page ("Không tìm thấy trang") with links to the site's home (when
 * the path is under a site) and to the network. The same page answers for items that do not
 * exist and for items the public may not see yet.
 * @returns the HTML document; the caller sets status and headers
 */
export async function renderNotFound(core: Core, request: FastifyRequest): Promise<string> {
  return renderError(core, request, {
    status: 404,
    title: errorTitle(404),
    message: 'Trang bạn tìm không tồn tại hoặc đã được chuyển sang địa chỉ khác. Hãy kiểm tra lại địa chỉ, hoặc bắt đầu lại từ trang chủ.',
  });
}

/**
 * The themed Vietnamese page for any other error status.
 * @param status the HTTP status being sent (400, 500…)
 * @param message what to tell the reader: a Vietnamese validation message, or for a 500 the
 *   generic text with the request id (never internal details; app.ts decides what is shown)
 * @returns the HTML document; the caller sets status and headers
 */
export async function renderServerError(core: Core, request: FastifyRequest, status: number, message: string): Promise<string> {
  const hint = status >= 500 ? ' Xin vui lòng thử lại sau ít phút.' : '';
  return renderError(core, request, { status, title: errorTitle(status), message: `${message}${hint}` });
}

/**
 * The themed page for an error found before there is a request to speak of: Node's HTTP
 * parser rejected the bytes (unknown method, request line or headers over the size limit), so
 * there is no URL to find a site by. Always in the network's frame; synchronous, no database.
 * @returns the HTML document; the caller writes status and headers
 */
export function renderNetworkErrorPage(core: Core, status: number, message: string = errorMessage(status)): string {
  return renderErrorDocument(core, core.clock(), null, { status, title: errorTitle(status), message });
}

/**
 * Sends the themed 404 directly, without app.ts's stored-redirect lookup: for path input that
 * can be no page at all (control characters, broken UTF-16, absurd length), which must not
 * reach a database query.
 */
export async function sendNotFoundPage(core: Core, request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> {
  const html = await renderNotFound(core, request);
  return reply.code(404).header('cache-control', 'public, max-age=10').type('text/html; charset=utf-8').send(html);
}
