/**
 * The person's own account: who they are and their roles, their open sessions (sign out of
 * others), password change.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import { useSession } from '../session/session.tsx';
import { Page } from '../ui/Page.tsx';
import { TextField } from '../ui/Field.tsx';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';
import { formatDateTime } from '../ui/format.ts';

interface SessionItem {
  id: string;
  current: boolean;
  createdAt: string;
  lastSeenAt: string;
  userAgent: string | null;
  address: string | null;
}

/** The account screen. */
export function AccountPage() {
  const { t } = useTranslation();
  const { me, sites } = useSession();
  const [sessions, setSessions] = useState<SessionItem[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNext] = useState('');
  const [message, setMessage] = useState<string | null>(null);

  async function load() {
    try {
      const answer = await api.get<{ items: SessionItem[] }>('/auth/sessions');
      setSessions(answer.items);
    } catch (e) {
      setError(e);
    }
  }
  useEffect(() => {
    void load();
  }, []);

  async function revoke(id: string) {
    setError(null);
    try {
      await api.delete(`/auth/sessions/${encodeURIComponent(id)}`);
      await load();
    } catch (e) {
      setError(e);
    }
  }

  async function changePassword(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setMessage(null);
    try {
      await api.post('/auth/password', { currentPassword, newPassword });
      setCurrent('');
      setNext('');
      setMessage(t('common.passwordChange.done'));
      await load();
    } catch (e) {
      setError(e);
    }
  }

  if (!me) return null;
  const siteName = (id: number | null) => (id === null ? t('account.wholeNetwork') : (sites.find((s) => s.id === id)?.name ?? `#${id}`));
  return (
    <Page title={t('account.title')}>
      <ErrorMessage error={error} />
      {message ? (
        <div className="alert alert-ok" role="status">
          {message}
        </div>
      ) : null}
      <section aria-labelledby="account-who">
        <h2 id="account-who">{me.user.displayName}</h2>
        <p>{me.user.email}</p>
        <ul>
          {me.grants.map((g) => (
            <li key={`${g.siteId}-${g.role}`}>
              {t(`common.roles.${g.role}`)} — {siteName(g.siteId)}
            </li>
          ))}
        </ul>
        <p>{me.user.totpEnabled ? t('account.totpOn') : t('account.totpOff')}</p>
      </section>
      <section aria-labelledby="account-sessions">
        <h2 id="account-sessions">{t('account.sessions')}</h2>
        {sessions === null ? (
          <p>{t('common.loading')}</p>
        ) : (
          <table>
            <caption className="visually-hidden">{t('account.sessions')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('account.device')}</th>
                <th scope="col">{t('account.started')}</th>
                <th scope="col">{t('account.lastSeen')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('account.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {sessions.map((s) => (
                <tr key={s.id}>
                  <td>
                    {s.userAgent ?? '—'} {s.current ? <strong>({t('account.thisSession')})</strong> : null}
                  </td>
                  <td>{formatDateTime(s.createdAt)}</td>
                  <td>{formatDateTime(s.lastSeenAt)}</td>
                  <td>
                    {s.current ? null : (
                      <button type="button" onClick={() => revoke(s.id)}>
                        {t('account.revoke')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="account-password">
        <h2 id="account-password">{t('common.passwordChange.submit')}</h2>
        <form onSubmit={changePassword} noValidate>
          <TextField label={t('common.passwordChange.current')} type="password" autoComplete="current-password" required value={currentPassword} onChange={(e) => setCurrent(e.target.value)} />
          <TextField label={t('common.passwordChange.next')} type="password" autoComplete="new-password" required value={newPassword} onChange={(e) => setNext(e.target.value)} />
          <button type="submit">{t('common.passwordChange.submit')}</button>
        </form>
      </section>
    </Page>
  );
}
