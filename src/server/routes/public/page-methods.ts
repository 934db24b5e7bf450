/**
 * Public pages are read-only. GET serves them (and HEAD, which Fastify adds to every GET
 * route); on the same URLs OPTIONS answers 204 with `Allow: GET, HEAD, OPTIONS`, and POST,
 * PUT, DELETE and PATCH answer 405 with `Allow: GET, HEAD` and the themed Vietnamese page
 * (RFC 9110 §15.5.6), so a form or script pointed at a page learns why instead of reading
 * "Không tìm thấy trang".
 *
 * Only a URL that can be a page answers so: under a `:site` parameter the key must name an
 * active site; anything else gets the usual 404. Paths such as `/api/…` and `/admin` stay
 * free for later routes: their first segment is a reserved site key (never a site), and a
 * later static route is preferred by Fastify's router over these parametric ones anyway.
 *
 * The 405 is sent from an `onRequest` hook, before any body is read: it does not depend on
 * what was sent, so a body the page would never read cannot turn it into a 413 or 415.
 */
import type { FastifyInstance, FastifyRequest, HTTPMethods } from 'fastify';
import type { Core } from '../../../core/create-core.ts';
import { errorMessage, renderServerError } from './error-pages.ts';
import { publicSiteContext, sendNotFound } from './page-support.ts';

/** The `Allow` header of a 405 from a page. */
export const PAGE_ALLOW = 'GET, HEAD';

/** The `Allow` header of an OPTIONS answer from a page. */
export const PAGE_OPTIONS_ALLOW = 'GET, HEAD, OPTIONS';

/** Methods that change things, answered 405 on pages. */
const WRITE_METHODS: HTTPMethods[] = ['POST', 'PUT', 'DELETE', 'PATCH'];

/**
 * Registers OPTIONS and the write methods on a page URL already registered for GET.
 * @param url the page's route pattern, exactly as given to `app.get`
 */
export function registerPageMethods(app: FastifyInstance, core: Core, url: string): void {
  const isPage = (request: FastifyRequest): boolean => {
    const siteKey = (request.params as { site?: string }).site;
    return siteKey === undefined || publicSiteContext(core, request, siteKey) !== null;
  };

  app.route({
    method: 'OPTIONS',
    url,
    handler: async (request, reply) => {
      if (!isPage(request)) return sendNotFound(reply);
      return reply.code(204).header('allow', PAGE_OPTIONS_ALLOW).send();
    },
  });

  app.route({
    method: WRITE_METHODS,
    url,
    onRequest: async (request, reply) => {
      if (!isPage(request)) return; // the handler below answers 404
      const html = await renderServerError(core, request, 405, errorMessage(405));
      return reply.code(405).header('allow', PAGE_ALLOW).header('cache-control', 'no-store').type('text/html; charset=utf-8').send(html);
    },
    handler: async (_request, reply) => sendNotFound(reply),
  });
}
