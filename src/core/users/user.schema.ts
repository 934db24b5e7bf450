/**
 * Input shapes for people, sessions and API tokens (zod 4), the one source of each shape.
 * Text is NFC-normalised before it is checked; messages are Vietnamese and name the field.
 */
import { z } from 'zod';
import { ValidationError } from '../errors.ts';
import { ROLES, TOKEN_ROLES } from '../policy/roles.ts';
import { normalizeText } from '../text/index.ts';
import { normalizeEmail } from './user.ts';

/** Length limits, in characters (Unicode code points, after NFC). */
export const USER_LIMITS = Object.freeze({ emailMax: 254, displayNameMax: 120, passwordMin: 12, passwordMax: 200, tokenNameMax: 100 });

const codePoints = (s: string) => [...s].length;

/** An e-mail address, stored lower-cased, trimmed and NFC (`An@Mic.Gov.VN` → `an@mic.gov.vn`). */
export const emailSchema = z
  .string({ error: (issue) => (issue.input == null ? 'Cần nhập địa chỉ e-mail' : 'Phải là chuỗi ký tự') })
  .transform((s) => normalizeEmail(s))
  .pipe(
    z
      .string()
      .min(1, 'Cần nhập địa chỉ e-mail')
      .max(USER_LIMITS.emailMax, `Địa chỉ e-mail tối đa ${USER_LIMITS.emailMax} ký tự`)
      .regex(/^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/u, 'Địa chỉ e-mail không hợp lệ (ví dụ: ten@mic.gov.vn)'),
  );

/** The name shown for a person: 1 to 120 characters after trimming. */
export const displayNameSchema = z
  .string({ error: (issue) => (issue.input == null ? 'Cần nhập họ tên' : 'Phải là chuỗi ký tự') })
  .transform((s) => normalizeText(s).trim().replace(/\s+/g, ' '))
  .pipe(
    z
      .string()
      .min(1, 'Cần nhập họ tên')
      .refine((s) => codePoints(s) <= USER_LIMITS.displayNameMax, `Họ tên tối đa ${USER_LIMITS.displayNameMax} ký tự`),
  );

/**
 * A new password: 12 to 200 characters (NFC; spaces allowed, so pass-phrases work). Length is
 * what counts (NIST SP 800-63B §5.1.1.2: no composition rules, at least 8, allow 64 and more).
 */
export const newPasswordSchema = z
  .string({ error: (issue) => (issue.input == null ? 'Cần nhập mật khẩu' : 'Phải là chuỗi ký tự') })
  .transform((s) => normalizeText(s))
  .refine((s) => codePoints(s) >= USER_LIMITS.passwordMin, `Mật khẩu phải có ít nhất ${USER_LIMITS.passwordMin} ký tự`)
  .refine((s) => codePoints(s) <= USER_LIMITS.passwordMax, `Mật khẩu tối đa ${USER_LIMITS.passwordMax} ký tự`);

/** A password as typed at sign-in (any length up to the maximum; it is checked, not judged). */
export const givenPasswordSchema = z
  .string({ error: (issue) => (issue.input == null ? 'Cần nhập mật khẩu' : 'Phải là chuỗi ký tự') })
  .transform((s) => normalizeText(s))
  .refine((s) => s.length > 0, 'Cần nhập mật khẩu')
  .refine((s) => s.length <= 1000, 'Mật khẩu quá dài');

/** A six-digit TOTP code (RFC 6238); spaces inside are ignored ("123 456"). */
export const totpCodeSchema = z
  .string({ error: 'Mã xác thực phải là chuỗi 6 chữ số' })
  .transform((s) => s.replace(/\s+/g, ''))
  .pipe(z.string().regex(/^\d{6}$/, 'Mã xác thực gồm 6 chữ số trong ứng dụng xác thực'));

const roleSchema = z.enum(ROLES, { error: `Vai trò phải là một trong: ${ROLES.join(', ')}` });
const idSchema = z.coerce.number({ error: 'Phải là số' }).int('Phải là số nguyên').positive('Phải là số dương');

