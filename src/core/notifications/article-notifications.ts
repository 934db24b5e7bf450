/**
 * Editorial notifications (issue "Newsroom core", item 8; DESIGN.md §2.1): who is told by
 * e-mail when an article moves through the workflow, and what they read.
 * - submitted → the site's editors and chief editors;
 * - sent for approval → the site's chief editors;
 * - returned, rejected, published, withdrawn → the author.
 * Only active people are e-mailed, and never the actor about their own act. The e-mails are
 * queued in the transition's transaction (outbox.ts) and sent later by the outbox worker.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { type Actor, actorLabel, actorUserId } from '../policy/actor.ts';
import type { Role } from '../policy/roles.ts';
import { formatDateTime } from '../text/index.ts';
import { queueEmail } from './outbox.ts';

/** The transitions that notify someone. */
export const NOTIFIED_TRANSITIONS = ['submitted', 'sent_for_approval', 'returned', 'rejected', 'published', 'withdrawn'] as const;
export type NotifiedTransition = (typeof NOTIFIED_TRANSITIONS)[number];

/** What happened, as the transition command knows it. */
export interface ArticleNotificationInput {
  article: { id: number; siteId: number; title: string; authorUserId: number | null };
  transition: NotifiedTransition;
  /** Who made the transition; never e-mailed about it. */
  actor: Actor;
  /** The reason given (return, rejection, withdrawal); shown to the author. */
  reason?: string | null;
  /** The command's clock. */
  now: Date;
  /** Base of the newsroom's links, e.g. `${publicUrl}/admin`; the e-mail links `${adminUrl}/articles/${id}`. */
  adminUrl: string;
  /** The site's name, in the subject: "[Sở TTTT Lạng Sơn] …". */
  siteName: string;
  /**
   * The workflow event's id (`article_events.id`), when the command has it: makes the
   * de-duplication key exact. Without it, `now` is used.
   */
  eventId?: number | null;
}

/** Roles whose holders hear of each transition that goes to the board (not to the author). */
const BOARD_RECIPIENTS: Partial<Record<NotifiedTransition, readonly Role[]>> = {
  submitted: ['editor', 'chief_editor'],
  sent_for_approval: ['chief_editor'],
};

interface Recipient {
  userId: number;
  email: string;
  displayName: string;
}

/**
 * Queues the e-mails a transition causes, in the caller's transaction: one per recipient,
 * each with the reason key `article.<transition>:<articleId>:<eventId or now>`, so a retried
 * command does not e-mail anyone twice.
 * @param trx the transition command's transaction.
 * @returns the addresses e-mailed (empty when nobody is to be told, e.g. no author account).
 */
export async function queueArticleNotifications(trx: Kysely<Database>, input: ArticleNotificationInput): Promise<string[]> {
  const actorId = actorUserId(input.actor);
  const recipients = (await findRecipients(trx, input)).filter((r) => r.userId !== actorId);
  const reasonKey = `article.${input.transition}:${input.article.id}:${input.eventId ?? input.now.toISOString()}`;
  const queued: string[] = [];
  for (const recipient of recipients) {
    const message = composeArticleNotification(input, recipient.displayName, await linkFor(trx, input, recipient));
    const result = await queueEmail(trx, { to: recipient.email, subject: message.subject, text: message.text, reasonKey, now: input.now });
    if (result.queued) queued.push(recipient.email);
  }
  return queued;
}

/**
 * The newsroom link an e-mail gives its recipient: the article, or — for the proposer of an
 * item proposed to another site, who holds no role there and could not open it — their own
 * site's list of proposals, where the outcome and reason are shown.
 */
async function linkFor(trx: Kysely<Database>, input: ArticleNotificationInput, recipient: Recipient): Promise<string> {
  const base = input.adminUrl.replace(/\/+$/, '');
  const articleLink = `${base}/articles/${input.article.id}`;
  if (BOARD_RECIPIENTS[input.transition]) return articleLink;
  const member = await trx
    .selectFrom('memberships')
    .select('role')
    .where('user_id', '=', recipient.userId)
    .where((eb) => eb.or([eb('site_id', '=', input.article.siteId), eb('site_id', 'is', null)]))
    .executeTakeFirst();
  if (member) return articleLink;
  const origin = await trx
    .selectFrom('articles as copy')
    .innerJoin('articles as origin', 'origin.id', 'copy.origin_article_id')
    .select('origin.site_id')
    .where('copy.id', '=', input.article.id)
    .executeTakeFirst();
  return origin ? `${base}/sites/${origin.site_id}/proposals` : articleLink;
}

