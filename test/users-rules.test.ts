/**
 * The pure rules of people and sessions, without a database: generated secrets, the attempt
 * key, session expiry, TOTP windows and replay, and who may manage whom.
 */
import { describe, expect, it } from 'vitest';
import { ANONYMOUS, systemActor, type MemberActor, type TokenActor } from '../src/core/policy/actor.ts';
import { checkTotpCode, newTotpSecret, totpCodeAt, totpUri } from '../src/core/users/totp.ts';
import { canManagePerson, canSeePerson, userAllowedActions } from '../src/core/users/user.policy.ts';
import { emailSchema, newPasswordSchema } from '../src/core/users/user.schema.ts';
import {
  DEFAULT_SESSION_SETTINGS,
  apiTokenDisplayPrefix,
  apiTokenState,
  generatePassword,
  newApiTokenSecret,
  retryAfterText,
  secretsEqual,
  sessionEndReason,
  signInAttemptKey,
} from '../src/core/users/user.ts';

const member = (grants: MemberActor['grants'], userId = 1): MemberActor => ({ kind: 'member', userId, displayName: 'A', email: 'a@x.vn', organisationId: null, grants, sessionId: null });

describe('generated secrets', () => {
  it('makes readable 100-bit passwords and 256-bit API tokens, all different', () => {
    const passwords = new Set(Array.from({ length: 200 }, generatePassword));
    expect(passwords.size).toBe(200);
    for (const p of passwords) expect(p).toMatch(/^[a-km-np-z2-9]{5}(-[a-km-np-z2-9]{5}){3}$/);
    const token = newApiTokenSecret();
    expect(token).toMatch(/^cong_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(token.slice(5), 'base64url')).toHaveLength(32);
    expect(apiTokenDisplayPrefix(token)).toBe(token.slice(5, 13));
  });

  it('compares CSRF tokens by value, whatever their lengths', () => {
    expect(secretsEqual('abc', 'abc')).toBe(true);
    expect(secretsEqual('abc', 'abd')).toBe(false);
    expect(secretsEqual('abc', 'abcd')).toBe(false);
    expect(secretsEqual('', 'a')).toBe(false);
  });
});

describe('input rules', () => {
  it('folds the sign-in attempt key so that one account has one limit however typed', () => {
    expect(signInAttemptKey('  An.Nguyen@Mic.Gov.VN ')).toBe('an.nguyen@mic.gov.vn');
    expect(signInAttemptKey('Đức@Sở.vn')).toBe(signInAttemptKey('duc@so.vn'));
  });

  it('normalises e-mail and refuses malformed ones in Vietnamese', () => {
    expect(emailSchema.parse(' Ten@MIC.gov.vn ')).toBe('ten@mic.gov.vn');
    for (const bad of ['ten', 'ten@', '@mic.gov.vn', 'ten@mic', 'a b@mic.gov.vn']) {
      const r = emailSchema.safeParse(bad);
      expect(r.success, bad).toBe(false);
      expect(r.error!.issues[0]!.message).toMatch(/e-mail/);
    }
  });

  it('counts password length in characters after NFC, 12 to 200', () => {
    expect(newPasswordSchema.safeParse('mậtkhẩu12345'.normalize('NFD')).success).toBe(true);
    expect(newPasswordSchema.safeParse('mậtkhẩu1234').success).toBe(false);
    expect(newPasswordSchema.safeParse('ư'.repeat(200)).success).toBe(true);
    expect(newPasswordSchema.safeParse('ư'.repeat(201)).error!.issues[0]!.message).toBe('Mật khẩu tối đa 200 ký tự');
  });
});

describe('session and token expiry', () => {
  const session = { revokedAt: null, lastSeenAt: '2022-10-01T00:00:00.000Z', expiresAt: '2022-10-08T00:00:00.000Z' };
  it('ends a session 12 h after its last use, 7 days after sign-in, or when revoked', () => {
    expect(sessionEndReason(session, new Date('2022-10-01T11:59:59.999Z'), DEFAULT_SESSION_SETTINGS)).toBeNull();
    expect(sessionEndReason(session, new Date('2022-10-01T12:00:00.000Z'), DEFAULT_SESSION_SETTINGS)).toBe('idle');
    expect(sessionEndReason({ ...session, lastSeenAt: '2022-10-07T23:00:00.000Z' }, new Date('2022-10-08T00:00:00.000Z'), DEFAULT_SESSION_SETTINGS)).toBe('expired');
    expect(sessionEndReason({ ...session, revokedAt: '2022-10-01T00:00:01.000Z' }, new Date('2022-10-01T00:00:02.000Z'), DEFAULT_SESSION_SETTINGS)).toBe('revoked');
  });
  it('says when a token stops working', () => {
    const at = new Date('2022-10-01T00:00:00.000Z');
    expect(apiTokenState({ revokedAt: null, expiresAt: null }, at)).toBe('active');
    expect(apiTokenState({ revokedAt: null, expiresAt: '2022-10-01T00:00:00.000Z' }, at)).toBe('expired');
    expect(apiTokenState({ revokedAt: '2022-09-01T00:00:00.000Z', expiresAt: null }, at)).toBe('revoked');
  });
  it('words the wait in seconds under a minute, else in whole minutes rounded up', () => {
    expect(retryAfterText(1)).toBe('1 giây');
    expect(retryAfterText(59)).toBe('59 giây');
    expect(retryAfterText(60)).toBe('1 phút');
    expect(retryAfterText(61)).toBe('2 phút');
  });
});

