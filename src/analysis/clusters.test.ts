import { describe, expect, it } from 'vitest';
import type { FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';
import { fixtureCase, fixtureSuite, layer, type FixtureCase } from '../../test/fixtures/analysis/harness.ts';
import { convexHull, dbscan, hazardClusters, type ClusterOptions } from './clusters.ts';
import type { HazardAreaProps, PremiseProps } from '../sources/contract/types.ts';

const run = (c: FixtureCase, extra: ClusterOptions = {}) => hazardClusters(
  layer<FeatureCollection<Point | Polygon | MultiPolygon, PremiseProps>>(c, 'premises'), layer<FeatureCollection<Polygon | MultiPolygon, HazardAreaProps>>(c, 'hazard_areas'),
  { ...(c.options as ClusterOptions), ...extra },
);

fixtureSuite('hazardClusters', (c) => run(c));

describe('hazardClusters: hand-checked cases', () => {
  it('one cluster inside the declared area, one new candidate; noise and closed hazards left out', () => {
    const [a, b, ...rest] = run(fixtureCase('hazardClusters', 'two-clusters')).features.map((f) => f.properties);
    expect(rest).toEqual([]);
    expect(a).toMatchObject({ cluster_id: 'C1', premises: 6, hazards: 6, major: 1, general: 5, covered_by_declared_area: true, declared_area_ids: ['QY1'] });
    expect(b).toMatchObject({ cluster_id: 'C2', premises: 5, larger: 5, covered_by_declared_area: false, declared_area_ids: [], premise_ids: ['B0', 'B1', 'B2', 'B3', 'B4'] });
    // The padded hull of five points along 100 m: 120 × 20 m.
    expect(b?.area_m2).toBeCloseTo(2400, -1);
  });
  it('weighted: severities make a core point; unweighted: too few premises', () => {
    const c = fixtureCase('hazardClusters', 'weighted');
    expect(run(c).features.map((f) => f.properties.premises)).toEqual([3]);
    expect(run(c, { weighted: false }).features).toEqual([]);
  });
  it('dbscan marks border points and noise; convexHull drops inner points', () => {
    const pts = [[0, 0], [1, 0], [2, 0], [3, 0], [10, 0]].map(([x, y]) => ({ x: x as number, y: y as number, w: 1 }));
    expect([...dbscan(pts, 1.5, 3)]).toEqual([0, 0, 0, 0, -1]);
    expect(convexHull([[0, 0], [2, 0], [1, 1], [2, 2], [0, 2], [1, 0.5]])).toEqual([[0, 0], [2, 0], [2, 2], [0, 2]]);
  });
});
