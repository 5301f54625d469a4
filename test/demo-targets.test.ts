/**
 * The deliberate findings of the demo, verified from the written files with the analysis helpers
 * (spatial indexes, exact polygon distance, the street graph), never by trusting the generator.
 */
import Flatbush from 'flatbush';
import KDBush from 'kdbush';
import { around } from 'geokdbush';
import type { LineString, Point, Polygon } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localProjection, pointInPolygonXY, pointPolygonDistanceXY, pointSegmentDistance, polygonDistanceXY, projectLine, projectPolygons, type XY } from '../src/analysis/geo.ts';
import { DEFAULT_RULES, isIndustrial, requiredSeparation, type SeparationSubject } from '../src/analysis/rules.ts';
import { buildStreetGraph, routeBetween } from '../src/analysis/street-graph.ts';
import type { Hazard } from '../src/sources/contract/types.ts';
import { generateTile } from '../src/demo/district.ts';
import { generateTmp, readFeatures, type AnyFeature, type Generated } from './demo-helpers.ts';

const proj = localProjection(118.58, 24.8);
let g: Generated;
let buildings: AnyFeature[], premises: AnyFeature[], hydrants: AnyFeature[], lanes: AnyFeature[], roads: AnyFeature[], stations: AnyFeature[], grids: AnyFeature[];
let rings: XY[][];
let index: Flatbush;

interface Pair { a: number; b: number; gap: number; required: number; basis: string }
/** Every pair of buildings closer than GB 50016 asks, found with a bounding-box index (no all-pairs loop). */
let deficient: Pair[];

const subject = (f: AnyFeature): SeparationSubject => f.properties as unknown as SeparationSubject;
const byId = (list: AnyFeature[], id: string | undefined): AnyFeature => {
  const f = list.find((x) => x.properties.id === id);
  if (!f) throw new Error(`no feature ${id}`);
  return f;
};

beforeAll(() => {
  g = generateTmp();
  [buildings, premises, hydrants, lanes, roads, stations, grids] = ['buildings', 'premises', 'hydrants', 'fire_lanes', 'roads', 'stations', 'grids'].map((k) => readFeatures(g.dir, `${k}.geojson`)) as AnyFeature[][] as [AnyFeature[], AnyFeature[], AnyFeature[], AnyFeature[], AnyFeature[], AnyFeature[], AnyFeature[]];
  rings = buildings.map((b) => projectPolygons(b.geometry as Polygon, proj)[0]?.[0] as XY[]);
  index = new Flatbush(rings.length);
  for (const r of rings) index.add(Math.min(...r.map((p) => p[0])), Math.min(...r.map((p) => p[1])), Math.max(...r.map((p) => p[0])), Math.max(...r.map((p) => p[1])));
  index.finish();
  const reach = 50; // the largest requirement in the tables
  deficient = [];
  rings.forEach((r, i) => {
    const xs = r.map((p) => p[0]), ys = r.map((p) => p[1]);
    for (const j of index.search(Math.min(...xs) - reach, Math.min(...ys) - reach, Math.max(...xs) + reach, Math.max(...ys) + reach)) {
      if (j <= i) continue;
      const gap = polygonDistanceXY([r], [rings[j] as XY[]]);
      const req = requiredSeparation(subject(buildings[i] as AnyFeature), subject(buildings[j] as AnyFeature));
      if (gap < req.required_m) deficient.push({ a: i, b: j, gap, required: req.required_m, basis: req.basis });
    }
  });
});
afterAll(() => g.cleanup());

const indexOf = (id: string): number => buildings.findIndex((b) => b.properties.id === id);
const found = (a: string, b: string): Pair | undefined => {
  const [i, j] = [indexOf(a), indexOf(b)].sort((x, y) => x - y) as [number, number];
  return deficient.find((p) => p.a === i && p.b === j);
};

