/**
 * The frame around every signed-in screen: skip link, header with the site switcher, language
 * switch and sign-out, the main navigation built from the features, and the <main> landmark.
 */
import { useSyncExternalStore, type ReactNode } from 'react';
import { NavLink, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useSession } from '../session/session.tsx';
import { FEATURES } from '../app/features.ts';
import { navSnapshot, subscribeNav } from '../app/feature.ts';
import { LanguageSwitch } from '../ui/LanguageSwitch.tsx';

/** The signed-in frame. */
export function Shell({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const session = useSession();
  const navigate = useNavigate();
  // Entries whose visibility is known only later (loaded per session) ask for a new render.
  useSyncExternalStore(subscribeNav, navSnapshot);
  const entries = FEATURES.flatMap((f) => f.nav ?? [])
    .map((n) => ({ ...n, href: n.to(session) }))
    .filter((n): n is typeof n & { href: string } => n.href !== null)
    .sort((a, b) => a.order - b.order);

  return (
    <>
      <a className="skip-link" href="#main">
        {t('common.skipToContent')}
      </a>
      <header className="shell-header">
        <div className="brand">{t('common.appName')}</div>
        <div className="site-switcher">
          {session.sites.length > 0 ? (
            <>
              <label htmlFor="site-switcher">{t('common.siteSwitcher.label')}</label>
              <select
                id="site-switcher"
                value={session.currentSite?.id ?? ''}
                onChange={(e) => {
                  session.selectSite(Number(e.target.value));
                  navigate('/');
                }}
              >
                {session.sites.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.name}
                  </option>
                ))}
              </select>
            </>
          ) : (
            <span>{t('common.siteSwitcher.noSites')}</span>
          )}
        </div>
        <div className="header-tools">
          <LanguageSwitch />
          <span className="signed-in-as">{t('common.signedInAs', { name: session.me?.user.displayName ?? '' })}</span>
          <button type="button" onClick={() => void session.signOut()}>
            {t('common.signOut')}
          </button>
        </div>
      </header>
      <nav className="main-nav" aria-label={t('common.nav.label')}>
        <ul>
          {entries.map((n) => (
            <li key={n.labelKey + n.href}>
              <NavLink to={n.href} end={n.href === '/'}>
                {t(n.labelKey)}
              </NavLink>
            </li>
          ))}
          {session.currentSite ? (
            <li>
              <a href={`/${session.currentSite.key}/`} target="_blank" rel="noopener">
                {t('common.nav.publicSite')}
              </a>
            </li>
          ) : null}
        </ul>
      </nav>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
