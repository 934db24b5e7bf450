/**
 * One case (route `rapid-response/cases/:id`): the claim; category, priority, organisation and
 * assignee (editable with `case.manage`); the state with its allowed moves; the rating (with
 * `case.rate`); the linked rebuttal (create a draft or link an article); every report with its
 * link, description, contact details and screenshots; merge and split; the history.
 */
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api/client.ts';
import { Page } from '../ui/Page.tsx';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';
import { SelectField, TextAreaField, TextField } from '../ui/Field.tsx';
import { formatDateTime } from '../ui/format.ts';
import { DeskGate } from './DeskGate.tsx';
import { useVocab } from './desk.ts';
import { Deadline } from './Deadline.tsx';
import { MergeDialog, MoveDialog, RateDialog, SplitDialog } from './CaseDialogs.tsx';
import { CASE_MOVES, OPEN_STATES, type CaseDetail, type CaseReport, type CaseState, type Desk } from './types.ts';

interface Named {
  id: number;
  name: string;
}

function useChoices(enabled: boolean): { organisations: Named[]; assignees: Named[] } {
  const [organisations, setOrganisations] = useState<Named[]>([]);
  const [assignees, setAssignees] = useState<Named[]>([]);
  useEffect(() => {
    if (!enabled) return;
    api.get<{ items: Named[] }>('/organisations').then((a) => setOrganisations(a.items), () => setOrganisations([]));
    api.get<{ items: Named[] }>('/rapid-response/assignees').then((a) => setAssignees(a.items), () => setAssignees([]));
  }, [enabled]);
  return { organisations, assignees };
}

function EditForm({ item, desk, onSaved }: { item: CaseDetail; desk: Desk; onSaved(next: CaseDetail | null): void }) {
  const { t } = useTranslation();
  const { organisations, assignees } = useChoices(true);
  const initial = () => ({
    title: item.title,
    claimText: item.claimText,
    category: item.category,
    priority: item.priority,
    organisationId: item.organisation ? String(item.organisation.id) : '',
    assigneeUserId: item.assignee ? String(item.assignee.id) : '',
  });
  const [form, setForm] = useState(initial);
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState('');
  const [saving, setSaving] = useState(false);
  const fieldError = (f: string) => (error instanceof ApiError ? error.fieldMessage(f) : undefined);
  const set = (key: keyof ReturnType<typeof initial>) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [key]: e.target.value }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const start = initial();
    const body: Record<string, unknown> = {};
    if (form.title !== start.title) body.title = form.title;
    if (form.claimText !== start.claimText) body.claimText = form.claimText;
    if (form.category !== start.category) body.category = form.category;
    if (form.priority !== start.priority) body.priority = form.priority;
    if (form.organisationId !== start.organisationId) body.organisationId = form.organisationId ? Number(form.organisationId) : null;
    if (form.assigneeUserId !== start.assigneeUserId) body.assigneeUserId = form.assigneeUserId ? Number(form.assigneeUserId) : null;
    if (Object.keys(body).length === 0) {
      setStatus(t('rapidResponse.case.edit.unchanged'));
      return;
    }
    setSaving(true);
    setError(null);
    setStatus(t('common.saving'));
    try {
      const next = await api.patch<CaseDetail | undefined>(`/rapid-response/cases/${item.id}`, body);
      setStatus(t('rapidResponse.case.edit.saved'));
      onSaved(next && typeof next === 'object' && 'id' in next ? next : null);
    } catch (err) {
      setError(err);
      setStatus('');
    } finally {
      setSaving(false);
    }
  };

  // An assignee no longer on the list stays choosable.
  const assigneeChoices = item.assignee && !assignees.some((a) => a.id === item.assignee!.id) ? [item.assignee, ...assignees] : assignees;
  const organisationChoices = item.organisation && !organisations.some((o) => o.id === item.organisation!.id) ? [item.organisation, ...organisations] : organisations;

  return (
    <form className="panel rr-edit" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="rr-edit-heading">
      <h2 id="rr-edit-heading">{t('rapidResponse.case.edit.heading')}</h2>
      <ErrorMessage error={error} />
      <TextField label={t('rapidResponse.case.edit.title')} value={form.title} onChange={set('title')} error={fieldError('title')} />
      <TextAreaField label={t('rapidResponse.case.edit.claim')} value={form.claimText} onChange={set('claimText')} error={fieldError('claimText')} />
      <SelectField label={t('rapidResponse.case.category')} value={form.category} onChange={set('category')} error={fieldError('category')}>
        {desk.categories.map((c) => (
          <option key={c.key} value={c.key}>
            {c.label}
          </option>
        ))}
      </SelectField>
      <SelectField label={t('rapidResponse.case.priority')} value={form.priority} onChange={set('priority')} error={fieldError('priority')} hint={t('rapidResponse.case.edit.priorityHint')}>
        {desk.priorities.map((p) => (
          <option key={p.key} value={p.key}>
            {t('rapidResponse.priorityWithHours', { label: p.label, hours: p.deadlineHours })}
          </option>
        ))}
      </SelectField>
      <SelectField label={t('rapidResponse.case.organisation')} value={form.organisationId} onChange={set('organisationId')} error={fieldError('organisationId')}>
        <option value="">{t('rapidResponse.case.edit.noOrganisation')}</option>
        {organisationChoices.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </SelectField>
      <SelectField label={t('rapidResponse.case.assignee')} value={form.assigneeUserId} onChange={set('assigneeUserId')} error={fieldError('assigneeUserId')}>
        <option value="">{t('rapidResponse.unassigned')}</option>
        {assigneeChoices.map((a) => (
          <option key={a.id} value={a.id}>
            {a.name}
          </option>
        ))}
      </SelectField>
      <div className="rr-form-actions">
        <button type="submit" className="primary" disabled={saving}>
          {t('common.save')}
        </button>
        <span role="status" className="save-status">
          {status}
        </span>
      </div>
    </form>
  );
}

