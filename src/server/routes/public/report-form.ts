/**
 * GET/POST `/:site/phan-anh-thong-tin-sai`: the public form for reporting false information
 * (issue "Rapid-response desk", item 1), on every site (and on a site's own host name through
 * the site resolver's rewriting). Works without JavaScript: a plain form POST, multipart when
 * screenshots are attached (form-encoded posts work too). Thin: reads the post, checks the
 * honeypot and the per-address limits, calls `submitPublicReport` (core/rapid-response).
 *
 * Answers: 200 with the tracking code; 400 with the form again (values kept, each error tied
 * to its field) for bad input; 409 with the earlier tracking code when the same report came
 * within 24 hours; 429 with `Retry-After` past the limits; 403 for a post from another site
 * (Origin or Referer naming another host). A filled honeypot gets the same 200 page with a
 * made-up code and nothing is stored. Nothing here is cached or indexed but the empty form.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import multipart from '@fastify/multipart';
import type { Kysely } from 'kysely';
import { h } from 'preact';
import { listMenuCategoryTree } from '../../../core/articles/public-article.repository.ts';
import type { Core } from '../../../core/create-core.ts';
import type { Database } from '../../../core/db/database.ts';
import { DuplicateReportError, RateLimitedError, UnsupportedMediaError, ValidationError, type FieldIssue } from '../../../core/errors.ts';
import { hashAddress, newTrackingCode, submitPublicReport, type ReportFileUpload } from '../../../core/rapid-response/intake.ts';
import { formatTime, normalizeInput } from '../../../core/text/index.ts';
import { ReportFormPage, ReportSentPage, REPORT_FORM_TITLE } from '../../../theme/pages/report-form-page.tsx';
import { renderDocument } from '../../../theme/render.ts';
import { siteLinks } from '../../../theme/view-models/links.ts';
import { documentTitle, pageMeta } from '../../../theme/view-models/page-meta.ts';
import {
  buildReportFormView,
  buildReportSentView,
  readReportForm,
  REPORT_FIELDS,
  REPORT_LIMITS,
  REPORT_PATH,
  whereSeenText,
  type ReportFormValues,
  EMPTY_REPORT_VALUES,
} from '../../../theme/view-models/report-form.ts';
import { toSiteChrome } from '../../../theme/view-models/site-chrome.ts';
import { errorMessage, renderServerError } from './error-pages.ts';
import { PAGE_CACHE_CONTROL, publicSiteContext, sendNotFound, type SiteParams } from './page-support.ts';
import type { SiteContext } from '../../plugins/site-resolver.ts';

/**
 * Reports accepted per client address, counted in the database (`rr_reports.address_hash`) so
 * that the limits hold across server processes: 5 in 10 minutes and 20 in a day. Reports that
 * were refused (bad input, duplicates, honeypot) are not stored and do not count.
 */
export const REPORT_RATE_LIMITS = [
  { windowMs: 10 * 60_000, max: 5, text: '5 phản ánh trong 10 phút' },
  { windowMs: 24 * 3_600_000, max: 20, text: '20 phản ánh trong một ngày' },
] as const;

/** Headers of every answer to a post and of the page after sending: never cached, never indexed. */
const PRIVATE_HEADERS = { 'cache-control': 'private, no-store', 'x-robots-tag': 'noindex' } as const;

/** The `Allow` header of the form's URL. */
const FORM_ALLOW = 'GET, HEAD, POST';

/**
 * Throws when the address has used up its reports in one of the windows.
 * @param address the client address (hashed with the installation's salt, as stored)
 * @throws RateLimitedError (429) with the seconds until the oldest counted report leaves the
 *   window (`Retry-After`) and, in the message, the time of day (Vietnam time) to try again
 */
