/**
 * How content API endpoints are declared: read-only GETs (HEAD comes with them) through the
 * same `adminRoute` as the admin API, so zod validates every parameter (400 naming it) and the
 * endpoint appears in the OpenAPI document at `/api/docs`; open to anyone (no sign-in), and
 * cached like public pages (`public, max-age=30`, capped by app.ts at the next scheduled or
 * embargoed publication; 200 answers get a weak ETag and 304 there too).
 */
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import type { Core } from '../../../core/create-core.ts';
import { NotFoundError } from '../../../core/errors.ts';
import type { Site } from '../../../core/sites/site.ts';
import { adminRoute, type AdminRouteContext } from '../admin-api/route.ts';

/** The base path of the public content API. */
export const CONTENT_API_PREFIX = '/api/content/v1';

/** Cache-Control of content API answers: as public pages, so publishing shows within half a minute. */
export const CONTENT_CACHE_CONTROL = 'public, max-age=30';

/** The OpenAPI tag of every content endpoint. */
const CONTENT_TAG = 'content';

/** What one content endpoint is. */
export interface ContentRouteSpec<P extends z.ZodType, Q extends z.ZodType> {
  /** Path below {@link CONTENT_API_PREFIX}, Fastify style: `/articles/:site/:slug`. */
  url: string;
  /** One line, Vietnamese, for the OpenAPI description. */
  summary: string;
  params?: P;
  query: Q;
  /** Statuses this endpoint may answer besides 200 and 400, for the description. */
  errorStatuses?: number[];
}

/**
 * Declares one content API endpoint (GET, no authentication).
 * @param handler returns the JSON answer; it throws `NotFoundError` (404) for anything unknown
 */
export function contentRoute<P extends z.ZodType = z.ZodUnknown, Q extends z.ZodType = z.ZodUnknown>(
  app: FastifyInstance,
  spec: ContentRouteSpec<P, Q>,
  handler: (ctx: AdminRouteContext<z.output<P>, z.output<Q>, undefined>) => Promise<object>,
): void {
  adminRoute<P, Q>(
    app,
    { ...spec, method: 'GET', tag: CONTENT_TAG, auth: 'none', prefix: CONTENT_API_PREFIX },
    async (ctx) => {
      const answer = await handler(ctx as AdminRouteContext<z.output<P>, z.output<Q>, undefined>);
      ctx.reply.header('cache-control', CONTENT_CACHE_CONTROL);
      return answer;
    },
  );
}

/**
 * The active site with this key, as the public knows it.
 * @throws NotFoundError (404) when no site has the key, or it is merged or archived (their
 *   pages answer 404 too: stored redirects take over there)
 */
export function requirePublicSite(core: Core, key: string): Site {
  const site = core.sites.getByKey(key);
  if (!site || site.status !== 'active') throw new NotFoundError(`trang “${shorten(key)}”`);
  return site;
}

/** Shortens untrusted text quoted back in a message. */
export function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}
