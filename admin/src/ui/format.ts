/**
 * Dates and times in Vietnam time (Asia/Ho_Chi_Minh, UTC+7 all year, no daylight saving), as
 * the public site shows them (`27/9/2022 14:05`), and conversion between an instant (ISO UTC)
 * and the value of an <input type="datetime-local"> read as Vietnam time.
 */

const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;

function parts(iso: string): { d: number; m: number; y: number; hh: string; mm: string } | null {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) return null;
  const v = new Date(ms + VIETNAM_OFFSET_MS);
  return {
    d: v.getUTCDate(),
    m: v.getUTCMonth() + 1,
    y: v.getUTCFullYear(),
    hh: String(v.getUTCHours()).padStart(2, '0'),
    mm: String(v.getUTCMinutes()).padStart(2, '0'),
  };
}

/** `27/9/2022 14:05` in Vietnam time; '—' for null or an invalid instant. */
export function formatDateTime(iso: string | null | undefined): string {
  const p = iso ? parts(iso) : null;
  return p ? `${p.d}/${p.m}/${p.y} ${p.hh}:${p.mm}` : '—';
}

/** `27/9/2022` in Vietnam time; '—' for null. */
export function formatDate(iso: string | null | undefined): string {
  const p = iso ? parts(iso) : null;
  return p ? `${p.d}/${p.m}/${p.y}` : '—';
}

/** The `YYYY-MM-DDTHH:mm` value of a datetime-local input showing this instant in Vietnam time. */
export function toVietnamInputValue(iso: string): string {
  const v = new Date(Date.parse(iso) + VIETNAM_OFFSET_MS);
  return v.toISOString().slice(0, 16);
}

/**
 * The instant (ISO UTC) of a datetime-local value read as Vietnam time.
 * @returns null when the value is not `YYYY-MM-DDTHH:mm`.
 */
export function fromVietnamInputValue(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(value)) return null;
  const ms = Date.parse(`${value}:00.000Z`) - VIETNAM_OFFSET_MS;
  return Number.isFinite(ms) ? new Date(ms).toISOString() : null;
}
