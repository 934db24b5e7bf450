/**
 * The proposals of a site (route `sites/:siteId/proposals`; upward supply, issue "The network"
 * item 1): what this site proposed to others (outgoing) and, for its editors, what others
 * proposed to it (incoming), from GET /sites/:siteId/proposals?direction=&status=&page=. Each
 * row shows the item, the other site, the date and the outcome: waiting, accepted (with the
 * public link), returned or rejected (with the reason), withdrawn. Incoming items link to the
 * editor.
 */
import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../api/client.ts';
import { useSession } from '../session/session.tsx';
import { Page } from '../ui/Page.tsx';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';
import { SelectField } from '../ui/Field.tsx';
import { formatDateTime } from '../ui/format.ts';
import { Tabs } from '../articles/history/Tabs.tsx';
import { TableScroll } from '../articles/history/shared.tsx';

const OUTCOMES = ['proposed', 'accepted', 'returned', 'rejected', 'withdrawn'] as const;
type Outcome = (typeof OUTCOMES)[number];
type Direction = 'outgoing' | 'incoming';

interface SiteRef {
  id: number;
  key: string;
  name: string;
}
interface Proposal {
  id: number;
  original: { id: number; title: string; state: string; site: SiteRef };
  targetSite: SiteRef;
  copyArticleId: number | null;
  createdAt: string;
  createdBy: { id: number; name: string } | null;
  note: string | null;
  status: Outcome;
  reason: string | null;
  decidedAt: string | null;
  decidedBy: string | null;
  publishedAt: string | null;
  publicUrl: string | null;
}
interface ProposalPage {
  items: Proposal[];
  total: number;
  page: number;
  pageSize: number;
  countsByStatus: Record<Outcome, number>;
}

/** The outcome cell of a row. */
function Outcome({ p }: { p: Proposal }) {
  const { t } = useTranslation();
  return (
    <>
      <span className={`badge badge-outcome-${p.status}`}>{t(`proposals.outcomes.${p.status}`)}</span>
      {p.status === 'accepted' && p.publishedAt ? (
        <div>{t(p.publicUrl ? 'proposals.publishedAt' : 'proposals.scheduledAt', { time: formatDateTime(p.publishedAt) })}</div>
      ) : null}
      {p.publicUrl ? (
        <div>
          <a href={p.publicUrl} target="_blank" rel="noopener">
            {t('proposals.publicLink')}
            <span className="visually-hidden"> — {p.original.title}</span>
          </a>
        </div>
      ) : null}
      {p.reason ? <div>{t('proposals.reason', { reason: p.reason })}</div> : null}
      {p.decidedAt && p.status !== 'proposed' ? <div className="muted">{t('proposals.decided', { by: p.decidedBy ?? '', time: formatDateTime(p.decidedAt) })}</div> : null}
    </>
  );
}

