/**
 * The article's fields beside the body: type, categories (GET /sites/:siteId/categories),
 * tags, byline, source organisation (GET /organisations) and URL, cover image from the media
 * library with its alt text and caption.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client.ts';
import { SelectField, TextAreaField, TextField } from '../../ui/Field.tsx';
import { MediaPicker } from '../../media/MediaPicker.tsx';
import { ARTICLE_TYPES, type ArticleForm } from './types.ts';

interface Category {
  id: number;
  name: string;
  parentId: number | null;
  position: number;
}
interface Organisation {
  id: number;
  name: string;
}

/** Props of {@link MetaFields}. */
export interface MetaFieldsProps {
  siteId: number;
  form: ArticleForm;
  disabled: boolean;
  errors: Record<string, string | undefined>;
  onChange(patch: Partial<ArticleForm>): void;
}

function depthOf(c: Category, byId: Map<number, Category>): number {
  let depth = 0;
  let p = c.parentId;
  while (p !== null && depth < 5) {
    depth += 1;
    p = byId.get(p)?.parentId ?? null;
  }
  return depth;
}

/** The metadata fields. */
export function MetaFields({ siteId, form, disabled, errors, onChange }: MetaFieldsProps) {
  const { t } = useTranslation();
  const [categories, setCategories] = useState<Category[]>([]);
  const [organisations, setOrganisations] = useState<Organisation[]>([]);
  const [pickerOpen, setPickerOpen] = useState(false);

  useEffect(() => {
    api
      .get<{ items: Category[] }>(`/sites/${siteId}/categories`)
      .then((a) => setCategories(a.items))
      .catch(() => setCategories([]));
    api
      .get<{ items: Organisation[] }>('/organisations')
      .then((a) => setOrganisations(a.items))
      .catch(() => setOrganisations([]));
  }, [siteId]);

  const byId = new Map(categories.map((c) => [c.id, c]));
  return (
    <div className="meta-fields">
      <SelectField label={t('editor.fields.type')} value={form.type} disabled={disabled} onChange={(e) => onChange({ type: e.target.value })}>
        {ARTICLE_TYPES.map((type) => (
          <option key={type} value={type}>
            {t(`editor.types.${type}`)}
          </option>
        ))}
      </SelectField>
      <fieldset className="categories" aria-describedby={errors.categoryIds ? 'categories-error' : undefined}>
        <legend>
          {t('editor.fields.categories')}
          <span aria-hidden="true"> *</span>
        </legend>
        {categories.length === 0 ? <p className="field-hint">{t('editor.fields.noCategories')}</p> : null}
        {categories.map((c) => (
          <label key={c.id} className={`checkbox depth-${depthOf(c, byId)}`}>
            <input
              type="checkbox"
              disabled={disabled}
              checked={form.categoryIds.includes(c.id)}
              onChange={(e) => onChange({ categoryIds: e.target.checked ? [...form.categoryIds, c.id] : form.categoryIds.filter((id) => id !== c.id) })}
            />
            {c.name}
          </label>
        ))}
        {errors.categoryIds ? (
          <div className="field-error" id="categories-error">
            {errors.categoryIds}
          </div>
        ) : null}
      </fieldset>
      <TextField label={t('editor.fields.tags')} hint={t('editor.fields.tagsHint')} value={form.tags} disabled={disabled} error={errors.tagNames} onChange={(e) => onChange({ tags: e.target.value })} />
      <TextField label={t('editor.fields.byline')} value={form.byline} disabled={disabled} error={errors.byline} onChange={(e) => onChange({ byline: e.target.value })} />
      <SelectField
        label={t('editor.fields.sourceOrganisation')}
        value={form.sourceOrganisationId ?? ''}
        disabled={disabled}
        error={errors.sourceOrganisationId}
        onChange={(e) => onChange({ sourceOrganisationId: e.target.value ? Number(e.target.value) : null })}
      >
        <option value="">{t('editor.fields.noOrganisation')}</option>
        {organisations.map((o) => (
          <option key={o.id} value={o.id}>
            {o.name}
          </option>
        ))}
      </SelectField>
      <TextField label={t('editor.fields.sourceUrl')} hint={t('editor.fields.sourceUrlHint')} type="url" inputMode="url" value={form.sourceUrl} disabled={disabled} error={errors.sourceUrl} onChange={(e) => onChange({ sourceUrl: e.target.value })} />
      <fieldset className="cover">
        <legend>{t('editor.fields.cover')}</legend>
        {form.coverMediaId ? (
          <>
            {form.coverUrl ? <img className="cover-thumb" src={form.coverUrl} alt="" /> : <p>{t('editor.fields.coverChosen', { id: form.coverMediaId })}</p>}
            <TextField label={t('editor.fields.coverAlt')} required value={form.coverAlt} disabled={disabled} error={errors.coverAlt} onChange={(e) => onChange({ coverAlt: e.target.value })} />
            <TextAreaField label={t('editor.fields.coverCaption')} rows={2} value={form.coverCaption} disabled={disabled} error={errors.coverCaption} onChange={(e) => onChange({ coverCaption: e.target.value })} />
          </>
        ) : (
          <p className="field-hint">{t('editor.fields.noCover')}</p>
        )}
        {disabled ? null : (
          <div className="cover-actions">
            <button type="button" aria-haspopup="dialog" onClick={() => setPickerOpen(true)}>
              {form.coverMediaId ? t('editor.fields.changeCover') : t('editor.fields.chooseCover')}
            </button>
            {form.coverMediaId ? (
              <button type="button" onClick={() => onChange({ coverMediaId: null, coverUrl: null, coverAlt: '', coverCaption: '' })}>
                {t('editor.fields.removeCover')}
              </button>
            ) : null}
          </div>
        )}
      </fieldset>
      <MediaPicker
        siteId={siteId}
        open={pickerOpen}
        onClose={() => setPickerOpen(false)}
        onPick={(m) => {
          if (m.kind !== 'image') return;
          onChange({ coverMediaId: m.id, coverUrl: m.url, coverAlt: m.alt, coverCaption: m.caption ?? '' });
        }}
      />
    </div>
  );
}
