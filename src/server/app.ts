/**
 * Builds the Fastify application (never listens; see main.ts). Public pages are rendered on
 * the server; errors become a themed Vietnamese page for HTML and `{ errors: [...] }` for the
 * API. One app serves every site of the network (see plugins/site-resolver.ts).
 */
import Fastify, { type FastifyInstance, type FastifyError, type FastifyReply } from 'fastify';
import helmet from '@fastify/helmet';
import compress from '@fastify/compress';
import etag from '@fastify/etag';
import formbody from '@fastify/formbody';
import fastifyStatic from '@fastify/static';
import type { Core } from '../core/create-core.ts';
import { THEME_ASSETS_DIR } from '../core/paths.ts';
import { CongError, ValidationError } from '../core/errors.ts';
import { normalizeInput } from '../core/text/index.ts';
import { findRedirect } from '../core/redirects/redirect.repository.ts';
import { createUrlRewriter } from './plugins/site-resolver.ts';
import { registerPublicRoutes, renderNotFound, renderServerError } from './routes/public/index.ts';
import { registerMediaRoutes } from './routes/public/media.ts';


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
    trustProxy: false,
    bodyLimit: 1024 * 1024,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 300 },
    // Malformed URLs (broken percent-encoding) and bodies get the same themed answer as any
    // other bad request, not Fastify's bare JSON.
    frameworkErrors: (_error, request, rawReply) => {
      const reply = rawReply as unknown as FastifyReply;
      const message = 'Địa chỉ hoặc dữ liệu gửi lên không hợp lệ.';
      if (request.url.startsWith('/api/')) {
        void reply.code(400).send({ errors: [{ code: 'CONG_ERR_BAD_REQUEST', message }] });
        return;
      }
      void renderServerError(core, request, 400, message).then((html) =>
        reply.code(400).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(html),
      );
    },
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
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
  // Weak validators: the same page is sent gzip-encoded or not, so bytes may differ (RFC 9110 §8.8.1).
  await app.register(etag, { weak: true });
  await app.register(formbody);

  // NFC at the HTTP boundary: every parsed body and query string is normalised.
  app.addHook('preValidation', async (request) => {
    if (request.body && typeof request.body === 'object') request.body = normalizeInput(request.body);
    if (request.query && typeof request.query === 'object') request.query = normalizeInput(request.query);
  });

  await app.register(fastifyStatic, {
    root: THEME_ASSETS_DIR,
    prefix: '/_assets/',
    decorateReply: false,
    maxAge: '7d',
    etag: true,
  });
  registerMediaRoutes(app, core);

  app.get('/healthz', async () => ({ status: 'ok' }));

  await registerPublicRoutes(app, core);

  app.setNotFoundHandler(async (request, reply) => {
    // An old URL with a stored redirect answers with it before any 404.
    const m = /^\/([^/?#]+)(\/[^?#]*)?/.exec(request.url);
    if (m) {
      const site = core.sites.getByKey(m[1]!);
      if (site) {
        const redirect = await findRedirect(core.db, site.id, m[2] ?? '/');
        if (redirect) return reply.code(redirect.statusCode).header('cache-control', 'public, max-age=300').redirect(redirect.toUrl, redirect.statusCode);
      }
    }
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
      body = [{ code: error.code, message: error.expose ? error.message : 'Lỗi' }];
    } else if ((error as FastifyError).statusCode && (error as FastifyError).statusCode! < 500) {
      status = (error as FastifyError).statusCode!;
      body = [{ code: (error as FastifyError).code ?? 'CONG_ERR_BAD_REQUEST', message: error.message }];
    } else {
      request.log.error({ err: error }, 'unhandled error');
      body = [{ code: 'CONG_ERR_INTERNAL', message: `Lỗi máy chủ (mã yêu cầu ${request.id})` }];
    }
    reply.code(status).header('cache-control', 'no-store');
    if (request.url.startsWith('/api/')) return reply.send({ errors: body });
    const html = await renderServerError(core, request, status, body[0]!.message);
    return reply.type('text/html; charset=utf-8').send(html);
  });

  return app;
}
