/**
 * The site's navigation menu as an editable list: entries with label and address, one level
 * of sub-entries, add / remove / move up / move down, saved as a whole (PUT /sites/:id/menu).
 */
import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api/client.ts';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';
import { TextField } from '../ui/Field.tsx';

interface Link {
  key: number;
  label: string;
  url: string;
}
interface Entry extends Link {
  children: Link[];
}
let counter = 0;

function moved<T>(list: T[], index: number, delta: number): T[] {
  const target = index + delta;
  if (target < 0 || target >= list.length) return list;
  const copy = [...list];
  const [item] = copy.splice(index, 1);
  copy.splice(target, 0, item!);
  return copy;
}

/** The menu tab. */
export function MenuTab({ siteId }: { siteId: number }) {
  const { t } = useTranslation();
  const [entries, setEntries] = useState<Entry[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState('');
  const [focus, setFocus] = useState<string | null>(null);

  useEffect(() => {
    api
      .get<{ items: { label: string; url: string; children: { label: string; url: string }[] }[] }>(`/sites/${siteId}/menu`)
      .then((answer) => setEntries(answer.items.map((e) => ({ key: ++counter, label: e.label, url: e.url, children: e.children.map((c) => ({ key: ++counter, ...c })) }))))
      .catch(setError);
  }, [siteId]);
  useEffect(() => {
    if (focus) document.getElementById(focus)?.focus();
    setFocus(null);
  }, [entries, focus]);

  const list = entries ?? [];
  const setList = (next: Entry[]) => setEntries(next);
  const updateEntry = (i: number, patch: Partial<Entry>) => setList(list.map((e, j) => (j === i ? { ...e, ...patch } : e)));
  const updateChild = (i: number, k: number, patch: Partial<Link>) => updateEntry(i, { children: list[i]!.children.map((c, j) => (j === k ? { ...c, ...patch } : c)) });

  async function save(event: FormEvent) {
    event.preventDefault();
    setError(null);
    setStatus('');
    try {
      await api.put(`/sites/${siteId}/menu`, { items: list.map((e) => ({ label: e.label, url: e.url, children: e.children.map((c) => ({ label: c.label, url: c.url })) })) });
      setStatus(t('siteAdmin.menu.saved'));
    } catch (e) {
      setError(e);
    }
  }

  const field = (path: string) => (error instanceof ApiError ? error.errors.find((x) => x.field === path || x.field === `body.${path}`)?.message : undefined);
  const name = (l: Link) => l.label.trim() || t('siteAdmin.menu.untitled');
  return (
    <section aria-labelledby="menu-heading">
      <h2 id="menu-heading">{t('siteAdmin.menu.heading')}</h2>
      <p className="field-hint">{t('siteAdmin.menu.intro')}</p>
      {entries === null && !error ? <p>{t('common.loading')}</p> : null}
      <form onSubmit={save} noValidate>
        {entries && entries.length === 0 ? <p>{t('siteAdmin.menu.empty')}</p> : null}
        <ol className="menu-editor">
          {list.map((entry, i) => (
            <li key={entry.key}>
              <fieldset>
                <legend>{t('siteAdmin.menu.entry', { n: i + 1 })}</legend>
                <div className="menu-row">
                  <TextField id={`menu-${entry.key}-label`} label={t('siteAdmin.menu.label')} value={entry.label} error={field(`items.${i}.label`)} onChange={(e) => updateEntry(i, { label: e.target.value })} />
                  <TextField label={t('siteAdmin.menu.url')} value={entry.url} error={field(`items.${i}.url`)} onChange={(e) => updateEntry(i, { url: e.target.value })} placeholder="/gioi-thieu" />
                  <span className="tree-actions">
                    <button type="button" id={`menu-${entry.key}-up`} disabled={i === 0} aria-label={t('siteAdmin.moveUp', { name: name(entry) })} onClick={() => { setList(moved(list, i, -1)); setFocus(i - 1 === 0 ? `menu-${entry.key}-down` : `menu-${entry.key}-up`); }}>
                      ↑
                    </button>
                    <button type="button" id={`menu-${entry.key}-down`} disabled={i === list.length - 1} aria-label={t('siteAdmin.moveDown', { name: name(entry) })} onClick={() => { setList(moved(list, i, 1)); setFocus(i + 1 === list.length - 1 ? `menu-${entry.key}-up` : `menu-${entry.key}-down`); }}>
                      ↓
                    </button>
                    <button type="button" className="danger" aria-label={t('siteAdmin.menu.remove', { name: name(entry) })} onClick={() => { setList(list.filter((_, j) => j !== i)); setFocus('menu-add'); }}>
                      ✕
                    </button>
                  </span>
                </div>
                {entry.children.length ? (
                  <ol className="menu-editor-sub">
                    {entry.children.map((child, k) => (
                      <li key={child.key}>
                        <fieldset>
                          <legend>{t('siteAdmin.menu.child', { n: k + 1, parent: name(entry) })}</legend>
                          <div className="menu-row">
                            <TextField id={`menu-${child.key}-label`} label={t('siteAdmin.menu.label')} value={child.label} error={field(`items.${i}.children.${k}.label`)} onChange={(e) => updateChild(i, k, { label: e.target.value })} />
                            <TextField label={t('siteAdmin.menu.url')} value={child.url} error={field(`items.${i}.children.${k}.url`)} onChange={(e) => updateChild(i, k, { url: e.target.value })} />
                            <span className="tree-actions">
                              <button type="button" disabled={k === 0} aria-label={t('siteAdmin.moveUp', { name: name(child) })} onClick={() => updateEntry(i, { children: moved(entry.children, k, -1) })}>
                                ↑
                              </button>
                              <button type="button" disabled={k === entry.children.length - 1} aria-label={t('siteAdmin.moveDown', { name: name(child) })} onClick={() => updateEntry(i, { children: moved(entry.children, k, 1) })}>
                                ↓
                              </button>
                              <button type="button" className="danger" aria-label={t('siteAdmin.menu.remove', { name: name(child) })} onClick={() => { updateEntry(i, { children: entry.children.filter((_, j) => j !== k) }); setFocus(`menu-${entry.key}-child`); }}>
                                ✕
                              </button>
                            </span>
                          </div>
                        </fieldset>
                      </li>
                    ))}
                  </ol>
                ) : null}
                <button
                  type="button"
                  id={`menu-${entry.key}-child`}
                  onClick={() => {
                    const key = ++counter;
                    updateEntry(i, { children: [...entry.children, { key, label: '', url: '' }] });
                    setFocus(`menu-${key}-label`);
                  }}
                >
                  {t('siteAdmin.menu.addChild')}
                </button>
              </fieldset>
            </li>
          ))}
        </ol>
        <div className="form-actions">
          <button
            type="button"
            id="menu-add"
            onClick={() => {
              const key = ++counter;
              setList([...list, { key, label: '', url: '', children: [] }]);
              setFocus(`menu-${key}-label`);
            }}
          >
            {t('siteAdmin.menu.add')}
          </button>
          <button type="submit" className="primary">
            {t('siteAdmin.menu.save')}
          </button>
        </div>
      </form>
      <div role="status" className="status-line">
        {status ? <p className="alert alert-ok">{status}</p> : null}
      </div>
      {error && !(error instanceof ApiError && error.status === 400) ? <ErrorMessage error={error} /> : null}
      {error instanceof ApiError && error.status === 400 ? (
        <div role="alert" className="alert alert-error">
          {error.message}
        </div>
      ) : null}
    </section>
  );
}
