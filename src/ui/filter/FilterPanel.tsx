/**
 * The filter panel: one collapsible group of checkboxes per facet (communities, grid cells, premise
 * categories, hazard severities, statuses, supervision levels) with the number of premises beside
 * each value, a "key units only" switch and a clear button. Native checkboxes inside fieldsets, so
 * it works from the keyboard and reads well to a screen reader. It edits nothing itself: every change
 * is a new normalised filter passed to `onChange`.
 */
import { useId, useState } from 'preact/hooks';
import {
  activeCriteriaCount, narrowOptions, setKeyUnitsOnly, toggleValue, withSelected, type FacetOption, type FilterOptions, type ListFacet,
} from '../../app/filter-options.ts';
import { emptyFilter, isEmptyFilter, type Filter } from '../../app/filters.ts';
import { enumText, sentenceCase, t, type MessageKey } from '../../i18n/index.ts';
import './filter.css';

/** A contract label standing alone in a list: capitalised (English labels are written for sentences). */
const enumLabel = (name: 'premise_category' | 'severity' | 'hazard_status' | 'supervision_level') => (v: string) => sentenceCase(enumText(name, v));

/** Lists longer than this get a text box to narrow them. */
const NARROW_AFTER = 12;

interface GroupDef {
  readonly facet: ListFacet;
  readonly title: MessageKey;
  readonly label: (value: string) => string;
  /** Open at first even when nothing in it is selected. */
  readonly openAtFirst: boolean;
}

const GROUPS: readonly GroupDef[] = [
  { facet: 'communities', title: 'filter.communities', label: (v) => v, openAtFirst: true },
  { facet: 'gridIds', title: 'filter.grids', label: (v) => v, openAtFirst: false },
  { facet: 'categories', title: 'filter.categories', label: enumLabel('premise_category'), openAtFirst: false },
  { facet: 'severities', title: 'filter.severities', label: enumLabel('severity'), openAtFirst: true },
  { facet: 'statuses', title: 'filter.statuses', label: (v) => (v === 'overdue' ? t('filter.status.overdue') : enumLabel('hazard_status')(v)), openAtFirst: true },
  { facet: 'supervisionLevels', title: 'filter.supervision_levels', label: enumLabel('supervision_level'), openAtFirst: false },
];

export interface FilterPanelProps {
  filter: Filter;
  /** Values on offer per facet, from `filterOptions` (filter-options.ts). */
  options: FilterOptions;
  onChange: (filter: Filter) => void;
}

function Count({ count }: { count: number }) {
  return <span class="filter-count" title={t('filter.count', { count })}>{count}</span>;
}

interface GroupProps {
  def: GroupDef;
  options: readonly FacetOption[];
  selected: readonly string[];
  onToggle: (value: string) => void;
}

function FacetGroup({ def, options, selected, onToggle }: GroupProps) {
  const id = useId();
  const [open, setOpen] = useState(def.openAtFirst || selected.length > 0);
  const [query, setQuery] = useState('');
  const all = withSelected(options, selected);
  const shown = all.length > NARROW_AFTER ? narrowOptions(all, query, selected, def.label) : all;
  const title = t(def.title);
  return (
    <fieldset class={`filter-group${open ? ' filter-group--open' : ''}`} data-group={def.facet}>
      <legend class="filter-group-legend">
        <button type="button" class="filter-group-toggle" aria-expanded={open} aria-controls={`${id}-body`} onClick={() => setOpen(!open)}>
          <span class="filter-group-title">{title}</span>
          {selected.length > 0 ? <span class="filter-group-selected">{t('filter.selected_in_group', { count: selected.length })}</span> : null}
        </button>
      </legend>
      <div id={`${id}-body`} class="filter-group-body" hidden={!open}>
        {all.length > NARROW_AFTER ? (
          <input
            type="search" class="filter-narrow" value={query} placeholder={t('filter.narrow')} aria-label={t('filter.narrow')}
            onInput={(e) => setQuery((e.currentTarget as HTMLInputElement).value)}
          />
        ) : null}
        {all.length === 0 ? <p class="filter-empty">{t('filter.none_in_data')}</p> : null}
        {all.length > 0 && shown.length === 0 ? <p class="filter-empty">{t('filter.narrow_none')}</p> : null}
        <ul class="filter-options">
          {shown.map((o) => (
            <li key={o.value}>
              <label class={`filter-option${o.count === 0 ? ' filter-option--none' : ''}`}>
                <input type="checkbox" checked={selected.includes(o.value)} onChange={() => onToggle(o.value)} data-facet={def.facet} data-value={o.value} />
                <span class="filter-option-label">{def.label(o.value)}</span>
                <Count count={o.count} />
              </label>
            </li>
          ))}
        </ul>
      </div>
    </fieldset>
  );
}

/** The filter panel (`data-testid="filter-panel"`). */
export function FilterPanel({ filter, options, onChange }: FilterPanelProps) {
  const id = useId();
  const active = activeCriteriaCount(filter);
  return (
    <section class="filter-panel" data-testid="filter-panel" aria-labelledby={`${id}-title`}>
      <div class="filter-header">
        <h2 id={`${id}-title`} class="panel-title">{t('filter.title')}</h2>
        <span class={`filter-active${active > 0 ? ' filter-active--on' : ''}`} data-testid="filter-active-count" data-count={active} aria-live="polite">
          {active > 0 ? t('filter.active', { count: active }) : t('filter.none_active')}
        </span>
        <button type="button" class="filter-clear" disabled={isEmptyFilter(filter)} onClick={() => onChange(emptyFilter())}>
          {t('filter.clear')}
        </button>
      </div>
      <label class="filter-switch">
        <input
          type="checkbox" role="switch" checked={filter.keyUnitsOnly} data-facet="keyUnitsOnly" data-value="true"
          onChange={() => onChange(setKeyUnitsOnly(filter, !filter.keyUnitsOnly))}
        />
        <span class="filter-option-label">{t('filter.key_units_only')}</span>
        <Count count={options.keyUnits} />
      </label>
      {GROUPS.map((def) => (
        <FacetGroup
          key={def.facet} def={def} options={options[def.facet]} selected={filter[def.facet]}
          onToggle={(value) => onChange(toggleValue(filter, def.facet, value))}
        />
      ))}
    </section>
  );
}
