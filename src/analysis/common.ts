/**
 * Small helpers shared by the analyses: one projection for several collections, the anchor point of a
 * premise, open hazards, and the simplestyle colours that let a person check any output in a GeoJSON
 * viewer (geojson.io, QGIS, VS Code previews read `stroke`, `fill` and `marker-color`).
 */
import type { Geometry, MultiPolygon, Point, Polygon, Position } from 'geojson';
import { localProjection, type LocalProjection } from './geo.ts';
import type { Hazard, HazardStatus, PremiseProps } from '../sources/contract/types.ts';

/** simplestyle-spec properties added to outputs. */
export interface SimpleStyle {
  stroke?: string;
  'stroke-width'?: number;
  fill?: string;
  'fill-opacity'?: number;
  'marker-color'?: string;
}

/** Okabe–Ito colours, distinguishable with the common colour-vision deficiencies. */
export const COLOURS = {
  major: '#D55E00', // vermillion: below the major-hazard fraction, uncovered, unreachable
  deficient: '#E69F00', // orange: below the requirement
  ok: '#009E73', // bluish green: covered, within the rule
  out_of_service: '#CC79A7', // reddish purple: only out-of-service hydrants
  info: '#0072B2', // blue: neutral result geometry (clusters, cells)
  muted: '#999999',
} as const;

/**
 * Area style for a finding, to spread into the properties of SMALL outputs only: in loops over 100k
 * features write the keys into the one object literal instead (spreading is many times slower).
 */
export function areaStyle(colour: string, opacity = 0.4): SimpleStyle {
  return { stroke: colour, 'stroke-width': 1, fill: colour, 'fill-opacity': opacity };
}

type AnyGeometryFeature = { readonly geometry: Geometry | null };

/**
 * A local projection centred on the bounding box of everything given (see geo.ts for its accuracy).
 * @example const proj = projectionFor(buildings.features, hydrants.features)
 */
export function projectionFor(...lists: readonly (readonly AnyGeometryFeature[])[]): LocalProjection {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  const visit = (p: Position): void => {
    const x = p[0] as number, y = p[1] as number;
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
  };
  const walk = (g: Geometry | null): void => {
    if (!g) return;
    switch (g.type) {
      case 'Point': visit(g.coordinates); break;
      case 'MultiPoint': case 'LineString': g.coordinates.forEach(visit); break;
      case 'MultiLineString': case 'Polygon': for (const l of g.coordinates) l.forEach(visit); break;
      case 'MultiPolygon': for (const p of g.coordinates) for (const l of p) l.forEach(visit); break;
      case 'GeometryCollection': g.geometries.forEach(walk); break;
    }
  };
  for (const list of lists) for (const f of list) walk(f.geometry);
  return Number.isFinite(x0) ? localProjection((x0 + x1) / 2, (y0 + y1) / 2) : localProjection(0, 0);
}

/**
 * Where a point-like analysis places a feature, in local metres: the point itself, or the area centroid
 * of a polygon's first outer ring (falling back to its first vertex for a degenerate ring).
 */
export function anchorXY(g: Point | Polygon | MultiPolygon | null, proj: LocalProjection): [number, number] | null {
  if (!g) return null;
  if (g.type === 'Point') return proj.toXY(g.coordinates);
  const ring = g.type === 'Polygon' ? g.coordinates[0] : g.coordinates[0]?.[0];
  if (!ring || ring.length === 0) return null;
  let a2 = 0, cx = 0, cy = 0;
  const o = proj.toXY(ring[0] as Position);
  for (let i = 0; i + 1 < ring.length; i++) {
    const [px, py] = proj.toXY(ring[i] as Position), [qx, qy] = proj.toXY(ring[i + 1] as Position);
    const c = (px - o[0]) * (qy - o[1]) - (qx - o[0]) * (py - o[1]);
    a2 += c; cx += (px + qx - 2 * o[0]) * c; cy += (py + qy - 2 * o[1]) * c;
  }
  return Math.abs(a2) < 1e-9 ? o : [o[0] + cx / (3 * a2), o[1] + cy / (3 * a2)];
}

/** Hazard statuses that count as open for the analyses (default: open and rectifying). */
export const OPEN_STATUSES: readonly HazardStatus[] = ['open', 'rectifying'];

/** The hazards of a premise whose status is in `statuses`. */
export function openHazards(p: PremiseProps, statuses: readonly HazardStatus[] = OPEN_STATUSES): Hazard[] {
  return (p.hazards ?? []).filter((h) => statuses.includes(h.status));
}

/** A guard with a plain message for the top of each analysis. */
export function requireCollection(name: string, fc: { type?: string; features?: unknown } | null | undefined): void {
  if (!fc || fc.type !== 'FeatureCollection' || !Array.isArray(fc.features)) throw new Error(`${name} must be a GeoJSON FeatureCollection`);
}

/** A guard for a positive finite number option. */
export function requirePositive(name: string, x: number): void {
  if (!(Number.isFinite(x) && x > 0)) throw new Error(`${name} must be a positive number, got ${String(x)}`);
}
