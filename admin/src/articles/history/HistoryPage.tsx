/**
 * The route `articles/:id/history`: the article's side panels on a screen of their own (loads
 * GET /articles/:id; reloads it when a panel changed it), with a link to the editor.
 */
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client.ts';
import { Page } from '../../ui/Page.tsx';
import { ErrorMessage } from '../../ui/ErrorMessage.tsx';
import { ArticleSidePanels } from './ArticleSidePanels.tsx';
import type { PanelArticle } from './shared.tsx';

type LoadedArticle = PanelArticle & { title: string };

/** The history screen of one article. */
export function HistoryPage() {
  const { t } = useTranslation();
  const { id } = useParams();
  const [article, setArticle] = useState<LoadedArticle | null>(null);
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(async () => {
    try {
      setArticle(await api.get<LoadedArticle>(`/articles/${Number(id)}`));
      setError(null);
    } catch (e) {
      setError(e);
    }
  }, [id]);
  useEffect(() => {
    void load();
  }, [load]);

  if (!article) {
    return (
      <Page title={error ? t('common.errors.notFound') : t('common.loading')}>
        <ErrorMessage error={error} />
      </Page>
    );
  }
  return (
    <Page
      title={t('history.page.title', { title: article.title })}
      actions={
        <Link className="button" to={`/articles/${article.id}`}>
          {t('history.page.openEditor')}
        </Link>
      }
    >
      <p>{t('history.page.state', { state: t(`common.states.${article.state}`, { defaultValue: article.state }), revision: article.revision })}</p>
      <ErrorMessage error={error} />
      <ArticleSidePanels article={article} onRestored={() => void load()} />
    </Page>
  );
}
