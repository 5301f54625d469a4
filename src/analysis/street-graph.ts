/**
 * A street graph from road centre lines, and shortest paths on it (Dijkstra with a binary heap).
 *
 * Nodes are line vertices merged when closer than `snap_m`; an endpoint that lies on the interior of
 * another line (a T-junction drawn without a shared vertex) splits that line there. Every segment
 * between consecutive vertices is one undirected edge weighted by its length in metres. The graph is
 * undirected on purpose: fire engines on call may use one-way streets against the flow.
 *
 * Edges lying along any of the `excluded` lines (e.g. blocked fire lanes) are flagged; routing skips
 * them unless asked not to, so one graph answers both "with every road" and "avoiding blocked lanes".
 */
import Flatbush from 'flatbush';
import TinyQueue from 'tinyqueue';
import type { Position } from 'geojson';
import { localProjection, pointSegment, type LocalProjection, type XY } from './geo.ts';

/** How lines become a graph; all optional. */
export interface StreetGraphOptions {
  /** Vertices closer than this become one node (default 0.5 m). */
  snap_m?: number;
  /** Split a line where another line's endpoint touches its interior (default true). */
  splitAtEndpoints?: boolean;
  /** Lines whose coinciding edges are flagged as excluded (e.g. blocked fire lanes). */
  excluded?: readonly (readonly Position[])[];
  /** How far an edge may lie from an excluded line and still count as on it (default 1.5 m). */
  excludeTolerance_m?: number;
  /** Projection to metres; by default one centred on the input. */
  projection?: LocalProjection;
}

/** Compact, immutable graph: nodes and edges in typed arrays, adjacency in CSR form. */
export interface StreetGraph {
  readonly projection: LocalProjection;
  readonly nodeCount: number;
  readonly edgeCount: number;
  /** x, y of node i at [2i], [2i+1], local metres. */
  readonly nodeXY: Float64Array;
  readonly edgeFrom: Uint32Array;
  readonly edgeTo: Uint32Array;
  readonly edgeLength: Float64Array;
  /** 1 where the edge lies along an excluded line. */
  readonly edgeExcluded: Uint8Array;
  /** Index of the input line each edge came from. */
  readonly edgeLine: Uint32Array;
  /** Edges incident to node i: adjEdge[adjStart[i] .. adjStart[i+1]). */
  readonly adjStart: Uint32Array;
  readonly adjEdge: Uint32Array;
  /** Spatial index over edges (local metres), for snapping. */
  readonly edgeIndex: Flatbush | null;
}

/** Where a point meets the graph: an edge, the fraction t from its `from` node, and the gap. */
export interface GraphSnap {
  edge: number;
  t: number;
  point: [number, number];
  distance_m: number;
}

/** A path through the graph: its positions, length and the edges it uses. */
export interface Route {
  /** WGS-84 positions from start to end (snapped points included when routing between points). */
  coordinates: [number, number][];
  length_m: number;
  edges: number[];
}

/** Per-query routing switches. */
export interface RouteOptions {
  /** Skip excluded edges (default true). */
  avoidExcluded?: boolean;
}

