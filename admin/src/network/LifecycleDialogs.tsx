/**
 * Site lifecycle dialogs of the network screen (network admins): merging a site into another
 * (POST /network/sites/:key/merge — a dry run first shows the plan, then the person confirms)
 * and renaming a site (POST /network/sites/:key/rename — the change is shown for review first,
 * then confirmed; old addresses answer 301 afterwards).
 */
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../api/client.ts';
import { Dialog } from '../ui/Dialog.tsx';
import { ErrorMessage } from '../ui/ErrorMessage.tsx';
import { SelectField, TextAreaField, TextField } from '../ui/Field.tsx';

/** A site as the dialogs need it. */
export interface LifecycleSite {
  id: number;
  key: string;
  name: string;
  status: string;
}

interface MergeReport {
  dryRun: boolean;
  from: { key: string; name: string };
  into: { key: string; name: string };
  articles: { moved: number; published: number; withdrawn: number; slugChanges: unknown[] };
  categories: { mapped: number; created: number; placements: { fromName: string; intoName: string; how: string }[] };
  tags: { moved: number; merged: number };
  media: { moved: number };
  memberships: { moved: number; alreadyOnTarget: number };
  apiTokens: { revoked: number };
  syndications: { moved: number; removed: number; copiesDetached: number };
  childSites: number;
  redirects: { written: number; repointed: number };
}

/** Parses "old = new" lines; returns the mapping or the 1-based number of a bad line. */
function parseMapping(text: string): { mapping: Record<string, string> } | { badLine: number } {
  const mapping: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line) continue;
    const m = /^([^=]+)=(.+)$/.exec(line);
    if (!m) return { badLine: i + 1 };
    mapping[m[1]!.trim()] = m[2]!.trim();
  }
  return { mapping };
}

/** The merge dialog: choose the receiving site (and a category mapping), dry run, confirm. */
export function MergeDialog({ site, sites, onClose, onDone }: { site: LifecycleSite | null; sites: LifecycleSite[]; onClose(): void; onDone(message: string): void }) {
  const { t } = useTranslation();
  const formId = useId();
  const [into, setInto] = useState('');
  const [mappingText, setMappingText] = useState('');
  const [plan, setPlan] = useState<MergeReport | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [fields, setFields] = useState<ApiError | null>(null);
  const [mappingError, setMappingError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    setInto('');
    setMappingText('');
    setPlan(null);
    setError(null);
    setFields(null);
    setMappingError(undefined);
  }, [site?.key]);

  async function run(dryRun: boolean) {
    if (!site) return;
    setError(null);
    setFields(null);
    setMappingError(undefined);
    const parsed = parseMapping(mappingText);
    if ('badLine' in parsed) return setMappingError(t('network.merge.mappingLine', { n: parsed.badLine }));
    setBusy(true);
    try {
      const body = { into, dryRun, ...(Object.keys(parsed.mapping).length ? { categoryMapping: parsed.mapping } : {}) };
      const answer = await api.post<{ report: MergeReport }>(`/network/sites/${encodeURIComponent(site.key)}/merge`, body);
      if (dryRun) setPlan(answer.report);
      else onDone(t('network.merge.done', { from: answer.report.from.name, into: answer.report.into.name }));
    } catch (e) {
      setPlan(null);
      if (e instanceof ApiError) setFields(e);
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    void run(plan === null);
  }

  const fieldMessage = (name: string) => fields?.errors.find((x) => x.field === name || x.field?.startsWith(`${name}.`))?.message;
  const p = plan;
  return (
    <Dialog
      open={site !== null}
      title={t('network.merge.title', { name: site?.name ?? '' })}
      onClose={onClose}
      footer={
        <button type="submit" form={formId} className="primary" disabled={busy || !into}>
          {plan ? t('network.merge.confirm') : t('network.merge.dryRun')}
        </button>
      }
    >
      <form id={formId} onSubmit={submit} noValidate>
        <p>{t('network.merge.intro')}</p>
        <SelectField
          label={t('network.merge.into')}
          value={into}
          required
          error={fieldMessage('into')}
          onChange={(e) => {
            setInto(e.target.value);
            setPlan(null);
          }}
        >
          <option value="">{t('network.merge.choose')}</option>
          {sites
            .filter((s) => s.status === 'active' && s.key !== site?.key)
            .map((s) => (
              <option key={s.key} value={s.key}>
                {s.name}
              </option>
            ))}
        </SelectField>
        <TextAreaField
          label={t('network.merge.mapping')}
          hint={t('network.merge.mappingHint')}
          value={mappingText}
          rows={2}
          error={mappingError ?? fieldMessage('categoryMapping')}
          onChange={(e) => {
            setMappingText(e.target.value);
            setPlan(null);
          }}
        />
        <ErrorMessage error={error} />
        {p ? (
          <div className="plan" role="status" data-testid="merge-plan">
            <h3>{t('network.merge.planHeading')}</h3>
            <ul>
              <li>{t('network.merge.plan.articles', { moved: p.articles.moved, published: p.articles.published, withdrawn: p.articles.withdrawn })}</li>
              {p.articles.slugChanges.length ? <li>{t('network.merge.plan.slugChanges', { count: p.articles.slugChanges.length })}</li> : null}
              <li>
                {t('network.merge.plan.categories', { mapped: p.categories.mapped, created: p.categories.created })}
                {p.categories.placements.length ? (
                  <ul>
                    {p.categories.placements.map((c, i) => (
                      <li key={i}>{t('network.merge.plan.placement', { from: c.fromName, into: c.intoName })}</li>
                    ))}
                  </ul>
                ) : null}
              </li>
              <li>{t('network.merge.plan.tags', { moved: p.tags.moved, merged: p.tags.merged })}</li>
              <li>{t('network.merge.plan.media', { moved: p.media.moved })}</li>
              <li>{t('network.merge.plan.memberships', { moved: p.memberships.moved, already: p.memberships.alreadyOnTarget })}</li>
              {p.apiTokens.revoked ? <li>{t('network.merge.plan.tokens', { count: p.apiTokens.revoked })}</li> : null}
              <li>{t('network.merge.plan.syndications', { moved: p.syndications.moved, removed: p.syndications.removed, detached: p.syndications.copiesDetached })}</li>
              {p.childSites ? <li>{t('network.merge.plan.childSites', { count: p.childSites })}</li> : null}
              <li>{t('network.merge.plan.redirects', { written: p.redirects.written, repointed: p.redirects.repointed })}</li>
            </ul>
          </div>
        ) : null}
      </form>
    </Dialog>
  );
}

