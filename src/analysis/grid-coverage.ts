/**
 * Grid management (网格化管理) checks: premises outside every grid cell, cells that overlap, cells with
 * no grid worker, the supervision load per worker, and IoT connection of key units by community against
 * the campaign targets (rules.iot.key_unit_connection_targets: 30 / 50 / 70 % by the end of
 * 2024 / 2025 / 2026, 001 seed task 17). Fire-station response over the street network is in
 * station-response.ts.
 *
 * Premises are placed at their anchor (the point, or a polygon's centroid) and tied to the cell that
 * contains it (flatbush over cell boxes, then point-in-polygon); the cell a premises declares
 * (grid_id) is compared, not trusted.
 */
import Flatbush from 'flatbush';
import { area as turfArea, intersect as turfIntersect } from '@turf/turf';
import type { Feature, FeatureCollection, MultiPoint, MultiPolygon, Point, Polygon, Position } from 'geojson';
import type { LocalProjection } from './geo.ts';
import { packPolygons, pointInFeature, toLonLatRounded, type PackedPolygons } from './packed.ts';
import { DEFAULT_RULES, type Rules } from './rules.ts';
import { anchorXY, areaStyle, COLOURS, OPEN_STATUSES, openHazards, projectionFor, requireCollection, type SimpleStyle } from './common.ts';
import type { GridProps, PremiseProps } from '../sources/contract/types.ts';

type Premises = FeatureCollection<Point | Polygon | MultiPolygon, PremiseProps>;
type Grids = FeatureCollection<Polygon | MultiPolygon, GridProps>;

/** Cells packed with a box index, and each premises' containing cell (-1 outside all). */
export function assignToCells(premises: Premises, grids: Grids, proj: LocalProjection): { cellOf: Int32Array; packed: PackedPolygons; index: Flatbush } {
  const packed = packPolygons(grids.features.map((g) => g.geometry), proj);
  const index = new Flatbush(Math.max(grids.features.length, 1));
  for (let c = 0; c < grids.features.length; c++) {
    const b = packed.bbox;
    if (Number.isFinite(b[4 * c])) index.add(b[4 * c] as number, b[4 * c + 1] as number, b[4 * c + 2] as number, b[4 * c + 3] as number);
    else index.add(0, 0, 0, 0);
  }
  if (grids.features.length === 0) index.add(0, 0, 0, 0);
  index.finish();
  const cellOf = Int32Array.from(premises.features, (f) => {
    const at = anchorXY(f.geometry, proj);
    if (!at) return -1;
    const hit = index.search(at[0], at[1], at[0], at[1], (c) => c < grids.features.length && pointInFeature(packed, c, at[0], at[1]));
    return hit.length ? Math.min(...hit) : -1;
  });
  return { cellOf, packed, index };
}

export interface OutsideGridProps extends SimpleStyle {
  id: string;
  name: string;
  community: string | null;
  /** The grid_id the premises declares, if any (it names a cell that does not contain it). */
  declared_grid_id: string | null;
}

/**
 * Premises whose anchor lies in no grid cell, as points (vermillion).
 * @example premisesOutsideGrids(premises, grids).features.map((f) => f.properties.id)
 */
export function premisesOutsideGrids(premises: Premises, grids: Grids, options: { projection?: LocalProjection } = {}): FeatureCollection<Point, OutsideGridProps> {
  requireCollection('premises', premises);
  requireCollection('grids', grids);
  const proj = options.projection ?? projectionFor(premises.features, grids.features);
  const { cellOf } = assignToCells(premises, grids, proj);
  const features: Feature<Point, OutsideGridProps>[] = [];
  premises.features.forEach((f, k) => {
    const at = anchorXY(f.geometry, proj);
    if (!at || (cellOf[k] as number) >= 0) return;
    const p = f.properties;
    features.push({
      type: 'Feature', geometry: { type: 'Point', coordinates: toLonLatRounded(proj, at[0], at[1]) },
      properties: { id: p.id, name: p.name, community: p.community ?? null, declared_grid_id: p.grid_id ?? null, 'marker-color': COLOURS.major },
    });
  });
  return { type: 'FeatureCollection', features };
}

export interface OverlapProps extends SimpleStyle {
  /** Grid ids of the two cells, a < b. */
  a: string;
  b: string;
  /** Geodesic area of the overlap in m² (0.1). */
  area_m2: number;
}

