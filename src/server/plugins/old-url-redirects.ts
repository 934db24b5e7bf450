/**
 * Old addresses answering 301 to their new home (site lifecycle, DESIGN.md §2.7): stored
 * redirects of a site, every URL of a merged site (by `/<key>/…` or by its hostname), old keys
 * of renamed sites (`/<old>/…` → `/<new>/…`) and old, redirecting hostnames
 * (`site_hostnames.redirect = 1`). Chains are followed here, on the server
 * (core/redirects/redirect.repository.ts `resolveOldUrl`): a reader gets one 301, straight to
 * the page that answers.
 *
 * The answer keeps the form the request came in: a request on the default host is sent to
 * `/<key>/…`; one on a site's hostname (a merged site's own hostname, or an old one) to the
 * final site's own hostname when it has one, else to the default host's absolute URL.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Core } from '../../core/create-core.ts';
import { resolveOldUrl } from '../../core/redirects/redirect.repository.ts';
import type { Site } from '../../core/sites/site.ts';
import { GLOBAL_PREFIXES, hostOrigin, isHostMapped } from './site-resolver.ts';

/** Cache lifetime of an old URL's redirect (seconds). */
const REDIRECT_CACHE_CONTROL = 'public, max-age=300';

/** A redirect to send. */
export interface OldUrlAnswer {
  location: string;
  statusCode: 301 | 302 | 308;
}

function splitUrl(url: string): { path: string; query: string | null } {
  const cut = url.search(/[?#]/);
  if (cut === -1) return { path: url, query: null };
  const path = url.slice(0, cut);
  const query = url[cut] === '?' ? url.slice(cut + 1).split('#')[0]! : null;
  return { path, query: query === '' ? null : query };
}

/** The URL of a path of `site` in the form the request came in (see the module comment). */
function siteUrl(core: Core, request: FastifyRequest, site: Site, path: string, viaHost: boolean): string {
  if (!viaHost) return `/${site.key}${path}`;
  if (site.hostnames.length) return `${hostOrigin(site, request.protocol, request.headers.host)}${path}`;
  return `${core.config.publicUrl}/${site.key}${path}`;
}

/**
 * Finds where an old address of a site goes: `siteKey` (a key or an old key) and the
 * site-relative path, resolved through every stored redirect, rename and merge. When a merged
 * site has no stored redirect for the path, the same path is tried on the site it went into
 * (a HEAD request inside the app: kept when it answers 200), else that site's home.
 * @returns the answer, or null when nothing redirects the address.
 */
export async function findOldUrlAnswer(
  core: Core,
  app: FastifyInstance,
  request: FastifyRequest,
  siteKey: string,
  path: string,
  query: string | null,
  viaHost: boolean,
): Promise<OldUrlAnswer | null> {
  const target = await resolveOldUrl(core.db, core.sites, { siteKey, path }, { publicUrl: core.config.publicUrl });
  if (!target) return null;
  if (target.kind === 'url') return { location: target.url, statusCode: target.statusCode };
  const site = core.sites.getByKey(target.siteKey);
  if (!site) return null;
  let targetPath = target.path;
  let targetQuery = target.query ?? query;
  if (target.fallback && targetPath !== '/') {
    const probe = await app.inject({ method: 'HEAD', url: `/${site.key}${targetPath}` });
    if (probe.statusCode !== 200) {
      targetPath = '/';
      targetQuery = null;
    }
  }
  const location = siteUrl(core, request, site, targetPath, viaHost) + (targetQuery ? `?${targetQuery}` : '');
  return { location, statusCode: target.statusCode };
}

/**
 * For the not-found handler (app.ts): the redirect of an address no route answered —
 * `/<key>/<rest>` (or `<rest>` on a site's hostname, already rewritten to that form).
 * @returns the answer, or null (then the themed 404).
 */
export async function answerOldUrl(core: Core, app: FastifyInstance, request: FastifyRequest): Promise<OldUrlAnswer | null> {
  const { path, query } = splitUrl(request.url);
  const m = /^\/([^/]+)(\/.*)?$/.exec(path);
  if (!m) return null;
  let key: string;
  try {
    key = decodeURIComponent(m[1]!);
  } catch {
    return null;
  }
  return findOldUrlAnswer(core, app, request, key, m[2] ?? '/', query, isHostMapped(request));
}

/** Sends an old URL's answer (301, cached five minutes). */
export function sendOldUrlAnswer(reply: FastifyReply, answer: OldUrlAnswer): FastifyReply {
  return reply.code(answer.statusCode).header('cache-control', REDIRECT_CACHE_CONTROL).redirect(answer.location, answer.statusCode);
}

/**
 * Registers the hook for old, redirecting hostnames: a GET or HEAD on one answers 301 to the
 * same path on the site's primary hostname (or, for a site merged since, to the path's new
 * home). Paths that are the same on every host (media, assets, the APIs) are served as they
 * are, so an old hostname keeps serving its media files.
 */
export function registerOldHostnameRedirects(app: FastifyInstance, core: Core): void {
  app.addHook('onRequest', async (request, reply) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return;
    const site = core.sites.getByRedirectHost(request.headers.host);
    if (!site) return;
    const url = request.raw.url ?? '/';
    if (GLOBAL_PREFIXES.some((p) => url.startsWith(p))) return;
    const { path, query } = splitUrl(url);
    let answer: OldUrlAnswer | null;
    if (site.status === 'active') {
      answer = { location: siteUrl(core, request, site, path || '/', true) + (query ? `?${query}` : ''), statusCode: 301 };
    } else {
      answer = await findOldUrlAnswer(core, app, request, site.key, path || '/', query, true);
    }
    if (answer) return sendOldUrlAnswer(reply, answer);
  });
}
