/**
 * Assembling OSM multipolygon relations: member ways are joined end to end (by node id) into closed rings,
 * inner rings are given to the smallest outer ring that contains them. Rings that cannot be closed (members
 * missing from an extract, broken data) are counted and left out rather than guessed.
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';

export interface RingMember {
  role: string;
  /** Node ids of the member way, in way order. */
  refs: readonly number[];
}

export interface JoinedRings {
  rings: number[][];
  /** Chains that could not be closed. */
  open: number;
}

/**
 * Join ways into closed rings. A way may need reversing to continue a chain; a way already closed is a
 * ring by itself.
 */
export function joinRings(ways: readonly (readonly number[])[]): JoinedRings {
  const rings: number[][] = [];
  const pending: (readonly number[])[] = [];
  for (const w of ways) {
    if (w.length < 2) continue;
    if (w[0] === w[w.length - 1]) {
      if (w.length >= 4) rings.push(w.slice());
    } else pending.push(w);
  }
  // Endpoint → indices of pending ways touching it.
  const byEnd = new Map<number, number[]>();
  pending.forEach((w, i) => {
    for (const end of [w[0]!, w[w.length - 1]!]) {
      const list = byEnd.get(end);
      if (list) list.push(i);
      else byEnd.set(end, [i]);
    }
  });
  const used = new Array<boolean>(pending.length).fill(false);
  let open = 0;
  for (let start = 0; start < pending.length; start++) {
    if (used[start]) continue;
    used[start] = true;
    const ring = pending[start]!.slice();
    while (ring[0] !== ring[ring.length - 1]) {
      const end = ring[ring.length - 1]!;
      const next = (byEnd.get(end) ?? []).find((i) => !used[i]);
      if (next === undefined) break;
      used[next] = true;
      const w = pending[next]!;
      const forward = w[0] === end;
      const add = forward ? w.slice(1) : w.slice(0, -1).reverse();
      for (const id of add) ring.push(id);
    }
    if (ring[0] === ring[ring.length - 1] && ring.length >= 4) rings.push(ring);
    else open++;
  }
  return { rings, open };
}

/** Signed area (shoelace) in squared degrees: only its magnitude is used, to pick the smallest outer. */
function ringArea(ring: readonly Position[]): number {
  let a = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) a += (ring[j]![0]! - ring[i]![0]!) * (ring[j]![1]! + ring[i]![1]!);
  return Math.abs(a / 2);
}

/** Even-odd point in ring test (planar lon/lat; fine at the scale of one relation). */
export function pointInRing(p: Position, ring: readonly Position[]): boolean {
  let inside = false;
  const x = p[0]!, y = p[1]!;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const xi = ring[i]![0]!, yi = ring[i]![1]!, xj = ring[j]![0]!, yj = ring[j]![1]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/**
 * Build a Polygon or MultiPolygon from outer and inner rings (coordinates). An inner ring goes to the
 * smallest outer ring containing its first vertex; an inner ring outside every outer is dropped.
 * Returns null when there is no outer ring.
 */
export function polygonFromRings(outers: Position[][], inners: Position[][]): Polygon | MultiPolygon | null {
  if (outers.length === 0) return null;
  const areas = outers.map(ringArea);
  const holes: Position[][][] = outers.map(() => []);
  for (const inner of inners) {
    let best = -1;
    for (let i = 0; i < outers.length; i++) {
      if ((best === -1 || areas[i]! < areas[best]!) && pointInRing(inner[0]!, outers[i]!)) best = i;
    }
    if (best >= 0) holes[best]!.push(inner);
  }
  const polygons = outers.map((o, i) => [o, ...holes[i]!]);
  return polygons.length === 1 ? { type: 'Polygon', coordinates: polygons[0]! } : { type: 'MultiPolygon', coordinates: polygons };
}
