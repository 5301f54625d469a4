import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CollectionWriter, featureLine } from './write.ts';

const point = { type: 'Point' as const, coordinates: [118.58, 24.8] };

describe('featureLine', () => {
  it('writes properties in contract order whatever order they came in', () => {
    const line = featureLine('hydrants', { type: 'Feature', geometry: point, properties: { road: '青梅路', status: 'in_service', id: 'XHS0001' } });
    expect(line).toBe('{"type":"Feature","properties":{"id":"XHS0001","status":"in_service","road":"青梅路"},"geometry":{"type":"Point","coordinates":[118.58,24.8]}}');
  });
  it('orders nested items too', () => {
    const line = featureLine('fire_lanes', { type: 'Feature', geometry: { type: 'LineString', coordinates: [[0, 0], [1, 1]] },
      properties: { status: 'blocked', id: 'L1', obstacles: [{ lat: 24.8, lon: 118.58, type: 'stall' }] } });
    expect(line).toContain('"obstacles":[{"type":"stall","lon":118.58,"lat":24.8}]');
  });
  it('refuses unknown properties, bad enum values and missing required ones', () => {
    expect(() => featureLine('hydrants', { type: 'Feature', geometry: point, properties: { id: 'X', status: 'in_service', colour: 'red' } })).toThrow(/unknown property "colour"/);
    expect(() => featureLine('hydrants', { type: 'Feature', geometry: point, properties: { id: 'X', status: 'broken' } })).toThrow(/not a hydrant_status value/);
    expect(() => featureLine('hydrants', { type: 'Feature', geometry: point, properties: { id: 'X' } })).toThrow(/missing required property "status"/);
  });
});

describe('CollectionWriter', () => {
  it('streams a valid FeatureCollection with one feature per line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'writer-'));
    try {
      const w = new CollectionWriter(join(dir, 'sub', 'x.geojson'));
      for (let k = 0; k < 3; k++) w.add(`{"n":${k}}`);
      const bytes = w.close();
      const text = readFileSync(join(dir, 'sub', 'x.geojson'), 'utf8');
      expect(text).toBe('{"type":"FeatureCollection","features":[\n{"n":0},\n{"n":1},\n{"n":2}\n]}\n');
      expect(bytes).toBe(Buffer.byteLength(text));
      expect(JSON.parse(text).features).toHaveLength(3);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
