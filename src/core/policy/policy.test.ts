/**
 * The whole policy matrix: every actor kind (anonymous, member with each role, API token with
 * each site role, system) × every action × own site / other site / no site × every article
 * state × authorship × the four-eyes setting. The expectation is the grant table below, written
 * from DESIGN.md §1 and §2.1 as a reader would state it, independently of policy.ts's rules.
 */
import { describe, expect, it } from 'vitest';
import { ARTICLE_STATES, type ArticleState } from '../articles/article.ts';
import { ANONYMOUS, systemActor, type Actor } from './actor.ts';
import { ACTIONS, allowedActions, articleListScope, authorize, can, type Action, type PolicyTarget } from './policy.ts';
import { ROLES, SITE_ROLES, TOKEN_ROLES, type Role } from './roles.ts';

const OWN_SITE = 10;
const OTHER_SITE = 20;
const ME = 1;
const SOMEONE_ELSE = 2;

const writers: Role[] = ['contributor', 'focal_point', 'editor', 'chief_editor'];
const editors: Role[] = ['editor', 'chief_editor'];
const chiefs: Role[] = ['chief_editor'];
const admins: Role[] = ['site_admin', 'network_admin'];
const everyStateBut = (...no: ArticleState[]) => ARTICLE_STATES.filter((s) => !no.includes(s));

/** One grant: these roles, on the target's site, for articles in these states, own or any. */
interface Grant {
  roles: Role[];
  states?: readonly ArticleState[];
  authorship?: 'own' | 'any';
  fourEyes?: boolean;
  scope?: 'site' | 'network';
  /** Syndicated copies that follow their original: `never` refuses them, `only` requires them. */
  following?: 'never' | 'only';
}

/** DESIGN.md §1 and §2.1 as a table. */
const GRANTS: Record<Action, Grant[]> = {
  'article.create': [{ roles: writers }],
  'article.read': [
    { roles: writers, authorship: 'own', states: ARTICLE_STATES },
    { roles: writers, states: ['published'] },
    { roles: editors, states: everyStateBut('draft') },
  ],
  'article.edit': [
    { roles: writers, authorship: 'own', states: ['draft', 'returned'], following: 'never' },
    { roles: editors, states: ['submitted', 'pending_approval'], following: 'never' },
    { roles: chiefs, states: ['scheduled'], following: 'never' },
  ],
  'article.restore_revision': [
    { roles: writers, authorship: 'own', states: ['draft', 'returned'], following: 'never' },
    { roles: editors, states: ['submitted', 'pending_approval'], following: 'never' },
    { roles: chiefs, states: ['scheduled'], following: 'never' },
  ],
  'article.propose': [
    { roles: ['focal_point'], authorship: 'own', states: ['draft', 'submitted', 'pending_approval', 'scheduled', 'published'], following: 'never' },
    { roles: ['focal_point'], states: ['published'], following: 'never' },
    { roles: editors, states: ['submitted', 'pending_approval', 'scheduled', 'published'], following: 'never' },
    { roles: editors, authorship: 'own', states: ['draft'], following: 'never' },
  ],
  'article.syndicate': [{ roles: chiefs, states: ['published', 'scheduled'], following: 'never' }],
  'article.detach': [{ roles: editors, following: 'only' }],
  'article.submit': [{ roles: writers, authorship: 'own', states: ['draft', 'returned'] }],
  'article.take': [{ roles: editors, states: ['submitted'] }],
  'article.send_for_approval': [{ roles: editors, states: ['submitted'] }],
  'article.return': [
    { roles: editors, states: ['submitted'] },
    { roles: chiefs, states: ['pending_approval'] },
  ],
  'article.reject': [
    { roles: editors, states: ['submitted'] },
    { roles: chiefs, states: ['pending_approval'] },
  ],
  'article.approve_publish': [{ roles: chiefs, states: ['submitted', 'pending_approval'], fourEyes: true }],
  'article.schedule': [{ roles: chiefs, states: ['submitted', 'pending_approval', 'scheduled'], fourEyes: true }],
  'article.unschedule': [{ roles: chiefs, states: ['scheduled'] }],
  'article.withdraw': [{ roles: chiefs, states: ['published'] }],
  'article.republish': [{ roles: chiefs, states: ['withdrawn'] }],
  'article.correct': [{ roles: chiefs, states: ['published'], following: 'never' }],
  'article.comment': [
    { roles: writers, authorship: 'own', states: ARTICLE_STATES },
    { roles: writers, states: ['published'] },
    { roles: editors, states: everyStateBut('draft') },
  ],
  // Settling (resolving/reopening) a comment: checked with the comment written by someone else,
  // so only editors of the site who may read the article qualify (authors of comments: below).
  'comment.settle': [{ roles: editors, states: everyStateBut('draft') }, { roles: editors, authorship: 'own', states: ['draft'] }],
  'media.upload': [{ roles: writers }],
  'media.manage': [{ roles: editors }],
  'category.manage': [{ roles: [...editors, ...admins] }],
  'site.read_settings': [{ roles: [...admins, ...editors] }],
  'site.update_settings': [{ roles: admins }],
  'site.manage_members': [{ roles: admins }],
  'site.manage_tokens': [{ roles: admins }],
  'site.read_audit': [{ roles: [...admins, ...chiefs] }],
  'network.manage_sites': [{ roles: ['network_admin'], scope: 'network' }],
  'network.manage_users': [{ roles: ['network_admin'], scope: 'network' }],
  'network.read_audit': [{ roles: ['network_admin'], scope: 'network' }],
  'network.view_overview': [{ roles: ['network_admin'], scope: 'network' }],
  'case.read': [{ roles: [...editors, ...admins] }],
  'case.manage': [{ roles: editors }],
  'case.rate': [{ roles: chiefs }],
  'case.report': [{ roles: ['focal_point', ...editors] }],
};

