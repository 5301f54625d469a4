import { describe, expect, it } from 'vitest';
import type { FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';
import { fixtureCase, fixtureSuite, layer, type FixtureCase } from '../../test/fixtures/analysis/harness.ts';
import { gridWorkload, iotConnectionByCommunity, overlappingGridCells, premisesOutsideGrids, unstaffedGridCells, workersOf } from './grid-coverage.ts';
import { mergeRules } from './rules.ts';
import type { GridProps, PremiseProps } from '../sources/contract/types.ts';

type Premises = FeatureCollection<Point | Polygon | MultiPolygon, PremiseProps>;
type Grids = FeatureCollection<Polygon | MultiPolygon, GridProps>;
const P = (c: FixtureCase): Premises => layer<Premises>(c, 'premises');
const G = (c: FixtureCase): Grids => layer<Grids>(c, 'grids');

fixtureSuite('premisesOutsideGrids', (c) => premisesOutsideGrids(P(c), G(c)));
fixtureSuite('overlappingGridCells', (c) => overlappingGridCells(G(c)));
fixtureSuite('gridWorkload', (c) => gridWorkload(G(c), P(c)));
fixtureSuite('unstaffedGridCells', (c) => unstaffedGridCells(G(c)));
fixtureSuite('iotConnectionByCommunity', (c) => iotConnectionByCommunity(P(c), c.options as { year?: number }));

describe('grid checks: hand-checked cases', () => {
  it('finds the premises in the hole between cells, with the cell it claims', () => {
    const c = fixtureCase('premisesOutsideGrids', 'hole');
    expect(premisesOutsideGrids(P(c), G(c)).features.map((f) => f.properties)).toEqual([expect.objectContaining({ id: 'P3', declared_grid_id: 'G1' })]);
  });
  it('measures overlaps and ignores a shared edge', () => {
    const [o, ...rest] = overlappingGridCells(G(fixtureCase('overlappingGridCells', 'overlap'))).features;
    expect(rest).toEqual([]);
    expect(o?.properties).toMatchObject({ a: 'G1', b: 'G2' });
    expect(o?.properties.area_m2).toBeGreaterThan(990);
    expect(o?.properties.area_m2).toBeLessThan(1010);
  });
  it('counts premises, key units and open hazards per worker', () => {
    const c = fixtureCase('gridWorkload', 'load');
    const [g1, g2, g3] = gridWorkload(G(c), P(c)).features.map((f) => f.properties);
    expect(g1).toMatchObject({ grid_id: 'G1', workers: 2, premises: 4, key_units: 2, open_hazards: 3, premises_per_worker: 2, declared_elsewhere: 0 });
    expect(g2).toMatchObject({ grid_id: 'G2', workers: 1, premises: 1, declared_elsewhere: 1, premises_per_worker: 1 });
    expect(g3).toMatchObject({ grid_id: 'G3', workers: 0, premises: 1, premises_per_worker: null, fill: '#D55E00' });
  });
  it('lists cells without a worker, blank names included', () => {
    expect(unstaffedGridCells(G(fixtureCase('unstaffedGridCells', 'unstaffed'))).features.map((f) => f.properties.grid_id)).toEqual(['G2', 'G3']);
    expect(workersOf({ grid_id: 'x', community: 'y', worker: '张三、李四, 王五' })).toEqual(['张三', '李四', '王五']);
  });
  it('compares IoT connection with the target of the year', () => {
    const premises = P(fixtureCase('iotConnectionByCommunity', 'year-2025'));
    const at = (year?: number) => Object.fromEntries(iotConnectionByCommunity(premises, year === undefined ? {} : { year }).features.map((f) => [f.properties.community, f.properties]));
    expect(at(2025)['甲社区']).toMatchObject({ key_units: 10, connected: 4, rate: 0.4, target: 0.5, target_year: 2025, meets_target: false, shortfall: 1, clause: '001_c594579daea1436b.txt task 17 (K61)' });
    expect(at(2025)['乙社区']).toMatchObject({ connected: 8, meets_target: true, shortfall: 0 });
    expect(at(2024)['甲社区']).toMatchObject({ target: 0.3, meets_target: true });
    expect(at()['乙社区']).toMatchObject({ target: 0.7, target_year: 2026, meets_target: true });
    expect(at(2023)['甲社区']).toMatchObject({ target: null, meets_target: true });
    expect(at(2025)['甲社区']?.unconnected_ids).toHaveLength(6);
    const stricter = mergeRules({ iot: { key_unit_connection_targets: { value: [{ year: 2025, rate: 0.9 }] } } });
    expect(iotConnectionByCommunity(premises, { year: 2025, rules: stricter }).features.map((f) => [f.properties.community, f.properties.shortfall])).toEqual([['乙社区', 1], ['甲社区', 5]]);
  });
});
