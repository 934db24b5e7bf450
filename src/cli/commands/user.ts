/**
 * `cong user add|role|reset|list`: people and their roles from the console, for the first
 * administrator and for help-desk work. The console acts as the system (`systemActor('cli')`);
 * every act goes through the same commands as the admin API and is in the audit log.
 * Passwords are generated and printed once unless typed on stdin (`--password-stdin`).
 */
import fs from 'node:fs';
import type { Command } from 'commander';
import { siteIdOf, withCore } from '../cli-support.ts';
import type { Core } from '../../core/create-core.ts';
import { ValidationError } from '../../core/errors.ts';
import { findOrganisationByKey } from '../../core/organisations/organisation.repository.ts';
import { systemActor } from '../../core/policy/actor.ts';
import { isRole, ROLE_LABELS, ROLES, ROLES_REQUIRING_TOTP, type Role } from '../../core/policy/roles.ts';
import { normalizeText } from '../../core/text/index.ts';
import { findUserRecordByEmail } from '../../core/users/user.repository.ts';
import { normalizeEmail, usersDepsOf, type UserGrant } from '../../core/users/user.ts';

const CLI = systemActor('cli');

// Field names of the core commands → the options a console user typed.
const OPTION_OF: Record<string, string> = {
  email: '--email',
  displayName: '--name',
  organisationId: '--org',
  siteId: '--site',
  role: '--role',
  password: 'mật khẩu (stdin)',
};

/** Runs `fn`, renaming the fields of a ValidationError to the options the user typed. */
async function namingOptions<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof ValidationError) throw new ValidationError(error.issues.map((i) => ({ path: OPTION_OF[i.path] ?? i.path, message: i.message })));
    throw error;
  }
}

function roleOption(value: string | undefined): Role | undefined {
  if (value === undefined) return undefined;
  const role = value.trim();
  if (!isRole(role)) throw new ValidationError([{ path: '--role', message: `vai trò phải là một trong: ${ROLES.join(', ')}` }]);
  return role;
}

/** The id of the person with this e-mail. @throws ValidationError naming `--email`. */
async function userIdOf(core: Core, email: string): Promise<number> {
  const record = await findUserRecordByEmail(core.db, normalizeEmail(email));
  if (!record) throw new ValidationError([{ path: '--email', message: `không có tài khoản nào dùng e-mail "${email.trim()}" (xem: cong user list)` }]);
  return record.id;
}

/** Reads the whole of stdin (a password piped in), without its final line break. */
function readPasswordFromStdin(): string {
  const text = fs.readFileSync(0, 'utf8');
  return normalizeText(text.replace(/\r?\n$/, ''));
}

function grantText(g: Pick<UserGrant, 'siteKey' | 'role'>): string {
  return `${ROLE_LABELS[g.role]} (${g.role}) ${g.siteKey === null ? 'trên toàn mạng lưới' : `trên trang ${g.siteKey}`}`;
}

