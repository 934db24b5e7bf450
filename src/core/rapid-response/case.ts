/**
 * The rapid-response desk's vocabulary (issue "Rapid-response desk"; DESIGN.md §2.4): case
 * states and the moves between them, claim categories, priorities with their answer deadlines,
 * and the rating scale. Data and pure rules only.
 */

/**
 * Case states: new → triaged → verifying → rated → answered → closed, plus
 * `out_of_remit` (not this agency's: forwarded to another, recorded) and `merged` (joined into
 * another case by hand).
 */
export const CASE_STATES = ['new', 'triaged', 'verifying', 'rated', 'answered', 'closed', 'out_of_remit', 'merged'] as const;
export type CaseState = (typeof CASE_STATES)[number];

/** Vietnamese labels of the states (desk screens, the reporter's tracking page). */
export const CASE_STATE_LABELS: Record<CaseState, string> = {
  new: 'Mới tiếp nhận',
  triaged: 'Đã phân loại',
  verifying: 'Đang xác minh',
  rated: 'Đã kết luận',
  answered: 'Đã có thông tin phản bác',
  closed: 'Đã đóng',
  out_of_remit: 'Không thuộc thẩm quyền (đã chuyển cơ quan khác)',
  merged: 'Đã gộp vào vụ việc khác',
};

/**
 * The moves a desk may make by hand. `answered` is never a hand move: only the publication of
 * the linked rebuttal reaches it (core/rapid-response/answer-case.ts), so the reporter's
 * tracking page and the desk's figures never count an answer nobody can read.
 */
export const CASE_TRANSITIONS: Record<CaseState, readonly CaseState[]> = {
  new: ['triaged', 'verifying', 'out_of_remit', 'closed'],
  triaged: ['verifying', 'out_of_remit', 'closed'],
  verifying: ['rated', 'out_of_remit', 'closed'],
  rated: ['verifying', 'closed'],
  answered: ['closed'],
  closed: ['verifying'],
  out_of_remit: ['triaged'],
  merged: [],
};

/** Whether a case may move from `from` to `to`. */
export function canMoveCase(from: CaseState, to: CaseState): boolean {
  return CASE_TRANSITIONS[from].includes(to);
}

/** Claim categories, with Vietnamese labels. */
export const CASE_CATEGORIES = {
  policy_law: 'Chính sách, pháp luật',
  economy_finance: 'Kinh tế, tài chính',
  health_medicines: 'Y tế, thuốc',
  disasters_epidemics: 'Thiên tai, dịch bệnh',
  security_order: 'An ninh, trật tự',
  impersonation: 'Tài khoản giả mạo, mạo danh',
  phishing: 'Đường dẫn lừa đảo',
  other: 'Khác',
} as const;
export type CaseCategory = keyof typeof CASE_CATEGORIES;

/**
 * Priorities and the default hours to the first official answer: serious incidents 12 h, the
 * rest 24 h (configurable: CONG_RR_DEADLINE_HOURS_SERIOUS / _NORMAL).
 */
export const CASE_PRIORITIES = {
  serious: 'Nghiêm trọng',
  normal: 'Thông thường',
} as const;
export type CasePriority = keyof typeof CASE_PRIORITIES;
export const DEFAULT_DEADLINE_HOURS: Record<CasePriority, number> = { serious: 12, normal: 24 };

/**
 * The deadline of a case: its first report's time plus the hours its priority allows.
 * @param firstSeenAt when the claim was first reported (instant)
 * @param hours hours per priority (config), default {@link DEFAULT_DEADLINE_HOURS}
 * @returns the instant the first official answer is due
 */
export function caseDeadline(firstSeenAt: Date, priority: CasePriority, hours: Record<CasePriority, number> = DEFAULT_DEADLINE_HOURS): Date {
  return new Date(firstSeenAt.getTime() + hours[priority] * 3_600_000);
}

/**
 * The rating scale, worst first. `value` is the schema.org `reviewRating.ratingValue` on a
 * 1–5 scale (`worstRating` 1, `bestRating` 5), `label` its `alternateName`.
 */
export const RATINGS = [
  { key: 'fake', label: 'Tin giả', value: 1, description: 'Thông tin bịa đặt hoàn toàn, có chủ đích gây hiểu lầm.' },
  { key: 'false', label: 'Tin sai sự thật', value: 2, description: 'Thông tin sai với sự thật đã được xác minh.' },
  { key: 'partly_false', label: 'Sai một phần', value: 3, description: 'Có phần đúng nhưng có chi tiết sai hoặc bị cắt xén gây hiểu lầm.' },
  { key: 'unverified', label: 'Chưa kiểm chứng', value: 4, description: 'Chưa đủ căn cứ để kết luận đúng hay sai.' },
  { key: 'true', label: 'Tin xác thực', value: 5, description: 'Thông tin đúng với sự thật.' },
] as const;
export type RatingKey = (typeof RATINGS)[number]['key'];

/** The rating with this key, or undefined. */
export function ratingOf(key: string | null | undefined): (typeof RATINGS)[number] | undefined {
  return RATINGS.find((r) => r.key === key);
}
