/**
 * The network screen for network admins (route `network`; issue "The network" items 5 and 7):
 * the overview (GET /network/overview?staleDays=N — totals, sites that have not published in N
 * days, every site by kind with its last publication and 30-day flows up and down), the
 * network settings (GET/PUT /network/settings) and the site lifecycle actions (merge, rename).
 */
import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import { useSession } from '../session/session.tsx';
import { Page } from '../ui/Page.tsx';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';
import { SelectField } from '../ui/Field.tsx';
import { formatDateTime } from '../ui/format.ts';
import { StatusLine, TableScroll } from '../articles/history/shared.tsx';
import { NetworkSettingsEditor } from './NetworkSettingsEditor.tsx';
import { MergeDialog, RenameDialog, type LifecycleSite } from './LifecycleDialogs.tsx';

interface OverviewSite {
  id: number;
  key: string;
  name: string;
  kind: string;
  status: 'active' | 'merged' | 'archived';
  mergedIntoSiteId: number | null;
  lastPublishedAt: string | null;
  published: number;
  proposalsSent: number;
  proposalsReceived: number;
  syndicatedSent: number;
  syndicatedReceived: number;
}
interface Overview {
  at: string;
  windowDays: number;
  staleDays: number;
  groups: { kind: string; label: string; sites: OverviewSite[] }[];
  staleSites: { id: number; key: string; name: string; kind: string; lastPublishedAt: string | null; daysSinceLastPublication: number | null }[];
  totals: { sites: number; activeSites: number; published: number; up: { window: number; allTime: number }; down: { window: number; allTime: number } };
}

const STALE_CHOICES = [7, 14, 30, 60, 90, 180, 365];

