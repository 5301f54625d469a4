/**
 * The analyses on the demo district: every deliberate finding listed in demo-meta.json targets is found
 * by the public API (src/analysis/index.ts), with the figures the generator promised.
 */
import type { FeatureCollection, LineString, MultiLineString, MultiPolygon, Point, Polygon } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  blockedLanes, coverageByArea, coverageGrid, DEFAULT_RULES, findMixing, findSeparationDeficiencies, gridWorkload, hazardClusters, hydrantCoverage,
  hydrantNetworkCoverage, hydrantSpacing, iotConnectionByCommunity, overlappingGridCells, premisesOutsideGrids, stationResponse, unstaffedGridCells,
} from '../src/analysis/index.ts';
import type { BuildingProps, FireLaneProps, GridProps, HazardAreaProps, HydrantProps, PremiseProps, RoadProps, StationProps } from '../src/sources/contract/types.ts';
import { generateTmp, readFeatures, type Generated } from './demo-helpers.ts';

let g: Generated;
let buildings: FeatureCollection<Polygon | MultiPolygon, BuildingProps>;
let premises: FeatureCollection<Point | Polygon | MultiPolygon, PremiseProps>;
let hydrants: FeatureCollection<Point, HydrantProps>;
let roads: FeatureCollection<LineString | MultiLineString, RoadProps>;
let lanes: FeatureCollection<LineString | MultiLineString, FireLaneProps>;
let grids: FeatureCollection<Polygon | MultiPolygon, GridProps>;
let stations: FeatureCollection<Point, StationProps>;
let areas: FeatureCollection<Polygon | MultiPolygon, HazardAreaProps>;

const fc = <T>(path: string): T => ({ type: 'FeatureCollection', features: readFeatures(g.dir, path) }) as T;

beforeAll(() => {
  g = generateTmp();
  buildings = fc('buildings.geojson');
  premises = fc('premises.geojson');
  hydrants = fc('hydrants.geojson');
  roads = fc('roads.geojson');
  lanes = fc('fire_lanes.geojson');
  grids = fc('grids.geojson');
  stations = fc('stations.geojson');
  areas = fc('hazard_areas.geojson');
});
afterAll(() => g.cleanup());

describe('separation on the demo', () => {
  it('finds the factory beside the house and the four §5.2.2 pairs, graded by 80 %', () => {
    const found = findSeparationDeficiencies(buildings).features.map((f) => f.properties);
    const pair = (a: string, b: string) => found.find((p) => p.a === (a < b ? a : b) && p.b === (a < b ? b : a));
    const t = g.meta.targets.factory_civil;
    expect(pair(t?.factory_building ?? '', t?.dwelling_building ?? '')).toMatchObject({ gap_m: expect.closeTo(6, 1), required_m: 12, basis: 'factory_civil', clause: t?.clause, major: true });
    for (const s of g.meta.targets.separation_pairs) {
      const p = pair(s.a, s.b);
      expect(p, `${s.a}–${s.b}`).toMatchObject({ gap_m: expect.closeTo(s.gap_m, 1), required_m: s.required_m, clause: s.clause, basis: 'civil' });
      expect(p?.major).toBe(s.gap_m < DEFAULT_RULES.major_hazard.separation_fraction.value * s.required_m);
    }
    // Each pair once, a < b, no overlapping footprints reported.
    expect(new Set(found.map((p) => `${p.a}|${p.b}`)).size).toBe(found.length);
    expect(found.every((p) => p.a < p.b && p.contact !== 'overlapping' && p.gap_m < p.required_m)).toBe(true);
  });
});

