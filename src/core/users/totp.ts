/**
 * Time-based one-time passwords (TOTP, RFC 6238: HMAC-SHA1, 6 digits, 30-second steps), as
 * authenticator apps (Google Authenticator, Microsoft Authenticator, FreeOTP) expect them.
 * Always given the instant to check at, so that the core clock decides (tests move it).
 */
import { generate, generateSecret, generateURI, verify } from 'otplib';
import { TOTP_ISSUER } from './user.ts';

/** Length of one TOTP step, in seconds (RFC 6238 §5.2 recommends 30). */
export const TOTP_PERIOD_SECONDS = 30;

/**
 * How far a code may be from the current step: one step either way (RFC 6238 §5.2 allows a
 * small window for clock drift and typing time).
 */
export const TOTP_TOLERANCE_STEPS = 1;

/** A new random secret: 20 bytes (160 bits, RFC 4226 §4 recommends at least that), Base32. */
export function newTotpSecret(): string {
  return generateSecret({ length: 20 });
}

/**
 * The `otpauth://totp/Cong:<email>?secret=…&issuer=Cong` URI that authenticator apps read
 * from a QR code (Google Authenticator "Key Uri Format").
 */
export function totpUri(secret: string, email: string): string {
  return generateURI({ issuer: TOTP_ISSUER, label: email, secret });
}

/** The code for `secret` at instant `at` (for tests and tools). */
export async function totpCodeAt(secret: string, at: Date): Promise<string> {
  return generate({ secret, epoch: Math.floor(at.getTime() / 1000), period: TOTP_PERIOD_SECONDS });
}

/**
 * Checks a code at instant `at`, within ±{@link TOTP_TOLERANCE_STEPS} step.
 * @param afterStep the last step already used by this person: a code of that step or an
 *   earlier one is refused, so a code seen by someone else cannot be replayed (RFC 6238 §5.2:
 *   "the verifier MUST NOT accept the second attempt of the same OTP").
 * @returns the step number the code matched, or null when it does not match.
 */
export async function checkTotpCode(secret: string, code: string, at: Date, afterStep: number | null): Promise<number | null> {
  if (!/^\d{6}$/.test(code)) return null;
  try {
    const result = await verify({
      secret,
      token: code,
      epoch: Math.floor(at.getTime() / 1000),
      period: TOTP_PERIOD_SECONDS,
      epochTolerance: TOTP_TOLERANCE_STEPS * TOTP_PERIOD_SECONDS,
      ...(afterStep !== null ? { afterTimeStep: afterStep } : {}),
    });
    // The TOTP strategy answers with the step it matched (`timeStep`); HOTP results have none.
    return result.valid && 'timeStep' in result && typeof result.timeStep === 'number' ? result.timeStep : null;
  } catch {
    return null;
  }
}
