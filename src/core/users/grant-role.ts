/**
 * Command: give a person a role on a site (or `network_admin` network-wide). A site admin
 * gives roles on their own site; only a network admin gives `network_admin`.
 */
import { appendAudit } from '../audit/audit.ts';
import { NotFoundError } from '../errors.ts';
import type { Actor } from '../policy/actor.ts';
import { personOf, type RolesResult } from './role-change.ts';
import { canSeePerson, authorizeRoleChange } from './user.policy.ts';
import { findUserRecordById, hasMembership, insertMembership, listUserGrants, siteExists } from './user.repository.ts';
import { grantRoleSchema, parseUserInput } from './user.schema.ts';
import type { RequestContext, UsersDeps } from './user.ts';

/**
 * Gives a person a role. Giving a role already held changes nothing and is not an error.
 * @param input `{ siteId (null for network_admin), role }`.
 * @throws ValidationError naming `siteId` / `role` when they do not go together.
 * @throws NotFoundError for an unknown person or site, or a site the actor holds nothing on.
 * @throws ForbiddenError when the actor may not manage that site's people.
 */
export async function grantRole(deps: UsersDeps, actor: Actor, userId: number, input: unknown, context: RequestContext = {}): Promise<RolesResult> {
  const { siteId, role } = parseUserInput(grantRoleSchema, input);
  authorizeRoleChange(actor, siteId, role);
  if (siteId !== null && !(await siteExists(deps.db, siteId))) throw new NotFoundError(`trang ${siteId}`);
  const now = deps.clock();
  const changed = await deps.db.transaction().execute(async (trx) => {
    if (!(await findUserRecordById(trx, userId))) throw new NotFoundError(`người dùng ${userId}`);
    // A site admin works with the people of their own sites only: someone known elsewhere in the
    // network (another site's editor) is invisible to them, so ids cannot be walked to read
    // e-mails; bringing such a person in is a network admin's act.
    if (!canSeePerson(actor, await listUserGrants(trx, userId))) throw new NotFoundError(`người dùng ${userId}`);
    if (await hasMembership(trx, userId, siteId, role)) return false;
    await insertMembership(trx, userId, siteId, role, now);
    await appendAudit(trx, { actor, action: 'user.role.grant', siteId, subjectType: 'user', subjectId: userId, details: { role, siteId }, address: context.address ?? null, at: now });
    return true;
  });
  return { user: await personOf(deps, userId), grants: await listUserGrants(deps.db, userId), changed };
}
