/**
 * Boundary lines from area outlines (the basemap's `boundaries` layer): the street office, its
 * communities and the grid cells (网格) share most of their edges, and a line drawn once per polygon
 * would draw a shared edge two or three times, dashed out of step. Here every outline is cut into
 * segments, split wherever another outline's vertex lies on it (a cell edge that ends half-way along a
 * community edge), and each segment is kept once with the most important outline it belongs to; the
 * segments are then joined back into lines per kind.
 *
 * Coordinates are compared as written (the demo rounds to 7 decimals, about 1 cm); a vertex within
 * EPS of a segment counts as lying on it.
 */
import Flatbush from 'flatbush';
import type { Feature, LineString, Position } from 'geojson';

/** A vertex this close to a segment (degrees; about 2 cm) lies on it. */
const EPS = 2e-7;

/** One polygon's outline with what its lines are. */
export interface Outline {
  /** Rings of the polygon (closed or not). */
  rings: Position[][];
  /** Lower wins: a segment shared by several outlines takes the properties of the lowest rank. */
  rank: number;
  /** Properties of the lines drawn from this outline. */
  properties: Record<string, unknown>;
}

/** A grid cell: its rings and the community it belongs to, if known. */
export interface CellOutline {
  rings: Position[][];
  community?: string;
}

interface Segment {
  a: Position;
  b: Position;
  ka: string;
  kb: string;
  /** Indices of the outlines it belongs to, in input order. */
  owners: number[];
}

const keyOf = (p: Position): string => `${p[0]!.toFixed(7)},${p[1]!.toFixed(7)}`;

/** Every distinct segment of the rings, split at the vertices lying on it, with the rings' owners. */
export function nodeSegments(rings: readonly { ring: Position[]; owner: number }[]): Segment[] {
  const vertices = new Map<string, Position>();
  for (const { ring } of rings) for (const p of ring) if (!vertices.has(keyOf(p))) vertices.set(keyOf(p), p);
  const list = [...vertices.entries()];
  const index = new Flatbush(Math.max(1, list.length));
  for (const [, p] of list) index.add(p[0]!, p[1]!, p[0]!, p[1]!);
  if (list.length === 0) index.add(0, 0, 0, 0);
  index.finish();

  const segments = new Map<string, Segment>();
  const addPiece = (a: Position, b: Position, owner: number): void => {
    const ka = keyOf(a), kb = keyOf(b);
    if (ka === kb) return;
    const [k0, k1, p0, p1] = ka < kb ? [ka, kb, a, b] : [kb, ka, b, a];
    const key = `${k0}|${k1}`;
    const s = segments.get(key);
    if (s) {
      if (!s.owners.includes(owner)) s.owners.push(owner);
    } else segments.set(key, { a: p0, b: p1, ka: k0, kb: k1, owners: [owner] });
  };
  for (const { ring, owner } of rings) {
    for (let k = 0; k + 1 < ring.length + (keyOf(ring[0]!) === keyOf(ring[ring.length - 1]!) ? 0 : 1); k++) {
      const a = ring[k]!, b = ring[(k + 1) % ring.length]!;
      const dx = b[0]! - a[0]!, dy = b[1]! - a[1]!;
      const l2 = dx * dx + dy * dy;
      if (l2 === 0) continue;
      const cuts: [number, Position][] = [];
      const hits = index.search(Math.min(a[0]!, b[0]!) - EPS, Math.min(a[1]!, b[1]!) - EPS, Math.max(a[0]!, b[0]!) + EPS, Math.max(a[1]!, b[1]!) + EPS);
      for (const h of hits) {
        const p = list[h]![1];
        const t = ((p[0]! - a[0]!) * dx + (p[1]! - a[1]!) * dy) / l2;
        if (t <= 0 || t >= 1) continue;
        const ex = a[0]! + t * dx - p[0]!, ey = a[1]! + t * dy - p[1]!;
        if (ex * ex + ey * ey < EPS * EPS) cuts.push([t, p]);
      }
      cuts.sort((x, y) => x[0] - y[0]);
      let prev = a;
      for (const [, p] of cuts) {
        addPiece(prev, p, owner);
        prev = p;
      }
      addPiece(prev, b, owner);
    }
  }
  return [...segments.values()];
}

