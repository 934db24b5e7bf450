/**
 * Typed errors with stable codes. Commands throw these; the HTTP edge and the CLI turn them
 * into responses and messages. Every code is listed in docs/errors.md and never reused.
 * Compare errors by class or by `code`, never by message.
 */

/** One problem with one input field: `path` names the field (e.g. `title`, `line 12: published`). */
export interface FieldIssue {
  path: string;
  message: string;
}

/** Base class: an HTTP status, a stable code and whether the message may be shown to users. */
export abstract class CongError extends Error {
  abstract readonly status: number;
  abstract readonly code: string;
  /** True when the message is safe to show to the person who caused it. */
  readonly expose: boolean = true;
}

/** Input did not pass validation; nothing was changed. HTTP 400, `CONG_ERR_VALIDATION`. */
export class ValidationError extends CongError {
  readonly status = 400;
  readonly code = 'CONG_ERR_VALIDATION';
  constructor(readonly issues: FieldIssue[]) {
    super(issues.map((i) => `${i.path}: ${i.message}`).join('; ') || 'Dữ liệu không hợp lệ');
  }
}

/** The thing asked for does not exist (or the actor may not know it exists). HTTP 404. */
export class NotFoundError extends CongError {
  readonly status = 404;
  readonly code = 'CONG_ERR_NOT_FOUND';
  constructor(what: string) {
    super(`Không tìm thấy ${what}`);
  }
}

/** The write was based on an out-of-date version. HTTP 409, `CONG_ERR_CONFLICT`. */
export class ConflictError extends CongError {
  readonly status = 409;
  readonly code: string = 'CONG_ERR_CONFLICT';
  constructor(message: string, readonly current?: unknown) {
    super(message);
  }
}

/** An uploaded file is not acceptable (type, size, pixel count). HTTP 422. */
export class UnsupportedMediaError extends CongError {
  readonly status = 422;
  readonly code = 'CONG_ERR_MEDIA_REJECTED';
  constructor(message: string, readonly field: string = 'file') {
    super(message);
  }
}

/** An import source could not be read at all (missing file, unknown format). */
export class ImportSourceError extends CongError {
  readonly status = 400;
  readonly code = 'CONG_ERR_IMPORT_SOURCE';
}

/** A configuration value is invalid; raised at start, names the variable. */
export class ConfigError extends CongError {
  readonly status = 500;
  readonly code = 'CONG_ERR_CONFIG';
}

/** The actor is known but may not do this. HTTP 403, `CONG_ERR_FORBIDDEN`. */
export class ForbiddenError extends CongError {
  readonly status = 403;
  readonly code = 'CONG_ERR_FORBIDDEN';
}

/** No valid session or token came with a request that needs one. HTTP 401, `CONG_ERR_UNAUTHENTICATED`. */
export class UnauthenticatedError extends CongError {
  readonly status = 401;
  readonly code = 'CONG_ERR_UNAUTHENTICATED';
  constructor(message = 'Cần đăng nhập') {
    super(message);
  }
}

/**
 * A workflow transition not allowed from the article's current state (DESIGN.md §2.1), e.g.
 * approving a draft. HTTP 409, `CONG_ERR_INVALID_TRANSITION`; nothing changed.
 */
export class InvalidTransitionError extends CongError {
  readonly status = 409;
  readonly code = 'CONG_ERR_INVALID_TRANSITION';
  constructor(message: string, readonly currentState?: string) {
    super(message);
  }
}

/** Too many attempts in a window (sign-in, public forms). HTTP 429, `CONG_ERR_RATE_LIMITED`. */
export class RateLimitedError extends CongError {
  readonly status = 429;
  readonly code = 'CONG_ERR_RATE_LIMITED';
  /** @param retryAfterSeconds when the caller may try again (sent as `Retry-After`). */
  constructor(message: string, readonly retryAfterSeconds: number) {
    super(message);
  }
}

/** Sign-in needs the TOTP code (RFC 6238) or the code given was wrong. HTTP 401, `CONG_ERR_TOTP_REQUIRED`. */
export class TotpRequiredError extends CongError {
  readonly status = 401;
  readonly code = 'CONG_ERR_TOTP_REQUIRED';
}

/** The CSRF token of a cookie-authenticated write was missing or wrong. HTTP 403, `CONG_ERR_CSRF`. */
export class CsrfError extends CongError {
  readonly status = 403;
  readonly code = 'CONG_ERR_CSRF';
  constructor() {
    super('Thiếu hoặc sai mã chống giả mạo yêu cầu (CSRF). Hãy tải lại trang rồi thử lại.');
  }
}

/**
 * The four-eyes rule refused the act: the author of an article may not approve or schedule
 * it (DESIGN.md §2.1) unless the site relaxed the rule. HTTP 403, `CONG_ERR_FOUR_EYES`.
 */
export class FourEyesError extends CongError {
  readonly status = 403;
  readonly code = 'CONG_ERR_FOUR_EYES';
  constructor() {
    super('Nguyên tắc bốn mắt: người duyệt không được là tác giả của bài. Hãy nhờ một lãnh đạo ban biên tập khác duyệt.');
  }
}

/**
 * Parses a command's input with its zod schema: commands validate what they are given, so the
 * CLI, jobs and tests get the same field-named errors as HTTP clients.
 * @throws ValidationError with one issue per bad field (path joined with dots).
 */
export function parseCommandInput<T>(schema: { safeParse(value: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } }, value: unknown): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw new ValidationError(
    result.error.issues.flatMap((i) => {
      const keys = (i as { keys?: string[] }).keys;
      if (keys && keys.length) return keys.map((key) => ({ path: [...i.path.map(String), key].join('.'), message: 'Trường này không được nhận' }));
      return [{ path: i.path.map(String).join('.') || 'input', message: i.message }];
    }),
  );
}

/**
 * The thing cannot be removed while it is in use (a media item in an article, a category with
 * articles). HTTP 409, `CONG_ERR_IN_USE`; nothing was changed. `usedBy` lists what uses it
 * (shape per caller, e.g. `{ articleId, title }[]`).
 */
export class InUseError extends CongError {
  readonly status = 409;
  readonly code = 'CONG_ERR_IN_USE';
  constructor(message: string, readonly usedBy: unknown[] = []) {
    super(message);
  }
}

/**
 * The same report of false information (same content) was already received within the last
 * 24 hours (issue "Rapid-response desk": floods of the same report are stored once). HTTP 409,
 * `CONG_ERR_DUPLICATE_REPORT`; nothing was stored. `current.trackingCode` is the earlier
 * report's tracking code, so the reporter can follow it.
 */
export class DuplicateReportError extends ConflictError {
  override readonly code = 'CONG_ERR_DUPLICATE_REPORT';
  constructor(readonly trackingCode: string) {
    super(`Phản ánh này đã được tiếp nhận trước đó với mã theo dõi ${trackingCode}; không cần gửi lại.`, { trackingCode });
  }
}
