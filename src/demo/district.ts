/**
 * One tile: a whole fictional sub-district, from the road grid to the last alarm, in the order the
 * data depends on itself (roads → buildings → premises → grids, stations, hydrants, lanes → the
 * deliberate targets → hazards → IoT), then as GeoJSON features with the targets' ids.
 */
import type { Feature, Position } from 'geojson';
import type { LocalProjection } from '../analysis/geo.ts';
import { requiredSeparation } from '../analysis/rules.ts';
import { dayOf, isoDay } from './dates.ts';
import * as fx from './features.ts';
import { blockAtTemplate, buildGeography } from './geography.ts';
import { blockLocator, buildGrids, ringLocator } from './grids.ts';
import { buildAreas } from './areas.ts';
import { buildBase, type BaseFile } from './base.ts';
import { assignHazards } from './hazards.ts';
import { buildHydrants, enforceGap } from './hydrants.ts';
import { buildAlarms, buildSensors } from './iot.ts';
import { buildLanes, type LaneRec, type ObstacleRec } from './lanes.ts';
import type { BuildingRec, TileCtx } from './model.ts';
import { NameBook } from './names.ts';
import { buildPremises, THREE_IN_ONE_TARGETS, type PremiseRec } from './premises.ts';
import { createRng } from './rng.ts';
import { RoadNet, type RoadRec } from './roads.ts';
import { dist, type V } from './shapes.ts';
import { buildStations } from './stations.ts';
import { makeRouteTarget } from './targets.ts';
import { buildZones } from './buildings.ts';
import type { TileTargets } from './meta.ts';

/** Where and how to build one tile: its seed, id prefix, centre (local metres), flips, as-of date and projection. */
export interface TileSpec {
  seed: string;
  prefix: string;
  origin: V;
  flipX: boolean;
  flipY: boolean;
  asOf: string;
  proj: LocalProjection;
}

/** Contract kinds written as WGS-84 files with contract property names. */
export const CONTRACT_FILES = ['premises', 'hazard_areas', 'fire_lanes', 'hydrants', 'grids', 'stations', 'buildings', 'roads'] as const;
export type ContractFile = (typeof CONTRACT_FILES)[number];

/** One tile as features (contract kinds in WGS-84, IoT in the platform's own form), with its bbox and targets. */
export interface TileResult {
  contract: Record<ContractFile, Feature[]>;
  sensors: fx.PlatformFeature[];
  alarms: fx.PlatformFeature[];
  /** The base geography for the basemap (land use, water, places, admin areas), WGS-84. */
  base: Record<BaseFile, Feature[]>;
  bbox: [number, number, number, number];
  streetOffice: string;
  communities: string[];
  targets: TileTargets;
}

