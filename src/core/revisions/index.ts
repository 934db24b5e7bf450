/**
 * Revisions of articles: recording every save, reading the history, comparing any two with a
 * word-level diff that is right for Vietnamese text (issue "Newsroom core", item 5).
 */

export type { FieldChange, Revision, RevisionComparison, RevisionMetadata, RevisionSummary } from './revision.ts';
export { COMPARED_FIELDS, FIELD_LABELS } from './revision.ts';
export { findRevisionArticleFacts, getRevision, listRevisions, recordRevision, type RecordRevisionInput, type RevisionArticleFacts } from './revision.repository.ts';
export { compareRevisions, diffRevisions } from './compare-revisions.ts';
export { compareArticleRevisions, listArticleRevisions, showArticleRevision, type RevisionHistory, type RevisionListItem, type RevisionView } from './view-revisions.ts';
export { comparableText, diffWords, escapeHtml, renderDiffHtml, sideText, wordTokens, type DiffOp, type DiffPart } from './word-diff.ts';
export { diffBody, type BlockDiff, type BodyDiff } from './body-diff.ts';
export { bodyBlocks, type BodyBlock } from './body-text.ts';
