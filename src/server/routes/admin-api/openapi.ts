/**
 * The OpenAPI 3.1 description of the admin API, built from the zod schemas the routes
 * declare (route.ts), so the description cannot drift from what is validated. Served as JSON
 * at `/api/docs` (and `/api/docs/openapi.json`).
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { ADMIN_API_PREFIX, declaredRoutes } from './route.ts';

const errorResponse = {
  description: 'Lỗi: `{ errors: [{ code, message, field? }] }` — mã lỗi ổn định, xem docs/errors.md',
  content: {
    'application/json': {
      schema: {
        type: 'object',
        properties: {
          errors: {
            type: 'array',
            items: {
              type: 'object',
              properties: { code: { type: 'string' }, message: { type: 'string' }, field: { type: 'string' } },
              required: ['code', 'message'],
            },
          },
        },
        required: ['errors'],
      },
    },
  },
};

function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
}

/**
 * Builds the OpenAPI document from the routes declared so far.
 * @returns an OpenAPI 3.1 object.
 */
export function buildOpenApiDocument(app: FastifyInstance): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const { spec } of declaredRoutes(app)) {
    const pathKey = (spec.prefix ?? ADMIN_API_PREFIX) + spec.url.replace(/:([A-Za-z_]+)/g, '{$1}');
    const parameters: unknown[] = [];
    for (const [where, schema] of [['path', spec.params], ['query', spec.query]] as const) {
      if (!schema) continue;
      const js = jsonSchema(schema) as { properties?: Record<string, unknown>; required?: string[] };
      for (const [name, s] of Object.entries(js.properties ?? {})) {
        parameters.push({ name, in: where, required: where === 'path' || (js.required ?? []).includes(name), schema: s });
      }
    }
    const responses: Record<string, unknown> = {
      [String(spec.successStatus ?? 200)]: { description: 'Thành công' },
      '400': errorResponse,
    };
    if ((spec.auth ?? 'member') === 'member') {
      responses['401'] = errorResponse;
      responses['403'] = errorResponse;
    }
    for (const status of spec.errorStatuses ?? []) responses[String(status)] = errorResponse;
    paths[pathKey] ??= {};
    paths[pathKey]![spec.method.toLowerCase()] = {
      summary: spec.summary,
      tags: [spec.tag],
      ...(parameters.length ? { parameters } : {}),
      ...(spec.body ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(spec.body) } } } } : {}),
      responses,
      ...((spec.auth ?? 'member') === 'member' ? { security: [{ session: [] }, { bearer: [] }] } : { security: [] }),
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Cong API',
      version: '1',
      description:
        'API của Cong: API nội dung công khai `/api/content/v1` (chỉ đọc, không cần xác thực, chỉ nội dung đã đăng) và API quản trị toà soạn `/api/admin/v1`. API quản trị xác thực bằng phiên đăng nhập (cookie `cong_session`, kèm tiêu đề `x-csrf-token` cho mọi yêu cầu ghi) hoặc khoá API (`Authorization: Bearer …`). Mỗi đối tượng trả về kèm `allowedActions`: các thao tác người gọi được phép làm. Lỗi: `{ errors: [{ code, message, field }] }`.',
    },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'cong_session' },
        bearer: { type: 'http', scheme: 'bearer' },
      },
    },
    paths,
  };
}

/** Serves the document at `/api/docs` and `/api/docs/openapi.json`. */
export function registerOpenApiRoute(app: FastifyInstance): void {
  let cached: Record<string, unknown> | null = null;
  const handler = async () => (cached ??= buildOpenApiDocument(app));
  app.get('/api/docs', handler);
  app.get('/api/docs/openapi.json', handler);
}