export async function assertReportAllowed(db: Kysely<Database>, address: string, now: Date): Promise<void> {
  const hash = await hashAddress(db, address, now);
  const longest = Math.max(...REPORT_RATE_LIMITS.map((l) => l.windowMs));
  const rows = await db
    .selectFrom('rr_reports')
    .select('created_at')
    .where('address_hash', '=', hash)
    .where('created_at', '>', new Date(now.getTime() - longest).toISOString())
    .orderBy('created_at')
    .execute();
  let until: Date | null = null;
  let reason = '';
  for (const limit of REPORT_RATE_LIMITS) {
    const since = new Date(now.getTime() - limit.windowMs).toISOString();
    const inWindow = rows.filter((r) => r.created_at > since);
    if (inWindow.length < limit.max) continue;
    const leaving = new Date(Date.parse(inWindow[inWindow.length - limit.max]!.created_at) + limit.windowMs);
    if (!until || leaving > until) {
      until = leaving;
      reason = limit.text;
    }
  }
  if (!until) return;
  const seconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
  const wait = seconds < 3600 ? `${Math.ceil(seconds / 60)} phút` : `${Math.ceil(seconds / 3600)} giờ`;
  throw new RateLimitedError(
    `Từ địa chỉ mạng của bạn đã có nhiều phản ánh được gửi trong thời gian ngắn (tối đa ${reason}). Xin vui lòng gửi tiếp sau khoảng ${wait} (lúc ${formatTime(until)}). Nếu việc cần báo gấp, hãy liên hệ trực tiếp cơ quan quản lý trang (thông tin liên hệ ở cuối trang, nếu có).`,
    seconds,
  );
}

/**
 * Whether a post came from a page of this host: an `Origin` (or, without one, a `Referer`)
 * naming another host is refused. Neither header, or `Origin: null` (sent by privacy settings
 * and some browsers), is let through: a public form without cookies has no session to forge,
 * and this only turns away other sites posting into ours.
 */
export function isSameSitePost(request: FastifyRequest): boolean {
  const origin = request.headers.origin;
  const referer = request.headers.referer;
  const source = typeof origin === 'string' && origin !== 'null' ? origin : typeof referer === 'string' && referer !== '' ? referer : null;
  if (source === null) return true;
  try {
    return new URL(source).host.toLowerCase() === request.host.toLowerCase();
  } catch {
    return false;
  }
}

/** A post as read: text fields, screenshots, fields cut at the size limit and problems found while reading. */
interface Posted {
  fields: Record<string, unknown>;
  files: ReportFileUpload[];
  truncated: Set<string>;
  problems: FieldIssue[];
  /** Files were sent (they are not kept when the form comes back). */
  sentFiles: boolean;
}

const TEXT_FIELDS = new Set<string>(Object.values(REPORT_FIELDS).filter((f) => f !== REPORT_FIELDS.files));
const filesIssue = (message: string): FieldIssue => ({ path: 'files', message });
const TOO_MANY_FILES = `Chỉ gửi được tối đa ${REPORT_LIMITS.files} ảnh cho một phản ánh. Hãy chọn lại, bỏ bớt ảnh.`;

/** Reads a multipart post part by part; limits are enforced by the parser (see the scope below). */
async function readMultipart(request: FastifyRequest): Promise<Posted> {
  const posted: Posted = { fields: {}, files: [], truncated: new Set(), problems: [], sentFiles: false };
  let fileCount = 0;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        if (part.fieldname !== REPORT_FIELDS.files) {
          part.file.resume();
          continue;
        }
        // A file input left empty is sent as one part with no name and no bytes.
        if (part.filename === '') {
          await part.toBuffer();
          continue;
        }
        posted.sentFiles = true;
        fileCount++;
        if (fileCount > REPORT_LIMITS.files) {
          part.file.resume();
          continue;
        }
        try {
          const data = await part.toBuffer();
          if (data.length === 0) posted.problems.push(filesIssue(`Ảnh “${part.filename.slice(0, 100)}” là tệp rỗng.`));
          else posted.files.push({ fileName: part.filename, data });
        } catch (error) {
          if ((error as { code?: string }).code !== 'FST_REQ_FILE_TOO_LARGE') throw error;
          posted.problems.push(filesIssue(`Ảnh “${part.filename.slice(0, 100)}” lớn quá ${REPORT_LIMITS.fileBytes / 1024 / 1024} MB. Hãy chụp lại hoặc thu nhỏ ảnh.`));
        }
      } else if (TEXT_FIELDS.has(part.fieldname) && typeof part.value === 'string') {
        posted.fields[part.fieldname] = part.value;
        if (part.valueTruncated) posted.truncated.add(part.fieldname);
      }
    }
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'FST_FILES_LIMIT') posted.problems.push(filesIssue(TOO_MANY_FILES));
    else if (code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') posted.problems.push({ path: 'description', message: 'Biểu mẫu gửi lên có quá nhiều trường. Hãy tải lại trang rồi gửi lại.' });
    else throw error;
  }
  if (fileCount > REPORT_LIMITS.files) posted.problems.push(filesIssue(TOO_MANY_FILES));
  posted.fields = normalizeInput(posted.fields);
  return posted;
}

