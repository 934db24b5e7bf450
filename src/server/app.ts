/**
 * Builds the Fastify application (never listens; see main.ts). Public pages are rendered on
 * the server; errors become a themed Vietnamese page for HTML and `{ errors: [...] }` for the
 * API. One app serves every site of the network (see plugins/site-resolver.ts).
 */
import crypto from 'node:crypto';
import http from 'node:http';
import type { Socket } from 'node:net';
import Fastify, { type FastifyInstance, type FastifyError, type FastifyReply } from 'fastify';
import helmet from '@fastify/helmet';
import compress from '@fastify/compress';
import formbody from '@fastify/formbody';
import fastifyStatic from '@fastify/static';
import type { Core } from '../core/create-core.ts';
import { THEME_ASSETS_DIR } from '../core/paths.ts';
import { CongError, ConflictError, RateLimitedError, ValidationError } from '../core/errors.ts';
import { normalizeInput } from '../core/text/index.ts';
import { ASSETS_PREFIX, assetCacheControl } from '../theme/assets.ts';
import { createUrlRewriter } from './plugins/site-resolver.ts';
import { answerOldUrl, registerOldHostnameRedirects, sendOldUrlAnswer } from './plugins/old-url-redirects.ts';
import { registerAuth } from './plugins/auth.ts';
import { registerAdminApi } from './routes/admin-api/index.ts';
import { registerAdminUi } from './routes/admin-ui.ts';
import { registerContentApi } from './routes/content-api/index.ts';
import { errorMessage, registerPublicRoutes, renderNetworkErrorPage, renderNotFound, renderServerError } from './routes/public/index.ts';
import { hasUpPathSegment, registerMediaRoutes } from './routes/public/media.ts';


/** Options for {@link buildApp}. */
export interface BuildAppOptions {
  /** Pino log level; default from config. */
  logLevel?: string;
}

/**
 * Creates the Fastify instance with every plugin and route registered.
 * @returns a ready-to-`listen` (or `inject`) instance.
 */
