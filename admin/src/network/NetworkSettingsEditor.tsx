/**
 * The network settings editor (GET/PUT /network/settings): two rule lists — who may propose
 * items to whom, who may syndicate down to whom — each rule a `from` and a `to` selector. The
 * server validates; its messages are shown beside the field they name
 * (`proposalRoutes.2.to`…).
 */
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api/client.ts';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';
import { TextField } from '../ui/Field.tsx';
import { StatusLine } from '../articles/history/shared.tsx';

interface Rule {
  from: string;
  to: string;
}
interface Settings {
  proposalRoutes: Rule[];
  syndicationRoutes: Rule[];
}
type ListName = keyof Settings;

const SENDER_CHOICES = ['*', 'kind:ministry_portal', 'kind:unit_page', 'kind:provincial_department'];
const RECEIVER_CHOICES = [...SENDER_CHOICES, 'parent', 'children'];

/** The settings section of the network screen. */
export function NetworkSettingsEditor() {
  const { t } = useTranslation();
  const headingId = useId();
  const listId = useId();
  const [settings, setSettings] = useState<Settings | null>(null);
  const [defaults, setDefaults] = useState<Settings | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [fieldErrors, setFieldErrors] = useState<ApiError | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api
      .get<{ settings: Settings; defaults: Settings }>('/network/settings')
      .then((answer) => {
        setSettings(answer.settings);
        setDefaults(answer.defaults);
      })
      .catch(setError);
  }, []);

  function change(list: ListName, index: number, key: keyof Rule, value: string) {
    setSettings((old) => (old ? { ...old, [list]: old[list].map((r, i) => (i === index ? { ...r, [key]: value } : r)) } : old));
  }
  function remove(list: ListName, index: number) {
    setSettings((old) => (old ? { ...old, [list]: old[list].filter((_, i) => i !== index) } : old));
  }
  function add(list: ListName) {
    setSettings((old) => (old ? { ...old, [list]: [...old[list], { from: '*', to: '' }] } : old));
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!settings) return;
    setBusy(true);
    setError(null);
    setFieldErrors(null);
    setMessage(null);
    try {
      const answer = await api.put<{ settings: Settings }>('/network/settings', settings);
      setSettings(answer.settings);
      setMessage(t('network.settings.saved'));
    } catch (e) {
      if (e instanceof ApiError && e.status === 400 && e.errors.some((x) => x.field)) {
        setFieldErrors(e);
        setError(new ApiError(400, [{ code: e.code ?? 'CONG_ERR_VALIDATION', message: t('network.settings.invalid') }], e.body));
      } else setError(e);
    } finally {
      setBusy(false);
    }
  }

  const fieldError = (path: string) => fieldErrors?.errors.find((x) => x.field === path || x.field === `body.${path}`)?.message;

  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{t('network.settings.heading')}</h2>
      <p>{t('network.settings.intro')}</p>
      <datalist id={`${listId}-from`}>
        {SENDER_CHOICES.map((c) => (
          <option key={c} value={c} />
        ))}
      </datalist>
      <datalist id={`${listId}-to`}>
        {RECEIVER_CHOICES.map((c) => (
          <option key={c} value={c} />
        ))}
      </datalist>
      <StatusLine message={message} />
      <ErrorMessage error={error} />
      {settings === null ? (
        error ? null : <p>{t('common.loading')}</p>
      ) : (
        <form onSubmit={save} noValidate>
          {(['proposalRoutes', 'syndicationRoutes'] as const).map((list) => (
            <fieldset key={list} className="rule-list" data-testid={list}>
              <legend>{t(`network.settings.${list}`)}</legend>
              {fieldError(list) ? <div className="field-error">{fieldError(list)}</div> : null}
              {settings[list].length === 0 ? <p>{t('network.settings.noRules')}</p> : null}
              {settings[list].map((rule, i) => (
                <div key={i} className="rule-row">
                  <TextField label={t('network.settings.from', { n: i + 1 })} value={rule.from} list={`${listId}-from`} onChange={(e) => change(list, i, 'from', e.target.value)} error={fieldError(`${list}.${i}.from`)} autoComplete="off" spellCheck={false} />
                  <TextField label={t('network.settings.to', { n: i + 1 })} value={rule.to} list={`${listId}-to`} onChange={(e) => change(list, i, 'to', e.target.value)} error={fieldError(`${list}.${i}.to`)} autoComplete="off" spellCheck={false} />
                  <button type="button" className="rule-remove" onClick={() => remove(list, i)}>
                    {t('network.settings.remove', { n: i + 1 })}
                  </button>
                </div>
              ))}
              <button type="button" onClick={() => add(list)}>
                {t('network.settings.add')}
              </button>
            </fieldset>
          ))}
          <div className="form-actions">
            <button type="submit" className="primary" disabled={busy}>
              {t('network.settings.save')}
            </button>
            {defaults ? (
              <button type="button" onClick={() => setSettings(defaults)}>
                {t('network.settings.defaults')}
              </button>
            ) : null}
          </div>
        </form>
      )}
    </section>
  );
}
