/**
 * Straight-line hydrant coverage (GB 50974-2014 §7.2.5: a municipal hydrant protects 150 m): for each
 * building or premise, the nearest counted hydrant and the distance from it to the nearest point of the
 * footprint (0 when the hydrant stands inside), whether that is within the radius, and whether only
 * hydrants that do not count (damaged, no water, ...) are within it.
 *
 * How: footprints projected once (packed.ts); counted and other hydrants in two kdbush indexes in local
 * metres; candidates within radius + the footprint's half-diagonal of its box centre, then the exact
 * point-to-footprint distance. A target with nothing in reach searches wider (doubling) until the
 * nearest is certain. This is the quick check: hose is laid along streets, see hydrant-network.ts.
 */
import KDBush from 'kdbush';
import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';
import type { LocalProjection } from './geo.ts';
import { packPolygons, pointFeatureDistance, roundTo, type PackedPolygons } from './packed.ts';
import { DEFAULT_RULES, type Rules } from './rules.ts';
import { COLOURS, projectionFor, requireCollection, requirePositive, type SimpleStyle } from './common.ts';
import type { HydrantProps } from '../sources/contract/types.ts';
import type { EnumOf } from '../sources/contract/enums.ts';

export type HydrantStatus = EnumOf<'hydrant_status'>;
export type TargetGeometry = Polygon | MultiPolygon | Point;
export type Targets = FeatureCollection<TargetGeometry, { id: string }>;

export interface HydrantCoverageOptions {
  /** Protection radius in metres (default rules.hydrant.protection_radius_m, 150). */
  radius_m?: number;
  /** Hydrant statuses that count for coverage (default ['in_service']). */
  countStatuses?: readonly HydrantStatus[];
  rules?: Rules;
  /** Projection to metres (default: centred on targets and hydrants). */
  projection?: LocalProjection;
}

export interface HydrantCoverageProps extends SimpleStyle {
  id: string;
  /** Nearest counted hydrant, or null when no hydrant counts. */
  nearest_hydrant: string | null;
  /** Metres from it to the nearest point of the target (0.01), or null. */
  distance_m: number | null;
  covered: boolean;
  /** Not covered, yet a hydrant that does not count is within the radius. */
  covered_only_by_out_of_service: boolean;
  /** Counted hydrants within the radius. */
  hydrants_in_radius: number;
  /** Hydrants that do not count within the radius. */
  out_of_service_in_radius: number;
  radius_m: number;
  clause: string;
}

/** Targets projected once: footprints packed, anchors (box centres) and half-diagonals for the searches. */
export interface PreparedTargets {
  packed: PackedPolygons;
  isPoint: Uint8Array;
  cx: Float64Array;
  cy: Float64Array;
  half: Float64Array;
}

/**
 * Projects targets once: footprints packed, points kept apart, box centres and half-diagonals for the
 * radius searches (shared by the straight-line and network coverage).
 * @example const T = prepareTargets(buildings.features, proj); T.cx[i], T.half[i]
 */
export function prepareTargets(targets: readonly Feature<TargetGeometry, unknown>[], proj: LocalProjection): PreparedTargets {
  const n = targets.length;
  const packed = packPolygons(targets.map((f) => (f.geometry && f.geometry.type !== 'Point' ? f.geometry : null)), proj);
  const isPoint = new Uint8Array(n), cx = new Float64Array(n).fill(NaN), cy = new Float64Array(n).fill(NaN), half = new Float64Array(n);
  targets.forEach((f, i) => {
    if (f.geometry?.type === 'Point') {
      const [x, y] = proj.toXY(f.geometry.coordinates);
      isPoint[i] = 1; cx[i] = x; cy[i] = y;
      return;
    }
    const b = packed.bbox;
    if (!Number.isFinite(b[4 * i])) return;
    const w = (b[4 * i + 2] as number) - (b[4 * i] as number), h = (b[4 * i + 3] as number) - (b[4 * i + 1] as number);
    cx[i] = (b[4 * i] as number) + w / 2; cy[i] = (b[4 * i + 1] as number) + h / 2; half[i] = Math.hypot(w, h) / 2;
  });
  return { packed, isPoint, cx, cy, half };
}

/** Metres from (x, y) to target i; the nearest point of the target into out. */
export function targetDistance(T: PreparedTargets, i: number, x: number, y: number, out: Float64Array): number {
  if (T.isPoint[i]) { out[0] = T.cx[i] as number; out[1] = T.cy[i] as number; return Math.hypot(x - (T.cx[i] as number), y - (T.cy[i] as number)); }
  return pointFeatureDistance(T.packed, i, x, y, out);
}

interface PointIndex { kd: KDBush | null; x: Float64Array; y: Float64Array; ids: string[]; buf: Uint32Array }

function pointIndex(list: readonly Feature<Point, HydrantProps>[], proj: LocalProjection): PointIndex {
  const x = new Float64Array(list.length), y = new Float64Array(list.length);
  list.forEach((h, k) => { const p = proj.toXY(h.geometry.coordinates); x[k] = p[0]; y[k] = p[1]; });
  let kd: KDBush | null = null;
  if (list.length > 0) {
    kd = new KDBush(list.length, 64, Float64Array);
    for (let k = 0; k < list.length; k++) kd.add(x[k] as number, y[k] as number);
    kd.finish();
  }
  return { kd, x, y, ids: list.map((h) => h.properties.id), buf: new Uint32Array(list.length) };
}

