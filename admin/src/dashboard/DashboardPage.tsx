/**
 * The dashboard of the current site (issue "Newsroom web UI", item 9): counts per state (each
 * a link into its queue), what is overdue, what is scheduled today (Vietnam day), the person's
 * own items that wait for them, recent activity, and one line per role on what they can do.
 * Reads GET /sites/:siteId/dashboard, which already limits everything to what the person may see.
 */
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import type { ArticleState, Role } from '../api/types.ts';
import { useSession } from '../session/session.tsx';
import { Page } from '../ui/Page.tsx';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';
import { formatDateTime } from '../ui/format.ts';

interface ScheduledItem {
  id: number;
  title: string;
  authorName: string | null;
  scheduledFor: string;
  error: string | null;
}

interface OwnItem {
  id: number;
  title: string;
  state: ArticleState;
  updatedAt: string;
  lastReason?: { reason: string; by: string; at: string } | null;
}

interface ActivityItem {
  id: number;
  articleId: number;
  articleTitle: string;
  action: string;
  toState: ArticleState;
  actorLabel: string;
  reason: string | null;
  at: string;
}

/** GET /sites/:siteId/dashboard. */
interface DashboardAnswer {
  siteId: number;
  roles: Role[];
  scope: 'everything' | 'all' | 'own_or_published' | 'none';
  today: { date: string; from: string; to: string };
  countsByState: Record<ArticleState, number>;
  total: number;
  overdue: ScheduledItem[];
  scheduledToday: ScheduledItem[];
  mine: { returned: OwnItem[]; drafts: OwnItem[] };
  recentActivity: ActivityItem[];
}

/** The order of the count tiles: the working queues first. */
const COUNT_ORDER: ArticleState[] = ['submitted', 'pending_approval', 'scheduled', 'published', 'returned', 'draft', 'rejected', 'withdrawn'];
const KNOWN_ACTIONS = ['submit', 'take', 'send_for_approval', 'return', 'reject', 'approve', 'schedule', 'unschedule', 'withdraw', 'republish', 'correct', 'publish_scheduled', 'detach'];

function dayText(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return `${d}/${m}/${y}`;
}

function Time({ iso }: { iso: string }) {
  return <time dateTime={iso}>{formatDateTime(iso)}</time>;
}

