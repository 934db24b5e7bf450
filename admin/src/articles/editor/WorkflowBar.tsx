/**
 * The workflow actions of an article as buttons — only those the API lists in `allowedActions`
 * — with dialogs where a reason, a public note or a time is needed. Return, reject and
 * withdraw require a reason; correct requires the public note; schedule takes a date and time
 * entered in Vietnam time and sends the instant. Actions that send the article on (submit,
 * send for approval, approve, schedule) are refused while a pre-publish check blocks.
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../ui/Dialog.tsx';
import { TextAreaField, TextField } from '../../ui/Field.tsx';
import { fromVietnamInputValue, toVietnamInputValue } from '../../ui/format.ts';

/** The order buttons appear in, and which of them a blocking check stops. */
export const WORKFLOW_ORDER = ['submit', 'take', 'send_for_approval', 'approve', 'schedule', 'unschedule', 'return', 'reject', 'correct', 'withdraw', 'republish'] as const;
/** Actions that move an article towards publication: pre-publish checks must pass. */
export const CHECKED_ACTIONS = new Set(['submit', 'send_for_approval', 'approve', 'schedule']);

type DialogKind = 'reason' | 'schedule' | 'correct' | 'confirm';
const DIALOGS: Record<string, DialogKind> = { return: 'reason', reject: 'reason', withdraw: 'reason', schedule: 'schedule', correct: 'correct', approve: 'confirm', unschedule: 'confirm', republish: 'confirm' };

/** Props of {@link WorkflowBar}. */
export interface WorkflowBarProps {
  allowed: string[];
  busy: boolean;
  /** The current scheduled time, for the schedule dialog's default. */
  scheduledAt: string | null;
  now(): Date;
  /** Runs an action with its extra body fields; resolves to an error message for the dialog, or null when done. */
  onAction(action: string, extra: Record<string, unknown>): Promise<string | null>;
}

function defaultScheduleValue(now: Date): string {
  // The next full hour at least 30 minutes ahead, in Vietnam time.
  const at = new Date(now.getTime() + 90 * 60_000);
  at.setUTCMinutes(0, 0, 0);
  return toVietnamInputValue(at.toISOString());
}

/** The workflow buttons and their dialogs. */
export function WorkflowBar({ allowed, busy, scheduledAt, now, onAction }: WorkflowBarProps) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const [when, setWhen] = useState('');
  const [redirectUrl, setRedirectUrl] = useState('');
  const [error, setError] = useState<string | undefined>();
  const actions = WORKFLOW_ORDER.filter((a) => allowed.includes(a));
  if (actions.length === 0) return null;

  async function run(action: string) {
    if (!DIALOGS[action]) {
      await onAction(action, {});
      return;
    }
    setReason('');
    setRedirectUrl('');
    setError(undefined);
    setWhen(scheduledAt ? toVietnamInputValue(scheduledAt) : defaultScheduleValue(now()));
    setOpen(action);
  }

  async function confirm() {
    if (!open) return;
    const kind = DIALOGS[open];
    const extra: Record<string, unknown> = {};
    if (kind === 'reason') {
      if (reason.trim().length < 3) {
        setError(t('editor.workflow.reasonRequired'));
        return;
      }
      extra.reason = reason.trim();
      if (open === 'withdraw' && redirectUrl.trim()) extra.redirectUrl = redirectUrl.trim();
    }
    if (kind === 'correct') {
      if (reason.trim().length < 5) {
        setError(t('editor.workflow.noteRequired'));
        return;
      }
      extra.note = reason.trim();
    }
    if (kind === 'schedule') {
      const at = fromVietnamInputValue(when);
      if (!at) {
        setError(t('editor.workflow.timeInvalid'));
        return;
      }
      if (Date.parse(at) <= now().getTime()) {
        setError(t('editor.workflow.timePast'));
        return;
      }
      extra.at = at;
    }
    const failure = await onAction(open, extra);
    if (failure) setError(failure);
    else setOpen(null);
  }

  const kind = open ? DIALOGS[open] : undefined;
  return (
    <div className="workflow-bar" role="group" aria-label={t('editor.workflow.label')}>
      {actions.map((a) => (
        <button key={a} type="button" className={a === 'reject' || a === 'withdraw' ? 'danger' : CHECKED_ACTIONS.has(a) ? 'primary' : undefined} disabled={busy} aria-haspopup={DIALOGS[a] ? 'dialog' : undefined} onClick={() => void run(a)}>
          {t(`editor.workflow.actions.${a}`)}
        </button>
      ))}
      <Dialog
        open={open !== null}
        title={open ? t(`editor.workflow.dialogs.${open}`) : ''}
        onClose={() => setOpen(null)}
        footer={
          <button type="button" className={open === 'reject' || open === 'withdraw' ? 'danger' : 'primary'} disabled={busy} onClick={() => void confirm()}>
            {open ? t(`editor.workflow.actions.${open}`) : ''}
          </button>
        }
      >
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void confirm();
          }}
        >
          {kind === 'reason' ? (
            <TextAreaField label={open === 'withdraw' ? t('editor.workflow.publicReason') : t('editor.workflow.reason')} hint={open === 'withdraw' ? t('editor.workflow.publicReasonHint') : t('editor.workflow.reasonHint')} required rows={3} value={reason} error={error} onChange={(e) => setReason(e.target.value)} />
          ) : null}
          {open === 'withdraw' ? <TextField label={t('editor.workflow.redirectUrl')} hint={t('editor.workflow.redirectHint')} value={redirectUrl} onChange={(e) => setRedirectUrl(e.target.value)} /> : null}
          {kind === 'correct' ? <TextAreaField label={t('editor.workflow.note')} hint={t('editor.workflow.noteHint')} required rows={3} value={reason} error={error} onChange={(e) => setReason(e.target.value)} /> : null}
          {kind === 'schedule' ? <TextField label={t('editor.workflow.when')} hint={t('editor.workflow.whenHint')} type="datetime-local" required value={when} error={error} onChange={(e) => setWhen(e.target.value)} /> : null}
          {kind === 'confirm' ? (
            <>
              <p>{open ? t(`editor.workflow.confirm.${open}`) : ''}</p>
              {error ? (
                <div className="alert alert-error" role="alert">
                  {error}
                </div>
              ) : null}
            </>
          ) : null}
        </form>
      </Dialog>
    </div>
  );
}
