/**
 * The one policy module (DESIGN.md §3, "No site reads or writes another's private data"):
 * decides whether an actor may take an action on a target. Pure (no I/O: the caller loads the
 * target and passes the facts) and default-deny: an action nobody grants, or an actor with no
 * role on the target's site, is refused. Roles and grants are code (roles.ts); the database
 * only stores who holds which role where. Tested as a whole matrix in policy.test.ts.
 *
 * Grants follow DESIGN.md §1 and the workflow of §2.1:
 * - writers (contributor, focal_point, editor, chief_editor) create and work on their own
 *   drafts and what is returned to them; drafts are private to their author;
 * - editors work the site's queue (submitted items): take, edit, comment, return, reject,
 *   send for approval; manage media and categories;
 * - chief editors also approve and publish, schedule, withdraw, republish, correct, and edit
 *   what is scheduled; a published article's content changes only by a correction (đính
 *   chính), which carries a dated public note, never silently; the four-eyes rule (the approver is not the author) holds
 *   unless the site relaxed it;
 * - site admins: settings, people and API tokens, the site's audit log (not editorial work);
 * - network admins: a site admin's rights on every site, plus network actions;
 * - API tokens act with their one role on their one site (only contributor, focal_point or
 *   editor: roles.ts TOKEN_ROLES) and own no articles; they never administer;
 * - the system actor (scheduler, outbox worker, the operator's console) may do everything;
 * - anonymous readers may do nothing here: public reading goes through the visibility rule.
 */
import type { ArticleState } from '../articles/article.ts';
import { type Actor, rolesOn } from './actor.ts';
import type { Role } from './roles.ts';
import { ForbiddenError, NotFoundError } from '../errors.ts';

/** Every action the policy decides. Public reading is not here (see articles/visibility.ts). */
export const ACTIONS = [
  'article.create',
  'article.read',
  'article.edit',
  'article.submit',
  'article.take',
  'article.send_for_approval',
  'article.return',
  'article.reject',
  'article.approve_publish',
  'article.schedule',
  'article.unschedule',
  'article.withdraw',
  'article.republish',
  'article.correct',
  'article.comment',
  'article.restore_revision',
  'article.propose',
  'article.syndicate',
  'article.detach',
  'comment.settle',
  'media.upload',
  'media.manage',
  'category.manage',
  'site.read_settings',
  'site.update_settings',
  'site.manage_members',
  'site.manage_tokens',
  'site.read_audit',
  'network.manage_sites',
  'network.manage_users',
  'network.read_audit',
  'network.view_overview',
  'case.read',
  'case.manage',
  'case.rate',
  'case.report',
] as const;
export type Action = (typeof ACTIONS)[number];

/** The facts about an article the policy needs. */
export interface ArticleFacts {
  authorUserId: number | null;
  state: ArticleState;
  /**
   * True for a syndicated copy that still follows its original (issue "The network"): its
   * text changes only through the original until a local board detaches it.
   */
  followsOrigin?: boolean;
}

/**
 * What an action is taken on. `siteId` null: the network itself (network actions). `article`
 * is required for article actions other than `article.create`. `fourEyes` is the site's
 * setting (default true): when on, the author of an article may not approve or schedule it.
 */
export interface PolicyTarget {
  siteId: number | null;
  article?: ArticleFacts;
  /** For `comment.settle`: who wrote the comment. */
  comment?: { authorUserId: number | null };
  fourEyes?: boolean;
}

const WRITERS: readonly Role[] = ['contributor', 'focal_point', 'editor', 'chief_editor'];
const EDITORS: readonly Role[] = ['editor', 'chief_editor'];
const CHIEFS: readonly Role[] = ['chief_editor'];
const ADMINS: readonly Role[] = ['site_admin', 'network_admin'];

type Rule = (ctx: RuleContext) => boolean;
interface RuleContext {
  roles: Role[];
  target: PolicyTarget;
  /** The acting person's user id (null for tokens). */
  userId: number | null;
}

// Small combinators: every rule is a conjunction of facts about the actor and the target.
const hasRole = (allowed: readonly Role[]): Rule => (c) => c.roles.some((r) => allowed.includes(r));
const inState = (...states: ArticleState[]): Rule => (c) => c.target.article !== undefined && states.includes(c.target.article.state);
const own: Rule = (c) => c.userId !== null && c.target.article?.authorUserId === c.userId;
const onSite: Rule = (c) => c.target.siteId !== null;
const network: Rule = (c) => c.target.siteId === null;
const ownComment: Rule = (c) => c.userId !== null && c.target.comment !== undefined && c.target.comment.authorUserId === c.userId;
const notOwnUnlessRelaxed: Rule = (c) => c.target.fourEyes === false || !own(c);
const and = (...rules: Rule[]): Rule => (c) => rules.every((r) => r(c));
const or = (...rules: Rule[]): Rule => (c) => rules.some((r) => r(c));

const following: Rule = (c) => c.target.article?.followsOrigin === true;
const notFollowing: Rule = (c) => c.target.article?.followsOrigin !== true;
/** Who may offer an item to another site (DESIGN.md §2.2: a focal point or an editor). */
const PROPOSERS: readonly Role[] = ['focal_point', 'editor', 'chief_editor'];

