/**
 * The desk's queue ("Phản bác tin sai", route `rapid-response`): cases by deadline, soonest
 * first, overdue ones marked with a badge and the time overdue; tabs per state with counts;
 * filters (category, priority, overdue only, search) kept in the address; the staff entry form.
 */
import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useVocab } from './desk.ts';
import { api } from '../api/client.ts';
import { Page } from '../ui/Page.tsx';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';
import { SelectField, TextField } from '../ui/Field.tsx';
import { DeskGate } from './DeskGate.tsx';
import { Deadline } from './Deadline.tsx';
import { StaffReportDialog } from './StaffReportDialog.tsx';
import { deskAllows } from './desk.ts';
import { OPEN_STATES, type CaseList, type Desk } from './types.ts';

const PAGE_SIZE = 25;

interface Filters {
  state: string;
  category: string;
  priority: string;
  overdue: boolean;
  q: string;
  page: number;
}

function readFilters(search: URLSearchParams): Filters {
  const page = Number(search.get('page'));
  return {
    state: search.get('state') ?? '',
    category: search.get('category') ?? '',
    priority: search.get('priority') ?? '',
    overdue: search.get('overdue') === 'true',
    q: search.get('q') ?? '',
    page: Number.isInteger(page) && page > 0 ? page : 1,
  };
}

function toSearch(f: Partial<Filters>): string {
  const p = new URLSearchParams();
  if (f.state) p.set('state', f.state);
  if (f.category) p.set('category', f.category);
  if (f.priority) p.set('priority', f.priority);
  if (f.overdue) p.set('overdue', 'true');
  if (f.q) p.set('q', f.q);
  if (f.page && f.page > 1) p.set('page', String(f.page));
  const s = p.toString();
  return s ? `?${s}` : '';
}

