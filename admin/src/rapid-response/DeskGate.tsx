/**
 * The frame of every desk screen: waits for the desk answer (GET /rapid-response/desk, cached
 * per session) and shows "no permission" to anyone whose answer does not list `case.read`.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../session/session.tsx';
import { Page } from '../ui/Page.tsx';
import { deskAllows, useDesk } from './desk.ts';
import type { Desk } from './types.ts';

/** Renders `children(desk)` for desk staff; a loading line, or the forbidden screen, otherwise. */
export function DeskGate({ children }: { children: (desk: Desk) => ReactNode }) {
  const { t } = useTranslation();
  const session = useSession();
  const { desk } = useDesk(session);
  if (desk === undefined) {
    return (
      <p className="loading" role="status">
        {t('common.loading')}
      </p>
    );
  }
  if (!desk || !deskAllows(desk, 'case.read')) {
    return (
      <Page title={t('common.errors.forbidden')}>
        <p>
          <a href="/admin/">{t('common.nav.dashboard')}</a>
        </p>
      </Page>
    );
  }
  return <>{children(desk)}</>;
}
