/**
 * Clusters of open hazards (隐患聚集区) by DBSCAN, to propose candidate regional hazard areas
 * (区域性火灾隐患, 001 seed task 12) and to see which ones the declared hazard areas already cover.
 *
 * Points are premises with at least one open hazard (status open or rectifying by default), at their
 * anchor. Unweighted by default: a premises counts once however many hazards it has, because a regional
 * hazard is about how many places are in trouble close together, and one badly run workshop should not
 * make a cluster on its own. With `weighted`, a premises weighs the sum of its open hazards' severities
 * (general 1, larger 2, major 3) and a core point needs that much weight within eps.
 *
 * Defaults, and why: eps 60 m is about half the hydrant spacing (120 m) and the depth of two or three
 * self-built plots (10–15 m each) on both sides of an urban-village alley, so neighbours in one block
 * join and the next block only through a chain of premises; minPoints 5 keeps pairs and triples (two
 * shops side by side) out and matches the "a batch" scale of the campaign plans. Both are options.
 *
 * How: kdbush over the points in local metres, one radius query per point (each point's neighbourhood
 * is asked once), clusters grown breadth-first. Output: the convex hull of the members, each padded
 * by pad_m (so one street of premises still gives an area), with counts and the severity breakdown.
 */
import Flatbush from 'flatbush';
import KDBush from 'kdbush';
import { booleanIntersects } from '@turf/turf';
import type { Feature, FeatureCollection, MultiPolygon, Point, Polygon, Position } from 'geojson';
import type { LocalProjection } from './geo.ts';
import { toLonLatRounded } from './packed.ts';
import { anchorXY, areaStyle, COLOURS, OPEN_STATUSES, openHazards, projectionFor, requireCollection, requirePositive, type SimpleStyle } from './common.ts';
import type { HazardAreaProps, HazardStatus, PremiseProps, Severity } from '../sources/contract/types.ts';

export interface ClusterOptions {
  /** Neighbourhood radius in metres (default 60). */
  eps_m?: number;
  /** Premises (or weight, when weighted) within eps, itself included, for a core point (default 5). */
  minPoints?: number;
  /** Weigh premises by their open hazards' severities (default false). */
  weighted?: boolean;
  /** Hazard statuses that count as open (default open and rectifying). */
  statuses?: readonly HazardStatus[];
  /** Padding around each member for the hull, metres (default 10). */
  pad_m?: number;
  /** Projection to metres (default: centred on the premises). */
  projection?: LocalProjection;
}

export interface ClusterProps extends SimpleStyle {
  /** C1, C2, ... in order of discovery (input order of the premises). */
  cluster_id: string;
  premises: number;
  /** Open hazards in its premises, and by severity. */
  hazards: number;
  general: number;
  larger: number;
  major: number;
  premise_ids: string[];
  /** The hull meets a declared hazard area. */
  covered_by_declared_area: boolean;
  declared_area_ids: string[];
  /** Area of the hull in m² (rounded to 1). */
  area_m2: number;
}

const SEVERITY_WEIGHT: Record<Severity, number> = { general: 1, larger: 2, major: 3 };

/**
 * DBSCAN clusters of premises with open hazards, as polygons: blue when a declared hazard area covers
 * them, vermillion when none does (a candidate regional hazard area).
 * @example hazardClusters(premises, hazardAreas).features.filter((c) => !c.properties.covered_by_declared_area)
 */
export function hazardClusters(
  premises: FeatureCollection<Point | Polygon | MultiPolygon, PremiseProps>,
  hazardAreas: FeatureCollection<Polygon | MultiPolygon, HazardAreaProps> = { type: 'FeatureCollection', features: [] },
  options: ClusterOptions = {},
): FeatureCollection<Polygon, ClusterProps> {
  requireCollection('premises', premises);
  requireCollection('hazardAreas', hazardAreas);
  const eps = options.eps_m ?? 60;
  const minPoints = options.minPoints ?? 5;
  const pad = options.pad_m ?? 10;
  requirePositive('eps_m', eps);
  requirePositive('minPoints', minPoints);
  if (!(pad >= 0)) throw new Error(`pad_m must be 0 or more, got ${String(pad)}`);
  const statuses = options.statuses ?? OPEN_STATUSES;
  const proj = options.projection ?? projectionFor(premises.features);

  const members: { f: Feature<Point | Polygon | MultiPolygon, PremiseProps>; x: number; y: number; w: number }[] = [];
  for (const f of premises.features) {
    const open = openHazards(f.properties, statuses);
    const at = anchorXY(f.geometry, proj);
    if (open.length === 0 || !at) continue;
    members.push({ f, x: at[0], y: at[1], w: options.weighted ? open.reduce((s, h) => s + SEVERITY_WEIGHT[h.severity], 0) : 1 });
  }
  const labels = dbscan(members, eps, minPoints);

  const groups = new Map<number, number[]>();
  labels.forEach((c, k) => { if (c >= 0) groups.set(c, [...(groups.get(c) ?? []), k]); });
  const areaIndex = hazardAreas.features.length ? boxIndex(hazardAreas.features) : null;
  const features = [...groups.entries()].sort((a, b) => a[0] - b[0]).map(([c, ks]): Feature<Polygon, ClusterProps> => {
    const pts: [number, number][] = [];
    for (const k of ks) {
      const m = members[k] as (typeof members)[number];
      pts.push([m.x - pad, m.y - pad], [m.x + pad, m.y - pad], [m.x + pad, m.y + pad], [m.x - pad, m.y + pad]);
    }
    const hull = convexHull(pts);
    const ring: Position[] = hull.map(([x, y]) => toLonLatRounded(proj, x, y));
    ring.push(ring[0] as Position);
    const polygon: Polygon = { type: 'Polygon', coordinates: [ring] };
    const sev = { general: 0, larger: 0, major: 0 };
    for (const k of ks) for (const h of openHazards((members[k] as (typeof members)[number]).f.properties, statuses)) sev[h.severity]++;
    const declared = areaIndex ? intersecting(polygon, hazardAreas.features, areaIndex) : [];
    return {
      type: 'Feature', geometry: polygon,
      properties: {
        cluster_id: `C${c + 1}`, premises: ks.length, hazards: sev.general + sev.larger + sev.major, ...sev,
        premise_ids: ks.map((k) => (members[k] as (typeof members)[number]).f.properties.id),
        covered_by_declared_area: declared.length > 0, declared_area_ids: declared, area_m2: Math.round(Math.abs(shoelace(hull))),
        ...areaStyle(declared.length > 0 ? COLOURS.info : COLOURS.major, 0.35),
      },
    };
  });
  return { type: 'FeatureCollection', features };
}

