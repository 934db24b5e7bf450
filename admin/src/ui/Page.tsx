/**
 * A screen's frame: sets the document title, renders the one <h1>, and moves focus to it when
 * the screen opens after a navigation, so screen-reader and keyboard users know where they are.
 */
import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

// The first screen after a page load keeps the browser's focus at the top (so the skip link
// comes first); every later screen takes focus to its heading.
let firstScreenShown = false;

/** Props of {@link Page}. */
export interface PageProps {
  title: string;
  /** Actions shown beside the heading (buttons, links). */
  actions?: ReactNode;
  children: ReactNode;
}

/** The frame of one screen. */
export function Page({ title, actions, children }: PageProps) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} — ${t('common.appName')}`;
  }, [title, t]);
  useEffect(() => {
    if (firstScreenShown) heading.current?.focus({ preventScroll: false });
    firstScreenShown = true;
  }, []);
  return (
    <div className="page">
      <div className="page-head">
        <h1 tabIndex={-1} ref={heading}>
          {title}
        </h1>
        {actions ? <div className="page-actions">{actions}</div> : null}
      </div>
      {children}
    </div>
  );
}
