/**
 * The article editor feature: `articles/new?siteId=N` (start a draft) and `articles/:id` (the
 * editor, workflow actions, preview links). The editor (TipTap) loads as its own chunk.
 */
import { lazy, Suspense, type ReactNode } from 'react';
import type { AdminFeature } from '../app/feature.ts';
import i18n from '../i18n/i18n.ts';

const EditorScreen = lazy(() => import('./editor/EditorScreen.tsx').then((m) => ({ default: m.EditorScreen })));
const NewArticlePage = lazy(() => import('./editor/NewArticlePage.tsx').then((m) => ({ default: m.NewArticlePage })));

function Loading({ children }: { children: ReactNode }) {
  return (
    <Suspense
      fallback={
        <p className="loading" role="status">
          {i18n.t('common.loading')}
        </p>
      }
    >
      {children}
    </Suspense>
  );
}

export const editorFeature: AdminFeature = {
  id: 'editor',
  routes: [
    { path: 'articles/new', element: <Loading><NewArticlePage /></Loading> },
    { path: 'articles/:id', element: <Loading><EditorScreen /></Loading> },
  ],
  nav: [
    {
      labelKey: 'common.nav.newArticle',
      to: (s) => (s.currentSite?.allowedActions.includes('article.create') ? `/articles/new?siteId=${s.currentSite.id}` : null),
      order: 15,
    },
  ],
};