/** Joins segments with the same properties into lines (through nodes where exactly two of them meet). */
function chain(groups: Map<string, { properties: Record<string, unknown>; segments: Segment[] }>): Feature<LineString>[] {
  const out: Feature<LineString>[] = [];
  for (const { properties, segments } of groups.values()) {
    const at = new Map<string, number[]>();
    segments.forEach((s, i) => {
      for (const k of [s.ka, s.kb]) at.set(k, [...(at.get(k) ?? []), i]);
    });
    const used = new Set<number>();
    const walk = (startNode: string, first: number): Position[] => {
      let node = startNode;
      let seg = first;
      const s0 = segments[first]!;
      const coords: Position[] = [s0.ka === node ? s0.a : s0.b];
      for (;;) {
        used.add(seg);
        const s = segments[seg]!;
        const [nextNode, p] = s.ka === node ? [s.kb, s.b] : [s.ka, s.a];
        coords.push(p);
        node = nextNode;
        const around = at.get(node) ?? [];
        if (around.length !== 2) break;
        const nxt = around.find((i) => !used.has(i));
        if (nxt === undefined) break;
        seg = nxt;
      }
      return coords;
    };
    // Open lines from their ends (and junctions) first, then the closed loops that remain.
    const nodes = [...at.keys()].sort();
    for (const n of nodes) {
      if (at.get(n)!.length === 2) continue;
      for (const i of at.get(n)!) if (!used.has(i)) out.push(line(walk(n, i), properties));
    }
    for (const n of nodes) for (const i of at.get(n)!) if (!used.has(i)) out.push(line(walk(n, i), properties));
  }
  return out;
}

const line = (coordinates: Position[], properties: Record<string, unknown>): Feature<LineString> => ({ type: 'Feature', geometry: { type: 'LineString', coordinates }, properties: { ...properties } });

/**
 * Lines of the given outlines, each segment once with the properties of its lowest-ranked outline,
 * in rank order.
 */
export function boundaryLines(outlines: readonly Outline[]): Feature<LineString>[] {
  const rings = outlines.flatMap((o, owner) => o.rings.map((ring) => ({ ring, owner })));
  const order = outlines.map((_, i) => i).sort((x, y) => outlines[x]!.rank - outlines[y]!.rank || x - y);
  const groups = new Map<string, { properties: Record<string, unknown>; segments: Segment[] }>();
  // Groups in rank order, so the lines come out district first, grid last.
  for (const i of order) {
    const k = JSON.stringify(outlines[i]!.properties);
    if (!groups.has(k)) groups.set(k, { properties: outlines[i]!.properties, segments: [] });
  }
  for (const s of nodeSegments(rings)) {
    const best = s.owners.reduce((b, o) => (outlines[o]!.rank < outlines[b]!.rank || (outlines[o]!.rank === outlines[b]!.rank && o < b) ? o : b));
    groups.get(JSON.stringify(outlines[best]!.properties))!.segments.push(s);
  }
  return chain(groups);
}

/** Properties of the three kinds of line the district's outlines give. */
export const DISTRICT_LINE = { kind: 'administrative', admin_level: 8 } as const;
export const COMMUNITY_LINE = { kind: 'administrative', admin_level: 10 } as const;
export const GRID_LINE = { kind: 'grid' } as const;

/**
 * Boundary lines from grid cells alone (when no admin areas are given): an edge of one cell only is
 * the district's outline, an edge between cells of two communities a community boundary, any other
 * edge a grid line. A gap in the cells' coverage therefore shows as an outline.
 */
export function cellBoundaryLines(cells: readonly CellOutline[]): Feature<LineString>[] {
  const rings = cells.flatMap((c, owner) => c.rings.map((ring) => ({ ring, owner })));
  const groups = new Map<string, { properties: Record<string, unknown>; segments: Segment[] }>([
    ['district', { properties: DISTRICT_LINE, segments: [] }],
    ['community', { properties: COMMUNITY_LINE, segments: [] }],
    ['grid', { properties: GRID_LINE, segments: [] }],
  ]);
  for (const s of nodeSegments(rings)) {
    const communities = new Set(s.owners.map((o) => cells[o]!.community ?? ''));
    const kind = s.owners.length === 1 ? 'district' : communities.size > 1 ? 'community' : 'grid';
    groups.get(kind)!.segments.push(s);
  }
  return chain(groups);
}
