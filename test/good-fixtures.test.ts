import { distance } from '@turf/turf';
import type { Position } from 'geojson';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readSources } from '../src/cli/lib/read-sources.ts';
import { KINDS, KIND_NAMES, type FieldDef } from '../src/sources/contract/kinds.ts';

const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));

/** Keys of a validated record that the contract table does not name (should be none). */
function strayKeys(record: object, fields: Readonly<Record<string, FieldDef>>, path = ''): string[] {
  return Object.entries(record).flatMap(([key, value]) => {
    const def = fields[key];
    if (!def) return [`${path}${key}`];
    if (def.type !== 'object[]' || !Array.isArray(value)) return [];
    return value.flatMap((item: object, i) => strayKeys(item, def.item.fields, `${path}${key}[${i}].`));
  });
}

describe('good fixtures (test/fixtures/good, through its manifest)', async () => {
  const { manifest, results, report } = await readSources(fixture('good'));

  it('load every kind without a single error or warning', () => {
    expect(report).toEqual([]);
    expect(results.flatMap((r) => r.report)).toEqual([]);
    expect(new Set(results.map((r) => r.kind))).toEqual(new Set(KIND_NAMES));
    for (const result of results) expect(result.stats.kept, result.file).toBe(result.stats.read);
    expect(manifest?.sources.find((s) => s.kind === 'hydrants')).toMatchObject({ crs: 'GCJ02', title: '市政消火栓（自来水公司）' });
  });

  it('hold only contract fields', () => {
    for (const result of results) {
      for (const feature of result.collection.features) {
        expect(strayKeys(feature.properties, KINDS[result.kind].fields), result.file).toEqual([]);
      }
    }
  });

  it('convert the GCJ-02 hydrants with Chinese column names to WGS-84 within 1 m', () => {
    const hydrants = results.find((r) => r.kind === 'hydrants');
    const intended: Position[] = [[118.5815, 24.8005], [118.5832, 24.8021], [118.5798, 24.7992]];
    expect(hydrants?.collection.features.map((f) => f.properties)).toEqual([
      { id: 'XHS-001', status: 'in_service', type: 'above_ground', pressure_mpa: 0.32, road: '青梅路', community: '青梅社区', last_inspected: '2024-02-20' },
      { id: 'XHS-002', status: 'damaged', type: 'below_ground', road: '后街', community: '后街村' },
      { id: 'XHS-003', status: 'no_water', pressure_mpa: 0, community: '后街村' },
    ]);
    hydrants?.collection.features.forEach((feature, i) => {
      const coordinates = feature.geometry.type === 'Point' ? feature.geometry.coordinates : [];
      expect(distance(coordinates, intended[i] ?? [], { units: 'meters' })).toBeLessThan(1);
    });
  });
});

describe('one bad file never stops the other sources (test/fixtures/mixed)', async () => {
  const { results, report } = await readSources(fixture('mixed'));
  const byId = new Map(results.map((r) => [r.sourceId, r]));

  it('reports the manifest problems and leaves out only the unusable source', () => {
    expect(report.map((e) => `${e.severity} ${e.code} ${e.field}`)).toEqual(['error manifest.crs sources[3].crs', 'warning manifest.crs_default sources[4].crs']);
    expect(results.map((r) => r.sourceId)).toEqual(['premises', 'stations', 'hydrants', 'roads']);
  });

  it('reports the broken and the missing file, and loads the good ones', () => {
    expect(byId.get('premises')?.report.map((e) => e.code)).toEqual(['json.invalid']);
    expect(byId.get('premises')?.report[0]?.message).toMatch(/^premises\.geojson: not valid JSON at line 3, column 1/);
    expect(byId.get('stations')?.report).toEqual([expect.objectContaining({ code: 'file.missing', file: 'stations.geojson', severity: 'error' })]);
    expect(byId.get('hydrants')?.stats).toMatchObject({ read: 2, kept: 2, errors: 0, warnings: 1 });
    expect(byId.get('roads')?.stats).toMatchObject({ read: 2, kept: 2, errors: 0, warnings: 0 });
  });
});
