/**
 * Error for removals refused because something still uses the thing (a media item in an
 * article, a category with articles). Kept beside media until core/errors.ts takes it.
 */
import { CongError } from '../errors.ts';

/**
 * The thing cannot be removed while it is in use. HTTP 409, `CONG_ERR_IN_USE`; nothing was
 * changed. `usedBy` lists what uses it (shape per caller, e.g. `{ articleId, title }[]`).
 */
export class InUseError extends CongError {
  readonly status = 409;
  readonly code = 'CONG_ERR_IN_USE';
  constructor(message: string, readonly usedBy: unknown[] = []) {
    super(message);
  }
}