/** The rename dialog: new key and/or name, review, confirm. */
export function RenameDialog({ site, onClose, onDone }: { site: LifecycleSite | null; onClose(): void; onDone(message: string): void }) {
  const { t } = useTranslation();
  const formId = useId();
  const [newKey, setNewKey] = useState('');
  const [newName, setNewName] = useState('');
  const [reviewed, setReviewed] = useState(false);
  const [nothing, setNothing] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [fields, setFields] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    setNewKey('');
    setNewName('');
    setReviewed(false);
    setNothing(false);
    setError(null);
    setFields(null);
  }, [site?.key]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!site) return;
    const key = newKey.trim();
    const name = newName.trim();
    if (!key && !name) return setNothing(true);
    setNothing(false);
    if (!reviewed) return setReviewed(true);
    setBusy(true);
    setError(null);
    setFields(null);
    try {
      const answer = await api.post<{ rename: { from: { name: string; key: string }; to: { name: string; key: string } } }>(`/network/sites/${encodeURIComponent(site.key)}/rename`, {
        ...(key ? { newKey: key } : {}),
        ...(name ? { newName: name } : {}),
      });
      onDone(t('network.rename.done', { from: `${answer.rename.from.name} (${answer.rename.from.key})`, to: `${answer.rename.to.name} (${answer.rename.to.key})` }));
    } catch (e) {
      setReviewed(false);
      if (e instanceof ApiError) setFields(e);
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  const fieldMessage = (n: string) => fields?.errors.find((x) => x.field === n)?.message;
  return (
    <Dialog
      open={site !== null}
      title={t('network.rename.title', { name: site?.name ?? '' })}
      onClose={onClose}
      footer={
        <button type="submit" form={formId} className="primary" disabled={busy}>
          {reviewed ? t('network.rename.confirm') : t('network.rename.review')}
        </button>
      }
    >
      <form id={formId} onSubmit={(e) => void submit(e)} noValidate>
        <p>{t('network.rename.intro')}</p>
        <TextField
          label={t('network.rename.newKey')}
          hint={t('network.rename.newKeyHint')}
          value={newKey}
          autoComplete="off"
          spellCheck={false}
          error={fieldMessage('newKey') ?? (nothing ? t('network.rename.nothing') : undefined)}
          onChange={(e) => {
            setNewKey(e.target.value);
            setReviewed(false);
          }}
        />
        <TextField
          label={t('network.rename.newName')}
          value={newName}
          error={fieldMessage('newName')}
          onChange={(e) => {
            setNewName(e.target.value);
            setReviewed(false);
          }}
        />
        <ErrorMessage error={error} />
        {reviewed && site ? (
          <div className="plan" role="status">
            <h3>{t('network.rename.planHeading')}</h3>
            <ul>
              {newKey.trim() ? <li>{t('network.rename.planKey', { from: site.key, to: newKey.trim() })}</li> : null}
              {newName.trim() ? <li>{t('network.rename.planName', { from: site.name, to: newName.trim() })}</li> : null}
            </ul>
          </div>
        ) : null}
      </form>
    </Dialog>
  );
}
