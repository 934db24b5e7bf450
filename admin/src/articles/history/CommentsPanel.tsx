/**
 * Internal comments on an article (GET/POST /articles/:id/comments, POST /comments/:id/resolve
 * and …/reopen): the discussion oldest first, open ones marked, a form to add one when the
 * API allows `article.comment`, resolve/reopen buttons where the comment allows them.
 */
import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api/client.ts';
import { ErrorMessage } from '../../ui/ErrorMessage.tsx';
import { TextAreaField } from '../../ui/Field.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { allows, StatusLine, type PanelArticle } from './shared.tsx';

interface CommentItem {
  id: number;
  authorLabel: string;
  body: string;
  createdAt: string;
  status: 'open' | 'resolved';
  resolvedAt: string | null;
  allowedActions: string[];
}
interface CommentList {
  items: CommentItem[];
  openCount: number;
  allowedActions: string[];
}

/** The comments tab. */
export function CommentsPanel({ article }: { article: PanelArticle }) {
  const { t } = useTranslation();
  const headingId = useId();
  const [list, setList] = useState<CommentList | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [body, setBody] = useState('');
  const [bodyError, setBodyError] = useState<string | undefined>(undefined);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    try {
      setList(await api.get<CommentList>(`/articles/${article.id}/comments`));
    } catch (e) {
      setError(e);
    }
  }, [article.id]);
  useEffect(() => {
    void load();
  }, [load]);

  async function add(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setBodyError(undefined);
    setMessage(null);
    setBusy(true);
    try {
      await api.post(`/articles/${article.id}/comments`, { body });
      setBody('');
      setMessage(t('history.comments.added'));
      await load();
    } catch (e) {
      if (e instanceof ApiError && e.fieldMessage('body')) setBodyError(e.fieldMessage('body'));
      else setError(e);
    } finally {
      setBusy(false);
    }
  }

  async function settle(comment: CommentItem, resolve: boolean) {
    setError(null);
    setMessage(null);
    try {
      await api.post(`/comments/${comment.id}/${resolve ? 'resolve' : 'reopen'}`);
      setMessage(resolve ? t('history.comments.resolvedNote') : t('history.comments.reopenedNote'));
      await load();
    } catch (e) {
      setError(e);
      await load();
    }
  }

  return (
    <section aria-labelledby={headingId}>
      <h3 id={headingId}>{t('history.comments.heading')}</h3>
      <p className="muted">{t('history.comments.intro')}</p>
      <StatusLine message={message} />
      <ErrorMessage error={error} />
      {list === null ? (
        <p>{t('common.loading')}</p>
      ) : (
        <>
          <p>{t('history.comments.openCount', { count: list.openCount })}</p>
          {list.items.length === 0 ? (
            <p>{t('history.comments.empty')}</p>
          ) : (
            <ol className="comment-list">
              {list.items.map((c) => (
                <li key={c.id} className={`comment comment-${c.status}`}>
                  <div className="comment-head">
                    <span>{t('history.comments.by', { author: c.authorLabel, time: formatDateTime(c.createdAt) })}</span>
                    <span className={`badge badge-${c.status}`}>{t(`history.comments.status.${c.status}`)}</span>
                  </div>
                  <p className="comment-body">{c.body}</p>
                  {allows(c.allowedActions, 'comment.resolve') ? (
                    <button type="button" onClick={() => void settle(c, true)}>
                      {t('history.comments.resolve')}
                    </button>
                  ) : null}
                  {allows(c.allowedActions, 'comment.reopen') ? (
                    <button type="button" onClick={() => void settle(c, false)}>
                      {t('history.comments.reopen')}
                    </button>
                  ) : null}
                </li>
              ))}
            </ol>
          )}
          {allows(list.allowedActions, 'article.comment') ? (
            <form onSubmit={add} noValidate>
              <TextAreaField label={t('history.comments.add')} value={body} onChange={(e) => setBody(e.target.value)} error={bodyError} maxLength={5000} required rows={3} />
              <button type="submit" className="primary" disabled={busy}>
                {t('history.comments.submit')}
              </button>
            </form>
          ) : null}
        </>
      )}
    </section>
  );
}
