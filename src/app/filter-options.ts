/**
 * What a filter panel offers: for each facet of the filter, the values found in the data with how
 * many premises each would keep, and small pure edits of a filter (toggle a value, the key-unit
 * switch) that always return a normalised filter.
 *
 * Counts are premises (the filter's main subject), computed in one pass over premises and their
 * hazards. A value that only other kinds carry (a community with grid cells but no premises, a
 * supervision level only a regional hazard area has) is still offered, with a count of 0, because
 * the filter applies to those kinds too (see filters.ts).
 */
import { ENUMS, type Hazard, type PremiseCategory, type Severity, type SupervisionLevel } from '../sources/contract/index.ts';
import { isOverdue } from '../sources/hazards.ts';
import { FILTER_STATUSES, normalizeFilter, type Collections, type Filter, type FilterStatus } from './filters.ts';

/** One value of a facet and the number of premises that have it. */
export interface FacetOption<V extends string = string> {
  readonly value: V;
  readonly count: number;
}

/** The facets of {@link Filter} that are lists of values. */
export type ListFacet = 'communities' | 'gridIds' | 'categories' | 'severities' | 'statuses' | 'supervisionLevels';
export const LIST_FACETS: readonly ListFacet[] = ['communities', 'gridIds', 'categories', 'severities', 'statuses', 'supervisionLevels'];

/** Values offered per facet, in display order, each with its premise count. */
export interface FilterOptions {
  /** Sorted by Chinese collation (pinyin order), as a person looks a name up. */
  readonly communities: readonly FacetOption[];
  /** Sorted as text with numbers compared by value (G2 before G10). */
  readonly gridIds: readonly FacetOption[];
  /** Categories present, in contract order; a premise counts once in each of its categories. */
  readonly categories: readonly FacetOption<PremiseCategory>[];
  /** Severities present, in contract order: premises with at least one hazard of that severity. */
  readonly severities: readonly FacetOption<Severity>[];
  /** Always all four statuses (open, rectifying, closed, overdue): premises with at least one such hazard. */
  readonly statuses: readonly FacetOption<FilterStatus>[];
  /** Levels present, in contract order; a premise without one counts as `none`, as the filter reads it. */
  readonly supervisionLevels: readonly FacetOption<SupervisionLevel>[];
  /** Premises that are key fire-safety units (what the "key units only" switch keeps). */
  readonly keyUnits: number;
  /** All premises counted. */
  readonly premises: number;
}

const zhCollator = new Intl.Collator('zh-CN');
const idCollator = new Intl.Collator('en', { numeric: true });
const SEVERITY_ORDER = ENUMS.severity.values.map((v) => v.value) as readonly Severity[];
const CATEGORY_ORDER = ENUMS.premise_category.values.map((v) => v.value) as readonly PremiseCategory[];
const LEVEL_ORDER = ENUMS.supervision_level.values.map((v) => v.value) as readonly SupervisionLevel[];

class Tally {
  readonly counts = new Map<string, number>();
  add(value: string | undefined, n = 1): void {
    if (value === undefined || value.trim() === '') return;
    const key = value.trim();
    this.counts.set(key, (this.counts.get(key) ?? 0) + n);
  }
  /** Values in the given order (only those seen), or sorted by `compare` when no order is given. */
  options<V extends string>(order: readonly V[] | ((a: string, b: string) => number)): FacetOption<V>[] {
    const keys = typeof order === 'function' ? [...this.counts.keys()].sort(order) : order.filter((v) => this.counts.has(v));
    return keys.map((value) => ({ value: value as V, count: this.counts.get(value) ?? 0 }));
  }
}

/** Statuses one hazard answers to in the filter (an overdue open hazard is both open and overdue). */
function hazardStatuses(h: Hazard, now: Date): FilterStatus[] {
  const out: FilterStatus[] = [h.status];
  if (isOverdue(h, now)) out.push('overdue');
  return out;
}

/**
 * The values present in the data for each filter facet, with a premise count for each.
 * @param collections collections by kind (unfiltered, so every value stays on offer).
 * @param now when overdue is judged (its Beijing date); defaults to the current time.
 * @example filterOptions(collections, now).communities // [{ value: '北山村', count: 12 }, …]
 */
