/**
 * How admin API routes are declared: one call per endpoint with zod schemas for params, query
 * and body. The schemas validate the request (a failure is a 400 `CONG_ERR_VALIDATION` naming
 * each field, and nothing runs) and describe the endpoint in the OpenAPI document served at
 * `/api/docs` (openapi.ts). The handler gets the parsed input and the actor set by the auth
 * plugin (plugins/auth.ts), calls one command and returns the response object.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Actor } from '../../../core/policy/actor.ts';
import { UnauthenticatedError, ValidationError } from '../../../core/errors.ts';
import { STAGE_MESSAGES } from './auth/session-support.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is acting: set by the auth plugin from the session cookie or the bearer token. */
    actor: Actor;
    /** How the actor was authenticated; cookie-authenticated writes need a CSRF token. */
    authMethod: 'session' | 'token' | 'none';
  }
}

/** The base path of the admin API. */
export const ADMIN_API_PREFIX = '/api/admin/v1';

/** What one endpoint is, for routing, validation and the OpenAPI description. */
export interface AdminRouteSpec<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path below {@link ADMIN_API_PREFIX}, Fastify style: `/articles/:id/submit`. */
  url: string;
  /** One line, Vietnamese or English, shown in the OpenAPI description. */
  summary: string;
  /** OpenAPI tag (the resource): `articles`, `auth`, `users`… */
  tag: string;
  params?: P;
  query?: Q;
  body?: B;
  /** `member` (default): a signed-in person or a token is required; `none`: open (sign-in). */
  auth?: 'member' | 'none';
  /** Status of a successful answer (default 200). */
  successStatus?: number;
  /** Statuses this endpoint may answer besides success, for the description. */
  errorStatuses?: number[];
  /** Path prefix (default {@link ADMIN_API_PREFIX}); the public content API uses `/api/content/v1`. */
  prefix?: string;
}

/** What a handler receives. */
export interface AdminRouteContext<P, Q, B> {
  request: FastifyRequest;
  reply: FastifyReply;
  actor: Actor;
  params: P;
  query: Q;
  body: B;
  /** Client address for the audit log and rate limits. */
  address: string;
}

/** Every declared route, in declaration order, for the OpenAPI document. */
export interface DeclaredRoute {
  spec: AdminRouteSpec<z.ZodType, z.ZodType, z.ZodType>;
}

const declared: WeakMap<FastifyInstance, DeclaredRoute[]> = new WeakMap();

/** The routes declared on an app's root instance so far (see openapi.ts). */
export function declaredRoutes(app: FastifyInstance): DeclaredRoute[] {
  return declared.get(rootOf(app)) ?? [];
}

function rootOf(app: FastifyInstance): FastifyInstance {
  // Encapsulated children share the root's server; key the registry by it.
  return app.server as unknown as FastifyInstance;
}

/**
 * Parses `value` with `schema`.
 * @param where prefix for field names (`body`, `query`, `params`), omitted for the body.
 * @throws ValidationError listing every issue with its field path.
 */
export function parseInput<T extends z.ZodType>(schema: T, value: unknown, where: 'body' | 'query' | 'params'): z.output<T> {
  const result = schema.safeParse(value ?? (where === 'body' ? {} : value));
  if (result.success) return result.data;
  throw new ValidationError(
    result.error.issues.flatMap((issue) => {
      const base = [where === 'body' ? null : where, ...issue.path].filter((p) => p !== null);
      // An unknown field is named itself, not its parent object ("state", not "body").
      if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => ({ path: [...base, key].join('.'), message: issue.message }));
      return [{ path: base.join('.') || where, message: issue.message }];
    }),
  );
}

/**
 * Declares one admin API endpoint.
 * @param handler returns the JSON answer (an object), or `undefined` for 204.
 */
export function adminRoute<P extends z.ZodType = z.ZodUnknown, Q extends z.ZodType = z.ZodUnknown, B extends z.ZodType = z.ZodUnknown>(
  app: FastifyInstance,
  spec: AdminRouteSpec<P, Q, B>,
  handler: (ctx: AdminRouteContext<z.output<P>, z.output<Q>, z.output<B>>) => Promise<unknown>,
): void {
  const root = rootOf(app);
  if (!declared.has(root)) declared.set(root, []);
  declared.get(root)!.push({ spec: spec as unknown as AdminRouteSpec<z.ZodType, z.ZodType, z.ZodType> });
  app.route({
    method: spec.method,
    url: (spec.prefix ?? ADMIN_API_PREFIX) + spec.url,
    handler: async (request, reply) => {
      if ((spec.auth ?? 'member') === 'member' && request.actor.kind === 'anonymous') {
        // Signed in, but the session must first change its password or set up TOTP: say so.
        const stage = request.authSession?.stage;
        throw new UnauthenticatedError(stage && stage !== 'full' ? STAGE_MESSAGES[stage] : undefined);
      }
      const params = spec.params ? parseInput(spec.params, request.params, 'params') : request.params;
      const query = spec.query ? parseInput(spec.query, request.query, 'query') : request.query;
      const body = spec.body ? parseInput(spec.body, request.body, 'body') : undefined;
      const result = await handler({ request, reply, actor: request.actor, params, query, body, address: request.ip } as AdminRouteContext<z.output<P>, z.output<Q>, z.output<B>>);
      if (!reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
      if (result === undefined) return reply.code(204).send();
      return reply.code(spec.successStatus ?? 200).send(result);
    },
  });
}

/** `:id` path parameters: a positive integer. */
export const idParams = z.object({ id: z.coerce.number().int().positive() });