describe('hydrants on the demo', () => {
  it('B01200 and B00581 are beyond 150 m of every in-service hydrant, at the distances promised', () => {
    const byId = new Map(hydrantCoverage(buildings, hydrants).features.map((f) => [f.properties.id, f.properties]));
    for (const t of g.meta.targets.hydrant_gap) {
      expect(byId.get(t.building), t.building).toMatchObject({ covered: false, distance_m: expect.closeTo(t.distance_m, 0) });
    }
  });
  it('network distances are never shorter than the straight line allows, and the gaps stay uncovered', () => {
    const net = hydrantNetworkCoverage(buildings, hydrants, roads, { blocked: blockedLanes(lanes) }).features.map((f) => f.properties);
    for (const t of g.meta.targets.hydrant_gap) expect(net.find((p) => p.id === t.building)).toMatchObject({ covered_network: false, network_distance_m: null });
    const covered = net.filter((p) => p.network_distance_m !== null);
    expect(covered.length).toBeGreaterThan(net.length / 3);
    // Hydrant to footprint ≤ hydrant to its street (≤ 50 m) + along the street + front gap.
    for (const p of covered) expect((p.distance_m ?? 0) - (p.network_distance_m ?? 0) - (p.front_gap_m ?? 0)).toBeLessThanOrEqual(50);
  });
  it('spacing gaps are longer than 120 m along municipal roads; the coverage grid sums to 100 %', () => {
    const gaps = hydrantSpacing(hydrants, roads).features.filter((f) => f.properties.kind === 'gap');
    expect(gaps.length).toBeGreaterThan(0);
    expect(gaps.every((f) => f.properties.length_m > DEFAULT_RULES.hydrant.spacing_m.value)).toBe(true);
    const cells = coverageGrid(g.meta.bbox, hydrants, { cell_m: 100 });
    const byGrid = coverageByArea(cells, grids, { idProperty: 'grid_id' }).features.map((f) => f.properties);
    expect(byGrid.length).toBe(grids.features.length);
    for (const a of byGrid) if (a.cells > 0) expect(a.covered_pct + a.uncovered_pct + a.covered_only_out_of_service_pct).toBeCloseTo(100, 0);
  });
});

describe('mixing on the demo', () => {
  it('finds every three-in-one target, in a grade-3 or worse house, and the factory premises next to the dwelling', () => {
    const found = findMixing(premises, buildings, areas).features.map((f) => f.properties);
    for (const id of g.meta.targets.three_in_one) {
      const codes = found.filter((p) => p.kind === 'three_in_one' && p.premise_id === id).map((p) => p.reason_code);
      expect(codes, id).toContain('declared');
      expect(codes, id).toContain('forbidden_grade');
    }
    const t = g.meta.targets.factory_civil;
    expect(found.find((p) => p.kind === 'dwelling_near_factory' && p.building_ids.join() === `${t?.factory_building},${t?.dwelling_building}`))
      .toMatchObject({ premise_id: t?.factory_premise, distance_m: expect.closeTo(6, 1), required_m: 12, major: true });
    expect(found.some((p) => p.kind === 'workshop_in_hazard_area')).toBe(true);
  });
});

describe('grids, stations and clusters on the demo', () => {
  it('the premises in the hole and the two unstaffed cells; no overlapping cells', () => {
    expect(premisesOutsideGrids(premises, grids).features.map((f) => f.properties.id).sort()).toEqual([...g.meta.targets.outside_grid].sort());
    expect(unstaffedGridCells(grids).features.map((f) => f.properties.grid_id).sort()).toEqual([...g.meta.targets.unstaffed_cells].sort());
    expect(gridWorkload(grids, premises).features.filter((f) => f.properties.workers === 0).map((f) => f.properties.grid_id).sort()).toEqual([...g.meta.targets.unstaffed_cells].sort());
    expect(overlappingGridCells(grids).features).toEqual([]);
  });
  it('IoT connection by community adds up to the key units', () => {
    const rows = iotConnectionByCommunity(premises, { year: 2026 }).features.map((f) => f.properties);
    expect(rows.reduce((s, r) => s + r.key_units, 0)).toBe(premises.features.filter((f) => f.properties.key_unit).length);
    expect(rows.every((r) => r.target === 0.7)).toBe(true);
  });
  it('the premises behind the blocked lane cannot be reached; with every lane open it can', () => {
    const t = g.meta.targets.blocked_route;
    const blocked = stationResponse(stations, roads, premises, { blocked: blockedLanes(lanes), cell_m: 0 }).features.find((f) => f.properties.id === t?.premise);
    expect(blocked?.properties.status).toBe(t?.avoid_length_m === null ? 'unreachable' : 'beyond_budget');
    const open = stationResponse(stations, roads, premises, { cell_m: 0, all: true }).features.find((f) => f.properties.id === t?.premise);
    expect(open?.properties.travel_min).not.toBeNull();
  });
  it('open hazards cluster in the urban village, which a declared area covers', () => {
    const clusters = hazardClusters(premises, areas).features.map((f) => f.properties);
    expect(clusters.length).toBeGreaterThan(0);
    expect(clusters.every((c) => c.premises >= 5)).toBe(true);
    const village = areas.features.find((a) => a.properties.kind === 'urban_village')?.properties.id;
    expect(clusters.some((c) => c.declared_area_ids.includes(village ?? ''))).toBe(true);
  });
});