/** Reads the post: multipart (with screenshots) or form-encoded (parsed and NFC-normalised by app.ts). */
async function readPost(request: FastifyRequest): Promise<Posted | null> {
  if (request.isMultipart()) return readMultipart(request);
  const type = String(request.headers['content-type'] ?? '');
  if (!type.startsWith('application/x-www-form-urlencoded')) return null;
  const body = request.body && typeof request.body === 'object' ? (request.body as Record<string, unknown>) : {};
  return { fields: normalizeInput({ ...body }), files: [], truncated: new Set(), problems: [], sentFiles: false };
}

/** Registers the form's routes (GET and POST, and the other methods answered 405). */
export function registerReportFormRoutes(app: FastifyInstance, core: Core): void {
  const route = `/:site/${REPORT_PATH}`;

  const chromeOf = async (ctx: SiteContext) => {
    const now = core.clock();
    return toSiteChrome(ctx.site, await listMenuCategoryTree(core.db, ctx.site.id, now), siteLinks(ctx), now);
  };
  const formUrlOf = (ctx: SiteContext) => `${siteLinks(ctx).home}${REPORT_PATH}`;

  /** Renders the form (empty, or with the reader's values and errors). */
  const sendForm = async (reply: FastifyReply, ctx: SiteContext, status: number, values: ReportFormValues = EMPTY_REPORT_VALUES, issues: FieldIssue[] = [], sentFiles = false) => {
    const chrome = await chromeOf(ctx);
    const view = buildReportFormView(formUrlOf(ctx), values, issues, sentFiles);
    const title = view.summary.length ? `Lỗi: ${REPORT_FORM_TITLE}` : REPORT_FORM_TITLE;
    const meta = pageMeta(documentTitle(title, ctx.site.name), {
      description: `Gửi cho ${ctx.site.name} đường dẫn và mô tả thông tin sai sự thật bạn gặp; bạn nhận mã theo dõi để xem kết quả xử lý.`,
      canonicalUrl: status === 200 ? siteLinks(ctx).absolute(formUrlOf(ctx)) : null,
      robots: status === 200 ? null : 'noindex',
    });
    const html = renderDocument(h(ReportFormPage, { meta, chrome, view }));
    // Referrer-Policy same-origin: the browser then sends this page's Origin with the post (with
    // the site-wide no-referrer it sends `Origin: null`), so the same-site check has a value to read.
    reply.code(status).header('referrer-policy', 'same-origin').type('text/html; charset=utf-8');
    if (status === 200) reply.header('cache-control', PAGE_CACHE_CONTROL);
    else reply.headers(PRIVATE_HEADERS);
    return reply.send(html);
  };

  const sendSent = async (reply: FastifyReply, ctx: SiteContext, status: number, kind: 'received' | 'duplicate', code: string) => {
    const chrome = await chromeOf(ctx);
    const view = buildReportSentView(formUrlOf(ctx), kind, code);
    const meta = pageMeta(documentTitle(kind === 'duplicate' ? 'Phản ánh đã được gửi trước đó' : 'Đã nhận phản ánh', ctx.site.name), { robots: 'noindex' });
    return reply.code(status).headers(PRIVATE_HEADERS).type('text/html; charset=utf-8').send(renderDocument(h(ReportSentPage, { meta, chrome, view })));
  };

  app.get<{ Params: SiteParams }>(route, async (request, reply) => {
    const ctx = publicSiteContext(core, request, request.params.site);
    if (!ctx) return sendNotFound(reply);
    return sendForm(reply, ctx, 200);
  });

  // The post in its own scope: only it parses multipart bodies, with the form's limits. One file
  // more than allowed is read (and dropped) so the reader gets the form back with everything they
  // typed and a message on the screenshots field; beyond that the parser stops.
  void app.register(async (scope) => {
    await scope.register(multipart, {
      limits: { files: REPORT_LIMITS.files + 1, fileSize: REPORT_LIMITS.fileBytes, fields: 16, parts: 24, fieldNameSize: 100, fieldSize: 32 * 1024, headerPairs: 50 },
    });
    scope.post<{ Params: SiteParams }>(route, async (request, reply) => {
      const ctx = publicSiteContext(core, request, request.params.site);
      if (!ctx) return sendNotFound(reply);
      if (!isSameSitePost(request)) {
        const html = await renderServerError(core, request, 403, 'Biểu mẫu phản ánh chỉ nhận dữ liệu gửi từ chính trang này. Hãy mở trang phản ánh của cổng, trang rồi gửi lại.');
        return reply.code(403).headers(PRIVATE_HEADERS).type('text/html; charset=utf-8').send(html);
      }
      const now = core.clock();
      await assertReportAllowed(core.db, request.ip, now);
      const posted = await readPost(request);
      if (!posted) {
        const html = await renderServerError(core, request, 415, `${errorMessage(415)} Biểu mẫu gửi dưới dạng multipart/form-data hoặc application/x-www-form-urlencoded.`);
        return reply.code(415).headers(PRIVATE_HEADERS).type('text/html; charset=utf-8').send(html);
      }
      const reading = readReportForm(posted.fields, posted.truncated);
      // A robot filled the hidden field: answer as if it worked, store nothing.
      if (reading.trapped) return sendSent(reply, ctx, 200, 'received', newTrackingCode());
      const issues = [...reading.issues, ...posted.problems];
      if (issues.length) return sendForm(reply, ctx, 400, reading.values, issues, posted.sentFiles);
      const v = reading.values;
      try {
        const filed = await submitPublicReport(core, {
          siteId: ctx.site.id,
          url: v.url,
          whereSeen: whereSeenText(v) ?? null,
          description: v.description,
          contactName: v.contactName || null,
          contactEmail: v.contactEmail || null,
          contactPhone: v.contactPhone || null,
          files: posted.files,
          address: request.ip,
        });
        return sendSent(reply, ctx, 200, 'received', filed.trackingCode);
      } catch (error) {
        if (error instanceof DuplicateReportError) return sendSent(reply, ctx, 409, 'duplicate', error.trackingCode);
        if (error instanceof ValidationError) return sendForm(reply, ctx, 400, v, error.issues, posted.sentFiles);
        if (error instanceof UnsupportedMediaError) return sendForm(reply, ctx, 400, v, [{ path: 'files', message: error.message }], posted.sentFiles);
        throw error;
      }
    });
  });

  app.route({
    method: 'OPTIONS',
    url: route,
    handler: async (request, reply) => {
      if (!publicSiteContext(core, request, (request.params as SiteParams).site)) return sendNotFound(reply);
      return reply.code(204).header('allow', `${FORM_ALLOW}, OPTIONS`).send();
    },
  });
  app.route({
    method: ['PUT', 'DELETE', 'PATCH'],
    url: route,
    onRequest: async (request, reply) => {
      if (!publicSiteContext(core, request, (request.params as SiteParams).site)) return;
      const html = await renderServerError(core, request, 405, `Địa chỉ này là biểu mẫu “${REPORT_FORM_TITLE}”: chỉ xem (GET) và gửi biểu mẫu (POST).`);
      return reply.code(405).header('allow', FORM_ALLOW).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(html);
    },
    handler: async (_request, reply) => sendNotFound(reply),
  });
}
