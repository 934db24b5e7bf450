/**
 * Site administration (`sites/:siteId/admin/:tab?`): categories, navigation menu, people and
 * roles, site settings — each tab shown only when the site's `allowedActions` allow it.
 */
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useSession } from '../session/session.tsx';
import { Page } from '../ui/Page.tsx';
import { CategoriesTab } from './CategoriesTab.tsx';
import { MenuTab } from './MenuTab.tsx';
import { PeopleTab } from './PeopleTab.tsx';
import { SettingsTab } from './SettingsTab.tsx';

type Tab = 'categories' | 'menu' | 'people' | 'settings';

/** Which tabs the person may open on a site, from its `allowedActions`. */
export function siteAdminTabs(allowed: readonly string[]): Tab[] {
  const tabs: Tab[] = [];
  if (allowed.includes('category.manage')) tabs.push('categories');
  if (allowed.includes('site.update_settings')) tabs.push('menu');
  if (allowed.includes('site.manage_members')) tabs.push('people');
  if (allowed.includes('site.update_settings') || allowed.includes('site.read_settings')) tabs.push('settings');
  return tabs;
}

/** The site administration screen. */
export function SiteAdminPage() {
  const { t } = useTranslation();
  const { siteId: rawId, tab: rawTab } = useParams();
  const siteId = Number(rawId);
  const { sites } = useSession();
  const site = sites.find((s) => s.id === siteId);
  const tabs = site ? siteAdminTabs(site.allowedActions) : [];
  const tab = (tabs.includes(rawTab as Tab) ? rawTab : tabs[0]) as Tab | undefined;
  if (!site || !tab) {
    return (
      <Page title={t('common.nav.siteAdmin')}>
        <p className="alert alert-error" role="alert">
          {t('siteAdmin.noAccess')}
        </p>
      </Page>
    );
  }
  return (
    <Page title={t('siteAdmin.title', { site: site.name })}>
      <nav aria-label={t('siteAdmin.tabs.label')}>
        <ul className="tabs">
          {tabs.map((name) => (
            <li key={name}>
              <Link to={`/sites/${siteId}/admin/${name}`} aria-current={name === tab ? 'page' : undefined}>
                {t(`siteAdmin.tabs.${name}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {tab === 'categories' ? <CategoriesTab siteId={siteId} /> : null}
      {tab === 'menu' ? <MenuTab siteId={siteId} /> : null}
      {tab === 'people' ? <PeopleTab siteId={siteId} /> : null}
      {tab === 'settings' ? <SettingsTab siteId={siteId} canEdit={site.allowedActions.includes('site.update_settings')} /> : null}
    </Page>
  );
}
