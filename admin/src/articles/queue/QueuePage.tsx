/**
 * The article queues of a site (issue "Newsroom web UI", item 2): one tab per state with its
 * count, filters kept in the URL query (shareable; the back button works), a results table and
 * pagination. Talks to GET /articles (rows and counts within what the person may see),
 * /sites/:id/authors, /organisations, /sites/:id/categories and /sites/:id/queue-details.
 */
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { Link, useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import type { ArticleState } from '../../api/types.ts';
import { useSession } from '../../session/session.tsx';
import { Page } from '../../ui/Page.tsx';
import { ErrorMessage } from '../../ui/ErrorMessage.tsx';
import { SelectField, TextField } from '../../ui/Field.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { ARTICLE_TYPES, QUEUE_TABS, activeFilterCount, filtersToApiQuery, filtersToSearch, hasFilters, readFilters, type QueueFilters } from './queue-query.ts';

/** One row of GET /articles. */
interface QueueItem {
  id: number;
  type: string;
  state: ArticleState;
  title: string;
  author: { id: number; name: string | null } | null;
  publishedAt: string | null;
  scheduleError: string | null;
  updatedAt: string;
  followsOrigin: boolean;
}

interface QueueAnswer {
  items: QueueItem[];
  total: number;
  page: number;
  pageSize: number;
  countsByState: Record<ArticleState, number>;
}

interface RowDetails {
  articleId: number;
  categoryIds: number[];
  lastReason: { action: string; reason: string; by: string; at: string } | null;
}

interface Choice {
  id: number;
  name: string;
}

/** The filter choices of a site: authors, organisations, categories (each empty when not available). */
function useChoices(siteId: number) {
  const [authors, setAuthors] = useState<Choice[]>([]);
  const [organisations, setOrganisations] = useState<Choice[]>([]);
  const [categories, setCategories] = useState<(Choice & { depth: number })[]>([]);
  useEffect(() => {
    const controller = new AbortController();
    const signal = controller.signal;
    api
      .get<{ items: { id: number; displayName: string }[] }>(`/sites/${siteId}/authors`, undefined, { signal })
      .then((r) => setAuthors(r.items.map((a) => ({ id: a.id, name: a.displayName }))))
      .catch(() => setAuthors([]));
    api
      .get<{ items: { id: number; name: string; shortName: string | null }[] }>('/organisations', undefined, { signal })
      .then((r) => setOrganisations(r.items.map((o) => ({ id: o.id, name: o.shortName ? `${o.name} (${o.shortName})` : o.name }))))
      .catch(() => setOrganisations([]));
    api
      .get<{ items: { id: number; name: string; parentId: number | null }[] }>(`/sites/${siteId}/categories`, undefined, { signal })
      .then((r) => {
        const parents = new Map(r.items.map((c) => [c.id, c.parentId]));
        const depth = (id: number): number => {
          let d = 0;
          for (let p = parents.get(id) ?? null; p !== null && d < 10; p = parents.get(p) ?? null) d++;
          return d;
        };
        setCategories(r.items.map((c) => ({ id: c.id, name: c.name, depth: depth(c.id) })));
      })
      .catch(() => setCategories([]));
    return () => controller.abort();
  }, [siteId]);
  return { authors, organisations, categories };
}

/** The filter form; its fields start from the URL and apply on submit. */
function FilterForm({ filters, choices, onApply, clearTo }: { filters: QueueFilters; choices: ReturnType<typeof useChoices>; onApply(f: QueueFilters): void; clearTo: string }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(filters);
  const set = <K extends keyof QueueFilters>(key: K, value: QueueFilters[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onApply({ ...draft, page: 1 });
  };
  // Open on wide screens and whenever a filter is in use; folded on phones so results come first.
  const [open] = useState(() => hasFilters(filters) || typeof window.matchMedia !== 'function' || window.matchMedia('(min-width: 40.01rem)').matches);
  const active = activeFilterCount(filters);
  return (
    <details className="queue-filters" open={open}>
      <summary>{active > 0 ? t('queue.filters.summaryActive', { count: active }) : t('queue.filters.summary')}</summary>
    <form role="search" aria-label={t('queue.filters.label')} onSubmit={submit}>
      <div className="queue-filters-grid">
        <TextField label={t('queue.filters.q')} type="search" name="q" value={draft.q} maxLength={200} onChange={(e) => set('q', e.target.value)} />
        {choices.categories.length > 0 ? (
          <SelectField label={t('queue.filters.category')} name="categoryId" value={draft.categoryId} onChange={(e) => set('categoryId', e.target.value)}>
            <option value="">{t('queue.filters.any')}</option>
            {choices.categories.map((c) => (
              <option key={c.id} value={String(c.id)}>
                {'\u00a0\u00a0'.repeat(c.depth) + c.name}
              </option>
            ))}
          </SelectField>
        ) : null}
        <SelectField label={t('queue.filters.author')} name="authorId" value={draft.mine ? '' : draft.authorId} disabled={draft.mine} onChange={(e) => set('authorId', e.target.value)}>
          <option value="">{t('queue.filters.any')}</option>
          {choices.authors.map((a) => (
            <option key={a.id} value={String(a.id)}>
              {a.name}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('queue.filters.organisation')} name="organisationId" value={draft.organisationId} onChange={(e) => set('organisationId', e.target.value)}>
          <option value="">{t('queue.filters.any')}</option>
          {choices.organisations.map((o) => (
            <option key={o.id} value={String(o.id)}>
              {o.name}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('queue.filters.type')} name="type" value={draft.type} onChange={(e) => set('type', e.target.value)}>
          <option value="">{t('queue.filters.any')}</option>
          {ARTICLE_TYPES.map((type) => (
            <option key={type} value={type}>
              {t(`queue.types.${type}`)}
            </option>
          ))}
        </SelectField>
        <TextField label={t('queue.filters.from')} hint={t('queue.filters.dateHint')} type="date" name="from" value={draft.from} max={draft.to || undefined} onChange={(e) => set('from', e.target.value)} />
        <TextField label={t('queue.filters.to')} hint={t('queue.filters.dateHint')} type="date" name="to" value={draft.to} min={draft.from || undefined} onChange={(e) => set('to', e.target.value)} />
      </div>
      <div className="queue-filters-actions">
        <label className="checkbox">
          <input type="checkbox" name="mine" checked={draft.mine} onChange={(e) => set('mine', e.target.checked)} />
          {t('queue.filters.mine')}
        </label>
        <button type="submit" className="primary">
          {t('queue.filters.apply')}
        </button>
        <Link to={clearTo} className="button">
          {t('queue.filters.clear')}
        </Link>
      </div>
    </form>
    </details>
  );
}

/** The queue screen of `sites/:siteId/articles`. */
export function QueuePage() {
  const { t } = useTranslation();
  const params = useParams();
  const siteId = Number(params.siteId);
  const [search] = useSearchParams();
  const location = useLocation();
  const navigate = useNavigate();
  const session = useSession();
  const site = session.sites.find((s) => s.id === siteId) ?? null;
  const filters = useMemo(() => readFilters(search), [search]);
  const choices = useChoices(siteId);
  const [answer, setAnswer] = useState<QueueAnswer | null>(null);
  const [details, setDetails] = useState<Map<number, RowDetails>>(new Map());
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);

  // A shared link to another of the person's sites makes it the current one.
  useEffect(() => {
    if (site && session.currentSite?.id !== site.id) session.selectSite(site.id);
  }, [site, session]);

  useEffect(() => {
    if (!site) return;
    const controller = new AbortController();
    setLoading(true);
    setError(null);
    (async () => {
      const result = await api.get<QueueAnswer>('/articles', filtersToApiQuery(siteId, filters), { signal: controller.signal });
      let extra = new Map<number, RowDetails>();
      if (result.items.length > 0) {
        try {
          const d = await api.get<{ items: RowDetails[] }>(`/sites/${siteId}/queue-details`, { articleIds: result.items.map((i) => i.id).join(',') }, { signal: controller.signal });
          extra = new Map(d.items.map((i) => [i.articleId, i]));
        } catch (e) {
          if (controller.signal.aborted) throw e;
        }
      }
      setAnswer(result);
      setDetails(extra);
      setLoading(false);
    })().catch((e: unknown) => {
      if (controller.signal.aborted) return;
      setError(e);
      setLoading(false);
    });
    return () => controller.abort();
  }, [site, siteId, filters]);

  if (!site) {
    return (
      <Page title={t('queue.title')}>
        <p className="alert alert-warn">{t('queue.unknownSite')}</p>
      </Page>
    );
  }

  const base = `/sites/${site.id}/articles`;
  const tabName = filters.state ? t(`common.states.${filters.state}`) : t('queue.all');
  const counts = answer?.countsByState;
  const allCount = counts ? Object.values(counts).reduce((a, b) => a + b, 0) : null;
  const total = answer?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / (answer?.pageSize ?? 20)));
  const categoryNames = new Map(choices.categories.map((c) => [c.id, c.name]));
  const mayCreate = site.allowedActions.includes('article.create');
  const filtered = hasFilters(filters);
  const clearTo = base + filtersToSearch({ state: filters.state });

  const tabs: { state: ArticleState | ''; label: string; count: number | null }[] = [
    { state: '', label: t('queue.all'), count: allCount },
    ...QUEUE_TABS.map((s) => ({ state: s, label: t(`common.states.${s}`), count: counts ? counts[s] ?? 0 : null })),
  ];

  const emptyText = filtered ? t('queue.empty.filtered') : filters.state ? t('queue.empty.state', { tab: tabName }) : t('queue.empty.all');

  return (
    <Page
      title={t('queue.title')}
      actions={
        mayCreate ? (
          <Link className="button primary" to={`/articles/new?siteId=${site.id}`}>
            {t('queue.newArticle')}
          </Link>
        ) : null
      }
    >
      <p className="queue-site">{site.name}</p>
      <nav aria-label={t('queue.tabsLabel')}>
        <ul className="tabs queue-tabs">
          {tabs.map((tab) => {
            const current = tab.state === filters.state;
            return (
              <li key={tab.state || 'all'}>
                <Link to={base + filtersToSearch({ ...filters, state: tab.state, page: 1 })} aria-current={current ? 'page' : undefined}>
                  {tab.label}
                  {tab.count !== null ? <span className="tab-count"> {tab.count}</span> : null}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>

      <FilterForm key={location.search} filters={filters} choices={choices} clearTo={clearTo} onApply={(f) => navigate(base + filtersToSearch({ ...f, state: filters.state }))} />

      <p role="status" className="queue-status">
        {loading ? t('queue.status.loading') : answer ? t(filtered ? 'queue.status.foundFiltered' : 'queue.status.found', { count: total }) : ''}
      </p>
      <ErrorMessage error={error} />

      {answer && answer.items.length === 0 && !loading ? (
        <div className="queue-empty">
          <p>{filters.mine && !filtered ? t('queue.empty.mine') : emptyText}</p>
          {filtered ? <Link to={clearTo}>{t('queue.filters.clear')}</Link> : null}
        </div>
      ) : null}

      {answer && answer.items.length > 0 ? (
        <table className="queue-table" aria-busy={loading}>
          <caption>{t('queue.table.caption', { tab: tabName, count: total, page: filters.page, pages })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('queue.table.title')}</th>
              <th scope="col">{t('queue.table.state')}</th>
              <th scope="col">{t('queue.table.author')}</th>
              <th scope="col">{t('queue.table.category')}</th>
              <th scope="col">{t('queue.table.updated')}</th>
              <th scope="col">{t('queue.table.note')}</th>
            </tr>
          </thead>
          <tbody>
            {answer.items.map((item) => {
              const d = details.get(item.id);
              const reasonShown = d?.lastReason && ['returned', 'rejected', 'withdrawn'].includes(item.state);
              return (
                <tr key={item.id}>
                  <th scope="row" data-label={t('queue.table.title')}>
                    <Link to={`/articles/${item.id}`}>{item.title}</Link>
                    <span className="queue-type"> {t(`queue.types.${item.type}`, { defaultValue: item.type })}</span>
                    {item.followsOrigin ? <span className="queue-type"> · {t('queue.table.follows')}</span> : null}
                  </th>
                  <td data-label={t('queue.table.state')}>
                    <span className={`badge state-${item.state}`}>{t(`common.states.${item.state}`)}</span>
                  </td>
                  <td data-label={t('queue.table.author')}>{item.author?.name ?? t('queue.table.noAuthor')}</td>
                  <td data-label={t('queue.table.category')} className={d && d.categoryIds.length > 0 ? undefined : 'queue-cell-empty'}>{d && d.categoryIds.length > 0 ? d.categoryIds.map((id) => categoryNames.get(id) ?? `#${id}`).join(', ') : '—'}</td>
                  <td data-label={t('queue.table.updated')}>
                    <time dateTime={item.updatedAt}>{formatDateTime(item.updatedAt)}</time>
                  </td>
                  <td data-label={t('queue.table.note')} className={item.state !== 'scheduled' && !item.scheduleError && !reasonShown ? 'queue-cell-empty' : undefined}>
                    {item.state === 'scheduled' && item.publishedAt ? <div>{t('queue.table.scheduledFor', { time: formatDateTime(item.publishedAt) })}</div> : null}
                    {item.scheduleError ? <div className="queue-error">{t('queue.table.scheduleError', { error: item.scheduleError })}</div> : null}
                    {reasonShown ? <div className="queue-reason">{t('queue.table.reason', { by: d!.lastReason!.by, reason: d!.lastReason!.reason })}</div> : null}
                    {item.state !== 'scheduled' && !item.scheduleError && !reasonShown ? '—' : null}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}

      {answer && pages > 1 ? (
        <nav className="pagination" aria-label={t('queue.pagination.label')}>
          {filters.page > 1 ? (
            <Link rel="prev" to={base + filtersToSearch({ ...filters, page: filters.page - 1 })}>
              {t('queue.pagination.previous')}
            </Link>
          ) : null}
          <span>{t('queue.pagination.position', { page: filters.page, pages })}</span>
          {filters.page < pages ? (
            <Link rel="next" to={base + filtersToSearch({ ...filters, page: filters.page + 1 })}>
              {t('queue.pagination.next')}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </Page>
  );
}
