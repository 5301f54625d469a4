import { describe, expect, it } from 'vitest';
import type { FeatureCollection, LineString, Point } from 'geojson';
import { fixtureCase, fixtureSuite, layer, type FixtureCase } from '../../test/fixtures/analysis/harness.ts';
import { hydrantSpacing, type HydrantSpacingOptions } from './hydrant-spacing.ts';
import type { HydrantProps, RoadProps } from '../sources/contract/types.ts';

const run = (c: FixtureCase, extra: HydrantSpacingOptions = {}) =>
  hydrantSpacing(layer<FeatureCollection<Point, HydrantProps>>(c, 'hydrants'), layer<FeatureCollection<LineString, RoadProps>>(c, 'roads'), { ...(c.options as HydrantSpacingOptions), ...extra });

fixtureSuite('hydrantSpacing', (c) => run(c));

describe('hydrantSpacing: hand-checked cases', () => {
  it('reports the 200 m between in-service neighbours and the road with no hydrant; ignores alleys', () => {
    const found = run(fixtureCase('hydrantSpacing', 'straight-road')).features.map((f) => f.properties);
    expect(found).toEqual([
      expect.objectContaining({ kind: 'gap', a: 'X2', b: 'X4', length_m: 200, spacing_m: 120, clause: 'GB 50974-2014 §7.2.5' }),
      expect.objectContaining({ kind: 'no_hydrant', road: 'R2', length_m: 300 }),
    ]);
  });
  it('counts the damaged hydrant when asked, closing the gap', () => {
    const found = run(fixtureCase('hydrantSpacing', 'straight-road'), { countStatuses: ['in_service', 'damaged'] }).features;
    expect(found.filter((f) => f.properties.kind === 'gap')).toEqual([]);
  });
  it('snaps a hydrant to the road it names, not to the corner street', () => {
    const c = fixtureCase('hydrantSpacing', 'named-road');
    expect(run(c).features.map((f) => f.properties)).toEqual([expect.objectContaining({ a: 'X1', b: 'X2', length_m: 117 })]);
    expect(run(c, { spacing_m: 120 }).features).toEqual([]);
  });
});
