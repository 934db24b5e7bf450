/**
 * Password hashing with Argon2id (RFC 9106). Hashes are PHC strings
 * (`$argon2id$v=19$m=65536,t=3,p=4$…`) that carry their own parameters, so old hashes keep
 * verifying when the parameters change.
 */
import argon2 from 'argon2';

/**
 * The parameters new hashes get: 64 MiB, 3 passes, 4 lanes — RFC 9106 §4's second
 * recommended option for memory-constrained settings (about 0.2 s on a current server).
 */
export const PASSWORD_HASH_OPTIONS = Object.freeze({ type: argon2.argon2id, memoryCost: 65_536, timeCost: 3, parallelism: 4 });

/**
 * Hashes a password (already NFC-normalised by the schema).
 * @returns an Argon2id PHC string.
 */
export async function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, PASSWORD_HASH_OPTIONS);
}

/**
 * Whether `password` matches `hash`. A malformed stored hash counts as no match.
 * Constant-time inside argon2.
 */
export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

// A hash of nothing anyone can type, made once per process: verifying against it costs what a
// real verification costs. It is a cache, not state: any process may make its own.
let dummyHash: Promise<string> | null = null;

/**
 * Spends the time a real verification would, for sign-ins to accounts that do not exist, so
 * that the answer's timing does not reveal which e-mail addresses have accounts (OWASP
 * Authentication Cheat Sheet, "Authentication and Error Messages").
 * @returns always false.
 */
export async function verifyDummyPassword(password: string): Promise<false> {
  dummyHash ??= hashPassword(`\u0000dummy-${Math.random()}`);
  await verifyPassword(await dummyHash, password);
  return false;
}