type SiteRelation = 'own' | 'other' | 'none';
type Authorship = 'me' | 'someone_else' | 'nobody';

/** The expectation for a person or token holding `role` (network_admin: on every site). */
function expected(role: Role, isToken: boolean, action: Action, relation: SiteRelation, state: ArticleState | null, authorship: Authorship, fourEyes: boolean, followsOrigin = false): boolean {
  const isArticle = (action.startsWith('article.') && action !== 'article.create') || action.startsWith('comment.');
  return GRANTS[action].some((g) => {
    if (!g.roles.includes(role)) return false;
    if ((g.scope ?? 'site') === 'network') return relation === 'none';
    if (relation === 'none') return false;
    if (relation === 'other' && role !== 'network_admin') return false;
    if (!isArticle) return true;
    if (state === null || !(g.states ?? ARTICLE_STATES).includes(state)) return false;
    if (g.following === 'never' && followsOrigin) return false;
    if (g.following === 'only' && !followsOrigin) return false;
    const mine = !isToken && authorship === 'me';
    if (g.authorship === 'own' && !mine) return false;
    if (g.fourEyes && fourEyes && mine) return false;
    return true;
  });
}

function member(role: Role): Actor {
  return {
    kind: 'member',
    userId: ME,
    displayName: 'Nguyễn Văn A',
    email: 'a@example.vn',
    organisationId: null,
    grants: [{ siteId: role === 'network_admin' ? null : OWN_SITE, role }],
    sessionId: 's',
  };
}

function token(role: Role): Actor {
  return { kind: 'token', tokenId: 7, name: 'Hệ thống đối tác', siteId: OWN_SITE, role };
}

