/**
 * Network helpers over a StreetGraph (street-graph.ts) for the coverage analyses: snapping many points
 * or footprints at once, a graph with the snapped points inserted as nodes, and a multi-source Dijkstra
 * with a cutoff on typed arrays (one pass from all hydrants or stations, not one per source).
 *
 * Order matters: snap first (on the full graph or skipping excluded edges), then split the graph at
 * the snapped sources, then search; distances at any other snapped place (a building's front) are
 * read afterwards with `distanceAt`, from the two nodes of the sub-edge it lies on.
 */
import type { Position } from 'geojson';
import { buildStreetGraph, type StreetGraph } from './street-graph.ts';
import type { LocalProjection } from './geo.ts';
import { featureSegmentDistance, type PackedPolygons } from './packed.ts';

/** Snapped places: edge (-1 when nothing within reach), fraction t from the edge's `from` node, gap in metres. */
export interface Snaps {
  edge: Int32Array;
  t: Float64Array;
  gap: Float64Array;
}

/** A street graph with, for each edge, the index of the road feature it comes from. */
export interface RoadGraph {
  graph: StreetGraph;
  edgeFeature: Int32Array;
}

type LineFeature = { geometry: { type: 'LineString'; coordinates: Position[] } | { type: 'MultiLineString'; coordinates: Position[][] } | null };

/**
 * A graph from roads given as LineString / MultiLineString features, with `blocked` lines flagged as
 * excluded; `edgeFeature[e]` is the index of the road feature edge e comes from.
 * @example const rg = graphFromRoads(roads.features, blockedLanes(lanes).features, projectionFor(roads.features)); hydrantNetworkCoverage(b, h, roads, { graph: rg })
 */
export function graphFromRoads(roads: readonly LineFeature[], blocked: readonly LineFeature[], projection: LocalProjection): RoadGraph {
  const lineFeature: number[] = [];
  const lines = roads.flatMap((f, r) => {
    const ls = !f.geometry ? [] : f.geometry.type === 'LineString' ? [f.geometry.coordinates] : f.geometry.coordinates;
    for (let k = 0; k < ls.length; k++) lineFeature.push(r);
    return ls;
  });
  const excluded = blocked.flatMap((f) => (!f.geometry ? [] : f.geometry.type === 'LineString' ? [f.geometry.coordinates] : f.geometry.coordinates));
  const graph = buildStreetGraph(lines, { projection, excluded });
  const edgeFeature = new Int32Array(graph.edgeCount);
  for (let e = 0; e < graph.edgeCount; e++) edgeFeature[e] = lineFeature[graph.edgeLine[e] as number] as number;
  return { graph, edgeFeature };
}

function edgeEnds(g: StreetGraph, e: number): [number, number, number, number] {
  const a = g.edgeFrom[e] as number, b = g.edgeTo[e] as number;
  return [g.nodeXY[2 * a] as number, g.nodeXY[2 * a + 1] as number, g.nodeXY[2 * b] as number, g.nodeXY[2 * b + 1] as number];
}

/**
 * Snaps each place to its nearest usable edge within maxSnap_m. A place is a point (xy[2k], xy[2k+1])
 * or, when `packed` is given, feature k of it (nearest point of the footprint). The search starts at
 * `firstReach_m` and widens to maxSnap_m only when nothing is that close, which keeps dense inputs fast.
 * With `prefer`, edges it accepts are tried first (e.g. the road a hydrant names), then any edge.
 * @example const snaps = snapMany(graph, n, { xy }, 50, { skipExcluded: true }); snaps.edge[k] // -1 when nothing within 50 m
 */