/** Adding a person. Without `password` one is generated and returned once. `siteId`+`role` grant a first role. */
export const addUserSchema = z.object({
  email: emailSchema,
  displayName: displayNameSchema,
  organisationId: idSchema.nullish().transform((v) => v ?? null),
  password: newPasswordSchema.optional(),
  siteId: idSchema.nullish().transform((v) => v ?? null),
  role: roleSchema.optional(),
});
/** What {@link addUserSchema} accepts. */
export type AddUserInput = z.input<typeof addUserSchema>;

/** Sign-in: e-mail, password and, for people with a second factor, the current TOTP code. */
export const signInSchema = z.object({
  email: z.string({ error: (issue) => (issue.input == null ? 'Cần nhập địa chỉ e-mail' : 'Phải là chuỗi ký tự') }).min(1, 'Cần nhập địa chỉ e-mail').max(1000, 'Địa chỉ e-mail quá dài'),
  password: givenPasswordSchema,
  totpCode: z.string({ error: 'Mã xác thực phải là chuỗi 6 chữ số' }).max(20, 'Mã xác thực gồm 6 chữ số').optional(),
});
/** What {@link signInSchema} accepts. */
export type SignInInput = z.input<typeof signInSchema>;

/** Changing one's own password. */
export const changePasswordSchema = z.object({
  currentPassword: givenPasswordSchema,
  newPassword: newPasswordSchema,
});

/** Confirming TOTP enrolment with the first code from the app. */
export const confirmTotpSchema = z.object({ code: totpCodeSchema });

/** Granting a role: `siteId` null (or absent) only for `network_admin`. */
export const grantRoleSchema = z.object({
  siteId: idSchema.nullish().transform((v) => v ?? null),
  role: roleSchema,
});
/** What {@link grantRoleSchema} accepts. */
export type GrantRoleInput = z.input<typeof grantRoleSchema>;

/** Creating an API token: a name, a site role, an optional expiry (ISO 8601 with a time zone; output in UTC). */
export const createApiTokenSchema = z.object({
  name: z
    .string({ error: (issue) => (issue.input == null ? 'Cần đặt tên cho khoá API' : 'Phải là chuỗi ký tự') })
    .transform((s) => normalizeText(s).trim())
    .pipe(z.string().min(1, 'Cần đặt tên cho khoá API').max(USER_LIMITS.tokenNameMax, `Tên khoá API tối đa ${USER_LIMITS.tokenNameMax} ký tự`)),
  role: z.enum(TOKEN_ROLES, { error: `Vai trò của khoá API phải là một trong: ${TOKEN_ROLES.join(', ')} (đăng, gỡ, đính chính và quản trị cần một người đăng nhập với xác thực hai lớp)` }),
  expiresAt: z
    .string({ error: 'Thời hạn phải là thời điểm ISO 8601, ví dụ 2026-12-31T17:00:00Z' })
    .datetime({ offset: true, error: 'Thời hạn phải là thời điểm ISO 8601 có múi giờ, ví dụ 2026-12-31T17:00:00+07:00' })
    .nullish()
    // Output stays ISO text (UTC), so that parsing an already parsed input gives the same value.
    .transform((v) => (v ? new Date(v).toISOString() : null)),
});
/** What {@link createApiTokenSchema} accepts. */
export type CreateApiTokenInput = z.input<typeof createApiTokenSchema>;

/**
 * Parses `input` with `schema`.
 * @param input anything from outside (HTTP body, CLI flags).
 * @param fallbackPath the field to blame when the input is not an object at all.
 * @throws ValidationError with one `{ path, message }` per problem, each naming its field.
 */
export function parseUserInput<T extends z.ZodType>(schema: T, input: unknown, fallbackPath = 'body'): z.output<T> {
  const parsed = schema.safeParse(input ?? {});
  if (parsed.success) return parsed.data;
  throw new ValidationError(parsed.error.issues.map((issue) => ({ path: issue.path.length ? issue.path.map(String).join('.') : fallbackPath, message: issue.message })));
}