/** Registers the `user` command group. */
export function registerUserCommands(program: Command): void {
  const user = program.command('user').description('Người dùng: thêm tài khoản, trao hoặc bỏ vai trò, đặt lại mật khẩu, liệt kê');

  user
    .command('add')
    .description('Thêm người dùng; nếu không nhập mật khẩu qua stdin, in ra mật khẩu tạo ngẫu nhiên (chỉ một lần)')
    .requiredOption('-e, --email <email>', 'địa chỉ e-mail (dùng để đăng nhập)')
    .requiredOption('-n, --name <name>', 'họ tên hiển thị')
    .option('--org <key>', 'khoá của cơ quan, đơn vị người này thuộc về')
    .option('-s, --site <key>', 'khoá của trang để trao vai trò đầu tiên')
    .option('--network', 'vai trò trên toàn mạng lưới (cho network_admin)')
    .option('-r, --role <role>', `vai trò đầu tiên: ${ROLES.join(', ')}`)
    .option('--password-stdin', 'đọc mật khẩu từ đầu vào chuẩn (ví dụ: echo "…" | cong user add …) thay vì tạo ngẫu nhiên')
    .action(async (opts: { email: string; name: string; org?: string; site?: string; network?: boolean; role?: string; passwordStdin?: boolean }) => {
      const role = roleOption(opts.role);
      if (opts.site && !role) throw new ValidationError([{ path: '--role', message: 'cần chọn vai trò trên trang --site' }]);
      if (role && role !== 'network_admin' && !opts.site) throw new ValidationError([{ path: '--site', message: `vai trò ${role} cần một trang (--site KEY)` }]);
      if (opts.network && opts.site) throw new ValidationError([{ path: '--network', message: 'dùng --network hoặc --site, không dùng cả hai' }]);
      if (opts.network && role !== 'network_admin') throw new ValidationError([{ path: '--network', message: 'chỉ dùng --network với --role network_admin' }]);
      const password = opts.passwordStdin ? readPasswordFromStdin() : undefined;
      await withCore(async (core) => {
        const siteId = opts.site ? siteIdOf(core, opts.site) : null;
        let organisationId: number | null = null;
        if (opts.org) {
          const org = await findOrganisationByKey(core.db, normalizeText(opts.org).trim());
          if (!org) throw new ValidationError([{ path: '--org', message: `không có cơ quan, đơn vị nào có khoá "${opts.org}"` }]);
          organisationId = org.id;
        }
        const { addUser } = await import('../../core/users/add-user.ts');
        const result = await namingOptions(() =>
          addUser(
            usersDepsOf(core),
            CLI,
            { email: opts.email, displayName: opts.name, organisationId, siteId, ...(role ? { role } : {}), ...(password !== undefined ? { password } : {}) },
            {},
            { mustChangePassword: password === undefined },
          ),
        );
        console.log(`Đã thêm người dùng #${result.user.id}: ${result.user.email} (${result.user.displayName})`);
        for (const g of result.grants) console.log(`Vai trò: ${grantText(g)}`);
        if (result.generatedPassword) {
          console.log(`Mật khẩu ban đầu (chỉ hiện lần này; hãy gửi cho người dùng qua kênh an toàn): ${result.generatedPassword}`);
          console.log('Người này phải đổi mật khẩu khi đăng nhập lần đầu.');
        }
        if (result.totpEnrolmentRequired) console.log('Vai trò này yêu cầu xác thực hai lớp: người này sẽ thiết lập TOTP (ứng dụng xác thực) ở lần đăng nhập đầu tiên.');
      });
    });

  user
    .command('role')
    .description('Trao (hoặc bỏ, với --remove) một vai trò của người dùng trên một trang, hoặc trên toàn mạng lưới (--network)')
    .requiredOption('-e, --email <email>', 'e-mail của người dùng')
    .option('-s, --site <key>', 'khoá của trang')
    .option('--network', 'vai trò trên toàn mạng lưới (network_admin)')
    .requiredOption('-r, --role <role>', `vai trò: ${ROLES.join(', ')}`)
    .option('--remove', 'bỏ vai trò thay vì trao')
    .action(async (opts: { email: string; site?: string; network?: boolean; role: string; remove?: boolean }) => {
      const role = roleOption(opts.role)!;
      if (opts.network && opts.site) throw new ValidationError([{ path: '--network', message: 'dùng --network hoặc --site, không dùng cả hai' }]);
      if (!opts.network && !opts.site) throw new ValidationError([{ path: '--site', message: role === 'network_admin' ? 'vai trò network_admin dùng --network' : 'cần khoá của trang (--site KEY), hoặc --network' }]);
      if (opts.network && role !== 'network_admin') throw new ValidationError([{ path: '--network', message: `vai trò ${role} gắn với một trang: dùng --site KEY` }]);
      if (opts.site && role === 'network_admin') throw new ValidationError([{ path: '--site', message: 'vai trò network_admin áp dụng cho toàn mạng lưới: dùng --network' }]);
      await withCore(async (core) => {
        const userId = await userIdOf(core, opts.email);
        const siteId = opts.site ? siteIdOf(core, opts.site) : null;
        const { grantRole } = await import('../../core/users/grant-role.ts');
        const { revokeRole } = await import('../../core/users/revoke-role.ts');
        const result = await namingOptions(() => (opts.remove ? revokeRole : grantRole)(usersDepsOf(core), CLI, userId, { siteId, role }));
        const what = grantText({ role, siteKey: opts.site ?? null });
        if (opts.remove) console.log(`Đã bỏ vai trò ${what} của ${result.user.email}.`);
        else if (result.changed) console.log(`Đã trao vai trò ${what} cho ${result.user.email}.`);
        else console.log(`${result.user.email} đã có vai trò ${what}; không có gì thay đổi.`);
        if (!opts.remove && result.changed && ROLES_REQUIRING_TOTP.has(role) && !result.user.totpEnabled) {
          console.log('Vai trò này yêu cầu xác thực hai lớp: người này sẽ thiết lập TOTP trước khi làm được việc khác.');
        }
        console.log(result.grants.length ? `Các vai trò hiện có: ${result.grants.map(grantText).join('; ')}` : 'Người này hiện không có vai trò nào.');
      });
    });

  user
    .command('reset')
    .description('Đặt lại mật khẩu (in ra mật khẩu mới một lần) và kết thúc mọi phiên đăng nhập; --totp xoá cả xác thực hai lớp')
    .requiredOption('-e, --email <email>', 'e-mail của người dùng')
    .option('--totp', 'xoá cả xác thực hai lớp (mất điện thoại): người dùng thiết lập lại ở lần đăng nhập sau')
    .action(async (opts: { email: string; totp?: boolean }) => {
      await withCore(async (core) => {
        const userId = await userIdOf(core, opts.email);
        const { resetPassword } = await import('../../core/users/reset-password.ts');
        const result = await resetPassword(usersDepsOf(core), CLI, userId);
        console.log(`Mật khẩu mới của ${normalizeEmail(opts.email)} (chỉ hiện lần này; người dùng phải đổi khi đăng nhập): ${result.generatedPassword}`);
        console.log(`Đã kết thúc ${result.sessionsRevoked} phiên đăng nhập.`);
        if (opts.totp) {
          const { resetTotp } = await import('../../core/users/reset-totp.ts');
          await resetTotp(usersDepsOf(core), CLI, userId);
          console.log('Đã xoá xác thực hai lớp; người dùng sẽ thiết lập lại ở lần đăng nhập sau (nếu vai trò yêu cầu).');
        }
      });
    });

  user
    .command('list')
    .description('Liệt kê người dùng (của một trang với --site), kèm vai trò')
    .option('-s, --site <key>', 'chỉ thành viên của trang này')
    .action(async (opts: { site?: string }) => {
      await withCore(async (core) => {
        const siteId = opts.site ? siteIdOf(core, opts.site) : null;
        const { listPeople } = await import('../../core/users/list-users.ts');
        const people = await listPeople(usersDepsOf(core), CLI, { siteId });
        if (people.length === 0) console.log(opts.site ? `Trang ${opts.site} chưa có thành viên.` : 'Chưa có người dùng nào. Thêm người đầu tiên: cong user add --email … --name … --role network_admin --network');
        for (const p of people) {
          const flags = [p.status === 'disabled' ? 'đã khoá' : null, p.totpEnabled ? 'TOTP' : null, p.mustChangePassword ? 'phải đổi mật khẩu' : null].filter(Boolean);
          const roles = p.grants.map((g) => `${g.siteKey ?? 'toàn mạng'}:${g.role}`).join(', ') || '—';
          console.log(`#${String(p.id).padEnd(5)} ${p.email.padEnd(36)} ${p.displayName}${flags.length ? ` [${flags.join(', ')}]` : ''} — ${roles}`);
        }
      });
    });

  user
    .command('demo-code <email>')
    .description('In mã xác thực hai lớp hiện tại của một tài khoản MẪU (demo), để thử mà không cần ứng dụng xác thực')
    .action(async (email: string) => {
      await withCore(async (core) => {
        const { demoTotpCode } = await import('../../core/demo/create-demo-people.ts');
        const { code, validForSeconds } = await demoTotpCode(core, email);
        console.log(`${code}  (còn hiệu lực khoảng ${validForSeconds} giây)`);
      });
    });
}