function target(action: Action, relation: SiteRelation, state: ArticleState | null, authorship: Authorship, fourEyes: boolean, followsOrigin = false): PolicyTarget {
  const siteId = relation === 'own' ? OWN_SITE : relation === 'other' ? OTHER_SITE : null;
  const isArticle = (action.startsWith('article.') && action !== 'article.create') || action.startsWith('comment.');
  return {
    siteId,
    fourEyes,
    ...(isArticle && state ? { article: { state, authorUserId: authorship === 'me' ? ME : authorship === 'someone_else' ? SOMEONE_ELSE : null, followsOrigin } } : {}),
    ...(action.startsWith('comment.') ? { comment: { authorUserId: SOMEONE_ELSE } } : {}),
  };
}

const RELATIONS: SiteRelation[] = ['own', 'other', 'none'];
const AUTHORSHIPS: Authorship[] = ['me', 'someone_else', 'nobody'];

describe('policy matrix', () => {
  it('decides every role × action × site relation × state × authorship × four-eyes as the grant table says, for members and tokens', () => {
    let checked = 0;
    let allowed = 0;
    const mismatches: string[] = [];
    for (const action of ACTIONS) {
      const isArticle = (action.startsWith('article.') && action !== 'article.create') || action.startsWith('comment.');
      const states: (ArticleState | null)[] = isArticle ? [...ARTICLE_STATES] : [null];
      for (const relation of RELATIONS)
        for (const state of states)
          for (const authorship of isArticle ? AUTHORSHIPS : (['nobody'] as Authorship[]))
            for (const fourEyes of [true, false])
            for (const followsOrigin of isArticle ? [false, true] : [false]) {
              const t = target(action, relation, state, authorship, fourEyes, followsOrigin);
              for (const role of ROLES) {
                const got = can(member(role), action, t);
                const want = expected(role, false, action, relation, state, authorship, fourEyes, followsOrigin);
                checked++;
                if (got) allowed++;
                if (got !== want) mismatches.push(`member ${role} ${action} ${relation} ${state} ${authorship} 4eyes=${fourEyes} following=${followsOrigin}: got ${got}`);
              }
              for (const role of SITE_ROLES) {
                const got = can(token(role), action, t);
                // A token carrying a role tokens may not have (chief editor, site admin) can do nothing.
                const want = (TOKEN_ROLES as readonly Role[]).includes(role) && expected(role, true, action, relation, state, authorship, fourEyes, followsOrigin);
                checked++;
                if (got !== want) mismatches.push(`token ${role} ${action} ${relation} ${state} ${authorship} 4eyes=${fourEyes} following=${followsOrigin}: got ${got}`);
              }
              // Anonymous: nothing here (public reading goes through the visibility rule).
              checked++;
              if (can(ANONYMOUS, action, t)) mismatches.push(`anonymous ${action} ${relation}`);
              // The system actor (scheduler, CLI) may do everything, and says who it is in the audit log.
              checked++;
              if (!can(systemActor('scheduler'), action, t)) mismatches.push(`system ${action} ${relation}`);
            }
    }
    expect(mismatches).toEqual([]);
    expect(checked).toBeGreaterThan(10_000);
    expect(allowed).toBeGreaterThan(0);
  });

  it('gives a person with no role anywhere nothing, and a role on one site nothing on another', () => {
    const nobody: Actor = { ...(member('editor') as Extract<Actor, { kind: 'member' }>), grants: [] };
    for (const action of ACTIONS) {
      expect(can(nobody, action, { siteId: OWN_SITE, article: { state: 'submitted', authorUserId: SOMEONE_ELSE } })).toBe(false);
      expect(can(member('chief_editor'), action, { siteId: OTHER_SITE, article: { state: 'submitted', authorUserId: SOMEONE_ELSE } })).toBe(false);
    }
  });

  it('lets a person holding several roles combine them (a site admin who is also an editor works the queue)', () => {
    const both: Actor = { ...(member('site_admin') as Extract<Actor, { kind: 'member' }>), grants: [{ siteId: OWN_SITE, role: 'site_admin' }, { siteId: OWN_SITE, role: 'editor' }] };
    const t = { siteId: OWN_SITE, article: { state: 'submitted' as const, authorUserId: SOMEONE_ELSE } };
    expect(can(both, 'article.send_for_approval', t)).toBe(true);
    expect(can(both, 'site.update_settings', { siteId: OWN_SITE })).toBe(true);
    expect(can(member('site_admin'), 'article.send_for_approval', t)).toBe(false);
  });

  it('lets the author of a comment settle it wherever they may read the article, and nobody else but editors', () => {
    const article = { state: 'submitted' as const, authorUserId: ME };
    expect(can(member('contributor'), 'comment.settle', { siteId: OWN_SITE, article, comment: { authorUserId: ME } })).toBe(true);
    expect(can(member('contributor'), 'comment.settle', { siteId: OWN_SITE, article, comment: { authorUserId: SOMEONE_ELSE } })).toBe(false);
    expect(can(member('contributor'), 'comment.settle', { siteId: OTHER_SITE, article, comment: { authorUserId: ME } })).toBe(false);
    expect(can(member('editor'), 'comment.settle', { siteId: OWN_SITE, article })).toBe(false);
  });

  it('refuses article actions when the caller forgot to pass the article (default deny)', () => {
    expect(can(member('chief_editor'), 'article.approve_publish', { siteId: OWN_SITE })).toBe(false);
  });

  it('hides an article the actor may not read behind "not found", and says "forbidden" for what they see but may not do', () => {
    const draftOfOther = { siteId: OWN_SITE, article: { state: 'draft' as const, authorUserId: SOMEONE_ELSE } };
    expect(() => authorize(member('editor'), 'article.edit', draftOfOther)).toThrow(expect.objectContaining({ code: 'CONG_ERR_NOT_FOUND' }));
    const submitted = { siteId: OWN_SITE, article: { state: 'submitted' as const, authorUserId: SOMEONE_ELSE } };
    expect(() => authorize(member('editor'), 'article.approve_publish', submitted)).toThrow(expect.objectContaining({ code: 'CONG_ERR_FORBIDDEN' }));
    expect(() => authorize(member('editor'), 'site.update_settings', { siteId: OTHER_SITE })).toThrow(expect.objectContaining({ code: 'CONG_ERR_NOT_FOUND' }));
    expect(() => authorize(ANONYMOUS, 'site.update_settings', { siteId: OWN_SITE })).toThrow(expect.objectContaining({ code: 'CONG_ERR_FORBIDDEN' }));
  });

  it('lists the actions a chief editor may take on a submitted article by someone else, and fewer on their own', () => {
    const other = allowedActions(member('chief_editor'), { siteId: OWN_SITE, article: { state: 'submitted', authorUserId: SOMEONE_ELSE }, fourEyes: true }, ACTIONS);
    expect(other).toEqual(expect.arrayContaining(['article.approve_publish', 'article.schedule', 'article.return', 'article.edit']));
    const own = allowedActions(member('chief_editor'), { siteId: OWN_SITE, article: { state: 'submitted', authorUserId: ME }, fourEyes: true }, ACTIONS);
    expect(own).not.toContain('article.approve_publish');
    expect(own).not.toContain('article.schedule');
  });

  it('scopes newsroom lists: editors all but others\' drafts, writers own and published, others nothing', () => {
    expect(articleListScope(member('editor'), OWN_SITE)).toEqual({ kind: 'all', userId: ME });
    expect(articleListScope(member('contributor'), OWN_SITE)).toEqual({ kind: 'own_or_published', userId: ME });
    expect(articleListScope(member('contributor'), OTHER_SITE)).toEqual({ kind: 'none' });
    expect(articleListScope(member('site_admin'), OWN_SITE)).toEqual({ kind: 'none' });
    expect(articleListScope(ANONYMOUS, OWN_SITE)).toEqual({ kind: 'none' });
    expect(articleListScope(systemActor('cli'), OWN_SITE)).toEqual({ kind: 'everything' });
  });
});
