/**
 * `npm run tiles -- demo`: the basemap from a district's exports, on a small fixture made here (the demo
 * generator's files may not exist yet). Checks field renames from the manifest, CRS conversion, that no
 * fire-safety attribute reaches the basemap, and the command's exit codes.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import gcoord from 'gcoord';
import { PMTiles } from 'pmtiles';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { main, parseArgs } from '../src/cli/tiles.ts';
import { BufferSource } from '../src/tiles/buffer-source.ts';
import { mercX, mercY } from '../src/tiles/cut.ts';

const dir = mkdtempSync(join(tmpdir(), 'tiles-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// A district near 30.25 N 120.15 E; roads exported in GCJ-02 with Chinese field names.
const W = 120.14, S = 30.24, E = 120.16, N = 30.26;
/** WGS-84 → GCJ-02, as an Amap-based exporter would write it. */
const toGcj = (lon: number, lat: number): number[] => gcoord.transform([lon, lat], gcoord.WGS84, gcoord.GCJ02);
function writeFixture(): string {
  const data = join(dir, 'data');
  mkdirSync(data, { recursive: true });
  writeFileSync(join(data, 'manifest.json'), JSON.stringify({
    version: 1, name: '示范街道', bbox: [W, S, E, N],
    sources: [
      { id: 'roads', kind: 'roads', path: 'roads.geojson', crs: 'GCJ-02', mapping: { fields: { 道路等级: 'class', 路名: 'name', 单行: 'oneway' } } },
      { id: 'buildings', kind: 'buildings', path: 'buildings.geojson', crs: 'WGS84' },
    ],
  }));
  const road = (lat: number, cls: string, name: string) => ({
    type: 'Feature', properties: { 道路编号: `R${lat}`, 道路等级: cls, 路名: name, 单行: '是' },
    geometry: { type: 'LineString', coordinates: [toGcj(W, lat), toGcj(E, lat)] },
  });
  writeFileSync(join(data, 'roads.geojson'), JSON.stringify({ type: 'FeatureCollection', features: [road(30.25, '主干路', '文三路'), road(30.255, 'local', '学院路'), { type: 'Feature', properties: {}, geometry: null }] }));
  const b = (lon: number, lat: number) => ({
    type: 'Feature',
    properties: { id: `B${lon}`, use: '厂房', floors: 3, height_m: 14.5, fire_hazard_class: '甲', fire_resistance_grade: 2, community: '一社区' },
    geometry: { type: 'Polygon', coordinates: [[[lon, lat], [lon + 0.0005, lat], [lon + 0.0005, lat + 0.0004], [lon, lat + 0.0004], [lon, lat]]] },
  });
  writeFileSync(join(data, 'buildings.geojson'), JSON.stringify({ type: 'FeatureCollection', features: [b(120.15, 30.251), b(120.152, 30.252)] }));
  return data;
}

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '', err = '';
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => { out += String(s); return true; });
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => { err += String(s); return true; });
  try {
    return { code: await main(argv), out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

describe('npm run tiles -- demo', () => {
  it('builds a basemap of the district without fire-safety attributes', async () => {
    const data = writeFixture();
    const outFile = join(dir, 'out', 'basemap.pmtiles');
    const r = await run(['demo', '--data', data, '--out', outFile, '--minzoom', '12', '--maxzoom', '15', '--quiet']);
    expect(r.err).not.toMatch(/tiles: /);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/wrote .*basemap\.pmtiles/);
    expect(r.out).toMatch(/largest tile/);
    expect(r.err).toMatch(/roads\.geojson: 2 features, 1 skipped/);

    const reader = new PMTiles(new BufferSource(new Uint8Array(readFileSync(outFile))));
    const h = await reader.getHeader();
    expect([h.minZoom, h.maxZoom]).toEqual([12, 15]);
    expect(h.minLon).toBeCloseTo(W, 5);
    expect(h.maxLat).toBeCloseTo(N, 5);
    const meta = (await reader.getMetadata()) as { name: string; vector_layers: { id: string; fields: Record<string, string> }[] };
    expect(meta.name).toBe('示范街道');
    const fields = Object.fromEntries(meta.vector_layers.map((l) => [l.id, l.fields]));
    expect(fields.roads).toEqual({ class: 'String', name: 'String', oneway: 'Boolean' });
    expect(fields.buildings).toEqual({ use: 'String', height: 'Number', levels: 'Number' });
    expect(Object.keys(fields)).toEqual(['roads', 'buildings', 'places', 'boundaries']);

    // The road drawn at 30.25 in GCJ-02 lands back near 30.25 in WGS-84, in the z15 tile of that spot.
    const z = 15, x = Math.floor(mercX(120.15) * 2 ** z), y = Math.floor(mercY(30.25) * 2 ** z);
    const tile = new VectorTile(new PbfReader(new Uint8Array((await reader.getZxy(z, x, y))!.data)));
    const roads = Array.from({ length: tile.layers.roads?.length ?? 0 }, (_, i) => tile.layers.roads!.feature(i));
    const main = roads.find((f) => f.properties.name === '文三路')!;
    expect(main.properties).toEqual({ class: 'arterial', name: '文三路', oneway: true });
    const line = main.toGeoJSON(x, y, z).geometry as { coordinates: number[][] };
    // GCJ-02 moves points here by ~500 m; converted back, the road is within a metre of 30.25 N.
    expect(Math.abs(toGcj(120.15, 30.25)[1]! - 30.25)).toBeGreaterThan(0.001);
    for (const p of line.coordinates) expect(Math.abs(p[1]! - 30.25)).toBeLessThan(1e-5);
  });

  it('says what to run when the exports are missing', async () => {
    const empty = join(dir, 'empty');
    mkdirSync(empty, { recursive: true });
    const r = await run(['demo', '--data', empty, '--out', join(dir, 'x.pmtiles'), '--quiet']);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/npm run demo-data/);
  });

  it('rejects bad arguments with a usage line', async () => {
    const r = await run(['--minzoom', 'ten']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/usage: npm run tiles/);
    expect(() => parseArgs([])).toThrow(/give an input/);
    expect(() => parseArgs(['demo', '--minzoom', '15', '--maxzoom', '12'])).toThrow(/zoom range/);
    expect(() => parseArgs(['demo', '--oversize', 'maybe'])).toThrow(/fail or drop/);
    expect(parseArgs(['a.osm.pbf'], {})).toMatchObject({ input: 'a.osm.pbf', out: 'tiles/basemap.pmtiles', minzoom: 10, maxzoom: 16, dataDir: 'data', oversize: 'fail', verify: true });
    expect(parseArgs(['demo'], { FIRE_DATA_DIR: '/exports' }).dataDir).toBe('/exports');
  });
});