async function findRecipients(trx: Kysely<Database>, input: ArticleNotificationInput): Promise<Recipient[]> {
  const roles = BOARD_RECIPIENTS[input.transition];
  if (roles) {
    const rows = await trx
      .selectFrom('memberships')
      .innerJoin('users', 'users.id', 'memberships.user_id')
      .select(['users.id', 'users.email', 'users.display_name'])
      .distinct()
      .where('memberships.site_id', '=', input.article.siteId)
      .where('memberships.role', 'in', roles)
      .where('users.status', '=', 'active')
      .orderBy('users.id')
      .execute();
    return rows.map((r) => ({ userId: r.id, email: r.email, displayName: r.display_name }));
  }
  if (input.article.authorUserId === null) return [];
  const author = await trx
    .selectFrom('users')
    .select(['id', 'email', 'display_name'])
    .where('id', '=', input.article.authorUserId)
    .where('status', '=', 'active')
    .executeTakeFirst();
  return author ? [{ userId: author.id, email: author.email, displayName: author.display_name }] : [];
}

/**
 * The Vietnamese subject and plain-text body of one notification, e.g. subject
 * "[Sở TTTT Lạng Sơn] Bài bị trả lại: <title>" and a body greeting the recipient, saying who
 * did what and when (Vietnam time), the reason when there is one, and the link to the article
 * in the newsroom.
 * @param recipientName the display name the greeting uses.
 * @param linkOverride the newsroom link to give instead of the article's (see `linkFor`).
 */
export function composeArticleNotification(input: ArticleNotificationInput, recipientName: string, linkOverride?: string): { subject: string; text: string } {
  const title = input.article.title.replace(/\s+/g, ' ').trim();
  const who = actorLabel(input.actor);
  const site = input.siteName.trim() || 'Cong';
  const link = linkOverride ?? `${input.adminUrl.replace(/\/+$/, '')}/articles/${input.article.id}`;
  const when = formatDateTime(input.now);
  const reason = input.reason?.trim() ? input.reason.trim() : null;
  let heading: string;
  let lines: string[];
  switch (input.transition) {
    case 'submitted':
      heading = 'Bài mới chờ biên tập';
      lines = [`${who} đã gửi bài "${title}" để biên tập trên ${site} lúc ${when}.`, '', `Xem và biên tập bài: ${link}`];
      break;
    case 'sent_for_approval':
      heading = 'Bài chờ duyệt';
      lines = [`${who} đã trình duyệt bài "${title}" trên ${site} lúc ${when}.`, '', `Xem và duyệt bài: ${link}`];
      break;
    case 'returned':
      heading = 'Bài bị trả lại';
      lines = [`Bài "${title}" của bạn đã được ${who} trả lại lúc ${when} để sửa.`, ...(reason ? ['', `Lý do: ${reason}`] : []), '', `Sửa bài rồi gửi lại: ${link}`];
      break;
    case 'rejected':
      heading = 'Bài không được sử dụng';
      lines = [`Ban biên tập ${site} (${who}) đã quyết định không sử dụng bài "${title}" của bạn lúc ${when}.`, ...(reason ? ['', `Lý do: ${reason}`] : []), '', `Xem bài: ${link}`];
      break;
    case 'published':
      heading = 'Bài đã được đăng';
      // A scheduled publication is made by the scheduler; the person who approved it scheduled it earlier.
      lines = [`Bài "${title}" của bạn đã được đăng trên ${site} lúc ${when} (${input.actor.kind === 'system' ? `đăng tự động: ${who}` : `người duyệt: ${who}`}).`, '', `Xem bài: ${link}`];
      break;
    case 'withdrawn':
      heading = 'Bài đã bị gỡ';
      lines = [`Bài "${title}" của bạn đã bị ${who} gỡ khỏi ${site} lúc ${when}.`, ...(reason ? ['', `Lý do: ${reason}`] : []), '', `Xem bài: ${link}`];
      break;
    default:
      throw new Error(`queueArticleNotifications: unknown transition ${String(input.transition)}`);
  }
  const text = [`Chào ${recipientName},`, '', ...lines, '', '-- ', `Thư tự động từ hệ thống biên tập của ${site}. Vui lòng không trả lời thư này.`, ''].join('\n');
  return { subject: `[${site}] ${heading}: ${title}`, text };
}