/**
 * Pairs of grid cells that overlap by more than tolerance_m2 (default 1 m², to ignore shared edges
 * drawn with slightly different vertices); the overlap polygons, vermillion. Candidates from a flatbush
 * box index, the overlap from turf.intersect, its area from turf.area.
 * @example overlappingGridCells(grids).features.map((f) => `${f.properties.a}/${f.properties.b}: ${f.properties.area_m2} m²`)
 */
export function overlappingGridCells(grids: Grids, options: { tolerance_m2?: number } = {}): FeatureCollection<Polygon | MultiPolygon, OverlapProps> {
  requireCollection('grids', grids);
  const tolerance = options.tolerance_m2 ?? 1;
  const list = grids.features;
  const index = new Flatbush(Math.max(list.length, 1));
  const boxes = list.map((g) => boxOf(g.geometry));
  for (const b of boxes) index.add(b[0], b[1], b[2], b[3]);
  if (list.length === 0) index.add(0, 0, 0, 0);
  index.finish();
  const features: Feature<Polygon | MultiPolygon, OverlapProps>[] = [];
  list.forEach((g, i) => {
    const b = boxes[i] as [number, number, number, number];
    for (const j of index.search(b[0], b[1], b[2], b[3]).sort((x, y) => x - y)) {
      if (j <= i || j >= list.length) continue;
      const h = list[j] as Feature<Polygon | MultiPolygon, GridProps>;
      const cut = turfIntersect<GridProps>({ type: 'FeatureCollection', features: [g, h] });
      if (!cut) continue;
      const m2 = turfArea(cut);
      if (m2 <= tolerance) continue;
      const [a, c] = g.properties.grid_id < h.properties.grid_id ? [g, h] : [h, g];
      features.push({ type: 'Feature', geometry: cut.geometry, properties: { a: a.properties.grid_id, b: c.properties.grid_id, area_m2: Math.round(m2 * 10) / 10, ...areaStyle(COLOURS.major, 0.6) } });
    }
  });
  return { type: 'FeatureCollection', features };
}

function boxOf(g: Polygon | MultiPolygon): [number, number, number, number] {
  const b: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  const parts = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  for (const rings of parts) for (const p of rings[0] ?? []) {
    b[0] = Math.min(b[0], p[0] as number); b[1] = Math.min(b[1], p[1] as number); b[2] = Math.max(b[2], p[0] as number); b[3] = Math.max(b[3], p[1] as number);
  }
  return b;
}

/** Names in a worker field: split on 、，,;；/ and spaces. */
export function workersOf(g: GridProps): string[] {
  return (g.worker ?? '').split(/[、，,;；/\s]+/).map((w) => w.trim()).filter(Boolean);
}

export interface WorkloadProps extends SimpleStyle {
  grid_id: string;
  community: string;
  workers: number;
  premises: number;
  key_units: number;
  /** Open hazards (open or rectifying) in the cell's premises. */
  open_hazards: number;
  /** premises / workers (0.1), or null when the cell has no worker. */
  premises_per_worker: number | null;
  /** Premises inside the cell that declare another grid_id (or none). */
  declared_elsewhere: number;
}

/**
 * Supervision load per cell (000 seed 四(二): workers sized to the load): premises, key units and open
 * hazards per cell and per worker. Cells keep their geometry: vermillion with no worker, orange above
 * 1.5 × the median load, green otherwise. A cell with no worker is the unstaffed check.
 * @example gridWorkload(grids, premises).features.filter((f) => f.properties.workers === 0)
 */
export function gridWorkload(grids: Grids, premises: Premises, options: { projection?: LocalProjection } = {}): FeatureCollection<Polygon | MultiPolygon, WorkloadProps> {
  requireCollection('grids', grids);
  requireCollection('premises', premises);
  const proj = options.projection ?? projectionFor(premises.features, grids.features);
  const { cellOf } = assignToCells(premises, grids, proj);
  const stats = grids.features.map(() => ({ premises: 0, key_units: 0, open_hazards: 0, declared_elsewhere: 0 }));
  premises.features.forEach((f, k) => {
    const c = cellOf[k] as number;
    const s = stats[c];
    if (!s) return;
    s.premises++;
    if (f.properties.key_unit) s.key_units++;
    s.open_hazards += openHazards(f.properties, OPEN_STATUSES).length;
    if (f.properties.grid_id !== grids.features[c]?.properties.grid_id) s.declared_elsewhere++;
  });
  const loads = grids.features.map((g, c) => { const w = workersOf(g.properties).length; return w > 0 ? (stats[c]?.premises ?? 0) / w : null; });
  const sorted = loads.filter((x): x is number => x !== null).sort((a, b) => a - b);
  const median = sorted.length ? (sorted[(sorted.length - 1) >> 1] as number) : 0;
  const features = grids.features.map((g, c): Feature<Polygon | MultiPolygon, WorkloadProps> => {
    const load = loads[c] ?? null;
    const colour = load === null ? COLOURS.major : load > 1.5 * median ? COLOURS.deficient : COLOURS.ok;
    return {
      type: 'Feature', geometry: g.geometry,
      properties: {
        grid_id: g.properties.grid_id, community: g.properties.community, workers: workersOf(g.properties).length, ...(stats[c] as NonNullable<(typeof stats)[number]>),
        premises_per_worker: load === null ? null : Math.round(load * 10) / 10, ...areaStyle(colour, 0.35),
      },
    };
  });
  return { type: 'FeatureCollection', features };
}

