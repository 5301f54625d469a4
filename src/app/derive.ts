/**
 * Facts derived from the typed collections, for panels, the legend and the wall: hazard counts per
 * premise, hazards by community × status × severity, and how many things each layer draws.
 *
 * One pass over the premises and their hazards (O(premises + hazards)), no pairwise work; results
 * are cached per (premises collection, Beijing date of `now`), because overdue (逾期) changes only
 * when the date does. Apply the filter first (filters.ts) to get the facts of what is shown.
 *
 * `overdue` is counted beside the three statuses, not instead of one: an overdue hazard is also
 * `open` or `rectifying`, so open + rectifying + closed = all hazards, and overdue ⊆ open + rectifying.
 */
import { ENUMS, type CollectionOf, type FeatureOf, type Severity } from '../sources/contract/index.ts';
import { beijingDate } from '../sources/dates.ts';
import { isOverdue } from '../sources/hazards.ts';
import { LAYER_DRAW_ORDER, type ThematicLayerId } from '../layers/catalog/index.ts';
import { laneObstacles } from '../layers/fire-lanes/index.ts';
import { ringHydrants } from '../layers/hydrant-rings/index.ts';
import type { Collections } from './filters.ts';

/** The status columns of the counts: the contract's three and the derived overdue. */
export const COUNT_STATUSES = ['open', 'rectifying', 'closed', 'overdue'] as const;
export type CountStatus = (typeof COUNT_STATUSES)[number];
export const SEVERITIES = ENUMS.severity.values.map((v) => v.value) as readonly Severity[];

/** Key of premises (and hazards) with no community in {@link DistrictFacts.byCommunity}. */
export const NO_COMMUNITY = '';

/** Hazards of one premise by status. */
export interface PremiseHazardCounts {
  readonly total: number;
  readonly open: number;
  readonly rectifying: number;
  readonly closed: number;
  /** Not closed and past the deadline (also counted in open or rectifying). */
  readonly overdue: number;
  /** Not closed and major (重大隐患). */
  readonly openMajor: number;
}

/** Status × severity counts. */
export type StatusSeverityCounts = { readonly [S in CountStatus]: { readonly [V in Severity]: number } };

/** What is known about one community (or about all of them). */
export interface CommunityFacts {
  readonly premises: number;
  readonly keyUnits: number;
  /** Premises with at least one hazard not closed. */
  readonly premisesWithOpenHazards: number;
  /** Premises with at least one overdue hazard. */
  readonly premisesWithOverdue: number;
  /** Hazards by status and severity. */
  readonly hazards: StatusSeverityCounts;
}

export interface DistrictFacts {
  /** The Beijing date overdue was judged on. */
  readonly asOf: string;
  /** Per premise id. Premises without hazards are present with zeros. */
  readonly perPremise: ReadonlyMap<string, PremiseHazardCounts>;
  /** Per community, in order of first appearance; premises without one under {@link NO_COMMUNITY}. */
  readonly byCommunity: ReadonlyMap<string, CommunityFacts>;
  /** The whole collection (equal to the sum over communities). */
  readonly total: CommunityFacts;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends object ? Mutable<T[K]> : T[K] };

function emptyStatusSeverity(): Mutable<StatusSeverityCounts> {
  const row = () => Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as { [V in Severity]: number };
  return { open: row(), rectifying: row(), closed: row(), overdue: row() };
}

function emptyCommunity(): Mutable<CommunityFacts> {
  return { premises: 0, keyUnits: 0, premisesWithOpenHazards: 0, premisesWithOverdue: 0, hazards: emptyStatusSeverity() };
}

const cache = new WeakMap<object, { asOf: string; facts: DistrictFacts }>();

/**
 * All hazard facts of a premises collection at time `now`, in one pass (cached per collection and
 * Beijing date).
 * @example deriveFacts(premises, new Date()).byCommunity.get('锦和村')?.hazards.overdue.major
 */