function FilterForm({ desk, filters, onApply }: { desk: Desk; filters: Filters; onApply(f: Filters): void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(filters);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onApply({ ...draft, q: draft.q.trim(), page: 1 });
  };
  return (
    <form className="queue-filters rr-filters" role="search" aria-label={t('rapidResponse.queue.filters.label')} onSubmit={submit}>
      <div className="queue-filters-grid">
        <TextField label={t('rapidResponse.queue.filters.q')} type="search" value={draft.q} onChange={(e) => setDraft({ ...draft, q: e.target.value })} />
        <SelectField label={t('rapidResponse.queue.filters.category')} value={draft.category} onChange={(e) => setDraft({ ...draft, category: e.target.value })}>
          <option value="">{t('rapidResponse.queue.filters.any')}</option>
          {desk.categories.map((c) => (
            <option key={c.key} value={c.key}>
              {c.label}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('rapidResponse.queue.filters.priority')} value={draft.priority} onChange={(e) => setDraft({ ...draft, priority: e.target.value })}>
          <option value="">{t('rapidResponse.queue.filters.any')}</option>
          {desk.priorities.map((p) => (
            <option key={p.key} value={p.key}>
              {t('rapidResponse.priorityWithHours', { label: p.label, hours: p.deadlineHours })}
            </option>
          ))}
        </SelectField>
      </div>
      <div className="queue-filters-actions">
        <label className="checkbox">
          <input type="checkbox" checked={draft.overdue} onChange={(e) => setDraft({ ...draft, overdue: e.target.checked })} />
          {t('rapidResponse.queue.filters.overdue')}
        </label>
        <button type="submit" className="primary">
          {t('rapidResponse.queue.filters.apply')}
        </button>
        <Link to={`/rapid-response${toSearch({ state: filters.state })}`}>{t('rapidResponse.queue.filters.clear')}</Link>
      </div>
    </form>
  );
}

function Queue({ desk }: { desk: Desk }) {
  const { t } = useTranslation();
  const vocab = useVocab();
  const [search] = useSearchParams();
  const location = useLocation();
  const navigate = useNavigate();
  const filters = useMemo(() => readFilters(search), [search]);
  const [answer, setAnswer] = useState<CaseList | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const [entryOpen, setEntryOpen] = useState(false);
  const [reloads, setReloads] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    setError(null);
    api
      .get<CaseList>(
        '/rapid-response/cases',
        { state: filters.state, category: filters.category, priority: filters.priority, overdue: filters.overdue, q: filters.q, page: filters.page, pageSize: PAGE_SIZE },
        { signal: controller.signal },
      )
      .then((a) => {
        setAnswer(a);
        setLoading(false);
      })
      .catch((e: unknown) => {
        if (controller.signal.aborted) return;
        setError(e);
        setLoading(false);
      });
    return () => controller.abort();
  }, [filters, reloads]);

  const reload = useCallback(() => setReloads((n) => n + 1), []);
  const mayEnter = deskAllows(desk, 'case.manage') || deskAllows(desk, 'case.report');
  const counts = answer?.countsByState ?? null;
  const allCount = counts ? Object.values(counts).reduce((a, b) => a + (b ?? 0), 0) : null;
  const tabs = [{ key: '', label: t('rapidResponse.queue.all'), count: allCount }, ...desk.states.map((s) => ({ key: s.key as string, label: s.label, count: counts ? counts[s.key] ?? 0 : null }))];
  const tabName = tabs.find((x) => x.key === filters.state)?.label ?? t('rapidResponse.queue.all');
  const total = answer?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / (answer?.pageSize ?? PAGE_SIZE)));
  const filtered = Boolean(filters.category || filters.priority || filters.overdue || filters.q);

  return (
    <Page
      title={t('rapidResponse.queue.title')}
      actions={
        <>
          {mayEnter ? (
            <button type="button" className="primary" onClick={() => setEntryOpen(true)}>
              {t('rapidResponse.queue.enter')}
            </button>
          ) : null}
          <Link className="button" to="/rapid-response/figures">
            {t('rapidResponse.figures.title')}
          </Link>
        </>
      }
    >
      <p className="queue-site">{t('rapidResponse.queue.desk', { name: desk.deskSite.name })}</p>
      {answer && answer.overdueCount > 0 ? (
        <p className="alert alert-error rr-overdue-summary">
          <strong>{t('rapidResponse.queue.overdueCount', { count: answer.overdueCount })}</strong>{' '}
          {!filters.overdue ? <Link to={`/rapid-response${toSearch({ ...filters, overdue: true, page: 1 })}`}>{t('rapidResponse.queue.showOverdue')}</Link> : null}
        </p>
      ) : null}
      <nav aria-label={t('rapidResponse.queue.tabsLabel')}>
        <ul className="tabs queue-tabs">
          {tabs.map((tab) => (
            <li key={tab.key || 'all'}>
              <Link to={`/rapid-response${toSearch({ ...filters, state: tab.key, page: 1 })}`} aria-current={tab.key === filters.state ? 'page' : undefined}>
                {tab.label}
                {tab.count !== null ? <span className="tab-count"> {tab.count}</span> : null}
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      <FilterForm key={location.search} desk={desk} filters={filters} onApply={(f) => navigate(`/rapid-response${toSearch({ ...f, state: filters.state })}`)} />

      <p role="status" className="queue-status">
        {loading ? t('rapidResponse.queue.loading') : answer ? t('rapidResponse.queue.found', { count: total }) : ''}
      </p>
      <ErrorMessage error={error} />

      {answer && answer.items.length === 0 && !loading ? (
        <div className="queue-empty">
          <p>{filtered ? t('rapidResponse.queue.emptyFiltered') : t('rapidResponse.queue.empty')}</p>
        </div>
      ) : null}

      {answer && answer.items.length > 0 ? (
        <table className="queue-table rr-queue" aria-busy={loading}>
          <caption>{t('rapidResponse.queue.caption', { tab: tabName, count: total, page: filters.page, pages })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('rapidResponse.queue.col.case')}</th>
              <th scope="col">{t('rapidResponse.queue.col.deadline')}</th>
              <th scope="col">{t('rapidResponse.queue.col.state')}</th>
              <th scope="col" className="num">
                {t('rapidResponse.queue.col.reports')}
              </th>
              <th scope="col">{t('rapidResponse.queue.col.assignee')}</th>
              <th scope="col">{t('rapidResponse.queue.col.rating')}</th>
            </tr>
          </thead>
          <tbody>
            {answer.items.map((c) => (
              <tr key={c.id} className={c.overdue ? 'rr-row-overdue' : undefined}>
                <th scope="row" data-label={t('rapidResponse.queue.col.case')}>
                  <span className="rr-code">{c.code}</span> <Link to={`/rapid-response/cases/${c.id}`}>{c.title}</Link>
                  <span className="queue-type">
                    {vocab.category(c.category, c.categoryLabel)} · {vocab.priority(c.priority, c.priorityLabel)}
                    {c.organisation ? ` · ${c.organisation.name}` : ''}
                  </span>
                </th>
                <td data-label={t('rapidResponse.queue.col.deadline')}>
                  <Deadline deadlineAt={c.deadlineAt} overdue={c.overdue} open={OPEN_STATES.includes(c.state)} />
                </td>
                <td data-label={t('rapidResponse.queue.col.state')}>
                  <span className={`badge rr-state rr-state-${c.state}`}>{vocab.state(c.state, c.stateLabel)}</span>
                </td>
                <td className="num" data-label={t('rapidResponse.queue.col.reports')}>
                  {c.reportCount}
                </td>
                <td data-label={t('rapidResponse.queue.col.assignee')}>{c.assignee?.name ?? t('rapidResponse.unassigned')}</td>
                <td data-label={t('rapidResponse.queue.col.rating')}>{c.rating ? vocab.rating(c.rating.key, c.rating.label) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}

      {answer && pages > 1 ? (
        <nav className="pagination" aria-label={t('rapidResponse.queue.pagination')}>
          {filters.page > 1 ? (
            <Link rel="prev" to={`/rapid-response${toSearch({ ...filters, page: filters.page - 1 })}`}>
              {t('rapidResponse.queue.previous')}
            </Link>
          ) : null}
          <span>{t('rapidResponse.queue.position', { page: filters.page, pages })}</span>
          {filters.page < pages ? (
            <Link rel="next" to={`/rapid-response${toSearch({ ...filters, page: filters.page + 1 })}`}>
              {t('rapidResponse.queue.next')}
            </Link>
          ) : null}
        </nav>
      ) : null}

      {mayEnter ? <StaffReportDialog open={entryOpen} onClose={() => setEntryOpen(false)} onSaved={reload} /> : null}
    </Page>
  );
}

/** The queue screen. */
export function RapidResponseQueuePage() {
  return <DeskGate>{(desk) => <Queue desk={desk} />}</DeskGate>;
}