describe('TOTP (RFC 6238)', () => {
  const secret = newTotpSecret();
  const at = new Date('2022-10-01T03:00:15.000Z');

  it('matches the RFC 6238 test vector for SHA-1 (59 s → 94287082, 8 digits; here the last 6)', async () => {
    // RFC 6238 Appendix B: secret "12345678901234567890" (ASCII) = Base32 GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ.
    expect(await totpCodeAt('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', new Date(59_000))).toBe('287082');
  });

  it('accepts the current step and one either side, refuses two away and malformed codes', async () => {
    for (const offset of [-30_000, 0, 30_000]) {
      const code = await totpCodeAt(secret, new Date(at.getTime() + offset));
      expect(await checkTotpCode(secret, code, at, null), `offset ${offset}`).not.toBeNull();
    }
    const far = await totpCodeAt(secret, new Date(at.getTime() - 60_000));
    const near = await Promise.all([-30_000, 0, 30_000].map((o) => totpCodeAt(secret, new Date(at.getTime() + o))));
    if (!near.includes(far)) expect(await checkTotpCode(secret, far, at, null)).toBeNull();
    expect(await checkTotpCode(secret, '12345', at, null)).toBeNull();
    expect(await checkTotpCode(secret, 'abcdef', at, null)).toBeNull();
  });

  it('refuses a code of a step already used, and earlier ones', async () => {
    const code = await totpCodeAt(secret, at);
    const step = (await checkTotpCode(secret, code, at, null))!;
    expect(step).toBe(Math.floor(at.getTime() / 30_000));
    expect(await checkTotpCode(secret, code, at, step)).toBeNull();
    const next = await totpCodeAt(secret, new Date(at.getTime() + 30_000));
    expect(await checkTotpCode(secret, next, at, step)).toBe(step + 1);
  });

  it('labels the otpauth URI with the issuer Cong and the e-mail', () => {
    expect(totpUri('JBSWY3DPEHPK3PXP', 'an@mic.gov.vn')).toBe('otpauth://totp/Cong:an%40mic.gov.vn?secret=JBSWY3DPEHPK3PXP&issuer=Cong');
  });
});

describe('who may manage whom', () => {
  const adminA = member([{ siteId: 1, role: 'site_admin' }]);
  const network = member([{ siteId: null, role: 'network_admin' }], 9);
  const token: TokenActor = { kind: 'token', tokenId: 1, name: 't', siteId: 1, role: 'site_admin' };

  it('lets a site admin manage people wholly on their site, see those who are partly, and not others', () => {
    expect(canManagePerson(adminA, [{ siteId: 1, role: 'editor' }])).toBe(true);
    expect(canManagePerson(adminA, [{ siteId: 1, role: 'editor' }, { siteId: 2, role: 'editor' }])).toBe(false);
    expect(canSeePerson(adminA, [{ siteId: 1, role: 'editor' }, { siteId: 2, role: 'editor' }])).toBe(true);
    expect(canSeePerson(adminA, [{ siteId: 2, role: 'editor' }])).toBe(false);
    expect(canManagePerson(adminA, [{ siteId: null, role: 'network_admin' }])).toBe(false);
    expect(canManagePerson(adminA, [])).toBe(false);
    // A token never manages people, whatever role was stored on it (tokens carry at most editor).
    expect(canManagePerson(token, [{ siteId: 1, role: 'contributor' }])).toBe(false);
  });

  it('lets network admins and the system manage everyone, and the anonymous no one', () => {
    expect(canManagePerson(network, [{ siteId: 5, role: 'chief_editor' }])).toBe(true);
    expect(canManagePerson(systemActor('cli'), [])).toBe(true);
    expect(canManagePerson(ANONYMOUS, [{ siteId: 1, role: 'contributor' }])).toBe(false);
    expect(canSeePerson(ANONYMOUS, [{ siteId: 1, role: 'contributor' }])).toBe(false);
  });

  it('lists what may be done to a person, never disabling oneself', () => {
    expect(userAllowedActions(adminA, { id: 2, status: 'active', totpEnabled: true }, [{ siteId: 1, role: 'editor' }])).toEqual(['manage_roles', 'reset_password', 'revoke_sessions', 'reset_totp', 'disable']);
    expect(userAllowedActions(adminA, { id: 1, status: 'active', totpEnabled: false }, [{ siteId: 1, role: 'site_admin' }])).toEqual(['manage_roles', 'reset_password', 'revoke_sessions']);
    expect(userAllowedActions(adminA, { id: 3, status: 'disabled', totpEnabled: false }, [{ siteId: 1, role: 'editor' }])).toContain('enable');
    expect(userAllowedActions(adminA, { id: 4, status: 'active', totpEnabled: false }, [{ siteId: 2, role: 'editor' }])).toEqual([]);
  });
});
