/**
 * The steps a session may have to take before full use (core/users sessionStageOf): change a
 * password someone else set, then turn on TOTP when the person's role requires it.
 */
import { useEffect, useState, type FormEvent } from 'react';
import QRCode from 'qrcode';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import type { Me } from '../api/types.ts';
import { useSession } from '../session/session.tsx';
import { TextField } from '../ui/Field.tsx';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';
import { Page } from '../ui/Page.tsx';

/** Changing a password set by someone else (stage `password_change`). */
export function PasswordChangePage() {
  const { t } = useTranslation();
  const { refresh } = useSession();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNext] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await api.post('/auth/password', { currentPassword, newPassword });
      await refresh();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <main id="main" className="sign-in">
      <Page title={t('common.passwordChange.title')}>
        <p>{t('common.passwordChange.intro')}</p>
        <form onSubmit={submit} noValidate>
          <ErrorMessage error={error} />
          <TextField label={t('common.passwordChange.current')} type="password" autoComplete="current-password" required value={currentPassword} onChange={(e) => setCurrent(e.target.value)} />
          <TextField label={t('common.passwordChange.next')} type="password" autoComplete="new-password" required minLength={12} value={newPassword} onChange={(e) => setNext(e.target.value)} />
          <button type="submit" className="primary" disabled={busy}>
            {t('common.passwordChange.submit')}
          </button>
        </form>
      </Page>
    </main>
  );
}

/** Turning on TOTP (stage `totp_enrolment`): shows the secret once, then confirms a code. */
export function TotpEnrolmentPage() {
  const { t } = useTranslation();
  const { refresh } = useSession();
  const [setup, setSetup] = useState<{ secret: string; otpauthUri: string } | null>(null);
  const [qr, setQr] = useState<string | null>(null);
  useEffect(() => {
    if (!setup) return;
    QRCode.toDataURL(setup.otpauthUri, { margin: 1, width: 220 })
      .then(setQr)
      .catch(() => setQr(null));
  }, [setup]);
  const [code, setCode] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function start() {
    setError(null);
    try {
      setSetup(await api.post<{ secret: string; otpauthUri: string }>('/auth/totp/setup'));
    } catch (e) {
      setError(e);
    }
  }

  async function confirm(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const me = await api.post<Me>('/auth/totp/confirm', { code });
      await refresh(me);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <main id="main" className="sign-in">
      <Page title={t('common.totpEnrolment.title')}>
        <p>{t('common.totpEnrolment.intro')}</p>
        <ErrorMessage error={error} />
        {setup ? (
          <form onSubmit={confirm} noValidate>
            {qr ? <img className="totp-qr" src={qr} width={220} height={220} alt={t('common.totpEnrolment.qrAlt')} /> : null}
            <dl className="totp-setup">
              <dt>{t('common.totpEnrolment.secret')}</dt>
              <dd>
                <code>{setup.secret}</code>
              </dd>
              <dt>{t('common.totpEnrolment.uri')}</dt>
              <dd>
                <code className="wrap">{setup.otpauthUri}</code>
              </dd>
            </dl>
            <TextField
              label={t('common.totpEnrolment.code')}
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              required
              value={code}
              onChange={(e) => setCode(e.target.value.trim())}
            />
            <button type="submit" className="primary" disabled={busy}>
              {t('common.totpEnrolment.submit')}
            </button>
          </form>
        ) : (
          <button type="button" className="primary" onClick={start}>
            {t('common.totpEnrolment.start')}
          </button>
        )}
      </Page>
    </main>
  );
}
