/**
 * `/admin/articles/new?siteId=N`: starts a draft on a site the person may write on — its title
 * and type — then opens the editor. Sites the person has no role on are not offered.
 */
import { useState, type FormEvent } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api/client.ts';
import { useSession } from '../../session/session.tsx';
import { Page } from '../../ui/Page.tsx';
import { SelectField, TextField } from '../../ui/Field.tsx';
import { ErrorMessage } from '../../ui/ErrorMessage.tsx';
import { ARTICLE_TYPES } from './types.ts';

/** The new-article screen. */
export function NewArticlePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const { sites, currentSite } = useSession();
  const writable = sites.filter((s) => s.allowedActions.includes('article.create'));
  const requested = Number(params.get('siteId'));
  const site = writable.find((s) => s.id === requested) ?? (params.get('siteId') ? null : (writable.find((s) => s.id === currentSite?.id) ?? writable[0] ?? null));
  const [title, setTitle] = useState('');
  const [type, setType] = useState('news');
  const [error, setError] = useState<unknown>(null);
  const [titleError, setTitleError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  if (!site) {
    return (
      <Page title={t('common.errors.forbidden')}>
        <p>{t('editor.new.noSite')}</p>
      </Page>
    );
  }

  async function create(event: FormEvent) {
    event.preventDefault();
    if (!site) return;
    setError(null);
    setTitleError(undefined);
    if (!title.trim()) {
      setTitleError(t('editor.new.titleRequired'));
      return;
    }
    setBusy(true);
    try {
      const article = await api.post<{ id: number }>('/articles', { siteId: site.id, title: title.trim(), type, body: '' });
      navigate(`/articles/${article.id}`, { replace: true });
    } catch (e) {
      if (e instanceof ApiError) setTitleError(e.fieldMessage('title'));
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Page title={t('editor.new.title')}>
      <p>{t('editor.new.intro', { site: site.name })}</p>
      <ErrorMessage error={error} />
      <form onSubmit={create} noValidate className="new-article">
        <TextField label={t('editor.fields.title')} required value={title} error={titleError} onChange={(e) => setTitle(e.target.value)} autoFocus />
        <SelectField label={t('editor.fields.type')} value={type} onChange={(e) => setType(e.target.value)}>
          {ARTICLE_TYPES.map((k) => (
            <option key={k} value={k}>
              {t(`editor.types.${k}`)}
            </option>
          ))}
        </SelectField>
        <button type="submit" className="primary" disabled={busy}>
          {t('editor.new.create')}
        </button>
      </form>
    </Page>
  );
}
