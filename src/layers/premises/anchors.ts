/**
 * Where a premise's symbol stands, and the collections derived from the data once (not per restyle).
 *
 * A polygon's anchor is its area centroid when that lies inside, otherwise the middle of the widest
 * stretch of the polygon along the horizontal line through the centroid (the "interior point" of
 * JTS/GEOS). Turf's pointOnFeature falls back to a vertex, i.e. onto the outline, and an L-shaped
 * or courtyard building would get its symbol on a corner. Lon/lat are treated as planar: footprints
 * are a few hundred metres at most, far below where that bends.
 *
 * Caches are WeakMaps keyed by feature or collection: a restyle reuses them, and a refetch that
 * keeps unchanged features (TanStack Query's structural sharing) recomputes only the changed ones.
 */
import type { Position } from 'geojson';
import type { CollectionOf, FeatureOf } from '../../sources/contract/index.ts';

type PremiseFeature = FeatureOf<'premises'>;
type Ring = readonly Position[];

/** Signed area and area centroid of a ring (shoelace). */
function ringMoments(ring: Ring): { area: number; cx: number; cy: number } {
  let a = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi = 0, yi = 0] = ring[i] ?? [];
    const [xj = 0, yj = 0] = ring[j] ?? [];
    const cross = xj * yi - xi * yj;
    a += cross;
    cx += (xj + xi) * cross;
    cy += (yj + yi) * cross;
  }
  return { area: a / 2, cx, cy };
}

/** Area of a polygon (outer ring minus holes), unsigned. */
function polygonArea(rings: readonly Ring[]): number {
  return rings.reduce((sum, ring, i) => sum + (i === 0 ? 1 : -1) * Math.abs(ringMoments(ring).area), 0);
}

/** Where the horizontal line `y` crosses the polygon's edges, sorted (pairs bound the inside). */
function crossings(rings: readonly Ring[], y: number): number[] {
  const xs: number[] = [];
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi = 0, yi = 0] = ring[i] ?? [];
      const [xj = 0, yj = 0] = ring[j] ?? [];
      // Half-open on y, so a line through a vertex counts that vertex once.
      if (yi > y !== yj > y) xs.push(xi + ((y - yi) * (xj - xi)) / (yj - yi));
    }
  }
  return xs.sort((a, b) => a - b);
}

/** A point inside a polygon: the centroid if inside, else the middle of the widest inside stretch. */
export function interiorPoint(rings: readonly Ring[]): [number, number] {
  const outer = rings[0] ?? [];
  const m = ringMoments(outer);
  const first = outer[0] ?? [0, 0];
  if (m.area === 0) return [first[0] ?? 0, first[1] ?? 0];
  const cx = m.cx / (6 * m.area);
  const cy = m.cy / (6 * m.area);
  const xs = crossings(rings, cy);
  let best: [number, number] | null = null;
  let widest = -1;
  for (let k = 0; k + 1 < xs.length; k += 2) {
    const x0 = xs[k] as number;
    const x1 = xs[k + 1] as number;
    if (cx >= x0 && cx <= x1) return [cx, cy];
    if (x1 - x0 > widest) {
      widest = x1 - x0;
      best = [(x0 + x1) / 2, cy];
    }
  }
  return best ?? [cx, cy];
}

const anchorCache = new WeakMap<PremiseFeature, [number, number]>();

/**
 * The symbol position of a premise: the point itself, or the interior point of a footprint (of its
 * largest part, for a MultiPolygon). Cached per feature object.
 */
export function premiseAnchor(feature: PremiseFeature): [number, number] {
  let anchor = anchorCache.get(feature);
  if (!anchor) {
    const g = feature.geometry;
    if (g.type === 'Point') {
      anchor = [g.coordinates[0] ?? 0, g.coordinates[1] ?? 0];
    } else {
      const parts = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
      let largest = parts[0] ?? [];
      let largestArea = -1;
      for (const part of parts) {
        const area = polygonArea(part);
        if (area > largestArea) [largest, largestArea] = [part, area];
      }
      anchor = interiorPoint(largest);
    }
    anchorCache.set(feature, anchor);
  }
  return anchor;
}

const footprintCache = new WeakMap<CollectionOf<'premises'>, CollectionOf<'premises'>>();

/** The premises that have a footprint (Polygon or MultiPolygon): the collection itself when all do. */
export function premiseFootprints(data: CollectionOf<'premises'>): CollectionOf<'premises'> {
  let out = footprintCache.get(data);
  if (!out) {
    const areas = data.features.filter((f) => f.geometry.type !== 'Point');
    out = areas.length === data.features.length ? data : { type: 'FeatureCollection', features: areas };
    footprintCache.set(data, out);
  }
  return out;
}

const indexCache = new WeakMap<readonly PremiseFeature[], ReadonlyMap<string, number>>();

/** Position of each premise id in a feature array (the first, should an export repeat an id). */
export function indexById(features: readonly PremiseFeature[]): ReadonlyMap<string, number> {
  let index = indexCache.get(features);
  if (!index) {
    const built = new Map<string, number>();
    features.forEach((f, i) => {
      if (!built.has(f.properties.id)) built.set(f.properties.id, i);
    });
    index = built;
    indexCache.set(features, index);
  }
  return index;
}
