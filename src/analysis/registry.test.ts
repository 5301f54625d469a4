/**
 * The analysis table: each entry runs on the demo district and finds (a smoke check of) the cases
 * planted in it (docs/demo-district.md, seed 20261127; test/analysis-demo.test.ts checks them in
 * detail through the functions themselves); options, missing inputs and summaries on small hand-made
 * fixtures.
 */
import type { Feature, Polygon } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoCollections, type DemoCollections } from '../../test/demo-collections.ts';
import type { BuildingProps } from '../sources/contract/types.ts';
import { localProjection } from './geo.ts';
import {
  ANALYSES, ANALYSIS_NAMES, AnalysisError, missingInputs, resolveOptions, runAnalysis, type AnalysisInputs, type AnalysisName, type AnalysisOptions, type AnalysisSummary,
} from './registry.ts';
import { DEFAULT_RULES, listRules, mergeRules } from './rules.ts';

let demo: DemoCollections;
beforeAll(() => { demo = loadDemoCollections(); });
afterAll(() => demo?.cleanup());

/** Runs an entry on the demo, recording progress; features' properties for the checks. */
function onDemo(name: AnalysisName, options?: AnalysisOptions) {
  const stages: [string, number][] = [];
  const { result, summary } = runAnalysis(name, demo.collections, DEFAULT_RULES, options, (stage, fraction) => stages.push([stage, fraction]));
  return { result, summary, stages, props: result.features.map((f) => f.properties as Record<string, unknown>) };
}

const RULE_PATHS = new Set(listRules(DEFAULT_RULES).map((r) => r.path));

describe('every entry on the demo district', () => {
  it.each(ANALYSIS_NAMES.map((n) => [n]))('%s returns a FeatureCollection, a consistent summary and progress from 0 to 1', (name) => {
    const { result, summary, stages } = onDemo(name);
    expect(result.type).toBe('FeatureCollection');
    expect(summary.analysis).toBe(name);
    expect(summary.features).toBe(result.features.length);
    for (const [key, value] of Object.entries(summary.counts)) expect(Number.isInteger(value) && value >= 0, key).toBe(true);
    for (const path of summary.rules) {
      expect(RULE_PATHS.has(path), path).toBe(true);
      expect(ANALYSES[name].rules, path).toContain(path);
    }
    expect(stages[0]).toEqual(['prepare', 0]);
    expect(stages.at(-1)).toEqual(['done', 1]);
    expect(stages.every(([, f], k) => k === 0 || f >= (stages[k - 1]?.[1] ?? 0))).toBe(true);
  });
});

describe('the planted cases, one smoke check per entry', () => {
  const pairOf = (p: Record<string, unknown>) => `${String(p.a)}|${String(p.b)}`;
  it('separation: the four §5.2.2 pairs and the factory beside the house, citing both tables', () => {
    const { props, summary } = onDemo('separation');
    const pairs = new Set(props.map(pairOf));
    for (const p of ['B03047|B03048', 'B03048|B03049', 'B03145|B03146', 'B03146|B03147', 'B00001|B00002']) expect(pairs.has(p), p).toBe(true);
    expect(summary.rules).toEqual(expect.arrayContaining(['separation.civil', 'separation.factory_civil', 'major_hazard.separation_fraction']));
  });
  it('mixing: the six three-in-one premises', () => {
    const { props, summary } = onDemo('mixing');
    const found = new Set(props.filter((p) => p.kind === 'three_in_one').map((p) => p.premise_id));
    for (const id of ['P00193', 'P00196', 'P00197', 'P00198', 'P00200', 'P00202']) expect(found.has(id), id).toBe(true);
    expect(summary.rules).toContain('three_in_one.forbidden_from_grade');
  });
  it.each([['hydrant-coverage', 'covered'], ['hydrant-network', 'covered_network']] as const)('%s: B01200 and B00581 are not covered', (name, key) => {
    const { props } = onDemo(name);
    for (const id of ['B01200', 'B00581']) expect(props.find((p) => p.id === id)?.[key], id).toBe(false);
  });
  it('hydrant-spacing and coverage-grid find gaps; the cells add up', () => {
    const spacing = onDemo('hydrant-spacing').summary;
    expect(spacing.analysis === 'hydrant-spacing' && spacing.counts.gaps).toBeGreaterThan(0);
    const { summary } = onDemo('coverage-grid', { cell_m: 100 });
    if (summary.analysis !== 'coverage-grid') throw new Error('wrong summary');
    expect(summary.counts.uncovered).toBeGreaterThan(0);
    expect(summary.counts.covered + summary.counts.uncovered + summary.counts.covered_only_out_of_service).toBe(summary.counts.cells);
  });
  it('grid-coverage: the 14 premises in the hole and the two unstaffed cells', () => {
    const { props, summary } = onDemo('grid-coverage');
    expect(props.filter((p) => p.check === 'outside').map((p) => p.id).sort()).toEqual(Array.from({ length: 14 }, (_, k) => `P00${441 + k}`));
    expect(props.filter((p) => p.check === 'unstaffed').map((p) => p.grid_id).sort()).toEqual(['W2-01', 'W5-06']);
    expect(summary.counts).toMatchObject({ outside: 14, unstaffed: 2, overlaps: 0 });
    expect(onDemo('grid-coverage', { check: 'iot' }).summary.counts).toEqual({ iot: 6, iot_below_target: expect.any(Number) });
  });
  it('station-response: P00202 behind the blocked lane cannot be reached', () => {
    const { props } = onDemo('station-response', { cell_m: 0 });
    expect(props.find((p) => p.id === 'P00202')?.status).toBe('unreachable');
  });
  it('clusters: open hazards cluster in the declared urban village', () => {
    const { summary } = onDemo('clusters');
    expect(summary.counts).toMatchObject({ clusters: expect.any(Number), undeclared: 0 });
    expect(summary.features).toBeGreaterThan(0);
  });
  it('rules apply: a wider radius leaves fewer buildings uncovered and is reported', () => {
    const wide = runAnalysis('hydrant-coverage', demo.collections, mergeRules({ hydrant: { protection_radius_m: { value: 250 } } })).summary;
    const base = onDemo('hydrant-coverage').summary;
    if (wide.analysis !== 'hydrant-coverage' || base.analysis !== 'hydrant-coverage') throw new Error('wrong summary');
    expect(wide.params.radius_m).toBe(250);
    expect(wide.counts.uncovered).toBeLessThan(base.counts.uncovered);
  });
});

