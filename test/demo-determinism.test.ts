import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTmp, readFeatures, type Generated } from './demo-helpers.ts';

function filesUnder(root: string): string[] {
  const walk = (dir: string): string[] => readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
  return walk(root).map((p) => relative(root, p)).sort();
}

describe('demo-data determinism', () => {
  let a: Generated, b: Generated, other: Generated;
  beforeAll(() => {
    a = generateTmp();
    b = generateTmp();
    other = generateTmp({ seed: 7 });
  });
  afterAll(() => [a, b, other].forEach((g) => g.cleanup()));

  it('writes the same files, byte for byte, for the same seed and as-of', () => {
    const names = filesUnder(a.dir);
    expect(names).toEqual(filesUnder(b.dir));
    expect(names).toEqual(expect.arrayContaining(['manifest.json', 'demo-meta.json', 'premises.geojson', 'iot/sensors.geojson', 'iot/alarms.geojson']));
    for (const name of names) expect(readFileSync(join(a.dir, name)).equals(readFileSync(join(b.dir, name))), name).toBe(true);
  });

  it('writes a different district for a different seed', () => {
    for (const name of ['premises.geojson', 'buildings.geojson', 'iot/alarms.geojson']) {
      expect(readFileSync(join(a.dir, name)).equals(readFileSync(join(other.dir, name))), name).toBe(false);
    }
    expect(other.meta.street_office).not.toBe(a.meta.street_office);
  });

  it('puts one feature per line', () => {
    const lines = readFileSync(join(a.dir, 'hydrants.geojson'), 'utf8').trimEnd().split('\n');
    expect(lines[0]).toBe('{"type":"FeatureCollection","features":[');
    expect(lines[lines.length - 1]).toBe(']}');
    expect(lines.length - 2).toBe(readFeatures(a.dir, 'hydrants.geojson').length);
  });

  it('rounds coordinates to 7 decimals', () => {
    const text = readFileSync(join(a.dir, 'buildings.geojson'), 'utf8');
    const decimals = [...text.matchAll(/\[(-?\d+\.\d+),(-?\d+\.\d+)\]/g)].flatMap((m) => [m[1], m[2]]).map((x) => (x as string).split('.')[1]?.length ?? 0);
    expect(decimals.length).toBeGreaterThan(1000);
    expect(Math.max(...decimals)).toBeLessThanOrEqual(7);
  });
});

describe('demo-data at scale 2', () => {
  let g: Generated;
  beforeAll(() => { g = generateTmp({ scale: 2 }); });
  afterAll(() => g.cleanup());

  it('tiles two districts with ids prefixed per tile and unique overall', () => {
    const premises = readFeatures(g.dir, 'premises.geojson');
    const ids = premises.map((f) => String(f.properties.id));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.some((id) => id.startsWith('T00-'))).toBe(true);
    expect(ids.some((id) => id.startsWith('T01-'))).toBe(true);
    const buildings = readFeatures(g.dir, 'buildings.geojson').length;
    expect(buildings).toBeGreaterThan(2 * 2000);
    expect(g.meta.tiles).toBe(2);
    expect(g.meta.targets.blocked_route?.premise.startsWith('T00-')).toBe(true);
  });
});
