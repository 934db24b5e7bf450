/**
 * Demo newsroom accounts, so that a newcomer can try the editorial workflow at once: an
 * editorial board for the Lạng Sơn department's site (contributor, editor, chief editor, site
 * admin) and an editor and a chief editor of the ministry portal (who also run its rapid-response
 * desk: the editor writes a rebuttal, the chief editor rates the claim and approves it). Passwords are generated on this machine
 * (never stored in the repository), printed once at the first start and kept in
 * `<data folder>/demo-accounts.txt` (readable by its owner only). Chief editors and admins set
 * up their second factor (TOTP) at the first sign-in, as everyone holding those roles must.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Core } from '../create-core.ts';
import { systemActor } from '../policy/actor.ts';
import type { Role } from '../policy/roles.ts';
import { ROLE_LABELS } from '../policy/roles.ts';
import { addUser } from '../users/add-user.ts';
import { generatePassword, usersDepsOf } from '../users/user.ts';
import { TOTP_PERIOD_SECONDS, totpCodeAt } from '../users/totp.ts';
import { ValidationError } from '../errors.ts';

/** The demo people: e-mail, name, site key, role. */
const DEMO_PEOPLE: { email: string; name: string; site: string; role: Role }[] = [
  { email: 'congtacvien@langson.demo.cong.vn', name: 'Hoàng Thị Lan', site: 'langson', role: 'contributor' },
  { email: 'bientap@langson.demo.cong.vn', name: 'Nguyễn Văn Bình', site: 'langson', role: 'editor' },
  { email: 'truongban@langson.demo.cong.vn', name: 'Trần Quốc Cường', site: 'langson', role: 'chief_editor' },
  { email: 'quantri@langson.demo.cong.vn', name: 'Lê Thị Dung', site: 'langson', role: 'site_admin' },
  { email: 'bientap@bo-tttt.demo.cong.vn', name: 'Lê Thu Trang', site: 'bo-tttt', role: 'editor' },
  { email: 'truongban@bo-tttt.demo.cong.vn', name: 'Phạm Minh Đức', site: 'bo-tttt', role: 'chief_editor' },
];

/** The file the demo accounts are written to, inside the data folder. */
export const DEMO_ACCOUNTS_FILE = 'demo-accounts.txt';

/**
 * Creates the demo people (through the audited add-user command, as the system) and writes
 * their credentials to the data folder.
 * @returns the path of the accounts file.
 */
export async function createDemoPeople(core: Core): Promise<string> {
  const deps = usersDepsOf(core);
  const actor = systemActor('demo');
  const lines: string[] = [
    'Tài khoản toà soạn mẫu của Cong (chỉ dùng để thử; mật khẩu sinh ngẫu nhiên trên máy này).',
    'Đăng nhập toà soạn: http://127.0.0.1:3000/admin/ (hoặc API: POST /api/admin/v1/auth/sign-in) — xem README.md.',
    'Trưởng ban biên tập và quản trị trang phải cài mã xác thực hai lớp (TOTP) ở lần đăng nhập đầu:',
    'quét mã QR bằng ứng dụng xác thực, hoặc (chỉ với tài khoản mẫu) lấy mã hiện tại bằng: npm run cong -- user demo-code <e-mail>',
    '',
  ];
  // Hash in parallel (argon2 runs on the thread pool); rows are written one by one.
  const people = await Promise.all(
    DEMO_PEOPLE.map(async (p) => {
      const site = core.sites.getByKey(p.site);
      if (!site) return null;
      const password = generatePassword();
      await addUser(deps, actor, { email: p.email, displayName: p.name, organisationId: site.organisationId, password, siteId: site.id, role: p.role }, {}, { mustChangePassword: false });
      return { ...p, password, siteName: site.name };
    }),
  );
  for (const p of people) {
    if (p) lines.push(`${p.name} — ${ROLE_LABELS[p.role]}, ${p.siteName} (/${p.site}/)`, `  e-mail: ${p.email}`, `  mật khẩu: ${p.password}`, '');
  }
  const file = path.join(core.config.dataDir, DEMO_ACCOUNTS_FILE);
  fs.mkdirSync(core.config.dataDir, { recursive: true });
  fs.writeFileSync(file, lines.join('\n'), { mode: 0o600 });
  return file;
}

/** Whether an e-mail address is one of the demo accounts created by {@link createDemoPeople}. */
export function isDemoAccount(email: string): boolean {
  const normal = email.trim().toLowerCase();
  return DEMO_PEOPLE.some((p) => p.email === normal);
}

/**
 * The current TOTP code (RFC 6238) of a DEMO account, so that someone trying the demo without
 * an authenticator app can sign in as a chief editor or site admin. Refuses every other account.
 * @returns the 6-digit code at the core's clock, and the seconds it stays valid.
 * @throws ValidationError when the address is not a demo account or has no second factor yet.
 */
export async function demoTotpCode(core: Core, email: string): Promise<{ code: string; validForSeconds: number }> {
  if (!isDemoAccount(email)) throw new ValidationError([{ path: 'email', message: 'chỉ dùng được cho tài khoản mẫu (demo)' }]);
  const row = await core.db.selectFrom('users').select(['totp_secret', 'totp_enabled']).where('email', '=', email.trim().toLowerCase()).executeTakeFirst();
  if (!row?.totp_secret) throw new ValidationError([{ path: 'email', message: 'tài khoản này chưa thiết lập xác thực hai lớp (đăng nhập trên /admin/ để thiết lập)' }]);
  const now = core.clock();
  const code = await totpCodeAt(row.totp_secret, now);
  return { code, validForSeconds: TOTP_PERIOD_SECONDS - (Math.floor(now.getTime() / 1000) % TOTP_PERIOD_SECONDS) };
}