const readArticle = or(and(hasRole(EDITORS), or(own, (c) => c.target.article?.state !== 'draft')), and(hasRole(WRITERS), or(own, inState('published'))));

/** The grants: one rule per action. An action missing here is denied to everyone but the system. */
const RULES: Record<Action, Rule> = {
  'article.create': and(onSite, hasRole(WRITERS)),
  'article.read': and(onSite, readArticle),
  'article.edit': and(
    onSite,
    notFollowing,
    or(
      and(hasRole(WRITERS), own, inState('draft', 'returned')),
      and(hasRole(EDITORS), inState('submitted', 'pending_approval')),
      // Once published, the text changes only by a correction with its public note.
      and(hasRole(CHIEFS), inState('scheduled')),
    ),
  ),
  'article.submit': and(onSite, hasRole(WRITERS), own, inState('draft', 'returned')),
  'article.take': and(onSite, hasRole(EDITORS), inState('submitted')),
  'article.send_for_approval': and(onSite, hasRole(EDITORS), inState('submitted')),
  'article.return': and(onSite, or(and(hasRole(EDITORS), inState('submitted')), and(hasRole(CHIEFS), inState('pending_approval')))),
  'article.reject': and(onSite, or(and(hasRole(EDITORS), inState('submitted')), and(hasRole(CHIEFS), inState('pending_approval')))),
  'article.approve_publish': and(onSite, hasRole(CHIEFS), inState('submitted', 'pending_approval'), notOwnUnlessRelaxed),
  'article.schedule': and(onSite, hasRole(CHIEFS), inState('submitted', 'pending_approval', 'scheduled'), notOwnUnlessRelaxed),
  'article.unschedule': and(onSite, hasRole(CHIEFS), inState('scheduled')),
  'article.withdraw': and(onSite, hasRole(CHIEFS), inState('published')),
  'article.republish': and(onSite, hasRole(CHIEFS), inState('withdrawn')),
  'article.correct': and(onSite, hasRole(CHIEFS), inState('published'), notFollowing),
  'article.comment': and(onSite, readArticle),
  'article.restore_revision': and(
    onSite,
    notFollowing,
    or(
      and(hasRole(WRITERS), own, inState('draft', 'returned')),
      and(hasRole(EDITORS), inState('submitted', 'pending_approval')),
      and(hasRole(CHIEFS), inState('scheduled')),
    ),
  ),
  // Resolving or reopening an editorial comment: its author, or an editor of the site.
  // Upward supply: offer an item (or a draft) to another site's board; the network setting
  // says which sites may receive it (core/network), the policy who may send it.
  'article.propose': and(onSite, hasRole(PROPOSERS), readArticle, inState('draft', 'submitted', 'pending_approval', 'scheduled', 'published'), notFollowing),
  // Downward syndication: a chief editor sends a published (or scheduled) item down the network.
  'article.syndicate': and(onSite, hasRole(CHIEFS), inState('published', 'scheduled'), notFollowing),
  // A local board takes its copy out of the original's control, to edit it.
  'article.detach': and(onSite, hasRole(EDITORS), following),
  'comment.settle': and(onSite, readArticle, (c) => c.target.comment !== undefined, or(ownComment, hasRole(EDITORS))),
  'media.upload': and(onSite, hasRole(WRITERS)),
  'media.manage': and(onSite, hasRole(EDITORS)),
  'category.manage': and(onSite, or(hasRole(EDITORS), hasRole(ADMINS))),
  'site.read_settings': and(onSite, or(hasRole(ADMINS), hasRole(EDITORS))),
  'site.update_settings': and(onSite, hasRole(ADMINS)),
  'site.manage_members': and(onSite, hasRole(ADMINS)),
  'site.manage_tokens': and(onSite, hasRole(ADMINS)),
  'site.read_audit': and(onSite, or(hasRole(ADMINS), hasRole(CHIEFS))),
  'network.manage_sites': and(network, hasRole(['network_admin'])),
  'network.manage_users': and(network, hasRole(['network_admin'])),
  'network.read_audit': and(network, hasRole(['network_admin'])),
  'network.view_overview': and(network, hasRole(['network_admin'])),
  // The rapid-response desk of a site (the ministry portal's, by default): its editors see and
  // work the cases; rating a claim — an official verdict — is for its chief editors; partner
  // systems file reports with a focal-point or editor token of the desk's site.
  'case.read': and(onSite, or(hasRole(EDITORS), hasRole(ADMINS))),
  'case.manage': and(onSite, hasRole(EDITORS)),
  'case.rate': and(onSite, hasRole(CHIEFS)),
  'case.report': and(onSite, hasRole(['focal_point', 'editor', 'chief_editor'])),
};

/**
 * Whether `actor` may take `action` on `target`. Pure and default-deny.
 * @returns true only when a grant allows it.
 */
