/**
 * The media picker: a dialog listing a site's media (search, kind filter, pages) as a grid of
 * toggle buttons, with an upload field, and alt text / caption / credit for the chosen item.
 * An image cannot be picked without alt text; when the library item had none and the person
 * may edit it, the alt text entered is saved to the library too.
 */
import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client.ts';
import { useSession } from '../session/session.tsx';
import { Dialog } from '../ui/Dialog.tsx';
import { ErrorMessage, useErrorText } from '../ui/ErrorMessage.tsx';
import { SelectField, TextAreaField, TextField } from '../ui/Field.tsx';
import { toPicked, uploadMedia, type MediaItem, type MediaList, type PickedMedia } from './media-api.ts';

/** Props of {@link MediaPicker}. */
export interface MediaPickerProps {
  siteId: number;
  open: boolean;
  onClose(): void;
  onPick(media: PickedMedia): void;
}

const PAGE_SIZE = 24;

/** A dialog to choose (or upload) an image or video of the site's library. */
export function MediaPicker({ siteId, open, onClose, onPick }: MediaPickerProps) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { me } = useSession();
  const [query, setQuery] = useState('');
  const [kind, setKind] = useState('');
  const [applied, setApplied] = useState({ q: '', kind: '' });
  const [page, setPage] = useState(1);
  const [list, setList] = useState<MediaList | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [selected, setSelected] = useState<MediaItem | null>(null);
  const [alt, setAlt] = useState('');
  const [caption, setCaption] = useState('');
  const [credit, setCredit] = useState('');
  const [altError, setAltError] = useState<string | undefined>(undefined);
  const [progress, setProgress] = useState<number | null>(null);
  const [uploadStatus, setUploadStatus] = useState('');
  const listId = useId();
  const uploadId = useId();

  const load = useCallback(async () => {
    try {
      setError(null);
      const answer = await api.get<MediaList>(`/sites/${siteId}/media`, { q: applied.q, kind: applied.kind, page, pageSize: PAGE_SIZE });
      setList(answer);
    } catch (e) {
      setError(e);
    }
  }, [siteId, applied, page]);

  useEffect(() => {
    if (open) void load();
  }, [open, load]);

  useEffect(() => {
    if (!open) {
      setSelected(null);
      setAltError(undefined);
      setUploadStatus('');
      setProgress(null);
    }
  }, [open]);

  function choose(item: MediaItem) {
    setSelected(item);
    setAlt(item.alt);
    setCaption(item.caption ?? '');
    setCredit(item.credit ?? '');
    setAltError(undefined);
  }

  function search(event: FormEvent) {
    event.preventDefault();
    setPage(1);
    setApplied({ q: query.trim(), kind });
  }

  async function upload(files: FileList | null) {
    const file = files?.[0];
    if (!file) return;
    setProgress(0);
    setUploadStatus(t('media.upload.progress', { name: file.name }));
    try {
      const item = await uploadMedia(siteId, file, {}, me?.csrfToken ?? null, setProgress);
      setUploadStatus(t('media.upload.done', { name: file.name }));
      setPage(1);
      setApplied({ q: '', kind: '' });
      setQuery('');
      setKind('');
      choose(item);
    } catch (e) {
      setUploadStatus(t('media.upload.failed', { name: file.name, message: errorText(e) }));
    } finally {
      setProgress(null);
    }
  }

  async function pick() {
    if (!selected) return;
    const text = { alt: alt.normalize('NFC').trim(), caption: caption.trim() || null, credit: credit.trim() || null };
    // A video needs its text alternative too (it is the fallback text and the editor's checks
    // block a figure without one).
    if (!text.alt) {
      setAltError(t(selected.kind === 'video' ? 'media.picker.altRequiredVideo' : 'media.picker.altRequired'));
      document.getElementById(`${listId}-alt`)?.focus();
      return;
    }
    if (text.alt && !selected.alt.trim() && selected.allowedActions.includes('media.update')) {
      // The library item had no alt text: keep what was entered there too (best effort; the
      // article gets the text either way).
      await api.patch(`/media/${selected.id}`, text).catch(() => undefined);
    }
    onPick(toPicked(selected, text));
    onClose();
  }

  const pages = list ? Math.max(1, Math.ceil(list.total / list.pageSize)) : 1;
  return (
    <Dialog
      open={open}
      title={t('media.picker.title')}
      onClose={onClose}
      footer={
        <button type="button" className="primary" onClick={() => void pick()} disabled={!selected}>
          {t('media.picker.pick')}
        </button>
      }
    >
      <div className="media-picker">
        <form className="media-filter" onSubmit={search} role="search">
          <TextField label={t('media.search')} type="search" value={query} onChange={(e) => setQuery(e.target.value)} />
          <SelectField label={t('media.kind')} value={kind} onChange={(e) => setKind(e.target.value)}>
            <option value="">{t('media.kinds.all')}</option>
            <option value="image">{t('media.kinds.image')}</option>
            <option value="video">{t('media.kinds.video')}</option>
          </SelectField>
          <button type="submit">{t('media.filter')}</button>
        </form>
        <div className="field">
          <label htmlFor={uploadId}>{t('media.picker.uploadLabel')}</label>
          <input id={uploadId} type="file" accept="image/jpeg,image/png,image/webp,image/gif,video/mp4,video/webm" onChange={(e) => void upload(e.target.files)} />
          {progress !== null ? (
            <progress max={100} value={progress} aria-label={uploadStatus}>
              {progress}%
            </progress>
          ) : null}
          <div role="status" className="media-status">
            {uploadStatus}
          </div>
        </div>
        <ErrorMessage error={error} />
        <h3 id={`${listId}-heading`}>{t('media.picker.list')}</h3>
        {list && list.items.length === 0 ? <p>{t('media.empty')}</p> : null}
        <ul className="media-grid media-grid-small" aria-labelledby={`${listId}-heading`}>
          {list?.items.map((item) => (
            <li key={item.id}>
              <button type="button" className="media-tile" aria-pressed={selected?.id === item.id} onClick={() => choose(item)}>
                <MediaThumb item={item} />
                <span className="media-tile-text">{item.alt || item.originalName}</span>
                {item.kind === 'image' && !item.alt ? <span className="badge badge-warn">{t('media.missingAlt')}</span> : null}
                {item.kind === 'video' ? <span className="badge">{t('media.video')}</span> : null}
              </button>
            </li>
          ))}
        </ul>
        {pages > 1 ? (
          <div className="pager">
            <button type="button" disabled={page <= 1} onClick={() => setPage(page - 1)}>
              {t('media.previous')}
            </button>
            <span>{t('media.pageOf', { page, pages })}</span>
            <button type="button" disabled={page >= pages} onClick={() => setPage(page + 1)}>
              {t('media.next')}
            </button>
          </div>
        ) : null}
        <div className="media-picker-selected" aria-live="polite">
          {selected ? (
            <>
              <p>{t('media.picker.selected', { name: selected.originalName })}</p>
              <TextField
                id={`${listId}-alt`}
                label={t('media.edit.alt')}
                hint={selected.kind === 'image' ? t('media.edit.altHint') : undefined}
                required={selected.kind === 'image'}
                value={alt}
                error={altError}
                onChange={(e) => setAlt(e.target.value)}
              />
              <TextAreaField label={t('media.edit.caption')} value={caption} onChange={(e) => setCaption(e.target.value)} rows={2} />
              <TextField label={t('media.edit.credit')} value={credit} onChange={(e) => setCredit(e.target.value)} />
            </>
          ) : (
            <p className="muted">{t('media.picker.nothingSelected')}</p>
          )}
        </div>
      </div>
    </Dialog>
  );
}

/** The small preview of a media item inside a labelled control (decorative: alt=""). */
export function MediaThumb({ item }: { item: MediaItem }) {
  if (item.kind === 'video') {
    return (
      <span className="media-thumb media-thumb-video" aria-hidden="true">
        ▶
      </span>
    );
  }
  return <img className="media-thumb" src={item.thumbnailUrl} alt="" loading="lazy" width={160} height={120} />;
}
