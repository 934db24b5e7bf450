/** Command: revoke an API token; it stops working at once. */
import { appendAudit } from '../audit/audit.ts';
import { NotFoundError } from '../errors.ts';
import type { Actor } from '../policy/actor.ts';
import { authorize, can } from '../policy/policy.ts';
import { presentApiToken, type ApiTokenView } from './user.presenter.ts';
import { findApiTokenById, revokeApiTokenRow } from './user.repository.ts';
import type { RequestContext, UsersDeps } from './user.ts';

/**
 * Revokes a token: it stops working at once. Revoking a revoked token changes nothing.
 * @throws NotFoundError when there is no such token or the actor may not manage its site's tokens.
 */
export async function revokeApiToken(deps: UsersDeps, actor: Actor, tokenId: number, context: RequestContext = {}): Promise<ApiTokenView> {
  const now = deps.clock();
  const token = await findApiTokenById(deps.db, tokenId);
  if (!token || !can(actor, 'site.manage_tokens', { siteId: token.siteId })) {
    if (token) authorize(actor, 'site.manage_tokens', { siteId: token.siteId }, `khoá API ${tokenId}`);
    throw new NotFoundError(`khoá API ${tokenId}`);
  }
  await deps.db.transaction().execute(async (trx) => {
    if (!(await revokeApiTokenRow(trx, tokenId, now))) return;
    await appendAudit(trx, { actor, action: 'api_token.revoke', siteId: token.siteId, subjectType: 'api_token', subjectId: tokenId, details: { name: token.name }, address: context.address ?? null, at: now });
  });
  return presentApiToken(actor, (await findApiTokenById(deps.db, tokenId))!, now);
}
