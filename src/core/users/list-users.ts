/**
 * Queries: the people an actor may see — a site's members for its admins, everyone for a
 * network admin — and one person. Roles on sites the actor does not administer are left out
 * (presenter `visibleGrants`).
 */
import { ForbiddenError, NotFoundError } from '../errors.ts';
import type { Actor } from '../policy/actor.ts';
import { ACTION_LABELS, authorize } from '../policy/policy.ts';
import { canSeePerson, managesNetwork, managesSite } from './user.policy.ts';
import { presentPerson, type PersonView } from './user.presenter.ts';
import { findUserRecordById, listGrantsOf, listUsers } from './user.repository.ts';
import type { UsersDeps } from './user.ts';

/** The sites whose members the actor administers (from its own grants). */
function administeredSites(actor: Actor): number[] {
  const siteIds = actor.kind === 'member' ? actor.grants.map((g) => g.siteId) : actor.kind === 'token' ? [actor.siteId] : [];
  return [...new Set(siteIds.filter((id): id is number => id !== null && managesSite(actor, id)))];
}

/**
 * Lists people, e-mail order.
 * @param filter.siteId only that site's members (the actor must administer it); without it,
 *   everyone for a network admin, else the members of every site the actor administers.
 * @throws NotFoundError / ForbiddenError when the actor administers no such site.
 */
export async function listPeople(deps: UsersDeps, actor: Actor, filter: { siteId?: number | null } = {}): Promise<PersonView[]> {
  let scope: { siteIds: number[] | 'all' };
  if (filter.siteId) {
    authorize(actor, 'site.manage_members', { siteId: filter.siteId }, `trang ${filter.siteId}`);
    scope = { siteIds: [filter.siteId] };
  } else if (managesNetwork(actor)) {
    scope = { siteIds: 'all' };
  } else {
    const siteIds = administeredSites(actor);
    if (siteIds.length === 0) throw new ForbiddenError(`Bạn không có quyền ${ACTION_LABELS['site.manage_members']}`);
    scope = { siteIds };
  }
  const users = await listUsers(deps.db, scope);
  const grants = await listGrantsOf(deps.db, users.map((u) => u.id));
  return users.map((u) => presentPerson(actor, u, grants.get(u.id) ?? []));
}

/**
 * One person, as the actor may see them.
 * @throws NotFoundError when the person does not exist or the actor may not see them.
 */
export async function getPerson(deps: UsersDeps, actor: Actor, userId: number): Promise<PersonView> {
  const record = await findUserRecordById(deps.db, userId);
  const grants = record ? ((await listGrantsOf(deps.db, [userId])).get(userId) ?? []) : [];
  if (!record || !canSeePerson(actor, grants)) throw new NotFoundError(`người dùng ${userId}`);
  const { passwordHash: _hash, totpSecret: _secret, ...user } = record;
  return presentPerson(actor, user, grants);
}
