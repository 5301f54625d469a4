/**
 * The filter every panel and layer respects (jurisdiction, category, hazard severity and status,
 * key units, supervision level), and how it applies to each kind of collection.
 *
 * What a criterion means for each kind (an empty list means "no constraint"):
 *
 * | criterion          | premises                         | hazard areas | fire lanes | hydrants  | grids      | sensors, alarms                |
 * |--------------------|----------------------------------|--------------|------------|-----------|------------|--------------------------------|
 * | communities        | `community`                      | `community`  | `community`| `community`| `community`| via their premise (premise_id) |
 * | gridIds            | `grid_id`                        | –            | –          | –         | `grid_id`  | via their premise              |
 * | categories         | any of `categories`              | –            | –          | –         | –          | via their premise              |
 * | severities+statuses| at least one hazard matches both | `status` only| –          | –         | –          | via their premise              |
 * | keyUnitsOnly       | `key_unit === true`              | –            | –          | –         | –          | via their premise              |
 * | supervisionLevels  | `supervision_level` (none if absent) | same     | –          | –         | –          | via their premise              |
 *
 * - A feature that lacks the property a criterion reads does not match it (a premise with no
 *   community is not in any community).
 * - A hazard matches `statuses` when its status is listed, or when `overdue` is listed and it is
 *   overdue ({@link isOverdue}); "open" includes open hazards that are also overdue.
 * - Sensors and alarms follow their premise only when a premise criterion is active; then one with
 *   no `premise_id` (e.g. a hydrant's pressure sensor) is left out. Without a premises collection
 *   they cannot be resolved and are returned unfiltered.
 * - Stations, buildings and roads are never filtered (the basemap stays whole).
 *
 * Identity: a collection the filter does not concern, or in which every feature passes, is returned
 * as the same object; a filtered result is cached per (input collection, relevant criteria), so the
 * same inputs give the same output objects and deck uploads nothing again. Features themselves are
 * never copied.
 */
import type { CollectionOf, FeatureOf, Hazard, Kind, PremiseCategory, Severity, SupervisionLevel } from '../sources/contract/index.ts';
import { ENUMS } from '../sources/contract/index.ts';
import { beijingDate } from '../sources/dates.ts';
import { isOverdue } from '../sources/hazards.ts';

/** Statuses a filter can ask for: the contract's three plus the derived `overdue`. */
export const FILTER_STATUSES = ['open', 'rectifying', 'closed', 'overdue'] as const;
export type FilterStatus = (typeof FILTER_STATUSES)[number];

/** Message keys a filter panel needs beyond contract labels (texts in src/i18n/parts/layers.ts). */
export const FILTER_I18N_KEYS = [
  'filter.title', 'filter.clear', 'filter.communities', 'filter.grids', 'filter.categories', 'filter.severities',
  'filter.statuses', 'filter.status.overdue', 'filter.key_units_only', 'filter.supervision_levels', 'filter.no_community',
] as const;

export interface Filter {
  readonly communities: readonly string[];
  readonly gridIds: readonly string[];
  readonly categories: readonly PremiseCategory[];
  readonly severities: readonly Severity[];
  readonly statuses: readonly FilterStatus[];
  readonly keyUnitsOnly: boolean;
  readonly supervisionLevels: readonly SupervisionLevel[];
}

/** Collections by kind, any of them absent: the shape of `collectionsByKind` in data.ts. */
export type Collections = { readonly [K in Kind]?: CollectionOf<K> };

const NO_STRINGS: readonly never[] = Object.freeze([]);

/** A filter that lets everything through. */
export function emptyFilter(): Filter {
  return { communities: NO_STRINGS, gridIds: NO_STRINGS, categories: NO_STRINGS, severities: NO_STRINGS, statuses: NO_STRINGS, keyUnitsOnly: false, supervisionLevels: NO_STRINGS };
}

/** True when the filter constrains nothing. */
export function isEmptyFilter(f: Filter): boolean {
  return !hasPremiseCriteria(f);
}

/** True when any criterion is set (every criterion concerns premises). */
export function hasPremiseCriteria(f: Filter): boolean {
  return f.communities.length > 0 || f.gridIds.length > 0 || f.categories.length > 0 || f.severities.length > 0
    || f.statuses.length > 0 || f.keyUnitsOnly || f.supervisionLevels.length > 0;
}

const enumValues = (name: 'premise_category' | 'severity' | 'supervision_level'): readonly string[] => ENUMS[name].values.map((v) => v.value);
const ORDER = {
  categories: enumValues('premise_category'),
  severities: enumValues('severity'),
  statuses: FILTER_STATUSES as readonly string[],
  supervisionLevels: enumValues('supervision_level'),
};

/** Keeps known values once each, in the given canonical order. */
function canonicalEnum<T extends string>(values: readonly unknown[], order: readonly string[]): T[] {
  const set = new Set(values.filter((v): v is string => typeof v === 'string'));
  return order.filter((v) => set.has(v)) as T[];
}

