/**
 * Fire lanes (消防车通道): the village main lanes and widest alleys, compound loops, old-compound
 * lanes, industrial service roads and campus loops, each one lane with the road's geometry. About a
 * fifth are partly blocked or blocked by the obstacles the campaign names, each obstacle placed on
 * the lane; some clear lanes keep the record of an obstacle already removed.
 */
import type { EnumOf } from '../sources/contract/enums.ts';
import { dayOf, isoDay } from './dates.ts';
import type { TileCtx } from './model.ts';
import type { Rng } from './rng.ts';
import type { LaneKind, RoadRec } from './roads.ts';
import { dist, lerp, type V } from './shapes.ts';

export type ObstacleType = EnumOf<'obstacle_type'>;
export type LaneStatus = EnumOf<'lane_status'>;

/** An obstacle on a lane, position in local metres. */
export interface ObstacleRec {
  type: ObstacleType;
  reportedAt: string;
  source: EnumOf<'obstacle_source'>;
  removedAt?: string;
  at: V;
  note?: string;
}

/** A fire lane (the geometry of its road), before export. */
export interface LaneRec {
  id: string;
  road: RoadRec;
  kind: LaneKind;
  name: string;
  width: number;
  clearHeight: number;
  status: LaneStatus;
  obstacles: ObstacleRec[];
  agency: string;
  community: string;
  lastChecked: string;
}

/**
 * How likely a lane of each kind is to be obstructed, relative to the others (old compounds and
 * village alleys worst, campuses best). A fixed share of all lanes is obstructed, so every seed shows
 * the campaign's typical picture: about one lane in five, a bit more than half of those fully blocked.
 */
const BLOCKING_WEIGHT: Record<LaneKind, number> = { village_main: 1.2, village_alley: 1.4, compound: 0.8, old_compound: 1.6, industrial: 0.6, campus: 0.3 };
const OBSTRUCTED_SHARE = 0.18;
const BLOCKED_OF_OBSTRUCTED = 0.55;

const OBSTACLES: Record<LaneKind, readonly (readonly [ObstacleType, number])[]> = {
  village_main: [['illegal_structure', 3], ['stall', 3], ['iron_post', 1], ['concrete_block', 1], ['overhead_line', 1], ['billboard', 1], ['parked_vehicle', 2]],
  village_alley: [['illegal_structure', 3], ['stall', 2], ['iron_post', 1], ['overhead_line', 2], ['parked_vehicle', 1]],
  compound: [['parked_vehicle', 6], ['locked_gate', 2], ['iron_post', 1], ['concrete_block', 1]],
  old_compound: [['parked_vehicle', 6], ['illegal_structure', 2], ['iron_post', 1], ['stall', 1]],
  industrial: [['parked_vehicle', 4], ['illegal_structure', 2], ['other', 2]],
  campus: [['locked_gate', 3], ['parked_vehicle', 2]],
};
const NOTES: Partial<Record<ObstacleType, string>> = {
  illegal_structure: '违章搭建雨棚占用车道', stall: '占道摆摊经营', iron_post: '私设地桩', concrete_block: '设置水泥墩阻挡车辆',
  overhead_line: '架空线缆净高不足', billboard: '落地广告牌灯箱', parked_vehicle: '车辆长期占道停放', locked_gate: '消防车道大门锁闭', other: '堆放货物',
};

/** A point at fraction f along a polyline. */
export function alongLine(pts: readonly V[], f: number): V {
  const total = pts.reduce((s, p, k) => (k === 0 ? 0 : s + dist(pts[k - 1] as V, p)), 0);
  let left = total * f;
  for (let k = 0; k + 1 < pts.length; k++) {
    const l = dist(pts[k] as V, pts[k + 1] as V);
    if (left <= l) return lerp(pts[k] as V, pts[k + 1] as V, l === 0 ? 0 : left / l);
    left -= l;
  }
  return pts[pts.length - 1] as V;
}

/** An obstacle of a type usual for the lane's kind, reported (and maybe removed) on the given days. */
export function obstacle(rng: Rng, kind: LaneKind, at: V, reportedDay: number, removedDay?: number): ObstacleRec {
  const type = rng.weighted(OBSTACLES[kind]);
  return {
    type, at, reportedAt: isoDay(reportedDay), source: rng.weighted([['patrol', 5], ['report', 2], ['video', 2], ['inspection', 2]] as const),
    ...(removedDay !== undefined ? { removedAt: isoDay(removedDay) } : {}),
    ...(NOTES[type] ? { note: NOTES[type] } : {}),
  };
}

/** One fire lane per road marked as a lane, with status and obstacles. */
export function buildLanes(ctx: TileCtx, asOf: string): LaneRec[] {
  const rng = ctx.rng.fork('lanes');
  const day = dayOf(asOf);
  const out: LaneRec[] = [];
  const roads = ctx.net.roads.filter((r) => r.lane);
  // Weighted sampling without replacement (Efraimidis–Spirakis keys), then the first part blocked.
  const keyed = roads.map((r, k) => ({ k, key: Math.pow(rng.next(), 1 / BLOCKING_WEIGHT[(r.lane as { kind: LaneKind }).kind]) }));
  const chosen = keyed.sort((a, b) => b.key - a.key || a.k - b.k).slice(0, Math.round(OBSTRUCTED_SHARE * roads.length)).map((x) => x.k);
  const statusOf = new Map<number, LaneStatus>(chosen.map((k, rank) => [k, rank < Math.round(BLOCKED_OF_OBSTRUCTED * chosen.length) ? 'blocked' : 'partly_blocked']));
  let n = 0;
  for (const road of roads) {
    const lane = road.lane;
    if (!lane) continue;
    const status: LaneStatus = statusOf.get(n) ?? 'clear';
    const obstacles: ObstacleRec[] = [];
    if (status !== 'clear') {
      for (let k = rng.int(1, status === 'blocked' ? 3 : 2); k > 0; k--) obstacles.push(obstacle(rng, lane.kind, alongLine(road.pts, rng.float(0.1, 0.9)), day - rng.int(1, 90)));
    } else if (rng.chance(0.25)) {
      const reported = day - rng.int(30, 500);
      obstacles.push(obstacle(rng, lane.kind, alongLine(road.pts, rng.float(0.1, 0.9)), reported, Math.min(day - 1, reported + rng.int(1, 30))));
    }
    const overhead = obstacles.some((o) => o.type === 'overhead_line' && !o.removedAt);
    const agency = lane.kind === 'compound' || lane.kind === 'old_compound' ? `${lane.community}居委会、物业服务企业`
      : lane.kind.startsWith('village') ? `${lane.community}村委会` : lane.kind === 'industrial' ? `${ctx.streetOffice}综合执法队` : (lane.name ?? '').replace(/消防车道$/, '');
    out.push({
      id: `${ctx.prefix}L${String(++n).padStart(4, '0')}`, road, kind: lane.kind, name: lane.name ?? road.name ?? `${lane.community}消防车道`,
      width: road.width, clearHeight: overhead ? Math.round(rng.float(3.2, 3.9) * 10) / 10 : lane.kind.startsWith('village') ? Math.round(rng.float(3.6, 5) * 10) / 10 : 4.5,
      status, obstacles, agency, community: lane.community, lastChecked: isoDay(day - rng.int(1, 60)),
    });
  }
  return out;
}
