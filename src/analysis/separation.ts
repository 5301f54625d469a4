/**
 * Fire separation deficiencies (防火间距不足) between building footprints, GB 50016-2014 (2018)
 * §5.2.2 (civil), §3.4.1 (factories and warehouses), graded by GB 35181-2017 §7.1.2 (below 80 % of
 * the requirement is an element of a major fire hazard).
 *
 * How: footprints are projected once into typed arrays (packed.ts); a flatbush index over their boxes
 * gives candidates within the largest requirement a building can have with any partner (from the rules
 * table, e.g. 50 m for a class A/B factory and a high-rise); the requirement of each candidate pair
 * comes from a small table filled once per pair of separation classes (rules.separationKey); pairs
 * whose boxes are already that far apart are dropped; the rest get the exact edge-to-edge distance
 * with box pruning. Each pair is visited once: the rarer of the two classes searches for it (so the
 * many ordinary houses search only as far as they need among themselves), or the lower index within
 * one class.
 *
 * Contacts. A gap of 0 is either two footprints sharing a wall (attached buildings, 握手楼 at the
 * extreme) or overlapping footprints. Separate footprints are separate buildings, and the fire-wall
 * exemption of §5.2.2 cannot be seen on a map, so touching pairs ARE reported (gap 0, contact
 * 'touching'); declare a fire wall with `reductions` to exempt a pair. Overlapping footprints are a
 * data error (a building drawn twice, or a podium and tower drawn apart) and are NOT reported unless
 * `overlapping: true` (then with contact 'overlapping').
 */
import Flatbush from 'flatbush';
import type { Feature, FeatureCollection, LineString, MultiPolygon, Polygon } from 'geojson';
import type { LocalProjection } from './geo.ts';
import { contactKind, featureDistance, bboxGap, packPolygons, roundTo, toLonLatRounded, type PackedPolygons } from './packed.ts';
import { DEFAULT_RULES, requiredSeparation, separationKey, type Rules, type SeparationRequirement } from './rules.ts';
import { COLOURS, projectionFor, requireCollection, type SimpleStyle } from './common.ts';
import type { BuildingProps } from '../sources/contract/types.ts';

/** What a building's facing walls allow under the §5.2.2 notes (known from inspection, not the map). */
export type SeparationReduction = 'fire_wall' | 'protected_openings';

export interface SeparationOptions {
  /** The rules table (default DEFAULT_RULES). */
  rules?: Rules;
  /**
   * Reductions by building id (default none). 'fire_wall': when this building is the higher of a civil
   * pair (or as high), the pair has no limit and is not reported. 'protected_openings' on both
   * buildings of a civil pair: the requirement drops by rules.separation.reduction_protected_openings
   * (25 %). Neither applies to a building above rules.separation.reduction_max_height_m (100 m) or to
   * factory pairs.
   */
  reductions?: Readonly<Record<string, SeparationReduction>>;
  /** Below this fraction of the requirement a finding is major (default rules.major_hazard.separation_fraction, 0.8). */
  majorFraction?: number;
  /** Report footprints that touch (gap 0) (default true). */
  touching?: boolean;
  /** Report footprints that overlap (default false: data errors). */
  overlapping?: boolean;
  /**
   * Shortfalls smaller than this are not reported (default 0.01 m: below the precision of coordinates
   * given to 1e-7°, about 1 cm, and of the rounded gap_m). A pair is deficient when gap < required − tolerance_m.
   */
  tolerance_m?: number;
  /** Projection to metres (default: centred on the buildings). */
  projection?: LocalProjection;
}

export interface SeparationFinding extends SimpleStyle {
  /** Building ids, a < b. */
  a: string;
  b: string;
  /** Shortest footprint-to-footprint distance in metres, rounded to 0.01 (always below required_m). */
  gap_m: number;
  required_m: number;
  clause: string;
  basis: SeparationRequirement['basis'];
  /** gap below majorFraction × required (GB 35181-2017 §7.1.2). */
  major: boolean;
  major_clause: string;
  /** gap / required, rounded to 0.001. */
  ratio: number;
  contact: 'none' | 'touching' | 'overlapping';
  reduction: 'none' | 'protected_openings';
}

/** Per-pair filter on building indexes (i < j), called only for pairs that are candidates. */
export type PairFilter = (i: number, j: number) => boolean;

