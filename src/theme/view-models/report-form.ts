/**
 * The public report form ("Phản ánh thông tin sai sự thật", `/:site/phan-anh-thong-tin-sai`)
 * and the reporter's tracking page (`…/theo-doi?ma=CODE`): their paths, field names and
 * limits, reading the posted fields into values and field-named Vietnamese errors, and what
 * the pages show. The form works without JavaScript (a plain POST, multipart when screenshots
 * are attached); the rules the desk relies on are checked again by the core
 * (core/rapid-response/intake.ts), this module only gives the reader early, field-tied answers.
 */
import type { FieldIssue } from '../../core/errors.ts';
import { MAX_DESCRIPTION_LENGTH, MAX_REPORT_FILE_BYTES, MAX_REPORT_FILES } from '../../core/rapid-response/intake.ts';
import { normaliseTrackingCode, type TrackedReport } from '../../core/rapid-response/tracking.ts';
import { formatDateTime, toOffsetIso } from '../../core/text/index.ts';

/** Path word of the report form under a site (`/langson/phan-anh-thong-tin-sai`). */
export const REPORT_PATH = 'phan-anh-thong-tin-sai';
/** Path word of the tracking page under the form (`…/phan-anh-thong-tin-sai/theo-doi`). */
export const TRACKING_PATH = 'theo-doi';
/** Query parameter of the tracking code on the tracking page (`?ma=PA-…`). */
export const TRACKING_PARAM = 'ma';

/** The form's field names as posted (Vietnamese, ASCII). */
export const REPORT_FIELDS = {
  url: 'duong-dan',
  whereSeen: 'noi-thay',
  whereSeenOther: 'noi-thay-khac',
  description: 'mo-ta',
  files: 'anh',
  contactName: 'ho-ten',
  contactEmail: 'email',
  contactPhone: 'dien-thoai',
  /** The honeypot: hidden from people and assistive technology; only robots fill it. */
  trap: 'trang-ca-nhan',
} as const;

/** The fields an error can be tied to (the honeypot never gets one). */
export type ReportFieldKey = Exclude<keyof typeof REPORT_FIELDS, 'trap'>;

/** Limits of the form (the core enforces the same for the URL, description and files). */
export const REPORT_LIMITS = {
  urlLength: 2000,
  /** Characters (Unicode code points, after NFC). */
  descriptionLength: MAX_DESCRIPTION_LENGTH,
  whereSeenOtherLength: 200,
  contactNameLength: 200,
  contactEmailLength: 200,
  contactPhoneLength: 30,
  files: MAX_REPORT_FILES,
  /** Bytes per screenshot. */
  fileBytes: MAX_REPORT_FILE_BYTES,
} as const;

/** "Where it was seen": the choices of the select, with what goes into the report. */
export const WHERE_SEEN_OPTIONS = [
  { value: 'facebook', label: 'Facebook' },
  { value: 'zalo', label: 'Zalo' },
  { value: 'tiktok', label: 'TikTok' },
  { value: 'youtube', label: 'YouTube' },
  { value: 'website', label: 'Trang web, báo điện tử' },
  { value: 'other', label: 'Nơi khác' },
] as const;

/** Field ids in the page (labels, `aria-describedby`, links of the error summary). */
export const REPORT_FIELD_IDS: Record<ReportFieldKey | 'trap', string> = {
  url: 'pa-duong-dan',
  whereSeen: 'pa-noi-thay',
  whereSeenOther: 'pa-noi-thay-khac',
  description: 'pa-mo-ta',
  files: 'pa-anh',
  contactName: 'pa-ho-ten',
  contactEmail: 'pa-email',
  contactPhone: 'pa-dien-thoai',
  trap: 'pa-trang-ca-nhan',
};

/** The labels of the fields, as the reader sees them (also used in error messages). */
export const REPORT_FIELD_LABELS: Record<ReportFieldKey, string> = {
  url: 'Đường dẫn đến thông tin',
  whereSeen: 'Nơi bạn thấy thông tin',
  whereSeenOther: 'Cụ thể hơn (tên nhóm, trang, kênh…)',
  description: 'Mô tả',
  files: 'Ảnh chụp màn hình',
  contactName: 'Họ và tên',
  contactEmail: 'Thư điện tử',
  contactPhone: 'Số điện thoại',
};