export async function buildApp(core: Core, options: BuildAppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: options.logLevel ?? core.config.logLevel },
    rewriteUrl: createUrlRewriter(core),
    // The client address (sign-in limits, audit log) comes from X-Forwarded-For only through the
    // proxies named by CONG_TRUST_PROXY.
    trustProxy: core.config.trustProxy,
    bodyLimit: 1024 * 1024,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 300 },
    // Errors Fastify finds while routing — a URL with broken percent-encoding (FST_ERR_BAD_URL)
    // or a failed async route constraint — get the same themed answer as any other bad
    // request, not Fastify's bare JSON. (Body errors go to the error handler below.)
    frameworkErrors: (_error, request, rawReply) => {
      const reply = rawReply as unknown as FastifyReply;
      const message = errorMessage(400);
      if (request.url.startsWith('/api/')) {
        void reply.code(400).send({ errors: [{ code: 'CONG_ERR_BAD_REQUEST', message }] });
        return;
      }
      void renderServerError(core, request, 400, message).then((html) =>
        reply.code(400).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(html),
      );
    },
    // What Node's HTTP parser rejects before Fastify sees a request: see sendClientError.
    clientErrorHandler: (error, socket) => sendClientError(core, error, socket),
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        styleSrc: ["'self'"],
        fontSrc: ["'self'"],
        scriptSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
    strictTransportSecurity: false,
  });
  await app.register(compress, { global: true, threshold: 1024 });
  addPageEtags(app);
  // Old, redirecting hostnames of renamed sites answer 301 before any route runs.
  registerOldHostnameRedirects(app, core);
  await app.register(formbody);

  // NFC at the HTTP boundary: every parsed body and query string is normalised.
  app.addHook('preValidation', async (request) => {
    if (request.body && typeof request.body === 'object') request.body = normalizeInput(request.body);
    // The query parser builds objects with a null-prototype class of its own, which
    // normalizeInput (plain objects only) would pass through untouched: copy into a plain one.
    if (request.query && typeof request.query === 'object') request.query = normalizeInput({ ...(request.query as Record<string, unknown>) });
  });

  await app.register(fastifyStatic, {
    root: THEME_ASSETS_DIR,
    prefix: ASSETS_PREFIX,
    decorateReply: false,
    index: false,
    dotfiles: 'ignore',
    etag: true,
    // A `..` segment answers the themed 404 (the file server's own answer is an English 403).
    allowedPath: (pathname) => !hasUpPathSegment(pathname),
    cacheControl: false, // set by URL below
  });
  // Cache-Control of theme files by URL (theme/assets.ts): fingerprinted URLs and fonts are
  // immutable for a year, anything else is kept a day.
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.url.startsWith(ASSETS_PREFIX) && (reply.statusCode === 200 || reply.statusCode === 304)) {
      reply.header('cache-control', assetCacheControl(request.url));
    }
    return payload;
  });
  registerMediaRoutes(app, core);
  capPublicCacheAtHorizon(app, core);

  app.get('/healthz', async () => ({ status: 'ok' }));

  await registerAuth(app, core);
  await registerContentApi(app, core);
  await registerAdminApi(app, core);
  registerAdminUi(app);

  await registerPublicRoutes(app, core);

  app.setNotFoundHandler(async (request, reply) => {
    // An old URL answers with its new home before any 404: a stored redirect, a merged site's
    // URL, an old key of a renamed site; chains followed on the server (old-url-redirects.ts).
    const oldUrl = await answerOldUrl(core, app, request);
    if (oldUrl) return sendOldUrlAnswer(reply, oldUrl);
    if (request.url.startsWith('/api/')) {
      return reply.code(404).send({ errors: [{ code: 'CONG_ERR_NOT_FOUND', message: 'Không tìm thấy' }] });
    }
    const html = await renderNotFound(core, request);
    return reply.code(404).header('cache-control', 'public, max-age=10').type('text/html; charset=utf-8').send(html);
  });

  app.setErrorHandler(async (error: FastifyError | CongError, request, reply) => {
    let status = 500;
    let body: { code: string; message: string; field?: string }[];
    if (error instanceof ValidationError) {
      status = 400;
      body = error.issues.map((i) => ({ code: error.code, message: i.message, field: i.path }));
    } else if (error instanceof CongError) {
      status = error.status;
      const field = (error as { field?: unknown }).field;
      body = [{ code: error.code, message: error.expose ? error.message : 'Lỗi', ...(typeof field === 'string' ? { field } : {}) }];
    } else if ((error as FastifyError).statusCode && (error as FastifyError).statusCode! < 500) {
      // Fastify's and its plugins' own errors (a 413 body, a 415 content type, a file server's
      // 403…): the API keeps their code and text; readers of a page get it in Vietnamese.
      status = (error as FastifyError).statusCode!;
      // The API keeps the framework's own detail after the Vietnamese explanation (a JSON
      // syntax error's position helps whoever wrote the client).
      const message = request.url.startsWith('/api/') ? `${errorMessage(status)} (${error.message})` : errorMessage(status);
      body = [{ code: (error as FastifyError).code ?? 'CONG_ERR_BAD_REQUEST', message }];
    } else {
      request.log.error({ err: error }, 'unhandled error');
      body = [{ code: 'CONG_ERR_INTERNAL', message: `Lỗi máy chủ (mã yêu cầu ${request.id})` }];
    }
    reply.code(status).header('cache-control', 'no-store');
    if (error instanceof RateLimitedError) reply.header('retry-after', String(error.retryAfterSeconds));
    if (request.url.startsWith('/api/')) {
      // A stale write (409) answers with the current state, so the client loses nothing.
      const extra = error instanceof ConflictError && error.current !== undefined ? { current: error.current } : {};
      return reply.send({ errors: body, ...extra });
    }
    const html = await renderServerError(core, request, status, body[0]!.message);
    return reply.type('text/html; charset=utf-8').send(html);
  });

  return app;
}