/** Builds the graph. Lines with fewer than two positions are ignored. */
export function buildStreetGraph(lines: readonly (readonly Position[])[], options: StreetGraphOptions = {}): StreetGraph {
  const snap = options.snap_m ?? 0.5;
  const proj = options.projection ?? centredProjection(lines);
  let xyLines: XY[][] = lines.map((l) => l.map((p) => proj.toXY(p)));
  // Excluded lines that end inside an edge split it there, so that only the covered stretch is flagged.
  const cuts = (options.excluded ?? []).flatMap((l) => (l.length >= 2 ? [proj.toXY(l[0] as Position), proj.toXY(l[l.length - 1] as Position)] : []));
  if ((options.splitAtEndpoints ?? true) || cuts.length) {
    xyLines = splitAtEndpoints(xyLines, snap, (options.splitAtEndpoints ?? true), cuts, options.excludeTolerance_m ?? 1.5);
  }

  const nodes: number[] = [];
  const cells = new Map<number, number[]>();
  const nodeOf = (p: XY): number => {
    const cx = Math.floor(p[0] / snap);
    const cy = Math.floor(p[1] / snap);
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        for (const n of cells.get(cellKey(cx + dx, cy + dy)) ?? NO_NODES) {
          if (Math.hypot((nodes[2 * n] as number) - p[0], (nodes[2 * n + 1] as number) - p[1]) <= snap) return n;
        }
      }
    }
    const id = nodes.length / 2;
    nodes.push(p[0], p[1]);
    const key = cellKey(cx, cy);
    const list = cells.get(key);
    if (list) list.push(id);
    else cells.set(key, [id]);
    return id;
  };

  const from: number[] = [], to: number[] = [], len: number[] = [], lineOf: number[] = [];
  xyLines.forEach((line, li) => {
    let prev = -1;
    for (const p of line) {
      const n = nodeOf(p);
      if (prev >= 0 && n !== prev) {
        from.push(prev);
        to.push(n);
        len.push(Math.hypot((nodes[2 * n] as number) - (nodes[2 * prev] as number), (nodes[2 * n + 1] as number) - (nodes[2 * prev + 1] as number)));
        lineOf.push(li);
      }
      prev = n;
    }
  });

  const nodeCount = nodes.length / 2;
  const edgeCount = from.length;
  const nodeXY = Float64Array.from(nodes);
  const edgeFrom = Uint32Array.from(from);
  const edgeTo = Uint32Array.from(to);
  const adjStart = new Uint32Array(nodeCount + 1);
  const bump = (arr: Uint32Array, i: number): number => {
    const v = arr[i] as number;
    arr[i] = v + 1;
    return v;
  };
  for (let e = 0; e < edgeCount; e++) {
    bump(adjStart, (edgeFrom[e] as number) + 1);
    bump(adjStart, (edgeTo[e] as number) + 1);
  }
  for (let i = 0; i < nodeCount; i++) adjStart[i + 1] = (adjStart[i + 1] as number) + (adjStart[i] as number);
  const fill = adjStart.slice(0, nodeCount);
  const adjEdge = new Uint32Array(2 * edgeCount);
  for (let e = 0; e < edgeCount; e++) {
    adjEdge[bump(fill, edgeFrom[e] as number)] = e;
    adjEdge[bump(fill, edgeTo[e] as number)] = e;
  }

  let edgeIndex: Flatbush | null = null;
  if (edgeCount > 0) {
    edgeIndex = new Flatbush(edgeCount);
    for (let e = 0; e < edgeCount; e++) {
      const a = edgeFrom[e] as number, b = edgeTo[e] as number;
      const ax = nodeXY[2 * a] as number, ay = nodeXY[2 * a + 1] as number, bx = nodeXY[2 * b] as number, by = nodeXY[2 * b + 1] as number;
      edgeIndex.add(Math.min(ax, bx), Math.min(ay, by), Math.max(ax, bx), Math.max(ay, by));
    }
    edgeIndex.finish();
  }

  const graph: StreetGraph = {
    projection: proj, nodeCount, edgeCount, nodeXY, edgeFrom, edgeTo,
    edgeLength: Float64Array.from(len), edgeExcluded: new Uint8Array(edgeCount), edgeLine: Uint32Array.from(lineOf),
    adjStart, adjEdge, edgeIndex,
  };
  if (options.excluded?.length) flagExcluded(graph, options.excluded, options.excludeTolerance_m ?? 1.5);
  return graph;
}

const NO_NODES: readonly number[] = [];

function cellKey(cx: number, cy: number): number {
  // Two 26-bit signed cell numbers packed in one safe integer (±33 554 km at 1 m cells).
  return (cx + 33554432) * 67108864 + (cy + 33554432);
}

