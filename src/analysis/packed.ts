/**
 * Polygons packed into typed arrays in local metres, projected once, for the hot loops of the analyses
 * (100k footprints): no per-vertex arrays, no allocation per pair.
 *
 * Layout: the vertices of every ring, open (a closing vertex equal to the first is dropped), in `xy`
 * (x at 2k, y at 2k + 1); ring r spans vertices ringStart[r] .. ringStart[r + 1]; feature f spans rings
 * featureRing[f] .. featureRing[f + 1] (all rings of all parts of a MultiPolygon, outer rings and holes
 * alike). Point-in-feature is even–odd over all the feature's rings, which is right for a Polygon with
 * holes and for a MultiPolygon whose parts do not overlap (valid GeoJSON).
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';
import type { LocalProjection } from './geo.ts';

export interface PackedPolygons {
  readonly count: number;
  readonly xy: Float64Array;
  readonly ringStart: Uint32Array;
  readonly featureRing: Uint32Array;
  /** minX, minY, maxX, maxY of feature f at 4f .. 4f + 3 (Infinity / -Infinity for an empty feature). */
  readonly bbox: Float64Array;
  /** The area centroid of the feature's first outer ring (x, y at 2f, 2f + 1); NaN when that point is not inside. */
  readonly inner: Float64Array;
}

type Rings = readonly (readonly Position[])[];

const NONE: Rings[] = [];
const one: Rings[] = [[]];

/** The polygons of a geometry as lists of rings (reuses one array for a Polygon: read it before the next call). */
function ringsOf(g: Polygon | MultiPolygon | null | undefined): Rings[] {
  if (!g) return NONE;
  if (g.type === 'MultiPolygon') return g.coordinates;
  one[0] = g.coordinates;
  return one;
}

function openLength(ring: readonly Position[]): number {
  const n = ring.length;
  if (n > 1) {
    const a = ring[0] as Position, b = ring[n - 1] as Position;
    if (a[0] === b[0] && a[1] === b[1]) return n - 1;
  }
  return n;
}

/**
 * Projects and packs the geometries (a null geometry packs as an empty feature).
 * @example const packed = packPolygons(buildings.features.map((f) => f.geometry), proj)
 */
export function packPolygons(geoms: readonly (Polygon | MultiPolygon | null | undefined)[], proj: LocalProjection): PackedPolygons {
  let nv = 0, nr = 0;
  for (const g of geoms) for (const poly of ringsOf(g)) for (const ring of poly) { nv += openLength(ring); nr++; }
  const xy = new Float64Array(2 * nv);
  const ringStart = new Uint32Array(nr + 1);
  const featureRing = new Uint32Array(geoms.length + 1);
  const bbox = new Float64Array(4 * geoms.length);
  const inner = new Float64Array(2 * geoms.length).fill(NaN);
  const { lon0, lat0, kx, ky } = proj;
  let v = 0, r = 0;
  geoms.forEach((g, f) => {
    featureRing[f] = r;
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (const poly of ringsOf(g)) for (const ring of poly) {
      ringStart[r++] = v;
      for (let k = 0, n = openLength(ring); k < n; k++) {
        const p = ring[k] as Position;
        const x = ((p[0] as number) - lon0) * kx, y = ((p[1] as number) - lat0) * ky;
        xy[2 * v] = x; xy[2 * v + 1] = y; v++;
        if (x < x0) x0 = x;
        if (y < y0) y0 = y;
        if (x > x1) x1 = x;
        if (y > y1) y1 = y;
      }
    }
    bbox[4 * f] = x0; bbox[4 * f + 1] = y0; bbox[4 * f + 2] = x1; bbox[4 * f + 3] = y1;
  });
  featureRing[geoms.length] = r;
  ringStart[nr] = v;
  const packed: PackedPolygons = { count: geoms.length, xy, ringStart, featureRing, bbox, inner };
  for (let f = 0; f < geoms.length; f++) setInner(packed, f);
  return packed;
}

function setInner(P: PackedPolygons, f: number): void {
  const r = P.featureRing[f] as number;
  if (r >= (P.featureRing[f + 1] as number)) return;
  const s = P.ringStart[r] as number, e = P.ringStart[r + 1] as number, xy = P.xy;
  let a2 = 0, cx = 0, cy = 0;
  for (let i = s; i < e; i++) {
    const j = i + 1 < e ? i + 1 : s;
    const px = xy[2 * i] as number, py = xy[2 * i + 1] as number, qx = xy[2 * j] as number, qy = xy[2 * j + 1] as number;
    const c = px * qy - qx * py;
    a2 += c; cx += (px + qx) * c; cy += (py + qy) * c;
  }
  if (Math.abs(a2) < 1e-9) return;
  const x = cx / (3 * a2), y = cy / (3 * a2);
  if (pointInFeature(P, f, x, y)) { P.inner[2 * f] = x; P.inner[2 * f + 1] = y; }
}