function RebuttalPanel({ item, mayManage, onLinked }: { item: CaseDetail; mayManage: boolean; onLinked(): void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [articleId, setArticleId] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const create = async () => {
    setBusy(true);
    setError(null);
    try {
      const answer = await api.post<{ articleId: number }>(`/rapid-response/cases/${item.id}/rebuttal`, { create: true });
      navigate(`/articles/${answer.articleId}`);
    } catch (err) {
      setError(err);
      setBusy(false);
    }
  };
  const link = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.post(`/rapid-response/cases/${item.id}/rebuttal`, { articleId: Number(articleId) });
      setArticleId('');
      onLinked();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };
  const r = item.rebuttal;
  return (
    <section className="panel" aria-labelledby="rr-rebuttal-heading">
      <h2 id="rr-rebuttal-heading">{t('rapidResponse.rebuttal.heading')}</h2>
      {r ? (
        <>
          <p>
            <Link to={`/articles/${r.articleId}`}>{r.title}</Link>{' '}
            <span className={`badge state-${r.state}`}>{t(`common.states.${r.state}`, { defaultValue: r.state })}</span>
          </p>
          {r.publicUrl ? (
            <p>
              <a href={r.publicUrl} target="_blank" rel="noopener">
                {t('rapidResponse.rebuttal.public')}
              </a>
            </p>
          ) : null}
          {item.answeredAt ? <p className="muted">{t('rapidResponse.rebuttal.answeredAt', { time: formatDateTime(item.answeredAt) })}</p> : null}
        </>
      ) : (
        <p className="muted">{t('rapidResponse.rebuttal.none')}</p>
      )}
      <ErrorMessage error={error} />
      {mayManage && !r && item.state !== 'merged' ? (
        <>
          <p>
            <button type="button" className="primary" onClick={() => void create()} disabled={busy}>
              {t('rapidResponse.rebuttal.create')}
            </button>
          </p>
          <form onSubmit={(e) => void link(e)} noValidate className="rr-link-form">
            <TextField label={t('rapidResponse.rebuttal.articleId')} inputMode="numeric" value={articleId} onChange={(e) => setArticleId(e.target.value)} error={error instanceof ApiError ? error.fieldMessage('articleId') : undefined} hint={t('rapidResponse.rebuttal.articleIdHint')} />
            <button type="submit" disabled={busy || !/^\d+$/.test(articleId.trim())}>
              {t('rapidResponse.rebuttal.link')}
            </button>
          </form>
        </>
      ) : null}
    </section>
  );
}

