/**
 * One point per result feature: where a marker, a count label, a fly-to or a CSV row places it.
 * Lon/lat arithmetic on purpose: results cover a sub-district (a few km), where a centroid in degrees
 * lies within centimetres of one in metres, and the point only has to be on or next to the feature.
 */
import type { Geometry, Position } from 'geojson';

/** A point [lon, lat]. */
export type LonLat = readonly [number, number];

const finite = (p: Position | undefined): p is Position => p !== undefined && Number.isFinite(p[0]) && Number.isFinite(p[1]);

/** Area-weighted centroid of a ring and its signed doubled area; the vertex mean for a degenerate ring. */
function ringCentroid(ring: readonly Position[]): { at: LonLat; area2: number } | null {
  const pts = ring.filter(finite);
  if (pts.length === 0) return null;
  const o = pts[0] as Position;
  const ox = o[0] as number, oy = o[1] as number;
  let a2 = 0, cx = 0, cy = 0;
  for (let i = 0; i + 1 < pts.length; i++) {
    const px = (pts[i]?.[0] as number) - ox, py = (pts[i]?.[1] as number) - oy;
    const qx = (pts[i + 1]?.[0] as number) - ox, qy = (pts[i + 1]?.[1] as number) - oy;
    const c = px * qy - qx * py;
    a2 += c; cx += (px + qx) * c; cy += (py + qy) * c;
  }
  if (Math.abs(a2) < 1e-18) return { at: mean(pts), area2: 0 };
  return { at: [ox + cx / (3 * a2), oy + cy / (3 * a2)], area2: a2 };
}

function mean(pts: readonly Position[]): LonLat {
  let x = 0, y = 0;
  for (const p of pts) { x += p[0] as number; y += p[1] as number; }
  return [x / pts.length, y / pts.length];
}

function lineLength(line: readonly Position[]): number {
  const pts = line.filter(finite);
  let total = 0;
  for (let i = 0; i + 1 < pts.length; i++) total += Math.hypot((pts[i + 1]?.[0] as number) - (pts[i]?.[0] as number), (pts[i + 1]?.[1] as number) - (pts[i]?.[1] as number));
  return total;
}

/** The point halfway along a line, by length. */
function lineMidpoint(line: readonly Position[]): LonLat | null {
  const pts = line.filter(finite);
  if (pts.length === 0) return null;
  const seg = (i: number) => Math.hypot((pts[i + 1]?.[0] as number) - (pts[i]?.[0] as number), (pts[i + 1]?.[1] as number) - (pts[i]?.[1] as number));
  let total = 0;
  for (let i = 0; i + 1 < pts.length; i++) total += seg(i);
  let left = total / 2;
  for (let i = 0; i + 1 < pts.length; i++) {
    const s = seg(i);
    if (s > 0 && left <= s) {
      const k = left / s, a = pts[i] as Position, b = pts[i + 1] as Position;
      return [(a[0] as number) + k * ((b[0] as number) - (a[0] as number)), (a[1] as number) + k * ((b[1] as number) - (a[1] as number))];
    }
    left -= s;
  }
  const first = pts[0] as Position;
  return [first[0] as number, first[1] as number];
}

/** The largest polygon's outer-ring centroid. */
function polygonsCentroid(polygons: readonly (readonly (readonly Position[])[])[]): LonLat | null {
  let best: { at: LonLat; area2: number } | null = null;
  for (const rings of polygons) {
    const c = rings[0] ? ringCentroid(rings[0]) : null;
    if (c && (!best || Math.abs(c.area2) > Math.abs(best.area2))) best = c;
  }
  return best?.at ?? null;
}

/**
 * A representative point of a geometry: a point itself; the mean of a multipoint; the middle of a
 * line (of the longest part of a multiline); the area centroid of a polygon's outer ring (of the
 * largest part); the first answer of a geometry collection; null for no or empty geometry.
 * @example representativePoint({ type: 'LineString', coordinates: [[0, 0], [2, 0]] }) // [1, 0]
 */
export function representativePoint(geometry: Geometry | null | undefined): LonLat | null {
  if (!geometry) return null;
  switch (geometry.type) {
    case 'Point': return finite(geometry.coordinates) ? [geometry.coordinates[0] as number, geometry.coordinates[1] as number] : null;
    case 'MultiPoint': {
      const pts = geometry.coordinates.filter(finite);
      return pts.length ? mean(pts) : null;
    }
    case 'LineString': return lineMidpoint(geometry.coordinates);
    case 'MultiLineString': {
      let longest: readonly Position[] | undefined, most = -1;
      for (const part of geometry.coordinates) {
        const length = lineLength(part);
        if (length > most) { most = length; longest = part; }
      }
      return longest ? lineMidpoint(longest) : null;
    }
    case 'Polygon': return polygonsCentroid([geometry.coordinates]);
    case 'MultiPolygon': return polygonsCentroid(geometry.coordinates);
    case 'GeometryCollection':
      for (const g of geometry.geometries) {
        const p = representativePoint(g);
        if (p) return p;
      }
      return null;
  }
}
