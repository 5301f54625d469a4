/**
 * Network (street) hydrant coverage: hose is laid along streets, not through buildings (GB 50974-2014
 * §7.2.5 radius, measured the honest way). For each target: the distance along the street graph from
 * the nearest counted hydrant's snap point to the target's front (the point of the street graph nearest
 * the footprint), cut off at the radius; plus the straight-line figures of hydrantCoverage.
 *
 * How: one street graph (blocked lanes optional, excluded edges never used); hydrants and fronts snapped
 * to the nearest usable edge within maxSnap_m; the graph split at the hydrants' snap points; ONE
 * multi-source Dijkstra from all counted hydrants at once with a cutoff at the radius; each front then
 * reads its distance from the two nodes of the sub-edge it lies on.
 *
 * Not added to network_distance_m: the hydrant's own offset from the centre line (0.5–2 m from the road
 * edge, §7.2.6) and the front gap (reported separately as front_gap_m).
 */
import type { Feature, FeatureCollection, LineString, MultiLineString, Point } from 'geojson';
import type { LocalProjection } from './geo.ts';
import { distanceAt, graphFromRoads, multiSourceDijkstra, preferNamedRoad, snapMany, splitGraph, type RoadGraph } from './network.ts';
import { prepareTargets, straightCoverage, type HydrantCoverageProps, type HydrantStatus, type Targets, type TargetGeometry } from './hydrant-coverage.ts';
import { roundTo } from './packed.ts';
import { DEFAULT_RULES, type Rules } from './rules.ts';
import { COLOURS, projectionFor, requireCollection, requirePositive } from './common.ts';
import type { HydrantProps, RoadProps } from '../sources/contract/types.ts';

export type Lines = FeatureCollection<LineString | MultiLineString, unknown>;

export interface HydrantNetworkOptions {
  /** Protection radius in metres along the street (default rules.hydrant.protection_radius_m, 150). */
  radius_m?: number;
  /** Hydrant statuses that count (default ['in_service']). */
  countStatuses?: readonly HydrantStatus[];
  /** Lanes whose street edges are not used (default none; see blockedLanes() to pick them by status). */
  blocked?: Lines;
  /** Hydrants and footprints farther than this from every usable street are off the network (default 50 m). */
  maxSnap_m?: number;
  rules?: Rules;
  /** A graph built beforehand by graphFromRoads from these roads and blocked lanes (skips building one). */
  graph?: RoadGraph;
  /** Projection to metres (default: centred on targets, hydrants and roads). */
  projection?: LocalProjection;
}

export interface HydrantNetworkProps extends HydrantCoverageProps {
  /** Metres along streets from the nearest counted hydrant to the front, or null beyond the radius or off the network. */
  network_distance_m: number | null;
  /** That hydrant, or null. */
  network_hydrant: string | null;
  /** network_distance_m ≤ radius_m. */
  covered_network: boolean;
  /** Metres from the footprint to its front on the street graph, or null when no usable street is within maxSnap_m. */
  front_gap_m: number | null;
}

/**
 * Network coverage of each target; geometry kept, coloured by covered_network (green), covered only
 * in a straight line (orange) or not at all (vermillion).
 * @example hydrantNetworkCoverage(buildings, hydrants, roads, { blocked: blockedLanes(fireLanes) })
 */
