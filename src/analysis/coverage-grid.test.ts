import { describe, expect, it } from 'vitest';
import type { FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';
import { fixtureCase, fixtureSuite, layer, type FixtureCase } from '../../test/fixtures/analysis/harness.ts';
import { coverageByArea, coverageGrid, type CoverageGridOptions } from './coverage-grid.ts';
import { localProjection } from './geo.ts';
import type { GridProps, HydrantProps } from '../sources/contract/types.ts';

type Hydrants = FeatureCollection<Point, HydrantProps>;
const grid = (c: FixtureCase, areaLayer: string) => coverageGrid(layer<FeatureCollection<Polygon | MultiPolygon>>(c, areaLayer), layer<Hydrants>(c, 'hydrants'), c.options as CoverageGridOptions);

fixtureSuite('coverageGrid', (c) => grid(c, 'area'));
fixtureSuite('coverageByArea', (c) => coverageByArea(grid(c, 'areas'), layer<FeatureCollection<Polygon, GridProps>>(c, 'areas'), { idProperty: 'grid_id' }));

describe('coverageGrid: hand-checked cases', () => {
  it('lays 6 × 4 square cells of 50 m over 300 × 200 m and classes them by centre', () => {
    const cells = grid(fixtureCase('coverageGrid', 'square'), 'area').features;
    expect(cells.length).toBe(24);
    const proj = localProjection(118.58, 24.8);
    for (const c of cells) {
      const ring = c.geometry.coordinates[0] ?? [];
      const xs = ring.slice(0, 4).map((p) => proj.toXY(p));
      const cx = xs.reduce((s, p) => s + p[0], 0) / 4, cy = xs.reduce((s, p) => s + p[1], 0) / 4;
      const d0 = Math.hypot(cx, cy), d1 = Math.hypot(cx - 300, cy - 200);
      expect(c.properties.status, c.properties.cell).toBe(d0 <= 150 ? 'covered' : d1 <= 150 ? 'covered_only_out_of_service' : 'uncovered');
    }
  });
  it('hexagonal cells are 50 m apart and there are more of them (each is 0.87 of a square)', () => {
    const cells = grid(fixtureCase('coverageGrid', 'hex'), 'area').features;
    expect(cells.length).toBeGreaterThan(24);
    expect(cells.every((c) => c.geometry.coordinates[0]?.length === 7)).toBe(true);
  });
  it('accepts a [w, s, e, n] box and refuses bad options', () => {
    const hydrants = layer<Hydrants>(fixtureCase('coverageGrid', 'square'), 'hydrants');
    expect(coverageGrid([118.58, 24.8, 118.581, 24.801], hydrants, { cell_m: 100 }).features.length).toBeGreaterThan(0);
    expect(() => coverageGrid([118.58, 24.8, 118.581, 24.801], hydrants, { cell_m: 0 })).toThrow(/cell_m/);
  });
});

describe('coverageByArea: hand-checked case', () => {
  it('gives each area the shares of its cells', () => {
    const c = fixtureCase('coverageByArea', 'two-areas');
    const [west, east] = coverageByArea(grid(c, 'areas'), layer<FeatureCollection<Polygon, GridProps>>(c, 'areas'), { idProperty: 'grid_id' }).features.map((f) => f.properties);
    expect(west).toMatchObject({ id: 'G1', cells: 12 });
    expect(east).toMatchObject({ id: 'G2', cells: 12 });
    expect((west?.covered_pct ?? 0) + (west?.uncovered_pct ?? 0)).toBeCloseTo(100, 0);
    expect(west?.covered_pct).toBeGreaterThan(east?.covered_pct ?? 100);
  });
});
