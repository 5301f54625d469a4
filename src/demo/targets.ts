/**
 * The blocked-lane target, made true on purpose and checked with the street graph: a fire lane on
 * the shortest street route from the fire station to a village premise is blocked (an illegal
 * structure on the route), and routing around blocked lanes then takes longer or cannot reach it.
 */
import type { Position } from 'geojson';
import type { LocalProjection } from '../analysis/geo.ts';
import { buildStreetGraph, routeBetween, type StreetGraph } from '../analysis/street-graph.ts';
import type { LaneRec } from './lanes.ts';
import type { PremiseRec } from './premises.ts';
import type { Rng } from './rng.ts';
import type { RoadRec } from './roads.ts';

/** The blocked-lane finding: the premise, the lane, and both route lengths. */
export interface RouteTarget {
  premise: PremiseRec;
  lane: LaneRec;
  length_m: number;
  /** Length when avoiding every lane that is not clear; null when the premise cannot be reached. */
  avoid_length_m: number | null;
}

const laneLines = (lanes: readonly LaneRec[], lineOf: (r: RoadRec) => Position[], which: (l: LaneRec) => boolean): Position[][] =>
  lanes.filter(which).map((l) => lineOf(l.road));

/**
 * Tries village premises (in a seeded order) until one works: routes from the station with every
 * road, picks the last village lane on the route that is not the premise's own frontage, blocks it
 * with an obstacle on the route, and keeps it when routing around blocked lanes gets longer or fails.
 */
export function makeRouteTarget(args: {
  roads: readonly RoadRec[]; lanes: LaneRec[]; lineOf: (r: RoadRec) => Position[]; station: Position;
  candidates: readonly PremiseRec[]; toLonLat: (p: PremiseRec) => Position; proj: LocalProjection; rng: Rng;
  block: (lane: LaneRec, at: Position) => void; unblock: (lane: LaneRec) => void;
}): RouteTarget | null {
  const roadLines = args.roads.map(args.lineOf);
  const laneByRoad = new Map<number, LaneRec>();
  args.roads.forEach((r, k) => {
    const lane = args.lanes.find((l) => l.road === r);
    if (lane) laneByRoad.set(k, lane);
  });
  const all: StreetGraph = buildStreetGraph(roadLines, { excluded: laneLines(args.lanes, args.lineOf, () => true), projection: args.proj });
  for (const premise of args.rng.shuffled(args.candidates).slice(0, 40)) {
    const to = args.toLonLat(premise);
    const route = routeBetween(all, args.station, to, { avoidExcluded: false });
    if (!route) continue;
    const frontage = all.edgeLine[route.to.edge];
    const onRoute = route.edges.filter((e) => all.edgeExcluded[e] && all.edgeLine[e] !== frontage);
    const lastEdge = [...onRoute].reverse().find((e) => laneByRoad.get(all.edgeLine[e] as number)?.kind.startsWith('village'));
    if (lastEdge === undefined) continue;
    const lane = laneByRoad.get(all.edgeLine[lastEdge] as number) as LaneRec;
    const a = all.edgeFrom[lastEdge] as number, b = all.edgeTo[lastEdge] as number;
    const mid = all.projection.toLonLat([((all.nodeXY[2 * a] as number) + (all.nodeXY[2 * b] as number)) / 2, ((all.nodeXY[2 * a + 1] as number) + (all.nodeXY[2 * b + 1] as number)) / 2]);
    args.block(lane, mid);
    const g = buildStreetGraph(roadLines, { excluded: laneLines(args.lanes, args.lineOf, (l) => l.status !== 'clear'), projection: args.proj });
    const withAll = routeBetween(g, args.station, to, { avoidExcluded: false });
    const avoiding = routeBetween(g, args.station, to, { avoidExcluded: true });
    const laneIndex = args.roads.indexOf(lane.road);
    const passes = withAll?.edges.some((e) => g.edgeExcluded[e] && g.edgeLine[e] === laneIndex) ?? false;
    if (withAll && passes && (avoiding === null || avoiding.length_m > withAll.length_m + 1)) {
      return { premise, lane, length_m: Math.round(withAll.length_m * 10) / 10, avoid_length_m: avoiding ? Math.round(avoiding.length_m * 10) / 10 : null };
    }
    args.unblock(lane);
  }
  return null;
}
