/**
 * An article's trail: its workflow events (GET /articles/:id/events: who moved it from which
 * state to which, when, why) and its audit log (GET /articles/:id/audit, newest first, paged
 * with `before`). Times are Vietnam time.
 */
import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { ErrorMessage } from '../../ui/ErrorMessage.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { TableScroll, type PanelArticle } from './shared.tsx';

interface ArticleEvent {
  id: number;
  action: string;
  fromState: string;
  toState: string;
  actorLabel: string;
  reason: string | null;
  at: string;
}
interface AuditEntry {
  id: number;
  at: string;
  actor: { type: string; id: number | null; label: string };
  action: string;
  details: Record<string, unknown>;
  address: string | null;
}

/** A short, readable line of an audit entry's details: reason, note, revision, states. */
function useDetailText() {
  const { t } = useTranslation();
  return (details: Record<string, unknown>): string => {
    const bits: string[] = [];
    const str = (k: string) => (typeof details[k] === 'string' && details[k] ? (details[k] as string) : null);
    const reason = str('reason');
    if (reason) bits.push(`${t('history.reason')}: ${reason}`);
    const note = str('note');
    if (note) bits.push(note);
    const from = str('from');
    const to = str('to');
    if (from && to && from !== to) bits.push(t('history.audit.stateChange', { from: t(`common.states.${from}`, { defaultValue: from }), to: t(`common.states.${to}`, { defaultValue: to }) }));
    if (typeof details.revision === 'number') bits.push(t('history.audit.revision', { n: details.revision }));
    return bits.join(' · ');
  };
}

/** The audit tab. */
export function AuditPanel({ article }: { article: PanelArticle }) {
  const { t } = useTranslation();
  const eventsId = useId();
  const auditId = useId();
  const detailText = useDetailText();
  const [events, setEvents] = useState<ArticleEvent[] | null>(null);
  const [entries, setEntries] = useState<AuditEntry[] | null>(null);
  const [nextBefore, setNextBefore] = useState<number | null>(null);
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(async () => {
    try {
      const [ev, au] = await Promise.all([
        api.get<{ items: ArticleEvent[] }>(`/articles/${article.id}/events`),
        api.get<{ entries: AuditEntry[]; nextBefore: number | null }>(`/articles/${article.id}/audit`, { limit: 50 }),
      ]);
      setEvents(ev.items);
      setEntries(au.entries);
      setNextBefore(au.nextBefore);
    } catch (e) {
      setError(e);
    }
  }, [article.id]);
  useEffect(() => {
    void load();
  }, [load, article.revision, article.state]);

  async function more() {
    if (nextBefore === null) return;
    try {
      const au = await api.get<{ entries: AuditEntry[]; nextBefore: number | null }>(`/articles/${article.id}/audit`, { limit: 50, before: nextBefore });
      setEntries((old) => [...(old ?? []), ...au.entries]);
      setNextBefore(au.nextBefore);
    } catch (e) {
      setError(e);
    }
  }

  const eventLabel = (a: string) => t(`history.audit.events.${a}`, { defaultValue: a });
  const auditLabel = (a: string) => t(`history.audit.auditActions.${a.replace(/\./g, '_')}`, { defaultValue: a });
  const showAddress = entries?.some((e) => e.address) ?? false;

  return (
    <>
      <ErrorMessage error={error} />
      <section aria-labelledby={eventsId}>
        <h3 id={eventsId}>{t('history.audit.eventsHeading')}</h3>
        {events === null ? (
          <p>{t('common.loading')}</p>
        ) : events.length === 0 ? (
          <p>{t('history.audit.eventsEmpty')}</p>
        ) : (
          <TableScroll label={t('history.audit.eventsHeading')}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('history.time')}</th>
                  <th scope="col">{t('history.audit.action')}</th>
                  <th scope="col">{t('history.audit.change')}</th>
                  <th scope="col">{t('history.actor')}</th>
                  <th scope="col">{t('history.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {[...events].reverse().map((e) => (
                  <tr key={e.id}>
                    <td>{formatDateTime(e.at)}</td>
                    <td>{eventLabel(e.action)}</td>
                    <td>
                      {e.fromState === e.toState
                        ? t(`common.states.${e.toState}`, { defaultValue: e.toState })
                        : t('history.audit.stateChange', { from: t(`common.states.${e.fromState}`, { defaultValue: e.fromState }), to: t(`common.states.${e.toState}`, { defaultValue: e.toState }) })}
                    </td>
                    <td>{e.actorLabel}</td>
                    <td>{e.reason ?? ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>
      <section aria-labelledby={auditId}>
        <h3 id={auditId}>{t('history.audit.auditHeading')}</h3>
        {entries === null ? (
          <p>{t('common.loading')}</p>
        ) : entries.length === 0 ? (
          <p>{t('history.audit.auditEmpty')}</p>
        ) : (
          <>
            <TableScroll label={t('history.audit.auditHeading')}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('history.time')}</th>
                    <th scope="col">{t('history.audit.action')}</th>
                    <th scope="col">{t('history.actor')}</th>
                    <th scope="col">{t('history.audit.details')}</th>
                    {showAddress ? <th scope="col">{t('history.audit.address')}</th> : null}
                  </tr>
                </thead>
                <tbody>
                  {entries.map((e) => (
                    <tr key={e.id}>
                      <td>{formatDateTime(e.at)}</td>
                      <td>{auditLabel(e.action)}</td>
                      <td>{e.actor.label}</td>
                      <td>{detailText(e.details)}</td>
                      {showAddress ? <td>{e.address ?? ''}</td> : null}
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
            {nextBefore !== null ? (
              <button type="button" onClick={() => void more()}>
                {t('history.audit.more')}
              </button>
            ) : null}
          </>
        )}
      </section>
    </>
  );
}
