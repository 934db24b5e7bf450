/**
 * Presenters: the allowlist of fields the admin API and the CLI show for people, sessions and
 * API tokens, with the caller's allowed actions (STYLE.md, "Presenter"). Password hashes, TOTP
 * secrets and token hashes never appear here.
 */
import type { Actor } from '../policy/actor.ts';
import { can } from '../policy/policy.ts';
import { ROLE_LABELS, type Role } from '../policy/roles.ts';
import { managesNetwork, managesSite, userAllowedActions, type UserAction } from './user.policy.ts';
import { apiTokenState, sessionEndReason, type ApiToken, type Session, type SessionSettings, type SessionStage, type User, type UserGrant } from './user.ts';

/** One role as shown: the site (id and key; null: network-wide), the role and its Vietnamese name. */
export interface PresentedGrant {
  siteId: number | null;
  siteKey: string | null;
  role: Role;
  roleLabel: string;
}

/** The answer of sign-in and `GET /auth/me`: who I am, what I hold, what my session may do. */
export interface SelfView {
  user: { id: number; email: string; displayName: string; organisationId: number | null; totpEnabled: boolean; mustChangePassword: boolean };
  grants: PresentedGrant[];
  stage: SessionStage;
  /** Send it back as the `x-csrf-token` header with every write made with the session cookie. */
  csrfToken: string;
}

/** A person as lists and admin answers show them. */
export interface PersonView {
  id: number;
  email: string;
  displayName: string;
  organisationId: number | null;
  status: 'active' | 'disabled';
  totpEnabled: boolean;
  mustChangePassword: boolean;
  lastSignInAt: string | null;
  createdAt: string;
  grants: PresentedGrant[];
  allowedActions: UserAction[];
}

/** An API token as lists show it. */
export interface ApiTokenView {
  id: number;
  name: string;
  siteId: number;
  role: Role;
  roleLabel: string;
  /** `cong_AbCdEfGh…`: enough to recognise it, useless to use it. */
  display: string;
  state: 'active' | 'revoked' | 'expired';
  createdByUserId: number | null;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
  allowedActions: 'revoke'[];
}

/** One of my sessions, for "where am I signed in". */
export interface SessionView {
  id: string;
  current: boolean;
  address: string | null;
  userAgent: string | null;
  createdAt: string;
  lastSeenAt: string;
  /** When it ends unless used again before (idle expiry), or at the latest (absolute expiry). */
  endsAt: string;
}

function presentGrant(g: UserGrant): PresentedGrant {
  return { siteId: g.siteId, siteKey: g.siteKey, role: g.role, roleLabel: ROLE_LABELS[g.role] };
}

/** The sign-in / `me` answer. */
export function presentSelf(user: User, grants: readonly UserGrant[], stage: SessionStage, csrfToken: string): SelfView {
  return {
    user: { id: user.id, email: user.email, displayName: user.displayName, organisationId: user.organisationId, totpEnabled: user.totpEnabled, mustChangePassword: user.mustChangePassword },
    grants: grants.map(presentGrant),
    stage,
    csrfToken,
  };
}

/**
 * The roles of a person the actor may know about: all of them for a network admin (and the
 * system), otherwise only those on sites the actor administers.
 */
export function visibleGrants(actor: Actor, grants: readonly UserGrant[]): UserGrant[] {
  if (managesNetwork(actor)) return [...grants];
  return grants.filter((g) => g.siteId !== null && managesSite(actor, g.siteId));
}

/** A person for the actor: their visible roles and what the actor may do to them. */
export function presentPerson(actor: Actor, user: User, grants: readonly UserGrant[]): PersonView {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    organisationId: user.organisationId,
    status: user.status,
    totpEnabled: user.totpEnabled,
    mustChangePassword: user.mustChangePassword,
    lastSignInAt: user.lastSignInAt,
    createdAt: user.createdAt,
    grants: visibleGrants(actor, grants).map(presentGrant),
    allowedActions: userAllowedActions(actor, user, grants),
  };
}

/** A token for the actor, at instant `now` (for its state). */
export function presentApiToken(actor: Actor, token: ApiToken, now: Date): ApiTokenView {
  const state = apiTokenState(token, now);
  return {
    id: token.id,
    name: token.name,
    siteId: token.siteId,
    role: token.role,
    roleLabel: ROLE_LABELS[token.role],
    display: `cong_${token.prefix}…`,
    state,
    createdByUserId: token.createdByUserId,
    createdAt: token.createdAt,
    expiresAt: token.expiresAt,
    lastUsedAt: token.lastUsedAt,
    revokedAt: token.revokedAt,
    allowedActions: state !== 'revoked' && can(actor, 'site.manage_tokens', { siteId: token.siteId }) ? ['revoke'] : [],
  };
}

/** One of the person's own sessions. */
export function presentSession(session: Session, currentId: string | null, settings: SessionSettings, now: Date): SessionView | null {
  if (sessionEndReason(session, now, settings) !== null) return null;
  const idleEnd = Date.parse(session.lastSeenAt) + settings.idleMs;
  const endsAt = new Date(Math.min(idleEnd, Date.parse(session.expiresAt))).toISOString();
  return {
    id: session.id,
    current: session.id === currentId,
    address: session.address,
    userAgent: session.userAgent,
    createdAt: session.createdAt,
    lastSeenAt: session.lastSeenAt,
    endsAt,
  };
}