/** The text values of the form, as typed (kept when the form comes back with errors). */
export interface ReportFormValues {
  url: string;
  whereSeen: string;
  whereSeenOther: string;
  description: string;
  contactName: string;
  contactEmail: string;
  contactPhone: string;
}

/** An empty form. */
export const EMPTY_REPORT_VALUES: ReportFormValues = { url: '', whereSeen: '', whereSeenOther: '', description: '', contactName: '', contactEmail: '', contactPhone: '' };

/** What {@link readReportForm} found in a post. */
export interface ReportFormReading {
  values: ReportFormValues;
  /** Field-named problems, in the form's order; empty when the text fields are acceptable. */
  issues: FieldIssue[];
  /** True when the honeypot was filled: answer as if it worked and store nothing. */
  trapped: boolean;
}

/** Code points, not UTF-16 units: "ầ" counts once, as the reader counts it. */
function charCount(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** The first string of a posted value (a repeated field gives an array; anything else is ''). */
function firstString(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return typeof value[0] === 'string' ? value[0] : '';
  return '';
}

/**
 * Reads the posted text fields (already NFC) into the form's values and checks them.
 * Multipart fields cut at the parser's size limit are named in `truncated` and reported as
 * too long. Field names are {@link REPORT_FIELDS}; issue paths are {@link ReportFieldKey}s.
 *
 * Rules: the URL is required, at most 2,000 characters, an absolute http(s) address with a
 * host; "where seen" is one of {@link WHERE_SEEN_OPTIONS} or empty; the description is
 * required, at most 5,000 characters; the contact details are optional, the e-mail must look
 * like one (something@domain.tld), the phone holds 6–30 digits, spaces and `( ) . -`, with an optional leading `+`.
 */
export function readReportForm(fields: Record<string, unknown>, truncated: ReadonlySet<string> = new Set()): ReportFormReading {
  const raw = (name: string): string => firstString(fields[name]);
  const values: ReportFormValues = {
    url: raw(REPORT_FIELDS.url).trim(),
    whereSeen: raw(REPORT_FIELDS.whereSeen).trim(),
    whereSeenOther: raw(REPORT_FIELDS.whereSeenOther).trim(),
    description: raw(REPORT_FIELDS.description).replace(/\r\n?/g, '\n').trim(),
    contactName: raw(REPORT_FIELDS.contactName).trim(),
    contactEmail: raw(REPORT_FIELDS.contactEmail).trim(),
    contactPhone: raw(REPORT_FIELDS.contactPhone).trim(),
  };
  const trapped = raw(REPORT_FIELDS.trap).trim() !== '';
  const issues: FieldIssue[] = [];
  const add = (path: ReportFieldKey, message: string) => issues.push({ path, message });
  const tooLong = (key: ReportFieldKey, max: number) =>
    truncated.has(REPORT_FIELDS[key]) || charCount(values[key as keyof ReportFormValues]) > max
      ? `${REPORT_FIELD_LABELS[key]} dài quá ${max.toLocaleString('vi-VN')} ký tự (hiện có ${charCount(values[key as keyof ReportFormValues]).toLocaleString('vi-VN')}${truncated.has(REPORT_FIELDS[key]) ? ' trở lên' : ''}). Hãy rút gọn.`
      : null;

  if (values.url === '') add('url', 'Hãy nhập đường dẫn (địa chỉ trang web) của thông tin bạn muốn phản ánh, bắt đầu bằng http:// hoặc https://.');
  else {
    const long = tooLong('url', REPORT_LIMITS.urlLength);
    if (long) add('url', long);
    else if (!isHttpUrl(values.url)) add('url', 'Đường dẫn phải là một địa chỉ trang web đầy đủ, bắt đầu bằng http:// hoặc https://, ví dụ https://www.facebook.com/…');
  }
  if (values.whereSeen !== '' && !WHERE_SEEN_OPTIONS.some((o) => o.value === values.whereSeen)) add('whereSeen', 'Hãy chọn một nơi trong danh sách.');
  const otherLong = tooLong('whereSeenOther', REPORT_LIMITS.whereSeenOtherLength);
  if (otherLong) add('whereSeenOther', otherLong);
  if (values.description === '') add('description', 'Hãy mô tả thông tin bạn cho là sai sự thật và vì sao.');
  else {
    const long = tooLong('description', REPORT_LIMITS.descriptionLength);
    if (long) add('description', long);
  }
  const nameLong = tooLong('contactName', REPORT_LIMITS.contactNameLength);
  if (nameLong) add('contactName', nameLong);
  if (values.contactEmail !== '') {
    const long = tooLong('contactEmail', REPORT_LIMITS.contactEmailLength);
    if (long) add('contactEmail', long);
    else if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(values.contactEmail)) add('contactEmail', 'Địa chỉ thư điện tử chưa đúng dạng, ví dụ ten@example.vn. Có thể để trống.');
  }
  if (values.contactPhone !== '') {
    const long = tooLong('contactPhone', REPORT_LIMITS.contactPhoneLength);
    if (long) add('contactPhone', long);
    else if (!/^\+?[0-9 ().-]{6,30}$/.test(values.contactPhone)) {
      add('contactPhone', 'Số điện thoại chỉ gồm chữ số, dấu cách và các dấu ( ) . - (có thể có dấu + ở đầu), ví dụ 0912 345 678. Có thể để trống.');
    }
  }
  return { values, issues: sortIssues(issues), trapped };
}

