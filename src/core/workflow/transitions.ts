/**
 * The editorial workflow of DESIGN.md §2.1 as data: for each transition, the states it may
 * start from, the state it leads to, the policy action that guards it, whether a reason is
 * required, and who is told. Pure; the commands in workflow-commands.ts apply it.
 *
 *   draft ─submit→ submitted ─send_for_approval→ pending_approval ─approve→ published
 *   returned ─submit→ submitted      submitted|pending_approval ─schedule→ scheduled ─(time)→ published
 *   submitted|pending_approval ─return→ returned / ─reject→ rejected
 *   scheduled ─unschedule→ pending_approval;  published ─withdraw→ withdrawn ─republish→ published
 *   published ─correct→ published (a new revision with a public note)
 */
import type { ArticleState } from '../articles/article.ts';
import type { Action } from '../policy/policy.ts';

/** The transitions, each with its own command and endpoint. */
export const TRANSITIONS = [
  'submit',
  'take',
  'send_for_approval',
  'return',
  'reject',
  'approve',
  'schedule',
  'unschedule',
  'withdraw',
  'republish',
  'correct',
] as const;
export type Transition = (typeof TRANSITIONS)[number];

/** Who is told by e-mail after a transition (see core/notifications). */
export type NotificationKind = 'submitted' | 'sent_for_approval' | 'returned' | 'rejected' | 'published' | 'withdrawn';

/** One transition's rule. `to` null: the state does not change (take, correct). */
export interface TransitionRule {
  from: readonly ArticleState[];
  to: ArticleState | null;
  action: Action;
  reason: 'required' | 'optional' | 'none';
  notify: NotificationKind | null;
  /** Vietnamese name of the act, for events and messages. */
  label: string;
}

/** The rule of each transition (DESIGN.md §2.1, issue "Newsroom core" item 3). */
export const TRANSITION_RULES: Record<Transition, TransitionRule> = {
  submit: { from: ['draft', 'returned'], to: 'submitted', action: 'article.submit', reason: 'optional', notify: 'submitted', label: 'Gửi biên tập' },
  take: { from: ['submitted'], to: null, action: 'article.take', reason: 'none', notify: null, label: 'Nhận biên tập' },
  send_for_approval: { from: ['submitted'], to: 'pending_approval', action: 'article.send_for_approval', reason: 'optional', notify: 'sent_for_approval', label: 'Trình duyệt' },
  return: { from: ['submitted', 'pending_approval'], to: 'returned', action: 'article.return', reason: 'required', notify: 'returned', label: 'Trả lại' },
  reject: { from: ['submitted', 'pending_approval'], to: 'rejected', action: 'article.reject', reason: 'required', notify: 'rejected', label: 'Không sử dụng' },
  approve: { from: ['submitted', 'pending_approval'], to: 'published', action: 'article.approve_publish', reason: 'none', notify: 'published', label: 'Duyệt và đăng' },
  schedule: { from: ['submitted', 'pending_approval', 'scheduled'], to: 'scheduled', action: 'article.schedule', reason: 'none', notify: null, label: 'Hẹn giờ đăng' },
  unschedule: { from: ['scheduled'], to: 'pending_approval', action: 'article.unschedule', reason: 'optional', notify: null, label: 'Huỷ hẹn giờ' },
  withdraw: { from: ['published'], to: 'withdrawn', action: 'article.withdraw', reason: 'required', notify: 'withdrawn', label: 'Gỡ bài' },
  republish: { from: ['withdrawn'], to: 'published', action: 'article.republish', reason: 'optional', notify: 'published', label: 'Đăng lại' },
  correct: { from: ['published'], to: null, action: 'article.correct', reason: 'none', notify: null, label: 'Đính chính' },
};

/** The transitions possible from a state (before asking the policy). */
export function transitionsFrom(state: ArticleState): Transition[] {
  return TRANSITIONS.filter((t) => TRANSITION_RULES[t].from.includes(state));
}

/** The transition guarded by a policy action, if any (for presenters). */
export function transitionOfAction(action: Action): Transition | undefined {
  return TRANSITIONS.find((t) => TRANSITION_RULES[t].action === action);
}
