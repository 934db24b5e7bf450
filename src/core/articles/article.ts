/**
 * Articles (tin, bài): types and pure rules. `type` says what kind of content item it is;
 * `state` is its place in the editorial workflow (DESIGN.md §2.1).
 */

/** Workflow states, DESIGN.md §2.1. The workflow commands that move between them come later. */
export const ARTICLE_STATES = [
  'draft', // Nháp
  'submitted', // Chờ biên tập
  'pending_approval', // Chờ duyệt
  'scheduled', // Hẹn giờ
  'published', // Đã đăng
  'returned', // Trả lại
  'rejected', // Không sử dụng
  'withdrawn', // Đã gỡ
] as const;
export type ArticleState = (typeof ARTICLE_STATES)[number];

/** Vietnamese labels of the states, as editors see them. */
export const ARTICLE_STATE_LABELS: Record<ArticleState, string> = {
  draft: 'Nháp',
  submitted: 'Chờ biên tập',
  pending_approval: 'Chờ duyệt',
  scheduled: 'Hẹn giờ',
  published: 'Đã đăng',
  returned: 'Trả lại',
  rejected: 'Không sử dụng',
  withdrawn: 'Đã gỡ',
};

/** Content types. `document` is the text of a legal or administrative document. */
export const ARTICLE_TYPES = ['news', 'press_release', 'rebuttal', 'document', 'brief', 'page'] as const;
export type ArticleType = (typeof ARTICLE_TYPES)[number];

/** Vietnamese labels of the types. */
export const ARTICLE_TYPE_LABELS: Record<ArticleType, string> = {
  news: 'Tin tức',
  press_release: 'Thông cáo báo chí',
  rebuttal: 'Thông tin phản bác',
  document: 'Văn bản',
  brief: 'Điểm tin',
  page: 'Trang',
};

/** `minute`: the time of publication is known; `day`: only the date is (show no time). */
export type PublishedPrecision = 'minute' | 'day';
