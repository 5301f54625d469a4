import { describe, expect, it } from 'vitest';
import type { FeatureCollection, Point } from 'geojson';
import { fixtureCase, fixtureSuite, layer, type FixtureCase } from '../../test/fixtures/analysis/harness.ts';
import { hydrantCoverage, type HydrantCoverageOptions, type Targets } from './hydrant-coverage.ts';
import type { HydrantProps } from '../sources/contract/types.ts';

const targetsOf = (c: FixtureCase): Targets => ({ type: 'FeatureCollection', features: [...layer<Targets>(c, 'buildings').features, ...layer<Targets>(c, 'targets').features] });
const run = (c: FixtureCase) => hydrantCoverage(targetsOf(c), layer<FeatureCollection<Point, HydrantProps>>(c, 'hydrants'), c.options as HydrantCoverageOptions);

fixtureSuite('hydrantCoverage', run);

describe('hydrantCoverage: hand-checked cases', () => {
  it('measures to the nearest point of the footprint and flags out-of-service cover', () => {
    const byId = Object.fromEntries(run(fixtureCase('hydrantCoverage', 'basic')).features.map((f) => [f.properties.id, f.properties]));
    expect(byId.B1).toMatchObject({ nearest_hydrant: 'X1', distance_m: 140, covered: true, hydrants_in_radius: 1, radius_m: 150, clause: 'GB 50974-2014 §7.2.5' });
    expect(byId.B2).toMatchObject({ nearest_hydrant: 'X1', distance_m: 160, covered: false, covered_only_by_out_of_service: false });
    expect(byId.P1).toMatchObject({ nearest_hydrant: 'X1', distance_m: 100, covered: true, 'marker-color': '#009E73' });
    expect(byId.B3).toMatchObject({ covered: false, covered_only_by_out_of_service: true, out_of_service_in_radius: 1 });
    expect(byId.B3?.distance_m).toBeGreaterThan(300); // the nearest in-service hydrant is X1, far off
  });
  it('takes the radius and the statuses that count from the options', () => {
    const byId = Object.fromEntries(run(fixtureCase('hydrantCoverage', 'radius-and-statuses')).features.map((f) => [f.properties.id, f.properties]));
    expect(byId.B1).toMatchObject({ covered: false, distance_m: 140, radius_m: 100 });
    expect(byId.B3).toMatchObject({ covered: true, nearest_hydrant: 'X3', distance_m: 90 });
  });
  it('finds the nearest hydrant however far it is, and null without any', () => {
    const c = fixtureCase('hydrantCoverage', 'basic');
    const hydrants = layer<FeatureCollection<Point, HydrantProps>>(c, 'hydrants');
    const far = hydrantCoverage(targetsOf(c), hydrants, { radius_m: 1 }).features.find((f) => f.properties.id === 'B2');
    expect(far?.properties).toMatchObject({ nearest_hydrant: 'X1', distance_m: 160, covered: false });
    const none = hydrantCoverage(targetsOf(c), { type: 'FeatureCollection', features: [] });
    expect(none.features.every((f) => f.properties.nearest_hydrant === null && f.properties.distance_m === null && !f.properties.covered)).toBe(true);
    expect(() => hydrantCoverage(targetsOf(c), hydrants, { radius_m: -1 })).toThrow(/radius_m/);
  });
});
