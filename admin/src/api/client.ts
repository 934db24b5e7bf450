/**
 * The admin API client: JSON over fetch to /api/admin/v1 with the session cookie, the CSRF
 * header on every write (synchronizer token from /auth/me or sign-in), and errors as
 * {@link ApiError} carrying the server's field-level messages (already Vietnamese).
 */

/** Base path of the admin API. */
export const API_BASE = '/api/admin/v1';

/** One error item as the API returns it. */
export interface ApiErrorItem {
  code: string;
  message: string;
  field?: string;
}

/** A failed API call: HTTP status, the error items, and the rest of the body (e.g. `current` on 409). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly errors: ApiErrorItem[],
    readonly body: Record<string, unknown>,
    readonly retryAfterSeconds: number | null = null,
  ) {
    super(errors.map((e) => e.message).join('; ') || `HTTP ${status}`);
  }

  /** The first error's code, e.g. `CONG_ERR_TOTP_REQUIRED`. */
  get code(): string | undefined {
    return this.errors[0]?.code;
  }

  /** The message for one field (`body.title`, `title`…), if the server named it. */
  fieldMessage(field: string): string | undefined {
    return this.errors.find((e) => e.field === field || e.field === `body.${field}` || e.field?.endsWith(`.${field}`))?.message;
  }
}

let csrfToken: string | null = null;

/** Remembers the session's CSRF token (from /auth/me or a sign-in answer). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

type Query = Record<string, string | number | boolean | null | undefined>;

/** Builds `path?query`, leaving out empty values. */
export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === '' || v === false) continue;
    params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

/**
 * Calls the admin API.
 * @param path path under /api/admin/v1, e.g. `/articles/42`
 * @returns the parsed JSON body (undefined for 204)
 * @throws ApiError for any non-2xx answer; TypeError when the network fails
 */
export async function request<T>(method: string, path: string, body?: unknown, init: { signal?: AbortSignal } = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined && !(body instanceof FormData)) headers['content-type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['x-csrf-token'] = csrfToken;
  const response = await fetch(API_BASE + path, {
    method,
    headers,
    credentials: 'same-origin',
    body: body === undefined ? undefined : body instanceof FormData ? body : JSON.stringify(body),
    signal: init.signal,
  });
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let json: unknown = undefined;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  if (!response.ok) {
    const record = (json && typeof json === 'object' ? json : {}) as Record<string, unknown>;
    const errors = Array.isArray(record.errors) ? (record.errors as ApiErrorItem[]) : [{ code: 'CONG_ERR_HTTP', message: `HTTP ${response.status}` }];
    const retry = Number(response.headers.get('retry-after'));
    throw new ApiError(response.status, errors, record, Number.isFinite(retry) && retry > 0 ? retry : null);
  }
  return json as T;
}

/** Shorthands for {@link request}. */
export const api = {
  get: <T>(path: string, query?: Query, init?: { signal?: AbortSignal }) => request<T>('GET', withQuery(path, query), undefined, init),
  post: <T>(path: string, body?: unknown) => request<T>('POST', path, body ?? {}),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  delete: <T>(path: string) => request<T>('DELETE', path),
};