function Report({ report, selectable, selected, onSelect }: { report: CaseReport; selectable: boolean; selected: boolean; onSelect(on: boolean): void }) {
  const { t } = useTranslation();
  const headingId = `rr-report-${report.id}`;
  const contact = report.contact;
  const hasContact = contact && (contact.name || contact.email || contact.phone);
  return (
    <li className="rr-report" aria-labelledby={headingId}>
      <div className="rr-report-head">
        <h3 id={headingId}>
          {t('rapidResponse.report.heading')} <span className="rr-code">{report.trackingCode}</span>
        </h3>
        {selectable ? (
          <label className="checkbox rr-split-choice">
            <input type="checkbox" checked={selected} onChange={(e) => onSelect(e.target.checked)} />
            {t('rapidResponse.report.choose', { code: report.trackingCode })}
          </label>
        ) : null}
      </div>
      <dl className="rr-dl">
        <dt>{t('rapidResponse.report.received')}</dt>
        <dd>
          <time dateTime={report.createdAt}>{formatDateTime(report.createdAt)}</time> · {t(`rapidResponse.channels.${report.channel}`, { defaultValue: report.channelLabel ?? report.channel })}
          {report.site ? ` · ${report.site.name}` : ''}
        </dd>
        {report.url ? (
          <>
            <dt>{t('rapidResponse.report.url')}</dt>
            <dd className="rr-url">
              <a href={report.url} target="_blank" rel="noopener noreferrer nofollow">
                {report.url}
              </a>
            </dd>
          </>
        ) : null}
        {report.whereSeen ? (
          <>
            <dt>{t('rapidResponse.report.whereSeen')}</dt>
            <dd>{report.whereSeen}</dd>
          </>
        ) : null}
        <dt>{t('rapidResponse.report.description')}</dt>
        <dd className="rr-pre">{report.description}</dd>
        {hasContact ? (
          <>
            <dt>{t('rapidResponse.report.contact')}</dt>
            <dd>
              {[contact.name, contact.email, contact.phone].filter(Boolean).join(' · ')}
            </dd>
          </>
        ) : null}
      </dl>
      {report.files.length > 0 ? (
        <ul className="rr-thumbs" aria-label={t('rapidResponse.report.files', { count: report.files.length })}>
          {report.files.map((f, i) => (
            <li key={f.id}>
              <a href={f.url} target="_blank" rel="noopener">
                <img src={f.url} alt={t('rapidResponse.report.fileAlt', { code: report.trackingCode }) + (report.files.length > 1 ? ` (${i + 1}/${report.files.length})` : '')} width={f.width} height={f.height} loading="lazy" />
              </a>
            </li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}

function CaseScreen({ desk, id }: { desk: Desk; id: number }) {
  const { t } = useTranslation();
  const vocab = useVocab();
  const navigate = useNavigate();
  const [item, setItem] = useState<CaseDetail | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [moveTo, setMoveTo] = useState<CaseState | null>(null);
  const [rateOpen, setRateOpen] = useState(false);
  const [mergeOpen, setMergeOpen] = useState(false);
  const [splitOpen, setSplitOpen] = useState(false);
  const [selected, setSelected] = useState<number[]>([]);
  const [notice, setNotice] = useState('');
  const [version, setVersion] = useState(0);

  const load = useCallback(async () => {
    try {
      setItem(await api.get<CaseDetail>(`/rapid-response/cases/${id}`));
      setError(null);
    } catch (err) {
      setError(err);
    }
  }, [id]);

  useEffect(() => {
    setItem(null);
    setSelected([]);
    void load();
  }, [load]);

  if (error instanceof ApiError && (error.status === 404 || error.status === 403)) {
    return (
      <Page title={t(error.status === 404 ? 'rapidResponse.case.notFound' : 'common.errors.forbidden')}>
        <p>
          <Link to="/rapid-response">{t('rapidResponse.case.back')}</Link>
        </p>
      </Page>
    );
  }
  if (!item) {
    return error ? (
      <Page title={t('rapidResponse.queue.title')}>
        <ErrorMessage error={error} />
      </Page>
    ) : (
      <p className="loading" role="status">
        {t('common.loading')}
      </p>
    );
  }

  const allowed = (a: string) => item.allowedActions.includes(a);
  const mayManage = allowed('case.manage');
  const mayRate = allowed('case.rate');
  const moves = (item.allowedMoves ?? (mayManage ? CASE_MOVES[item.state] : [])).filter((s) => s !== 'rated' && s !== 'merged');
  const stateLabel = (s: string) => desk.states.find((x) => x.key === s)?.label ?? s;
  // After a move or a rating the button used may be gone: focus goes to the screen's heading.
  const afterChange = (message: string) => {
    setNotice(message);
    setVersion((v) => v + 1);
    void load().then(() => document.querySelector<HTMLElement>('main h1')?.focus());
  };

  return (
    <Page
      title={t('rapidResponse.case.title', { code: item.code, title: item.title })}
      actions={
        <Link className="button" to="/rapid-response">
          {t('rapidResponse.case.back')}
        </Link>
      }
    >
      <p role="status" className="rr-notice">
        {notice}
      </p>
      {item.mergedInto ? (
        <p className="alert alert-warn">
          {t('rapidResponse.case.mergedInto')} <Link to={`/rapid-response/cases/${item.mergedInto.id}`}>{item.mergedInto.code}</Link>
        </p>
      ) : null}
      <div className={`rr-case-layout${item.overdue ? ' rr-case-overdue' : ''}`}>
        <div className="rr-case-main">
          <section aria-labelledby="rr-claim-heading" className="rr-claim">
            <h2 id="rr-claim-heading">{t('rapidResponse.case.claim')}</h2>
            <blockquote className="rr-claim-quote">{item.claimText}</blockquote>
            {item.normalizedUrl ? (
              <p className="rr-url">
                {t('rapidResponse.case.url')}: <a href={item.normalizedUrl} target="_blank" rel="noopener noreferrer nofollow">{item.normalizedUrl}</a>
              </p>
            ) : null}
          </section>

          <dl className="rr-facts">
            <div>
              <dt>{t('rapidResponse.case.state')}</dt>
              <dd>
                <span className={`badge rr-state rr-state-${item.state}`}>{vocab.state(item.state, item.stateLabel)}</span>
              </dd>
            </div>
            <div>
              <dt>{t('rapidResponse.case.deadline')}</dt>
              <dd>
                <Deadline deadlineAt={item.deadlineAt} overdue={item.overdue} open={OPEN_STATES.includes(item.state)} />
              </dd>
            </div>
            <div>
              <dt>{t('rapidResponse.case.firstSeen')}</dt>
              <dd>
                <time dateTime={item.firstSeenAt}>{formatDateTime(item.firstSeenAt)}</time>
              </dd>
            </div>
            <div>
              <dt>{t('rapidResponse.case.reports')}</dt>
              <dd>{item.reportCount}</dd>
            </div>
            <div>
              <dt>{t('rapidResponse.case.category')}</dt>
              <dd>
                {vocab.category(item.category, item.categoryLabel)} · {vocab.priority(item.priority, item.priorityLabel)}
              </dd>
            </div>
            <div>
              <dt>{t('rapidResponse.case.assignee')}</dt>
              <dd>{item.assignee?.name ?? t('rapidResponse.unassigned')}</dd>
            </div>
            <div>
              <dt>{t('rapidResponse.case.organisation')}</dt>
              <dd>{item.organisation?.name ?? '—'}</dd>
            </div>
            <div>
              <dt>{t('rapidResponse.case.rating')}</dt>
              <dd>
                {item.rating ? (
                  <>
                    <strong>{vocab.rating(item.rating.key, item.rating.label)}</strong> ({t('rapidResponse.rate.value', { value: item.rating.value })})
                    {item.ratedAt ? <span className="muted"> · {formatDateTime(item.ratedAt)}{item.ratedBy ? ` · ${item.ratedBy.name}` : ''}</span> : null}
                    {item.ratingNote ? <span className="rr-pre rr-rating-note">{item.ratingNote}</span> : null}
                  </>
                ) : (
                  t('rapidResponse.case.notRated')
                )}
              </dd>
            </div>
            {item.forwardedTo ? (
              <div>
                <dt>{t('rapidResponse.case.forwardedTo')}</dt>
                <dd>
                  {item.forwardedTo}
                  {item.forwardNote ? <span className="rr-pre"> — {item.forwardNote}</span> : null}
                </dd>
              </div>
            ) : null}
          </dl>

          {moves.length > 0 || (mayRate && item.state === 'verifying') || (mayManage && item.state !== 'merged') ? (
            <div className="workflow-bar" role="group" aria-label={t('rapidResponse.case.actions')}>
              {mayRate && item.state === 'verifying' ? (
                <button type="button" className="primary" onClick={() => setRateOpen(true)}>
                  {t('rapidResponse.rate.open')}
                </button>
              ) : null}
              {moves.map((s) => (
                <button type="button" key={s} onClick={() => setMoveTo(s)}>
                  {t('rapidResponse.move.to', { state: stateLabel(s) })}
                </button>
              ))}
              {mayManage && item.state !== 'merged' ? (
                <button type="button" onClick={() => setMergeOpen(true)}>
                  {t('rapidResponse.merge.open')}
                </button>
              ) : null}
            </div>
          ) : null}

          <section aria-labelledby="rr-reports-heading">
            <h2 id="rr-reports-heading">{t('rapidResponse.case.reportsHeading', { count: item.reports.length })}</h2>
            {mayManage && item.reports.length > 1 ? (
              <div className="rr-split-bar">
                <p className="field-hint">{t('rapidResponse.split.hint')}</p>
                <button type="button" disabled={selected.length === 0 || selected.length === item.reports.length} onClick={() => setSplitOpen(true)}>
                  {t('rapidResponse.split.open', { count: selected.length })}
                </button>
              </div>
            ) : null}
            <ul className="rr-reports">
              {item.reports.map((r) => (
                <Report key={r.id} report={r} selectable={mayManage && item.reports.length > 1} selected={selected.includes(r.id)} onSelect={(on) => setSelected((s) => (on ? [...s, r.id] : s.filter((x) => x !== r.id)))} />
              ))}
            </ul>
          </section>

          <section aria-labelledby="rr-history-heading">
            <h2 id="rr-history-heading">{t('rapidResponse.history.heading')}</h2>
            <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="rr-history-heading">
              <table className="rr-history">
                <thead>
                  <tr>
                    <th scope="col">{t('rapidResponse.history.at')}</th>
                    <th scope="col">{t('rapidResponse.history.action')}</th>
                    <th scope="col">{t('rapidResponse.history.actor')}</th>
                    <th scope="col">{t('rapidResponse.history.note')}</th>
                  </tr>
                </thead>
                <tbody>
                  {item.events.map((e, i) => (
                    <tr key={i}>
                      <td>
                        <time dateTime={e.at}>{formatDateTime(e.at)}</time>
                      </td>
                      <td>
                        {t(`rapidResponse.history.actions.${e.action}`, { defaultValue: e.action })}
                        {e.toState ? <span className="queue-type">{e.fromState ? `${stateLabel(e.fromState)} → ${stateLabel(e.toState)}` : stateLabel(e.toState)}</span> : null}
                      </td>
                      <td>{e.actorLabel}</td>
                      <td className="rr-pre">{e.note ?? '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        </div>

        <div className="rr-case-aside">
          <RebuttalPanel item={item} mayManage={mayManage} onLinked={() => afterChange(t('rapidResponse.rebuttal.linked'))} />
          {mayManage ? (
            <EditForm
              key={`${item.id}-${version}`}
              item={item}
              desk={desk}
              onSaved={(next) => {
                if (next) setItem(next);
                else void load();
              }}
            />
          ) : null}
        </div>
      </div>

      {mayManage ? (
        <MoveDialog
          item={item}
          desk={desk}
          to={moveTo}
          onClose={() => setMoveTo(null)}
          onDone={() => {
            const to = moveTo;
            setMoveTo(null);
            afterChange(t('rapidResponse.move.done', { state: to ? stateLabel(to) : '' }));
          }}
        />
      ) : null}
      {mayRate ? (
        <RateDialog
          key={`rate-${version}`}
          item={item}
          desk={desk}
          open={rateOpen}
          onClose={() => setRateOpen(false)}
          onDone={() => {
            setRateOpen(false);
            afterChange(t('rapidResponse.rate.done'));
          }}
        />
      ) : null}
      {mayManage ? (
        <>
          <MergeDialog
            item={item}
            open={mergeOpen}
            onClose={() => setMergeOpen(false)}
            onDone={(intoId) => {
              setMergeOpen(false);
              navigate(`/rapid-response/cases/${intoId}`);
            }}
          />
          <SplitDialog
            item={item}
            reportIds={selected}
            open={splitOpen}
            onClose={() => setSplitOpen(false)}
            onDone={(caseId) => {
              setSplitOpen(false);
              navigate(`/rapid-response/cases/${caseId}`);
            }}
          />
        </>
      ) : null}
    </Page>
  );
}

/** The case screen. */
export function RapidResponseCasePage() {
  const params = useParams();
  const id = Number(params.id);
  return <DeskGate>{(desk) => <CaseScreen desk={desk} id={id} />}</DeskGate>;
}