/**
 * Caps `max-age` of cacheable public pages (`public, max-age=N`, not theme files or media) at
 * the seconds left until the next scheduled or embargoed publication, so that no cache keeps a
 * page past the moment it must change (DESIGN.md §3).
 */
function capPublicCacheAtHorizon(app: FastifyInstance, core: Core): void {
  app.addHook('onSend', async (request, reply, payload) => {
    const header = reply.getHeader('cache-control');
    if (typeof header !== 'string' || request.url.startsWith(ASSETS_PREFIX) || request.url.startsWith('/media/')) return payload;
    const m = /^public, max-age=(\d+)$/.exec(header);
    if (!m) return payload;
    const left = await core.horizon.secondsUntilNext();
    if (left !== null && left < Number(m[1])) reply.header('cache-control', `public, max-age=${left}`);
    return payload;
  });
}

/**
 * Weak ETags on 200 answers to GET and HEAD whose body is rendered in memory (pages, JSON),
 * and 304 Not Modified when `If-None-Match` names the current one. Weak: the same page goes
 * out gzip-encoded or not, so the bytes may differ (RFC 9110 §8.8.1).
 *
 * Only 200: a 304 stands for the 2xx answer the request would otherwise get (RFC 9110
 * §13.1.2 and §15.4.5), so a 404 or 400 page must never answer 304, nor carry a validator a
 * client would send back. This replaces `@fastify/etag`, which tags and answers 304 for any
 * status. Files from `@fastify/static` are streams with their own ETag and conditional
 * handling, and are left alone.
 */
function addPageEtags(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    if (reply.statusCode !== 200 || (request.method !== 'GET' && request.method !== 'HEAD')) return payload;
    if (!(typeof payload === 'string' || Buffer.isBuffer(payload)) || reply.hasHeader('etag')) return payload;
    const etag = `W/"${crypto.createHash('sha1').update(payload).digest('base64')}"`;
    reply.header('etag', etag);
    if (!ifNoneMatchHits(request.headers['if-none-match'], etag)) return payload;
    reply.code(304);
    return '';
  });
}

/**
 * Whether an `If-None-Match` value (`*` or a list of entity tags) matches an entity tag, by
 * weak comparison (RFC 9110 §8.8.3.2: `W/"x"` and `"x"` match).
 */
function ifNoneMatchHits(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const opaque = etag.replace(/^W\//, '');
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === opaque);
}

/** The status to answer a connection error from Node's HTTP parser with (as Fastify's default does). */
function clientErrorStatus(code: string | undefined): number {
  if (code === 'HPE_HEADER_OVERFLOW') return 431; // request line plus headers over Node's limit (16 KiB)
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return 408;
  return 400; // HPE_INVALID_METHOD (an unknown method such as FOO), broken syntax…
}

/**
 * Answers what Node's HTTP parser rejects before there is a request for Fastify to route: an
 * unknown method (`FOO`), a request line or headers longer than Node's header limit (a 100 KB
 * URL: 431), a timed-out request. These never reach `frameworkErrors` or the error handler;
 * Fastify's default answer here is English JSON. The page is the network's (there is no URL
 * to find a site by), written straight to the socket as Node requires, then the connection is
 * closed, as Fastify's default does.
 */
function sendClientError(core: Core, error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  if (socket.writable) {
    const status = clientErrorStatus(error.code);
    const message = error.code === 'HPE_INVALID_METHOD' ? 'Máy chủ không nhận ra phương thức (method) của yêu cầu này. Các trang chỉ dùng để xem.' : undefined;
    const html = Buffer.from(renderNetworkErrorPage(core, status, message));
    const head = [
      `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}`,
      'Content-Type: text/html; charset=utf-8',
      `Content-Length: ${html.length}`,
      'Cache-Control: no-store',
      'X-Content-Type-Options: nosniff',
      'Connection: close',
    ].join('\r\n');
    socket.write(Buffer.concat([Buffer.from(`${head}\r\n\r\n`), html]));
  }
  socket.destroy(error);
}
