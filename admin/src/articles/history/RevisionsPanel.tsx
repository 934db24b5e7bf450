/**
 * The revision history of an article: every saved revision (GET /articles/:id/revisions), two
 * of them compared side by side (GET …/revisions/compare: per field the old text with its
 * deletions on the left, the new text with its insertions on the right; the body block by
 * block), and restoring an old revision as a new one (POST /articles/:id/restore, with the
 * revision the person saw; a 409 means someone saved meanwhile: explained and reloaded).
 */
import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api/client.ts';
import { Dialog } from '../../ui/Dialog.tsx';
import { ErrorMessage } from '../../ui/ErrorMessage.tsx';
import { SelectField } from '../../ui/Field.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { allows, StatusLine, TableScroll, type PanelArticle } from './shared.tsx';

interface RevisionItem {
  revision: number;
  authorLabel: string;
  createdAt: string;
  note: string | null;
  current: boolean;
  allowedActions: string[];
}

type DiffOp = 'equal' | 'insert' | 'delete';
interface DiffPart {
  op: DiffOp;
  text: string;
}
interface FieldChange {
  field: string;
  label: string;
  parts: DiffPart[];
  blocks?: { kind: string; change: 'equal' | 'changed' | 'insert' | 'delete'; parts: DiffPart[] }[];
}
interface Comparison {
  from: { revision: number; authorLabel: string; createdAt: string };
  to: { revision: number; authorLabel: string; createdAt: string };
  changes: FieldChange[];
}

/** One side of a diff: the equal runs plus the side's own changes, marked <del> or <ins>. */
function Side({ parts, side }: { parts: DiffPart[]; side: 'old' | 'new' }) {
  const { t } = useTranslation();
  const own: DiffOp = side === 'old' ? 'delete' : 'insert';
  const shown = parts.filter((p) => p.op === 'equal' || p.op === own);
  if (shown.every((p) => !p.text.trim())) return <span className="diff-nothing">{t('history.revisions.nothing')}</span>;
  return (
    <>
      {shown.map((p, i) =>
        p.op === 'equal' ? (
          <span key={i}>{p.text}</span>
        ) : p.op === 'delete' ? (
          <del key={i}>
            <span className="visually-hidden">{t('history.revisions.deleted')}</span>
            {p.text}
          </del>
        ) : (
          <ins key={i}>
            <span className="visually-hidden">{t('history.revisions.inserted')}</span>
            {p.text}
          </ins>
        ),
      )}
    </>
  );
}

/** The side-by-side view of one comparison. */
function SideBySide({ comparison }: { comparison: Comparison }) {
  const { t } = useTranslation();
  const { from, to } = comparison;
  if (comparison.changes.length === 0) return <p>{t('history.revisions.noChanges')}</p>;
  const oldHead = t('history.revisions.oldSide', { n: from.revision });
  const newHead = t('history.revisions.newSide', { n: to.revision });
  return (
    <div className="diff" data-testid="revision-diff">
      <p>{t('history.revisions.changeCount', { count: comparison.changes.length, from: from.revision, to: to.revision })}</p>
      <div className="diff-heads" aria-hidden="true">
        <div>
          <strong>{oldHead}</strong>
          <br />
          {t('history.revisions.sideMeta', { author: from.authorLabel, time: formatDateTime(from.createdAt) })}
        </div>
        <div>
          <strong>{newHead}</strong>
          <br />
          {t('history.revisions.sideMeta', { author: to.authorLabel, time: formatDateTime(to.createdAt) })}
        </div>
      </div>
      {comparison.changes.map((change) => (
        <section key={change.field} className="diff-field" aria-label={change.label}>
          <h4>{change.label}</h4>
          {(change.blocks ?? [{ kind: 'p', change: 'changed' as const, parts: change.parts }]).map((block, i) => (
            <div key={i} className={`diff-row diff-row-${block.change}`}>
              <div className="diff-old">
                <span className="diff-side-label">{oldHead}</span>
                {block.change === 'insert' ? <span className="diff-nothing">{t('history.revisions.nothing')}</span> : <Side parts={block.parts} side="old" />}
              </div>
              <div className="diff-new">
                <span className="diff-side-label">{newHead}</span>
                {block.change === 'delete' ? <span className="diff-nothing">{t('history.revisions.nothing')}</span> : <Side parts={block.parts} side="new" />}
              </div>
            </div>
          ))}
        </section>
      ))}
    </div>
  );
}