/** Straight-line results per target, in typed arrays (nearest = -1 when no counted hydrant). */
export interface StraightCoverage {
  nearest: Int32Array;
  distance: Float64Array;
  inRadius: Uint32Array;
  othersIn: Uint32Array;
  /** Ids of the counted hydrants, indexed by `nearest`. */
  ids: readonly string[];
  radius: number;
  clause: string;
}

/** The straight-line computation behind hydrantCoverage, shared with the network variant. */
export function straightCoverage(T: PreparedTargets, hydrants: readonly Feature<Point, HydrantProps>[], radius: number, statuses: readonly HydrantStatus[], proj: LocalProjection, clause: string): StraightCoverage {
  const valid = hydrants.filter((h) => h.geometry?.type === 'Point');
  const counted = pointIndex(valid.filter((h) => statuses.includes(h.properties.status)), proj);
  const others = pointIndex(valid.filter((h) => !statuses.includes(h.properties.status)), proj);
  const n = T.cx.length;
  const res: StraightCoverage = {
    nearest: new Int32Array(n).fill(-1), distance: new Float64Array(n).fill(Infinity), inRadius: new Uint32Array(n), othersIn: new Uint32Array(n),
    ids: counted.ids, radius, clause,
  };
  const out = new Float64Array(2);
  for (let i = 0; i < n; i++) {
    const x = T.cx[i] as number, y = T.cy[i] as number, half = T.half[i] as number;
    if (!Number.isFinite(x)) continue;
    let nearest = -1, best = Infinity, inRadius = 0, othersIn = 0;
    if (counted.kd) {
      let reach = radius + half;
      for (;;) {
        const m = counted.kd.withinInto(x, y, reach, counted.buf);
        inRadius = 0;
        for (let k = 0; k < m; k++) {
          const h = counted.buf[k] as number;
          const d = targetDistance(T, i, counted.x[h] as number, counted.y[h] as number, out);
          if (d <= radius) inRadius++;
          if (d < best || (d === best && h < nearest)) { best = d; nearest = h; }
        }
        // Certain once the best lies within the searched reach less the half-diagonal; else search wider.
        if (best <= reach - half || m === counted.ids.length) break;
        reach *= 2;
      }
    }
    if (others.kd) {
      const m = others.kd.withinInto(x, y, radius + half, others.buf);
      for (let k = 0; k < m; k++) {
        const h = others.buf[k] as number;
        if (targetDistance(T, i, others.x[h] as number, others.y[h] as number, out) <= radius) othersIn++;
      }
    }
    res.nearest[i] = nearest; res.distance[i] = best; res.inRadius[i] = inRadius; res.othersIn[i] = othersIn;
  }
  return res;
}

/**
 * The straight-line properties of target i, with every style key set to `colour` (points read
 * marker-color, areas stroke and fill). One object literal on purpose: spreading into it, or adding
 * keys afterwards, is many times slower for 100k features.
 */
export function straightProps(S: StraightCoverage, i: number, id: string, colourOf: (covered: boolean, onlyOut: boolean) => string): HydrantCoverageProps {
  const nearest = S.nearest[i] as number, best = S.distance[i] as number, covered = best <= S.radius, othersIn = S.othersIn[i] as number;
  const onlyOut = !covered && othersIn > 0;
  const colour = colourOf(covered, onlyOut);
  return {
    id, nearest_hydrant: nearest >= 0 ? (S.ids[nearest] as string) : null, distance_m: nearest >= 0 ? roundTo(best) : null, covered,
    covered_only_by_out_of_service: onlyOut, hydrants_in_radius: S.inRadius[i] as number, out_of_service_in_radius: othersIn, radius_m: S.radius, clause: S.clause,
    stroke: colour, 'stroke-width': 1, fill: colour, 'fill-opacity': 0.5, 'marker-color': colour,
  };
}

const straightColour = (covered: boolean, onlyOut: boolean): string => (covered ? COLOURS.ok : onlyOut ? COLOURS.out_of_service : COLOURS.major);

/**
 * Straight-line coverage of each target by hydrants; the output keeps each target's geometry, with the
 * properties above and a fill: green covered, reddish purple covered only by hydrants that do not
 * count, vermillion uncovered. Order and ids follow the targets.
 * @example hydrantCoverage(buildings, hydrants).features.filter((f) => !f.properties.covered)
 */
export function hydrantCoverage(targets: Targets, hydrants: FeatureCollection<Point, HydrantProps>, options: HydrantCoverageOptions = {}): FeatureCollection<TargetGeometry, HydrantCoverageProps> {
  requireCollection('targets', targets);
  requireCollection('hydrants', hydrants);
  const rules = options.rules ?? DEFAULT_RULES;
  const radius = options.radius_m ?? rules.hydrant.protection_radius_m.value;
  requirePositive('radius_m', radius);
  const statuses = options.countStatuses ?? ['in_service'];
  const proj = options.projection ?? projectionFor(targets.features, hydrants.features);
  const T = prepareTargets(targets.features, proj);
  const S = straightCoverage(T, hydrants.features, radius, statuses, proj, rules.hydrant.protection_radius_m.clause);
  const features = targets.features.map((f, i): Feature<TargetGeometry, HydrantCoverageProps> => (
    { type: 'Feature', geometry: f.geometry, properties: straightProps(S, i, f.properties.id, straightColour) }
  ));
  return { type: 'FeatureCollection', features };
}
