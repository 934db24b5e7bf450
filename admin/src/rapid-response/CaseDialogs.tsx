/**
 * The case screen's dialogs: a state move (with a note; "not within our remit" asks for the
 * agency forwarded to), the rating (the scale as a radio group, each choice with its
 * description), merging into another case (found by code or number, confirmed) and splitting
 * chosen reports into a new case (confirmed).
 */
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useVocab } from './desk.ts';
import { api, ApiError } from '../api/client.ts';
import { Dialog } from '../ui/Dialog.tsx';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';
import { TextAreaField, TextField } from '../ui/Field.tsx';
import type { CaseDetail, CaseList, CaseState, CaseSummary, Desk } from './types.ts';

function useSubmit() {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const fieldError = (field: string) => (error instanceof ApiError ? error.fieldMessage(field) : undefined);
  return { error, busy, run, fieldError, reset: () => setError(null) };
}

/** Moving the case to `to`, with a note. */
export function MoveDialog({ item, to, desk, onClose, onDone }: { item: CaseDetail; to: CaseState | null; desk: Desk; onClose(): void; onDone(): void }) {
  const { t } = useTranslation();
  const vocab = useVocab();
  const [note, setNote] = useState('');
  const [forwardedTo, setForwardedTo] = useState('');
  const s = useSubmit();
  const label = desk.states.find((x) => x.key === to)?.label ?? to ?? '';
  const close = () => {
    setNote('');
    setForwardedTo('');
    s.reset();
    onClose();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!to) return;
    void s.run(async () => {
      const body: Record<string, string> = { to };
      if (note.trim()) body.note = note.trim();
      if (to === 'out_of_remit') body.forwardedTo = forwardedTo.trim();
      await api.post(`/rapid-response/cases/${item.id}/move`, body);
      setNote('');
      setForwardedTo('');
      onDone();
    });
  };
  return (
    <Dialog
      open={to !== null}
      title={t('rapidResponse.move.title', { state: label })}
      onClose={close}
      footer={
        <button type="submit" form="rr-move-form" className="primary" disabled={s.busy}>
          {t('rapidResponse.move.confirm')}
        </button>
      }
    >
      <form id="rr-move-form" onSubmit={submit} noValidate>
        <p>{t('rapidResponse.move.intro', { code: item.code, from: vocab.state(item.state, item.stateLabel), to: label })}</p>
        <ErrorMessage error={s.error} />
        {to === 'out_of_remit' ? (
          <TextField label={t('rapidResponse.move.forwardedTo')} required value={forwardedTo} onChange={(e) => setForwardedTo(e.target.value)} error={s.fieldError('forwardedTo')} hint={t('rapidResponse.move.forwardedToHint')} />
        ) : null}
        <TextAreaField label={to === 'out_of_remit' ? t('rapidResponse.move.forwardNote') : t('rapidResponse.move.note')} value={note} onChange={(e) => setNote(e.target.value)} error={s.fieldError('note')} />
      </form>
    </Dialog>
  );
}

/** The chief's rating of the claim (verifying → rated). */
export function RateDialog({ item, desk, open, onClose, onDone }: { item: CaseDetail; desk: Desk; open: boolean; onClose(): void; onDone(): void }) {
  const { t } = useTranslation();
  const [rating, setRating] = useState(item.rating?.key ?? '');
  const [note, setNote] = useState(item.ratingNote ?? '');
  const s = useSubmit();
  const base = useId();
  const close = () => {
    s.reset();
    onClose();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void s.run(async () => {
      await api.post(`/rapid-response/cases/${item.id}/rate`, { rating, note: note.trim() });
      onDone();
    });
  };
  const ratingError = s.fieldError('rating');
  return (
    <Dialog
      open={open}
      title={t('rapidResponse.rate.title', { code: item.code })}
      onClose={close}
      footer={
        <button type="submit" form="rr-rate-form" className="primary" disabled={s.busy}>
          {t('rapidResponse.rate.submit')}
        </button>
      }
    >
      <form id="rr-rate-form" onSubmit={submit} noValidate>
        <p className="rr-claim-quote">{item.claimText}</p>
        <ErrorMessage error={s.error} />
        <fieldset className="choice-group rr-scale" aria-describedby={ratingError ? `${base}-error` : undefined}>
          <legend>{t('rapidResponse.rate.scale')}</legend>
          {desk.ratings.map((r) => (
            <div className="rr-scale-choice" key={r.key}>
              <input type="radio" id={`${base}-${r.key}`} name={`${base}-rating`} value={r.key} checked={rating === r.key} onChange={() => setRating(r.key)} aria-describedby={`${base}-${r.key}-d`} />
              <label htmlFor={`${base}-${r.key}`}>
                <span className="rr-scale-label">{r.label}</span> <span className="rr-scale-value">({t('rapidResponse.rate.value', { value: r.value })})</span>
              </label>
              <span className="rr-scale-desc" id={`${base}-${r.key}-d`}>
                {r.description}
              </span>
            </div>
          ))}
          {ratingError ? (
            <div className="field-error" id={`${base}-error`}>
              {ratingError}
            </div>
          ) : null}
        </fieldset>
        <TextAreaField label={t('rapidResponse.rate.note')} required value={note} onChange={(e) => setNote(e.target.value)} error={s.fieldError('note')} hint={t('rapidResponse.rate.noteHint')} />
      </form>
    </Dialog>
  );
}