export function snapMany(
  g: StreetGraph,
  count: number,
  place: { xy?: Float64Array; packed?: PackedPolygons },
  maxSnap_m: number,
  options: { skipExcluded?: boolean; firstReach_m?: number; prefer?: (k: number, edge: number) => boolean } = {},
): Snaps {
  const snaps: Snaps = { edge: new Int32Array(count).fill(-1), t: new Float64Array(count), gap: new Float64Array(count).fill(Infinity) };
  const index = g.edgeIndex;
  if (!index) return snaps;
  const skip = options.skipExcluded ?? false;
  const out = new Float64Array(2);
  const reaches = [Math.min(options.firstReach_m ?? 20, maxSnap_m), maxSnap_m];
  let k = 0, best = Infinity, bestEdge = -1, bestT = 0, preferring = false;
  const prefer = options.prefer;
  const nodeXY = g.nodeXY;
  const visit = (e: number): boolean => {
    if (skip && g.edgeExcluded[e]) return false;
    if (preferring && !(prefer as (k: number, edge: number) => boolean)(k, e)) return false;
    const a = g.edgeFrom[e] as number, b = g.edgeTo[e] as number;
    const ax = nodeXY[2 * a] as number, ay = nodeXY[2 * a + 1] as number, bx = nodeXY[2 * b] as number, by = nodeXY[2 * b + 1] as number;
    let d: number;
    if (place.packed) d = featureSegmentDistance(place.packed, k, ax, ay, bx, by, out, best);
    else {
      const px = place.xy?.[2 * k] as number, py = place.xy?.[2 * k + 1] as number, dx = bx - ax, dy = by - ay, len2 = dx * dx + dy * dy;
      let t = len2 > 0 ? ((px - ax) * dx + (py - ay) * dy) / len2 : 0;
      t = t < 0 ? 0 : t > 1 ? 1 : t;
      out[0] = ax + t * dx; out[1] = ay + t * dy;
      d = Math.hypot(px - (out[0] as number), py - (out[1] as number));
    }
    if (d < best) {
      const dx = bx - ax, dy = by - ay, len2 = dx * dx + dy * dy;
      best = d; bestEdge = e;
      bestT = len2 > 0 ? Math.min(1, Math.max(0, (((out[0] as number) - ax) * dx + ((out[1] as number) - ay) * dy) / len2)) : 0;
    }
    return false;
  };
  for (; k < count; k++) {
    let x0: number, y0: number, x1: number, y1: number;
    if (place.packed) {
      const b = place.packed.bbox;
      x0 = b[4 * k] as number; y0 = b[4 * k + 1] as number; x1 = b[4 * k + 2] as number; y1 = b[4 * k + 3] as number;
    } else {
      x0 = x1 = place.xy?.[2 * k] as number; y0 = y1 = place.xy?.[2 * k + 1] as number;
    }
    if (!Number.isFinite(x0) || !Number.isFinite(y0)) continue;
    best = Infinity; bestEdge = -1;
    // Preferred edges first (when asked), then any; each from the first reach, then the full one.
    for (let pass = prefer ? 0 : 1; pass < 2 && bestEdge < 0; pass++) {
      preferring = pass === 0;
      for (let q = 0; q < reaches.length && bestEdge < 0; q++) {
        const r = reaches[q] as number;
        best = r; // only edges nearer than the reach count
        index.search(x0 - r, y0 - r, x1 + r, y1 + r, visit);
      }
    }
    if (bestEdge >= 0) { snaps.edge[k] = bestEdge; snaps.t[k] = bestT; snaps.gap[k] = best; }
  }
  return snaps;
}

/** The street graph with snapped places inserted as nodes; excluded edges dropped when asked. */
export interface SplitGraph {
  nodeCount: number;
  nodeXY: Float64Array;
  adjStart: Uint32Array;
  adjNode: Uint32Array;
  adjLen: Float64Array;
  /** Node of inserted place k, or -1 when it did not snap. */
  placeNode: Int32Array;
  /** Inserted nodes along original edge e, in order of t: insNode / insT [insStart[e] .. insStart[e + 1]). */
  insStart: Uint32Array;
  insNode: Uint32Array;
  insT: Float64Array;
  base: StreetGraph;
  skipExcluded: boolean;
}

/** Splits the graph at the snapped places (each becomes a node of its own). * @example const split = splitGraph(graph, hydrantSnaps, true); multiSourceDijkstra(split, split.placeNode, 150)
 */