function centredProjection(lines: readonly (readonly Position[])[]): LocalProjection {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const l of lines) for (const p of l) {
    const x = p[0] ?? 0, y = p[1] ?? 0;
    if (x < x0) x0 = x;
    if (y < y0) y0 = y;
    if (x > x1) x1 = x;
    if (y > y1) y1 = y;
  }
  return Number.isFinite(x0) ? localProjection((x0 + x1) / 2, (y0 + y1) / 2) : localProjection(0, 0);
}

/**
 * Inserts a vertex wherever a line endpoint touches another line's interior (when `own`), and where
 * one of the `cuts` points lies within cutTol of a line's interior (at its projection on the line).
 */
function splitAtEndpoints(lines: XY[][], snap: number, own: boolean, cuts: readonly XY[] = [], cutTol = snap): XY[][] {
  const segs: [number, number][] = [];
  lines.forEach((l, li) => { for (let i = 0; i + 1 < l.length; i++) segs.push([li, i]); });
  if (segs.length === 0) return lines;
  const index = new Flatbush(segs.length);
  for (const [li, i] of segs) {
    const a = (lines[li] as XY[])[i] as XY, b = (lines[li] as XY[])[i + 1] as XY;
    index.add(Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[0], b[0]), Math.max(a[1], b[1]));
  }
  index.finish();
  // Per segment: inserted points with their parameter along the segment.
  const inserts = new Map<number, { t: number; p: XY }[]>();
  const tryInsert = (p: XY, li: number, tol: number, onLine: boolean): void => {
    for (const s of index.search(p[0] - tol, p[1] - tol, p[0] + tol, p[1] + tol)) {
      const [sl, si] = segs[s] as [number, number];
      if (sl === li && (si === 0 || si === (lines[li] as XY[]).length - 2)) continue;
      const a = (lines[sl] as XY[])[si] as XY, b = (lines[sl] as XY[])[si + 1] as XY;
      const { d, t } = pointSegment(p, a, b);
      if (d > tol) continue;
      const segLen = Math.hypot(b[0] - a[0], b[1] - a[1]);
      if (t * segLen <= snap || (1 - t) * segLen <= snap) continue; // already at a vertex
      const list = inserts.get(s) ?? [];
      list.push({ t, p: onLine ? [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])] : p });
      inserts.set(s, list);
    }
  };
  if (own) {
    lines.forEach((l, li) => {
      for (const p of [l[0], l[l.length - 1]]) if (p && l.length >= 2) tryInsert(p, li, snap, false);
    });
  }
  for (const p of cuts) tryInsert(p, -1, cutTol, true);
  if (inserts.size === 0) return lines;
  let s = 0;
  return lines.map((l) => {
    const out: XY[] = [];
    for (let i = 0; i < l.length; i++) {
      out.push(l[i] as XY);
      if (i + 1 < l.length) {
        const extra = inserts.get(s++);
        if (extra) for (const x of extra.sort((u, v) => u.t - v.t)) out.push(x.p);
      }
    }
    return out;
  });
}

function flagExcluded(graph: StreetGraph, excluded: readonly (readonly Position[])[], tol: number): void {
  const segs: [XY, XY][] = [];
  for (const line of excluded) {
    const xy = line.map((p) => graph.projection.toXY(p));
    for (let i = 0; i + 1 < xy.length; i++) segs.push([xy[i] as XY, xy[i + 1] as XY]);
  }
  if (segs.length === 0) return;
  const index = new Flatbush(segs.length);
  for (const [a, b] of segs) index.add(Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[0], b[0]), Math.max(a[1], b[1]));
  index.finish();
  const near = (p: XY): boolean =>
    index.search(p[0] - tol, p[1] - tol, p[0] + tol, p[1] + tol).some((i) => {
      const [a, b] = segs[i] as [XY, XY];
      return pointSegment(p, a, b).d <= tol;
    });
  const { nodeXY } = graph;
  for (let e = 0; e < graph.edgeCount; e++) {
    const a = graph.edgeFrom[e] as number, b = graph.edgeTo[e] as number;
    const pa: XY = [nodeXY[2 * a] as number, nodeXY[2 * a + 1] as number];
    const pb: XY = [nodeXY[2 * b] as number, nodeXY[2 * b + 1] as number];
    // Both ends and the middle must lie on the excluded line: a side street that merely starts on
    // a blocked lane is not itself blocked.
    if (near([(pa[0] + pb[0]) / 2, (pa[1] + pb[1]) / 2]) && near(pa) && near(pb)) graph.edgeExcluded[e] = 1;
  }
}

