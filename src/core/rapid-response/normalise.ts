/**
 * Matching keys for reports of false information (issue "Rapid-response desk", item 2):
 * reports about the same URL — after normalising it — or the same claim text — after folding
 * Vietnamese text — join one case. Pure functions, no I/O.
 */
import { ValidationError } from '../errors.ts';
import { foldText, normalizeText } from '../text/index.ts';

/** Longest accepted report URL, in characters. */
export const MAX_REPORT_URL_LENGTH = 2000;

/**
 * Query parameters that only say where a click came from (ad and share trackers); they never
 * change the page shown, so they are dropped before comparing links. `utm_*` is matched by
 * prefix. Sources: Google Analytics campaign parameters, Facebook (fbclid, mibextid, __tn__,
 * __cft__), Google Ads (gclid, dclid, gbraid, wbraid), Microsoft (msclkid), Yandex (yclid,
 * ysclid), Zalo (zarsrc, zaloid), Instagram (igshid, igsh), TikTok (ttclid), X (twclid),
 * Mailchimp (mc_cid, mc_eid), HubSpot (_hsenc, _hsmi), Marketo (mkt_tok), LinkedIn (li_fat_id).
 */
export const TRACKING_PARAMETERS: ReadonlySet<string> = new Set([
  'fbclid', 'mibextid', '__tn__', '__cft__', 'gclid', 'gclsrc', 'dclid', 'gbraid', 'wbraid', 'msclkid', 'yclid', 'ysclid',
  'zarsrc', 'zaloid', 'igshid', 'igsh', 'ttclid', 'twclid', 'mc_cid', 'mc_eid', '_hsenc', '_hsmi', 'mkt_tok', 'li_fat_id',
  'ref_src', 'ref_url', '_ga', '_gl',
]);

function isTrackingParameter(name: string): boolean {
  const n = name.toLowerCase();
  return n.startsWith('utm_') || TRACKING_PARAMETERS.has(n);
}

/**
 * The key under which links to the same item compare equal: scheme and host lower-cased,
 * `http` treated as `https`, a leading `www.`, `m.` or `mobile.` dropped, the default port dropped, the fragment
 * dropped, tracking parameters ({@link TRACKING_PARAMETERS}, `utm_*`) dropped, the remaining
 * query parameters sorted (by name, then value), and trailing slashes of the path dropped
 * (the bare host has no slash). `http://www.Example.vn/tin/?utm_source=zalo&b=2&a=1#top` →
 * `https://example.vn/tin?a=1&b=2`.
 *
 * Does not follow redirects or decode shorteners: it compares what reporters paste, without
 * network access.
 *
 * @param url what the reporter gave (surrounding spaces ignored)
 * @returns the normalised URL (at most {@link MAX_REPORT_URL_LENGTH} characters in)
 * @throws ValidationError naming `url` when it is empty, too long, not a URL, or not http(s).
 */
export function normaliseReportUrl(url: string, field = 'url'): string {
  const raw = normalizeText(String(url ?? '')).trim();
  if (!raw) throw new ValidationError([{ path: field, message: 'cần ghi đường dẫn (http:// hoặc https://) tới nội dung' }]);
  if (raw.length > MAX_REPORT_URL_LENGTH) throw new ValidationError([{ path: field, message: `đường dẫn dài quá ${MAX_REPORT_URL_LENGTH} ký tự` }]);
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new ValidationError([{ path: field, message: 'không phải đường dẫn hợp lệ; hãy dán đầy đủ địa chỉ bắt đầu bằng http:// hoặc https://' }]);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new ValidationError([{ path: field, message: 'chỉ nhận đường dẫn http:// hoặc https://' }]);
  }
  if (!parsed.hostname) throw new ValidationError([{ path: field, message: 'đường dẫn thiếu tên miền' }]);
  // `www.`, and the mobile hosts `m.` / `mobile.` (m.facebook.com is facebook.com), name the same page.
  const host = parsed.hostname.toLowerCase().replace(/\.$/, '').replace(/^(?:www|m|mobile)\./, '');
  const port = parsed.port && parsed.port !== '80' && parsed.port !== '443' ? `:${parsed.port}` : '';
  const params = [...parsed.searchParams.entries()].filter(([name]) => !isTrackingParameter(name));
  params.sort(([a, av], [b, bv]) => (a < b ? -1 : a > b ? 1 : av < bv ? -1 : av > bv ? 1 : 0));
  const query = params.length ? `?${new URLSearchParams(params).toString()}` : '';
  const path = parsed.pathname.replace(/\/+$/, '');
  return `https://${host}${port}${path}${query}`;
}

/**
 * The key under which claims compare equal: NFC, diacritics folded, đ→d, lower case, every run
 * of white space one space, trimmed ("Bộ Y tế  THU HỒI thuốc" → "bo y te thu hoi thuoc").
 * Punctuation and digits are kept: two claims join only when their words are the same.
 * @param text the claim as written
 * @returns the folded claim ('' for empty text)
 */
export function foldClaim(text: string): string {
  return foldText(String(text ?? '')).replace(/\s+/gu, ' ').trim();
}
