/**
 * The public content API under `/api/content/v1`: read-only, no authentication, only what the
 * public may see (through the one visibility rule, core/articles/visibility.ts). Endpoints are
 * declared with `adminRoute(app, { prefix: CONTENT_API_PREFIX, auth: 'none', … })` — for GETs
 * through `contentRoute` (content-route.ts) — so they are validated and described in the same
 * OpenAPI document (`/api/docs`).
 *
 * The API lives in its own encapsulated Fastify scope so that CORS (@fastify/cors) answers
 * for it alone: any origin may read (`Access-Control-Allow-Origin: *`, GET/HEAD/OPTIONS, no
 * credentials), preflight requests are answered, and the admin API and the pages get no CORS
 * headers at all (a browser on another site must never be invited to call them).
 */
import type { FastifyError, FastifyInstance, RouteOptions } from 'fastify';
import cors, { type FastifyCorsOptions } from '@fastify/cors';
import type { Core } from '../../../core/create-core.ts';
import { WithdrawnArticleError } from '../../../core/content-api/withdrawn-article-error.ts';
import { CONTENT_API_PREFIX, CONTENT_CACHE_CONTROL } from './content-route.ts';
import { registerContentSiteRoutes } from './sites/index.ts';
import { registerContentArticleRoutes } from './articles/index.ts';
import { registerContentCategoryRoutes } from './categories/index.ts';
import { registerContentTagRoutes } from './tags/index.ts';
import { registerContentSearchRoutes } from './search/index.ts';

export { CONTENT_API_PREFIX } from './content-route.ts';

/**
 * CORS of the content API: open for reading from any origin, never with credentials (so a
 * browser sends no cookie of the portal along). Scripts may send `If-None-Match` and read the
 * `ETag` and `Link` headers. Preflight answers are cached a day by browsers.
 * Source: Fetch Standard §3.2 (CORS protocol); RFC 8288 (Link).
 */
const CORS_OPTIONS: FastifyCorsOptions = {
  origin: '*',
  methods: ['GET', 'HEAD', 'OPTIONS'],
  credentials: false,
  allowedHeaders: ['Accept', 'Accept-Language', 'If-None-Match'],
  exposedHeaders: ['ETag', 'Link'],
  maxAge: 86_400,
};

/**
 * The scope carries the API's prefix so that the CORS plugin's preflight route is
 * `OPTIONS /api/content/v1/*` rather than every path of the app. Routes are declared with
 * their full URL (`adminRoute` adds the prefix itself, and the OpenAPI document shows it), so
 * the prefix is taken off again before Fastify adds the scope's.
 */
function declaringFullUrls(scope: FastifyInstance): FastifyInstance {
  const route = (options: RouteOptions) => {
    if (!options.url.startsWith(CONTENT_API_PREFIX)) throw new Error(`content API route outside ${CONTENT_API_PREFIX}: ${options.url}`);
    return scope.route({ ...options, url: options.url.slice(CONTENT_API_PREFIX.length) });
  };
  return new Proxy(scope, {
    get(target, property) {
      if (property === 'route') return route;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** Methods the read-only API answers. */
const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Registers every content API route (one line per resource folder) in the API's own scope,
 * with CORS and the API's error answers.
 */
export async function registerContentApi(app: FastifyInstance, core: Core): Promise<void> {
  await app.register(
    async (scope) => {
      // A scope created before app.ts sets its error handler would keep Fastify's default one;
      // errors go to the app's handler as it is when they happen. A withdrawn article is the one
      // error answered here: 410 with its public notice beside the error, cached like its page.
      scope.setErrorHandler(async function contentApiErrors(error: FastifyError, request, reply) {
        if (error instanceof WithdrawnArticleError) {
          return reply
            .code(410)
            .header('cache-control', CONTENT_CACHE_CONTROL)
            .send({ errors: [{ code: error.code, message: error.message }], withdrawn: error.notice });
        }
        return app.errorHandler.call(app, error, request, reply);
      });
      // Unknown paths under the API answer its JSON 404, with the CORS headers, so that a
      // script on another site can read why.
      // The API only reads: a write method on any of its addresses answers 405 with `Allow`
      // (RFC 9110 §15.5.6), not a 404 that would suggest the address is wrong.
      scope.setNotFoundHandler(async (request, reply) => {
        if (!READ_METHODS.has(request.method)) {
          return reply.code(405).header('allow', 'GET, HEAD, OPTIONS').header('cache-control', 'no-store').send({
            errors: [{ code: 'CONG_ERR_METHOD_NOT_ALLOWED', message: 'API nội dung chỉ cho đọc (GET, HEAD); không nhận dữ liệu gửi lên.' }],
          });
        }
        return reply.code(404).header('cache-control', 'no-store').send({
          errors: [{ code: 'CONG_ERR_NOT_FOUND', message: `Không có địa chỉ này trong API nội dung; các địa chỉ có ở ${core.config.publicUrl}/api/docs` }],
        });
      });
      await scope.register(cors, CORS_OPTIONS);
      const api = declaringFullUrls(scope);

      // Resource registrations (one line each) follow.
      registerContentSiteRoutes(api, core);
      registerContentArticleRoutes(api, core);
      registerContentCategoryRoutes(api, core);
      registerContentTagRoutes(api, core);
      registerContentSearchRoutes(api, core);
    },
    { prefix: CONTENT_API_PREFIX },
  );
}