/** Nearest point of the graph to a WGS-84 position, or null for an empty graph. */
export function snapToGraph(graph: StreetGraph, p: Position): GraphSnap | null {
  const index = graph.edgeIndex;
  if (!index) return null;
  const xy = graph.projection.toXY(p);
  const exact = (e: number): { d: number; t: number } => {
    const a = graph.edgeFrom[e] as number, b = graph.edgeTo[e] as number;
    return pointSegment(xy, [graph.nodeXY[2 * a] as number, graph.nodeXY[2 * a + 1] as number], [graph.nodeXY[2 * b] as number, graph.nodeXY[2 * b + 1] as number]);
  };
  // Box distance is a lower bound of the true distance: take the best of a few nearest boxes, then
  // look at every box within that distance to be sure none is closer.
  let best = -1, bestD = Infinity, bestT = 0;
  const consider = (e: number): void => {
    const r = exact(e);
    if (r.d < bestD || (r.d === bestD && e < best)) { best = e; bestD = r.d; bestT = r.t; }
  };
  for (const e of index.neighbors(xy[0], xy[1], 8)) consider(e);
  for (const e of index.search(xy[0] - bestD, xy[1] - bestD, xy[0] + bestD, xy[1] + bestD)) consider(e);
  if (best < 0) return null;
  return { edge: best, t: bestT, point: graph.projection.toLonLat(pointOnEdge(graph, best, bestT)), distance_m: bestD };
}

function pointOnEdge(graph: StreetGraph, e: number, t: number): XY {
  const a = graph.edgeFrom[e] as number, b = graph.edgeTo[e] as number;
  const ax = graph.nodeXY[2 * a] as number, ay = graph.nodeXY[2 * a + 1] as number;
  return [ax + t * ((graph.nodeXY[2 * b] as number) - ax), ay + t * ((graph.nodeXY[2 * b + 1] as number) - ay)];
}

/** The WGS-84 position of node i. */
export function nodeLonLat(graph: StreetGraph, i: number): [number, number] {
  return graph.projection.toLonLat([graph.nodeXY[2 * i] as number, graph.nodeXY[2 * i + 1] as number]);
}

interface Search { dist: Float64Array; via: Int32Array }

/** Dijkstra from several start nodes with initial costs; stops once `done(d)` says nothing better can come. */
function dijkstra(graph: StreetGraph, starts: readonly [number, number][], avoid: boolean, stopAt: (node: number, d: number) => boolean): Search {
  const dist = new Float64Array(graph.nodeCount).fill(Infinity);
  const via = new Int32Array(graph.nodeCount).fill(-1);
  const queue = new TinyQueue<[number, number]>([], (a, b) => a[1] - b[1]);
  for (const [n, c] of starts) if (c < (dist[n] as number)) { dist[n] = c; queue.push([n, c]); }
  for (let item = queue.pop(); item; item = queue.pop()) {
    const [n, d] = item;
    if (d > (dist[n] as number)) continue; // stale entry
    if (stopAt(n, d)) break;
    for (let k = graph.adjStart[n] as number, end = graph.adjStart[n + 1] as number; k < end; k++) {
      const e = graph.adjEdge[k] as number;
      if (avoid && graph.edgeExcluded[e]) continue;
      const m = graph.edgeFrom[e] === n ? (graph.edgeTo[e] as number) : (graph.edgeFrom[e] as number);
      const nd = d + (graph.edgeLength[e] as number);
      if (nd < (dist[m] as number)) { dist[m] = nd; via[m] = e; queue.push([m, nd]); }
    }
  }
  return { dist, via };
}

