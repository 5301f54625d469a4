import type { Feature, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { localProjection } from '../analysis/geo.ts';
import type { AnalysisInputs } from '../analysis/registry.ts';
import type { BuildingProps } from '../sources/contract/types.ts';
import { createAnalysisHandler, errorInfo, RULES_OVERRIDE_FILE } from './analysis-handlers.ts';
import type { AnalysisResponse, RunParams } from './analysis-protocol.ts';

const proj = localProjection(118.58, 24.8);
/** A 10 m × 10 m low-rise grade-2 house at local (x, 0) metres. */
function house(id: string, x: number): Feature<Polygon, BuildingProps> {
  const ring = [[x, 0], [x + 10, 0], [x + 10, 10], [x, 10], [x, 0]].map(([a = 0, b = 0]) => proj.toLonLat([a, b]));
  return { type: 'Feature', geometry: { type: 'Polygon', coordinates: [ring] }, properties: { id, use: 'residential', height_m: 9, fire_resistance_grade: 2 } };
}
/** H1–H2 4 m apart: 6 m required (GB 50016 §5.2.2), below 80 % so major. */
const street: AnalysisInputs = { buildings: { type: 'FeatureCollection', features: [house('H1', 0), house('H2', 14)] } };

function handler() {
  const posted: AnalysisResponse[] = [];
  let clock = 0;
  const h = createAnalysisHandler((m) => posted.push(m), () => (clock += 5));
  const run = (id: number, params: Partial<RunParams> = {}) => {
    h.handle({ type: 'run', id, params: { analysis: 'separation', inputsVersion: 1, ...params } });
    return posted.filter((m) => m.id === id);
  };
  return { h, posted, run };
}

describe('createAnalysisHandler', () => {
  it('runs on the inputs it holds: progress, then the result, summary and time', () => {
    const { h, run } = handler();
    h.handle({ type: 'inputs', version: 1, inputs: street });
    const answers = run(7);
    expect(answers.slice(0, -1).every((m) => m.type === 'progress')).toBe(true);
    expect(answers.map((m) => (m.type === 'progress' ? m.stage : m.type))).toEqual(['prepare', 'run', 'summarise', 'done', 'done']);
    const done = answers.at(-1);
    if (done?.type !== 'done') throw new Error(`expected done, got ${JSON.stringify(done)}`);
    expect(done.outcome.summary).toMatchObject({ analysis: 'separation', counts: { pairs: 1, major: 1 } });
    expect(done.outcome.result.features[0]?.properties).toMatchObject({ a: 'H1', b: 'H2', required_m: 6 });
    expect(done.outcome.ms).toBe(5);
    expect(done.outcome.rulesReport).toEqual([]);
  });

  it('joins inputs sent in parts, and holds the version only once the last part is in', () => {
    const { h, run } = handler();
    const [h1, h2] = street.buildings!.features;
    h.handle({ type: 'inputs', version: 1, inputs: { buildings: { type: 'FeatureCollection', features: [h1!] } }, part: { index: 0, count: 2 } });
    expect(run(1).at(-1)).toMatchObject({ type: 'failed', error: { code: 'inputs.unknown' } });
    h.handle({ type: 'inputs', version: 1, inputs: { buildings: { type: 'FeatureCollection', features: [h2!] } }, part: { index: 1, count: 2 } });
    const done = run(2).at(-1);
    if (done?.type !== 'done') throw new Error(`expected done, got ${JSON.stringify(done)}`);
    expect(done.outcome.result.features.map((f) => [f.properties?.['a'], f.properties?.['b']])).toEqual([['H1', 'H2']]);
  });

  it('applies the valid part of a rules override and reports the rest', () => {
    const { h, run } = handler();
    h.handle({ type: 'inputs', version: 1, inputs: street });
    const rulesOverride = { separation: { civil: { value: { grade_1_2: { grade_1_2: 3 } } } }, hydrant: { spacing: { value: 1 } } } as never;
    const done = run(1, { rulesOverride }).at(-1);
    if (done?.type !== 'done') throw new Error('expected done');
    expect(done.outcome.summary.counts).toMatchObject({ pairs: 0 });
    expect(done.outcome.rulesReport).toMatchObject([{ code: 'rules.unknown', field: 'hydrant.spacing', file: RULES_OVERRIDE_FILE }]);
  });

  it('refuses a version it does not hold, keeping only the newest inputs', () => {
    const { h, run } = handler();
    expect(run(1)).toEqual([{ type: 'failed', id: 1, error: expect.objectContaining({ name: 'AnalysisError', code: 'inputs.unknown', params: { version: '1' } }) }]);
    h.handle({ type: 'inputs', version: 1, inputs: street });
    h.handle({ type: 'inputs', version: 'v2', inputs: {} });
    expect(run(2)[0]).toMatchObject({ type: 'failed', error: { code: 'inputs.unknown' } });
    expect(run(3, { inputsVersion: 'v2' })[0]).toMatchObject({ type: 'failed', error: { code: 'input.missing', params: { kinds: 'buildings' } } });
  });

  it('answers refusals of the table with their code and params', () => {
    const { h, run } = handler();
    h.handle({ type: 'inputs', version: 1, inputs: street });
    expect(run(1, { analysis: 'coverage' as never })[0]).toMatchObject({ type: 'failed', error: { code: 'analysis.unknown', params: { analysis: 'coverage' } } });
    expect(run(2, { options: { overlapping: 'yes' } })[0]).toMatchObject({ type: 'failed', error: { code: 'option.invalid', params: { option: 'overlapping' } } });
  });

  it('turns any thrown value into plain error data', () => {
    expect(errorInfo(new TypeError('boom'))).toEqual({ name: 'TypeError', message: 'boom' });
    expect(errorInfo('text')).toEqual({ name: 'Error', message: 'text' });
  });
});