/**
 * Deficient pairs by building index (i < j), struct-of-arrays so that 100k footprints allocate no
 * object per pair: pair k joins i[k] and j[k] at gap[k] metres against required[k] (after reductions);
 * its requirement (clause, basis) is requirements[req[k]]; its closest points, in local metres, are
 * points[4k .. 4k + 3] (x, y on i, then on j).
 */
export interface SeparationPairs {
  count: number;
  i: Uint32Array;
  j: Uint32Array;
  gap: Float64Array;
  required: Float64Array;
  req: Uint16Array;
  reduced: Uint8Array;
  points: Float64Array;
  requirements: readonly SeparationRequirement[];
}

function emptyPairs(requirements: readonly SeparationRequirement[], capacity: number): SeparationPairs {
  return {
    count: 0, i: new Uint32Array(capacity), j: new Uint32Array(capacity), gap: new Float64Array(capacity), required: new Float64Array(capacity),
    req: new Uint16Array(capacity), reduced: new Uint8Array(capacity), points: new Float64Array(4 * capacity), requirements,
  };
}

function grow(p: SeparationPairs): SeparationPairs {
  const q = emptyPairs(p.requirements, 2 * p.i.length);
  q.count = p.count;
  q.i.set(p.i); q.j.set(p.j); q.gap.set(p.gap); q.required.set(p.required); q.req.set(p.req); q.reduced.set(p.reduced); q.points.set(p.points);
  return q;
}

/**
 * Every pair of buildings closer than required, by index (i < j). The engine behind
 * findSeparationDeficiencies; `filter` restricts the pairs considered (e.g. factory–dwelling only).
 * @example const { pairs } = separationPairs(buildings.features, { filter: (i, j) => isFactory[i] !== isFactory[j] }); pairs.count
 */
