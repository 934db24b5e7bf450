/**
 * Commands: a person lists and ends their own sessions ("signed in elsewhere"); an
 * administrator ends all of someone's. Each act is one transaction with one audit entry.
 */
import { appendAudit } from '../audit/audit.ts';
import { NotFoundError } from '../errors.ts';
import type { Actor } from '../policy/actor.ts';
import { authorizeManagePerson } from './user.policy.ts';
import { presentSession, type SessionView } from './user.presenter.ts';
import { findUserRecordById, listUserGrants, listUserSessions, loadMemberActor, revokeSession, revokeUserSessions } from './user.repository.ts';
import { DEFAULT_SESSION_SETTINGS, type RequestContext, type SessionOwner, type UsersDeps } from './user.ts';

/** The person's live sessions, newest first, the current one marked. */
export async function listOwnSessions(deps: UsersDeps, owner: SessionOwner): Promise<SessionView[]> {
  const now = deps.clock();
  const settings = deps.sessions ?? DEFAULT_SESSION_SETTINGS;
  const sessions = await listUserSessions(deps.db, owner.userId, now);
  return sessions.flatMap((s) => presentSession(s, owner.sessionId, settings, now) ?? []);
}

/**
 * Ends one of the person's own sessions (e.g. a forgotten browser elsewhere).
 * @throws NotFoundError when it is not one of their live sessions.
 */
export async function revokeOwnSession(deps: UsersDeps, owner: SessionOwner, sessionId: string, context: RequestContext = {}): Promise<void> {
  const now = deps.clock();
  await deps.db.transaction().execute(async (trx) => {
    if (!(await revokeSession(trx, owner.userId, sessionId, now))) throw new NotFoundError('phiên đăng nhập này');
    const actor = await loadMemberActor(trx, owner.userId, owner.sessionId);
    if (actor) await appendAudit(trx, { actor, action: 'user.session.revoke', subjectType: 'user', subjectId: owner.userId, details: { current: sessionId === owner.sessionId }, address: context.address ?? null, at: now });
  });
}

/**
 * Ends every session of the person except the current one ("sign out everywhere else").
 * @returns how many were ended.
 */
export async function revokeOtherOwnSessions(deps: UsersDeps, owner: SessionOwner, context: RequestContext = {}): Promise<number> {
  const now = deps.clock();
  return deps.db.transaction().execute(async (trx) => {
    const count = await revokeUserSessions(trx, owner.userId, now, owner.sessionId);
    const actor = await loadMemberActor(trx, owner.userId, owner.sessionId);
    if (actor && count > 0) await appendAudit(trx, { actor, action: 'user.sessions.revoke_others', subjectType: 'user', subjectId: owner.userId, details: { count }, address: context.address ?? null, at: now });
    return count;
  });
}

/**
 * An administrator ends every session of a person (a lost laptop, a departure).
 * @returns how many were ended.
 * @throws NotFoundError when the person does not exist or the actor may not see them.
 * @throws ForbiddenError when the actor may see but not manage them (user.policy.ts).
 */
export async function revokeUserSessionsAsAdmin(deps: UsersDeps, actor: Actor, userId: number, context: RequestContext = {}): Promise<number> {
  const now = deps.clock();
  return deps.db.transaction().execute(async (trx) => {
    const user = await findUserRecordById(trx, userId);
    const grants = user ? await listUserGrants(trx, userId) : [];
    if (!user) throw new NotFoundError(`người dùng ${userId}`);
    authorizeManagePerson(actor, grants, `người dùng ${userId}`);
    const count = await revokeUserSessions(trx, userId, now);
    await appendAudit(trx, { actor, action: 'user.sessions.revoke', subjectType: 'user', subjectId: userId, details: { count }, address: context.address ?? null, at: now });
    return count;
  });
}