export function splitGraph(g: StreetGraph, snaps: Snaps, skipExcluded: boolean): SplitGraph {
  const E = g.edgeCount, N = g.nodeCount, M = snaps.edge.length;
  const insStart = new Uint32Array(E + 1);
  for (let k = 0; k < M; k++) { const e = snaps.edge[k] as number; if (e >= 0) insStart[e + 1] = (insStart[e + 1] as number) + 1; }
  for (let e = 0; e < E; e++) insStart[e + 1] = (insStart[e + 1] as number) + (insStart[e] as number);
  const total = insStart[E] as number;
  const fill = insStart.slice(0, E);
  const insPlace = new Uint32Array(total);
  for (let k = 0; k < M; k++) {
    const e = snaps.edge[k] as number;
    if (e < 0) continue;
    insPlace[fill[e] as number] = k;
    fill[e] = (fill[e] as number) + 1;
  }
  const insNode = new Uint32Array(total), insT = new Float64Array(total);
  const placeNode = new Int32Array(M).fill(-1);
  const nodeXY = new Float64Array(2 * (N + total));
  nodeXY.set(g.nodeXY);
  let next = N;
  for (let e = 0; e < E; e++) {
    const s = insStart[e] as number, end = insStart[e + 1] as number;
    if (s === end) continue;
    const list = Array.from(insPlace.subarray(s, end)).sort((a, b) => (snaps.t[a] as number) - (snaps.t[b] as number) || a - b);
    const [ax, ay, bx, by] = edgeEnds(g, e);
    list.forEach((k, x) => {
      const t = snaps.t[k] as number;
      insNode[s + x] = next; insT[s + x] = t; placeNode[k] = next;
      nodeXY[2 * next] = ax + t * (bx - ax); nodeXY[2 * next + 1] = ay + t * (by - ay);
      next++;
    });
  }
  // Sub-edges: from → inserted… → to along every usable edge.
  const from: number[] = [], to: number[] = [], len: number[] = [];
  for (let e = 0; e < E; e++) {
    if (skipExcluded && g.edgeExcluded[e]) continue;
    const L = g.edgeLength[e] as number;
    let prev = g.edgeFrom[e] as number, prevT = 0;
    for (let x = insStart[e] as number; x < (insStart[e + 1] as number); x++) {
      from.push(prev); to.push(insNode[x] as number); len.push(((insT[x] as number) - prevT) * L);
      prev = insNode[x] as number; prevT = insT[x] as number;
    }
    from.push(prev); to.push(g.edgeTo[e] as number); len.push((1 - prevT) * L);
  }
  const nodeCount = N + total;
  const adjStart = new Uint32Array(nodeCount + 1);
  for (let x = 0; x < from.length; x++) {
    adjStart[(from[x] as number) + 1] = (adjStart[(from[x] as number) + 1] as number) + 1;
    adjStart[(to[x] as number) + 1] = (adjStart[(to[x] as number) + 1] as number) + 1;
  }
  for (let v = 0; v < nodeCount; v++) adjStart[v + 1] = (adjStart[v + 1] as number) + (adjStart[v] as number);
  const pos = adjStart.slice(0, nodeCount);
  const adjNode = new Uint32Array(2 * from.length), adjLen = new Float64Array(2 * from.length);
  const put = (a: number, b: number, l: number): void => {
    const p = pos[a] as number;
    adjNode[p] = b; adjLen[p] = l; pos[a] = p + 1;
  };
  for (let x = 0; x < from.length; x++) { put(from[x] as number, to[x] as number, len[x] as number); put(to[x] as number, from[x] as number, len[x] as number); }
  return { nodeCount, nodeXY, adjStart, adjNode, adjLen, placeNode, insStart, insNode, insT, base: g, skipExcluded };
}

/** Result of a multi-source search: distance, which source reached each node, and the node it came from. */
export interface Search {
  dist: Float64Array;
  origin: Int32Array;
  pred: Int32Array;
}

/**
 * Dijkstra from many sources at once (source s starts at node sources[s] with cost initial[s], 0 by
 * default; a negative node is skipped), settling nodes only up to `cutoff` metres. Nodes beyond stay
 * at Infinity with origin -1.
 * @example const s = multiSourceDijkstra(split, hydrantNodes, 150); s.dist[node] // metres to the nearest hydrant
 */