export function separationPairs(
  buildings: readonly Feature<Polygon | MultiPolygon, BuildingProps>[],
  options: SeparationOptions & { packed?: PackedPolygons; filter?: PairFilter } = {},
): { pairs: SeparationPairs; packed: PackedPolygons; projection: LocalProjection } {
  const rules = options.rules ?? DEFAULT_RULES;
  const projection = options.projection ?? projectionFor(buildings);
  const P = options.packed ?? packPolygons(buildings.map((f) => f.geometry), projection);
  const n = buildings.length;

  // Separation classes present in the data, and a requirement table per pair of classes.
  const keyIndex = new Map<string, number>();
  const reps: BuildingProps[] = [];
  const counts: number[] = [];
  const cls = new Uint16Array(n);
  buildings.forEach((f, i) => {
    const key = separationKey(f.properties, rules);
    let k = keyIndex.get(key);
    if (k === undefined) { k = reps.length; keyIndex.set(key, k); reps.push(f.properties); counts.push(0); }
    cls[i] = k;
    counts[k] = (counts[k] as number) + 1;
  });
  const K = reps.length;
  const table: SeparationRequirement[] = [];
  const reqM = new Float64Array(K * K);
  for (let a = 0; a < K; a++) for (let b = 0; b < K; b++) {
    const req = requiredSeparation(reps[a] as BuildingProps, reps[b] as BuildingProps, rules);
    table.push(req);
    reqM[a * K + b] = req.required_m;
  }
  // Who searches for which pair: classes in order of count (rarest first); a class searches as far as
  // its largest requirement against itself and the classes after it, and owns those pairs. So the few
  // buildings with big requirements (class A/B factories, high-rise) search wide, and the many
  // ordinary houses only as far as they need among themselves.
  const order = [...counts.keys()].sort((a, b) => (counts[a] as number) - (counts[b] as number) || a - b);
  const rank = new Uint16Array(K);
  order.forEach((c, r) => { rank[c] = r; });
  const reach = new Float64Array(K);
  for (let a = 0; a < K; a++) for (let b = 0; b < K; b++) {
    if ((rank[b] as number) >= (rank[a] as number)) reach[a] = Math.max(reach[a] as number, reqM[a * K + b] as number);
  }

  // Reductions: 1 protected openings, 2 fire wall (only below the height limit).
  const red = new Uint8Array(n);
  const heights = new Float64Array(n);
  const maxH = rules.separation.reduction_max_height_m.value;
  const cut = 1 - rules.separation.reduction_protected_openings.value;
  buildings.forEach((f, i) => {
    heights[i] = f.properties.height_m ?? 0;
    const r = options.reductions?.[f.properties.id];
    if (r && (heights[i] as number) <= maxH) red[i] = r === 'fire_wall' ? 2 : 1;
  });

  let pairs = emptyPairs(table, 1024);
  if (n === 0) return { pairs, packed: P, projection };
  const index = new Flatbush(n);
  const bb = P.bbox;
  for (let i = 0; i < n; i++) {
    if (Number.isFinite(bb[4 * i])) index.add(bb[4 * i] as number, bb[4 * i + 1] as number, bb[4 * i + 2] as number, bb[4 * i + 3] as number);
    else index.add(0, 0, 0, 0); // empty geometry: its infinite box gap drops it below
  }
  index.finish();

  const out = new Float64Array(4);
  const touching = options.touching ?? true;
  const tolerance = options.tolerance_m ?? 0.01;
  const overlapping = options.overlapping ?? false;
  let i = 0, ci = 0;
  const visit = (j: number): boolean => {
    const cj = cls[j] as number;
    // The pair belongs to the search of the earlier class, or of the lower index within one class.
    if (cj === ci ? j <= i : (rank[cj] as number) < (rank[ci] as number)) return false;
    let required = reqM[ci * K + cj] as number;
    if (bboxGap(P, i, P, j) >= required) return false;
    const req = table[ci * K + cj] as SeparationRequirement;
    let reduced = false;
    if (req.basis === 'civil' && (red[i] || red[j])) {
      const hi = heights[i] as number, hj = heights[j] as number;
      if ((red[i] === 2 && hi >= hj) || (red[j] === 2 && hj >= hi)) return false;
      if (red[i] && red[j]) { required *= cut; reduced = true; }
      if (bboxGap(P, i, P, j) >= required) return false;
    }
    if (options.filter && !options.filter(Math.min(i, j), Math.max(i, j))) return false;
    const gap = featureDistance(P, i, P, j, out, required - tolerance);
    if (gap >= required - tolerance) return false;
    if (gap === 0) {
      const kind = contactKind(P, i, j);
      if ((kind === 'touching' && !touching) || (kind === 'overlapping' && !overlapping)) return false;
    }
    if (pairs.count === pairs.i.length) pairs = grow(pairs);
    const k = pairs.count++, lo = i < j;
    pairs.i[k] = lo ? i : j; pairs.j[k] = lo ? j : i; pairs.gap[k] = gap; pairs.required[k] = required;
    pairs.req[k] = ci * K + cj; pairs.reduced[k] = reduced ? 1 : 0;
    const o = lo ? 0 : 2, pts = pairs.points;
    pts[4 * k] = out[o] as number; pts[4 * k + 1] = out[o + 1] as number; pts[4 * k + 2] = out[2 - o] as number; pts[4 * k + 3] = out[3 - o] as number;
    return false;
  };
  for (; i < n; i++) {
    if (!Number.isFinite(bb[4 * i])) continue;
    ci = cls[i] as number;
    const r = reach[ci] as number;
    index.search((bb[4 * i] as number) - r, (bb[4 * i + 1] as number) - r, (bb[4 * i + 2] as number) + r, (bb[4 * i + 3] as number) + r, visit);
  }
  return { pairs, packed: P, projection };
}

/**
 * Pairs of buildings closer than GB 50016 requires, as LineStrings along the shortest gap (from the
 * closest point of `a` to that of `b`), coloured vermillion when major and orange otherwise.
 * Requirements come from `requiredSeparation` (unknown grades and hazard classes take the assumed
 * defaults of the rules table). Sorted by a, then b.
 * @example
 * const found = findSeparationDeficiencies(buildings, { reductions: { B0042: 'fire_wall' } });
 * // two grade-3 houses 5 m apart → { a, b, gap_m: 5, required_m: 8, clause: 'GB 50016-2014 (2018) §5.2.2', major: true, ratio: 0.625, ... }
 */
