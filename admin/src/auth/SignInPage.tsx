/**
 * Sign-in: e-mail and password, then — when the account has a second factor — the TOTP code
 * (the API answers CONG_ERR_TOTP_REQUIRED and the form asks for it without losing what was typed).
 */
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api/client.ts';
import type { Me } from '../api/types.ts';
import { useSession } from '../session/session.tsx';
import { TextField } from '../ui/Field.tsx';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';
import { Page } from '../ui/Page.tsx';
import { LanguageSwitch } from '../ui/LanguageSwitch.tsx';

/** The sign-in screen. */
export function SignInPage() {
  const { t } = useTranslation();
  const { refresh } = useSession();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [totpCode, setTotpCode] = useState('');
  const [needsCode, setNeedsCode] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const me = await api.post<Me>('/auth/sign-in', { email, password, ...(needsCode ? { totpCode } : {}) });
      await refresh(me);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'CONG_ERR_TOTP_REQUIRED' && !needsCode) {
        setNeedsCode(true);
      } else {
        setError(e);
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <main id="main" className="sign-in">
      <LanguageSwitch className="language-switch sign-in-language" />
      <Page title={t('common.signIn.title')}>
        <form onSubmit={submit} noValidate>
          <ErrorMessage error={error} />
          <TextField label={t('common.signIn.email')} type="email" name="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
          <TextField
            label={t('common.signIn.password')}
            type="password"
            name="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
          {needsCode ? (
            <TextField
              label={t('common.signIn.totpCode')}
              hint={t('common.signIn.totpHint')}
              name="totpCode"
              inputMode="numeric"
              autoComplete="one-time-code"
              pattern="[0-9]{6}"
              maxLength={6}
              required
              autoFocus
              value={totpCode}
              onChange={(e) => setTotpCode(e.target.value.trim())}
            />
          ) : null}
          <button type="submit" className="primary" disabled={busy}>
            {busy ? t('common.signIn.submitting') : t('common.signIn.submit')}
          </button>
        </form>
      </Page>
    </main>
  );
}
