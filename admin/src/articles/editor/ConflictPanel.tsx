/**
 * Shown when a save was refused because someone saved a newer version (409): who and when,
 * the word-level diff of what they changed since the version this person started from
 * (GET /articles/:id/revisions/compare), and the choice: put my text on top of the newer
 * version, or discard mine and load theirs.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { ErrorMessage } from '../../ui/ErrorMessage.tsx';
import { formatDateTime } from '../../ui/format.ts';
import type { ConflictCurrent } from './types.ts';

interface FieldChange {
  field: string;
  label: string;
  html: string;
}

/** Props of {@link ConflictPanel}. */
export interface ConflictPanelProps {
  articleId: number;
  baseRevision: number;
  current: ConflictCurrent;
  onKeepMine(): void;
  onDiscardMine(): void;
}

/** The conflict panel. */
export function ConflictPanel({ articleId, baseRevision, current, onKeepMine, onDiscardMine }: ConflictPanelProps) {
  const { t } = useTranslation();
  const [changes, setChanges] = useState<FieldChange[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    heading.current?.focus();
  }, []);

  async function showDiff() {
    setError(null);
    try {
      const answer = await api.get<{ changes: FieldChange[] }>(`/articles/${articleId}/revisions/compare`, { from: baseRevision, to: current.article.revision });
      setChanges(answer.changes);
    } catch (e) {
      setError(e);
    }
  }

  return (
    <section className="conflict" aria-labelledby="conflict-heading">
      <h2 id="conflict-heading" tabIndex={-1} ref={heading}>
        {t('editor.conflict.title')}
      </h2>
      <p role="alert">
        {t('editor.conflict.who', {
          name: current.savedBy ?? t('editor.conflict.someone'),
          at: formatDateTime(current.savedAt ?? current.article.updatedAt),
          revision: current.article.revision,
          base: baseRevision,
        })}
      </p>
      <p>{t('editor.conflict.safe')}</p>
      <div className="conflict-actions">
        <button type="button" onClick={() => void showDiff()} aria-expanded={changes !== null} aria-controls="conflict-diff">
          {t('editor.conflict.showDiff')}
        </button>
        <button type="button" className="primary" onClick={onKeepMine}>
          {t('editor.conflict.keepMine')}
        </button>
        <button type="button" className="danger" onClick={onDiscardMine}>
          {t('editor.conflict.discardMine')}
        </button>
      </div>
      <ErrorMessage error={error} />
      <div id="conflict-diff">
        {changes ? (
          changes.length === 0 ? (
            <p>{t('editor.conflict.noChanges')}</p>
          ) : (
            <>
              <p className="field-hint">{t('editor.conflict.legend')}</p>
              <dl className="diff-list">
                {changes.map((c) => (
                  <div key={c.field}>
                    <dt>{c.label}</dt>
                    {/* The server escapes every bit of article text in `html`; only <ins>/<del> are markup. */}
                    <dd className="diff" dangerouslySetInnerHTML={{ __html: c.html }} />
                  </div>
                ))}
              </dl>
            </>
          )
        ) : null}
      </div>
    </section>
  );
}
