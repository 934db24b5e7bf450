/** Command: sign out — end the current session (one transaction, one audit entry). */
import { appendAudit } from '../audit/audit.ts';
import { loadMemberActor, revokeSession } from './user.repository.ts';
import type { RequestContext, SessionOwner, UsersDeps } from './user.ts';

/**
 * Ends the current session (sign-out). Ending an already ended session is not an error.
 * @returns nothing; the caller clears the cookie.
 */
export async function signOut(deps: UsersDeps, owner: SessionOwner, context: RequestContext = {}): Promise<void> {
  const now = deps.clock();
  await deps.db.transaction().execute(async (trx) => {
    const revoked = await revokeSession(trx, owner.userId, owner.sessionId, now);
    const actor = await loadMemberActor(trx, owner.userId, owner.sessionId);
    if (!revoked || !actor) return;
    await appendAudit(trx, { actor, action: 'user.sign_out', subjectType: 'user', subjectId: owner.userId, address: context.address ?? null, at: now });
  });
}