export function multiSourceDijkstra(sg: SplitGraph, sources: ArrayLike<number>, cutoff = Infinity, initial?: ArrayLike<number>): Search {
  const n = sg.nodeCount;
  const dist = new Float64Array(n).fill(Infinity);
  const origin = new Int32Array(n).fill(-1);
  const pred = new Int32Array(n).fill(-1);
  const heap = new MinHeap(Math.max(16, sources.length));
  for (let s = 0; s < sources.length; s++) {
    const v = sources[s] as number, c = initial ? (initial[s] as number) : 0;
    if (v < 0 || !(c < (dist[v] as number)) || c > cutoff) continue;
    dist[v] = c; origin[v] = s; heap.push(v, c);
  }
  while (heap.size > 0) {
    const d = heap.peekKey();
    const v = heap.pop();
    if (d > (dist[v] as number)) continue; // stale
    for (let k = sg.adjStart[v] as number, end = sg.adjStart[v + 1] as number; k < end; k++) {
      const w = sg.adjNode[k] as number;
      const nd = d + (sg.adjLen[k] as number);
      if (nd < (dist[w] as number) && nd <= cutoff) { dist[w] = nd; origin[w] = origin[v] as number; pred[w] = v; heap.push(w, nd); }
    }
  }
  return { dist, origin, pred };
}

/**
 * Network distance from the search's sources to a place on original edge e at fraction t, and the
 * source it comes from: the better of the two nodes bounding the sub-edge that holds t. Pass `out` to
 * reuse one object in a hot loop.
 * @example distanceAt(split, search, fronts.edge[i], fronts.t[i]).d // metres from the nearest source, Infinity beyond the cutoff
 */
export function distanceAt(sg: SplitGraph, search: Search, e: number, t: number, out: { d: number; origin: number } = { d: Infinity, origin: -1 }): { d: number; origin: number } {
  const g = sg.base;
  if (sg.skipExcluded && g.edgeExcluded[e]) { out.d = Infinity; out.origin = -1; return out; }
  let left = g.edgeFrom[e] as number, leftT = 0, right = g.edgeTo[e] as number, rightT = 1;
  for (let x = sg.insStart[e] as number; x < (sg.insStart[e + 1] as number); x++) {
    const ti = sg.insT[x] as number;
    if (ti <= t) { left = sg.insNode[x] as number; leftT = ti; } else { right = sg.insNode[x] as number; rightT = ti; break; }
  }
  const L = g.edgeLength[e] as number;
  const dl = (search.dist[left] as number) + (t - leftT) * L, dr = (search.dist[right] as number) + (rightT - t) * L;
  if (dl <= dr) { out.d = dl; out.origin = search.origin[left] as number; } else { out.d = dr; out.origin = search.origin[right] as number; }
  return out;
}

/** A binary min-heap of node ids keyed by distance, on typed arrays (lazy deletion by the caller). */
class MinHeap {
  private keys: Float64Array;
  private vals: Uint32Array;
  size = 0;
  constructor(capacity: number) {
    this.keys = new Float64Array(capacity);
    this.vals = new Uint32Array(capacity);
  }
  push(v: number, key: number): void {
    if (this.size === this.keys.length) {
      const k = new Float64Array(2 * this.size), w = new Uint32Array(2 * this.size);
      k.set(this.keys); w.set(this.vals);
      this.keys = k; this.vals = w;
    }
    let i = this.size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if ((this.keys[p] as number) <= key) break;
      this.keys[i] = this.keys[p] as number; this.vals[i] = this.vals[p] as number; i = p;
    }
    this.keys[i] = key; this.vals[i] = v;
  }
  peekKey(): number {
    return this.keys[0] as number;
  }
  pop(): number {
    const top = this.vals[0] as number;
    const n = --this.size;
    if (n > 0) {
      const key = this.keys[n] as number, val = this.vals[n] as number;
      let i = 0;
      for (;;) {
        let c = 2 * i + 1;
        if (c >= n) break;
        if (c + 1 < n && (this.keys[c + 1] as number) < (this.keys[c] as number)) c++;
        if ((this.keys[c] as number) >= key) break;
        this.keys[i] = this.keys[c] as number; this.vals[i] = this.vals[c] as number; i = c;
      }
      this.keys[i] = key; this.vals[i] = val;
    }
    return top;
  }
}

/**
 * A `prefer` for snapMany: hydrant k prefers the edges of the road it names (`road` matched against
 * the roads' `name`), when it names one and such a road exists.
 */
export function preferNamedRoad(hydrantRoads: readonly (string | undefined)[], roadNames: readonly (string | undefined)[], edgeFeature: Int32Array): (k: number, e: number) => boolean {
  return (k, e) => {
    const want = hydrantRoads[k];
    return want !== undefined && roadNames[edgeFeature[e] as number] === want;
  };
}
