import { describe, expect, it } from 'vitest';
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { fixtureCase, fixtureSuite, layer } from '../../test/fixtures/analysis/harness.ts';
import { findSeparationDeficiencies, type SeparationOptions } from './separation.ts';
import { localProjection, polygonDistanceMeters } from './geo.ts';
import { mergeRules, requiredSeparation } from './rules.ts';
import type { BuildingProps } from '../sources/contract/types.ts';

type Buildings = FeatureCollection<Polygon | MultiPolygon, BuildingProps>;
const run = (name: string, options: SeparationOptions = {}) => {
  const c = fixtureCase('findSeparationDeficiencies', name);
  return findSeparationDeficiencies(layer<Buildings>(c, 'buildings'), { ...(c.options as SeparationOptions), ...options }).features.map((f) => f.properties);
};

fixtureSuite('findSeparationDeficiencies', (c) => findSeparationDeficiencies(layer<Buildings>(c, 'buildings'), c.options as SeparationOptions));

describe('findSeparationDeficiencies: hand-checked cases', () => {
  it('two grade-3 houses 5 m apart: 8 m required, major; grade-2 flats 7 m apart pass', () => {
    expect(run('grade3-5m')).toEqual([expect.objectContaining({ a: 'H1', b: 'H2', gap_m: 5, required_m: 8, basis: 'civil', major: true, ratio: 0.625, contact: 'none', clause: 'GB 50016-2014 (2018) §5.2.2', major_clause: 'GB 35181-2017 §7.1.2' })]);
  });
  it('factories: §3.4.1 by hazard class; exactly 80 % is not major', () => {
    const found = run('factories');
    expect(found).toEqual([
      expect.objectContaining({ a: 'F1', b: 'K2', gap_m: 20, required_m: 25, basis: 'factory_civil', major: false, ratio: 0.8 }),
      expect.objectContaining({ a: 'H1', b: 'K1', gap_m: 9, required_m: 12, basis: 'factory_civil', major: true, clause: 'GB 50016-2014 (2018) §3.4.1' }),
    ]);
  });
  it('towers corner to corner: the 3-4-5 diagonal, 13 m required', () => {
    const c = fixtureCase('findSeparationDeficiencies', 'towers-corner');
    const [f] = findSeparationDeficiencies(layer<Buildings>(c, 'buildings')).features;
    expect(f?.properties).toMatchObject({ gap_m: 10, required_m: 13, major: true });
    // The line runs from T1's north-east corner (20, 20) to T2's south-west corner (26, 28).
    const proj = localProjection(118.58, 24.8);
    const [p, q] = (f?.geometry.coordinates ?? []).map((x) => proj.toXY(x));
    expect(p?.[0]).toBeCloseTo(20, 1); expect(p?.[1]).toBeCloseTo(20, 1);
    expect(q?.[0]).toBeCloseTo(26, 1); expect(q?.[1]).toBeCloseTo(28, 1);
  });
  it('touching pairs are reported with gap 0, overlapping ones only when asked', () => {
    expect(run('contacts')).toEqual([expect.objectContaining({ a: 'A1', b: 'A2', gap_m: 0, contact: 'touching', major: true })]);
    expect(run('contacts-overlapping')).toEqual([expect.objectContaining({ a: 'D1', b: 'D2', gap_m: 0, contact: 'overlapping' })]);
  });
  it('reductions: a fire wall on the higher building lifts the limit; protected openings on both cut 25 %', () => {
    const found = run('reductions');
    expect(found.map((f) => `${f.a}-${f.b}:${f.required_m}:${f.reduction}`)).toEqual(['P3-P4:4.5:protected_openings', 'P5-P6:6:none']);
    // Without the reductions every pair is deficient.
    expect(run('reductions', { reductions: {} }).map((f) => `${f.a}-${f.b}`)).toEqual(['P1-P2', 'P3-P4', 'P5-P6', 'W1-W2']);
  });
  it('holes and multipolygons: measured to the courtyard wall and to the nearest part', () => {
    expect(run('courtyard').map((f) => [f.a, f.b, f.gap_m, f.required_m])).toEqual([['C1', 'C2', 3, 6], ['M1', 'M2', 5, 7]]);
  });
  it('uses the rules given, and majorFraction', () => {
    const rules = mergeRules({ separation: { civil: { value: { grade_3: { grade_3: 5.5 } } } } });
    expect(run('grade3-5m', { rules })).toEqual([expect.objectContaining({ required_m: 5.5, major: false })]);
    expect(run('grade3-5m', { majorFraction: 0.5 })[0]?.major).toBe(false);
    expect(() => run('grade3-5m', { majorFraction: 1.5 })).toThrow(/majorFraction/);
  });
});

describe('findSeparationDeficiencies: agrees with geo.polygonDistanceMeters on random footprints', () => {
  it('every reported gap equals the exact distance, and no unreported pair is deficient', () => {
    const proj = localProjection(118.58, 24.8);
    let seed = 7;
    const rnd = (): number => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const features = Array.from({ length: 300 }, (_, k) => {
      const x = rnd() * 400, y = rnd() * 400, w = 5 + rnd() * 20, h = 5 + rnd() * 20, a = rnd() * Math.PI;
      const pts = [[0, 0], [w, 0], [w, h], [0.3 * w, h * (0.6 + 0.4 * rnd())]].map(([u, v]) => proj.toLonLat([x + (u as number) * Math.cos(a) - (v as number) * Math.sin(a), y + (u as number) * Math.sin(a) + (v as number) * Math.cos(a)]));
      const props: BuildingProps = { id: `B${String(k).padStart(3, '0')}`, use: rnd() < 0.2 ? 'factory' : 'residential', height_m: rnd() < 0.1 ? 40 : 12, fire_resistance_grade: 1 + Math.floor(rnd() * 4) };
      return { type: 'Feature' as const, properties: props, geometry: { type: 'Polygon' as const, coordinates: [[...pts, pts[0] as number[]]] } };
    });
    const found = findSeparationDeficiencies({ type: 'FeatureCollection', features }, { projection: proj, overlapping: true });
    const byPair = new Map(found.features.map((f) => [`${f.properties.a}|${f.properties.b}`, f.properties]));
    let checked = 0;
    for (let i = 0; i < features.length; i++) for (let j = i + 1; j < features.length; j++) {
      const a = features[i]!, b = features[j]!;
      const gap = polygonDistanceMeters(a.geometry, b.geometry, proj);
      const hit = byPair.get(`${a.properties.id}|${b.properties.id}`);
      const required = requiredSeparation(a.properties, b.properties).required_m;
      if (hit) { expect(hit.gap_m).toBeCloseTo(gap, 2); expect(hit.required_m).toBe(required); checked++; }
      else expect(gap, `${a.properties.id}–${b.properties.id}`).toBeGreaterThanOrEqual(required - 0.01);
    }
    expect(checked).toBe(found.features.length);
    expect(checked).toBeGreaterThan(10);
  });
});
