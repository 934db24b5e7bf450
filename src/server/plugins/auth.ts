/**
 * Authentication at the HTTP edge: sets `request.actor`, `request.authMethod` and
 * `request.authSession` for every request under `/api/` (public pages are left alone: they
 * are anonymous and must stay fast), and enforces CSRF on cookie-authenticated writes.
 *
 * - `Authorization: Bearer cong_…` → the API token's actor (one role on one site); an
 *   unknown, revoked or expired token is a 401 that says which.
 * - else the `cong_session` cookie → the signed-in person (stage `full`), or, for a person
 *   who must first set up TOTP, `authSession` only (the actor stays anonymous, so only the
 *   routes that read `authSession` — TOTP setup, `me`, sign-out — serve them);
 * - else anonymous.
 *
 * CSRF: every POST/PUT/PATCH/DELETE that came with a live session cookie must carry the
 * session's token in the `x-csrf-token` header (synchronizer token pattern, OWASP CSRF
 * Prevention Cheat Sheet), compared in constant time; the cookie is also SameSite=Strict.
 * Bearer-token requests carry no ambient credentials and need none. Sign-in is exempt (it
 * requires `Content-Type: application/json`, which a cross-site form cannot send).
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import cookie from '@fastify/cookie';
import type { Core } from '../../core/create-core.ts';
import { CsrfError } from '../../core/errors.ts';
import { ANONYMOUS } from '../../core/policy/actor.ts';
import { authenticateApiToken, authenticateSession, type SessionAuthentication } from '../../core/users/authenticate.ts';
import { secretsEqual, usersDepsOf } from '../../core/users/user.ts';
import { ADMIN_API_PREFIX } from '../routes/admin-api/route.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /**
     * The live session the request came with (stage `full` or `totp_enrolment`), with its
     * person and roles; null without one. Routes for people still enrolling TOTP read it.
     */
    authSession: SessionAuthentication | null;
  }
}

/** Name of the session cookie. */
export const SESSION_COOKIE = 'cong_session';

/** The routes a cookie-authenticated write may call without the CSRF header. */
const CSRF_EXEMPT = new Set([`${ADMIN_API_PREFIX}/auth/sign-in`]);
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Puts the session token in the cookie: HttpOnly, SameSite=Strict, Path=/, Secure when the
 * configuration says so (CONG_COOKIE_SECURE, default: the public URL is https), expiring with
 * the session's absolute expiry (RFC 6265 §4.1).
 */
export function setSessionCookie(reply: FastifyReply, core: Core, token: string, expiresAt: Date): void {
  appendSetCookie(reply, reply.server.serializeCookie(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'strict', path: '/', secure: core.config.cookieSecure, expires: expiresAt }));
}

/** Tells the browser to forget the session cookie. */
export function clearSessionCookie(reply: FastifyReply, core: Core): void {
  appendSetCookie(
    reply,
    reply.server.serializeCookie(SESSION_COOKIE, '', { httpOnly: true, sameSite: 'strict', path: '/', secure: core.config.cookieSecure, expires: new Date(0), maxAge: 0 }),
  );
}

// The cookie plugin runs without its hooks (they would run on every public page), so its
// reply.setCookie is not flushed; the header is written here, replacing an earlier value for
// the same cookie in this answer.
function appendSetCookie(reply: FastifyReply, value: string): void {
  const existing = reply.getHeader('set-cookie');
  const others = (Array.isArray(existing) ? existing : existing === undefined ? [] : [String(existing)]).filter((c) => !c.startsWith(`${SESSION_COOKIE}=`));
  reply.header('set-cookie', others.length ? [...others, value] : value);
}

/** Registers the hooks that identify the actor of each request and check CSRF tokens. */
export async function registerAuth(app: FastifyInstance, core: Core): Promise<void> {
  // Cookies are parsed only where needed (below), not on every public page; see appendSetCookie.
  await app.register(cookie, { hook: false });
  app.decorateRequest('actor', null as never);
  app.decorateRequest('authMethod', null as never);
  app.decorateRequest('authSession', null);
  const deps = usersDepsOf(core);

  app.addHook('onRequest', async (request, reply) => {
    request.actor = ANONYMOUS;
    request.authMethod = 'none';
    request.authSession = null;
    // Only the admin API knows people: public pages and the public content API never read a
    // cookie or a token (so they never answer 401 or set a cookie on a cacheable answer).
    if (!request.url.startsWith('/api/admin/')) return;

    const authorization = request.headers.authorization;
    const bearer = authorization ? /^Bearer\s+(\S+)\s*$/i.exec(authorization) : null;
    if (bearer) {
      const { actor } = await authenticateApiToken(deps, bearer[1]!);
      request.actor = actor;
      request.authMethod = 'token';
      return;
    }

    const header = request.headers.cookie;
    if (!header || !header.includes(SESSION_COOKIE)) return;
    const token = app.parseCookie(header)[SESSION_COOKIE];
    if (!token) return;
    const auth = await authenticateSession(deps, token);
    if (!auth) {
      clearSessionCookie(reply, core);
      return;
    }
    request.authSession = auth;
    if (auth.stage === 'full') {
      request.actor = auth.actor;
      request.authMethod = 'session';
    }
  });

  app.addHook('preHandler', async (request) => {
    if (!request.authSession || SAFE_METHODS.has(request.method)) return;
    if (CSRF_EXEMPT.has(request.routeOptions.url ?? '')) return;
    const given = request.headers['x-csrf-token'];
    if (typeof given !== 'string' || !secretsEqual(given, request.authSession.session.csrfToken)) throw new CsrfError();
  });
}