/** Even–odd test of (x, y) against all rings of feature f (boundary points may go either way). */
export function pointInFeature(P: PackedPolygons, f: number, x: number, y: number): boolean {
  const b = P.bbox;
  if (x < (b[4 * f] as number) || x > (b[4 * f + 2] as number) || y < (b[4 * f + 1] as number) || y > (b[4 * f + 3] as number)) return false;
  const xy = P.xy;
  let inside = false;
  for (let r = P.featureRing[f] as number, re = P.featureRing[f + 1] as number; r < re; r++) {
    const s = P.ringStart[r] as number, e = P.ringStart[r + 1] as number;
    for (let i = s, j = e - 1; i < e; j = i++) {
      const ay = xy[2 * i + 1] as number, by = xy[2 * j + 1] as number;
      if (ay > y !== by > y) {
        const ax = xy[2 * i] as number, bx = xy[2 * j] as number;
        if (x < ((bx - ax) * (y - ay)) / (by - ay) + ax) inside = !inside;
      }
    }
  }
  return inside;
}

/**
 * Distance from (x, y) to the boundary of feature f, ignoring inside/outside; the nearest boundary
 * point is written to out[0], out[1].
 */
export function pointBoundaryDistance(P: PackedPolygons, f: number, x: number, y: number, out: Float64Array): number {
  const xy = P.xy;
  let best = Infinity;
  for (let r = P.featureRing[f] as number, re = P.featureRing[f + 1] as number; r < re; r++) {
    const s = P.ringStart[r] as number, e = P.ringStart[r + 1] as number;
    for (let i = s; i < e; i++) {
      const j = i + 1 < e ? i + 1 : s;
      const ax = xy[2 * i] as number, ay = xy[2 * i + 1] as number, dx = (xy[2 * j] as number) - ax, dy = (xy[2 * j + 1] as number) - ay;
      const len2 = dx * dx + dy * dy;
      let t = len2 > 0 ? ((x - ax) * dx + (y - ay) * dy) / len2 : 0;
      t = t < 0 ? 0 : t > 1 ? 1 : t;
      const px = ax + t * dx, py = ay + t * dy;
      const d2 = (x - px) * (x - px) + (y - py) * (y - py);
      if (d2 < best) { best = d2; out[0] = px; out[1] = py; }
    }
  }
  return Math.sqrt(best);
}

/** Distance from (x, y) to feature f: 0 inside (out = the point), else to its boundary (out = nearest point). */
export function pointFeatureDistance(P: PackedPolygons, f: number, x: number, y: number, out: Float64Array): number {
  if (pointInFeature(P, f, x, y)) { out[0] = x; out[1] = y; return 0; }
  return pointBoundaryDistance(P, f, x, y, out);
}

/** Gap between the bounding boxes of feature i of P and feature j of Q (0 when they overlap). */
export function bboxGap(P: PackedPolygons, i: number, Q: PackedPolygons, j: number): number {
  const a = P.bbox, b = Q.bbox;
  const gx = Math.max((a[4 * i] as number) - (b[4 * j + 2] as number), (b[4 * j] as number) - (a[4 * i + 2] as number), 0);
  const gy = Math.max((a[4 * i + 1] as number) - (b[4 * j + 3] as number), (b[4 * j + 1] as number) - (a[4 * i + 3] as number), 0);
  return Math.sqrt(gx * gx + gy * gy);
}

// Scratch for the closest points of one segment pair.
const seg = new Float64Array(4);

/** Squared distance between segments ab and cd when they do not cross; closest points into seg. */
function segSeg2(ax: number, ay: number, bx: number, by: number, cx: number, cy: number, dx: number, dy: number): number {
  let best = Infinity;
  // Endpoint of one segment against the other segment: the minimum of disjoint segments is among these four.
  for (let k = 0; k < 4; k++) {
    const onFirst = k >= 2; // the point lies on the second segment when k < 2, projected onto the first when k >= 2
    const px = k === 0 ? ax : k === 1 ? bx : k === 2 ? cx : dx;
    const py = k === 0 ? ay : k === 1 ? by : k === 2 ? cy : dy;
    const sx = onFirst ? ax : cx, sy = onFirst ? ay : cy, ux = (onFirst ? bx : dx) - sx, uy = (onFirst ? by : dy) - sy;
    const len2 = ux * ux + uy * uy;
    let t = len2 > 0 ? ((px - sx) * ux + (py - sy) * uy) / len2 : 0;
    t = t < 0 ? 0 : t > 1 ? 1 : t;
    const qx = sx + t * ux, qy = sy + t * uy;
    const d2 = (px - qx) * (px - qx) + (py - qy) * (py - qy);
    if (d2 < best) {
      best = d2;
      if (onFirst) { seg[0] = qx; seg[1] = qy; seg[2] = px; seg[3] = py; } else { seg[0] = px; seg[1] = py; seg[2] = qx; seg[3] = qy; }
    }
  }
  return best;
}

