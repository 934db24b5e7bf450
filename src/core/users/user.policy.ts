/**
 * Who may manage whom: small combinations of the one policy module's answers (policy.ts),
 * never a second set of grants. A network admin manages everyone (`network.manage_users`); a
 * site admin (`site.manage_members` on a site) manages the people of that site, but only
 * people whose every role is on sites they administer — so no site admin can take over
 * someone who holds power elsewhere (a network admin, another site's chief editor).
 * People the actor shares no site with are invisible ("not found", STYLE.md Policies).
 */
import { rolesOn, type Actor, type RoleGrant } from '../policy/actor.ts';
import { ACTION_LABELS, authorize, can } from '../policy/policy.ts';
import type { Role } from '../policy/roles.ts';
import { ForbiddenError, NotFoundError, ValidationError } from '../errors.ts';

/** The actions a presenter lists on a person (`allowedActions`). */
export const USER_ACTIONS = ['manage_roles', 'reset_password', 'reset_totp', 'disable', 'enable', 'revoke_sessions'] as const;
/** One of {@link USER_ACTIONS}. */
export type UserAction = (typeof USER_ACTIONS)[number];

/** Whether the actor may manage the whole network's people. */
export function managesNetwork(actor: Actor): boolean {
  return can(actor, 'network.manage_users', { siteId: null });
}

/** Whether the actor may manage the members of `siteId`. */
export function managesSite(actor: Actor, siteId: number): boolean {
  return can(actor, 'site.manage_members', { siteId });
}

/** Whether the actor may see this person (shares a site they administer, or manages the network). */
export function canSeePerson(actor: Actor, grants: readonly RoleGrant[]): boolean {
  return managesNetwork(actor) || grants.some((g) => g.siteId !== null && managesSite(actor, g.siteId));
}

/** Whether the actor may reset, disable or enable this person (every role of theirs is on a site the actor administers). */
export function canManagePerson(actor: Actor, grants: readonly RoleGrant[]): boolean {
  if (managesNetwork(actor)) return true;
  return grants.length > 0 && grants.every((g) => g.siteId !== null && managesSite(actor, g.siteId));
}

/**
 * Throws unless the actor may manage this person.
 * @throws NotFoundError when the actor shares no site with them (existence does not leak).
 * @throws ForbiddenError when the actor knows them (a colleague on one of their sites, or an
 *   admin of one of them while they hold roles elsewhere) but may not manage them.
 */
export function authorizeManagePerson(actor: Actor, grants: readonly RoleGrant[], what: string): void {
  if (canManagePerson(actor, grants)) return;
  if (actor.kind === 'anonymous') throw new ForbiddenError('Cần đăng nhập để làm việc này');
  if (canSeePerson(actor, grants)) {
    throw new ForbiddenError('Người này còn giữ vai trò ở trang khác hoặc trên toàn hệ thống; chỉ quản trị hệ thống mới được làm việc này');
  }
  // A colleague on one of the person's sites knows they exist, but may not manage them.
  if (grants.some((g) => g.siteId !== null && rolesOn(actor, g.siteId).length > 0)) throw new ForbiddenError(`Bạn không có quyền ${ACTION_LABELS['site.manage_members']}`);
  throw new NotFoundError(what);
}

/**
 * Throws unless the actor may give or take `role` on `siteId`: `network_admin` is network-wide
 * (site null) and needs `network.manage_users`; every other role needs a site and
 * `site.manage_members` on it.
 * @throws ValidationError (fields `siteId`, `role`) for a role and site that do not go together.
 * @throws NotFoundError / ForbiddenError from the policy.
 */
export function authorizeRoleChange(actor: Actor, siteId: number | null, role: Role): void {
  if (role === 'network_admin') {
    if (siteId !== null) throw new ValidationError([{ path: 'siteId', message: 'Vai trò quản trị hệ thống áp dụng cho toàn mạng lưới, không gắn với một trang (siteId phải để trống)' }]);
    if (!managesNetwork(actor)) throw new ForbiddenError('Chỉ quản trị hệ thống mới được trao hoặc bỏ vai trò quản trị hệ thống');
    return;
  }
  if (siteId === null) throw new ValidationError([{ path: 'siteId', message: `Vai trò ${role} phải gắn với một trang: cần siteId` }]);
  authorize(actor, 'site.manage_members', { siteId }, `trang ${siteId}`);
}

/** What the actor may do to this person, for the `allowedActions` of a presented person. */
export function userAllowedActions(actor: Actor, person: { id: number; status: 'active' | 'disabled'; totpEnabled: boolean }, grants: readonly RoleGrant[]): UserAction[] {
  const actions: UserAction[] = [];
  if (canSeePerson(actor, grants)) actions.push('manage_roles');
  if (!canManagePerson(actor, grants)) return actions;
  const self = actor.kind === 'member' && actor.userId === person.id;
  actions.push('reset_password', 'revoke_sessions');
  if (person.totpEnabled) actions.push('reset_totp');
  if (person.status === 'active' && !self) actions.push('disable');
  if (person.status === 'disabled') actions.push('enable');
  return actions;
}
