/**
 * Reading an article's revisions in the newsroom: the history, one revision, a comparison.
 * Each asks the policy (`article.read` on the article) before it reads, so a person who may
 * not see the article gets "not found" whether or not it exists (STYLE.md, Policies). Reads
 * change nothing and are not audited.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { NotFoundError } from '../errors.ts';
import type { Actor } from '../policy/actor.ts';
import { allowedActions, authorize, type Action, type PolicyTarget } from '../policy/policy.ts';
import { compareRevisions } from './compare-revisions.ts';
import type { Revision, RevisionComparison, RevisionSummary } from './revision.ts';
import { findRevisionArticleFacts, getRevision, listRevisions, type RevisionArticleFacts } from './revision.repository.ts';

/** What a revision may be used for by the caller: restoring it as a new revision. */
const REVISION_ACTIONS: readonly Action[] = ['article.restore_revision'];

/** A revision in the history, with whether it is the current one and what the caller may do with it. */
export interface RevisionListItem extends RevisionSummary {
  current: boolean;
  allowedActions: Action[];
}

/** An article's revision history as the newsroom shows it. */
export interface RevisionHistory {
  articleId: number;
  currentRevision: number;
  /** Newest first. */
  items: RevisionListItem[];
}

/** One revision with its content, as the newsroom shows it. */
export interface RevisionView extends Revision {
  current: boolean;
  allowedActions: Action[];
}

function targetOf(facts: RevisionArticleFacts): PolicyTarget {
  return { siteId: facts.siteId, article: { authorUserId: facts.authorUserId, state: facts.state } };
}

/**
 * Loads the article and asks the policy whether the actor may read it.
 * @throws NotFoundError when the article does not exist or the actor may not see it
 */
async function readableArticle(db: Kysely<Database>, actor: Actor, articleId: number): Promise<RevisionArticleFacts> {
  const facts = await findRevisionArticleFacts(db, articleId);
  const what = `bài viết ${articleId}`;
  if (!facts) throw new NotFoundError(what);
  authorize(actor, 'article.read', targetOf(facts), what);
  return facts;
}

function actionsOn(actor: Actor, facts: RevisionArticleFacts, revision: number): Action[] {
  return revision === facts.revision ? [] : allowedActions(actor, targetOf(facts), REVISION_ACTIONS);
}

/**
 * The revisions of an article, newest first, without content (policy `article.read`).
 * @throws NotFoundError when the article does not exist or the actor may not see it
 */
export async function listArticleRevisions(db: Kysely<Database>, actor: Actor, articleId: number): Promise<RevisionHistory> {
  const facts = await readableArticle(db, actor, articleId);
  const items = await listRevisions(db, articleId);
  return {
    articleId,
    currentRevision: facts.revision,
    items: items.map((r) => ({ ...r, current: r.revision === facts.revision, allowedActions: actionsOn(actor, facts, r.revision) })),
  };
}

/**
 * One revision of an article with its content (policy `article.read`).
 * @throws NotFoundError when the article or the revision does not exist, or the actor may not
 *   see the article
 */
export async function showArticleRevision(db: Kysely<Database>, actor: Actor, articleId: number, revision: number): Promise<RevisionView> {
  const facts = await readableArticle(db, actor, articleId);
  const found = await getRevision(db, articleId, revision);
  if (!found) throw new NotFoundError(`phiên bản ${revision} của bài viết ${articleId}`);
  return { ...found, current: revision === facts.revision, allowedActions: actionsOn(actor, facts, revision) };
}

/**
 * Compares two revisions of an article (policy `article.read`); see compare-revisions.ts.
 * @throws NotFoundError when the article does not exist or the actor may not see it
 * @throws ValidationError naming `from` or `to` when the article has no such revision
 */
export async function compareArticleRevisions(db: Kysely<Database>, actor: Actor, articleId: number, from: number, to: number): Promise<RevisionComparison> {
  await readableArticle(db, actor, articleId);
  return compareRevisions(db, articleId, from, to);
}