/** Whether a string is an absolute http or https URL with a host. */
export function isHttpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
  } catch {
    return false;
  }
}

const FIELD_ORDER: ReportFieldKey[] = ['url', 'whereSeen', 'whereSeenOther', 'description', 'files', 'contactName', 'contactEmail', 'contactPhone'];

/** Issues in the order of the form's fields, one per field (the first found). */
export function sortIssues(issues: readonly FieldIssue[]): FieldIssue[] {
  const seen = new Set<string>();
  return FIELD_ORDER.flatMap((key) => {
    const found = issues.find((i) => i.path === key);
    if (!found || seen.has(key)) return [];
    seen.add(key);
    return [found];
  });
}

/**
 * The form field an issue from the core belongs to: the core names `url`, `whereSeen`,
 * `description`, `contactName`, `contactEmail`, `contactPhone`, `files` or `files.N…`/`file`;
 * anything else is shown against the description (the report as a whole).
 */
export function reportFieldOf(path: string): ReportFieldKey {
  const head = path.split('.')[0]!;
  if (head === 'file' || head === 'files') return 'files';
  return (FIELD_ORDER as string[]).includes(head) ? (head as ReportFieldKey) : 'description';
}

/** What goes into the report's "where seen": the choice's label, and the reader's detail. */
export function whereSeenText(values: ReportFormValues): string | undefined {
  const option = WHERE_SEEN_OPTIONS.find((o) => o.value === values.whereSeen);
  const parts = [option?.label, values.whereSeenOther].filter((s): s is string => !!s);
  return parts.length ? parts.join(': ') : undefined;
}

/** A message as a sentence: the core's messages are fragments ("dài quá 5000 ký tự"). */
function sentence(message: string): string {
  const m = message.trim();
  const capitalised = m.charAt(0).toLocaleUpperCase('vi-VN') + m.slice(1);
  return /[.!?…]$/.test(capitalised) ? capitalised : `${capitalised}.`;
}

/** One line of the error summary, linking to its field. */
export interface ErrorSummaryItem {
  href: string;
  text: string;
}

/** What the form page shows. */
export interface ReportFormView {
  action: string;
  trackingUrl: string;
  values: ReportFormValues;
  /** Error message per field (absent when the field is fine). */
  errors: Partial<Record<ReportFieldKey, string>>;
  /** The summary at the top, in the order of the fields; empty without errors. */
  summary: ErrorSummaryItem[];
  /** True when screenshots were sent with a post that came back: they must be chosen again. */
  filesDropped: boolean;
}

