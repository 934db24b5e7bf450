/**
 * Comparing two revisions of an article (issue "Newsroom core", item 5): for every field that
 * differs — title, lead, body (as text, block by block) and the other editable fields — the
 * changes as text runs and as escaped HTML with `<ins>`/`<del>`. Data access only: the caller
 * has asked the policy (view-revisions.ts does, with `article.read`).
 */
import { diffArrays } from 'diff';
import type { Kysely } from 'kysely';
import { ARTICLE_TYPE_LABELS, type ArticleType } from '../articles/article.ts';
import type { Database } from '../db/database.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import { diffBody } from './body-diff.ts';
import { COMPARED_FIELDS, FIELD_LABELS, type FieldChange, type Revision, type RevisionComparison, type RevisionSummary } from './revision.ts';
import { categoryNames, findRevisionArticleFacts, getRevision, organisationNames } from './revision.repository.ts';
import { comparableText, diffWords, hasChanges, renderDiffHtml, type DiffOp, type DiffPart } from './word-diff.ts';

/** How list fields (categories, tags) are shown: items joined by this. */
const LIST_SEPARATOR = ', ';

/** Names to show for ids stored in metadata. */
interface Names {
  categories: Map<number, string>;
  organisations: Map<number, string>;
}

function push(parts: DiffPart[], op: DiffOp, text: string): void {
  if (!text) return;
  const last = parts[parts.length - 1];
  if (last && last.op === op) last.text += text;
  else parts.push({ op, text });
}

/**
 * Diff of two lists shown as "a, b, c": items compared whole (a category or tag is one unit),
 * separators placed so that `equal` + `delete` rebuild the old list text and `equal` + `insert`
 * the new one.
 */
export function diffList(oldItems: string[], newItems: string[]): DiffPart[] {
  const parts: DiffPart[] = [];
  let oldSeen = false;
  let newSeen = false;
  for (const change of diffArrays(oldItems, newItems)) {
    const op: DiffOp = change.added ? 'insert' : change.removed ? 'delete' : 'equal';
    for (const item of change.value) {
      const inOld = op !== 'insert';
      const inNew = op !== 'delete';
      const sepOld = inOld && oldSeen;
      const sepNew = inNew && newSeen;
      if (sepOld && sepNew) push(parts, 'equal', LIST_SEPARATOR);
      else if (sepOld) push(parts, 'delete', LIST_SEPARATOR);
      else if (sepNew) push(parts, 'insert', LIST_SEPARATOR);
      push(parts, op, comparableText(item));
      oldSeen ||= inOld;
      newSeen ||= inNew;
    }
  }
  return parts;
}

/** A metadata value as editors read it. Lists give their items; everything else one text. */
function display(field: string, value: unknown, names: Names): string | string[] {
  if (value === null || value === undefined) return '';
  if (field === 'categoryIds' && Array.isArray(value)) {
    return value.map((id) => (typeof id === 'number' ? (names.categories.get(id) ?? `Chuyên mục #${id}`) : String(id)));
  }
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v)));
  if (field === 'sourceOrganisationId' && typeof value === 'number') return names.organisations.get(value) ?? `Cơ quan #${value}`;
  if (field === 'coverMediaId' && typeof value === 'number') return `Ảnh #${value}`;
  if (field === 'type' && typeof value === 'string') return ARTICLE_TYPE_LABELS[value as ArticleType] ?? value;
  if (typeof value === 'boolean') return value ? 'Có' : 'Không';
  if (field === 'featured' && typeof value === 'number') return value ? 'Có' : 'Không';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

function fieldChange(field: string, parts: DiffPart[], html = renderDiffHtml(parts)): FieldChange {
  return { field, label: FIELD_LABELS[field] ?? field, parts, html };
}

function numbersIn(values: unknown[]): number[] {
  return values.flatMap((v) => (Array.isArray(v) ? v : [v])).filter((v): v is number => typeof v === 'number' && Number.isSafeInteger(v));
}

/**
 * The changes between two loaded revisions (pure apart from looking up names for ids).
 * @returns only the fields that differ after normalisation (NFC, whitespace), in
 *   {@link COMPARED_FIELDS} order, then any other metadata keys alphabetically
 */
export function diffRevisions(from: Revision, to: Revision, names: Names): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of ['title', 'lead'] as const) {
    const parts = diffWords(from[field], to[field]);
    if (hasChanges(parts)) changes.push(fieldChange(field, parts));
  }
  const body = diffBody(from.body, to.body);
  if (hasChanges(body.parts)) changes.push({ ...fieldChange('body', body.parts, body.html), blocks: body.blocks });

  const known = new Set<string>(COMPARED_FIELDS);
  const extra = [...new Set([...Object.keys(from.metadata), ...Object.keys(to.metadata)])].filter((k) => !known.has(k)).sort();
  for (const field of [...COMPARED_FIELDS.filter((f) => f !== 'title' && f !== 'lead' && f !== 'body'), ...extra]) {
    const a = display(field, from.metadata[field], names);
    const b = display(field, to.metadata[field], names);
    const parts = Array.isArray(a) || Array.isArray(b) ? diffList(Array.isArray(a) ? a : a ? [a] : [], Array.isArray(b) ? b : b ? [b] : []) : diffWords(a, b);
    if (hasChanges(parts)) changes.push(fieldChange(field, parts));
  }
  return changes;
}

function summaryOf(r: Revision): RevisionSummary {
  return { revision: r.revision, authorUserId: r.authorUserId, authorLabel: r.authorLabel, createdAt: r.createdAt, note: r.note };
}

/**
 * Compares revision `from` with revision `to` of an article (either order; `from` is shown as
 * the old side). Diffs are word-level and right for Vietnamese (word-diff.ts); the body is
 * compared block by block (body-diff.ts); category and organisation ids are shown by name.
 * Does not ask the policy.
 * @param from the revision number shown as old
 * @param to the revision number shown as new
 * @returns both revisions' summaries and the changed fields (none when they are equal)
 * @throws NotFoundError when the article does not exist
 * @throws ValidationError naming `from` or `to` when the article has no such revision
 */
export async function compareRevisions(db: Kysely<Database>, articleId: number, from: number, to: number): Promise<RevisionComparison> {
  const facts = await findRevisionArticleFacts(db, articleId);
  if (!facts) throw new NotFoundError(`bài viết ${articleId}`);
  const [a, b] = await Promise.all([getRevision(db, articleId, from), getRevision(db, articleId, to)]);
  const issues = [
    ...(a ? [] : [{ path: 'from', message: `Bài viết không có phiên bản ${from} (phiên bản hiện tại: ${facts.revision})` }]),
    ...(b ? [] : [{ path: 'to', message: `Bài viết không có phiên bản ${to} (phiên bản hiện tại: ${facts.revision})` }]),
  ];
  if (!a || !b) throw new ValidationError(issues);
  const [categories, organisations] = await Promise.all([
    categoryNames(db, facts.siteId, numbersIn([a.metadata.categoryIds, b.metadata.categoryIds])),
    organisationNames(db, numbersIn([a.metadata.sourceOrganisationId, b.metadata.sourceOrganisationId])),
  ]);
  return { articleId, from: summaryOf(a), to: summaryOf(b), changes: diffRevisions(a, b, { categories, organisations }) };
}
