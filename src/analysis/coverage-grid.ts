/**
 * Hydrant coverage as a grid of cells (square or hexagonal) over an area, and its roll-up by areas
 * (communities, grid cells of the grid management): the share of the area within the protection radius
 * of an in-service hydrant (GB 50974-2014 §7.2.5), covered only by hydrants out of service, or not at all.
 *
 * Cells are laid out in local metres, aligned to multiples of cell_m from the projection origin (so the
 * same area gives the same cells), and classified by their centre point: kdbush radius queries over the
 * counted and the other hydrants. A cell belongs to an area when its centre lies inside it (flatbush over
 * the areas' boxes, then point-in-polygon), so percentages are shares of whole cells.
 */
import Flatbush from 'flatbush';
import KDBush from 'kdbush';
import type { BBox, Feature, FeatureCollection, MultiPolygon, Point, Polygon, Position } from 'geojson';
import type { LocalProjection } from './geo.ts';
import { packPolygons, pointInFeature, toLonLatRounded } from './packed.ts';
import { DEFAULT_RULES, type Rules } from './rules.ts';
import { anchorXY, areaStyle, COLOURS, projectionFor, requireCollection, requirePositive, type SimpleStyle } from './common.ts';
import type { HydrantStatus } from './hydrant-coverage.ts';
import type { HydrantProps } from '../sources/contract/types.ts';

export type CoverageStatus = 'covered' | 'uncovered' | 'covered_only_out_of_service';
export type AreaInput = BBox | Feature<Polygon | MultiPolygon> | FeatureCollection<Polygon | MultiPolygon>;

export interface CoverageGridOptions {
  /** Distance between neighbouring cell centres, metres (default 50; the side of a square cell). */
  cell_m?: number;
  /** Cell shape (default 'square'). */
  shape?: 'square' | 'hex';
  /** Protection radius (default rules.hydrant.protection_radius_m, 150). */
  radius_m?: number;
  /** Hydrant statuses that count (default ['in_service']). */
  countStatuses?: readonly HydrantStatus[];
  rules?: Rules;
  projection?: LocalProjection;
}

export interface CoverageCellProps extends SimpleStyle {
  /** Row and column of the cell in the grid of the projection, e.g. "r-12c30". */
  cell: string;
  status: CoverageStatus;
  cell_m: number;
  radius_m: number;
}

const STATUS_COLOUR: Record<CoverageStatus, string> = { covered: COLOURS.ok, uncovered: COLOURS.major, covered_only_out_of_service: COLOURS.out_of_service };

function hydrantIndex(list: readonly Feature<Point, HydrantProps>[], proj: LocalProjection): KDBush | null {
  if (list.length === 0) return null;
  const kd = new KDBush(list.length, 64, Float64Array);
  for (const h of list) { const [x, y] = proj.toXY(h.geometry.coordinates); kd.add(x, y); }
  return kd.finish();
}

/**
 * Cells over `area` classified by hydrant coverage of their centre.
 * @example coverageGrid(communities, hydrants, { cell_m: 50, shape: 'hex' })
 */
