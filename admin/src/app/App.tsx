/**
 * The newsroom app: the session decides between sign-in, the steps a session must take first
 * (password change, TOTP enrolment) and the signed-in shell with every feature's routes.
 */
import { Route, Routes } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useSession } from '../session/session.tsx';
import { SignInPage } from '../auth/SignInPage.tsx';
import { PasswordChangePage, TotpEnrolmentPage } from '../auth/SessionStagePages.tsx';
import { Shell } from '../layout/Shell.tsx';
import { FEATURES } from './features.ts';
import { Page } from '../ui/Page.tsx';

function NotFound() {
  const { t } = useTranslation();
  return (
    <Page title={t('common.errors.notFound')}>
      <p>
        <a href="/admin/">{t('common.nav.dashboard')}</a>
      </p>
    </Page>
  );
}

/** The root component. */
export function App() {
  const { t } = useTranslation();
  const session = useSession();
  if (session.status === 'loading') {
    return (
      <p className="loading" role="status">
        {t('common.loading')}
      </p>
    );
  }
  if (session.status === 'signed_out' || !session.me) return <SignInPage />;
  if (session.me.stage === 'password_change') return <PasswordChangePage />;
  if (session.me.stage === 'totp_enrolment') return <TotpEnrolmentPage />;
  return (
    <Shell>
      <Routes>
        {FEATURES.flatMap((f) => f.routes).map((r) => (
          <Route key={r.path} path={r.path} element={r.element} />
        ))}
        <Route path="*" element={<NotFound />} />
      </Routes>
    </Shell>
  );
}
