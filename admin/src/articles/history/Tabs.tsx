/**
 * Tabs on the WAI-ARIA tab pattern: a tablist of buttons (one in the Tab order; Left/Right,
 * Home/End move between tabs and select them), each tab controlling its tabpanel. Only the
 * selected panel's content is rendered, so a panel loads its data when it is first opened.
 */
import { useId, useRef, type KeyboardEvent, type ReactNode } from 'react';

/** One tab and the content of its panel. */
export interface TabItem {
  id: string;
  label: ReactNode;
  panel: () => ReactNode;
}

/** Props of {@link Tabs}. */
export interface TabsProps {
  /** Accessible name of the tablist. */
  label: string;
  tabs: TabItem[];
  selected: string;
  onSelect(id: string): void;
}

/** A tablist and its panels. */
export function Tabs({ label, tabs, selected, onSelect }: TabsProps) {
  const base = useId();
  const buttons = useRef<Map<string, HTMLButtonElement>>(new Map());

  function onKeyDown(event: KeyboardEvent<HTMLButtonElement>, index: number) {
    let next: number | null = null;
    if (event.key === 'ArrowRight') next = (index + 1) % tabs.length;
    else if (event.key === 'ArrowLeft') next = (index - 1 + tabs.length) % tabs.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = tabs.length - 1;
    if (next === null) return;
    event.preventDefault();
    const tab = tabs[next]!;
    onSelect(tab.id);
    buttons.current.get(tab.id)?.focus();
  }

  return (
    <div className="tabset">
      <div role="tablist" aria-label={label} className="tablist">
        {tabs.map((tab, index) => (
          <button
            key={tab.id}
            type="button"
            role="tab"
            id={`${base}-tab-${tab.id}`}
            aria-selected={tab.id === selected}
            aria-controls={`${base}-panel-${tab.id}`}
            tabIndex={tab.id === selected ? 0 : -1}
            ref={(el) => {
              if (el) buttons.current.set(tab.id, el);
              else buttons.current.delete(tab.id);
            }}
            onClick={() => onSelect(tab.id)}
            onKeyDown={(e) => onKeyDown(e, index)}
          >
            {tab.label}
          </button>
        ))}
      </div>
      {tabs.map((tab) => (
        <div key={tab.id} role="tabpanel" id={`${base}-panel-${tab.id}`} aria-labelledby={`${base}-tab-${tab.id}`} tabIndex={0} hidden={tab.id !== selected} className="tabpanel">
          {tab.id === selected ? tab.panel() : null}
        </div>
      ))}
    </div>
  );
}
