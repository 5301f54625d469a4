import { describe, expect, it } from 'vitest';
import type { FeatureCollection, LineString, MultiPolygon, Point, Polygon } from 'geojson';
import { fixtureCase, fixtureSuite, layer, type FixtureCase } from '../../test/fixtures/analysis/harness.ts';
import { stationResponse, type StationResponseOptions } from './station-response.ts';
import type { Lines } from './hydrant-network.ts';
import type { PremiseProps, RoadProps, StationProps } from '../sources/contract/types.ts';

const run = (c: FixtureCase, extra: StationResponseOptions = {}) => {
  const { blocked, ...rest } = c.options;
  const options: StationResponseOptions = { ...(rest as StationResponseOptions), ...(blocked === true ? { blocked: layer<Lines>(c, 'blocked') } : {}) };
  return stationResponse(
    layer<FeatureCollection<Point, StationProps>>(c, 'stations'), layer<FeatureCollection<LineString, RoadProps>>(c, 'roads'),
    layer<FeatureCollection<Point | Polygon | MultiPolygon, PremiseProps>>(c, 'premises'), { ...options, ...extra },
  );
};

fixtureSuite('stationResponse', (c) => run(c));

describe('stationResponse: hand-checked case', () => {
  const c = fixtureCase('stationResponse', 'corridor');
  it('lists premises beyond 5 minutes, cut off by a blocked lane, or off the network', () => {
    const premises = run(c, { cell_m: 0 }).features.map((f) => f.properties);
    expect(premises).toEqual([
      // 2,800 m along the street plus 1.4 × (10 + 10) m of legs, at 500 m a minute.
      expect.objectContaining({ id: 'P2', status: 'beyond_budget', distance_m: expect.closeTo(2828, 0), travel_min: 5.66, station: 'S1', budget_min: 5 }),
      expect.objectContaining({ id: 'P3', status: 'front_blocked', travel_min: null }),
      expect.objectContaining({ id: 'P4', status: 'off_network' }),
      expect.objectContaining({ id: 'P5', status: 'unreachable' }),
    ]);
  });
  it('with every lane open P3 and P5 are within reach; the micro station does not respond', () => {
    const all = Object.fromEntries(run(c, { cell_m: 0, all: true, blocked: { type: 'FeatureCollection', features: [] } }).features.map((f) => [f.properties.id, f.properties]));
    expect(all.P1).toMatchObject({ status: 'within', station: 'S1', distance_m: expect.closeTo(1028, 0) });
    expect(all.P3).toMatchObject({ status: 'within' });
    expect(all.P5).toMatchObject({ status: 'within' });
    expect(run(c, { cell_m: 0, minutes: 6 }).features.map((f) => f.properties.id)).toEqual(['P3', 'P4', 'P5']);
  });
  it('cells along the street are reached; cells far from it are off the network', () => {
    const cells = run(c).features.filter((f) => f.properties.kind === 'cell').map((f) => f.properties);
    expect(cells.length).toBeGreaterThan(0);
    expect(cells.every((x) => x.area_m2 === 160000)).toBe(true);
    const statuses = new Set(cells.map((x) => x.status));
    expect(statuses.has('beyond_budget') && statuses.has('off_network')).toBe(true);
    // Cells nearest the blocked side lane are cut off like P3 and P5.
    expect([...statuses].every((x) => x !== 'within')).toBe(true);
  });
});