/** The dashboard screen (route `/`). */
export function DashboardPage() {
  const { t } = useTranslation();
  const session = useSession();
  const site = session.currentSite;
  const [data, setData] = useState<DashboardAnswer | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (!site) return;
    const controller = new AbortController();
    setData(null);
    setError(null);
    api
      .get<DashboardAnswer>(`/sites/${site.id}/dashboard`, undefined, { signal: controller.signal })
      .then(setData)
      .catch((e: unknown) => {
        if (!controller.signal.aborted) setError(e);
      });
    return () => controller.abort();
  }, [site]);

  if (!site) {
    return (
      <Page title={t('dashboard.title')}>
        <p className="alert alert-warn">{t('dashboard.noSite')}</p>
      </Page>
    );
  }

  const queue = (query = '') => `/sites/${site.id}/articles${query}`;
  const actionText = (e: ActivityItem) => (KNOWN_ACTIONS.includes(e.action) ? t(`dashboard.actions.${e.action}`) : t('dashboard.actions.other', { state: t(`common.states.${e.toState}`) }));
  const writes = site.allowedActions.includes('article.create');
  // What is overdue is listed once, under "overdue".
  const overdueIds = new Set(data?.overdue.map((o) => o.id) ?? []);
  const upcomingToday = data?.scheduledToday.filter((o) => !overdueIds.has(o.id)) ?? [];

  return (
    <Page title={t('dashboard.title')}>
      <p className="dashboard-site">
        <strong>{site.name}</strong>
        {data ? <> · {t('dashboard.today', { date: dayText(data.today.date) })}</> : null}
      </p>
      {session.roles.length > 0 ? (
        <div className="dashboard-roles">
          <p>{t('dashboard.youCan')}:</p>
          <ul>
            {session.roles.map((role) => (
              <li key={role}>
                <strong>{t(`common.roles.${role}`)}</strong>: {t(`dashboard.roleHints.${role}`)}
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      <ErrorMessage error={error} />
      {!data && !error ? (
        <p role="status" className="loading">
          {t('common.loading')}
        </p>
      ) : null}

      {data && data.scope === 'none' ? <p className="alert alert-warn">{t('dashboard.noEditorialRole')}</p> : null}

      {data && data.scope !== 'none' ? (
        <>
          <section aria-labelledby="dash-counts">
            <h2 id="dash-counts">{t('dashboard.counts.heading')}</h2>
            <ul className="state-counts">
              {COUNT_ORDER.map((state) => (
                <li key={state} className={`state-count state-${state}`}>
                  <Link to={queue(`?state=${state}`)}>
                    <span className="state-count-number">{data.countsByState[state]}</span>{' '}
                    <span className="state-count-label">{t(`common.states.${state}`)}</span>
                  </Link>
                </li>
              ))}
            </ul>
          </section>

          <div className="dashboard-columns">
            <section aria-labelledby="dash-overdue" className="dashboard-panel">
              <h2 id="dash-overdue">
                {t('dashboard.overdue.heading')}
                {data.overdue.length > 0 ? <span className="badge badge-alert"> {data.overdue.length}</span> : null}
              </h2>
              {data.overdue.length === 0 ? (
                <p className="muted">{t('dashboard.overdue.empty')}</p>
              ) : (
                <ul className="dashboard-list">
                  {data.overdue.map((o) => (
                    <li key={o.id} className="overdue">
                      <Link to={`/articles/${o.id}`}>{o.title}</Link>
                      <div className="muted">
                        {t('dashboard.overdue.due', { time: formatDateTime(o.scheduledFor) })}
                        {o.authorName ? ` · ${o.authorName}` : ''}
                      </div>
                      {o.error ? <div className="queue-error">{t('dashboard.overdue.error', { error: o.error })}</div> : null}
                    </li>
                  ))}
                </ul>
              )}
            </section>

            <section aria-labelledby="dash-today" className="dashboard-panel">
              <h2 id="dash-today">{t('dashboard.scheduledToday.heading')}</h2>
              {upcomingToday.length === 0 ? (
                <p className="muted">{t('dashboard.scheduledToday.empty')}</p>
              ) : (
                <ul className="dashboard-list">
                  {upcomingToday.map((o) => (
                    <li key={o.id}>
                      <Time iso={o.scheduledFor} /> — <Link to={`/articles/${o.id}`}>{o.title}</Link>
                      {o.authorName ? <div className="muted">{o.authorName}</div> : null}
                    </li>
                  ))}
                </ul>
              )}
            </section>
          </div>

          {writes ? (
            <section aria-labelledby="dash-mine" className="dashboard-panel">
              <h2 id="dash-mine">{t('dashboard.mine.heading')}</h2>
              {data.mine.returned.length === 0 && data.mine.drafts.length === 0 ? <p className="muted">{t('dashboard.mine.empty')}</p> : null}
              {data.mine.returned.length > 0 ? (
                <>
                  <h3>{t('dashboard.mine.returned')}</h3>
                  <ul className="dashboard-list">
                    {data.mine.returned.map((o) => (
                      <li key={o.id}>
                        <Link to={`/articles/${o.id}`}>{o.title}</Link>
                        {o.lastReason ? <div className="queue-reason">{t('dashboard.mine.reason', { by: o.lastReason.by, reason: o.lastReason.reason })}</div> : null}
                      </li>
                    ))}
                  </ul>
                </>
              ) : null}
              {data.mine.drafts.length > 0 ? (
                <>
                  <h3>{t('dashboard.mine.drafts')}</h3>
                  <ul className="dashboard-list">
                    {data.mine.drafts.map((o) => (
                      <li key={o.id}>
                        <Link to={`/articles/${o.id}`}>{o.title}</Link> <span className="muted">({t('dashboard.mine.updated', { time: formatDateTime(o.updatedAt) })})</span>
                      </li>
                    ))}
                  </ul>
                </>
              ) : null}
              <p>
                <Link to={queue('?mine=1')}>{t('dashboard.mine.allMine')}</Link>
              </p>
            </section>
          ) : null}

          <section aria-labelledby="dash-activity" className="dashboard-panel">
            <h2 id="dash-activity">{t('dashboard.activity.heading')}</h2>
            {data.recentActivity.length === 0 ? (
              <p className="muted">{t('dashboard.activity.empty')}</p>
            ) : (
              <ol className="dashboard-list activity">
                {data.recentActivity.map((e) => (
                  <li key={e.id}>
                    <Time iso={e.at} /> · {t('dashboard.activity.entry', { actor: e.actorLabel, action: actionText(e) })}: <Link to={`/articles/${e.articleId}`}>{e.articleTitle}</Link>
                    {e.reason ? <div className="muted">{t('dashboard.activity.reason', { reason: e.reason })}</div> : null}
                  </li>
                ))}
              </ol>
            )}
          </section>
        </>
      ) : null}
    </Page>
  );
}
