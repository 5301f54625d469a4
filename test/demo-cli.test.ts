import { mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArgs } from '../src/cli/demo-data.ts';
import { missingData } from '../src/cli/ensure-demo.ts';
import { DEFAULT_AS_OF, DEFAULT_SEED } from '../src/demo/generate.ts';

describe('demo-data arguments', () => {
  it('has deterministic defaults', () => {
    expect(parseArgs([])).toEqual({ seed: DEFAULT_SEED, scale: 1, out: 'data', asOf: DEFAULT_AS_OF });
  });
  it('reads --flag value and --flag=value', () => {
    expect(parseArgs(['--seed', '7', '--scale=10', '--out', '/tmp/x', '--as-of', '2025-06-30'])).toEqual({ seed: 7, scale: 10, out: '/tmp/x', asOf: '2025-06-30' });
  });
  it('refuses bad values with a plain message', () => {
    expect(() => parseArgs(['--scale', '0'])).toThrow(/--scale/);
    expect(() => parseArgs(['--seed', 'abc'])).toThrow(/--seed/);
    expect(() => parseArgs(['--as-of', '2026-02-30'])).toThrow(/calendar date/);
    expect(() => parseArgs(['--colour'])).toThrow(/unknown argument/);
  });
});

describe('ensure-demo', () => {
  it('wants data when the manifest or a file it names is missing, not otherwise', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ensure-'));
    try {
      expect(missingData(dir)).toMatch(/manifest.json is missing/);
      writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ version: 1, sources: [{ id: 'a', kind: 'roads', path: 'roads.geojson', crs: 'WGS84' }, { id: 'b', kind: 'alarms', path: 'https://example.org/a.geojson', crs: 'WGS84' }] }));
      expect(missingData(dir)).toMatch(/roads.geojson \(named in the manifest\) is missing/);
      writeFileSync(join(dir, 'roads.geojson'), '{"type":"FeatureCollection","features":[]}');
      expect(missingData(dir)).toBeNull();
      unlinkSync(join(dir, 'manifest.json'));
      writeFileSync(join(dir, 'manifest.json'), '{oops');
      expect(missingData(dir)).toMatch(/not valid JSON/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