export function hydrantNetworkCoverage(
  targets: Targets,
  hydrants: FeatureCollection<Point, HydrantProps>,
  roads: FeatureCollection<LineString | MultiLineString, RoadProps>,
  options: HydrantNetworkOptions = {},
): FeatureCollection<TargetGeometry, HydrantNetworkProps> {
  requireCollection('targets', targets);
  requireCollection('hydrants', hydrants);
  requireCollection('roads', roads);
  const rules = options.rules ?? DEFAULT_RULES;
  const radius = options.radius_m ?? rules.hydrant.protection_radius_m.value;
  const maxSnap = options.maxSnap_m ?? 50;
  requirePositive('radius_m', radius);
  requirePositive('maxSnap_m', maxSnap);
  const statuses = options.countStatuses ?? ['in_service'];
  const proj = options.graph?.graph.projection ?? options.projection ?? projectionFor(targets.features, hydrants.features, roads.features);
  const T = prepareTargets(targets.features, proj);
  const S = straightCoverage(T, hydrants.features, radius, statuses, proj, rules.hydrant.protection_radius_m.clause);

  const { graph, edgeFeature } = options.graph ?? graphFromRoads(roads.features, options.blocked?.features ?? [], proj);
  const counted = hydrants.features.filter((h) => h.geometry?.type === 'Point' && statuses.includes(h.properties.status));
  const hxy = new Float64Array(2 * counted.length);
  counted.forEach((h, k) => { const p = proj.toXY(h.geometry.coordinates); hxy[2 * k] = p[0]; hxy[2 * k + 1] = p[1]; });
  const prefer = preferNamedRoad(counted.map((h) => h.properties.road), roads.features.map((r) => r.properties.name), edgeFeature);
  const hSnaps = snapMany(graph, counted.length, { xy: hxy }, maxSnap, { skipExcluded: true, prefer });
  const split = splitGraph(graph, hSnaps, true);
  const search = multiSourceDijkstra(split, split.placeNode, radius);

  const pointXY = new Float64Array(2 * targets.features.length).fill(NaN);
  targets.features.forEach((_, i) => { if (T.isPoint[i]) { pointXY[2 * i] = T.cx[i] as number; pointXY[2 * i + 1] = T.cy[i] as number; } });
  // Footprints snap by their nearest point; point targets by themselves (their packed feature is empty).
  const fronts = snapMany(graph, targets.features.length, { packed: T.packed }, maxSnap, { skipExcluded: true });
  const pointFronts = snapMany(graph, targets.features.length, { xy: pointXY }, maxSnap, { skipExcluded: true });

  const at = { d: Infinity, origin: -1 };
  const features = targets.features.map((f, i): Feature<TargetGeometry, HydrantNetworkProps> => {
    const snaps = T.isPoint[i] ? pointFronts : fronts;
    const e = snaps.edge[i] as number;
    at.d = Infinity; at.origin = -1;
    if (e >= 0) distanceAt(split, search, e, snaps.t[i] as number, at);
    const d = at.d, origin = at.origin;
    const coveredNetwork = d <= radius;
    const nearest = S.nearest[i] as number, best = S.distance[i] as number, covered = best <= radius, othersIn = S.othersIn[i] as number;
    const colour = coveredNetwork ? COLOURS.ok : covered ? COLOURS.deficient : COLOURS.major;
    // One object literal with every key (style for points and areas alike): one shape for 100k features.
    const props: HydrantNetworkProps = {
      id: f.properties.id, nearest_hydrant: nearest >= 0 ? (S.ids[nearest] as string) : null, distance_m: nearest >= 0 ? roundTo(best) : null, covered,
      covered_only_by_out_of_service: !covered && othersIn > 0, hydrants_in_radius: S.inRadius[i] as number, out_of_service_in_radius: othersIn,
      radius_m: radius, clause: S.clause,
      network_distance_m: coveredNetwork ? roundTo(d) : null, network_hydrant: coveredNetwork && origin >= 0 ? (counted[origin]?.properties.id ?? null) : null,
      covered_network: coveredNetwork, front_gap_m: e >= 0 ? roundTo(snaps.gap[i] as number) : null,
      stroke: colour, 'stroke-width': 1, fill: colour, 'fill-opacity': 0.5, 'marker-color': colour,
    };
    return { type: 'Feature', geometry: f.geometry, properties: props };
  });
  return { type: 'FeatureCollection', features };
}

/**
 * The lanes to leave out of routing: fire lanes whose status is in `statuses` (default blocked and
 * partly blocked, as a fire engine cannot count on passing either).
 * @example hydrantNetworkCoverage(buildings, hydrants, roads, { blocked: blockedLanes(fireLanes, ['blocked']) })
 */
export function blockedLanes<P extends { status: string }>(
  lanes: FeatureCollection<LineString | MultiLineString, P>,
  statuses: readonly string[] = ['blocked', 'partly_blocked'],
): FeatureCollection<LineString | MultiLineString, P> {
  return { type: 'FeatureCollection', features: lanes.features.filter((l) => statuses.includes(l.properties.status)) };
}
