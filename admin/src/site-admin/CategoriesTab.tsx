/**
 * Categories of a site as a nested list: add, rename / move (parent select), delete (when
 * unused), and keyboard ordering with up/down buttons; focus stays on the moved item's button.
 */
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api/client.ts';
import { Dialog } from '../ui/Dialog.tsx';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';
import { SelectField, TextField } from '../ui/Field.tsx';

/** A category as GET /sites/:siteId/categories lists it. */
export interface CategoryItem {
  id: number;
  name: string;
  slug: string;
  parentId: number | null;
  position: number;
  articleCount: number;
}

const MAX_DEPTH = 3;

function depthOf(items: CategoryItem[], id: number | null): number {
  let depth = 0;
  let current = id;
  while (current !== null && depth < 10) {
    const item = items.find((c) => c.id === current);
    if (!item) break;
    depth++;
    current = item.parentId;
  }
  return depth;
}

function descendantsOf(items: CategoryItem[], id: number): Set<number> {
  const out = new Set<number>([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const c of items) if (c.parentId !== null && out.has(c.parentId) && !out.has(c.id)) {
      out.add(c.id);
      grew = true;
    }
  }
  return out;
}

function heightOf(items: CategoryItem[], id: number): number {
  const children = items.filter((c) => c.parentId === id);
  return 1 + Math.max(0, ...children.map((c) => heightOf(items, c.id)));
}

/** The categories tab. */
export function CategoriesTab({ siteId }: { siteId: number }) {
  const { t } = useTranslation();
  const [items, setItems] = useState<CategoryItem[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [status, setStatus] = useState('');
  const [editing, setEditing] = useState<CategoryItem | 'new' | null>(null);
  const [removing, setRemoving] = useState<CategoryItem | null>(null);
  const [focusAfter, setFocusAfter] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      setItems((await api.get<{ items: CategoryItem[] }>(`/sites/${siteId}/categories`)).items);
    } catch (e) {
      setError(e);
    }
  }, [siteId]);
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    if (!focusAfter) return;
    const el = document.getElementById(focusAfter) as HTMLButtonElement | null;
    if (el && !el.disabled) el.focus();
    else document.getElementById(focusAfter.replace(/-(up|down)-/, (_m, d: string) => (d === 'up' ? '-down-' : '-up-')))?.focus();
    setFocusAfter(null);
  }, [items, focusAfter]);

  async function move(item: CategoryItem, delta: -1 | 1) {
    setError(null);
    const siblings = (items ?? []).filter((c) => c.parentId === item.parentId);
    const index = siblings.findIndex((c) => c.id === item.id);
    const target = index + delta;
    if (target < 0 || target >= siblings.length) return;
    try {
      await api.patch(`/categories/${item.id}`, { position: target });
      await load();
      setStatus(t('siteAdmin.categories.moved', { name: item.name, position: target + 1 }));
      setFocusAfter(`cat-${delta < 0 ? 'up' : 'down'}-${item.id}`);
    } catch (e) {
      setError(e);
    }
  }

  async function remove() {
    if (!removing) return;
    const item = removing;
    setRemoving(null);
    try {
      await api.delete(`/categories/${item.id}`);
      await load();
      setStatus(t('siteAdmin.categories.removed', { name: item.name }));
    } catch (e) {
      setError(e);
    }
  }

  const renderLevel = (parentId: number | null) => {
    const level = (items ?? []).filter((c) => c.parentId === parentId);
    if (level.length === 0) return null;
    return (
      <ul className={parentId === null ? 'tree' : 'tree-sub'}>
        {level.map((item, index) => (
          <li key={item.id}>
            <div className="tree-row">
              <span className="tree-name">
                <strong>{item.name}</strong> <code>/{item.slug}</code> <span className="badge">{t('siteAdmin.categories.articles', { count: item.articleCount })}</span>
              </span>
              <span className="tree-actions" role="group" aria-label={t('siteAdmin.categories.actionsFor', { name: item.name })}>
                <button type="button" id={`cat-up-${item.id}`} disabled={index === 0} onClick={() => void move(item, -1)} aria-label={t('siteAdmin.moveUp', { name: item.name })}>
                  ↑
                </button>
                <button type="button" id={`cat-down-${item.id}`} disabled={index === level.length - 1} onClick={() => void move(item, 1)} aria-label={t('siteAdmin.moveDown', { name: item.name })}>
                  ↓
                </button>
                <button type="button" onClick={() => setEditing(item)} aria-label={`${t('siteAdmin.categories.edit')}: ${item.name}`}>
                  {t('siteAdmin.categories.edit')}
                </button>
                <button type="button" className="danger" onClick={() => setRemoving(item)} aria-label={`${t('siteAdmin.categories.remove')}: ${item.name}`}>
                  {t('siteAdmin.categories.remove')}
                </button>
              </span>
            </div>
            {renderLevel(item.id)}
          </li>
        ))}
      </ul>
    );
  };

  return (
    <section aria-labelledby="categories-heading">
      <div className="section-head">
        <h2 id="categories-heading">{t('siteAdmin.categories.heading')}</h2>
        <button type="button" className="primary" onClick={() => setEditing('new')}>
          {t('siteAdmin.categories.add')}
        </button>
      </div>
      <p className="field-hint">{t('siteAdmin.categories.intro')}</p>
      <div role="status" className="status-line">
        {status}
      </div>
      <ErrorMessage error={error} />
      {items && items.length === 0 ? <p>{t('siteAdmin.categories.empty')}</p> : null}
      {items ? renderLevel(null) : <p>{t('common.loading')}</p>}
      <CategoryDialog
        siteId={siteId}
        items={items ?? []}
        editing={editing}
        onClose={() => setEditing(null)}
        onSaved={async (name) => {
          setEditing(null);
          await load();
          setStatus(t('siteAdmin.categories.saved', { name }));
        }}
      />
      <Dialog
        open={removing !== null}
        title={t('siteAdmin.categories.removeTitle', { name: removing?.name ?? '' })}
        onClose={() => setRemoving(null)}
        footer={
          <button type="button" className="danger" onClick={() => void remove()}>
            {t('siteAdmin.categories.remove')}
          </button>
        }
      >
        <p>{t('siteAdmin.categories.removeConfirm')}</p>
      </Dialog>
    </section>
  );
}