/** The revisions tab. */
export function RevisionsPanel({ article, onRestored }: { article: PanelArticle; onRestored(): void }) {
  const { t } = useTranslation();
  const headingId = useId();
  const [items, setItems] = useState<RevisionItem[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [from, setFrom] = useState<number | null>(null);
  const [to, setTo] = useState<number | null>(null);
  const [comparison, setComparison] = useState<Comparison | null>(null);
  const [comparing, setComparing] = useState(false);
  const [compareError, setCompareError] = useState<unknown>(null);
  const [restoring, setRestoring] = useState<number | null>(null);
  const [restoreError, setRestoreError] = useState<unknown>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const compare = useCallback(
    async (a: number, b: number) => {
      setComparing(true);
      setCompareError(null);
      try {
        setComparison(await api.get<Comparison>(`/articles/${article.id}/revisions/compare`, { from: a, to: b }));
      } catch (e) {
        setComparison(null);
        setCompareError(e);
      } finally {
        setComparing(false);
      }
    },
    [article.id],
  );

  const load = useCallback(async () => {
    try {
      const answer = await api.get<{ items: RevisionItem[] }>(`/articles/${article.id}/revisions`);
      setItems(answer.items);
      // Newest first: by default compare the previous revision with the current one.
      const [newest, previous] = answer.items;
      if (newest && previous) {
        setFrom(previous.revision);
        setTo(newest.revision);
        void compare(previous.revision, newest.revision);
      } else {
        setFrom(newest?.revision ?? null);
        setTo(newest?.revision ?? null);
        setComparison(null);
      }
    } catch (e) {
      setError(e);
    }
  }, [article.id, compare]);

  useEffect(() => {
    void load();
  }, [load, article.revision]);

  function submitCompare(event: FormEvent) {
    event.preventDefault();
    if (from === null || to === null || from === to) return;
    void compare(Math.min(from, to), Math.max(from, to));
  }

  async function restore() {
    if (restoring === null) return;
    setBusy(true);
    setRestoreError(null);
    setError(null);
    try {
      const answer = await api.post<{ revision: number }>(`/articles/${article.id}/restore`, { revision: article.revision, restore: restoring });
      setMessage(t('history.revisions.restored', { n: restoring, revision: answer.revision }));
      setRestoring(null);
      onRestored();
      await load();
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        const current = e.body.current as { article?: { revision?: number }; savedBy?: string | null } | undefined;
        setRestoring(null);
        setMessage(null);
        setError(new ApiError(409, [{ code: e.code ?? 'CONG_ERR_CONFLICT', message: t('history.revisions.conflict', { revision: current?.article?.revision ?? '?', by: current?.savedBy ?? t('history.revisions.someoneElse') }) }], e.body));
        onRestored();
        await load();
      } else {
        setRestoreError(e);
      }
    } finally {
      setBusy(false);
    }
  }

  const option = (r: RevisionItem) => t('history.revisions.option', { n: r.revision, author: r.authorLabel, time: formatDateTime(r.createdAt) });
  const same = from !== null && from === to;

  return (
    <section aria-labelledby={headingId}>
      <h3 id={headingId}>{t('history.revisions.heading')}</h3>
      <StatusLine message={message} />
      <ErrorMessage error={error} />
      {items === null ? (
        <p>{t('common.loading')}</p>
      ) : items.length === 0 ? (
        <p>{t('history.revisions.empty')}</p>
      ) : (
        <>
          <TableScroll label={t('history.revisions.heading')}>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('history.revisions.number')}</th>
                  <th scope="col">{t('history.revisions.author')}</th>
                  <th scope="col">{t('history.time')}</th>
                  <th scope="col">{t('history.revisions.note')}</th>
                  <th scope="col">{t('history.actions')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((r) => (
                  <tr key={r.revision}>
                    <th scope="row">
                      {r.revision} {r.current ? <span className="badge">{t('history.revisions.current')}</span> : null}
                    </th>
                    <td>{r.authorLabel}</td>
                    <td>{formatDateTime(r.createdAt)}</td>
                    <td>{r.note ?? ''}</td>
                    <td>
                      {!r.current && allows(r.allowedActions, 'article.restore_revision') && allows(article.allowedActions, 'article.restore_revision') ? (
                        <button type="button" onClick={() => setRestoring(r.revision)} aria-label={t('history.revisions.restoreN', { n: r.revision })}>
                          {t('history.revisions.restore')}
                        </button>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
          {items.length > 1 ? (
            <>
              <h3>{t('history.revisions.compareHeading')}</h3>
              <form className="compare-form" onSubmit={submitCompare}>
                <SelectField label={t('history.revisions.from')} value={from ?? ''} onChange={(e) => setFrom(Number(e.target.value))}>
                  {items.map((r) => (
                    <option key={r.revision} value={r.revision}>
                      {option(r)}
                    </option>
                  ))}
                </SelectField>
                <SelectField label={t('history.revisions.to')} value={to ?? ''} onChange={(e) => setTo(Number(e.target.value))} error={same ? t('history.revisions.same') : undefined}>
                  {items.map((r) => (
                    <option key={r.revision} value={r.revision}>
                      {option(r)}
                    </option>
                  ))}
                </SelectField>
                <div>
                  <button type="submit" disabled={same || comparing}>
                    {comparing ? t('history.revisions.comparing') : t('history.revisions.compare')}
                  </button>
                </div>
              </form>
              <ErrorMessage error={compareError} />
              <div aria-busy={comparing}>
                {comparison ? <SideBySide comparison={comparison} /> : null}
              </div>
            </>
          ) : null}
        </>
      )}
      <Dialog
        open={restoring !== null}
        title={t('history.revisions.restoreTitle', { n: restoring ?? '' })}
        onClose={() => {
          setRestoring(null);
          setRestoreError(null);
        }}
        footer={
          <button type="button" className="primary" onClick={() => void restore()} disabled={busy}>
            {t('history.revisions.restoreConfirm')}
          </button>
        }
      >
        <p>{t('history.revisions.restoreExplain', { n: restoring ?? '', current: article.revision })}</p>
        <ErrorMessage error={restoreError} />
      </Dialog>
    </section>
  );
}
