/**
 * Command: create an API token for a machine client, scoped to one site and one site role
 * (issue "Newsroom core", item 1). The token is `cong_` + 32 random bytes (base64url), returned
 * once; only its SHA-256 and 8 characters for recognition are stored. Needs
 * `site.manage_tokens` on the site (policy.ts).
 */
import { appendAudit } from '../audit/audit.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import { actorUserId, type Actor } from '../policy/actor.ts';
import { authorize } from '../policy/policy.ts';
import { presentApiToken, type ApiTokenView } from './user.presenter.ts';
import { findApiTokenById, insertApiToken, siteExists } from './user.repository.ts';
import { createApiTokenSchema, parseUserInput } from './user.schema.ts';
import { apiTokenDisplayPrefix, hashToken, newApiTokenSecret, type RequestContext, type UsersDeps } from './user.ts';

/** A new token: its view and the secret, shown this once. */
export interface CreatedApiToken {
  token: ApiTokenView;
  /** The whole token (`cong_…`). Not stored anywhere: whoever loses it makes a new one. */
  secret: string;
}

/**
 * Creates a token for a site.
 * @param input `{ name, role (a site role), expiresAt? (ISO 8601 with zone, in the future) }`.
 * @throws ValidationError naming `name`, `role` or `expiresAt`.
 * @throws NotFoundError when the site does not exist or the actor holds nothing on it.
 * @throws ForbiddenError when the actor may not manage the site's tokens.
 */
export async function createApiToken(deps: UsersDeps, actor: Actor, siteId: number, input: unknown, context: RequestContext = {}): Promise<CreatedApiToken> {
  authorize(actor, 'site.manage_tokens', { siteId }, `trang ${siteId}`);
  const parsed = parseUserInput(createApiTokenSchema, input);
  const now = deps.clock();
  const expiresAt = parsed.expiresAt ? new Date(parsed.expiresAt) : null;
  if (expiresAt && expiresAt <= now) throw new ValidationError([{ path: 'expiresAt', message: 'Thời hạn phải ở tương lai' }]);
  if (!(await siteExists(deps.db, siteId))) throw new NotFoundError(`trang ${siteId}`);
  const secret = newApiTokenSecret();
  const id = await deps.db.transaction().execute(async (trx) => {
    const tokenId = await insertApiToken(
      trx,
      { name: parsed.name, siteId, role: parsed.role, prefix: apiTokenDisplayPrefix(secret), tokenHash: hashToken(secret), createdByUserId: actorUserId(actor), expiresAt },
      now,
    );
    await appendAudit(trx, {
      actor,
      action: 'api_token.create',
      siteId,
      subjectType: 'api_token',
      subjectId: tokenId,
      details: { name: parsed.name, role: parsed.role, expiresAt: parsed.expiresAt },
      address: context.address ?? null,
      at: now,
    });
    return tokenId;
  });
  return { token: presentApiToken(actor, (await findApiTokenById(deps.db, id))!, now), secret };
}