function CategoryDialog({ siteId, items, editing, onClose, onSaved }: { siteId: number; items: CategoryItem[]; editing: CategoryItem | 'new' | null; onClose(): void; onSaved(name: string): Promise<void> }) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [slug, setSlug] = useState('');
  const [parent, setParent] = useState('');
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    setError(null);
    if (editing === 'new') {
      setName('');
      setSlug('');
      setParent('');
    } else if (editing) {
      setName(editing.name);
      setSlug(editing.slug);
      setParent(editing.parentId === null ? '' : String(editing.parentId));
    }
  }, [editing]);

  const self = editing && editing !== 'new' ? editing : null;
  const excluded = self ? descendantsOf(items, self.id) : new Set<number>();
  const height = self ? heightOf(items, self.id) : 1;
  const parents = items.filter((c) => !excluded.has(c.id) && depthOf(items, c.id) + height <= MAX_DEPTH);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setError(null);
    const parentId = parent === '' ? null : Number(parent);
    try {
      if (self) {
        await api.patch(`/categories/${self.id}`, { name, slug, parentId });
      } else {
        await api.post(`/sites/${siteId}/categories`, { name, ...(slug.trim() ? { slug } : {}), parentId });
      }
      await onSaved(name.trim());
    } catch (e) {
      setError(e);
    }
  }

  const field = (f: string) => (error instanceof ApiError ? error.fieldMessage(f) : undefined);
  const fieldless = error instanceof ApiError && !['name', 'slug', 'parentId'].some((f) => error.fieldMessage(f));
  return (
    <Dialog
      open={editing !== null}
      title={self ? t('siteAdmin.categories.editTitle', { name: self.name }) : t('siteAdmin.categories.addTitle')}
      onClose={onClose}
      footer={
        <button type="submit" form="category-form" className="primary">
          {t('common.save')}
        </button>
      }
    >
      <form id="category-form" onSubmit={submit}>
        <TextField label={t('siteAdmin.categories.name')} required value={name} error={field('name')} onChange={(e) => setName(e.target.value)} />
        <TextField label={t('siteAdmin.categories.slug')} value={slug} error={field('slug')} onChange={(e) => setSlug(e.target.value)} />
        <SelectField label={t('siteAdmin.categories.parent')} value={parent} error={field('parentId')} onChange={(e) => setParent(e.target.value)}>
          <option value="">{t('siteAdmin.categories.top')}</option>
          {parents.map((c) => (
            <option key={c.id} value={c.id}>
              {'— '.repeat(depthOf(items, c.id) - 1)}
              {c.name}
            </option>
          ))}
        </SelectField>
      </form>
      {fieldless || (error && !(error instanceof ApiError)) ? <ErrorMessage error={error} /> : null}
    </Dialog>
  );
}
