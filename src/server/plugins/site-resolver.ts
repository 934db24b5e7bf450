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
export const GLOBAL_PREFIXES = ['/_assets/', '/media/', '/api/', '/admin', '/healthz', '/favicon.ico', '/xem-truoc/'];

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
    return { site, basePath: '', origin: hostOrigin(site, request.protocol, request.headers.host), networkUrl: core.config.publicUrl + '/' };
  }
  return { site, basePath: `/${site.key}`, origin: core.config.publicUrl, networkUrl: core.config.publicUrl + '/' };
}

/**
 * The origin of a site served on its own hostname, for canonical and Open Graph URLs. Built
 * from the site's configured hostname (the one the Host header matched, case and trailing dot
 * aside) and the header's port only when it is a port number (1–65535) other than the
 * scheme's default, written without leading zeros: no other text of the Host header ever
 * reaches a page. `Host: langson.localhost:99999` gives `http://langson.localhost`.
 */
export function hostOrigin(site: Site, protocol: 'http' | 'https', hostHeader: string | undefined): string {
  const header = (hostHeader ?? '').toLowerCase();
  const portText = /:(\d+)$/.exec(header)?.[1];
  const hostname = (portText === undefined ? header : header.slice(0, -portText.length - 1)).replace(/\.$/, '');
  // The resolver matched the request to the site by this hostname; should the two ever
  // disagree, the site's first hostname is used rather than the header's text.
  const configured = site.hostnames.find((h) => h === hostname) ?? site.hostnames[0]!;
  const port = portText === undefined || portText.length > 5 ? NaN : Number(portText);
  const defaultPort = protocol === 'https' ? 443 : 80;
  const portPart = Number.isInteger(port) && port >= 1 && port <= 65535 && port !== defaultPort ? `:${port}` : '';
  return `${protocol}://${configured}${portPart}`;
}

/** True when the request came in on a site's own hostname. */
export function isHostMapped(request: FastifyRequest): boolean {
  return (request.raw as RawWithSite)[HOST_SITE] !== undefined;
}
