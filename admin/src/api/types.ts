/** Shapes of the admin API answers the screens share (see /api/docs for the full contract). */

export type Role = 'contributor' | 'focal_point' | 'editor' | 'chief_editor' | 'site_admin' | 'network_admin';

export type ArticleState = 'draft' | 'submitted' | 'pending_approval' | 'scheduled' | 'published' | 'returned' | 'rejected' | 'withdrawn';

/** A role held by the signed-in person (`siteId` null: network-wide). */
export interface Grant {
  siteId: number | null;
  role: Role;
  [key: string]: unknown;
}

/** GET /auth/me. */
export interface Me {
  user: { id: number; email: string; displayName: string; organisationId: number | null; totpEnabled: boolean; mustChangePassword: boolean };
  grants: Grant[];
  stage: 'full' | 'totp_enrolment' | 'password_change';
  csrfToken: string;
}

/** A site as GET /sites lists it. */
export interface SiteSummary {
  id: number;
  key: string;
  name: string;
  kind: string;
  status: string;
  roles: Role[];
  allowedActions: string[];
}