/** Cells without a grid worker (the two unstaffed cells of the demo), geometry kept, vermillion. * @example unstaffedGridCells(grids).features.map((f) => f.properties.grid_id) // ['W2-01', 'W5-06'] in the demo
 */
export function unstaffedGridCells(grids: Grids): FeatureCollection<Polygon | MultiPolygon, GridProps & SimpleStyle> {
  requireCollection('grids', grids);
  return {
    type: 'FeatureCollection',
    features: grids.features.filter((g) => workersOf(g.properties).length === 0).map((g) => ({ ...g, properties: { ...g.properties, ...areaStyle(COLOURS.major, 0.5) } })),
  };
}

export interface IotCommunityProps extends SimpleStyle {
  community: string;
  key_units: number;
  connected: number;
  /** connected / key_units (0.001), 0 when there are none. */
  rate: number;
  /** The target in force for `year` (the latest target year ≤ year), or null before the first. */
  target: number | null;
  target_year: number | null;
  meets_target: boolean;
  /** Key units still to connect to meet the target (0 when met). */
  shortfall: number;
  unconnected_ids: string[];
  clause: string;
}

/**
 * IoT connection of key units by community against the campaign target for `year` (default the last
 * year of the rules table). One feature per community (sorted by name, code-point order); geometry:
 * the unconnected key units as a MultiPoint (empty when all are connected), vermillion when the target
 * is missed. Before the first target year there is no target (null) and meets_target is true.
 * @example iotConnectionByCommunity(premises, { year: 2025 })
 */
export function iotConnectionByCommunity(premises: Premises, options: { year?: number; rules?: Rules; projection?: LocalProjection } = {}): FeatureCollection<MultiPoint, IotCommunityProps> {
  requireCollection('premises', premises);
  const rules = options.rules ?? DEFAULT_RULES;
  const targets = [...rules.iot.key_unit_connection_targets.value].sort((a, b) => a.year - b.year);
  const year = options.year ?? targets[targets.length - 1]?.year ?? 0;
  const inForce = targets.filter((t) => t.year <= year).pop() ?? null;
  const proj = options.projection ?? projectionFor(premises.features);
  const groups = new Map<string, { total: number; connected: number; points: Position[]; ids: string[] }>();
  for (const f of premises.features) {
    if (!f.properties.key_unit) continue;
    const name = f.properties.community ?? '';
    const g = groups.get(name) ?? { total: 0, connected: 0, points: [], ids: [] };
    g.total++;
    if (f.properties.iot_connected) g.connected++;
    else {
      g.ids.push(f.properties.id);
      const at = anchorXY(f.geometry, proj);
      if (at) g.points.push(toLonLatRounded(proj, at[0], at[1]));
    }
    groups.set(name, g);
  }
  const features = [...groups.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([community, g]): Feature<MultiPoint, IotCommunityProps> => {
    const rate = g.total ? g.connected / g.total : 0;
    const need = inForce ? Math.max(0, Math.ceil(inForce.rate * g.total - 1e-9) - g.connected) : 0;
    const meets = need === 0;
    return {
      type: 'Feature', geometry: { type: 'MultiPoint', coordinates: g.points },
      properties: {
        community, key_units: g.total, connected: g.connected, rate: Math.round(rate * 1000) / 1000, target: inForce?.rate ?? null, target_year: inForce?.year ?? null,
        meets_target: meets, shortfall: need, unconnected_ids: g.ids, clause: rules.iot.key_unit_connection_targets.clause, 'marker-color': meets ? COLOURS.ok : COLOURS.major,
      },
    };
  });
  return { type: 'FeatureCollection', features };
}