/** Merging this case into another, found by its code or number, after a confirmation. */
export function MergeDialog({ item, open, onClose, onDone }: { item: CaseDetail; open: boolean; onClose(): void; onDone(intoId: number): void }) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [target, setTarget] = useState<CaseSummary | null>(null);
  const [notFound, setNotFound] = useState(false);
  const s = useSubmit();
  const close = () => {
    setQuery('');
    setTarget(null);
    setNotFound(false);
    s.reset();
    onClose();
  };
  const find = (e: FormEvent) => {
    e.preventDefault();
    setNotFound(false);
    setTarget(null);
    const q = query.trim();
    if (!q) return;
    void s.run(async () => {
      let found: CaseSummary | null = null;
      if (/^\d+$/.test(q)) {
        try {
          found = await api.get<CaseSummary>(`/rapid-response/cases/${q}`);
        } catch (err) {
          if (!(err instanceof ApiError && err.status === 404)) throw err;
        }
      }
      if (!found) {
        const list = await api.get<CaseList>('/rapid-response/cases', { q, pageSize: 50 });
        found = list.items.find((c) => c.code.toLowerCase() === q.toLowerCase()) ?? null;
      }
      if (!found || found.id === item.id || found.state === 'merged') setNotFound(true);
      else setTarget(found);
    });
  };
  const merge = () => {
    if (!target) return;
    void s.run(async () => {
      await api.post(`/rapid-response/cases/${item.id}/merge`, { intoCaseId: target.id });
      onDone(target.id);
    });
  };
  return (
    <Dialog
      open={open}
      title={t('rapidResponse.merge.title', { code: item.code })}
      onClose={close}
      footer={
        target ? (
          <button type="button" className="primary" onClick={merge} disabled={s.busy}>
            {t('rapidResponse.merge.confirm', { code: target.code })}
          </button>
        ) : (
          <button type="submit" form="rr-merge-form" disabled={s.busy}>
            {t('rapidResponse.merge.find')}
          </button>
        )
      }
    >
      <form id="rr-merge-form" onSubmit={find} noValidate>
        <p>{t('rapidResponse.merge.intro')}</p>
        <ErrorMessage error={s.error} />
        <TextField label={t('rapidResponse.merge.target')} value={query} onChange={(e) => setQuery(e.target.value)} error={notFound ? t('rapidResponse.merge.notFound') : s.fieldError('intoCaseId')} />
      </form>
      <div role="status">
        {target ? (
          <p className="alert alert-warn">
            {t('rapidResponse.merge.summary', { from: item.code, count: item.reportCount, to: target.code, title: target.title })}
          </p>
        ) : null}
      </div>
    </Dialog>
  );
}

/** Splitting the chosen reports into a new case, after a confirmation. */
export function SplitDialog({ item, reportIds, open, onClose, onDone }: { item: CaseDetail; reportIds: number[]; open: boolean; onClose(): void; onDone(caseId: number): void }) {
  const { t } = useTranslation();
  const s = useSubmit();
  const codes = item.reports.filter((r) => reportIds.includes(r.id)).map((r) => r.trackingCode);
  const close = () => {
    s.reset();
    onClose();
  };
  const split = () =>
    void s.run(async () => {
      const answer = await api.post<{ caseId: number }>(`/rapid-response/cases/${item.id}/split`, { reportIds });
      onDone(answer.caseId);
    });
  return (
    <Dialog
      open={open}
      title={t('rapidResponse.split.title')}
      onClose={close}
      footer={
        <button type="button" className="primary" onClick={split} disabled={s.busy}>
          {t('rapidResponse.split.confirm', { count: codes.length })}
        </button>
      }
    >
      <ErrorMessage error={s.error} />
      <p>{t('rapidResponse.split.intro', { count: codes.length, code: item.code })}</p>
      <ul>
        {codes.map((c) => (
          <li key={c} className="rr-code">
            {c}
          </li>
        ))}
      </ul>
    </Dialog>
  );
}