/** One direction's list with its outcome filter and paging. */
function ProposalList({ siteId, direction, inTab = false }: { siteId: number; direction: Direction; inTab?: boolean }) {
  const { t } = useTranslation();
  const headingId = useId();
  const [status, setStatus] = useState<Outcome | ''>('');
  const [page, setPage] = useState(1);
  const [data, setData] = useState<ProposalPage | null>(null);
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(async () => {
    try {
      setError(null);
      setData(await api.get<ProposalPage>(`/sites/${siteId}/proposals`, { direction, status, page }));
    } catch (e) {
      setError(e);
    }
  }, [siteId, direction, status, page]);
  useEffect(() => {
    void load();
  }, [load]);

  const counts = data?.countsByStatus;
  const total = counts ? OUTCOMES.reduce((n, o) => n + counts[o], 0) : 0;
  const pages = data ? Math.max(1, Math.ceil(data.total / data.pageSize)) : 1;

  return (
    <section aria-labelledby={headingId}>
      {/* Under a tab the tab names the list already; the heading stays for screen-reader navigation. */}
      <h2 id={headingId} className={inTab ? 'visually-hidden' : undefined}>
        {t(`proposals.${direction}`)}
      </h2>
      <p>{t(`proposals.${direction}Intro`)}</p>
      <ErrorMessage error={error} />
      <div className="narrow-field">
        <SelectField
          label={t('proposals.status')}
          value={status}
          onChange={(e) => {
            setStatus(e.target.value as Outcome | '');
            setPage(1);
          }}
        >
          <option value="">{t('proposals.all', { count: total })}</option>
          {OUTCOMES.map((o) => (
            <option key={o} value={o}>
              {t('proposals.statusOption', { label: t(`proposals.outcomes.${o}`), count: counts?.[o] ?? 0 })}
            </option>
          ))}
        </SelectField>
      </div>
      {data === null ? (
        <p>{t('common.loading')}</p>
      ) : data.items.length === 0 ? (
        <p>{t('proposals.empty')}</p>
      ) : (
        <TableScroll label={t(`proposals.${direction}`)}>
          <table data-testid={`proposals-${direction}`}>
            <thead>
              <tr>
                <th scope="col">{t('proposals.item')}</th>
                <th scope="col">{direction === 'outgoing' ? t('proposals.target') : t('proposals.source')}</th>
                <th scope="col">{t('proposals.date')}</th>
                <th scope="col">{t('proposals.outcome')}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((p) => (
                <tr key={p.id}>
                  <th scope="row">
                    {direction === 'incoming' ? (
                      p.copyArticleId !== null ? (
                        <Link to={`/articles/${p.copyArticleId}`}>{p.original.title}</Link>
                      ) : (
                        <>
                          {p.original.title} <span className="muted">{t('proposals.removed')}</span>
                        </>
                      )
                    ) : (
                      <Link to={`/articles/${p.original.id}`}>{p.original.title}</Link>
                    )}
                    {p.createdBy ? <div className="muted cell-note">{t('proposals.by', { name: p.createdBy.name })}</div> : null}
                    {p.note ? <div className="cell-note">{t('proposals.note', { note: p.note })}</div> : null}
                  </th>
                  <td>{direction === 'outgoing' ? p.targetSite.name : p.original.site.name}</td>
                  <td>{formatDateTime(p.createdAt)}</td>
                  <td>
                    <Outcome p={p} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {pages > 1 ? (
        <nav aria-label={t('proposals.pagination')} className="pager">
          <button type="button" disabled={page <= 1} onClick={() => setPage(page - 1)}>
            {t('proposals.previous')}
          </button>
          <span>{t('proposals.page', { page, pages })}</span>
          <button type="button" disabled={page >= pages} onClick={() => setPage(page + 1)}>
            {t('proposals.next')}
          </button>
        </nav>
      ) : null}
    </section>
  );
}

/** The proposals screen. */
export function ProposalsPage() {
  const { t } = useTranslation();
  const { siteId } = useParams();
  const session = useSession();
  const id = Number(siteId);
  const site = session.sites.find((s) => s.id === id) ?? null;
  const editor = session.isNetworkAdmin || (site?.roles ?? []).some((r) => r === 'editor' || r === 'chief_editor');
  const [tab, setTab] = useState<Direction>('outgoing');
  const title = site ? `${t('proposals.title')} — ${site.name}` : t('proposals.title');

  if (!Number.isInteger(id) || id <= 0) {
    return (
      <Page title={t('proposals.title')}>
        <p>{t('proposals.noSite')}</p>
      </Page>
    );
  }
  return (
    <Page title={title}>
      {editor ? (
        <Tabs
          label={t('proposals.tabsLabel')}
          selected={tab}
          onSelect={(v) => setTab(v as Direction)}
          tabs={(['outgoing', 'incoming'] as const).map((d) => ({ id: d, label: t(`proposals.${d}`), panel: () => <ProposalList key={`${id}-${d}`} siteId={id} direction={d} inTab /> }))}
        />
      ) : (
        <ProposalList siteId={id} direction="outgoing" />
      )}
    </Page>
  );
}
