/**
 * `cong user add|role|reset|list` through the real `cong` binary, on both engines: the printed
 * password signs in, roles change, a reset ends sessions and can clear TOTP, mistakes name the
 * option, and every act is in the audit log as the console's.
 */
import { runCong as runCli } from './cli-process.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../src/core/users/sign-in.ts';
import { findSession } from '../src/core/users/user.repository.ts';
import { ENGINES, createTestDatabase, type TestDatabase } from './database-harness.ts';
import { buildSite } from './factories.ts';
import { newTotpSecret, totpCodeAt } from '../src/core/users/totp.ts';


const runCong = (db: TestDatabase, args: string[], input?: string) => runCli(args, db.env, input !== undefined ? { input } : {});

describe.each(ENGINES)('cong user (%s)', (engine) => {
  let db: TestDatabase;
  let site: { id: number; key: string };
  const deps = () => ({ db: db.db, clock: () => new Date() });

  beforeAll(async () => {
    db = await createTestDatabase(engine);
    site = await buildSite(db.db, { key: 'langson' });
  });
  afterAll(async () => db?.dispose());

  it('adds a chief editor with a generated password, printed once, and says TOTP awaits them', async () => {
    const r = runCong(db, ['user', 'add', '--email', ' An.Nguyen@LangSon.gov.vn ', '--name', 'Nguyễn Văn An', '--site', 'langson', '--role', 'chief_editor']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Đã thêm người dùng');
    expect(r.stdout).toContain('an.nguyen@langson.gov.vn (Nguyễn Văn An)');
    expect(r.stdout).toContain('Trưởng/Phó ban biên tập (chief_editor) trên trang langson');
    expect(r.stdout).toContain('xác thực hai lớp');
    const password = /chỉ hiện lần này[^:]*: (\S+)/.exec(r.stdout)?.[1];
    expect(password).toMatch(/^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/);

    const session = await signIn(deps(), { email: 'an.nguyen@langson.gov.vn', password }, { address: '127.0.0.1' });
    // First the password someone else chose is changed, then the second factor is set up.
    expect(session.stage).toBe('password_change');
    expect(session.user.mustChangePassword).toBe(true);
    const stored = await db.db.selectFrom('users').select('password_hash').where('email', '=', 'an.nguyen@langson.gov.vn').executeTakeFirstOrThrow();
    expect(stored.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('takes a password from stdin, which the person need not change', async () => {
    const r = runCong(db, ['user', 'add', '--email', 'binh@langson.gov.vn', '--name', 'Trần Thị Bình', '--site', 'langson', '--role', 'contributor', '--password-stdin'], 'mật khẩu tự chọn của Bình\n');
    expect(r.status).toBe(0);
    expect(r.stdout).not.toContain('chỉ hiện lần này');
    const session = await signIn(deps(), { email: 'binh@langson.gov.vn', password: 'mật khẩu tự chọn của Bình' }, { address: '127.0.0.1' });
    expect(session.stage).toBe('full');
    expect(session.user.mustChangePassword).toBe(false);
  });

  it('gives and takes roles, on a site or network-wide', async () => {
    const given = runCong(db, ['user', 'role', '--email', 'binh@langson.gov.vn', '--site', 'langson', '--role', 'editor']);
    expect(given.status).toBe(0);
    expect(given.stdout).toContain('Đã trao vai trò Biên tập viên (editor) trên trang langson');
    const roles = async () => (await db.db.selectFrom('memberships').innerJoin('users', 'users.id', 'memberships.user_id').select(['memberships.role', 'memberships.site_id']).where('users.email', '=', 'binh@langson.gov.vn').orderBy('memberships.role').execute());
    expect(await roles()).toEqual([{ role: 'contributor', site_id: site.id }, { role: 'editor', site_id: site.id }]);

    const removed = runCong(db, ['user', 'role', '--email', 'binh@langson.gov.vn', '--site', 'langson', '--role', 'contributor', '--remove']);
    expect(removed.status).toBe(0);
    expect(removed.stdout).toContain('Đã bỏ vai trò');
    expect(await roles()).toEqual([{ role: 'editor', site_id: site.id }]);

    const network = runCong(db, ['user', 'role', '--email', 'binh@langson.gov.vn', '--network', '--role', 'network_admin']);
    expect(network.status).toBe(0);
    expect(await roles()).toEqual([{ role: 'editor', site_id: site.id }, { role: 'network_admin', site_id: null }]);

    const list = runCong(db, ['user', 'list', '--site', 'langson']);
    expect(list.status).toBe(0);
    expect(list.stdout).toMatch(/binh@langson\.gov\.vn\s+Trần Thị Bình.*toàn mạng:network_admin, langson:editor/);
    expect(list.stdout).toContain('an.nguyen@langson.gov.vn');
  });

  it('resets a password, ending the sessions, and with --totp clears the second factor', async () => {
    const before = await signIn(deps(), { email: 'binh@langson.gov.vn', password: 'mật khẩu tự chọn của Bình' }, { address: '127.0.0.1' });
    await db.db.updateTable('users').set({ totp_secret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', totp_enabled: 1 }).where('email', '=', 'binh@langson.gov.vn').execute();
    const r = runCong(db, ['user', 'reset', '--email', 'BINH@langson.gov.vn', '--totp']);
    expect(r.status).toBe(0);
    const password = /chỉ hiện lần này[^:]*: (\S+)/.exec(r.stdout)?.[1];
    expect(password).toMatch(/^[a-z2-9]{5}(-[a-z2-9]{5}){3}$/);
    expect(r.stdout).toContain('Đã kết thúc 2 phiên đăng nhập'); // this one and the one of the stdin test
    expect(r.stdout).toContain('Đã xoá xác thực hai lớp');
    expect((await findSession(db.db, before.session.id))?.revokedAt).not.toBeNull();
    const row = await db.db.selectFrom('users').select(['totp_enabled', 'totp_secret', 'must_change_password']).where('email', '=', 'binh@langson.gov.vn').executeTakeFirstOrThrow();
    expect(row).toEqual({ totp_enabled: 0, totp_secret: null, must_change_password: 1 });
    await expect(signIn(deps(), { email: 'binh@langson.gov.vn', password: 'mật khẩu tự chọn của Bình' }, { address: '127.0.0.2' })).rejects.toThrow('Sai e-mail hoặc mật khẩu');
    expect((await signIn(deps(), { email: 'binh@langson.gov.vn', password }, { address: '127.0.0.2' })).user.mustChangePassword).toBe(true);
  });

  it('names the option in Vietnamese when something is wrong, and changes nothing', async () => {
    const count = async () => (await db.db.selectFrom('users').select('id').execute()).length;
    const before = await count();
    const unknown = runCong(db, ['user', 'reset', '--email', 'khong-co@langson.gov.vn']);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('Lỗi: --email: không có tài khoản nào dùng e-mail "khong-co@langson.gov.vn"');
    const role = runCong(db, ['user', 'add', '--email', 'c@langson.gov.vn', '--name', 'C', '--site', 'langson', '--role', 'tong_bien_tap']);
    expect(role.status).toBe(1);
    expect(role.stderr).toContain('Lỗi: --role: vai trò phải là một trong');
    const taken = runCong(db, ['user', 'add', '--email', 'BINH@langson.gov.vn', '--name', 'Bình khác', '--site', 'langson', '--role', 'editor']);
    expect(taken.status).toBe(1);
    expect(taken.stderr).toContain('Lỗi: --email: Đã có tài khoản dùng địa chỉ e-mail này');
    const short = runCong(db, ['user', 'add', '--email', 'd@langson.gov.vn', '--name', 'D', '--site', 'langson', '--role', 'editor', '--password-stdin'], 'ngắn\n');
    expect(short.status).toBe(1);
    expect(short.stderr).toContain('Mật khẩu phải có ít nhất 12 ký tự');
    expect(`${unknown.stderr}${role.stderr}${taken.stderr}${short.stderr}`).not.toMatch(/\n\s+at /);
    expect(await count()).toBe(before);
  });

  it('records every act in the audit log as the console, with no secrets', async () => {
    const entries = await db.db.selectFrom('audit_log').select(['action', 'actor_type', 'actor_label', 'details']).where('actor_type', '=', 'system').orderBy('id').execute();
    expect(entries.map((e) => e.action)).toEqual(['user.add', 'user.add', 'user.role.grant', 'user.role.revoke', 'user.role.grant', 'user.password.reset', 'user.totp.reset']);
    for (const e of entries) expect(e.actor_label).toBe('Hệ thống (cli)');
    expect(entries.map((e) => e.details).join()).not.toMatch(/mật khẩu tự chọn|argon2|JBSWY3DP/);
  });

  it('prints the current TOTP code of a demo account, and refuses any other account', async () => {
    const add = runCong(db, ['user', 'add', '--email', 'truongban@langson.demo.cong.vn', '--name', 'Trần Quốc Cường', '--site', 'langson', '--role', 'chief_editor']);
    expect(add.status).toBe(0);
    const before = runCong(db, ['user', 'demo-code', 'truongban@langson.demo.cong.vn']);
    expect(before.status).not.toBe(0);
    expect(before.stderr).toContain('chưa thiết lập xác thực hai lớp');
    const secret = newTotpSecret();
    await db.db.updateTable('users').set({ totp_secret: secret, totp_enabled: 1 }).where('email', '=', 'truongban@langson.demo.cong.vn').execute();
    const r = runCong(db, ['user', 'demo-code', 'truongban@langson.demo.cong.vn']);
    expect(r.status).toBe(0);
    const code = /^(\d{6}) /.exec(r.stdout)?.[1];
    const now = new Date();
    // The code of this step or of the previous one (the command ran a moment ago).
    expect([await totpCodeAt(secret, now), await totpCodeAt(secret, new Date(now.getTime() - 30_000))]).toContain(code);
    await db.db.updateTable('users').set({ totp_secret: secret, totp_enabled: 1 }).where('email', '=', 'an.nguyen@langson.gov.vn').execute();
    const refused = runCong(db, ['user', 'demo-code', 'an.nguyen@langson.gov.vn']);
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toContain('chỉ dùng được cho tài khoản mẫu');
    expect(refused.stdout).not.toMatch(/\d{6}/);
  });
});
