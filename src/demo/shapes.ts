/**
 * Plane geometry for building the district in local metres (x east, y north): vectors, oriented
 * frames for laying out rectangles inside a street block, quadrilateral insets.
 */
export type V = [number, number];

export const add = (a: V, b: V): V => [a[0] + b[0], a[1] + b[1]];
export const sub = (a: V, b: V): V => [a[0] - b[0], a[1] - b[1]];
export const scale = (a: V, k: number): V => [a[0] * k, a[1] * k];
export const lerp = (a: V, b: V, t: number): V => [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
export const len = (a: V): number => Math.hypot(a[0], a[1]);
export const unit = (a: V): V => scale(a, 1 / (len(a) || 1));
export const perp = (a: V): V => [-a[1], a[0]];
export const dot = (a: V, b: V): number => a[0] * b[0] + a[1] * b[1];
export const cross = (a: V, b: V): number => a[0] * b[1] - a[1] * b[0];

/** An oriented frame: a point is o + s·u + t·v (u, v unit and perpendicular, v to the left of u). */
export interface Frame {
  readonly o: V;
  readonly u: V;
  readonly v: V;
}

export function frame(o: V, direction: V): Frame {
  const u = unit(direction);
  return { o, u, v: perp(u) };
}

export function at(f: Frame, s: number, t: number): V {
  return [f.o[0] + s * f.u[0] + t * f.v[0], f.o[1] + s * f.u[1] + t * f.v[1]];
}

export function toFrame(f: Frame, p: V): V {
  const d = sub(p, f.o);
  return [dot(d, f.u), dot(d, f.v)];
}

/** A rectangle in frame coordinates, counter-clockwise. */
export function rect(f: Frame, s0: number, t0: number, s1: number, t1: number): V[] {
  return [at(f, s0, t0), at(f, s1, t0), at(f, s1, t1), at(f, s0, t1)];
}

/** Intersection of the lines p + a·d and q + b·e (null when parallel). */
export function lineIntersection(p: V, d: V, q: V, e: V): V | null {
  const den = cross(d, e);
  if (Math.abs(den) < 1e-12) return null;
  const a = cross(sub(q, p), e) / den;
  return add(p, scale(d, a));
}

/**
 * A convex quadrilateral (counter-clockwise) with each edge moved inwards by its own distance:
 * edge k runs from corner k to corner k+1.
 */
export function insetQuad(quad: readonly V[], d: readonly number[]): V[] {
  const n = quad.length;
  const lines = quad.map((p, k) => {
    const q = quad[(k + 1) % n] as V;
    const dir = sub(q, p);
    return { p: add(p, scale(perp(unit(dir)), d[k] ?? 0)), d: dir };
  });
  return lines.map((_, k) => {
    const prev = lines[(k + n - 1) % n] as { p: V; d: V };
    const cur = lines[k] as { p: V; d: V };
    return lineIntersection(prev.p, prev.d, cur.p, cur.d) ?? cur.p;
  });
}

/** Even–odd point in polygon. */
export function inside(p: V, ring: readonly V[]): boolean {
  let c = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[i] as V, b = ring[j] as V;
    if (a[1] > p[1] !== b[1] > p[1] && p[0] < ((b[0] - a[0]) * (p[1] - a[1])) / (b[1] - a[1]) + a[0]) c = !c;
  }
  return c;
}

export function centroid(ring: readonly V[]): V {
  let cx = 0, cy = 0, a2 = 0;
  for (let i = 0; i < ring.length; i++) {
    const p = ring[i] as V, q = ring[(i + 1) % ring.length] as V;
    const c = p[0] * q[1] - q[0] * p[1];
    a2 += c;
    cx += (p[0] + q[0]) * c;
    cy += (p[1] + q[1]) * c;
  }
  return [cx / (3 * a2), cy / (3 * a2)];
}

export function area(ring: readonly V[]): number {
  let s = 0;
  for (let i = 0; i < ring.length; i++) {
    const p = ring[i] as V, q = ring[(i + 1) % ring.length] as V;
    s += p[0] * q[1] - q[0] * p[1];
  }
  return Math.abs(s / 2);
}

export const dist2 = (a: V, b: V): number => (a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2;
export const dist = (a: V, b: V): number => Math.sqrt(dist2(a, b));