export function filterOptions(collections: Collections, now: Date = new Date()): FilterOptions {
  const communities = new Tally();
  const gridIds = new Tally();
  const categories = new Tally();
  const severities = new Tally();
  const statuses = new Tally();
  const levels = new Tally();
  let keyUnits = 0;
  const premises = collections.premises?.features ?? [];
  for (const { properties: p } of premises) {
    communities.add(p.community);
    gridIds.add(p.grid_id);
    for (const c of new Set(p.categories)) categories.add(c);
    levels.add(p.supervision_level ?? 'none');
    if (p.key_unit === true) keyUnits++;
    const seenSeverities = new Set<string>();
    const seenStatuses = new Set<string>();
    for (const h of p.hazards ?? []) {
      seenSeverities.add(h.severity);
      for (const s of hazardStatuses(h, now)) seenStatuses.add(s);
    }
    for (const s of seenSeverities) severities.add(s);
    for (const s of seenStatuses) statuses.add(s);
  }
  // Values only other kinds carry: offered with 0 premises, since the filter acts on those kinds too.
  const others = [collections.grids, collections.hazard_areas, collections.fire_lanes, collections.hydrants];
  for (const c of others) for (const f of c?.features ?? []) communities.add(f.properties.community, 0);
  for (const g of collections.grids?.features ?? []) gridIds.add(g.properties.grid_id, 0);
  for (const a of collections.hazard_areas?.features ?? []) levels.add(a.properties.supervision_level ?? 'none', 0);

  return {
    communities: communities.options((a, b) => zhCollator.compare(a, b)),
    gridIds: gridIds.options((a, b) => idCollator.compare(a, b)),
    categories: categories.options(CATEGORY_ORDER),
    severities: severities.options(SEVERITY_ORDER),
    statuses: FILTER_STATUSES.map((value) => ({ value, count: statuses.counts.get(value) ?? 0 })),
    supervisionLevels: levels.options(LEVEL_ORDER),
    keyUnits,
    premises: premises.length,
  };
}

/**
 * The filter with `value` added to `facet` when absent, removed when present; normalised.
 * @example toggleValue(emptyFilter(), 'severities', 'major').severities // ['major']
 */
export function toggleValue(filter: Filter, facet: ListFacet, value: string): Filter {
  const current: readonly string[] = filter[facet];
  const next = current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
  return normalizeFilter({ ...filter, [facet]: next });
}

/** The filter with the "key units only" switch set; normalised. */
export function setKeyUnitsOnly(filter: Filter, on: boolean): Filter {
  return normalizeFilter({ ...filter, keyUnitsOnly: on });
}

/** How many criteria are active: each selected value counts one, the key-unit switch one. */
export function activeCriteriaCount(filter: Filter): number {
  let n = filter.keyUnitsOnly ? 1 : 0;
  for (const facet of LIST_FACETS) n += filter[facet].length;
  return n;
}

/**
 * A facet's options plus any selected value the data no longer has (count 0), so a criterion set
 * earlier (from a link, or before a refresh) can still be seen and unticked. Options keep their order;
 * such values follow them.
 */
export function withSelected<V extends string>(options: readonly FacetOption<V>[], selected: readonly V[]): readonly FacetOption<V>[] {
  const present = new Set<string>(options.map((o) => o.value));
  const missing = selected.filter((v) => !present.has(v));
  return missing.length === 0 ? options : [...options, ...missing.map((value) => ({ value, count: 0 }))];
}

/**
 * Options whose value (or label) contains the query, ignoring case and spaces: narrows a long list
 * such as the grid cells. Selected values always stay, so ticks never vanish from view.
 */
export function narrowOptions<V extends string>(
  options: readonly FacetOption<V>[], query: string, selected: readonly V[] = [], label: (value: V) => string = (v) => v,
): readonly FacetOption<V>[] {
  const fold = (s: string) => s.toLocaleLowerCase().replace(/\s+/g, '');
  const q = fold(query);
  if (q === '') return options;
  const keep = new Set<string>(selected);
  return options.filter((o) => keep.has(o.value) || fold(o.value).includes(q) || fold(label(o.value)).includes(q));
}
