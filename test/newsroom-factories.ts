/**
 * Newsroom test data: people with roles, as rows and as the MemberActor a signed-in request
 * would carry. For core-level tests (commands called directly); HTTP tests sign in through
 * test/auth-harness.ts instead. Passwords here are placeholders: nothing signs in with them.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../src/core/db/database.ts';
import type { MemberActor, RoleGrant } from '../src/core/policy/actor.ts';
import type { Role } from '../src/core/policy/roles.ts';

let counter = 0;

/**
 * Creates a person holding `roles` (site id + role each) and returns them as an actor.
 * @param overrides.name display name (default "Người thử N").
 */
export async function buildMember(db: Kysely<Database>, roles: { siteId: number | null; role: Role }[], overrides: { name?: string; email?: string; organisationId?: number | null } = {}): Promise<MemberActor> {
  const n = ++counter;
  const now = new Date().toISOString();
  const email = overrides.email ?? `nguoi${n}-${Math.random().toString(36).slice(2, 7)}@example.vn`;
  const name = overrides.name ?? `Người thử ${n}`;
  const user = await db
    .insertInto('users')
    .values({ email, display_name: name, organisation_id: overrides.organisationId ?? null, password_hash: 'not-a-real-hash', password_changed_at: now, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const r of roles) await db.insertInto('memberships').values({ user_id: user.id, site_id: r.siteId, role: r.role, created_at: now }).execute();
  const grants: RoleGrant[] = roles.map((r) => ({ siteId: r.siteId, role: r.role }));
  return { kind: 'member', userId: user.id, displayName: name, email, organisationId: overrides.organisationId ?? null, grants, sessionId: null };
}
