/**
 * Sign-in rate limits over HTTP on both engines, on the movable clock: 5 failures per account
 * (since its last success) and 20 per client address in 15 minutes → 429 with Retry-After and
 * a Vietnamese message saying when to try again. The limits live in the database, so a second
 * app on the same database (another server process) sees them too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/core/config.ts';
import { createCore } from '../src/core/create-core.ts';
import { buildApp } from '../src/server/app.ts';
import { ENGINES } from './database-harness.ts';
import { createTestApp, type TestApp } from './app-harness.ts';
import { buildSite } from './factories.ts';
import { createPerson, type TestPerson } from './auth-harness.ts';

const SIGN_IN = '/api/admin/v1/auth/sign-in';

function attempt(t: TestApp, email: string, password: string, remoteAddress = '203.0.113.7') {
  return t.app.inject({ method: 'POST', url: SIGN_IN, remoteAddress, headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ email, password }) });
}

describe.each(ENGINES)('sign-in rate limits (%s)', (engine) => {
  let t: TestApp;
  let siteId: number;
  const start = new Date('2022-10-01T03:00:00.000Z');

  beforeAll(async () => {
    t = await createTestApp(engine, start);
    siteId = (await buildSite(t.core.db)).id;
  });
  afterAll(async () => t?.dispose());

  async function person(): Promise<TestPerson> {
    return createPerson(t.core.db, { siteId, role: 'contributor' });
  }

  it('blocks an account after 5 failures in 15 minutes, even with the right password, then lets it in', async () => {
    t.now = start;
    const p = await person();
    const address = '198.51.100.1';
    for (let i = 0; i < 5; i++) {
      t.now = new Date(start.getTime() + i * 60_000); // one failure a minute: 03:00 … 03:04
      expect((await attempt(t, p.email, 'sai mật khẩu', address)).statusCode).toBe(401);
    }
    t.now = new Date(start.getTime() + 5 * 60_000); // 03:05
    const blocked = await attempt(t, p.email, p.password, address);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().errors[0].code).toBe('CONG_ERR_RATE_LIMITED');
    // The first failure (03:00) leaves the window at 03:15: 10 minutes from now.
    expect(blocked.headers['retry-after']).toBe('600');
    expect(blocked.json().errors[0].message).toContain('thử lại sau 10 phút (lúc 10:15)');
    expect(blocked.headers['set-cookie']).toBeUndefined();

    // The same account typed differently shares the limit; another address does not help.
    expect((await attempt(t, `  ${p.email.toUpperCase()} `, p.password, '192.0.2.99')).statusCode).toBe(429);

    // A blocked attempt is not recorded, so waiting is enough.
    t.now = new Date(start.getTime() + 15 * 60_000 + 1000);
    expect((await attempt(t, p.email, p.password, address)).statusCode).toBe(200);
  });

  it('counts only failures since the last success for the account', async () => {
    t.now = start;
    const p = await person();
    const address = '198.51.100.2';
    for (let i = 0; i < 4; i++) expect((await attempt(t, p.email, 'sai mật khẩu', address)).statusCode).toBe(401);
    expect((await attempt(t, p.email, p.password, address)).statusCode).toBe(200);
    for (let i = 0; i < 4; i++) expect((await attempt(t, p.email, 'sai mật khẩu', address)).statusCode).toBe(401);
    expect((await attempt(t, p.email, p.password, address)).statusCode).toBe(200);
    // The success did not erase the record: all 8 failures are still there.
    const failures = await t.core.db.selectFrom('sign_in_attempts').select('id').where('email', '=', p.email).where('succeeded', '=', 0).execute();
    expect(failures).toHaveLength(8);
  });

  it('blocks a client address after 20 failures in 15 minutes, whatever the account, and not other addresses', async () => {
    t.now = new Date(start.getTime() + 3_600_000);
    const address = '198.51.100.3';
    const people = await Promise.all([person(), person(), person(), person(), person()]);
    for (const p of people.slice(0, 4)) {
      for (let i = 0; i < 5; i++) expect((await attempt(t, p.email, 'sai mật khẩu', address)).statusCode).toBe(401);
    }
    const fifth = people[4]!;
    const blocked = await attempt(t, fifth.email, fifth.password, address);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.headers['retry-after']).toBe('900');
    expect(blocked.json().errors[0].message).toContain('địa chỉ mạng');
    expect((await attempt(t, fifth.email, fifth.password, '198.51.100.4')).statusCode).toBe(200);
  });

  it('holds across two server processes sharing the database', async () => {
    t.now = new Date(start.getTime() + 2 * 3_600_000);
    const p = await person();
    const address = '198.51.100.5';
    for (let i = 0; i < 5; i++) expect((await attempt(t, p.email, 'sai mật khẩu', address)).statusCode).toBe(401);
    // A second app (as another process would) over the same database and clock.
    const config = loadConfig({ ...t.database.env, LOG_LEVEL: 'silent', CONG_DEMO: '0' });
    const otherCore = await createCore(config, { clock: () => t.now });
    const other = await buildApp(otherCore, { logLevel: 'silent' });
    try {
      const response = await other.inject({ method: 'POST', url: SIGN_IN, remoteAddress: address, headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ email: p.email, password: p.password }) });
      expect(response.statusCode).toBe(429);
    } finally {
      await other.close();
      await otherCore.close();
    }
  });
});
