/** Shapes of the rapid-response desk's admin API answers (GET/POST /rapid-response/…). */

export type CaseState = 'new' | 'triaged' | 'verifying' | 'rated' | 'answered' | 'closed' | 'out_of_remit' | 'merged';

/** GET /rapid-response/desk: the desk's vocabulary and what the signed-in person may do there. */
export interface Desk {
  deskSite: { id: number; key: string; name: string };
  categories: { key: string; label: string }[];
  priorities: { key: string; label: string; deadlineHours: number }[];
  ratings: { key: string; label: string; value: number; description: string }[];
  states: { key: CaseState; label: string }[];
  allowedActions: string[];
}

/** One case in the queue. */
export interface CaseSummary {
  id: number;
  code: string;
  title: string;
  claimText: string;
  category: string;
  categoryLabel: string;
  priority: string;
  priorityLabel: string;
  state: CaseState;
  stateLabel: string;
  firstSeenAt: string;
  deadlineAt: string;
  overdue: boolean;
  reportCount: number;
  organisation: { id: number; name: string } | null;
  assignee: { id: number; name: string } | null;
  rating: { key: string; label: string; value: number } | null;
  rebuttal: { articleId: number; title: string; state: string; publicUrl: string | null } | null;
}

/** GET /rapid-response/cases. */
export interface CaseList {
  items: CaseSummary[];
  total: number;
  page: number;
  pageSize: number;
  countsByState: Partial<Record<CaseState, number>>;
  overdueCount: number;
}

/** One report of a case (contact details only for the desk). */
export interface CaseReport {
  id: number;
  trackingCode: string;
  channel: string;
  channelLabel?: string;
  site: { id: number; name: string } | null;
  url: string | null;
  whereSeen: string | null;
  description: string;
  contact?: { name: string | null; email: string | null; phone: string | null } | null;
  files: { id: number; url: string; width: number; height: number }[];
  createdAt: string;
}

/** One entry of a case's history. */
export interface CaseEvent {
  action: string;
  fromState: string | null;
  toState: string | null;
  actorLabel: string;
  note: string | null;
  at: string;
}

/** GET /rapid-response/cases/:id. */
export interface CaseDetail extends CaseSummary {
  normalizedUrl: string | null;
  ratingNote: string | null;
  ratedAt: string | null;
  ratedBy: { id: number; name: string } | null;
  answeredAt: string | null;
  forwardedTo: string | null;
  forwardNote: string | null;
  mergedInto: { id: number; code: string } | null;
  reports: CaseReport[];
  events: CaseEvent[];
  allowedActions: string[];
  /** States the person may move the case to by hand now (`POST …/move`). */
  allowedMoves?: CaseState[];
}

/** The time figures of a group of cases (minutes; null when there is no data). */
export interface Figures {
  cases: number;
  rated: number;
  answered: number;
  toRatingMedianMinutes: number | null;
  toRatingP90Minutes: number | null;
  toAnswerMedianMinutes: number | null;
  toAnswerP90Minutes: number | null;
}

/** GET /rapid-response/figures. */
export interface FiguresAnswer {
  months: string[];
  overall: Figures;
  byOrganisation: { organisation: { id: number; name: string } | null; figures: Figures }[];
  byMonth: { month: string; figures: Figures }[];
}

/**
 * The moves a desk may make by hand from each state (the server's rule: core rapid-response
 * CASE_TRANSITIONS; the server refuses any other with 409). `rated` is reached through the
 * rating dialog, not a plain move.
 */
export const CASE_MOVES: Record<CaseState, CaseState[]> = {
  new: ['triaged', 'verifying', 'out_of_remit', 'closed'],
  triaged: ['verifying', 'out_of_remit', 'closed'],
  verifying: ['rated', 'out_of_remit', 'closed'],
  rated: ['verifying', 'answered', 'closed'],
  answered: ['closed'],
  closed: ['verifying'],
  out_of_remit: ['triaged'],
  merged: [],
};

/** States in which a case is still open (its deadline still counts). */
export const OPEN_STATES: CaseState[] = ['new', 'triaged', 'verifying', 'rated'];
