/**
 * The article editor screen (`/admin/articles/:id`): title, lead, body (TipTap), the fields
 * beside it, autosave of drafts, the conflict panel, pre-publish checks, workflow actions,
 * preview links, and the history/comments/audit panels of the history feature.
 *
 * Autosave: 3 s after the last change, and when the person leaves (another screen, another
 * tab, closing the page), a save is sent with the revision the text was based on. A newer save
 * by someone else is never overwritten: the server answers 409 with the current version and
 * the conflict panel lets the person compare and choose. A polite live region announces
 * "Đã lưu lúc 14:05"; failures are alerts.
 */
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api, ApiError } from '../../api/client.ts';
import { useSession } from '../../session/session.tsx';
import { Page } from '../../ui/Page.tsx';
import { TextAreaField, TextField } from '../../ui/Field.tsx';
import { ErrorMessage, useErrorText } from '../../ui/ErrorMessage.tsx';
import { formatDateTime } from '../../ui/format.ts';
import { ArticleSidePanels } from '../history/ArticleSidePanels.tsx';
import { BodyEditor } from './BodyEditor.tsx';
import { ConflictPanel } from './ConflictPanel.tsx';
import { MetaFields } from './MetaFields.tsx';
import { PreviewPanel } from './PreviewPanel.tsx';
import { CHECKED_ACTIONS, WorkflowBar } from './WorkflowBar.tsx';
import { runChecks, type CheckFinding } from './checks.ts';
import { changesOf, changedFields, formOf, TRANSITION_PATHS, type ArticleForm, type ConflictCurrent, type EditorArticle } from './types.ts';

/** Delay between the last change and the autosave, ms. */
export const AUTOSAVE_DELAY_MS = 3000;

type SaveState = { kind: 'idle' } | { kind: 'dirty' } | { kind: 'saving' } | { kind: 'saved'; at: string } | { kind: 'error'; message: string };

/** The editor route: loads the article, then shows {@link ArticleEditor}. */
export function EditorScreen() {
  const { t } = useTranslation();
  const { id } = useParams();
  const articleId = Number(id);
  const [article, setArticle] = useState<EditorArticle | null>(null);
  const [error, setError] = useState<unknown>(null);

  const load = useCallback(async () => {
    try {
      setError(null);
      setArticle(await api.get<EditorArticle>(`/articles/${articleId}`));
    } catch (e) {
      setError(e);
    }
  }, [articleId]);

  useEffect(() => {
    if (Number.isInteger(articleId) && articleId > 0) void load();
  }, [articleId, load]);

  if (!Number.isInteger(articleId) || articleId <= 0 || (error instanceof ApiError && (error.status === 404 || error.status === 403))) {
    return (
      <Page title={t('common.errors.notFound')}>
        <p>{t('editor.notFound')}</p>
        <p>
          <Link to="/">{t('common.nav.dashboard')}</Link>
        </p>
      </Page>
    );
  }
  if (error) {
    return (
      <Page title={t('editor.loadingTitle')}>
        <ErrorMessage error={error} />
        <button type="button" onClick={() => void load()}>
          {t('common.retry')}
        </button>
      </Page>
    );
  }
  if (!article) {
    return (
      <p className="loading" role="status">
        {t('common.loading')}
      </p>
    );
  }
  return <ArticleEditor key={article.id} initial={article} />;
}