/**
 * DBSCAN labels (cluster number from 0, or -1 for noise) of weighted points, via kdbush radius
 * queries in the points' own (metric) coordinates. A point is core when the weight within eps,
 * itself included, reaches minWeight.
 * @example dbscan([{ x: 0, y: 0, w: 1 }, { x: 1, y: 0, w: 1 }, { x: 9, y: 0, w: 1 }], 1.5, 2) // Int32Array [0, 0, -1]
 */
export function dbscan(points: readonly { x: number; y: number; w: number }[], eps: number, minWeight: number): Int32Array {
  const n = points.length;
  const labels = new Int32Array(n).fill(-2); // -2 unvisited, -1 noise
  if (n === 0) return labels;
  const kd = new KDBush(n, 64, Float64Array);
  for (const p of points) kd.add(p.x, p.y);
  kd.finish();
  const near = (k: number): number[] => kd.within((points[k] as { x: number }).x, (points[k] as { y: number }).y, eps);
  const weight = (ids: readonly number[]): number => ids.reduce((s, j) => s + (points[j] as { w: number }).w, 0);
  let cluster = 0;
  for (let k = 0; k < n; k++) {
    if (labels[k] !== -2) continue;
    const seeds = near(k);
    if (weight(seeds) < minWeight) { labels[k] = -1; continue; }
    labels[k] = cluster;
    const queue = seeds.filter((j) => j !== k);
    for (let q = 0; q < queue.length; q++) {
      const j = queue[q] as number;
      if (labels[j] === -1) labels[j] = cluster; // border point
      if (labels[j] !== -2) continue;
      labels[j] = cluster;
      const around = near(j);
      if (weight(around) >= minWeight) for (const m of around) if ((labels[m] as number) < 0) queue.push(m);
    }
    cluster++;
  }
  return labels;
}

/** Convex hull (Andrew's monotone chain), counter-clockwise, no repeated first point. */
export function convexHull(points: readonly [number, number][]): [number, number][] {
  const p = [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  if (p.length < 3) return p;
  const cross = (o: [number, number], a: [number, number], b: [number, number]): number => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
  const lower: [number, number][] = [], upper: [number, number][] = [];
  for (const q of p) {
    while (lower.length >= 2 && cross(lower[lower.length - 2] as [number, number], lower[lower.length - 1] as [number, number], q) <= 0) lower.pop();
    lower.push(q);
  }
  for (let i = p.length - 1; i >= 0; i--) {
    const q = p[i] as [number, number];
    while (upper.length >= 2 && cross(upper[upper.length - 2] as [number, number], upper[upper.length - 1] as [number, number], q) <= 0) upper.pop();
    upper.push(q);
  }
  return [...lower.slice(0, -1), ...upper.slice(0, -1)];
}

function shoelace(ring: readonly [number, number][]): number {
  let s = 0;
  for (let i = 0; i < ring.length; i++) {
    const a = ring[i] as [number, number], b = ring[(i + 1) % ring.length] as [number, number];
    s += a[0] * b[1] - b[0] * a[1];
  }
  return s / 2;
}

function boxIndex(areas: readonly Feature<Polygon | MultiPolygon>[]): Flatbush {
  const index = new Flatbush(areas.length);
  for (const a of areas) {
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    const parts = a.geometry.type === 'Polygon' ? [a.geometry.coordinates] : a.geometry.coordinates;
    for (const rings of parts) for (const p of rings[0] ?? []) {
      x0 = Math.min(x0, p[0] as number); y0 = Math.min(y0, p[1] as number); x1 = Math.max(x1, p[0] as number); y1 = Math.max(y1, p[1] as number);
    }
    index.add(x0, y0, x1, y1);
  }
  index.finish();
  return index;
}

function intersecting(polygon: Polygon, areas: readonly Feature<Polygon | MultiPolygon, HazardAreaProps>[], index: Flatbush): string[] {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const p of polygon.coordinates[0] ?? []) { x0 = Math.min(x0, p[0] as number); y0 = Math.min(y0, p[1] as number); x1 = Math.max(x1, p[0] as number); y1 = Math.max(y1, p[1] as number); }
  return index.search(x0, y0, x1, y1).sort((a, b) => a - b)
    .filter((k) => booleanIntersects(polygon, (areas[k] as Feature<Polygon | MultiPolygon>).geometry))
    .map((k) => (areas[k] as Feature<Polygon | MultiPolygon, HazardAreaProps>).properties.id);
}
