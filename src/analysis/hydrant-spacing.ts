/**
 * Hydrant spacing along roads (GB 50974-2014 §7.2.5: municipal hydrants at most 120 m apart).
 *
 * "Consecutive" on a network: two hydrants are neighbours when the street between them is nearer to
 * them than to any other hydrant (they meet in the network Voronoi diagram). One multi-source Dijkstra
 * from all counted hydrants labels every street node with its nearest hydrant; wherever a street edge
 * joins the areas of two hydrants, the path hydrant → edge → hydrant is their spacing along the road
 * (the shortest such path for each pair). Pairs farther apart than spacing_m are reported as
 * LineStrings along that path. Equivalently: somewhere between them lies a stretch of road more than
 * spacing_m / 2 from every hydrant. Roads with no counted hydrant on their whole connected network are
 * reported too (kind 'no_hydrant'), one feature per input road line.
 */
import type { Feature, FeatureCollection, LineString, MultiLineString, Point, Position } from 'geojson';
import type { LocalProjection } from './geo.ts';
import { graphFromRoads, multiSourceDijkstra, preferNamedRoad, snapMany, splitGraph, type RoadGraph, type Search, type SplitGraph } from './network.ts';
import { roundTo, toLonLatRounded } from './packed.ts';
import { DEFAULT_RULES, type Rules } from './rules.ts';
import { COLOURS, projectionFor, requireCollection, requirePositive, type SimpleStyle } from './common.ts';
import type { Lines } from './hydrant-network.ts';
import type { HydrantStatus } from './hydrant-coverage.ts';
import type { HydrantProps, RoadProps } from '../sources/contract/types.ts';
import type { EnumOf } from '../sources/contract/enums.ts';

export type RoadClass = EnumOf<'road_class'>;
const MUNICIPAL: readonly RoadClass[] = ['arterial', 'collector', 'local'];

export interface HydrantSpacingOptions {
  /** Largest allowed spacing along roads (default rules.hydrant.spacing_m, 120). */
  spacing_m?: number;
  /** Hydrant statuses that count (default ['in_service']). */
  countStatuses?: readonly HydrantStatus[];
  /** Lanes whose street edges are not used (default none). */
  blocked?: Lines;
  /** Hydrants farther than this from every street are left out (default 50 m). */
  maxSnap_m?: number;
  /**
   * Road classes the spacing rule applies to (default municipal roads: arterial, collector, local).
   * Alleys and service roads inside compounds are not where municipal hydrants stand; include them to
   * see how far their inner stretches lie from any hydrant.
   */
  roadClasses?: readonly RoadClass[];
  /** Report roads with no counted hydrant on their connected network (default true). */
  noHydrant?: boolean;
  rules?: Rules;
  /** A graph built beforehand by graphFromRoads from exactly the roads of roadClasses, in order (skips building one). */
  graph?: RoadGraph;
  /** Projection to metres (default: centred on hydrants and roads). */
  projection?: LocalProjection;
}

export interface HydrantSpacingProps extends SimpleStyle {
  kind: 'gap' | 'no_hydrant';
  /** Hydrant ids at both ends (a < b), null for 'no_hydrant'. */
  a: string | null;
  b: string | null;
  /** Length along the roads between them (0.01), or the road line's length for 'no_hydrant'. */
  length_m: number;
  spacing_m: number;
  clause: string;
  /** The input road's id for 'no_hydrant', else null. */
  road: string | null;
}

/**
 * Gaps in hydrant spacing along the street network, vermillion lines from hydrant to hydrant.
 * @example hydrantSpacing(hydrants, roads).features.filter((f) => f.properties.kind === 'gap')
 */
