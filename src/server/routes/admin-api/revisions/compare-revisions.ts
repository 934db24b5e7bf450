/**
 * GET /api/admin/v1/articles/:id/revisions/compare?from=&to= — what changed between two
 * revisions, field by field, word by word (right for Vietnamese), as text runs and as escaped
 * HTML with `<ins>`/`<del>`.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Core } from '../../../../core/create-core.ts';
import { ValidationError } from '../../../../core/errors.ts';
import { compareArticleRevisions } from '../../../../core/revisions/index.ts';
import { adminRoute, idParams } from '../route.ts';

const revisionNumber = (name: string) =>
  z.coerce
    .number({ error: `Thiếu số phiên bản “${name}” (số nguyên dương)` })
    .int({ error: `Số phiên bản “${name}” phải là số nguyên dương` })
    .positive({ error: `Số phiên bản “${name}” phải là số nguyên dương` });

const query = z.object({ from: revisionNumber('from'), to: revisionNumber('to') });

/** Registers the comparison endpoint. */
export function registerCompareRevisionsRoute(app: FastifyInstance, core: Core): void {
  adminRoute(
    app,
    {
      method: 'GET',
      url: '/articles/:id/revisions/compare',
      summary: 'So sánh hai phiên bản của bài viết (from: bản cũ, to: bản mới), theo từng trường và từng từ',
      tag: 'revisions',
      params: idParams,
      query,
      errorStatuses: [404],
    },
    async ({ actor, params, query: q }) => {
      try {
        return await compareArticleRevisions(core.db, actor, params.id, q.from, q.to);
      } catch (err) {
        // The command names `from`/`to`; here they are query parameters, named as the schema names them.
        if (err instanceof ValidationError) throw new ValidationError(err.issues.map((i) => ({ ...i, path: `query.${i.path}` })));
        throw err;
      }
    },
  );
}
