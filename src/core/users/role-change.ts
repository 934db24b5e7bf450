/**
 * What the role commands (grant-role.ts, revoke-role.ts) share: their result and loading the
 * person. A membership is user × site × role (DESIGN.md §1).
 */
import { NotFoundError } from '../errors.ts';
import { findUserRecordById } from './user.repository.ts';
import type { User, UserGrant, UsersDeps } from './user.ts';

/** A person and their roles after a change. */
export interface RolesResult {
  user: User;
  grants: UserGrant[];
  /** False when nothing changed (the role was already held). */
  changed: boolean;
}

/**
 * The person with this id, without secrets.
 * @throws NotFoundError when there is none.
 */
export async function personOf(deps: UsersDeps, userId: number): Promise<User> {
  const record = await findUserRecordById(deps.db, userId);
  if (!record) throw new NotFoundError(`người dùng ${userId}`);
  const { passwordHash: _hash, totpSecret: _secret, ...user } = record;
  return user;
}

