/**
 * The article in the network.
 * - A copy (syndicated or proposed; `origin` set): where it came from, whether it still follows
 *   its original, and "Tách khỏi bài gốc" (POST /articles/:id/detach) behind a confirmation.
 * - An original: where it was carried (GET /articles/:id/syndication — per receiving site the
 *   status, the fan-out job's state and last error, the copy's link), "Gửi xuống mạng lưới"
 *   (POST /articles/:id/syndicate to the network, kinds of site or chosen sites) and "Đề xuất
 *   lên trang khác" (POST /articles/:id/proposals to a target of GET
 *   /sites/:siteId/proposal-targets). Each action shows only when `allowedActions` has it.
 */
import { useCallback, useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api, ApiError } from '../../api/client.ts';
import { Dialog } from '../../ui/Dialog.tsx';
import { ErrorMessage } from '../../ui/ErrorMessage.tsx';
import { SelectField, TextAreaField } from '../../ui/Field.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { allows, StatusLine, TableScroll, type PanelArticle } from './shared.tsx';

const SITE_KINDS = ['ministry_portal', 'unit_page', 'provincial_department'] as const;

interface JobView {
  kind: string;
  state: string;
  attempts: number;
  lastError: string | null;
}
interface SyndicationItem {
  syndicationId: number;
  site: { id: number; key: string; name: string };
  status: string;
  statusLabel: string;
  sentAt: string;
  copy: { id: number; stateLabel: string; publicUrl: string | null; visible: boolean } | null;
  job: JobView | null;
}
interface SyndicationView {
  items: SyndicationItem[];
  allowedTargets: { id: number; key: string; name: string; kind: string; sent: boolean }[];
}
interface ProposalTarget {
  id: number;
  key: string;
  name: string;
}

