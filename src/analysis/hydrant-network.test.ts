import { describe, expect, it } from 'vitest';
import type { FeatureCollection, LineString, Point } from 'geojson';
import { fixtureCase, fixtureSuite, layer, type FixtureCase } from '../../test/fixtures/analysis/harness.ts';
import { blockedLanes, hydrantNetworkCoverage, type HydrantNetworkOptions, type Lines } from './hydrant-network.ts';
import type { Targets } from './hydrant-coverage.ts';
import type { FireLaneProps, HydrantProps, RoadProps } from '../sources/contract/types.ts';

const run = (c: FixtureCase) => {
  const { blocked, ...rest } = c.options;
  const options: HydrantNetworkOptions = { ...(rest as HydrantNetworkOptions), ...(blocked === true ? { blocked: layer<Lines>(c, 'blocked') } : {}) };
  return hydrantNetworkCoverage(layer<Targets>(c, 'buildings'), layer<FeatureCollection<Point, HydrantProps>>(c, 'hydrants'), layer<FeatureCollection<LineString, RoadProps>>(c, 'roads'), options);
};

fixtureSuite('hydrantNetworkCoverage', run);

describe('hydrantNetworkCoverage: hand-checked cases', () => {
  const props = (name: string) => Object.fromEntries(run(fixtureCase('hydrantNetworkCoverage', name)).features.map((f) => [f.properties.id, f.properties]));
  it('measures along the streets to the front of each building', () => {
    const p = props('streets');
    expect(p.N1).toMatchObject({ network_distance_m: 95, network_hydrant: 'X1', covered_network: true, front_gap_m: 5, covered: true });
    expect(p.N2).toMatchObject({ network_distance_m: null, covered_network: false, front_gap_m: 5, covered: false });
    expect(p.N3).toMatchObject({ network_distance_m: null, covered_network: false, front_gap_m: 5, covered: true });
    expect(p.N3?.distance_m).toBeCloseTo(Math.hypot(40, 108), 1);
  });
  it('leaves blocked lanes out: N1 is cut off', () => {
    const p = props('blocked');
    expect(p.N1).toMatchObject({ network_distance_m: null, covered_network: false, covered: true });
  });
  it('blockedLanes picks blocked and partly blocked lanes', () => {
    const lane = (id: string, status: FireLaneProps['status']) => ({ type: 'Feature' as const, properties: { id, status }, geometry: { type: 'LineString' as const, coordinates: [[0, 0], [1, 1]] } });
    const lanes = { type: 'FeatureCollection' as const, features: [lane('a', 'clear'), lane('b', 'blocked'), lane('c', 'partly_blocked')] };
    expect(blockedLanes(lanes).features.map((f) => f.properties.id)).toEqual(['b', 'c']);
    expect(blockedLanes(lanes, ['blocked']).features.map((f) => f.properties.id)).toEqual(['b']);
  });
});
