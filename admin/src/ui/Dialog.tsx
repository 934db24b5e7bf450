/**
 * A modal dialog on the native <dialog> element: showModal() makes the rest of the page inert
 * (no keyboard trap beyond the dialog itself, Escape closes), and focus returns to the control
 * that opened it when it closes (WAI-ARIA dialog pattern).
 */
import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/** Props of {@link Dialog}. */
export interface DialogProps {
  open: boolean;
  title: string;
  onClose(): void;
  children: ReactNode;
  /** Buttons of the dialog's footer; a Cancel button is added. */
  footer?: ReactNode;
}

/** A modal dialog; render it with `open` and close it through `onClose`. */
export function Dialog({ open, title, onClose, children, footer }: DialogProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<Element | null>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      opener.current = document.activeElement;
      dialog.showModal();
      const first = dialog.querySelector<HTMLElement>('[autofocus], input, textarea, select, button:not(.dialog-close)');
      first?.focus();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open]);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const onNativeClose = () => {
      if (opener.current instanceof HTMLElement) opener.current.focus();
      if (open) onClose();
    };
    dialog.addEventListener('close', onNativeClose);
    return () => dialog.removeEventListener('close', onNativeClose);
  }, [open, onClose]);

  return (
    <dialog ref={ref} aria-labelledby={titleId} className="dialog">
      <div className="dialog-head">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="dialog-close" onClick={onClose} aria-label={t('common.close')}>
          ×
        </button>
      </div>
      <div className="dialog-body">{children}</div>
      <div className="dialog-foot">
        {footer}
        <button type="button" onClick={onClose}>
          {t('common.cancel')}
        </button>
      </div>
    </dialog>
  );
}
