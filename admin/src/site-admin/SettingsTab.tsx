/**
 * Site settings: four-eyes (turning it off asks for confirmation with a warning),
 * syndication acceptance, accepting proposals, and the contact details the public footer shows.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api/client.ts';
import { Dialog } from '../ui/Dialog.tsx';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';
import { SelectField, TextField } from '../ui/Field.tsx';

interface Settings {
  fourEyes: boolean;
  syndication: 'auto' | 'review' | 'off';
  acceptsProposals: boolean;
  tagline: string;
  address: string;
  phone: string;
  email: string;
}

/** The settings tab. */
export function SettingsTab({ siteId, canEdit }: { siteId: number; canEdit: boolean }) {
  const { t } = useTranslation();
  const [saved, setSaved] = useState<Settings | null>(null);
  const [form, setForm] = useState<Settings | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState('');
  const [confirming, setConfirming] = useState(false);

  useEffect(() => {
    api
      .get<{ settings: Settings }>(`/sites/${siteId}/settings`)
      .then((answer) => {
        setSaved(answer.settings);
        setForm(answer.settings);
      })
      .catch(setError);
  }, [siteId]);

  async function persist() {
    if (!form) return;
    setConfirming(false);
    setError(null);
    setStatus('');
    try {
      const answer = await api.patch<{ settings: Settings }>(`/sites/${siteId}/settings`, form);
      setSaved(answer.settings);
      setForm(answer.settings);
      setStatus(t('siteAdmin.settings.saved'));
    } catch (e) {
      setError(e);
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (form && saved && saved.fourEyes && !form.fourEyes) setConfirming(true);
    else void persist();
  }

  if (!form) return error ? <ErrorMessage error={error} /> : <p>{t('common.loading')}</p>;
  const set = (patch: Partial<Settings>) => setForm({ ...form, ...patch });
  const field = (f: string) => (error instanceof ApiError ? error.fieldMessage(f) : undefined);
  return (
    <section aria-labelledby="settings-heading">
      <h2 id="settings-heading">{t('siteAdmin.settings.heading')}</h2>
      {!canEdit ? <p className="alert alert-warn">{t('siteAdmin.settings.readOnly')}</p> : null}
      <form onSubmit={submit} className="settings-form">
        <fieldset disabled={!canEdit}>
          <legend>{t('siteAdmin.settings.workflow')}</legend>
          <label className="checkbox">
            <input type="checkbox" checked={form.fourEyes} aria-describedby={!form.fourEyes ? 'four-eyes-warning' : undefined} onChange={(e) => set({ fourEyes: e.target.checked })} />
            {t('siteAdmin.settings.fourEyes')}
          </label>
          {!form.fourEyes ? (
            <p className="alert alert-warn" id="four-eyes-warning">
              {t('siteAdmin.settings.fourEyesWarning')}
            </p>
          ) : null}
          <SelectField label={t('siteAdmin.settings.syndication')} value={form.syndication} error={field('syndication')} onChange={(e) => set({ syndication: e.target.value as Settings['syndication'] })}>
            <option value="auto">{t('siteAdmin.settings.syndicationAuto')}</option>
            <option value="review">{t('siteAdmin.settings.syndicationReview')}</option>
            <option value="off">{t('siteAdmin.settings.syndicationOff')}</option>
          </SelectField>
          <label className="checkbox">
            <input type="checkbox" checked={form.acceptsProposals} onChange={(e) => set({ acceptsProposals: e.target.checked })} />
            {t('siteAdmin.settings.acceptsProposals')}
          </label>
        </fieldset>
        <fieldset disabled={!canEdit}>
          <legend>{t('siteAdmin.settings.contact')}</legend>
          <TextField label={t('siteAdmin.settings.tagline')} value={form.tagline} error={field('tagline')} onChange={(e) => set({ tagline: e.target.value })} />
          <TextField label={t('siteAdmin.settings.address')} value={form.address} error={field('address')} onChange={(e) => set({ address: e.target.value })} autoComplete="street-address" />
          <TextField label={t('siteAdmin.settings.phone')} type="tel" value={form.phone} error={field('phone')} onChange={(e) => set({ phone: e.target.value })} />
          <TextField label={t('siteAdmin.settings.email')} type="email" value={form.email} error={field('email')} onChange={(e) => set({ email: e.target.value })} />
        </fieldset>
        {canEdit ? (
          <button type="submit" className="primary">
            {t('common.save')}
          </button>
        ) : null}
      </form>
      <div role="status" className="status-line">
        {status ? <p className="alert alert-ok">{status}</p> : null}
      </div>
      {error && !(error instanceof ApiError && error.status === 400) ? <ErrorMessage error={error} /> : null}
      <Dialog
        open={confirming}
        title={t('siteAdmin.settings.confirmTitle')}
        onClose={() => setConfirming(false)}
        footer={
          <button type="button" className="danger" onClick={() => void persist()}>
            {t('siteAdmin.settings.confirm')}
          </button>
        }
      >
        <p>{t('siteAdmin.settings.fourEyesWarning')}</p>
      </Dialog>
    </section>
  );
}
