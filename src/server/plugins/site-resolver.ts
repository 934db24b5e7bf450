/**
 * Finds the site a request is for. A request whose Host header is one of a site's configured
 * hostnames is for that site, and its paths have no prefix (`https://langson.example/…`);
 * on the default host a site is chosen by the first path segment (`/langson/…`).
 *
 * Host-mapped requests are rewritten early (Fastify `rewriteUrl`) to the prefixed form, so one
 * set of routes serves both; {@link SiteContext.basePath} tells pages which form to link with.
 */
import type { IncomingMessage } from 'node:http';
import type { FastifyRequest } from 'fastify';
import type { Core } from '../../core/create-core.ts';
import type { Site } from '../../core/sites/site.ts';

/** Paths that are the same on every host and are never rewritten. */
const GLOBAL_PREFIXES = ['/_assets/', '/media/', '/api/', '/admin', '/healthz'];

const HOST_SITE = Symbol('cong.hostSite');

interface RawWithSite extends IncomingMessage {
  [HOST_SITE]?: string;
}

/** The site a public request is for, and how to build its links. */
export interface SiteContext {
  site: Site;
  /** '' when the site is served on its own host, `/<key>` on the default host. */
  basePath: string;
  /** Absolute origin of the site's URLs, e.g. `http://127.0.0.1:3000`. */
  origin: string;
  /** Absolute URL of the network root page (default host). */
  networkUrl: string;
}

/**
 * Builds the `rewriteUrl` function for Fastify: prefixes the path with the site key when the
 * Host header names a site. Synchronous: it reads the in-memory site directory.
 */
export function createUrlRewriter(core: Core): (req: IncomingMessage) => string {
  return (req) => {
    const url = req.url ?? '/';
    const site = core.sites.getByHost(req.headers.host);
    if (!site) return url;
    if (GLOBAL_PREFIXES.some((p) => url.startsWith(p))) return url;
    (req as RawWithSite)[HOST_SITE] = site.key;
    return `/${site.key}${url === '/' ? '/' : url}`;
  };
}

/**
 * The site context of a request for site `siteKey`, or null when no active site has that key
 * (or the request came on another site's host, which must not reach this site by prefix).
 */
export function resolveSiteContext(core: Core, request: FastifyRequest, siteKey: string): SiteContext | null {
  const site = core.sites.getByKey(siteKey);
  if (!site) return null;
  const hostSiteKey = (request.raw as RawWithSite)[HOST_SITE];
  const hostSite = core.sites.getByHost(request.headers.host);
  if (hostSite && hostSiteKey !== site.key) return null;
  if (hostSiteKey) {
    return { site, basePath: '', origin: `${request.protocol}://${request.headers.host}`, networkUrl: core.config.publicUrl + '/' };
  }
  return { site, basePath: `/${site.key}`, origin: core.config.publicUrl, networkUrl: core.config.publicUrl + '/' };
}

/** True when the request came in on a site's own hostname. */
export function isHostMapped(request: FastifyRequest): boolean {
  return (request.raw as RawWithSite)[HOST_SITE] !== undefined;
}