/** Where an original was carried, and the dialog that sends it further. */
function Carried({ article, onChanged }: { article: PanelArticle; onChanged(): void }) {
  const { t } = useTranslation();
  const headingId = useId();
  const [view, setView] = useState<SyndicationView | null>(null);
  const [hidden, setHidden] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [open, setOpen] = useState(false);
  const [audience, setAudience] = useState<'network' | 'kinds' | 'sites'>('network');
  const [kinds, setKinds] = useState<string[]>([]);
  const [siteIds, setSiteIds] = useState<number[]>([]);
  const [note, setNote] = useState('');
  const [formError, setFormError] = useState<unknown>(null);
  const [choiceError, setChoiceError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const polls = useRef(0);

  const load = useCallback(async () => {
    try {
      const answer = await api.get<SyndicationView>(`/articles/${article.id}/syndication`);
      setView(answer);
      return answer;
    } catch (e) {
      // Writers may not see where an item was carried: the section is left out for them.
      if (e instanceof ApiError && e.status === 403) setHidden(true);
      else setError(e);
      return null;
    }
  }, [article.id]);

  useEffect(() => {
    void load();
  }, [load]);

  // While copies are being made (jobs pending or running), look again every second for a while.
  useEffect(() => {
    const busyJobs = view?.items.some((i) => i.status === 'pending' || i.job?.state === 'pending' || i.job?.state === 'running');
    if (!busyJobs || polls.current > 30) return;
    const timer = setTimeout(() => {
      polls.current++;
      void load();
    }, 1000);
    return () => clearTimeout(timer);
  }, [view, load]);

  async function send(event: FormEvent) {
    event.preventDefault();
    setFormError(null);
    setChoiceError(null);
    if (audience === 'kinds' && kinds.length === 0) return setChoiceError(t('history.network.chooseKind'));
    if (audience === 'sites' && siteIds.length === 0) return setChoiceError(t('history.network.chooseSite'));
    const to = audience === 'network' ? 'network' : audience === 'kinds' ? { kinds } : { siteIds };
    setBusy(true);
    try {
      const answer = await api.post<{ added: unknown[]; retried: unknown[]; already: unknown[]; syndication: SyndicationView }>(`/articles/${article.id}/syndicate`, { to, note: note.trim() || undefined });
      setView(answer.syndication);
      polls.current = 0;
      setMessage(t('history.network.sent', { added: answer.added.length + answer.retried.length, already: answer.already.length }));
      setOpen(false);
      setNote('');
      setSiteIds([]);
      setKinds([]);
      onChanged();
    } catch (e) {
      if (e instanceof ApiError && e.fieldMessage('to')) setChoiceError(e.fieldMessage('to')!);
      else setFormError(e);
    } finally {
      setBusy(false);
    }
  }

  if (hidden) return null;
  const mayPick = view?.allowedTargets ?? [];
  const toggle = <T,>(list: T[], value: T, on: boolean) => (on ? [...list, value] : list.filter((v) => v !== value));

  return (
    <section aria-labelledby={headingId}>
      <h3 id={headingId}>{t('history.network.carriedHeading')}</h3>
      <StatusLine message={message} />
      <ErrorMessage error={error} />
      {allows(article.allowedActions, 'article.syndicate') ? (
        <p>
          <button type="button" className="primary" onClick={() => setOpen(true)}>
            {t('history.network.syndicate')}
          </button>
        </p>
      ) : null}
      {view === null ? (
        <p>{t('common.loading')}</p>
      ) : view.items.length === 0 ? (
        <p>{t('history.network.carriedEmpty')}</p>
      ) : (
        <>
          <p>
            {t('history.network.counts', { total: view.items.length })}{' '}
            <button type="button" onClick={() => void load()}>
              {t('history.network.refresh')}
            </button>
          </p>
          <TableScroll label={t('history.network.carriedHeading')}>
            <table className="carried-table" data-testid="syndication-list">
              <thead>
                <tr>
                  <th scope="col">{t('history.network.site')}</th>
                  <th scope="col">{t('history.network.status')}</th>
                  <th scope="col">{t('history.network.copy')}</th>
                  <th scope="col">{t('history.network.job')}</th>
                  <th scope="col">{t('history.network.sentAt')}</th>
                </tr>
              </thead>
              <tbody>
                {view.items.map((item) => (
                  <tr key={item.syndicationId}>
                    <th scope="row">{item.site.name}</th>
                    <td>
                      <span className={`badge badge-syn-${item.status}`}>{item.statusLabel}</span>
                    </td>
                    <td>
                      {item.copy ? (
                        <>
                          {item.copy.stateLabel}
                          {item.copy.visible && item.copy.publicUrl ? (
                            <>
                              {' · '}
                              <a href={item.copy.publicUrl} target="_blank" rel="noopener">
                                {t('history.network.copyLink')}
                                <span className="visually-hidden"> — {item.site.name}</span>
                              </a>
                            </>
                          ) : (
                            <> · {t('history.network.copyNotPublic')}</>
                          )}
                        </>
                      ) : (
                        '—'
                      )}
                    </td>
                    <td>
                      {item.job ? (
                        <>
                          {t(`history.network.jobKinds.${item.job.kind}`, { defaultValue: item.job.kind })}:{' '}
                          {t('history.network.jobLine', { state: t(`history.network.jobStates.${item.job.state}`, { defaultValue: item.job.state }), attempts: item.job.attempts })}
                          {item.job.lastError ? <div className="field-error">{t('history.network.lastError', { error: item.job.lastError })}</div> : null}
                        </>
                      ) : (
                        '—'
                      )}
                    </td>
                    <td>{formatDateTime(item.sentAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </>
      )}
      <Dialog
        open={open}
        title={t('history.network.syndicateTitle')}
        onClose={() => {
          setOpen(false);
          setFormError(null);
          setChoiceError(null);
        }}
        footer={
          <button type="submit" form={`${headingId}-form`} className="primary" disabled={busy || mayPick.length === 0}>
            {t('history.network.send')}
          </button>
        }
      >
        <form id={`${headingId}-form`} onSubmit={send} noValidate>
          <p>{t('history.network.syndicateIntro')}</p>
          {mayPick.length === 0 ? <p className="alert alert-warn">{t('history.network.noTargets')}</p> : null}
          <fieldset className="choice-group">
            <legend>{t('history.network.audience')}</legend>
            {(['network', 'kinds', 'sites'] as const).map((a) => (
              <label key={a} className="checkbox">
                <input type="radio" name="audience" value={a} checked={audience === a} onChange={() => setAudience(a)} />
                {t(`history.network.to${a === 'network' ? 'Network' : a === 'kinds' ? 'Kinds' : 'Sites'}`)}
              </label>
            ))}
          </fieldset>
          {audience === 'kinds' ? (
            <fieldset className="choice-group" aria-describedby={choiceError ? `${headingId}-choice` : undefined}>
              <legend>{t('history.network.kindsLegend')}</legend>
              {SITE_KINDS.map((k) => (
                <label key={k} className="checkbox">
                  <input type="checkbox" checked={kinds.includes(k)} onChange={(e) => setKinds((old) => toggle(old, k, e.target.checked))} />
                  {t(`history.network.kinds.${k}`)}
                </label>
              ))}
            </fieldset>
          ) : null}
          {audience === 'sites' ? (
            <fieldset className="choice-group site-choices" aria-describedby={choiceError ? `${headingId}-choice` : undefined}>
              <legend>{t('history.network.sitesLegend')}</legend>
              {mayPick.map((s) => (
                <label key={s.id} className="checkbox">
                  <input type="checkbox" checked={siteIds.includes(s.id)} onChange={(e) => setSiteIds((old) => toggle(old, s.id, e.target.checked))} />
                  {s.name} {s.sent ? <span className="muted">{t('history.network.alreadySent')}</span> : null}
                </label>
              ))}
            </fieldset>
          ) : null}
          {choiceError ? (
            <div className="field-error" id={`${headingId}-choice`} role="alert">
              {choiceError}
            </div>
          ) : null}
          <TextAreaField label={t('history.network.note')} value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} rows={2} />
          <ErrorMessage error={formError} />
        </form>
      </Dialog>
    </section>
  );
}

/** The "propose to another site" action and its dialog. */
function Propose({ article }: { article: PanelArticle }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [targets, setTargets] = useState<ProposalTarget[] | null>(null);
  const [target, setTarget] = useState('');
  const [note, setNote] = useState('');
  const [targetError, setTargetError] = useState<string | undefined>(undefined);
  const [formError, setFormError] = useState<unknown>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const formId = useId();

  useEffect(() => {
    if (!open || targets !== null) return;
    api
      .get<{ items: ProposalTarget[] }>(`/sites/${article.siteId}/proposal-targets`)
      .then((answer) => {
        setTargets(answer.items);
        if (answer.items.length === 1) setTarget(String(answer.items[0]!.id));
      })
      .catch((e: unknown) => {
        setTargets([]);
        setFormError(e);
      });
  }, [open, targets, article.siteId]);

  async function send(event: FormEvent) {
    event.preventDefault();
    setTargetError(undefined);
    setFormError(null);
    if (!target) return setTargetError(t('history.network.chooseTarget'));
    setBusy(true);
    try {
      await api.post(`/articles/${article.id}/proposals`, { targetSiteId: Number(target), note: note.trim() || undefined });
      const name = targets?.find((s) => String(s.id) === target)?.name ?? '';
      setMessage(t('history.network.proposed', { site: name }));
      setOpen(false);
      setNote('');
    } catch (e) {
      if (e instanceof ApiError && e.fieldMessage('targetSiteId')) setTargetError(e.fieldMessage('targetSiteId'));
      else setFormError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="propose">
      <StatusLine message={message} />
      {message ? (
        <p>
          <Link to={`/sites/${article.siteId}/proposals`}>{t('history.network.proposalsLink')}</Link>
        </p>
      ) : null}
      <p>
        <button type="button" onClick={() => setOpen(true)}>
          {t('history.network.propose')}
        </button>
      </p>
      <Dialog
        open={open}
        title={t('history.network.proposeTitle')}
        onClose={() => {
          setOpen(false);
          setFormError(null);
          setTargetError(undefined);
        }}
        footer={
          <button type="submit" form={formId} className="primary" disabled={busy || targets === null || targets.length === 0}>
            {t('history.network.proposeSend')}
          </button>
        }
      >
        <form id={formId} onSubmit={send} noValidate>
          <p>{t('history.network.proposeIntro')}</p>
          {targets === null ? (
            <p>{t('common.loading')}</p>
          ) : targets.length === 0 ? (
            <p className="alert alert-warn">{t('history.network.noProposalTargets')}</p>
          ) : (
            <SelectField label={t('history.network.target')} value={target} onChange={(e) => setTarget(e.target.value)} error={targetError} required>
              <option value="">{t('history.network.chooseTarget')}</option>
              {targets.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </SelectField>
          )}
          <TextAreaField label={t('history.network.proposeNote')} value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} rows={2} />
          <ErrorMessage error={formError} />
        </form>
      </Dialog>
    </div>
  );
}

/** Origin of a copy, and detaching it. */
function Origin({ article, onChanged }: { article: PanelArticle; onChanged(): void }) {
  const { t } = useTranslation();
  const headingId = useId();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const origin = article.origin!;

  async function detach() {
    setBusy(true);
    setError(null);
    try {
      await api.post(`/articles/${article.id}/detach`, { revision: article.revision, reason: reason.trim() || undefined });
      setMessage(t('history.network.detached'));
      setOpen(false);
      onChanged();
    } catch (e) {
      setError(e);
      if (e instanceof ApiError && e.status === 409) onChanged();
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby={headingId}>
      <h3 id={headingId}>{t('history.network.originHeading')}</h3>
      <StatusLine message={message} />
      <p>
        {t('history.network.originFrom', { site: origin.siteName ?? `#${origin.siteId}` })}{' '}
        {origin.url ? (
          <a href={origin.url} target="_blank" rel="noopener">
            {t('history.network.originLink')}
          </a>
        ) : null}
      </p>
      <p className={article.followsOrigin ? 'alert alert-warn' : ''}>{article.followsOrigin ? t('history.network.following') : t('history.network.notFollowing')}</p>
      {article.followsOrigin && allows(article.allowedActions, 'article.detach') ? (
        <button type="button" className="danger" onClick={() => setOpen(true)}>
          {t('history.network.detach')}
        </button>
      ) : null}
      <Dialog
        open={open}
        title={t('history.network.detachTitle')}
        onClose={() => {
          setOpen(false);
          setError(null);
        }}
        footer={
          <button type="button" className="primary" onClick={() => void detach()} disabled={busy}>
            {t('history.network.detachConfirm')}
          </button>
        }
      >
        <p>{t('history.network.detachExplain')}</p>
        <TextAreaField label={t('history.network.detachReason')} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={2000} rows={2} />
        <ErrorMessage error={error} />
      </Dialog>
    </section>
  );
}

/** The network tab. */
export function NetworkPanel({ article, onChanged }: { article: PanelArticle; onChanged(): void }) {
  return (
    <>
      {article.origin ? <Origin article={article} onChanged={onChanged} /> : null}
      {allows(article.allowedActions, 'article.propose') ? <Propose article={article} /> : null}
      {!article.origin || !article.followsOrigin ? <Carried article={article} onChanged={onChanged} /> : null}
    </>
  );
}