export function coverageGrid(area: AreaInput, hydrants: FeatureCollection<Point, HydrantProps>, options: CoverageGridOptions = {}): FeatureCollection<Polygon, CoverageCellProps> {
  requireCollection('hydrants', hydrants);
  const rules = options.rules ?? DEFAULT_RULES;
  const cell = options.cell_m ?? 50;
  const radius = options.radius_m ?? rules.hydrant.protection_radius_m.value;
  const shape = options.shape ?? 'square';
  requirePositive('cell_m', cell);
  requirePositive('radius_m', radius);
  if (shape !== 'square' && shape !== 'hex') throw new Error(`shape must be 'square' or 'hex', got ${String(shape)}`);
  const statuses = options.countStatuses ?? ['in_service'];
  const polys: Feature<Polygon | MultiPolygon>[] = Array.isArray(area) ? [] : area.type === 'FeatureCollection' ? area.features : [area as Feature<Polygon | MultiPolygon>];
  const box: BBox = Array.isArray(area) ? area : bboxOf(polys);
  const proj = options.projection ?? projectionFor([{ geometry: { type: 'MultiPoint', coordinates: [[box[0], box[1]], [box[2], box[3]]] } }]);
  const valid = hydrants.features.filter((h) => h.geometry?.type === 'Point');
  const counted = hydrantIndex(valid.filter((h) => statuses.includes(h.properties.status)), proj);
  const others = hydrantIndex(valid.filter((h) => !statuses.includes(h.properties.status)), proj);
  const packed = polys.length > 0 ? packPolygons(polys.map((f) => f.geometry), proj) : null;
  const index = packed ? boxIndex(packed.bbox, packed.count) : null;

  const [x0, y0] = proj.toXY([box[0], box[1]]), [x1, y1] = proj.toXY([box[2], box[3]]);
  const features: Feature<Polygon, CoverageCellProps>[] = [];
  const buf = new Uint32Array(16); // only whether any is in reach matters; kdbush still counts past the end
  const any = (kd: KDBush | null, x: number, y: number): boolean => kd !== null && kd.withinInto(x, y, radius, buf) > 0;
  layoutCells([x0, y0, x1, y1], cell, shape, (cx, cy, row, col) => {
    if (packed && index && !index.search(cx, cy, cx, cy, (f) => pointInFeature(packed, f, cx, cy)).length) return;
    const status: CoverageStatus = any(counted, cx, cy) ? 'covered' : any(others, cx, cy) ? 'covered_only_out_of_service' : 'uncovered';
    features.push({
      type: 'Feature', geometry: { type: 'Polygon', coordinates: [cellRing(proj, shape, cx, cy, cell)] },
      properties: { cell: `r${row}c${col}`, status, cell_m: cell, radius_m: radius, stroke: STATUS_COLOUR[status], 'stroke-width': 1, fill: STATUS_COLOUR[status], 'fill-opacity': 0.45 },
    });
  });
  return { type: 'FeatureCollection', features };
}

/**
 * Calls visit(cx, cy, row, col) for every cell whose centre is needed to cover the box (local metres),
 * row by row. Squares have side `cell`; pointy-top hexagons have centres `cell` apart (odd rows shifted
 * by half a cell). Cells are aligned to multiples of the spacing from the projection origin.
 */
export function layoutCells(box: readonly [number, number, number, number], cell: number, shape: 'square' | 'hex', visit: (cx: number, cy: number, row: number, col: number) => void): void {
  const [x0, y0, x1, y1] = box;
  const dy = shape === 'square' ? cell : (1.5 * cell) / Math.sqrt(3);
  for (let row = Math.floor(y0 / dy); row * dy <= y1 + dy / 2; row++) {
    const offset = shape === 'hex' && row % 2 !== 0 ? cell / 2 : 0;
    for (let col = Math.floor((x0 - offset) / cell); col * cell + offset <= x1 + cell / 2; col++) {
      visit(col * cell + offset + (shape === 'square' ? cell / 2 : 0), row * dy + (shape === 'square' ? cell / 2 : 0), row, col);
    }
  }
}

/** The closed ring of the cell centred at (cx, cy), in WGS-84. */
export function cellRing(proj: LocalProjection, shape: 'square' | 'hex', cx: number, cy: number, cell: number): Position[] {
  const R = cell / Math.sqrt(3); // hexagon circumradius for a centre spacing of `cell`
  const pts: [number, number][] = shape === 'square'
    ? [[cx - cell / 2, cy - cell / 2], [cx + cell / 2, cy - cell / 2], [cx + cell / 2, cy + cell / 2], [cx - cell / 2, cy + cell / 2]]
    : [0, 1, 2, 3, 4, 5].map((k) => [cx + R * Math.cos(((60 * k - 90) * Math.PI) / 180), cy + R * Math.sin(((60 * k - 90) * Math.PI) / 180)]);
  const ring: Position[] = pts.map(([x, y]) => toLonLatRounded(proj, x, y));
  ring.push(ring[0] as Position);
  return ring;
}