export function can(actor: Actor, action: Action, target: PolicyTarget): boolean {
  if (actor.kind === 'system') return true;
  if (actor.kind === 'anonymous') return false;
  const rule = RULES[action];
  if (!rule) return false;
  if ((action.startsWith('article.') && action !== 'article.create') || action.startsWith('comment.')) {
    if (!target.article) return false;
  }
  const roles = rolesOn(actor, target.siteId);
  if (roles.length === 0) return false;
  return rule({ roles, target, userId: actor.kind === 'member' ? actor.userId : null });
}

/**
 * Throws unless `actor` may take `action` on `target`. When the actor may not even read the
 * article (or holds no role on its site), answers "not found", so that outsiders cannot tell
 * whether it exists (STYLE.md, Policies).
 * @param what names the target for the message, e.g. `bài viết 42`.
 * @throws NotFoundError when the target must stay invisible to the actor.
 * @throws ForbiddenError when the actor sees it but may not take this action.
 */
export function authorize(actor: Actor, action: Action, target: PolicyTarget, what = 'mục này'): void {
  if (can(actor, action, target)) return;
  if (target.article && !can(actor, 'article.read', target)) throw new NotFoundError(what);
  if (!target.article && rolesOn(actor, target.siteId).length === 0 && actor.kind !== 'system') {
    if (actor.kind === 'anonymous') throw new ForbiddenError('Cần đăng nhập để làm việc này');
    throw new NotFoundError(what);
  }
  throw new ForbiddenError(`Bạn không có quyền ${ACTION_LABELS[action]}`);
}

/** The actions from `candidates` that `actor` may take on `target`, for presenters ("what can I do here"). */
export function allowedActions(actor: Actor, target: PolicyTarget, candidates: readonly Action[]): Action[] {
  return candidates.filter((a) => can(actor, a, target));
}

/** The article actions a presenter lists on each article. */
export const ARTICLE_ACTIONS: readonly Action[] = ACTIONS.filter((a) => a.startsWith('article.') && a !== 'article.create');

/**
 * The list constraint for the newsroom's article lists on a site: which articles the actor may
 * see, as a filter the repository applies, so counts and pages stay right.
 * - `all`: every article of the site except other people's drafts;
 * - `own_or_published`: the actor's own articles plus published ones;
 * - `none`: nothing (no role here).
 */
export function articleListScope(actor: Actor, siteId: number): { kind: 'everything' } | { kind: 'all'; userId: number | null } | { kind: 'own_or_published'; userId: number | null } | { kind: 'none' } {
  if (actor.kind === 'system') return { kind: 'everything' };
  const roles = rolesOn(actor, siteId);
  const userId = actor.kind === 'member' ? actor.userId : null;
  if (roles.some((r) => EDITORS.includes(r))) return { kind: 'all', userId };
  if (roles.some((r) => WRITERS.includes(r))) return { kind: 'own_or_published', userId };
  return { kind: 'none' };
}

/** Vietnamese phrases for refusals: "Bạn không có quyền …". */
export const ACTION_LABELS: Record<Action, string> = {
  'article.create': 'viết bài trên trang này',
  'article.read': 'xem bài này',
  'article.edit': 'sửa bài này ở trạng thái hiện tại',
  'article.submit': 'gửi bài này',
  'article.take': 'nhận biên tập bài này',
  'article.send_for_approval': 'trình duyệt bài này',
  'article.return': 'trả lại bài này',
  'article.reject': 'từ chối bài này',
  'article.approve_publish': 'duyệt và đăng bài này',
  'article.schedule': 'hẹn giờ đăng bài này',
  'article.unschedule': 'huỷ hẹn giờ bài này',
  'article.withdraw': 'gỡ bài này',
  'article.republish': 'đăng lại bài này',
  'article.correct': 'đính chính bài này',
  'article.comment': 'bình luận bài này',
  'article.restore_revision': 'khôi phục phiên bản của bài này',
  'article.propose': 'đề xuất bài này cho trang khác',
  'article.syndicate': 'chia sẻ bài này xuống mạng lưới',
  'article.detach': 'tách bản sao này khỏi bài gốc',
  'comment.settle': 'đánh dấu đã xử lý hoặc mở lại bình luận này',
  'media.upload': 'tải ảnh lên trang này',
  'media.manage': 'quản lý thư viện ảnh của trang này',
  'category.manage': 'quản lý chuyên mục của trang này',
  'site.read_settings': 'xem cài đặt của trang này',
  'site.update_settings': 'thay đổi cài đặt của trang này',
  'site.manage_members': 'quản lý người dùng của trang này',
  'site.manage_tokens': 'quản lý khoá API của trang này',
  'site.read_audit': 'xem nhật ký của trang này',
  'network.manage_sites': 'quản lý các trang của hệ thống',
  'network.manage_users': 'quản lý người dùng của hệ thống',
  'network.read_audit': 'xem nhật ký của hệ thống',
  'network.view_overview': 'xem tổng quan mạng lưới',
  'case.read': 'xem các vụ việc thông tin sai sự thật',
  'case.manage': 'xử lý vụ việc thông tin sai sự thật',
  'case.rate': 'đánh giá mức độ xác thực của thông tin',
  'case.report': 'gửi phản ánh thông tin sai sự thật cho bộ phận xử lý',
};
