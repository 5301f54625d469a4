/**
 * One small export per problem in test/fixtures/bad/ (cases.ts), read the way check-data reads it.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readSources } from '../src/cli/lib/read-sources.ts';
import { BAD_CASES } from './fixtures/bad/cases.ts';

const BAD = fileURLToPath(new URL('./fixtures/bad/', import.meta.url));

describe('bad fixtures', () => {
  it.each(BAD_CASES.map((c) => [`${c.file} → ${c.code}${c.featureIndex !== undefined ? ` #${c.featureIndex}` : ''}`, c] as const))('%s', async (_name, c) => {
    const { results, report } = await readSources(BAD + c.file);
    expect(report).toEqual([]);
    expect(results).toHaveLength(1);
    const [result] = results;
    const entry = result?.report.find((e) => e.code === c.code && e.featureIndex === c.featureIndex);
    expect(entry, JSON.stringify(result?.report, null, 2)).toBeDefined();
    expect(entry).toMatchObject({ severity: c.severity, file: c.file, ...(c.featureId ? { featureId: c.featureId } : {}), ...(c.field ? { field: c.field } : {}) });
    if (typeof c.message === 'string') expect(entry?.message).toBe(c.message);
    else expect(entry?.message).toMatch(c.message);
    expect(result?.stats.kept).toBe(c.kept);
  });

  it('has exactly one kind of problem per file (no stray entries)', async () => {
    for (const file of new Set(BAD_CASES.map((c) => c.file))) {
      const { results } = await readSources(BAD + file);
      const codes = new Set(results[0]?.report.map((e) => e.code));
      expect([...codes], file).toEqual([...new Set(BAD_CASES.filter((c) => c.file === file).map((c) => c.code))]);
    }
  });
});
