/** Query: a site's API tokens, for whoever manages them (`site.manage_tokens`). */
import type { Actor } from '../policy/actor.ts';
import { authorize } from '../policy/policy.ts';
import { presentApiToken, type ApiTokenView } from './user.presenter.ts';
import { listApiTokens } from './user.repository.ts';
import type { UsersDeps } from './user.ts';

/**
 * A site's tokens, newest first, revoked and expired ones included (never the secret or hash).
 * @throws NotFoundError / ForbiddenError from the policy.
 */
export async function listSiteApiTokens(deps: UsersDeps, actor: Actor, siteId: number): Promise<ApiTokenView[]> {
  authorize(actor, 'site.manage_tokens', { siteId }, `trang ${siteId}`);
  const now = deps.clock();
  return (await listApiTokens(deps.db, siteId)).map((t) => presentApiToken(actor, t, now));
}