function ArticleEditor({ initial }: { initial: EditorArticle }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const { sites, me } = useSession();
  const [article, setArticle] = useState(initial);
  const [form, setForm] = useState<ArticleForm>(() => formOf(initial));
  const [resetKey, setResetKey] = useState(0);
  const [save, setSave] = useState<SaveState>({ kind: 'idle' });
  const [conflict, setConflict] = useState<ConflictCurrent | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string | undefined>>({});
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const noticeRef = useRef<HTMLDivElement>(null);
  const acting = useRef(false);
  const [checksShown, setChecksShown] = useState(false);
  const titleLabelId = useId();
  const bodyLabelId = useId();
  const checksRef = useRef<HTMLElement>(null);

  const formRef = useRef(form);
  const baseRevision = useRef(initial.revision);
  // The form as of the version the edits are based on: saves send only what differs from it.
  const baseForm = useRef<ArticleForm>(form);
  const dirty = useRef(false);
  const timer = useRef<number | null>(null);
  const inFlight = useRef<Promise<boolean> | null>(null);
  const conflictRef = useRef<ConflictCurrent | null>(null);

  const canEdit = article.allowedActions.includes('edit');
  const canCorrect = article.allowedActions.includes('correct');
  const editable = canEdit || canCorrect;
  const findings = useMemo(() => runChecks(form), [form]);
  const blocking = findings.filter((f) => f.level === 'block');
  const siteName = sites.find((s) => s.id === article.siteId)?.name ?? '';

  // The cover's thumbnail URL (the article answer has only the media id).
  useEffect(() => {
    const mediaId = initial.cover.mediaId;
    if (!mediaId) return;
    api
      .get<{ url: string; thumbnailUrl?: string }>(`/media/${mediaId}`)
      .then((m) => setForm((f) => (f.coverMediaId === mediaId ? { ...f, coverUrl: m.thumbnailUrl ?? m.url } : f)))
      .catch(() => undefined);
  }, [initial.cover.mediaId]);

  /** Saves now if there are unsaved changes; resolves true when nothing is left unsaved. */
  const saveNow = useCallback(async (): Promise<boolean> => {
    if (timer.current !== null) {
      window.clearTimeout(timer.current);
      timer.current = null;
    }
    if (inFlight.current) await inFlight.current;
    if (!dirty.current) return true;
    if (conflictRef.current || !article.allowedActions.includes('edit')) return false;
    dirty.current = false;
    const snapshot = formRef.current;
    const changes = changedFields(baseForm.current, snapshot);
    if (Object.keys(changes).length === 0) return true;
    setSave({ kind: 'saving' });
    const run = (async () => {
      try {
        const answer = await api.put<EditorArticle>(`/articles/${article.id}`, { revision: baseRevision.current, ...changes });
        baseRevision.current = answer.revision;
        baseForm.current = snapshot;
        setArticle((prev) => ({ ...prev, ...answer, events: prev.events, lastReason: prev.lastReason }));
        setFieldErrors({});
        setSave({ kind: 'saved', at: new Date().toISOString() });
        return !dirty.current;
      } catch (e) {
        dirty.current = true;
        if (e instanceof ApiError && e.status === 409 && e.code === 'CONG_ERR_CONFLICT' && e.body.current) {
          const current = e.body.current as ConflictCurrent;
          conflictRef.current = current;
          setConflict(current);
          setSave({ kind: 'error', message: t('editor.save.conflict') });
          return false;
        }
        if (e instanceof ApiError && e.status === 400) {
          const errs: Record<string, string> = {};
          for (const item of e.errors) if (item.field) errs[item.field.replace(/^body\./, '')] = item.message;
          setFieldErrors(errs);
        }
        setSave({ kind: 'error', message: t('editor.save.failed', { message: errorText(e) }) });
        return false;
      } finally {
        inFlight.current = null;
      }
    })();
    inFlight.current = run;
    return run;
  }, [article.id, article.allowedActions, errorText, t]);

  const saveRef = useRef(saveNow);
  saveRef.current = saveNow;

  function change(patch: Partial<ArticleForm>) {
    const next = { ...formRef.current, ...patch };
    formRef.current = next;
    setForm(next);
    setNotice(null);
    if (!canEdit) return;
    dirty.current = true;
    setSave({ kind: 'dirty' });
    if (timer.current !== null) window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => void saveRef.current(), AUTOSAVE_DELAY_MS);
  }

  // Save on leaving: another tab or window, closing the page (with the browser's warning while
  // a save is pending), or another screen of the app.
  useEffect(() => {
    const onHide = () => {
      if (document.visibilityState === 'hidden') void saveRef.current();
    };
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (!dirty.current) return;
      void saveRef.current();
      event.preventDefault();
    };
    document.addEventListener('visibilitychange', onHide);
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => {
      document.removeEventListener('visibilitychange', onHide);
      window.removeEventListener('beforeunload', onBeforeUnload);
      void saveRef.current();
    };
  }, []);

  async function reload(message?: string) {
    const fresh = await api.get<EditorArticle>(`/articles/${article.id}`);
    baseRevision.current = fresh.revision;
    dirty.current = false;
    conflictRef.current = null;
    setConflict(null);
    setArticle(fresh);
    const next = { ...formOf(fresh), coverUrl: fresh.cover.mediaId === formRef.current.coverMediaId ? formRef.current.coverUrl : null };
    formRef.current = next;
    baseForm.current = next;
    setForm(next);
    setResetKey((k) => k + 1);
    setSave({ kind: 'idle' });
    if (message) setNotice({ kind: 'ok', text: message });
  }

  /**
   * "Keep mine": this person's changes (only the fields they changed) are saved onto the newer
   * version, so a colleague's changes to other fields stay; then the merged article is loaded.
   */
  async function keepMine() {
    if (!conflictRef.current) return;
    baseRevision.current = conflictRef.current.article.revision;
    conflictRef.current = null;
    setConflict(null);
    dirty.current = true;
    if (await saveRef.current()) await reload(t('editor.conflict.keptMine'));
  }

  /**
   * Runs a workflow action. One at a time: a second click while one runs (a double click) does
   * nothing. Afterwards focus goes to the message saying what happened (the button may be gone).
   */
  async function act(action: string, extra: Record<string, unknown>): Promise<string | null> {
    if (acting.current) return null;
    acting.current = true;
    try {
      return await actOnce(action, extra);
    } finally {
      acting.current = false;
      // Only when focus was lost (the clicked button is gone); the checks panel takes it itself.
      window.setTimeout(() => {
        if (!document.activeElement || document.activeElement === document.body) noticeRef.current?.focus();
      }, 0);
    }
  }

  async function actOnce(action: string, extra: Record<string, unknown>): Promise<string | null> {
    setNotice(null);
    if (CHECKED_ACTIONS.has(action) && blocking.length > 0) {
      setChecksShown(true);
      const text = t('editor.checks.blocked');
      setNotice({ kind: 'error', text });
      window.setTimeout(() => checksRef.current?.focus(), 0);
      return text;
    }
    if (!(await saveRef.current())) {
      const text = conflictRef.current ? t('editor.save.conflict') : t('editor.workflow.saveFirst');
      setNotice({ kind: 'error', text });
      return text;
    }
    setBusy(true);
    try {
      const body = action === 'correct' ? { revision: baseRevision.current, ...changesOf(formRef.current), ...extra } : { revision: baseRevision.current, ...extra };
      const answer = await api.post<EditorArticle>(`/articles/${article.id}/${TRANSITION_PATHS[action]}`, body);
      baseRevision.current = answer.revision;
      setArticle(answer);
      setNotice({ kind: 'ok', text: t(`editor.workflow.done.${action}`, { state: t(`common.states.${answer.state}`), at: formatDateTime(answer.publishedAt) }) });
      return null;
    } catch (e) {
      if (e instanceof ApiError && e.status === 409 && e.code === 'CONG_ERR_CONFLICT' && e.body.current) {
        conflictRef.current = e.body.current as ConflictCurrent;
        setConflict(conflictRef.current);
      }
      const text = errorText(e);
      setNotice({ kind: 'error', text });
      return text;
    } finally {
      setBusy(false);
    }
  }

  const lastEvent = article.events?.[article.events.length - 1];
  const statusText =
    save.kind === 'saving'
      ? t('common.saving')
      : save.kind === 'saved'
        ? t('editor.save.savedAt', { at: formatDateTime(save.at).split(' ')[1] })
        : save.kind === 'dirty'
          ? t('editor.save.pending')
          : '';

  return (
    <Page title={t('editor.title', { id: article.id })} actions={<span className={`state-badge state-${article.state}`}>{t(`common.states.${article.state}`)}</span>}>
      <div className="editor-summary">
        <p>
          {t('editor.summary', { site: siteName, revision: article.revision, author: article.author?.name ?? '—' })}
          {article.assignee ? ` · ${t('editor.assignee', { name: article.assignee.name ?? '—' })}` : null}
          {article.state === 'scheduled' && article.publishedAt ? ` · ${t('editor.scheduledFor', { at: formatDateTime(article.publishedAt) })}` : null}
          {article.state === 'published' && article.publicUrl ? (
            <>
              {' · '}
              <a href={article.publicUrl} target="_blank" rel="noopener">
                {t('editor.viewPublic')}
              </a>
            </>
          ) : null}
        </p>
        {lastEvent ? <p className="history-line">{t('editor.lastEvent', { action: t(`editor.events.${lastEvent.action}`, { defaultValue: lastEvent.action }), by: lastEvent.actorLabel, at: formatDateTime(lastEvent.at) })}</p> : null}
        {article.lastReason ? (
          <div className="alert alert-warn" role="note">
            <strong>{t('editor.lastReason', { action: t(`editor.events.${article.lastReason.action}`, { defaultValue: article.lastReason.action }), by: article.lastReason.by, at: formatDateTime(article.lastReason.at) })}</strong> {article.lastReason.reason}
          </div>
        ) : null}
        {article.scheduleError ? <div className="alert alert-error">{t('editor.scheduleError', { message: article.scheduleError })}</div> : null}
        {!editable ? <p className="field-hint">{t('editor.readOnly')}</p> : null}
      </div>

      <div className="save-status" role="status" aria-live="polite">
        {statusText}
      </div>
      {save.kind === 'error' ? (
        <div className="alert alert-error" role="alert">
          {save.message}{' '}
          {!conflict ? (
            <button type="button" onClick={() => void saveRef.current()}>
              {t('common.retry')}
            </button>
          ) : null}
        </div>
      ) : null}
      {notice ? (
        <div ref={noticeRef} tabIndex={-1} className={`alert ${notice.kind === 'ok' ? 'alert-ok' : 'alert-error'}`} role={notice.kind === 'ok' ? 'status' : 'alert'}>
          {notice.text}
        </div>
      ) : null}
      {conflict ? <ConflictPanel articleId={article.id} baseRevision={baseRevision.current} current={conflict} onKeepMine={() => void keepMine()} onDiscardMine={() => void reload(t('editor.conflict.discarded'))} /> : null}

      {(sites.find((x) => x.id === article.siteId)?.roles ?? []).includes('chief_editor') &&
      me?.user.id === article.author?.id &&
      (article.state === 'submitted' || article.state === 'pending_approval') &&
      !article.allowedActions.includes('approve') ? (
        <p className="alert alert-warn">{t('editor.workflow.fourEyes')}</p>
      ) : null}
      <WorkflowBar allowed={article.allowedActions} busy={busy} scheduledAt={article.state === 'scheduled' ? article.publishedAt : null} now={() => new Date()} onAction={act} />

      <div className="editor-layout">
        <div className="editor-main">
          <TextField id={titleLabelId} label={t('editor.fields.title')} required value={form.title} disabled={!editable} error={fieldErrors.title} onChange={(e) => change({ title: e.target.value })} className="title-input" />
          <TextAreaField label={t('editor.fields.lead')} hint={t('editor.fields.leadHint')} rows={3} value={form.lead} disabled={!editable} error={fieldErrors.lead} onChange={(e) => change({ lead: e.target.value })} />
          <div className="field">
            <span className="field-label" id={bodyLabelId}>
              {t('editor.fields.body')}
            </span>
            <BodyEditor siteId={article.siteId} html={form.body} resetKey={resetKey} editable={editable} labelId={bodyLabelId} onChange={(body) => change({ body })} />
            {fieldErrors.body ? <div className="field-error">{fieldErrors.body}</div> : null}
          </div>
        </div>
        <aside className="editor-aside" aria-label={t('editor.asideLabel')}>
          {editable || article.allowedActions.some((a) => CHECKED_ACTIONS.has(a)) ? <ChecksPanel findings={findings} emphasise={checksShown} panelRef={checksRef} /> : null}
          <MetaFields siteId={article.siteId} form={form} disabled={!editable} errors={fieldErrors} onChange={change} />
          <PreviewPanel articleId={article.id} beforeCreate={() => saveRef.current()} />
        </aside>
      </div>
      {/* Slot of the history feature (revisions, comments, audit trail, network). */}
      <ArticleSidePanels article={article as unknown as Parameters<typeof ArticleSidePanels>[0]['article']} onRestored={() => void reload()} />
    </Page>
  );
}

