/**
 * Actors: who is acting. Every command takes one and asks the policy (policy.ts) before it
 * acts. Jobs and the CLI act as an explicit system actor; there is no "skip checks" flag.
 */
import { isTokenRole, type Role } from './roles.ts';

/** One role held on one site; `siteId` null means network-wide (only `network_admin`). */
export interface RoleGrant {
  siteId: number | null;
  role: Role;
}

/** Nobody signed in: a reader of the public sites. */
export interface AnonymousActor {
  kind: 'anonymous';
}

/** A signed-in person (cookie session) and the roles they hold. */
export interface MemberActor {
  kind: 'member';
  userId: number;
  displayName: string;
  email: string;
  organisationId: number | null;
  grants: readonly RoleGrant[];
  /** The session this request came with (null when acting from the CLI as a named person). */
  sessionId: string | null;
}

/** A machine client with an API token, scoped to one site and one role. */
export interface TokenActor {
  kind: 'token';
  tokenId: number;
  name: string;
  siteId: number;
  role: Role;
}

/**
 * The platform itself: the scheduler, the outbox worker, the operator at the console
 * (`cong …`). `label` says which, for the audit log ("scheduler", "cli").
 */
export interface SystemActor {
  kind: 'system';
  label: string;
}

/** Anyone who can act. */
export type Actor = AnonymousActor | MemberActor | TokenActor | SystemActor;

/** The anonymous actor (shared: it holds nothing). */
export const ANONYMOUS: AnonymousActor = Object.freeze({ kind: 'anonymous' });

/** Makes a system actor for a job or command-line use. */
export function systemActor(label: string): SystemActor {
  return { kind: 'system', label };
}

/** The user id of a member actor, else null (tokens and the system are not people). */
export function actorUserId(actor: Actor): number | null {
  return actor.kind === 'member' ? actor.userId : null;
}

/** A short human label for events and the audit log: a person's name, a token's name, `hệ thống (scheduler)`. */
export function actorLabel(actor: Actor): string {
  switch (actor.kind) {
    case 'member':
      return actor.displayName;
    case 'token':
      return `API: ${actor.name}`;
    case 'system':
      return `Hệ thống (${actor.label})`;
    default:
      return 'Khách';
  }
}

/** `{ type, id }` as the audit log records the actor. */
export function actorReference(actor: Actor): { type: 'user' | 'token' | 'system' | 'anonymous'; id: number | null } {
  if (actor.kind === 'member') return { type: 'user', id: actor.userId };
  if (actor.kind === 'token') return { type: 'token', id: actor.tokenId };
  if (actor.kind === 'system') return { type: 'system', id: null };
  return { type: 'anonymous', id: null };
}

/** The roles an actor holds on a site (network-wide grants included). Empty for anonymous and system. */
export function rolesOn(actor: Actor, siteId: number | null): Role[] {
  if (actor.kind === 'member') {
    return actor.grants.filter((g) => g.siteId === null || (siteId !== null && g.siteId === siteId)).map((g) => g.role);
  }
  // A token's role counts only if tokens may carry it (roles.ts), whatever was stored.
  if (actor.kind === 'token') return siteId !== null && actor.siteId === siteId && isTokenRole(actor.role) ? [actor.role] : [];
  return [];
}
