/**
 * Command: add a person (an account), optionally with a first role. A network admin may add
 * anyone; a site admin adds people to their own site (a role there is then required, so
 * nobody is created whom no site admin can see). Without a password one is generated and
 * returned once; the person must change it at the first sign-in.
 */
import { appendAudit } from '../audit/audit.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import type { Actor } from '../policy/actor.ts';
import { ROLES_REQUIRING_TOTP } from '../policy/roles.ts';
import { hashPassword } from './password.ts';
import { authorizeRoleChange, managesNetwork } from './user.policy.ts';
import { findUserRecordByEmail, findUserRecordById, insertMembership, insertUser, listUserGrants, organisationExists, siteExists } from './user.repository.ts';
import { addUserSchema, parseUserInput } from './user.schema.ts';
import { generatePassword, type RequestContext, type User, type UserGrant, type UsersDeps } from './user.ts';

/** What adding a person gives back. */
export interface AddUserResult {
  user: User;
  grants: UserGrant[];
  /** The initial password when it was generated (shown once), else null. */
  generatedPassword: string | null;
  /** True when the person's role requires a second factor: they set it up at the first sign-in. */
  totpEnrolmentRequired: boolean;
}

/** Options of {@link addUser} that are not input from outside. */
export interface AddUserOptions {
  /**
   * Whether the person must change the password at the first sign-in. Default true: a
   * password chosen by someone else. The console passes false for a password the person
   * typed themselves (`--password-stdin`).
   */
  mustChangePassword?: boolean;
}

/**
 * Adds a person.
 * @param input `{ email, displayName, organisationId?, password?, siteId?, role? }`.
 * @returns the person, their roles, the generated password (or null) and whether TOTP enrolment awaits them.
 * @throws ValidationError naming `email` (malformed, or already has an account), `displayName`,
 *   `password`, `organisationId` (unknown), `siteId` / `role` (missing or not matching).
 * @throws NotFoundError / ForbiddenError when the actor may not manage that site's people.
 */
export async function addUser(deps: UsersDeps, actor: Actor, input: unknown, context: RequestContext = {}, options: AddUserOptions = {}): Promise<AddUserResult> {
  const parsed = parseUserInput(addUserSchema, input);
  if (parsed.role) {
    authorizeRoleChange(actor, parsed.siteId, parsed.role);
  } else if (parsed.siteId !== null) {
    throw new ValidationError([{ path: 'role', message: 'Cần chọn vai trò của người này trên trang' }]);
  } else if (!managesNetwork(actor)) {
    throw new ValidationError([{ path: 'role', message: 'Cần chọn trang và vai trò cho người mới (chỉ quản trị hệ thống được tạo tài khoản chưa có vai trò)' }]);
  }
  const { db } = deps;
  if (parsed.siteId !== null && !(await siteExists(db, parsed.siteId))) throw new NotFoundError(`trang ${parsed.siteId}`);
  if (parsed.organisationId !== null && !(await organisationExists(db, parsed.organisationId))) {
    throw new ValidationError([{ path: 'organisationId', message: `Không có cơ quan, đơn vị nào mang mã ${parsed.organisationId}` }]);
  }
  const taken = [{ path: 'email', message: 'Đã có tài khoản dùng địa chỉ e-mail này' }];
  if (await findUserRecordByEmail(db, parsed.email)) throw new ValidationError(taken);

  const password = parsed.password ?? generatePassword();
  const hash = await hashPassword(password);
  const now = deps.clock();
  const userId = await db.transaction().execute(async (trx) => {
    if (await findUserRecordByEmail(trx, parsed.email)) throw new ValidationError(taken);
    const id = await insertUser(
      trx,
      { email: parsed.email, displayName: parsed.displayName, organisationId: parsed.organisationId, passwordHash: hash, mustChangePassword: options.mustChangePassword ?? true },
      now,
    );
    if (parsed.role) await insertMembership(trx, id, parsed.siteId, parsed.role, now);
    await appendAudit(trx, {
      actor,
      action: 'user.add',
      siteId: parsed.siteId,
      subjectType: 'user',
      subjectId: id,
      details: {
        email: parsed.email,
        displayName: parsed.displayName,
        organisationId: parsed.organisationId,
        ...(parsed.role ? { role: parsed.role, siteId: parsed.siteId } : {}),
        passwordGenerated: parsed.password === undefined,
      },
      address: context.address ?? null,
      at: now,
    });
    return id;
  });
  const record = (await findUserRecordById(db, userId))!;
  const { passwordHash: _hash, totpSecret: _secret, ...user } = record;
  return {
    user,
    grants: await listUserGrants(db, userId),
    generatedPassword: parsed.password === undefined ? password : null,
    totpEnrolmentRequired: parsed.role !== undefined && ROLES_REQUIRING_TOTP.has(parsed.role),
  };
}