function walkBack(graph: StreetGraph, search: Search, end: number): { nodes: number[]; edges: number[] } {
  const nodes = [end];
  const edges: number[] = [];
  for (let n = end, e = search.via[n] as number; e >= 0; e = search.via[n] as number) {
    edges.push(e);
    n = graph.edgeFrom[e] === n ? (graph.edgeTo[e] as number) : (graph.edgeFrom[e] as number);
    nodes.push(n);
  }
  return { nodes: nodes.reverse(), edges: edges.reverse() };
}

/** Shortest path between two nodes, or null when none exists. */
export function shortestPath(graph: StreetGraph, fromNode: number, toNode: number, options: RouteOptions = {}): Route | null {
  const avoid = options.avoidExcluded ?? true;
  const search = dijkstra(graph, [[fromNode, 0]], avoid, (n) => n === toNode);
  const length = search.dist[toNode] as number;
  if (!Number.isFinite(length)) return null;
  const { nodes, edges } = walkBack(graph, search, toNode);
  return { coordinates: nodes.map((n) => nodeLonLat(graph, n)), length_m: length, edges };
}

/**
 * Shortest street route between two WGS-84 positions. Each end is snapped to its nearest edge (on
 * the full graph, so both variants start and end at the same places); the route runs along the
 * network between the snapped points. When avoiding excluded edges and an end snaps onto one, there
 * is no route (the premise fronts a blocked lane): null.
 */
export function routeBetween(graph: StreetGraph, from: Position, to: Position, options: RouteOptions = {}): (Route & { from: GraphSnap; to: GraphSnap }) | null {
  const avoid = options.avoidExcluded ?? true;
  const s = snapToGraph(graph, from);
  const t = snapToGraph(graph, to);
  if (!s || !t) return null;
  if (avoid && (graph.edgeExcluded[s.edge] || graph.edgeExcluded[t.edge])) return null;
  const lenS = graph.edgeLength[s.edge] as number, lenT = graph.edgeLength[t.edge] as number;
  const sa = graph.edgeFrom[s.edge] as number, sb = graph.edgeTo[s.edge] as number;
  const ta = graph.edgeFrom[t.edge] as number, tb = graph.edgeTo[t.edge] as number;
  const targets = new Map<number, number>([[ta, t.t * lenT], [tb, (1 - t.t) * lenT]]);
  let bestTotal = Infinity, bestNode = -1;
  if (s.edge === t.edge) bestTotal = Math.abs(s.t - t.t) * lenS; // straight along the shared edge
  const search = dijkstra(graph, [[sa, s.t * lenS], [sb, (1 - s.t) * lenS]], avoid, (n, d) => {
    if (d >= bestTotal) return true;
    const extra = targets.get(n);
    if (extra !== undefined && d + extra < bestTotal) { bestTotal = d + extra; bestNode = n; }
    return false;
  });
  if (!Number.isFinite(bestTotal)) return null;
  const base = { from: s, to: t, length_m: bestTotal };
  if (bestNode < 0) return { ...base, coordinates: [s.point, t.point], edges: [s.edge] };
  const { nodes, edges } = walkBack(graph, search, bestNode);
  const first = nodes[0] as number;
  const coordinates: [number, number][] = [s.point, ...nodes.map((n) => nodeLonLat(graph, n)), t.point];
  // The partial edges at both ends belong to the route too.
  const all = [...(first === sa || first === sb ? [s.edge] : []), ...edges, t.edge];
  return { ...base, coordinates, edges: all.filter((e, i) => all.indexOf(e) === i) };
}