/**
 * Builds the form page's view.
 * @param action the form's URL (`/langson/phan-anh-thong-tin-sai` or `/phan-anh-thong-tin-sai`)
 * @param issues field-named problems (paths are {@link ReportFieldKey}s or core paths)
 */
export function buildReportFormView(action: string, values: ReportFormValues = EMPTY_REPORT_VALUES, issues: readonly FieldIssue[] = [], filesDropped = false): ReportFormView {
  const byField = sortIssues(issues.map((i) => ({ path: reportFieldOf(i.path), message: sentence(i.message) })));
  const errors: Partial<Record<ReportFieldKey, string>> = {};
  for (const issue of byField) errors[issue.path as ReportFieldKey] = issue.message;
  return {
    action,
    trackingUrl: `${action}/${TRACKING_PATH}`,
    values,
    errors,
    summary: byField.map((i) => ({ href: `#${REPORT_FIELD_IDS[i.path as ReportFieldKey]}`, text: `${REPORT_FIELD_LABELS[i.path as ReportFieldKey]}: ${i.message}` })),
    filesDropped: filesDropped && byField.length > 0,
  };
}

/** What the page after sending shows. */
export interface ReportSentView {
  /** `received`: stored now; `duplicate`: the same report came within 24 hours and was not stored again. */
  kind: 'received' | 'duplicate';
  trackingCode: string;
  /** The tracking page with the code filled in. */
  trackingUrl: string;
  formUrl: string;
}

/** Builds the view of the page after sending. */
export function buildReportSentView(formUrl: string, kind: ReportSentView['kind'], trackingCode: string): ReportSentView {
  return { kind, trackingCode, trackingUrl: trackingLink(formUrl, trackingCode), formUrl };
}

/** The tracking page's URL for a code. */
export function trackingLink(formUrl: string, code: string): string {
  return `${formUrl}/${TRACKING_PATH}?${TRACKING_PARAM}=${encodeURIComponent(code)}`;
}

/** What the tracking page shows. */
export interface TrackingView {
  action: string;
  formUrl: string;
  /** The code as typed (kept in the field). */
  code: string;
  /** `empty`: no code asked; `found`; `unknown`: no report has this code; `invalid`: not a code at all. */
  outcome: 'empty' | 'found' | 'unknown' | 'invalid';
  report: { code: string; stateLabel: string; state: string; received: { datetime: string; text: string }; answered: { title: string; url: string } | null } | null;
}

/** Longest code kept in the field (codes are 10 characters; spaces and hyphens are allowed). */
export const MAX_TRACKING_CODE_LENGTH = 40;

/**
 * Reads the tracking code from the query (`?ma=`). `code` is the form the core looks up
 * (upper-cased, spaces and hyphens removed: codes are read aloud and retyped), null when what
 * was typed cannot be a code; `typed` is kept for the field.
 */
export function readTrackingCode(query: unknown): { code: string | null; typed: string } {
  const q = (query && typeof query === 'object' ? query : {}) as Record<string, unknown>;
  const typed = firstString(q[TRACKING_PARAM]).trim().slice(0, MAX_TRACKING_CODE_LENGTH);
  return { code: typed === '' ? null : normaliseTrackingCode(typed), typed };
}

/**
 * Builds the tracking page's view.
 * @param absolute turns the rebuttal's path (on the network's default host) into a URL that
 *   works from this site's host
 */
export function buildTrackingView(formUrl: string, typed: string, outcome: TrackingView['outcome'], report: TrackedReport | null, absolute: (path: string) => string = (p) => p): TrackingView {
  return {
    action: `${formUrl}/${TRACKING_PATH}`,
    formUrl,
    code: typed,
    outcome,
    report: report
      ? {
          code: report.code,
          state: report.state,
          stateLabel: report.stateLabel,
          received: { datetime: toOffsetIso(report.receivedAt), text: formatDateTime(report.receivedAt) },
          answered: report.answered ? { title: report.answered.title, url: report.answered.url.startsWith('/') ? absolute(report.answered.url) : report.answered.url } : null,
        }
      : null,
  };
}