export function deriveFacts(premises: CollectionOf<'premises'>, now: Date): DistrictFacts {
  const asOf = beijingDate(now);
  const hit = cache.get(premises);
  if (hit && hit.asOf === asOf) return hit.facts;
  const perPremise = new Map<string, PremiseHazardCounts>();
  const byCommunity = new Map<string, Mutable<CommunityFacts>>();
  const total = emptyCommunity();
  for (const feature of premises.features) {
    const p = feature.properties;
    const key = p.community ?? NO_COMMUNITY;
    let community = byCommunity.get(key);
    if (!community) byCommunity.set(key, (community = emptyCommunity()));
    const counts = { total: 0, open: 0, rectifying: 0, closed: 0, overdue: 0, openMajor: 0 };
    for (const h of p.hazards ?? []) {
      counts.total++;
      // An unknown status (the contract may grow) is counted as open: never silently dropped.
      const status = h.status === 'closed' || h.status === 'rectifying' ? h.status : 'open';
      counts[status]++;
      const severity: Severity = (SEVERITIES as readonly string[]).includes(h.severity) ? h.severity : 'general';
      community.hazards[status][severity]++;
      total.hazards[status][severity]++;
      if (status !== 'closed' && severity === 'major') counts.openMajor++;
      if (isOverdue(h, now)) {
        counts.overdue++;
        community.hazards.overdue[severity]++;
        total.hazards.overdue[severity]++;
      }
    }
    perPremise.set(p.id, counts);
    const isKey = p.key_unit === true ? 1 : 0;
    const withOpen = counts.open + counts.rectifying > 0 ? 1 : 0;
    const withOverdue = counts.overdue > 0 ? 1 : 0;
    for (const c of [community, total]) {
      c.premises++;
      c.keyUnits += isKey;
      c.premisesWithOpenHazards += withOpen;
      c.premisesWithOverdue += withOverdue;
    }
  }
  const facts: DistrictFacts = { asOf, perPremise, byCommunity, total };
  cache.set(premises, { asOf, facts });
  return facts;
}

/** Hazard counts of each premise by id (see {@link deriveFacts}). */
export function premiseHazardCounts(premises: CollectionOf<'premises'>, now: Date): ReadonlyMap<string, PremiseHazardCounts> {
  return deriveFacts(premises, now).perPremise;
}

/** Hazards by community × status × severity (see {@link deriveFacts}). */
export function hazardsByCommunity(premises: CollectionOf<'premises'>, now: Date): ReadonlyMap<string, StatusSeverityCounts> {
  const out = new Map<string, StatusSeverityCounts>();
  for (const [community, facts] of deriveFacts(premises, now).byCommunity) out.set(community, facts.hazards);
  return out;
}

/** Hazards of one status, all severities together. */
export function sumSeverities(row: { readonly [V in Severity]: number }): number {
  let n = 0;
  for (const s of SEVERITIES) n += row[s];
  return n;
}

/**
 * How many things each thematic layer draws from these collections (absent collections count 0):
 * features for most layers; in-service hydrants for the rings; lanes for fire-lanes (see
 * {@link obstacleCount} for their obstacles).
 */
export function countsByLayer(collections: Collections): Readonly<Record<ThematicLayerId, number>> {
  const n = (c: { readonly features: readonly unknown[] } | undefined) => c?.features.length ?? 0;
  const out = Object.fromEntries(LAYER_DRAW_ORDER.map((id) => [id, 0])) as Record<ThematicLayerId, number>;
  out['premises'] = n(collections.premises);
  out['hazard-areas'] = n(collections.hazard_areas);
  out['fire-lanes'] = n(collections.fire_lanes);
  out['hydrants'] = n(collections.hydrants);
  out['hydrant-rings'] = collections.hydrants ? ringHydrants(collections.hydrants.features).length : 0;
  out['sensors'] = n(collections.sensors);
  out['alarms'] = n(collections.alarms);
  out['grids'] = n(collections.grids);
  out['stations'] = n(collections.stations);
  return out;
}

/** Obstacles still on the lanes (not removed), as the fire-lanes layer draws them. */
export function obstacleCount(lanes: CollectionOf<'fire_lanes'> | undefined): number {
  return lanes ? laneObstacles(lanes.features).length : 0;
}

/** One premise's counts without the cache (for a card that shows a single premise). */
export function countPremiseHazards(feature: FeatureOf<'premises'>, now: Date): PremiseHazardCounts {
  const counts = { total: 0, open: 0, rectifying: 0, closed: 0, overdue: 0, openMajor: 0 };
  for (const h of feature.properties.hazards ?? []) {
    counts.total++;
    const status = h.status === 'closed' || h.status === 'rectifying' ? h.status : 'open';
    counts[status]++;
    if (status !== 'closed' && h.severity === 'major') counts.openMajor++;
    if (isOverdue(h, now)) counts.overdue++;
  }
  return counts;
}