export function findSeparationDeficiencies(
  buildings: FeatureCollection<Polygon | MultiPolygon, BuildingProps>,
  options: SeparationOptions = {},
): FeatureCollection<LineString, SeparationFinding> {
  requireCollection('buildings', buildings);
  const rules = options.rules ?? DEFAULT_RULES;
  const fraction = options.majorFraction ?? rules.major_hazard.separation_fraction.value;
  if (!(fraction > 0 && fraction <= 1)) throw new Error(`majorFraction must be in (0, 1], got ${String(fraction)}`);
  const majorClause = rules.major_hazard.separation_fraction.clause;
  const list = buildings.features;
  const { pairs, packed, projection } = separationPairs(list, options);
  const rank = idRanks(list);
  const features: Feature<LineString, SeparationFinding>[] = [];
  const pts = pairs.points;
  for (const k of pairOrder(pairs, rank)) {
    const i = pairs.i[k] as number, j = pairs.j[k] as number, gap = pairs.gap[k] as number, required = pairs.required[k] as number;
    const req = pairs.requirements[pairs.req[k] as number] as SeparationRequirement;
    const swap = (rank[j] as number) < (rank[i] as number);
    const p = swap ? 2 : 0, q = 2 - p;
    const major = gap < fraction * required;
    const props: SeparationFinding = {
      a: list[swap ? j : i]?.properties.id ?? '', b: list[swap ? i : j]?.properties.id ?? '', gap_m: roundTo(gap), required_m: roundTo(required),
      clause: req.clause, basis: req.basis, major, major_clause: majorClause, ratio: roundTo(gap / required, 3),
      contact: gap === 0 ? contactKind(packed, i, j) : 'none', reduction: pairs.reduced[k] ? 'protected_openings' : 'none',
      stroke: major ? COLOURS.major : COLOURS.deficient, 'stroke-width': major ? 3 : 2,
    };
    const coordinates = [
      toLonLatRounded(projection, pts[4 * k + p] as number, pts[4 * k + p + 1] as number),
      toLonLatRounded(projection, pts[4 * k + q] as number, pts[4 * k + q + 1] as number),
    ];
    features.push({ type: 'Feature', geometry: { type: 'LineString', coordinates }, properties: props });
  }
  return { type: 'FeatureCollection', features };
}

/** Position of each feature's id in id order (the index itself when the ids already come sorted). */
function idRanks(list: readonly Feature<Polygon | MultiPolygon, BuildingProps>[]): Uint32Array {
  const n = list.length;
  let sorted = true;
  for (let i = 1; i < n && sorted; i++) if (!((list[i - 1]?.properties.id ?? '') < (list[i]?.properties.id ?? ''))) sorted = false;
  const rank = new Uint32Array(n);
  if (sorted) { for (let i = 0; i < n; i++) rank[i] = i; return rank; }
  const byId = [...list.keys()].sort((x, y) => {
    const a = list[x]?.properties.id ?? '', b = list[y]?.properties.id ?? '';
    return a < b ? -1 : a > b ? 1 : x - y;
  });
  byId.forEach((i, r) => { rank[i] = r; });
  return rank;
}

/** Pair indexes ordered by the id rank of their first, then second building (counting sort on the first). */
function pairOrder(pairs: SeparationPairs, rank: Uint32Array): Uint32Array {
  const n = rank.length, m = pairs.count;
  const first = new Uint32Array(m), second = new Uint32Array(m);
  const start = new Uint32Array(n + 1);
  for (let k = 0; k < m; k++) {
    const ri = rank[pairs.i[k] as number] as number, rj = rank[pairs.j[k] as number] as number;
    first[k] = ri < rj ? ri : rj; second[k] = ri < rj ? rj : ri;
    start[(first[k] as number) + 1] = (start[(first[k] as number) + 1] as number) + 1;
  }
  for (let r = 0; r < n; r++) start[r + 1] = (start[r + 1] as number) + (start[r] as number);
  const fill = start.slice(0, n);
  const order = new Uint32Array(m);
  for (let k = 0; k < m; k++) {
    const f = first[k] as number;
    order[fill[f] as number] = k;
    fill[f] = (fill[f] as number) + 1;
  }
  // Within one first building (a handful of pairs): insertion sort on the second.
  for (let r = 0; r < n; r++) {
    for (let x = (start[r] as number) + 1; x < (start[r + 1] as number); x++) {
      const k = order[x] as number, key = second[k] as number;
      let y = x - 1;
      while (y >= (start[r] as number) && (second[order[y] as number] as number) > key) { order[y + 1] = order[y] as number; y--; }
      order[y + 1] = k;
    }
  }
  return order;
}

