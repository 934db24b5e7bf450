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
  readonly code = 'CONG_ERR_CONFLICT';
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
