/**
 * The media library screen (`sites/:siteId/media`): upload by drag-and-drop or the file
 * chooser with a progress bar per file, refusals announced in a live region; the site's
 * images and videos with their alt text status (missing alt flagged); a details dialog to edit
 * alt text, caption and credit, see which articles use the item, and delete it when unused.
 */
import { useCallback, useEffect, useId, useRef, useState, type DragEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { api, ApiError } from '../api/client.ts';
import { useSession } from '../session/session.tsx';
import { Dialog } from '../ui/Dialog.tsx';
import { ErrorMessage, useErrorText } from '../ui/ErrorMessage.tsx';
import { SelectField, TextAreaField, TextField } from '../ui/Field.tsx';
import { Page } from '../ui/Page.tsx';
import { formatBytes, uploadMedia, type MediaDetail, type MediaItem, type MediaList } from './media-api.ts';
import { MediaThumb } from './MediaPicker.tsx';

interface UploadRow {
  key: number;
  name: string;
  progress: number;
  state: 'uploading' | 'done' | 'failed';
  message: string;
}

const PAGE_SIZE = 24;
let uploadCounter = 0;

/** The media library of one site. */
export function MediaLibraryPage() {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const { siteId: raw } = useParams();
  const siteId = Number(raw);
  const { me, sites } = useSession();
  const site = sites.find((s) => s.id === siteId);
  const canUpload = site?.allowedActions.includes('media.upload') ?? false;
  const [query, setQuery] = useState('');
  const [kind, setKind] = useState('');
  const [missingOnly, setMissingOnly] = useState(false);
  const [applied, setApplied] = useState({ q: '', kind: '', missingAlt: false });
  const [page, setPage] = useState(1);
  const [list, setList] = useState<MediaList | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [uploads, setUploads] = useState<UploadRow[]>([]);
  const [announcement, setAnnouncement] = useState('');
  const [dragging, setDragging] = useState(false);
  const [editing, setEditing] = useState<MediaItem | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const inputId = useId();

  const load = useCallback(async () => {
    try {
      setError(null);
      setList(await api.get<MediaList>(`/sites/${siteId}/media`, { q: applied.q, kind: applied.kind, missingAlt: applied.missingAlt, page, pageSize: PAGE_SIZE }));
    } catch (e) {
      setError(e);
    }
  }, [siteId, applied, page]);

  useEffect(() => {
    void load();
  }, [load]);

  function search(event: FormEvent) {
    event.preventDefault();
    setPage(1);
    setApplied({ q: query.trim(), kind, missingAlt: missingOnly });
  }

  async function uploadFiles(files: FileList | File[] | null) {
    const chosen = files ? Array.from(files) : [];
    if (chosen.length === 0) return;
    const rows = chosen.map((file) => ({ key: ++uploadCounter, name: file.name, progress: 0, state: 'uploading' as const, message: t('media.upload.progress', { name: file.name }) }));
    setUploads((current) => [...rows, ...current].slice(0, 20));
    const update = (key: number, patch: Partial<UploadRow>) => setUploads((current) => current.map((r) => (r.key === key ? { ...r, ...patch } : r)));
    const messages: string[] = [];
    for (const [index, file] of chosen.entries()) {
      const row = rows[index]!;
      try {
        await uploadMedia(siteId, file, {}, me?.csrfToken ?? null, (progress) => update(row.key, { progress }));
        const message = t('media.upload.done', { name: file.name });
        update(row.key, { progress: 100, state: 'done', message });
        messages.push(message);
      } catch (e) {
        // The server's refusal already names the file; a network error does not.
        const text = errorText(e);
        const message = text.includes(file.name) ? text : t('media.upload.failed', { name: file.name, message: text });
        update(row.key, { state: 'failed', message });
        messages.push(message);
      }
    }
    setAnnouncement(messages.join(' '));
    setPage(1);
    await load();
  }

  function onDrop(event: DragEvent<HTMLDivElement>) {
    event.preventDefault();
    setDragging(false);
    void uploadFiles(event.dataTransfer.files);
  }

  const pages = list ? Math.max(1, Math.ceil(list.total / list.pageSize)) : 1;
  const failures = uploads.filter((u) => u.state === 'failed');
  return (
    <Page title={t('media.title')}>
      {canUpload ? (
        <section aria-labelledby="media-upload-heading" className="media-upload">
          <h2 id="media-upload-heading">{t('media.upload.heading')}</h2>
          <div
            className={`drop-zone${dragging ? ' drop-zone-active' : ''}`}
            onDragOver={(e) => {
              e.preventDefault();
              setDragging(true);
            }}
            onDragLeave={() => setDragging(false)}
            onDrop={onDrop}
            data-testid="drop-zone"
          >
            <p>
              {t('media.upload.drop')}{' '}
              <button type="button" className="primary" onClick={() => fileInput.current?.click()}>
                {t('media.upload.choose')}
              </button>
            </p>
            <p className="field-hint" id={`${inputId}-hint`}>
              {t('media.upload.hint')}
            </p>
            <input
              ref={fileInput}
              id={inputId}
              className="visually-hidden"
              type="file"
              multiple
              tabIndex={-1}
              aria-hidden="true"
              accept="image/jpeg,image/png,image/webp,image/gif,image/avif,video/mp4,video/webm"
              onChange={(e) => {
                void uploadFiles(e.target.files);
                e.target.value = '';
              }}
            />
          </div>
          {uploads.length ? (
            <ul className="upload-list" aria-label={t('media.upload.queue')}>
              {uploads.map((u) => (
                <li key={u.key} className={`upload-row upload-${u.state}`}>
                  <span className="upload-name">{u.name}</span>
                  <div className="progress" role="progressbar" aria-label={t('media.upload.progress', { name: u.name })} aria-valuemin={0} aria-valuemax={100} aria-valuenow={u.progress}>
                    <div className="progress-bar" style={{ width: `${u.progress}%` }} />
                  </div>
                  <span className="upload-percent">{u.state === 'failed' ? '✕' : `${u.progress}%`}</span>
                </li>
              ))}
            </ul>
          ) : null}
          <div role="status" className="visually-hidden">
            {announcement}
          </div>
          <div role="alert" className={failures.length ? 'alert alert-error' : undefined}>
            {failures.length ? (
              <ul className="plain-list">
                {failures.map((f) => (
                  <li key={f.key}>{f.message}</li>
                ))}
              </ul>
            ) : null}
          </div>
        </section>
      ) : null}

      <form className="media-filter" onSubmit={search} role="search" aria-label={t('media.filter')}>
        <TextField label={t('media.search')} type="search" value={query} onChange={(e) => setQuery(e.target.value)} />
        <SelectField label={t('media.kind')} value={kind} onChange={(e) => setKind(e.target.value)}>
          <option value="">{t('media.kinds.all')}</option>
          <option value="image">{t('media.kinds.image')}</option>
          <option value="video">{t('media.kinds.video')}</option>
        </SelectField>
        <label className="checkbox">
          <input type="checkbox" checked={missingOnly} onChange={(e) => setMissingOnly(e.target.checked)} />
          {t('media.onlyMissingAlt')}
        </label>
        <button type="submit">{t('media.filter')}</button>
      </form>

      <ErrorMessage error={error} />
      <h2 id="media-list-heading">
        {t('media.listHeading')} {list ? <span className="badge">{t('media.count', { count: list.total })}</span> : null}
      </h2>
      {list && list.items.length === 0 ? <p>{t('media.empty')}</p> : null}
      <ul className="media-grid" aria-labelledby="media-list-heading">
        {list?.items.map((item) => (
          <li key={item.id} className="media-card">
            <MediaThumb item={item} />
            <div className="media-card-body">
              <p className="media-card-name">{item.originalName}</p>
              <p className="media-card-meta">
                {item.kind === 'video' ? `${t('media.video')} · ` : ''}
                {item.width && item.height ? `${item.width} × ${item.height} · ` : ''}
                {formatBytes(item.bytes, i18n.language)}
              </p>
              {item.alt ? (
                <p className="media-card-alt">{item.alt}</p>
              ) : (
                <p>
                  <span className="badge badge-warn">⚠ {t('media.missingAlt')}</span>
                </p>
              )}
              <button type="button" onClick={() => setEditing(item)} aria-label={`${t('media.edit.open')}: ${item.originalName}`}>
                {t('media.edit.open')}
              </button>
            </div>
          </li>
        ))}
      </ul>
      {pages > 1 ? (
        <nav className="pager" aria-label={t('media.pages')}>
          <button type="button" disabled={page <= 1} onClick={() => setPage(page - 1)}>
            {t('media.previous')}
          </button>
          <span>{t('media.pageOf', { page, pages })}</span>
          <button type="button" disabled={page >= pages} onClick={() => setPage(page + 1)}>
            {t('media.next')}
          </button>
        </nav>
      ) : null}
      <MediaDetailsDialog
        item={editing}
        onClose={() => setEditing(null)}
        onChanged={(message) => {
          setAnnouncement(message);
          void load();
        }}
      />
    </Page>
  );
}

/** The details dialog: edit text, where used, delete. */
function MediaDetailsDialog({ item, onClose, onChanged }: { item: MediaItem | null; onClose(): void; onChanged(message: string): void }) {
  const { t, i18n } = useTranslation();
  const [detail, setDetail] = useState<MediaDetail | null>(null);
  const [alt, setAlt] = useState('');
  const [caption, setCaption] = useState('');
  const [credit, setCredit] = useState('');
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState('');
  const [confirming, setConfirming] = useState(false);

  useEffect(() => {
    setDetail(null);
    setError(null);
    setStatus('');
    if (!item) return;
    setAlt(item.alt);
    setCaption(item.caption ?? '');
    setCredit(item.credit ?? '');
    api
      .get<MediaDetail>(`/media/${item.id}`)
      .then(setDetail)
      .catch(setError);
  }, [item]);

  const mayEdit = item?.allowedActions.includes('media.update') ?? false;

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!item) return;
    setError(null);
    try {
      const updated = await api.patch<MediaItem>(`/media/${item.id}`, { alt, caption, credit });
      setAlt(updated.alt);
      setStatus(t('media.edit.saved'));
      onChanged(t('media.edit.saved'));
    } catch (e) {
      setError(e);
    }
  }

  async function remove() {
    if (!item) return;
    try {
      await api.delete(`/media/${item.id}`);
      setConfirming(false);
      onChanged(t('media.remove.done', { name: item.originalName }));
      onClose();
    } catch (e) {
      setConfirming(false);
      setError(e);
    }
  }

  const altError = error instanceof ApiError ? error.fieldMessage('alt') : undefined;
  const inUse = (detail?.usedBy.length ?? 0) > 0;
  return (
    <>
      <Dialog
        open={item !== null && !confirming}
        title={t('media.edit.title')}
        onClose={onClose}
        footer={
          <>
            {mayEdit && detail && !inUse ? (
              <button type="button" className="danger" onClick={() => setConfirming(true)}>
                {t('media.remove.button')}
              </button>
            ) : null}
            {mayEdit ? (
              <button type="submit" form="media-edit-form" className="primary">
                {t('common.save')}
              </button>
            ) : null}
          </>
        }
      >
        {item ? (
          <div className="media-details">
            <div className="media-details-preview">
              {item.kind === 'video' ? (
                <video src={item.url} controls preload="metadata" width={320} aria-label={item.alt || item.originalName} />
              ) : (
                <img src={item.thumbnailUrl} alt={item.alt} width={320} />
              )}
              <p className="media-card-meta">
                {t('media.edit.file')}: <a href={item.url}>{item.originalName}</a>
                <br />
                {t('media.edit.size', { width: item.width, height: item.height, bytes: formatBytes(item.bytes, i18n.language) })}
              </p>
            </div>
            <form id="media-edit-form" onSubmit={save}>
              <TextField label={t('media.edit.alt')} hint={t('media.edit.altHint')} required value={alt} error={altError} readOnly={!mayEdit} onChange={(e) => setAlt(e.target.value)} />
              <TextAreaField label={t('media.edit.caption')} value={caption} rows={2} readOnly={!mayEdit} error={error instanceof ApiError ? error.fieldMessage('caption') : undefined} onChange={(e) => setCaption(e.target.value)} />
              <TextField label={t('media.edit.credit')} value={credit} readOnly={!mayEdit} error={error instanceof ApiError ? error.fieldMessage('credit') : undefined} onChange={(e) => setCredit(e.target.value)} />
            </form>
            {error && !altError ? <ErrorMessage error={error} /> : null}
            <div role="status">{status ? <p className="alert alert-ok">{status}</p> : null}</div>
            <h3>{t('media.usage.heading')}</h3>
            {detail === null ? (
              <p>{t('common.loading')}</p>
            ) : detail.usedBy.length === 0 ? (
              <p>{t('media.usage.none')}</p>
            ) : (
              <>
                <ul>
                  {detail.usedBy.map((u) => (
                    <li key={`${u.articleId}-${u.how}`}>
                      <Link to={`/articles/${u.articleId}`}>{u.title}</Link> ({t(`media.usage.${u.how}`)}, {t(`common.states.${u.state}`)})
                    </li>
                  ))}
                </ul>
                {mayEdit ? <p className="field-hint">{t('media.remove.inUse')}</p> : null}
              </>
            )}
          </div>
        ) : null}
      </Dialog>
      <Dialog
        open={confirming}
        title={t('media.remove.title')}
        onClose={() => setConfirming(false)}
        footer={
          <button type="button" className="danger" onClick={() => void remove()}>
            {t('media.remove.button')}
          </button>
        }
      >
        <p>{t('media.remove.confirm', { name: item?.originalName ?? '' })}</p>
      </Dialog>
    </>
  );
}