export function hydrantSpacing(
  hydrants: FeatureCollection<Point, HydrantProps>,
  roads: FeatureCollection<LineString | MultiLineString, RoadProps>,
  options: HydrantSpacingOptions = {},
): FeatureCollection<LineString, HydrantSpacingProps> {
  requireCollection('hydrants', hydrants);
  requireCollection('roads', roads);
  const rules = options.rules ?? DEFAULT_RULES;
  const spacing = options.spacing_m ?? rules.hydrant.spacing_m.value;
  const maxSnap = options.maxSnap_m ?? 50;
  requirePositive('spacing_m', spacing);
  requirePositive('maxSnap_m', maxSnap);
  const statuses = options.countStatuses ?? ['in_service'];
  const proj = options.graph?.graph.projection ?? options.projection ?? projectionFor(hydrants.features, roads.features);
  const classes = options.roadClasses ?? MUNICIPAL;
  const used: FeatureCollection<LineString | MultiLineString, RoadProps> = { type: 'FeatureCollection', features: roads.features.filter((r) => classes.includes(r.properties.class)) };
  const roadGraph = options.graph ?? graphFromRoads(used.features, options.blocked?.features ?? [], proj);
  const graph = roadGraph.graph;
  const counted = hydrants.features.filter((h) => h.geometry?.type === 'Point' && statuses.includes(h.properties.status));
  const xy = new Float64Array(2 * counted.length);
  counted.forEach((h, k) => { const p = proj.toXY(h.geometry.coordinates); xy[2 * k] = p[0]; xy[2 * k + 1] = p[1]; });
  const prefer = preferNamedRoad(counted.map((h) => h.properties.road), used.features.map((r) => r.properties.name), roadGraph.edgeFeature);
  const split = splitGraph(graph, snapMany(graph, counted.length, { xy }, maxSnap, { skipExcluded: true, prefer }), true);
  const search = multiSourceDijkstra(split, split.placeNode);
  const clause = rules.hydrant.spacing_m.clause;
  const ids = counted.map((h) => h.properties.id);

  // The shortest meeting edge of every pair of neighbouring hydrants.
  const best = new Map<string, { len: number; u: number; v: number }>();
  for (let u = 0; u < split.nodeCount; u++) {
    const ou = search.origin[u] as number;
    if (ou < 0) continue;
    for (let k = split.adjStart[u] as number; k < (split.adjStart[u + 1] as number); k++) {
      const v = split.adjNode[k] as number, ov = search.origin[v] as number;
      if (ov < 0 || ov === ou || v < u) continue;
      const len = (search.dist[u] as number) + (split.adjLen[k] as number) + (search.dist[v] as number);
      const [lo, hi] = (ids[ou] as string) < (ids[ov] as string) ? [ou, ov] : [ov, ou];
      const key = `${lo}|${hi}`;
      const seen = best.get(key);
      if (!seen || len < seen.len) best.set(key, lo === ou ? { len, u, v } : { len, u: v, v: u });
    }
  }
  const features: Feature<LineString, HydrantSpacingProps>[] = [];
  const style: SimpleStyle = { stroke: COLOURS.major, 'stroke-width': 3 };
  for (const { len, u, v } of best.values()) {
    if (len <= spacing) continue;
    const a = ids[search.origin[u] as number] as string, b = ids[search.origin[v] as number] as string;
    const path = [...walk(search, u).reverse(), ...walk(search, v)];
    features.push({
      type: 'Feature', geometry: { type: 'LineString', coordinates: path.map((n) => nodeLonLat(split, proj, n)) },
      properties: { kind: 'gap', a, b, length_m: roundTo(len), spacing_m: spacing, clause, road: null, ...style },
    });
  }
  features.sort((x, y) => ((x.properties.a ?? '') + '|' + (x.properties.b ?? '') < (y.properties.a ?? '') + '|' + (y.properties.b ?? '') ? -1 : 1));
  if (options.noHydrant ?? true) features.push(...noHydrantRoads(used, roadGraph, split, search, spacing, clause));
  return { type: 'FeatureCollection', features };
}

/** Nodes from n back to the source it was reached from (n first). */
function walk(search: Search, n: number): number[] {
  const out = [n];
  for (let p = search.pred[n] as number; p >= 0; p = search.pred[p] as number) out.push(p);
  return out;
}

function nodeLonLat(split: SplitGraph, proj: LocalProjection, n: number): Position {
  return toLonLatRounded(proj, split.nodeXY[2 * n] as number, split.nodeXY[2 * n + 1] as number);
}

/** Input road lines none of whose usable edges any counted hydrant reaches. */
function noHydrantRoads(
  roads: FeatureCollection<LineString | MultiLineString, RoadProps>, { graph, edgeFeature }: RoadGraph, split: SplitGraph, search: Search, spacing: number, clause: string,
): Feature<LineString, HydrantSpacingProps>[] {
  const reached = new Uint8Array(roads.features.length), usable = new Uint8Array(roads.features.length);
  for (let e = 0; e < graph.edgeCount; e++) {
    if (split.skipExcluded && graph.edgeExcluded[e]) continue;
    const r = edgeFeature[e] as number;
    usable[r] = 1;
    if (Number.isFinite(search.dist[graph.edgeFrom[e] as number]) || Number.isFinite(search.dist[graph.edgeTo[e] as number])) reached[r] = 1;
  }
  const out: Feature<LineString, HydrantSpacingProps>[] = [];
  roads.features.forEach((f, r) => {
    if (!f.geometry || !usable[r] || reached[r]) return;
    const lines = f.geometry.type === 'LineString' ? [f.geometry.coordinates] : f.geometry.coordinates;
    for (const coordinates of lines) {
      let len = 0;
      for (let k = 1; k < coordinates.length; k++) {
        const [ax, ay] = graph.projection.toXY(coordinates[k - 1] as Position), [bx, by] = graph.projection.toXY(coordinates[k] as Position);
        len += Math.hypot(bx - ax, by - ay);
      }
      out.push({
        type: 'Feature', geometry: { type: 'LineString', coordinates },
        properties: { kind: 'no_hydrant', a: null, b: null, length_m: roundTo(len), spacing_m: spacing, clause, road: f.properties.id, stroke: COLOURS.out_of_service, 'stroke-width': 3 },
      });
    }
  });
  return out;
}