/** Keeps non-empty trimmed strings once each, sorted by code unit (a stable, locale-free order). */
function canonicalStrings(values: readonly unknown[]): string[] {
  const set = new Set<string>();
  for (const v of values) if (typeof v === 'string' && v.trim() !== '') set.add(v.trim());
  return [...set].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/**
 * The canonical form of a filter: unknown enum values dropped, duplicates removed, enums in
 * contract order and strings sorted. Equal filters have equal canonical forms (and keys).
 */
export function normalizeFilter(f: Partial<Filter>): Filter {
  return {
    communities: canonicalStrings(f.communities ?? []),
    gridIds: canonicalStrings(f.gridIds ?? []),
    categories: canonicalEnum<PremiseCategory>(f.categories ?? [], ORDER.categories),
    severities: canonicalEnum<Severity>(f.severities ?? [], ORDER.severities),
    statuses: canonicalEnum<FilterStatus>(f.statuses ?? [], ORDER.statuses),
    keyUnitsOnly: f.keyUnitsOnly === true,
    supervisionLevels: canonicalEnum<SupervisionLevel>(f.supervisionLevels ?? [], ORDER.supervisionLevels),
  };
}

/** A string that is equal for equal filters (after normalising): a memo key. */
export function filterKey(f: Filter): string {
  return JSON.stringify(normalizeFilter(f));
}

// ---------------------------------------------------------------------------------------------
// Matching

type PremiseFeature = FeatureOf<'premises'>;

/** A compiled filter: sets instead of lists, the Beijing date for overdue. */
interface Compiled {
  communities: ReadonlySet<string> | null;
  gridIds: ReadonlySet<string> | null;
  categories: ReadonlySet<string> | null;
  severities: ReadonlySet<string> | null;
  statuses: ReadonlySet<string> | null;
  keyUnitsOnly: boolean;
  supervisionLevels: ReadonlySet<string> | null;
  now: Date;
}

const setOrNull = (values: readonly string[]): ReadonlySet<string> | null => (values.length > 0 ? new Set(values) : null);

function compile(f: Filter, now: Date): Compiled {
  return {
    communities: setOrNull(f.communities), gridIds: setOrNull(f.gridIds), categories: setOrNull(f.categories),
    severities: setOrNull(f.severities), statuses: setOrNull(f.statuses), keyUnitsOnly: f.keyUnitsOnly,
    supervisionLevels: setOrNull(f.supervisionLevels), now,
  };
}

function hazardMatches(h: Hazard, c: Compiled): boolean {
  if (c.severities && !c.severities.has(h.severity)) return false;
  if (c.statuses && !c.statuses.has(h.status) && !(c.statuses.has('overdue') && isOverdue(h, c.now))) return false;
  return true;
}

function premiseMatches(p: PremiseFeature['properties'], c: Compiled): boolean {
  if (c.communities && !(p.community !== undefined && c.communities.has(p.community))) return false;
  if (c.gridIds && !(p.grid_id !== undefined && c.gridIds.has(p.grid_id))) return false;
  if (c.keyUnitsOnly && p.key_unit !== true) return false;
  if (c.supervisionLevels && !c.supervisionLevels.has(p.supervision_level ?? 'none')) return false;
  if (c.categories && !p.categories.some((cat) => c.categories?.has(cat))) return false;
  if (c.severities || c.statuses) {
    if (!(p.hazards ?? []).some((h) => hazardMatches(h, c))) return false;
  }
  return true;
}

/**
 * Whether one premise passes the filter at time `now` (for a panel that checks a single feature).
 * @example premiseMatchesFilter(p, { ...emptyFilter(), statuses: ['overdue'] }, new Date())
 */
export function premiseMatchesFilter(feature: PremiseFeature, filter: Filter, now: Date): boolean {
  return premiseMatches(feature.properties, compile(filter, now));
}

// ---------------------------------------------------------------------------------------------
// Memoised per-kind filtering

/** At most this many results are remembered per input collection (filters toggled back and forth). */
const MEMO_PER_INPUT = 8;
const memo = new WeakMap<object, Map<string, unknown>>();

function remember<T>(input: object, key: string, compute: () => T): T {
  let byKey = memo.get(input);
  if (!byKey) memo.set(input, (byKey = new Map()));
  if (byKey.has(key)) return byKey.get(key) as T;
  const value = compute();
  if (byKey.size >= MEMO_PER_INPUT) byKey.delete(byKey.keys().next().value as string);
  byKey.set(key, value);
  return value;
}

/** The collection itself when every feature passes; otherwise a new collection of those that do. */
function subset<C extends { readonly type: 'FeatureCollection'; readonly features: readonly F[] }, F>(collection: C, keep: (f: F) => boolean): C {
  const kept = collection.features.filter(keep);
  return kept.length === collection.features.length ? collection : ({ ...collection, features: kept } as C);
}

/** The part of the filter that concerns premises, with the Beijing date when overdue matters. */
function premiseKey(f: Filter, now: Date): string {
  return JSON.stringify([f.communities, f.gridIds, f.categories, f.severities, f.statuses, f.keyUnitsOnly, f.supervisionLevels,
    f.statuses.includes('overdue') ? beijingDate(now) : '']);
}

/** Premises that pass (memoised). */
export function filterPremises(premises: CollectionOf<'premises'>, filter: Filter, now: Date): CollectionOf<'premises'> {
  const f = normalizeFilter(filter);
  if (!hasPremiseCriteria(f)) return premises;
  const c = compile(f, now);
  return remember(premises, premiseKey(f, now), () => subset(premises, (p: PremiseFeature) => premiseMatches(p.properties, c)));
}

/** Ids of the premises that pass (memoised per filtered collection). */
const idSets = new WeakMap<object, ReadonlySet<string>>();
function idsOf(premises: CollectionOf<'premises'>): ReadonlySet<string> {
  let ids = idSets.get(premises);
  if (!ids) idSets.set(premises, (ids = new Set(premises.features.map((p) => p.properties.id))));
  return ids;
}

/**
 * Applies the filter to every kind it concerns (see the module comment for the rules).
 * @param collections collections by kind (e.g. from `collectionsByKind`); absent kinds stay absent.
 * @param filter the filter; need not be normalised.
 * @param now the time overdue is judged at (only its Beijing date matters).
 * @returns collections by kind: the same objects where nothing was removed; the same result object
 *   for the same inputs (memoised).
 */
export function applyFilter<C extends Collections>(collections: C, filter: Filter, now: Date): C {
  const f = normalizeFilter(filter);
  if (!hasPremiseCriteria(f)) return collections;
  const pKey = premiseKey(f, now);
  return remember(collections, pKey, () => {
    const out: Record<string, unknown> = { ...collections };
    const c = compile(f, now);
    const communities = c.communities;
    const grids = c.gridIds;
    const { premises, hazard_areas, fire_lanes, hydrants, grids: gridCells, sensors, alarms } = collections;
    const inCommunity = (v: string | undefined) => !communities || (v !== undefined && communities.has(v));
    const inGrid = (v: string | undefined) => !grids || (v !== undefined && grids.has(v));

    if (premises) out['premises'] = filterPremises(premises, f, now);

    if (hazard_areas && (communities || c.supervisionLevels || c.statuses)) {
      const k = JSON.stringify([f.communities, f.supervisionLevels, f.statuses, f.statuses.includes('overdue') ? beijingDate(now) : '']);
      out['hazard_areas'] = remember(hazard_areas, k, () => subset(hazard_areas, (a: FeatureOf<'hazard_areas'>) => {
        const p = a.properties;
        if (!inCommunity(p.community)) return false;
        if (c.supervisionLevels && !c.supervisionLevels.has(p.supervision_level ?? 'none')) return false;
        if (c.statuses && !c.statuses.has(p.status) && !(c.statuses.has('overdue') && isOverdue(p, now))) return false;
        return true;
      }));
    }
    if (fire_lanes && communities) {
      out['fire_lanes'] = remember(fire_lanes, JSON.stringify(f.communities), () => subset(fire_lanes, (l: FeatureOf<'fire_lanes'>) => inCommunity(l.properties.community)));
    }
    if (hydrants && communities) {
      out['hydrants'] = remember(hydrants, JSON.stringify(f.communities), () => subset(hydrants, (h: FeatureOf<'hydrants'>) => inCommunity(h.properties.community)));
    }
    if (gridCells && (communities || grids)) {
      out['grids'] = remember(gridCells, JSON.stringify([f.communities, f.gridIds]), () =>
        subset(gridCells, (g: FeatureOf<'grids'>) => inCommunity(g.properties.community) && inGrid(g.properties.grid_id)));
    }
    if (premises && (sensors || alarms)) {
      const kept = out['premises'] as CollectionOf<'premises'>;
      const ids = idsOf(kept);
      const belongs = (p: { premise_id?: string }) => p.premise_id !== undefined && ids.has(p.premise_id);
      // Cached by the kept premises collection, which is itself memoised per (premises, criteria).
      if (sensors) out['sensors'] = viaPremises(sensors, kept, belongs);
      if (alarms) out['alarms'] = viaPremises(alarms, kept, belongs);
    }
    return out as C;
  });
}

/**
 * Sensors or alarms that belong to a kept premise, cached per (collection, kept premises
 * collection): the kept collection is memoised per (premises, criteria), so equal inputs give the
 * same object, and new premises data gives a fresh result.
 */
const viaCache = new WeakMap<object, WeakMap<object, unknown>>();
function viaPremises<C extends { readonly type: 'FeatureCollection'; readonly features: readonly { readonly properties: { premise_id?: string } }[] }>(
  collection: C, kept: object, belongs: (p: { premise_id?: string }) => boolean,
): C {
  let byKept = viaCache.get(collection);
  if (!byKept) viaCache.set(collection, (byKept = new WeakMap()));
  const hit = byKept.get(kept);
  if (hit) return hit as C;
  const out = subset(collection, (x: C['features'][number]) => belongs(x.properties));
  byKept.set(kept, out);
  return out;
}
