/**
 * Revisions (issue "Newsroom core", item 5): every save of an article's content is a full
 * snapshot — title, lead, body and the other editable fields (metadata) — with who saved it
 * and when, so any two can be compared and an old one restored as a new revision.
 */
import type { DiffPart } from './word-diff.ts';
import type { BlockDiff } from './body-diff.ts';

/**
 * The editable fields of an article besides title, lead and body, as the save command records
 * them. Stored as JSON; keys the save command adds later are kept and compared too.
 */
export interface RevisionMetadata {
  type?: string;
  byline?: string | null;
  sourceName?: string | null;
  sourceUrl?: string | null;
  sourceOrganisationId?: number | null;
  categoryIds?: number[];
  tagNames?: string[];
  coverMediaId?: number | null;
  coverCaption?: string | null;
  coverAlt?: string | null;
  featured?: boolean | number;
  [key: string]: unknown;
}

/** One revision in a history list (no content). */
export interface RevisionSummary {
  revision: number;
  authorUserId: number | null;
  /** Who saved it, as shown to editors: a person's name, `API: …`, `Hệ thống (…)`. */
  authorLabel: string;
  /** ISO 8601 UTC instant. */
  createdAt: string;
  /** Why it exists when it is not a plain save: `restore of 3`, `correction`, `import`. */
  note: string | null;
}

/** One revision with its full content. */
export interface Revision extends RevisionSummary {
  articleId: number;
  title: string;
  lead: string | null;
  /** Stored (sanitised) body HTML. */
  body: string;
  metadata: RevisionMetadata;
}

/** The fields a comparison looks at, in the order it lists them. */
export const COMPARED_FIELDS = [
  'title',
  'lead',
  'body',
  'type',
  'byline',
  'sourceName',
  'sourceUrl',
  'sourceOrganisationId',
  'categoryIds',
  'tagNames',
  'coverMediaId',
  'coverCaption',
  'coverAlt',
  'featured',
] as const;

/** Vietnamese names of the compared fields, as the newsroom labels them. */
export const FIELD_LABELS: Record<string, string> = {
  title: 'Tiêu đề',
  lead: 'Sapo',
  body: 'Nội dung',
  type: 'Loại tin',
  byline: 'Tác giả',
  sourceName: 'Nguồn',
  sourceUrl: 'Địa chỉ nguồn',
  sourceOrganisationId: 'Cơ quan nguồn',
  categoryIds: 'Chuyên mục',
  tagNames: 'Thẻ',
  coverMediaId: 'Ảnh đại diện',
  coverCaption: 'Chú thích ảnh đại diện',
  coverAlt: 'Mô tả ảnh đại diện',
  featured: 'Tin nổi bật',
};

/** How one field changed between two revisions. */
export interface FieldChange {
  /** `title`, `lead`, `body` or a metadata key. */
  field: string;
  /** Vietnamese name of the field (the key itself for a field without one). */
  label: string;
  /** The diff as text runs: `equal` + `delete` give the old value, `equal` + `insert` the new. */
  parts: DiffPart[];
  /** The same diff as HTML with `<ins>`/`<del>`; every bit of article text is escaped. */
  html: string;
  /** For `body` only: the comparison block by block. */
  blocks?: BlockDiff[];
}

/** The comparison of two revisions of one article. */
export interface RevisionComparison {
  articleId: number;
  from: RevisionSummary;
  to: RevisionSummary;
  /** Only the fields that differ, in {@link COMPARED_FIELDS} order, then other metadata keys. */
  changes: FieldChange[];
}