/** The network screen. */
export function NetworkPage() {
  const { t } = useTranslation();
  const session = useSession();
  const totalsId = useId();
  const staleId = useId();
  const sitesId = useId();
  const [staleDays, setStaleDays] = useState(30);
  const [overview, setOverview] = useState<Overview | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [merging, setMerging] = useState<LifecycleSite | null>(null);
  const [renaming, setRenaming] = useState<LifecycleSite | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setOverview(await api.get<Overview>('/network/overview', { staleDays }));
      setError(null);
    } catch (e) {
      setError(e);
    }
  }, [staleDays]);
  useEffect(() => {
    if (session.isNetworkAdmin) void load();
  }, [load, session.isNetworkAdmin]);

  if (!session.isNetworkAdmin) {
    return (
      <Page title={t('network.title')}>
        <p>{t('common.errors.forbidden')}</p>
      </Page>
    );
  }

  const allSites: LifecycleSite[] = overview ? overview.groups.flatMap((g) => g.sites.map((s) => ({ id: s.id, key: s.key, name: s.name, status: s.status }))) : [];
  const nameOf = (id: number | null) => allSites.find((s) => s.id === id)?.name ?? `#${id}`;
  const days = overview?.windowDays ?? 30;

  async function afterLifecycle(text: string) {
    setMessage(text);
    setMerging(null);
    setRenaming(null);
    await Promise.all([load(), session.refresh()]);
  }

  return (
    <Page title={t('network.title')}>
      <StatusLine message={message} />
      <ErrorMessage error={error} />
      {overview === null ? (
        <p>{t('common.loading')}</p>
      ) : (
        <>
          <p>{t('network.at', { time: formatDateTime(overview.at), days })}</p>
          <section aria-labelledby={totalsId}>
            <h2 id={totalsId}>{t('network.totals.heading')}</h2>
            <dl className="totals">
              <div>
                <dt>{t('network.totals.sites')}</dt>
                <dd>{overview.totals.sites}</dd>
              </div>
              <div>
                <dt>{t('network.totals.activeSites')}</dt>
                <dd>{overview.totals.activeSites}</dd>
              </div>
              <div>
                <dt>{t('network.totals.published', { days })}</dt>
                <dd>{overview.totals.published}</dd>
              </div>
              {(['up', 'down'] as const).map((flow) => (
                <div key={flow}>
                  <dt>{t(`network.totals.${flow}`, { days })}</dt>
                  <dd>
                    {overview.totals[flow].window}
                    <span className="totals-sub">{t('network.totals.allTime', { count: overview.totals[flow].allTime })}</span>
                  </dd>
                </div>
              ))}
            </dl>
          </section>

          <section aria-labelledby={staleId}>
            <h2 id={staleId}>{t('network.stale.heading')}</h2>
            <div className="narrow-field">
              <SelectField label={t('network.stale.days')} value={staleDays} onChange={(e) => setStaleDays(Number(e.target.value))}>
                {STALE_CHOICES.map((n) => (
                  <option key={n} value={n}>
                    {t('network.stale.daysOption', { count: n })}
                  </option>
                ))}
              </SelectField>
            </div>
            {overview.staleSites.length === 0 ? (
              <p>{t('network.stale.none', { days: overview.staleDays })}</p>
            ) : (
              <TableScroll label={t('network.stale.heading')}>
                <table data-testid="stale-sites">
                  <thead>
                    <tr>
                      <th scope="col">{t('network.sites.site')}</th>
                      <th scope="col">{t('network.sites.lastPublished')}</th>
                      <th scope="col">{t('network.stale.sinceHeader')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {overview.staleSites.map((s) => (
                      <tr key={s.id}>
                        <th scope="row">{s.name}</th>
                        <td>{s.lastPublishedAt ? formatDateTime(s.lastPublishedAt) : t('network.stale.never')}</td>
                        <td>{s.daysSinceLastPublication === null ? '—' : t('network.stale.since', { count: s.daysSinceLastPublication })}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableScroll>
            )}
          </section>

          <section aria-labelledby={sitesId}>
            <h2 id={sitesId}>{t('network.sites.heading')}</h2>
            {overview.groups.map((group) => (
              <section key={group.kind} aria-label={group.label}>
                <h3>
                  {group.label} ({group.sites.length})
                </h3>
                <TableScroll label={group.label}>
                  <table className="network-sites">
                    <thead>
                      <tr>
                        <th scope="col">{t('network.sites.site')}</th>
                        <th scope="col">{t('network.sites.status')}</th>
                        <th scope="col">{t('network.sites.lastPublished')}</th>
                        <th scope="col" className="num">
                          {t('network.sites.published', { days })}
                        </th>
                        <th scope="col" className="num">
                          {t('network.sites.up')}
                        </th>
                        <th scope="col" className="num">
                          {t('network.sites.down')}
                        </th>
                        <th scope="col">
                          <span className="visually-hidden">{t('history.actions')}</span>
                        </th>
                      </tr>
                    </thead>
                    <tbody>
                      {group.sites.map((s) => (
                        <tr key={s.id}>
                          <th scope="row">
                            {s.name}
                            <div className="muted cell-note">{s.key}</div>
                          </th>
                          <td>
                            {t(`network.sites.statuses.${s.status}`)}
                            {s.status === 'merged' && s.mergedIntoSiteId !== null ? <> {t('network.sites.mergedInto', { name: nameOf(s.mergedIntoSiteId) })}</> : null}
                          </td>
                          <td>{formatDateTime(s.lastPublishedAt)}</td>
                          <td className="num">{s.published}</td>
                          <td className="num">
                            {s.proposalsSent} / {s.proposalsReceived}
                          </td>
                          <td className="num">
                            {s.syndicatedSent} / {s.syndicatedReceived}
                          </td>
                          <td>
                            {s.status === 'active' ? (
                              <div className="row-actions" role="group" aria-label={t('network.sites.actionsFor', { name: s.name })}>
                                <button type="button" onClick={() => setMerging({ id: s.id, key: s.key, name: s.name, status: s.status })}>
                                  {t('network.merge.action')}
                                </button>
                                <button type="button" onClick={() => setRenaming({ id: s.id, key: s.key, name: s.name, status: s.status })}>
                                  {t('network.rename.action')}
                                </button>
                              </div>
                            ) : null}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </TableScroll>
              </section>
            ))}
          </section>
        </>
      )}
      <NetworkSettingsEditor />
      <MergeDialog site={merging} sites={allSites} onClose={() => setMerging(null)} onDone={(text) => void afterLifecycle(text)} />
      <RenameDialog site={renaming} onClose={() => setRenaming(null)} onDone={(text) => void afterLifecycle(text)} />
    </Page>
  );
}
