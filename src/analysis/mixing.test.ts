import { describe, expect, it } from 'vitest';
import type { FeatureCollection, MultiPolygon, Point, Polygon } from 'geojson';
import { fixtureCase, fixtureSuite, layer, type FixtureCase } from '../../test/fixtures/analysis/harness.ts';
import { findMixing, type MixingOptions } from './mixing.ts';
import type { BuildingProps, HazardAreaProps, PremiseProps } from '../sources/contract/types.ts';

const run = (c: FixtureCase) => findMixing(
  layer<FeatureCollection<Point | Polygon | MultiPolygon, PremiseProps>>(c, 'premises'), layer<FeatureCollection<Polygon | MultiPolygon, BuildingProps>>(c, 'buildings'),
  layer<FeatureCollection<Polygon | MultiPolygon, HazardAreaProps>>(c, 'hazard_areas'), c.options as MixingOptions,
);
const codes = (name: string): string[] => run(fixtureCase('findMixing', name)).features.map((f) => `${f.properties.premise_id ?? f.properties.building_ids.join('+')}:${f.properties.reason_code}`);

fixtureSuite('findMixing', run);

describe('findMixing: hand-checked cases', () => {
  it('three-in-one: declared, or people sleeping in production; XF 703 prohibitions and thresholds', () => {
    expect(codes('three-in-one')).toEqual([
      'Q1:residents_in_production', 'Q1:forbidden_grade',
      'Q2:declared',
      'Q3:residents_in_production', 'Q3:forbidden_in_factory', 'Q3:separate_living_required',
      'H1:production_in_dwelling_building', 'H2:production_in_dwelling_building',
    ]);
    const q3 = run(fixtureCase('findMixing', 'three-in-one')).features.find((f) => f.properties.premise_id === 'Q3');
    expect(q3?.properties).toMatchObject({ clause: 'GB 55037-2022 §4.2.2', major: true, building_ids: ['K1'] });
  });
  it('dwelling near a factory: 12 m for class C (major below 80 %), 25 m for class A (major below 75 %)', () => {
    const found = run(fixtureCase('findMixing', 'factory-dwelling')).features.filter((f) => f.properties.kind === 'dwelling_near_factory').map((f) => f.properties);
    expect(found).toEqual([
      expect.objectContaining({ building_ids: ['K1', 'H1'], premise_id: 'P1', distance_m: 6, required_m: 12, major: true }),
      expect.objectContaining({ building_ids: ['K2', 'F1'], premise_id: null, distance_m: 20, required_m: 25, major: false, clause: 'GB 50016-2014 (2018) §3.4.1' }),
    ]);
  });
  it('production and dwelling premises in one building, found by point in polygon', () => {
    expect(codes('mixed-building')).toEqual(['M1:production_and_dwelling_premises', 'H1:production_in_dwelling_building']);
    const m1 = run(fixtureCase('findMixing', 'mixed-building')).features[0]?.properties;
    expect(m1?.premise_ids).toEqual(['W1', 'R1']);
  });
  it('workshops inside an urban-village hazard area', () => {
    const found = run(fixtureCase('findMixing', 'urban-village')).features.map((f) => f.properties);
    expect(found).toEqual([expect.objectContaining({ kind: 'workshop_in_hazard_area', premise_id: 'W1', hazard_area_id: 'QY1' })]);
  });
});
