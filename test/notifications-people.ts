/**
 * Test factory for newsroom people: a user (active unless told) with roles on sites, inserted
 * directly. The password hash is a dummy string: nothing here signs in.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../src/core/db/database.ts';
import type { Role } from '../src/core/policy/roles.ts';

let counter = 0;

/** A person as notification tests need them. */
export interface TestPerson {
  id: number;
  email: string;
  displayName: string;
}

/**
 * Creates a user with the given roles (`siteId` null: network-wide).
 * @param overrides.status `active` (default) or `disabled`.
 */
export async function buildPerson(
  db: Kysely<Database>,
  overrides: { email?: string; displayName?: string; status?: 'active' | 'disabled'; roles?: Array<{ siteId: number | null; role: Role }> } = {},
): Promise<TestPerson> {
  const n = ++counter;
  const now = new Date('2022-09-01T00:00:00.000Z').toISOString();
  const email = overrides.email ?? `nguoi-${n}-${Math.random().toString(36).slice(2, 6)}@langson.gov.vn`;
  const displayName = overrides.displayName ?? `Người dùng thử ${n}`;
  const row = await db
    .insertInto('users')
    .values({ email, display_name: displayName, password_hash: '$argon2id$dummy', status: overrides.status ?? 'active', password_changed_at: now, created_at: now, updated_at: now })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const grant of overrides.roles ?? []) {
    await db.insertInto('memberships').values({ user_id: row.id, site_id: grant.siteId, role: grant.role, created_at: now }).execute();
  }
  return { id: row.id, email, displayName };
}