describe('separation targets (GB 50016)', () => {
  it('a 丙-class factory stands closer to a dwelling than §3.4.1 allows', () => {
    const t = g.meta.targets.factory_civil;
    expect(t).not.toBeNull();
    const pair = found(t?.factory_building ?? '', t?.dwelling_building ?? '');
    expect(pair).toBeDefined();
    expect(pair?.basis).toBe('factory_civil');
    expect(pair?.gap).toBeCloseTo(6, 1);
    expect(pair?.required).toBe(12);
    const factory = byId(buildings, t?.factory_building);
    expect(factory.properties).toMatchObject({ use: 'factory', fire_hazard_class: 'C' });
    expect(['selfbuilt_house', 'residential', 'mixed']).toContain(byId(buildings, t?.dwelling_building).properties.use);
    // And it is below the 75 % of GB 35181 §6.2 as well: 6 < 9.
    expect((pair?.gap ?? 99) / (pair?.required ?? 1)).toBeLessThan(DEFAULT_RULES.major_hazard.hazmat_fraction.value);
    const factoryDwelling = deficient.filter((p) => p.basis === 'factory_civil' && [p.a, p.b].some((k) => buildings[k]?.properties.fire_hazard_class === 'C'));
    expect(factoryDwelling.length).toBeGreaterThanOrEqual(1);
  });

  it('several civil pairs fall short of §5.2.2, some below 80 % of it', () => {
    const civil = deficient.filter((p) => p.basis === 'civil');
    expect(civil.length).toBeGreaterThanOrEqual(5);
    expect(civil.filter((p) => p.gap < DEFAULT_RULES.major_hazard.separation_fraction.value * p.required).length).toBeGreaterThanOrEqual(2);
    const targets = g.meta.targets.separation_pairs;
    expect(targets.length).toBe(4);
    for (const t of targets) {
      const pair = found(t.a, t.b);
      expect(pair, `${t.a}–${t.b}`).toBeDefined();
      expect(pair?.gap).toBeCloseTo(t.gap_m, 1);
      expect(pair?.required).toBe(t.required_m);
    }
    const ratios = targets.map((t) => t.gap_m / t.required_m);
    expect(ratios.filter((r) => r >= 0.8).length).toBe(2);
    expect(ratios.filter((r) => r < 0.8).length).toBe(2);
    // One high-rise pair among them.
    expect(targets.some((t) => byId(buildings, t.a).properties.height_m as number > 27)).toBe(true);
  });

  it('pairs involving factories use the factory rules, never the civil table', () => {
    for (const p of deficient) {
      const industrial = [p.a, p.b].filter((k) => isIndustrial(subject(buildings[k] as AnyFeature))).length;
      expect(p.basis).toBe(industrial === 2 ? 'factory_factory' : industrial === 1 ? 'factory_civil' : 'civil');
    }
  });
});

describe('three-in-one premises', () => {
  it('are constructed in grade-3/4 self-built houses with people sleeping there', () => {
    const ids = g.meta.targets.three_in_one;
    expect(ids.length).toBeGreaterThanOrEqual(5);
    for (const id of ids) {
      const p = byId(premises, id);
      expect(p.properties.categories).toContain('three_in_one');
      expect(p.properties.residents as number).toBeGreaterThan(0);
      const b = byId(buildings, p.properties.building_id as string);
      expect(['selfbuilt_house', 'mixed']).toContain(b.properties.use);
      expect(b.properties.fire_resistance_grade as number).toBeGreaterThanOrEqual(DEFAULT_RULES.three_in_one.forbidden_from_grade.value);
    }
  });
});

describe('hydrant coverage gaps', () => {
  it('some buildings are beyond 150 m (straight line) of every in-service hydrant', () => {
    const inService = hydrants.filter((h) => h.properties.status === 'in_service');
    const kd = new KDBush(inService.length);
    for (const h of inService) kd.add(...((h.geometry as Point).coordinates as [number, number]));
    kd.finish();
    const radius = DEFAULT_RULES.hydrant.protection_radius_m.value;
    const uncovered = new Set<string>();
    buildings.forEach((b, i) => {
      const r = rings[i] as XY[];
      const c = proj.toLonLat([r.reduce((s, p) => s + p[0], 0) / r.length, r.reduce((s, p) => s + p[1], 0) / r.length]);
      const halfDiagonal = Math.max(...r.map((p) => Math.hypot(p[0] - proj.toXY(c)[0], p[1] - proj.toXY(c)[1])));
      const near = around(kd, c[0], c[1], Infinity, (radius + halfDiagonal + 5) / 1000);
      const covered = near.some((k) => pointPolygonDistanceXY(proj.toXY((inService[k]?.geometry as Point).coordinates), [r]) <= radius);
      if (!covered) uncovered.add(String(b.properties.id));
    });
    expect(uncovered.size).toBeGreaterThanOrEqual(1);
    const targets = g.meta.targets.hydrant_gap;
    expect(targets.map((t) => t.area).sort()).toEqual(['industrial_back_lot', 'urban_village']);
    for (const t of targets) {
      expect(uncovered.has(t.building), t.building).toBe(true);
      expect(t.distance_m).toBeGreaterThan(radius);
    }
  });
});

