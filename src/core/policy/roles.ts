/**
 * Roles (DESIGN.md §1). Roles and what they grant are code; the database only stores who
 * holds which role on which site (`memberships`). A person may hold several roles on a site.
 */

/** Every role a membership or API token may carry, lowest first. */
export const ROLES = ['contributor', 'focal_point', 'editor', 'chief_editor', 'site_admin', 'network_admin'] as const;
export type Role = (typeof ROLES)[number];

/** Roles held on one site (every role except `network_admin`, which is network-wide). */
export const SITE_ROLES = ['contributor', 'focal_point', 'editor', 'chief_editor', 'site_admin'] as const satisfies readonly Role[];

/**
 * Roles an API token may carry: machine clients supply and edit content but never publish,
 * withdraw or administer — those acts need a person, with a second factor and the four-eyes
 * rule (a token has neither).
 */
export const TOKEN_ROLES = ['contributor', 'focal_point', 'editor'] as const satisfies readonly Role[];

/** Whether a role may be carried by an API token. */
export function isTokenRole(role: string): boolean {
  return (TOKEN_ROLES as readonly string[]).includes(role);
}

/** Vietnamese names of the roles, as DESIGN.md §1 gives them. */
export const ROLE_LABELS: Record<Role, string> = {
  contributor: 'Cộng tác viên / phóng viên',
  focal_point: 'Đầu mối cung cấp thông tin',
  editor: 'Biên tập viên',
  chief_editor: 'Trưởng/Phó ban biên tập',
  site_admin: 'Quản trị trang',
  network_admin: 'Quản trị hệ thống',
};

/**
 * Roles that must sign in with a second factor (TOTP, RFC 6238) by default: the people who
 * can publish or change who may (issue "Newsroom core", item 1).
 */
export const ROLES_REQUIRING_TOTP: ReadonlySet<Role> = new Set<Role>(['chief_editor', 'site_admin', 'network_admin']);

/** Whether a string names a role. */
export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
