/**
 * The benchmark runner's pure parts (bench/run.ts): RESULTS.md from rows, the data it carries for
 * later partial runs, suite discovery and a suite that fails to load; and the tiles suite's reading
 * of the tiles command's summary.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatValue, mergeReports, parseEmbedded, renderResults, renderSuiteTable, runSuiteFile, suiteFiles, type Machine, type SuiteResult } from '../bench/run.ts';
import { parseTilesOutput } from '../bench/tiles.bench.ts';
import type { BenchRow } from '../bench/types.ts';

const machine: Machine = { cpu: 'Test CPU 3000', cores: 2, memoryGiB: 8, node: 'v20.0.0', os: 'Debian GNU/Linux 12 (bookworm)' };
const row = (r: Partial<BenchRow> & Pick<BenchRow, 'case' | 'impl' | 'value' | 'unit'>): BenchRow => ({ suite: 'tiles', ...r });
const rows: BenchRow[] = [
  row({ case: 'Andorra: build time', impl: 'tilemaker 2.2.0', value: 5.83, unit: 's', note: 'multi-threaded' }),
  row({ case: 'Andorra: build time', impl: 'fire-one-map', value: 2.561, unit: 's', target: 60, pass: true, note: 'median of 3' }),
  row({ case: 'Andorra: tiles', impl: 'fire-one-map', value: 3940, unit: '' }),
  row({ case: 'demo 1×: build time', impl: 'fire-one-map', value: 25, unit: 's', target: 20, pass: false }),
  row({ case: 'demo 1×: broken', impl: 'fire-one-map', value: NaN, unit: 's', note: 'a | pipe' }),
];
const tiles: SuiteResult = { name: 'tiles', date: '2026-11-28T10:00:00Z', machine, seconds: 42.5, rows };

describe('RESULTS.md', () => {
  it('puts ours first and peers beside it, one line per case, with target and whether it was met', () => {
    const table = renderSuiteTable(rows).split('\n');
    expect(table[0]).toBe('| case | fire-one-map | tilemaker 2.2.0 | target | met | notes |');
    expect(table[1]).toBe('|---|---:|---:|---|---|---|');
    expect(table[2]).toBe('| Andorra: build time | 2.56 s | 5.83 s | 60 s | ✅ yes | tilemaker 2.2.0: multi-threaded; fire-one-map: median of 3 |');
    expect(table[3]).toBe('| Andorra: tiles | 3,940 |  |  |  |  |');
    expect(table[4]).toContain('| 25 s |  | 20 s | ❌ no |');
    expect(table[5]).toBe('| demo 1×: broken | — |  |  |  | fire-one-map: a \\| pipe |');
    expect(table).toHaveLength(6);
  });

  it('formats figures readably', () => {
    expect(formatValue(0.1654, 'MiB')).toBe('0.165 MiB');
    expect(formatValue(9.318, 's')).toBe('9.32 s');
    expect(formatValue(44.96, 'KiB')).toBe('45.0 KiB');
    expect(formatValue(507.7, 'MiB')).toBe('508 MiB');
    expect(formatValue(12345, '')).toBe('12,345');
  });

  it('has the date, the machine, a section per suite, how to reproduce, and its own data', () => {
    const failed: SuiteResult = { name: 'first-map', date: '2026-11-27T09:00:00Z', machine: { ...machine, cpu: 'Other CPU' }, seconds: 0.1, rows: [], error: 'could not load first-map.bench.ts: boom' };
    const md = renderResults({ suites: [tiles, failed] });
    expect(md).toMatch(/^# Benchmark results/);
    expect(md).toContain('- **Date:** 2026-11-28');
    expect(md).toContain('- **Machine:** Test CPU 3000, 2 cores, 8 GiB, node v20.0.0, Debian GNU/Linux 12 (bookworm)');
    expect(md).toContain('- **Targets met:** 1 of 2');
    expect(md.indexOf('## first-map')).toBeLessThan(md.indexOf('## tiles'));
    expect(md).toContain('**Not run:** could not load first-map.bench.ts: boom');
    // A section measured on another day or machine says where.
    expect(md).toContain('Measured 2026-11-27T09:00:00Z on Other CPU');
    expect(renderResults({ suites: [{ ...tiles, machine: { ...machine, load: 0.42 } }] })).toContain('Measured 2026-11-28T10:00:00Z, load average 0.42 at the start, suite took 42.5 s.');
    expect(md).toContain('Measured 2026-11-28T10:00:00Z, suite took 42.5 s.');
    expect(md).toContain('## How to reproduce');
    expect(md).toContain('npm run bench -- tiles');
    expect(parseEmbedded(md)).toEqual(JSON.parse(JSON.stringify({ suites: [tiles, failed] })));
  });

  it('keeps earlier suites when only some are run again', () => {
    const old = renderResults({ suites: [tiles, { ...tiles, name: 'first-map', rows: [] }] });
    const fresh: SuiteResult = { ...tiles, date: '2026-11-29T10:00:00Z', rows: rows.slice(0, 1) };
    const merged = mergeReports(parseEmbedded(old), { suites: [fresh] });
    expect(merged.suites.map((s) => s.name).sort()).toEqual(['first-map', 'tiles']);
    expect(merged.suites.find((s) => s.name === 'tiles')?.rows).toHaveLength(1);
    expect(mergeReports(null, { suites: [fresh] }).suites).toHaveLength(1);
    expect(parseEmbedded('# nothing here')).toBeNull();
  });
});

describe('suites', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-suites-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('finds *.bench.ts files and reports one that does not load or has no suite, without throwing', async () => {
    writeFileSync(join(dir, 'broken.bench.ts'), 'import "./does-not-exist.ts";\n');
    writeFileSync(join(dir, 'empty.bench.ts'), 'export const nothing = 1;\n');
    writeFileSync(join(dir, 'ok.bench.ts'), 'export const suite = { name: "ok", run: async () => [{ suite: "ok", case: "c", impl: "fire-one-map", value: 1, unit: "s" }] };\n');
    writeFileSync(join(dir, 'notes.md'), '');
    expect(suiteFiles(dir).map((f) => f.stem)).toEqual(['broken', 'empty', 'ok']);
    const [broken, empty, ok] = await Promise.all(suiteFiles(dir).map((f) => runSuiteFile(f.path, machine, { echo: false })));
    expect(broken).toMatchObject({ name: 'broken', rows: [], error: expect.stringMatching(/could not load broken\.bench\.ts/) });
    expect(empty).toMatchObject({ name: 'empty', error: expect.stringMatching(/exports no `suite`/) });
    expect(ok).toMatchObject({ name: 'ok', rows: [{ value: 1 }], machine });
    expect(ok!.error).toBeUndefined();
  });

  it('stops a suite that runs over its time limit, and reports one whose process dies', async () => {
    const hang = join(dir, 'hang.bench.ts');
    writeFileSync(hang, 'export const suite = { name: "hang", run: () => new Promise(() => { setInterval(() => {}, 1000); }) };\n');
    const stopped = await runSuiteFile(hang, machine, { timeoutS: 3, echo: false });
    expect(stopped).toMatchObject({ name: 'hang', rows: [], error: expect.stringMatching(/stopped after the 3 s limit/) });
    expect(stopped.seconds).toBeLessThan(30);
    const dies = join(dir, 'dies.bench.ts');
    writeFileSync(dies, 'export const suite = { name: "dies", run: async () => { console.error("out of memory, say"); process.exit(3); } };\n');
    expect(await runSuiteFile(dies, machine, { echo: false })).toMatchObject({ name: 'dies', error: expect.stringMatching(/exit code 3.*out of memory, say/) });
  });

  it('the tiles suite reads the tiles command summary', () => {
    const stdout = [
      'wrote /tmp/x.pmtiles: 168.9 KiB, z10–16',
      '  tiles 48 (of 48 candidates), entries 48, distinct contents 48, leaf directories 0',
      '  largest tile 14/13588/7026 29.6 KiB (limit 488.3 KiB)',
      '  cut 0.4 s, read back 48 tiles in 0.0 s, total 0.6 s, peak RSS 142 MiB',
    ].join('\n');
    const stderr = 'read /tmp/d/roads.geojson: 252 features\nread /tmp/d/base/landuse.geojson: 52 features\n';
    expect(parseTilesOutput(stdout, stderr)).toEqual({ tiles: 48, largestTile: '14/13588/7026', largestKiB: 29.6, cutSeconds: 0.4, totalSeconds: 0.6, features: 'roads 252, landuse 52' });
    expect(parseTilesOutput('tiles: something else')).toBeNull();
  });
});
