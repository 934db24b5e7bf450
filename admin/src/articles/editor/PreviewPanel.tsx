/**
 * Preview links (issue "Newsroom web UI", item 5): make a private, expiring link to the
 * article as its public page will look (1 hour – 7 days, default 48 hours), copy it to send
 * to someone without an account, see the links made and revoke them.
 */
import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { ErrorMessage } from '../../ui/ErrorMessage.tsx';
import { SelectField } from '../../ui/Field.tsx';
import { formatDateTime } from '../../ui/format.ts';

interface PreviewLinkItem {
  id: number;
  createdBy: { id: number; name: string | null } | null;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
  active: boolean;
  url?: string;
}

const LIFETIMES = [1, 24, 48, 72, 168];

/** The preview panel of the editor. */
export function PreviewPanel({ articleId, beforeCreate }: { articleId: number; beforeCreate(): Promise<boolean> }) {
  const { t } = useTranslation();
  const [hours, setHours] = useState('48');
  const [links, setLinks] = useState<PreviewLinkItem[]>([]);
  const [made, setMade] = useState<PreviewLinkItem | null>(null);
  const [status, setStatus] = useState('');
  const [error, setError] = useState<unknown>(null);
  const urlId = useId();

  const load = useCallback(async () => {
    try {
      setLinks((await api.get<{ items: PreviewLinkItem[] }>(`/articles/${articleId}/previews`)).items);
    } catch (e) {
      setError(e);
    }
  }, [articleId]);

  useEffect(() => {
    void load();
  }, [load]);

  async function create() {
    setError(null);
    if (!(await beforeCreate())) return;
    try {
      const link = await api.post<PreviewLinkItem>(`/articles/${articleId}/previews`, { expiresInHours: Number(hours) });
      setMade(link);
      setStatus(t('editor.preview.made', { at: formatDateTime(link.expiresAt) }));
      await load();
    } catch (e) {
      setError(e);
    }
  }

  async function copy() {
    if (!made?.url) return;
    try {
      await navigator.clipboard.writeText(made.url);
      setStatus(t('editor.preview.copied'));
    } catch {
      (document.getElementById(urlId) as HTMLInputElement | null)?.select();
      setStatus(t('editor.preview.copyManually'));
    }
  }

  async function revoke(id: number) {
    setError(null);
    try {
      await api.delete(`/articles/${articleId}/previews/${id}`);
      if (made?.id === id) setMade(null);
      setStatus(t('editor.preview.revoked'));
      await load();
    } catch (e) {
      setError(e);
    }
  }

  const active = links.filter((l) => l.active);
  return (
    <section className="panel preview-panel" aria-labelledby="preview-heading">
      <h2 id="preview-heading">{t('editor.preview.title')}</h2>
      <p className="field-hint">{t('editor.preview.intro')}</p>
      <div className="preview-make">
        <SelectField label={t('editor.preview.lifetime')} value={hours} onChange={(e) => setHours(e.target.value)}>
          {LIFETIMES.map((h) => (
            <option key={h} value={h}>
              {t(`editor.preview.hours.${h}`)}
            </option>
          ))}
        </SelectField>
        <button type="button" onClick={() => void create()}>
          {t('editor.preview.make')}
        </button>
      </div>
      {made?.url ? (
        <div className="preview-made">
          <label htmlFor={urlId}>{t('editor.preview.link')}</label>
          <input id={urlId} readOnly value={made.url} onFocus={(e) => e.target.select()} />
          <div className="preview-made-actions">
            <button type="button" onClick={() => void copy()}>
              {t('editor.preview.copy')}
            </button>
            <a className="button" href={made.url} target="_blank" rel="noopener noreferrer">
              {t('editor.preview.open')}
            </a>
          </div>
        </div>
      ) : null}
      <div role="status" className="status-line">
        {status}
      </div>
      <ErrorMessage error={error} />
      {active.length ? (
        <>
          <h3>{t('editor.preview.activeLinks')}</h3>
          <ul className="preview-links">
            {active.map((l) => (
              <li key={l.id}>
                {t('editor.preview.linkLine', { name: l.createdBy?.name ?? '—', created: formatDateTime(l.createdAt), expires: formatDateTime(l.expiresAt) })}{' '}
                <button type="button" className="danger" onClick={() => void revoke(l.id)}>
                  {t('editor.preview.revoke')}
                </button>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
