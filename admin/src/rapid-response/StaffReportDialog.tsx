/**
 * The staff entry form ("Nhập phản ánh"): an item found by monitoring or received by phone or
 * e-mail, entered by the desk (POST /rapid-response/reports). Shows the tracking code on success.
 */
import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api/client.ts';
import { Dialog } from '../ui/Dialog.tsx';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';
import { SelectField, TextAreaField, TextField } from '../ui/Field.tsx';

const CHANNELS = ['monitoring', 'phone', 'email'] as const;

interface Answer {
  trackingCode: string;
  caseId: number;
  joined: boolean;
}

const EMPTY = { url: '', whereSeen: '', description: '', claimText: '', channel: 'monitoring', contactName: '', contactEmail: '', contactPhone: '' };

/** The entry dialog; `onSaved` runs after a report is stored (to reload the queue). */
export function StaffReportDialog({ open, onClose, onSaved }: { open: boolean; onClose(): void; onSaved(): void }) {
  const { t } = useTranslation();
  const [form, setForm] = useState(EMPTY);
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const [answer, setAnswer] = useState<Answer | null>(null);

  const set = (key: keyof typeof EMPTY) => (e: { target: { value: string } }) => setForm((f) => ({ ...f, [key]: e.target.value }));
  const fieldError = (field: string) => (error instanceof ApiError ? error.fieldMessage(field) : undefined);

  const close = () => {
    setForm(EMPTY);
    setError(null);
    setAnswer(null);
    onClose();
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaving(true);
    setError(null);
    try {
      const body: Record<string, string> = { description: form.description, channel: form.channel };
      for (const k of ['url', 'whereSeen', 'claimText', 'contactName', 'contactEmail', 'contactPhone'] as const) if (form[k].trim()) body[k] = form[k].trim();
      const result = await api.post<Answer>('/rapid-response/reports', body);
      setAnswer(result);
      setForm(EMPTY);
      onSaved();
    } catch (err) {
      setError(err);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Dialog
      open={open}
      title={t('rapidResponse.entry.title')}
      onClose={close}
      footer={
        answer ? null : (
          <button type="submit" form="rr-entry-form" className="primary" disabled={saving}>
            {saving ? t('common.saving') : t('rapidResponse.entry.submit')}
          </button>
        )
      }
    >
      {answer ? (
        <div className="alert alert-ok" role="status">
          <p>
            {t(answer.joined ? 'rapidResponse.entry.savedJoined' : 'rapidResponse.entry.saved')}{' '}
            <strong className="rr-code">{answer.trackingCode}</strong>
          </p>
          <p>
            <Link to={`/rapid-response/cases/${answer.caseId}`} onClick={close}>
              {t('rapidResponse.entry.openCase')}
            </Link>
          </p>
          <button type="button" onClick={() => setAnswer(null)}>
            {t('rapidResponse.entry.another')}
          </button>
        </div>
      ) : (
        <form id="rr-entry-form" onSubmit={(e) => void submit(e)} noValidate>
          <ErrorMessage error={error} />
          <SelectField label={t('rapidResponse.entry.channel')} value={form.channel} onChange={set('channel')} error={fieldError('channel')}>
            {CHANNELS.map((c) => (
              <option key={c} value={c}>
                {t(`rapidResponse.channels.${c}`)}
              </option>
            ))}
          </SelectField>
          <TextField label={t('rapidResponse.entry.url')} type="url" inputMode="url" value={form.url} onChange={set('url')} error={fieldError('url')} hint={t('rapidResponse.entry.urlHint')} />
          <TextField label={t('rapidResponse.entry.whereSeen')} value={form.whereSeen} onChange={set('whereSeen')} error={fieldError('whereSeen')} hint={t('rapidResponse.entry.whereSeenHint')} />
          <TextAreaField label={t('rapidResponse.entry.description')} required value={form.description} onChange={set('description')} error={fieldError('description')} maxLength={5000} />
          <TextAreaField label={t('rapidResponse.entry.claim')} value={form.claimText} onChange={set('claimText')} error={fieldError('claimText')} hint={t('rapidResponse.entry.claimHint')} />
          <fieldset className="choice-group">
            <legend>{t('rapidResponse.entry.contact')}</legend>
            <p className="field-hint">{t('rapidResponse.entry.contactHint')}</p>
            <TextField label={t('rapidResponse.entry.contactName')} autoComplete="off" value={form.contactName} onChange={set('contactName')} error={fieldError('contactName')} />
            <TextField label={t('rapidResponse.entry.contactEmail')} type="email" autoComplete="off" value={form.contactEmail} onChange={set('contactEmail')} error={fieldError('contactEmail')} />
            <TextField label={t('rapidResponse.entry.contactPhone')} type="tel" autoComplete="off" value={form.contactPhone} onChange={set('contactPhone')} error={fieldError('contactPhone')} />
          </fieldset>
        </form>
      )}
    </Dialog>
  );
}
