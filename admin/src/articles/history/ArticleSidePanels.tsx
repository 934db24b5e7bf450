/**
 * The side panels of the article editor (issue "Newsroom web UI", item 6, and the network's
 * items for one article): tabs for the revision history with a side-by-side diff and restore,
 * internal comments, the audit trail and workflow events, and the article in the network
 * (where it was carried, send down, propose up; or, for a copy, its origin and detaching).
 *
 * Usage: `<ArticleSidePanels article={article} onRestored={reload} />` — `article` is the
 * GET /articles/:id answer (at least id, siteId, revision, state, allowedActions; `origin` and
 * `followsOrigin` for the network tab); `onRestored` is called whenever the article changed
 * on the server from a panel (restore, detach, syndicate) or a restore met a newer save, so
 * the caller reloads it.
 */
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Tabs } from './Tabs.tsx';
import { RevisionsPanel } from './RevisionsPanel.tsx';
import { CommentsPanel } from './CommentsPanel.tsx';
import { AuditPanel } from './AuditPanel.tsx';
import { NetworkPanel } from './NetworkPanel.tsx';
import type { PanelArticle } from './shared.tsx';

/** Props of {@link ArticleSidePanels}. */
export interface ArticleSidePanelsProps {
  article: PanelArticle;
  onRestored(): void;
}

/** The tabs beside the editor. */
export function ArticleSidePanels({ article, onRestored }: ArticleSidePanelsProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const [tab, setTab] = useState('revisions');
  return (
    <section className="side-panels" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('history.heading')}</h2>
      <Tabs
        label={t('history.tabsLabel')}
        selected={tab}
        onSelect={setTab}
        tabs={[
          { id: 'revisions', label: t('history.tabs.revisions'), panel: () => <RevisionsPanel article={article} onRestored={onRestored} /> },
          { id: 'comments', label: t('history.tabs.comments'), panel: () => <CommentsPanel article={article} /> },
          { id: 'audit', label: t('history.tabs.audit'), panel: () => <AuditPanel article={article} /> },
          { id: 'network', label: t('history.tabs.network'), panel: () => <NetworkPanel article={article} onChanged={onRestored} /> },
        ]}
      />
    </section>
  );
}