function bboxOf(polys: readonly Feature<Polygon | MultiPolygon>[]): BBox {
  if (polys.length === 0) throw new Error('area must be a [west, south, east, north] box or (a collection of) polygons');
  const b: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const f of polys) {
    const parts = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
    for (const rings of parts) for (const p of rings[0] ?? []) {
      b[0] = Math.min(b[0], p[0] as number); b[1] = Math.min(b[1], p[1] as number); b[2] = Math.max(b[2], p[0] as number); b[3] = Math.max(b[3], p[1] as number);
    }
  }
  return b;
}

function boxIndex(bbox: Float64Array, count: number): Flatbush {
  const index = new Flatbush(Math.max(count, 1));
  for (let f = 0; f < count; f++) {
    if (Number.isFinite(bbox[4 * f])) index.add(bbox[4 * f] as number, bbox[4 * f + 1] as number, bbox[4 * f + 2] as number, bbox[4 * f + 3] as number);
    else index.add(0, 0, 0, 0);
  }
  if (count === 0) index.add(0, 0, 0, 0);
  index.finish();
  return index;
}

export interface AreaCoverageProps extends SimpleStyle {
  /** The area's id (its `idProperty`, else id, grid_id or name). */
  id: string;
  cells: number;
  covered: number;
  uncovered: number;
  covered_only_out_of_service: number;
  /** Shares of the area's cells, in percent rounded to 0.1. */
  covered_pct: number;
  uncovered_pct: number;
  covered_only_out_of_service_pct: number;
}

/**
 * Coverage percentages of each area from coverageGrid cells (by cell centre); areas keep their geometry,
 * shaded from green (all covered) to vermillion (under 50 % covered).
 * @example coverageByArea(coverageGrid(bbox, hydrants), grids, { idProperty: 'grid_id' })
 */
export function coverageByArea<P extends object | null>(
  cells: FeatureCollection<Polygon, CoverageCellProps>,
  areas: FeatureCollection<Polygon | MultiPolygon, P>,
  options: { idProperty?: string; projection?: LocalProjection } = {},
): FeatureCollection<Polygon | MultiPolygon, AreaCoverageProps> {
  requireCollection('cells', cells);
  requireCollection('areas', areas);
  const proj = options.projection ?? projectionFor(areas.features);
  const packed = packPolygons(areas.features.map((f) => f.geometry), proj);
  const index = boxIndex(packed.bbox, packed.count);
  const counts = areas.features.map(() => ({ covered: 0, uncovered: 0, covered_only_out_of_service: 0 }));
  for (const c of cells.features) {
    const at = anchorXY(c.geometry, proj);
    if (!at) continue;
    const hit = index.search(at[0], at[1], at[0], at[1], (f) => pointInFeature(packed, f, at[0], at[1]));
    const k = hit.length ? Math.min(...hit) : -1;
    if (k >= 0) (counts[k] as Record<CoverageStatus, number>)[c.properties.status]++;
  }
  const pct = (x: number, n: number): number => (n > 0 ? Math.round((1000 * x) / n) / 10 : 0);
  const features = areas.features.map((f, k): Feature<Polygon | MultiPolygon, AreaCoverageProps> => {
    const c = counts[k] as Record<CoverageStatus, number>;
    const n = c.covered + c.uncovered + c.covered_only_out_of_service;
    const share = n > 0 ? c.covered / n : 0;
    const colour = share >= 0.95 ? COLOURS.ok : share >= 0.8 ? COLOURS.deficient : COLOURS.major;
    const p = (f.properties ?? {}) as Record<string, unknown>;
    const id = String(p[options.idProperty ?? ''] ?? p.id ?? p.grid_id ?? p.name ?? k);
    return {
      type: 'Feature', geometry: f.geometry,
      properties: {
        id, cells: n, ...c, covered_pct: pct(c.covered, n), uncovered_pct: pct(c.uncovered, n),
        covered_only_out_of_service_pct: pct(c.covered_only_out_of_service, n), ...areaStyle(colour, 0.35),
      },
    };
  });
  return { type: 'FeatureCollection', features };
}