/** Whether segments ab and cd share a point; the crossing (or a shared point) goes to seg[0..3]. */
function segCross(ax: number, ay: number, bx: number, by: number, cx: number, cy: number, dx: number, dy: number): boolean {
  const o1 = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
  const o2 = (bx - ax) * (dy - ay) - (by - ay) * (dx - ax);
  const o3 = (dx - cx) * (ay - cy) - (dy - cy) * (ax - cx);
  const o4 = (dx - cx) * (by - cy) - (dy - cy) * (bx - cx);
  if (((o1 > 0 && o2 < 0) || (o1 < 0 && o2 > 0)) && ((o3 > 0 && o4 < 0) || (o3 < 0 && o4 > 0))) {
    const t = o3 / (o3 - o4);
    seg[0] = seg[2] = ax + t * (bx - ax); seg[1] = seg[3] = ay + t * (by - ay);
    return true;
  }
  if (o1 === 0 || o2 === 0 || o3 === 0 || o4 === 0) return segSeg2(ax, ay, bx, by, cx, cy, dx, dy) === 0;
  return false;
}

/**
 * Exact shortest distance between feature i of P and feature j of Q: 0 when they touch, overlap or one
 * contains the other; otherwise the least edge-to-edge distance. The closest points go to out[0..3]
 * (x, y on i, then x, y on j). Returns early with the bounding-box gap (a lower bound, ≥ maxD) when
 * the boxes are already `maxD` or more apart; out is then untouched.
 * @example const out = new Float64Array(4); featureDistance(P, i, P, j, out) // metres; closest points in out
 */
export function featureDistance(P: PackedPolygons, i: number, Q: PackedPolygons, j: number, out: Float64Array, maxD = Infinity): number {
  const gap = bboxGap(P, i, Q, j);
  if (gap >= maxD) return gap;
  const A = P.xy, B = Q.xy, qb = Q.bbox;
  const bx0 = qb[4 * j] as number, by0 = qb[4 * j + 1] as number, bx1 = qb[4 * j + 2] as number, by1 = qb[4 * j + 3] as number;
  let best = Infinity; // squared
  for (let ra = P.featureRing[i] as number, rae = P.featureRing[i + 1] as number; ra < rae; ra++) {
    const sa = P.ringStart[ra] as number, ea = P.ringStart[ra + 1] as number;
    for (let p = sa; p < ea; p++) {
      const q = p + 1 < ea ? p + 1 : sa;
      const ax = A[2 * p] as number, ay = A[2 * p + 1] as number, cx = A[2 * q] as number, cy = A[2 * q + 1] as number;
      const ex0 = ax < cx ? ax : cx, ex1 = ax < cx ? cx : ax, ey0 = ay < cy ? ay : cy, ey1 = ay < cy ? cy : ay;
      // Edge box against the other feature's box: skip when already farther than the best.
      const gx = Math.max(ex0 - bx1, bx0 - ex1, 0), gy = Math.max(ey0 - by1, by0 - ey1, 0);
      if (gx * gx + gy * gy >= best) continue;
      for (let rb = Q.featureRing[j] as number, rbe = Q.featureRing[j + 1] as number; rb < rbe; rb++) {
        const sb = Q.ringStart[rb] as number, eb = Q.ringStart[rb + 1] as number;
        for (let m = sb; m < eb; m++) {
          const n = m + 1 < eb ? m + 1 : sb;
          const dx = B[2 * m] as number, dy = B[2 * m + 1] as number, fx = B[2 * n] as number, fy = B[2 * n + 1] as number;
          const hx = Math.max(ex0 - (dx > fx ? dx : fx), (dx < fx ? dx : fx) - ex1, 0);
          const hy = Math.max(ey0 - (dy > fy ? dy : fy), (dy < fy ? dy : fy) - ey1, 0);
          if (hx === 0 && hy === 0 && segCross(ax, ay, cx, cy, dx, dy, fx, fy)) {
            out[0] = seg[0] as number; out[1] = seg[1] as number; out[2] = seg[2] as number; out[3] = seg[3] as number;
            return 0;
          }
          if (hx * hx + hy * hy >= best) continue;
          const d2 = segSeg2(ax, ay, cx, cy, dx, dy, fx, fy);
          if (d2 < best) { best = d2; out[0] = seg[0] as number; out[1] = seg[1] as number; out[2] = seg[2] as number; out[3] = seg[3] as number; }
        }
      }
    }
  }
  // No boundary contact: one may lie wholly inside the other.
  if (gap === 0) {
    const va = P.ringStart[P.featureRing[i] as number] as number, vb = Q.ringStart[Q.featureRing[j] as number] as number;
    if (pointInFeature(Q, j, A[2 * va] as number, A[2 * va + 1] as number)) { out[0] = out[2] = A[2 * va] as number; out[1] = out[3] = A[2 * va + 1] as number; return 0; }
    if (pointInFeature(P, i, B[2 * vb] as number, B[2 * vb + 1] as number)) { out[0] = out[2] = B[2 * vb] as number; out[1] = out[3] = B[2 * vb + 1] as number; return 0; }
  }
  return Math.sqrt(best);
}

