/**
 * A case's deadline: the instant in Vietnam time, the time left or overdue in words, and an
 * "Quá hạn" badge when it has passed (not colour alone).
 */
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../ui/format.ts';
import { timeLeft } from './duration.ts';

/** Props of {@link Deadline}. */
export interface DeadlineProps {
  deadlineAt: string;
  /** The server's verdict (deadline passed and the case still open). */
  overdue: boolean;
  /** Whether the case is still open (closed cases show only the instant). */
  open: boolean;
}

/** The deadline cell of the queue and the case screen. */
export function Deadline({ deadlineAt, overdue, open }: DeadlineProps) {
  const { t } = useTranslation();
  const left = timeLeft(t, deadlineAt);
  return (
    <span className="rr-deadline">
      {overdue ? <span className="badge rr-badge-overdue">{t('rapidResponse.deadline.overdue')}</span> : null}{' '}
      <time dateTime={deadlineAt}>{formatDateTime(deadlineAt)}</time>
      {open ? <span className={`rr-left${overdue || left.overdue ? ' rr-left-overdue' : ''}`}>{left.text}</span> : null}
    </span>
  );
}
