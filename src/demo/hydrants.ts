/**
 * Municipal hydrants (市政消火栓) along the public streets: 85–118 m apart (GB 50974 asks ≤ 120 m),
 * 0.6–1.8 m from the kerb, with the odd missing one (a real ~200 m gap), a few at the mouths of the
 * village lanes, none deep in the village or on the industrial back lot. About one in ten is out of
 * service. `enforceGap` then makes sure a chosen building is beyond 150 m of every in-service
 * hydrant, by taking the nearest ones out of service (which is how such gaps arise).
 */
import type { EnumOf } from '../sources/contract/enums.ts';
import { cstMidnight, dayOf, isoDay } from './dates.ts';
import { nextId, type BlockRec, type BuildingRec, type TileCtx } from './model.ts';
import type { Rng } from './rng.ts';
import type { RoadRec } from './roads.ts';
import { add, cross, dist, inside, perp, scale, sub, unit, type V } from './shapes.ts';
import { pointPolygonDistanceXY } from '../analysis/geo.ts';

export type HydrantStatus = EnumOf<'hydrant_status'>;

/** A hydrant in local metres, before export. */
export interface HydrantRec {
  id: string;
  point: V;
  road: RoadRec;
  type: EnumOf<'hydrant_type'>;
  status: HydrantStatus;
  pressure?: number;
  /** Epoch seconds of the IoT pressure reading. */
  pressureAt?: number;
  lastInspected: string;
  iot: boolean;
}

const OUT_OF_SERVICE: readonly (readonly [HydrantStatus, number])[] = [['damaged', 3], ['no_water', 2], ['low_pressure', 3], ['obstructed', 2]];

/** Hydrants along the public streets and industrial roads of a tile (none on the back lot). */
export function buildHydrants(ctx: TileCtx, asOf: string, centre: V, junctions: readonly V[], backLot: BlockRec | undefined): HydrantRec[] {
  const rng = ctx.rng.fork('hydrants');
  const out: HydrantRec[] = [];
  const asOfDay = dayOf(asOf);
  const readAt = cstMidnight(asOfDay) + 8 * 3600;
  const place = (road: RoadRec, p: V): void => {
    const status: HydrantStatus = rng.chance(0.89) ? 'in_service' : rng.chance(0.1) ? 'unknown' : rng.weighted(OUT_OF_SERVICE);
    const iot = rng.chance(0.2);
    const pressure = status === 'in_service' || status === 'obstructed' ? rng.float(0.18, 0.38)
      : status === 'low_pressure' ? rng.float(0.04, 0.12) : status === 'no_water' ? 0 : status === 'damaged' ? rng.float(0, 0.2) : undefined;
    out.push({
      id: nextId(ctx, 'XHS', 4), point: p, road, status, iot,
      type: rng.weighted([['above_ground', 70], ['below_ground', 28], ['unknown', 2]] as const),
      ...(pressure !== undefined && (iot || rng.chance(0.6)) ? { pressure: Math.round(pressure * 100) / 100 } : {}),
      ...(iot && pressure !== undefined ? { pressureAt: readAt - rng.int(60, 3600) } : {}),
      lastInspected: isoDay(asOfDay - rng.int(5, 240)),
    });
  };
  for (const road of ctx.net.roads) {
    const street = road.cls === 'arterial' || road.cls === 'collector' || (road.cls === 'local' && !road.lane);
    const industrial = road.lane?.kind === 'industrial' && !(backLot && inside(road.pts[0] as V, backLot.quad) && inside(road.pts[road.pts.length - 1] as V, backLot.quad));
    if (street || industrial) alongRoad(road, rng, centre, junctions, place);
    else if (road.lane?.kind === 'village_main' && rng.chance(0.5)) {
      // One hydrant just inside the mouth of some village lanes.
      const [a, b] = road.pts as [V, V];
      const d = unit(sub(b, a));
      place(road, add(add(a, scale(d, rng.float(12, 25))), scale(perp(d), road.width / 2 + 0.5)));
    }
  }
  return out;
}

function alongRoad(road: RoadRec, rng: Rng, centre: V, junctions: readonly V[], place: (r: RoadRec, p: V) => void): void {
  const pts = road.pts;
  const first = pts[0] as V, last = pts[pts.length - 1] as V;
  // Keep to the side facing the tile centre, so boundary streets put hydrants inside the district.
  const side = cross(sub(last, first), sub(centre, first)) >= 0 ? 1 : -1;
  let next = rng.float(10, 60);
  let walked = 0;
  for (let k = 0; k + 1 < pts.length; k++) {
    const a = pts[k] as V, b = pts[k + 1] as V;
    const l = dist(a, b);
    const d = unit(sub(b, a));
    while (next <= walked + l) {
      const p = add(add(a, scale(d, next - walked)), scale(perp(d), side * (road.width / 2 + rng.float(0.6, 1.8))));
      if (!junctions.some((j) => dist(j, p) < 20)) place(road, p);
      next += rng.float(85, 118) + (rng.chance(0.05) ? rng.float(60, 110) : 0);
    }
    walked += l;
  }
}

/** Distance from a building's footprint to the nearest in-service hydrant. */
export function nearestInService(b: BuildingRec, hydrants: readonly HydrantRec[]): number {
  let best = Infinity;
  for (const h of hydrants) {
    if (h.status !== 'in_service') continue;
    if (Math.abs(h.point[0] - b.centroid[0]) > best + 100 || Math.abs(h.point[1] - b.centroid[1]) > best + 100) continue;
    best = Math.min(best, pointPolygonDistanceXY(h.point, [b.ring]));
  }
  return best;
}

/**
 * The candidate farthest from in-service hydrants, pushed beyond `minGap` metres by taking the
 * hydrants within reach out of service. Returns the building and its final distance.
 */
export function enforceGap(candidates: readonly BuildingRec[], hydrants: HydrantRec[], minGap: number, rng: Rng): { building: BuildingRec; distance: number } | null {
  let pick: BuildingRec | null = null;
  let far = -1;
  for (const b of candidates) {
    const d = nearestInService(b, hydrants);
    if (d > far) { far = d; pick = b; }
  }
  if (!pick) return null;
  for (let guard = 0; guard < 20 && nearestInService(pick, hydrants) < minGap; guard++) {
    for (const h of hydrants) {
      if (h.status !== 'in_service' || pointPolygonDistanceXY(h.point, [pick.ring]) >= minGap) continue;
      h.status = rng.weighted(OUT_OF_SERVICE);
      if (h.pressure !== undefined && (h.status === 'no_water' || h.status === 'low_pressure')) h.pressure = h.status === 'no_water' ? 0 : 0.08;
    }
  }
  return { building: pick, distance: nearestInService(pick, hydrants) };
}
