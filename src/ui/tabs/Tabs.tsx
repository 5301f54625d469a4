/**
 * Tabs for the side panel (WAI-ARIA tabs pattern): arrow keys move between tabs, Home/End jump,
 * only the active panel is rendered. Labels come in already translated.
 */
import type { ComponentChildren } from 'preact';
import { useRef } from 'preact/hooks';

export interface TabDef<Id extends string> {
  id: Id;
  label: string;
  /** A small count or mark beside the label (e.g. active filter criteria). */
  badge?: string;
  render: () => ComponentChildren;
}

export interface TabsProps<Id extends string> {
  tabs: readonly TabDef<Id>[];
  active: Id;
  onChange: (id: Id) => void;
  /** Names the tab list for screen readers. */
  label: string;
  idPrefix: string;
}

export function Tabs<Id extends string>({ tabs, active, onChange, label, idPrefix }: TabsProps<Id>) {
  const listRef = useRef<HTMLDivElement>(null);
  const current = tabs.find((tab) => tab.id === active) ?? tabs[0];
  const focusTab = (index: number) => {
    const tab = tabs[(index + tabs.length) % tabs.length];
    if (!tab) return;
    onChange(tab.id);
    listRef.current?.querySelector<HTMLButtonElement>(`#${idPrefix}-tab-${tab.id}`)?.focus();
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const at = tabs.findIndex((tab) => tab.id === current?.id);
    const moves: Record<string, number> = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: tabs.length - 1 };
    const to = moves[event.key];
    if (to === undefined) return;
    event.preventDefault();
    focusTab(to);
  };
  return (
    <div class="tabs">
      <div class="tabs-list" role="tablist" aria-label={label} ref={listRef} onKeyDown={onKeyDown}>
        {tabs.map((tab) => {
          const selected = tab.id === current?.id;
          return (
            <button
              type="button"
              role="tab"
              key={tab.id}
              id={`${idPrefix}-tab-${tab.id}`}
              class={selected ? 'tabs-tab tabs-tab--active' : 'tabs-tab'}
              aria-selected={selected}
              aria-controls={`${idPrefix}-panel-${tab.id}`}
              tabIndex={selected ? 0 : -1}
              data-tab={tab.id}
              onClick={() => onChange(tab.id)}
            >
              {tab.label}
              {tab.badge ? <span class="tabs-badge">{tab.badge}</span> : null}
            </button>
          );
        })}
      </div>
      {current ? (
        <div class="tabs-panel" role="tabpanel" id={`${idPrefix}-panel-${current.id}`} aria-labelledby={`${idPrefix}-tab-${current.id}`}>
          {current.render()}
        </div>
      ) : null}
    </div>
  );
}