/**
 * Exact distance between the segment (ax, ay)–(bx, by) and feature f: 0 when it crosses or lies
 * inside. The closest point on the segment goes to out[0], out[1]. Returns early with the box gap (a
 * lower bound, ≥ maxD) when the boxes are already that far apart; out is then untouched.
 */
export function featureSegmentDistance(P: PackedPolygons, f: number, ax: number, ay: number, bx: number, by: number, out: Float64Array, maxD = Infinity): number {
  const b = P.bbox, xy = P.xy;
  const sx0 = ax < bx ? ax : bx, sx1 = ax < bx ? bx : ax, sy0 = ay < by ? ay : by, sy1 = ay < by ? by : ay;
  const gx = Math.max(sx0 - (b[4 * f + 2] as number), (b[4 * f] as number) - sx1, 0), gy = Math.max(sy0 - (b[4 * f + 3] as number), (b[4 * f + 1] as number) - sy1, 0);
  const gap = Math.sqrt(gx * gx + gy * gy);
  if (gap >= maxD) return gap;
  let best = Infinity;
  for (let r = P.featureRing[f] as number, re = P.featureRing[f + 1] as number; r < re; r++) {
    const s = P.ringStart[r] as number, e = P.ringStart[r + 1] as number;
    for (let m = s; m < e; m++) {
      const n = m + 1 < e ? m + 1 : s;
      const dx = xy[2 * m] as number, dy = xy[2 * m + 1] as number, fx = xy[2 * n] as number, fy = xy[2 * n + 1] as number;
      const hx = Math.max(sx0 - (dx > fx ? dx : fx), (dx < fx ? dx : fx) - sx1, 0), hy = Math.max(sy0 - (dy > fy ? dy : fy), (dy < fy ? dy : fy) - sy1, 0);
      if (hx === 0 && hy === 0 && segCross(ax, ay, bx, by, dx, dy, fx, fy)) { out[0] = seg[0] as number; out[1] = seg[1] as number; return 0; }
      if (hx * hx + hy * hy >= best) continue;
      const d2 = segSeg2(ax, ay, bx, by, dx, dy, fx, fy);
      if (d2 < best) { best = d2; out[0] = seg[0] as number; out[1] = seg[1] as number; }
    }
  }
  if (gap === 0 && pointInFeature(P, f, ax, ay)) { out[0] = ax; out[1] = ay; return 0; }
  return Math.sqrt(best);
}

const scratch = new Float64Array(2);

/**
 * For two features 0 apart: whether their interiors overlap (data error or a building drawn twice)
 * or they only touch (attached buildings sharing a wall). Heuristic: overlapping when a vertex or the
 * inner point of one lies inside the other farther than `eps` from its boundary (two identical
 * footprints overlap by their inner points; a cross of two bars by the inner point of either).
 */
export function contactKind(P: PackedPolygons, i: number, j: number, eps = 0.01): 'touching' | 'overlapping' {
  const strictlyInside = (f: number, x: number, y: number): boolean =>
    !Number.isNaN(x) && pointInFeature(P, f, x, y) && pointBoundaryDistance(P, f, x, y, scratch) > eps;
  for (const [a, b] of [[i, j], [j, i]] as const) {
    if (strictlyInside(b, P.inner[2 * a] as number, P.inner[2 * a + 1] as number)) return 'overlapping';
    for (let r = P.featureRing[a] as number; r < (P.featureRing[a + 1] as number); r++) {
      for (let v = P.ringStart[r] as number; v < (P.ringStart[r + 1] as number); v++) {
        if (strictlyInside(b, P.xy[2 * v] as number, P.xy[2 * v + 1] as number)) return 'overlapping';
      }
    }
  }
  return 'touching';
}

/** Positions of projected points back in WGS-84, rounded to 1e-7 degrees (about 1 cm). */
export function toLonLatRounded(proj: LocalProjection, x: number, y: number): [number, number] {
  return [Math.round((proj.lon0 + x / proj.kx) * 1e7) / 1e7, Math.round((proj.lat0 + y / proj.ky) * 1e7) / 1e7];
}

/** Rounds to `digits` decimals (0.01 m for distances by default). */
export function roundTo(x: number, digits = 2): number {
  const k = 10 ** digits;
  return Math.round(x * k) / k;
}
