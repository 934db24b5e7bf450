/** Shapes of the article API answers the editor uses (see src/server/routes/admin-api/articles/article.presenter.ts). */
import type { ArticleState } from '../../api/types.ts';

/** One workflow event (GET /articles/:id `events`). */
export interface ArticleEventItem {
  id: number;
  action: string;
  fromState: ArticleState;
  toState: ArticleState;
  reason: string | null;
  actorLabel: string;
  at: string;
  [key: string]: unknown;
}

/** GET /articles/:id. */
export interface EditorArticle {
  id: number;
  siteId: number;
  siteKey: string | null;
  type: string;
  state: ArticleState;
  revision: number;
  title: string;
  lead: string | null;
  body: string;
  byline: string | null;
  sourceName: string | null;
  sourceUrl: string | null;
  sourceOrganisationId: number | null;
  slug: string;
  publicUrl: string | null;
  categoryIds: number[];
  tagNames: string[];
  cover: { mediaId: number | null; alt: string | null; caption: string | null };
  publishedAt: string | null;
  author: { id: number; name: string | null } | null;
  assignee: { id: number; name: string | null } | null;
  scheduleError: string | null;
  updatedAt: string;
  lastReason?: { action: string; reason: string; by: string; at: string } | null;
  events?: ArticleEventItem[];
  origin?: unknown;
  followsOrigin?: boolean;
  allowedActions: string[];
}

/** What a stale save answers in `current` (409). */
export interface ConflictCurrent {
  article: { id: number; revision: number; state: ArticleState; title: string; lead: string | null; body: string; updatedAt: string };
  savedBy: string | null;
  savedAt: string | null;
}

/** The editable fields as the form holds them. */
export interface ArticleForm {
  type: string;
  title: string;
  lead: string;
  body: string;
  byline: string;
  sourceOrganisationId: number | null;
  sourceUrl: string;
  categoryIds: number[];
  tags: string;
  coverMediaId: number | null;
  coverUrl: string | null;
  coverAlt: string;
  coverCaption: string;
}

/** The article types, in the order the newsroom offers them. */
export const ARTICLE_TYPES = ['news', 'press_release', 'rebuttal', 'document', 'brief', 'page'] as const;

/** Form values of a loaded article. */
export function formOf(article: EditorArticle, coverUrl: string | null = null): ArticleForm {
  return {
    type: article.type,
    title: article.title,
    lead: article.lead ?? '',
    body: article.body,
    byline: article.byline ?? '',
    sourceOrganisationId: article.sourceOrganisationId,
    sourceUrl: article.sourceUrl ?? '',
    categoryIds: article.categoryIds,
    tags: article.tagNames.join(', '),
    coverMediaId: article.cover.mediaId,
    coverUrl,
    coverAlt: article.cover.alt ?? '',
    coverCaption: article.cover.caption ?? '',
  };
}

/** The save body (PUT /articles/:id without `revision`) of the form's values. */
export function changesOf(form: ArticleForm) {
  return {
    type: form.type,
    title: form.title,
    lead: form.lead,
    body: form.body,
    byline: form.byline,
    sourceOrganisationId: form.sourceOrganisationId,
    sourceUrl: form.sourceUrl.trim(),
    categoryIds: form.categoryIds,
    tagNames: form.tags
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean),
    coverMediaId: form.coverMediaId,
    coverAlt: form.coverMediaId ? form.coverAlt : null,
    coverCaption: form.coverMediaId ? form.coverCaption : null,
  };
}

/**
 * Only what changed between two forms, as a save body: a save (and above all "keep mine" after
 * a conflict) then never puts back fields someone else changed meanwhile and this person did not
 * touch. The cover's image, alt text and caption travel together.
 * @returns the changed fields (empty when nothing changed)
 */
export function changedFields(base: ArticleForm, next: ArticleForm): Partial<ReturnType<typeof changesOf>> {
  const before = changesOf(base);
  const after = changesOf(next);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(after) as (keyof typeof after)[]) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) out[key] = after[key];
  }
  if ('coverMediaId' in out || 'coverAlt' in out || 'coverCaption' in out) {
    out.coverMediaId = after.coverMediaId;
    out.coverAlt = after.coverAlt;
    out.coverCaption = after.coverCaption;
  }
  return out as Partial<ReturnType<typeof changesOf>>;
}

/** Endpoint path of each workflow action (`allowedActions` name → `POST /articles/:id/<path>`). */
export const TRANSITION_PATHS: Record<string, string> = {
  submit: 'submit',
  take: 'take',
  send_for_approval: 'send-for-approval',
  return: 'return',
  reject: 'reject',
  approve: 'approve',
  schedule: 'schedule',
  unschedule: 'unschedule',
  withdraw: 'withdraw',
  republish: 'republish',
  correct: 'correct',
};