/** A 10 m × 10 m low-rise building of grade 2 at local (x, y) metres. */
const proj = localProjection(118.58, 24.8);
function house(id: string, x: number, y: number): Feature<Polygon, BuildingProps> {
  const ring = [[x, y], [x + 10, y], [x + 10, y + 10], [x, y + 10], [x, y]].map(([a = 0, b = 0]) => proj.toLonLat([a, b]));
  return { type: 'Feature', geometry: { type: 'Polygon', coordinates: [ring] }, properties: { id, use: 'residential', height_m: 9, fire_resistance_grade: 2 } };
}
/** H1–H2 4 m apart (6 m required, major below 4.8 m); H3 30 m away. */
const houses: AnalysisInputs = { buildings: { type: 'FeatureCollection', features: [house('H1', 0, 0), house('H2', 14, 0), house('H3', 54, 0)] } };

describe('options, inputs and summaries on a hand-made street', () => {
  it('summarises one major pair, citing the civil table', () => {
    const { summary, result } = runAnalysis('separation', houses, DEFAULT_RULES);
    expect(summary).toEqual({
      analysis: 'separation', features: 1, counts: { pairs: 1, major: 1, touching: 0, overlapping: 0 },
      params: { major_fraction: 0.8, overlapping: false }, rules: ['separation.civil', 'major_hazard.separation_fraction'],
    } satisfies AnalysisSummary);
    expect(result.features[0]?.properties).toMatchObject({ a: 'H1', b: 'H2', required_m: 6 });
  });
  it('fills defaults and refuses unknown or invalid options with codes', () => {
    expect(resolveOptions(ANALYSES.clusters, { eps_m: 80 })).toEqual({ eps_m: 80, min_points: 5, weighted: false });
    const refusal = (name: string, options: AnalysisOptions) => {
      try { runAnalysis(name, houses, DEFAULT_RULES, options); } catch (e) { return e instanceof AnalysisError ? [e.code, e.params] : e; }
      return null;
    };
    expect(refusal('separation', { radius: 3 })).toEqual(['option.unknown', { option: 'radius' }]);
    expect(refusal('separation', { toString: true })).toEqual(['option.unknown', { option: 'toString' }]);
    expect(refusal('clusters', { min_points: 2.5 })).toEqual(['option.invalid', { option: 'min_points', value: '2.5' }]);
    expect(refusal('hydrant-coverage', { targets: 'roads' })).toEqual(['option.invalid', { option: 'targets', value: 'roads' }]);
    expect(refusal('coverage', {})).toEqual(['analysis.unknown', { analysis: 'coverage' }]);
    expect(refusal('hydrant-coverage', { targets: 'premises' })).toEqual(['input.missing', { kinds: 'premises,hydrants' }]);
  });
  it('needs follow the options; empty collections count as missing', () => {
    const o = resolveOptions(ANALYSES['grid-coverage'], { check: 'iot' });
    expect(ANALYSES['grid-coverage'].needs(o)).toEqual(['premises']);
    expect(missingInputs(ANALYSES.separation, { buildings: { type: 'FeatureCollection', features: [] } }, {})).toEqual(['buildings']);
    expect(ANALYSES['coverage-grid'].needs(resolveOptions(ANALYSES['coverage-grid'], { area: 'grids' }))).toEqual(['hydrants', 'grids']);
  });
});