describe('blocked lane on the fire station route', () => {
  it('the shortest route with every road runs along the blocked lane; avoiding blocked lanes is longer or impossible', () => {
    const t = g.meta.targets.blocked_route;
    expect(t).not.toBeNull();
    const lane = byId(lanes, t?.lane);
    expect(lane.properties.status).toBe('blocked');
    const lanePts = projectLine((lane.geometry as LineString).coordinates, proj);
    const onLane = (p: XY): number => Math.min(...lanePts.slice(1).map((q, k) => pointSegmentDistance(p, lanePts[k] as XY, q)));
    const obstacles = (lane.properties.obstacles as { lon: number; lat: number; removed_at?: string }[]).filter((o) => !o.removed_at);
    expect(obstacles.length).toBeGreaterThanOrEqual(1);
    for (const o of obstacles) expect(onLane(proj.toXY([o.lon, o.lat]))).toBeLessThan(1);

    const blocked = lanes.filter((l) => l.properties.status !== 'clear').map((l) => (l.geometry as LineString).coordinates);
    const graph = buildStreetGraph(roads.map((r) => (r.geometry as LineString).coordinates), { excluded: blocked, projection: proj });
    const from = (byId(stations, t?.station).geometry as Point).coordinates;
    const premise = byId(premises, t?.premise);
    const to = (premise.geometry as Point).coordinates;
    const withAll = routeBetween(graph, from, to, { avoidExcluded: false });
    expect(withAll).not.toBeNull();
    const alongLane = (withAll?.edges ?? []).filter((e) => {
      const a = graph.edgeFrom[e] as number, b = graph.edgeTo[e] as number;
      const mid: XY = [((graph.nodeXY[2 * a] as number) + (graph.nodeXY[2 * b] as number)) / 2, ((graph.nodeXY[2 * a + 1] as number) + (graph.nodeXY[2 * b + 1] as number)) / 2];
      return graph.edgeExcluded[e] === 1 && onLane(mid) < 1.5;
    });
    expect(alongLane.length).toBeGreaterThanOrEqual(1);
    expect(withAll?.length_m).toBeCloseTo(t?.length_m ?? 0, 0);
    const avoiding = routeBetween(graph, from, to, { avoidExcluded: true });
    if (avoiding) expect(avoiding.length_m).toBeGreaterThan((withAll?.length_m ?? 0) + 1);
    expect(avoiding?.length_m ?? null).toBe(t?.avoid_length_m === null ? null : expect.closeTo(t?.avoid_length_m ?? 0, 0));
  });
});

describe('other deliberate findings', () => {
  it('premises in the grid hole are outside every cell; two cells have no worker', () => {
    const cells = grids.map((c) => projectPolygons(c.geometry as Polygon, proj)[0] as XY[][]);
    const outside = g.meta.targets.outside_grid;
    expect(outside.length).toBeGreaterThanOrEqual(1);
    for (const id of outside) {
      const p = byId(premises, id);
      const ring = p.geometry.type === 'Polygon' ? (projectPolygons(p.geometry as Polygon, proj)[0]?.[0] as XY[]).slice(0, -1) : null;
      const at: XY = ring ? [ring.reduce((s, q) => s + q[0], 0) / ring.length, ring.reduce((s, q) => s + q[1], 0) / ring.length] : proj.toXY((p.geometry as Point).coordinates);
      expect(cells.some((rings) => pointInPolygonXY(at, rings)), id).toBe(false);
      expect(p.properties.grid_id).toBeUndefined();
    }
    const unstaffed = grids.filter((c) => !c.properties.worker).map((c) => c.properties.grid_id);
    expect(unstaffed.sort()).toEqual([...g.meta.targets.unstaffed_cells].sort());
    expect(unstaffed.length).toBe(2);
  });

  it('a major hazard is overdue and under supervision', () => {
    const t = g.meta.targets.overdue_major;
    const p = byId(premises, t?.premise);
    const h = (p.properties.hazards as Hazard[]).find((x) => x.id === t?.hazard);
    expect(h).toMatchObject({ severity: 'major' });
    expect(h?.status).not.toBe('closed');
    expect((h?.deadline ?? '9') < g.meta.as_of).toBe(true);
    expect(h?.enforcement?.map((a) => a.type)).toEqual(expect.arrayContaining(['rectify_order', 'suspend']));
    expect(p.properties.supervision_level).toBe('district');
  });
});

describe('targets are constructed whatever the seed and orientation', () => {
  it.each([
    ['a', false, false], ['b', true, false], ['c', false, true], ['d', true, true],
  ] as const)('seed %s, flipX %s, flipY %s', (seed, flipX, flipY) => {
    const t = generateTile({ seed, prefix: '', origin: [0, 0], flipX, flipY, asOf: '2026-11-27', proj }).targets;
    expect(t.factory_civil).not.toBeNull();
    expect(t.separation_pairs.length).toBe(4);
    expect(t.three_in_one.length).toBeGreaterThanOrEqual(5);
    expect(t.hydrant_gap.length).toBe(2);
    for (const h of t.hydrant_gap) expect(h.distance_m).toBeGreaterThan(150);
    expect(t.blocked_route).not.toBeNull();
    expect(t.overdue_major).not.toBeNull();
    expect(t.outside_grid.length).toBeGreaterThan(0);
    expect(t.unstaffed_cells.length).toBe(2);
  });
});
