import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSources } from '../src/cli/lib/read-sources.ts';
import { generateTmp, type Generated } from './demo-helpers.ts';

// The demo district is what a new user sees first: it must pass the same checks as any export,
// with nothing to warn about, through the loader the viewer and check-data use.
describe('the demo district through the loader', () => {
  let demo: Generated;
  beforeAll(() => { demo = generateTmp(); });
  afterAll(() => demo.cleanup());

  it('loads every source with no error and no warning', async () => {
    const { results, report } = await readSources(demo.dir);
    expect(report).toEqual([]);
    expect(results).toHaveLength(10);
    for (const result of results) {
      expect(result.report, result.file).toEqual([]);
      expect(result.stats.kept, result.file).toBe(result.stats.read);
      expect(result.stats.read, result.file).toBeGreaterThan(0);
    }
  });

  it('reads the IoT platform export (GCJ-02, Chinese names) into contract fields', async () => {
    const { results } = await readSources(demo.dir);
    const sensors = results.find((r) => r.kind === 'sensors');
    const first = sensors?.collection.features[0]?.properties as Record<string, unknown> | undefined;
    expect(first).toMatchObject({ id: expect.any(String), kind: expect.any(String), online: expect.any(Boolean) });
    expect(Object.keys(first ?? {}).every((key) => /^[a-z_]+$/.test(key))).toBe(true);
  });
});