function ChecksPanel({ findings, emphasise, panelRef }: { findings: CheckFinding[]; emphasise: boolean; panelRef: React.RefObject<HTMLElement | null> }) {
  const { t } = useTranslation();
  const blocks = findings.filter((f) => f.level === 'block');
  const warns = findings.filter((f) => f.level === 'warn');
  return (
    <section className={`panel checks${emphasise && blocks.length ? ' checks-emphasis' : ''}`} aria-labelledby="checks-heading" tabIndex={-1} ref={panelRef}>
      <h2 id="checks-heading">{t('editor.checks.title')}</h2>
      {findings.length === 0 ? <p className="check-ok">{t('editor.checks.allGood')}</p> : null}
      {blocks.length ? (
        <>
          <h3 className="check-block-heading">{t('editor.checks.blocking', { count: blocks.length })}</h3>
          <ul className="check-list check-block">
            {blocks.map((f) => (
              <li key={f.key}>{t(`editor.checks.${f.key}`, f.values)}</li>
            ))}
          </ul>
        </>
      ) : null}
      {warns.length ? (
        <>
          <h3 className="check-warn-heading">{t('editor.checks.warnings', { count: warns.length })}</h3>
          <ul className="check-list check-warn">
            {warns.map((f) => (
              <li key={f.key}>{t(`editor.checks.${f.key}`, f.values)}</li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