/** Generates one whole district. Pure apart from its inputs: the same spec gives the same result. */
export function generateTile(spec: TileSpec): TileResult {
  const rng = createRng(spec.seed);
  const names = new NameBook(rng.fork('names'));
  const ctx: TileCtx = {
    rng, names, net: new RoadNet(spec.prefix), prefix: spec.prefix, streetOffice: names.streetOffice(),
    blocks: [], communities: [], buildings: [], groups: [], pairs: [], counters: new Map(),
  };
  const geo = buildGeography(ctx, spec.origin, spec.flipX, spec.flipY);
  const { vacant } = buildZones(ctx, geo);
  const premises = buildPremises(ctx, spec.asOf, vacant);
  const asOfDay = dayOf(spec.asOf);

  const cells = buildGrids(ctx, geo);
  const cellAt = ringLocator(cells, (c) => c.ring);
  const blockAt = blockLocator(ctx.blocks);
  for (const p of premises) {
    const cell = cellAt(p.point);
    if (cell) p.gridId = cell.id;
    p.block = blockAt(p.point) ?? p.block;
  }
  addresses(ctx, premises);

  const stations = buildStations(ctx);
  const junctions = geo.grid.flat();
  const backLot = blockAtTemplate(ctx, geo, 5, 0);
  const hydrants = buildHydrants(ctx, spec.asOf, spec.origin, junctions, backLot);
  const gapRng = rng.fork('gaps');
  const villageGap = enforceGap(ctx.buildings.filter((b) => b.block.zone === 'village'), hydrants, 160, gapRng);
  const backLotGap = enforceGap(ctx.buildings.filter((b) => b.block === backLot), hydrants, 160, gapRng);
  const lanes = buildLanes(ctx, spec.asOf);

  const c = fx.converter(spec.proj);
  const roadLL = new Map<RoadRec, Position[]>(ctx.net.roads.map((r) => [r, r.pts.map(c.ll)]));
  const fireStation = stations.find((s) => s.kind === 'fire_station');
  const saved = new Map<LaneRec, { status: LaneRec['status']; obstacles: ObstacleRec[] }>();
  const route = fireStation ? makeRouteTarget({
    roads: ctx.net.roads, lanes, lineOf: (r) => roadLL.get(r) ?? [], station: c.ll(fireStation.point), proj: spec.proj, rng: rng.fork('route'),
    candidates: premises.filter((p) => p.block.zone === 'village' && p.categories.some((x) => x === 'three_in_one' || x === 'selfbuilt_workshop' || x === 'household_workshop')),
    toLonLat: (p) => c.ll(p.point),
    block: (lane, at) => {
      saved.set(lane, { status: lane.status, obstacles: [...lane.obstacles] });
      lane.status = 'blocked';
      lane.obstacles.push({ type: 'illegal_structure', at: spec.proj.toXY(at) as V, reportedAt: isoDay(asOfDay - 12), source: 'patrol', note: '违章搭建铁皮棚完全封堵村道' });
    },
    unblock: (lane) => {
      const s = saved.get(lane);
      if (s) Object.assign(lane, s);
    },
  }) : null;

  const agency = '市消防救援大队';
  const threeInOne = premises.filter((p) => p.building?.role === 'village_house' && p.categories.includes('three_in_one') && (p.residents ?? 0) > 0 && (p.building.grade ?? 2) >= 3).slice(0, THREE_IN_ONE_TARGETS);
  const factoryPremise = premises.find((p) => p.building === ctx.factoryCivil?.a);
  assignHazards(premises, spec.asOf, rng.fork('hazards'), { agency, ...(factoryPremise ? { factory: factoryPremise } : {}), ...(threeInOne[0] ? { threeInOne: threeInOne[0] } : {}) });

  const sensors = buildSensors(ctx, premises, hydrants, spec.asOf);
  const alarms = buildAlarms(ctx, sensors, spec.asOf);
  const sensorAt = new Map(sensors.map((s) => [s, fx.gcj(c.ll(s.point))]));
  const areas = buildAreas(ctx, geo, spec.asOf);
  const hydrantCommunity = (p: V): string | undefined => blockAt(p)?.community.name;

  // Everything lies within the outer grid roads; 30 m of margin covers their jitter.
  const xs = junctions.map((p) => p[0]), ys = junctions.map((p) => p[1]);
  const [w, s] = c.ll([Math.min(...xs) - 30, Math.min(...ys) - 30]);
  const [e, n] = c.ll([Math.max(...xs) + 30, Math.max(...ys) + 30]);
  const first = threeInOne[0];
  const overdue = first?.hazards.find((h) => h.severity === 'major' && h.status !== 'closed');
  const subject = (b: BuildingRec) => ({ use: b.use, height_m: b.height, ...(b.grade ? { fire_resistance_grade: b.grade } : {}), ...(b.hazardClass ? { fire_hazard_class: b.hazardClass } : {}) });
  const fc = ctx.factoryCivil;
  const targets: TileTargets = {
    factory_civil: fc ? { factory_building: fc.a.id, dwelling_building: fc.b.id, factory_premise: factoryPremise?.id ?? null, gap_m: fc.gap_m, ...req(fc.a, fc.b) } : null,
    separation_pairs: ctx.pairs.map((p) => ({ a: p.a.id, b: p.b.id, gap_m: p.gap_m, ...req(p.a, p.b), note: p.note })),
    three_in_one: threeInOne.map((p) => p.id),
    hydrant_gap: [
      ...(villageGap ? [{ building: villageGap.building.id, area: 'urban_village', distance_m: Math.round(villageGap.distance * 10) / 10 }] : []),
      ...(backLotGap ? [{ building: backLotGap.building.id, area: 'industrial_back_lot', distance_m: Math.round(backLotGap.distance * 10) / 10 }] : []),
    ],
    blocked_route: route && fireStation ? { station: fireStation.id, premise: route.premise.id, lane: route.lane.id, length_m: route.length_m, avoid_length_m: route.avoid_length_m } : null,
    overdue_major: first && overdue ? { premise: first.id, hazard: overdue.id } : null,
    outside_grid: premises.filter((p) => !p.gridId).map((p) => p.id),
    unstaffed_cells: cells.filter((x) => !x.worker).map((x) => x.id),
  };
  function req(a: BuildingRec, b: BuildingRec): { required_m: number; clause: string } {
    const r = requiredSeparation(subject(a), subject(b));
    return { required_m: r.required_m, clause: r.clause };
  }

  return {
    contract: {
      premises: premises.map((p) => fx.premiseFeature(p, c)),
      hazard_areas: areas.map((a) => fx.areaFeature(a, c)),
      fire_lanes: lanes.map((l) => fx.laneFeature(l, c)),
      hydrants: hydrants.map((h) => fx.hydrantFeature(h, c, hydrantCommunity(h.point))),
      grids: cells.map((g) => fx.gridFeature(g, c)),
      stations: stations.map((st) => fx.stationFeature(st, c)),
      buildings: ctx.buildings.map((b) => fx.buildingFeature(b, c)),
      roads: ctx.net.roads.map((r) => fx.roadFeature(r, c)),
    },
    sensors: sensors.map((x) => fx.sensorFeature(x, sensorAt.get(x) as [number, number])),
    alarms: alarms.map((a) => fx.alarmFeature(a, sensorAt.get(a.sensor) as [number, number])),
    base: buildBase(ctx, geo, c),
    bbox: [w, s, e, n],
    streetOffice: ctx.streetOffice,
    communities: ctx.communities.map((x) => x.name),
    targets,
  };
}

/** House numbers along the nearest named road: 青梅路12号. */
function addresses(ctx: TileCtx, premises: PremiseRec[]): void {
  const named = ctx.net.roads.filter((r) => r.name);
  const numbers = new Map<RoadRec, number>();
  for (const p of premises) {
    let best: RoadRec | null = null;
    let bestD = Infinity;
    for (const r of named) {
      for (let k = 0; k + 1 < r.pts.length; k++) {
        const d = segDist(p.point, r.pts[k] as V, r.pts[k + 1] as V);
        if (d < bestD) { bestD = d; best = r; }
      }
    }
    if (!best) continue;
    const n = (numbers.get(best) ?? 0) + 1;
    numbers.set(best, n);
    p.address = `${ctx.streetOffice}${p.block.community.name}${best.name}${n}号`;
  }
}

function segDist(p: V, a: V, b: V): number {
  const ex = b[0] - a[0], ey = b[1] - a[1];
  const l2 = ex * ex + ey * ey;
  const t = l2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * ex + (p[1] - a[1]) * ey) / l2));
  return dist(p, [a[0] + t * ex, a[1] + t * ey]);
}
