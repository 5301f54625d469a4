/**
 * What `npm start` / `npm run build` do about the basemap (src/cli/ensure-tiles.ts) and about a demo
 * folder from before the base files (staleDemo in src/cli/ensure-demo.ts), on temporary folders.
 */
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PMTiles } from 'pmtiles';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { staleDemo } from '../src/cli/ensure-demo.ts';
import { ensureTiles, tilesDecision } from '../src/cli/ensure-tiles.ts';
import { BASE_FILES } from '../src/demo/base.ts';
import { buildBasemap } from '../src/tiles/basemap.ts';
import { FileSource } from '../src/tiles/buffer-source.ts';
import { readDemoLayers } from '../src/tiles/demo.ts';
import { writeArchive } from '../src/tiles/pmtiles-writer.ts';
import { basemapCutLayers } from '../src/tiles/schema.ts';

const root = mkdtempSync(join(tmpdir(), 'ensure-tiles-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const W = 118.57, S = 24.79, E = 118.59, N = 24.81;
/** A small export folder: manifest, two roads, a building, two grid cells of two communities. */
function writeData(dir: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({
    version: 1, name: '测试街道', bbox: [W, S, E, N],
    sources: [
      { id: 'roads', kind: 'roads', path: 'roads.geojson', crs: 'WGS84' },
      { id: 'buildings', kind: 'buildings', path: 'buildings.geojson', crs: 'WGS84' },
      { id: 'grids', kind: 'grids', path: 'grids.geojson', crs: 'WGS84' },
    ],
  }));
  const fc = (features: unknown[]): string => JSON.stringify({ type: 'FeatureCollection', features });
  writeFileSync(join(dir, 'roads.geojson'), fc([
    { type: 'Feature', properties: { id: 'R1', class: 'arterial', name: '一路' }, geometry: { type: 'LineString', coordinates: [[W, 24.8], [E, 24.8]] } },
    { type: 'Feature', properties: { id: 'R2', class: 'local', name: '二路' }, geometry: { type: 'LineString', coordinates: [[118.58, S], [118.58, N]] } },
  ]));
  writeFileSync(join(dir, 'buildings.geojson'), fc([
    { type: 'Feature', properties: { id: 'B1', use: 'residential', floors: 6 }, geometry: { type: 'Polygon', coordinates: [[[118.575, 24.801], [118.5755, 24.801], [118.5755, 24.8014], [118.575, 24.8014], [118.575, 24.801]]] } },
  ]));
  const cell = (id: string, community: string, w: number, e: number) => ({
    type: 'Feature', properties: { grid_id: id, name: id, community }, geometry: { type: 'Polygon', coordinates: [[[w, S], [e, S], [e, N], [w, N], [w, S]]] },
  });
  writeFileSync(join(dir, 'grids.geojson'), fc([cell('G1', '一社区', W, 118.58), cell('G2', '二社区', 118.58, E)]));
}

describe('ensure-tiles', () => {
  let dir: string, data: string, archive: string;
  const lines: string[] = [];
  const log = (l: string): void => { lines.push(l); };
  beforeEach(() => {
    dir = mkdtempSync(join(root, 'case-'));
    data = join(dir, 'data');
    archive = join(dir, 'tiles', 'basemap.pmtiles');
    writeData(data);
    lines.length = 0;
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  });
  afterEach(() => vi.restoreAllMocks());

  it('builds a missing archive, then leaves it alone while the data stay the same', async () => {
    expect(await tilesDecision(data, archive)).toMatchObject({ build: true, why: expect.stringMatching(/missing/) });
    const first = await ensureTiles(data, archive, log);
    expect(first.build).toBe(true);
    expect(existsSync(archive)).toBe(true);
    const meta = (await new PMTiles(new FileSource(archive)).getMetadata()) as Record<string, unknown>;
    expect(meta.fire_one_map_inputs).toMatch(/^[0-9a-f]{64}$/);
    expect((meta.vector_layers as { id: string }[]).map((l) => l.id)).toEqual(expect.arrayContaining(['roads', 'buildings', 'places', 'boundaries']));
    const mtime = statSync(archive).mtimeMs;
    const second = await ensureTiles(data, archive, log);
    expect(second).toMatchObject({ build: false, why: expect.stringMatching(/up to date/) });
    expect(statSync(archive).mtimeMs).toBe(mtime);
    expect(lines.join('\n')).toMatch(/is missing; building it/);
  });

  it('rebuilds when the data change or another folder is served', async () => {
    await ensureTiles(data, archive, log);
    appendFileSync(join(data, 'roads.geojson'), '\n');
    expect(await tilesDecision(data, archive)).toMatchObject({ build: true, why: expect.stringMatching(/other data/) });
    await ensureTiles(data, archive, log);
    expect((await tilesDecision(data, archive)).build).toBe(false);
    const other = join(dir, 'other');
    writeData(other);
    writeFileSync(join(other, 'buildings.geojson'), JSON.stringify({ type: 'FeatureCollection', features: [] }));
    expect((await tilesDecision(other, archive)).build).toBe(true);
  });

  it('keeps an archive that was not made from a data folder (an OSM basemap), and rebuilds an unreadable one', async () => {
    const { archive: made } = buildBasemap(basemapCutLayers({ roads: [{ type: 'Feature', properties: { class: 'arterial' }, geometry: { type: 'LineString', coordinates: [[W, 24.8], [E, 24.8]] } }] }), { minzoom: 12, maxzoom: 13, name: 'andorra' });
    mkdirSync(join(dir, 'tiles'), { recursive: true });
    writeArchive(archive, made.parts);
    const before = readFileSync(archive);
    expect(await ensureTiles(data, archive, log)).toMatchObject({ build: false, why: expect.stringMatching(/not from a data folder/) });
    expect(readFileSync(archive).equals(before)).toBe(true);
    writeFileSync(archive, 'not an archive');
    expect(await tilesDecision(data, archive)).toMatchObject({ build: true, why: expect.stringMatching(/cannot be read/) });
  });

  it('builds nothing for a folder without roads or buildings', async () => {
    unlinkSync(join(data, 'roads.geojson'));
    unlinkSync(join(data, 'buildings.geojson'));
    expect(await ensureTiles(data, archive, log)).toMatchObject({ build: false, why: expect.stringMatching(/no roads or buildings/) });
    expect(existsSync(archive)).toBe(false);
  });

  it('derives boundaries and community labels from the grid cells when the folder has no base files', async () => {
    await ensureTiles(data, archive, log);
    const meta = (await new PMTiles(new FileSource(archive)).getMetadata()) as { vector_layers: { id: string; fields: Record<string, string> }[] };
    expect(meta.vector_layers.find((l) => l.id === 'boundaries')?.fields).toEqual({ kind: 'String', admin_level: 'Number' });
    const { layers } = readDemoLayers(data);
    // Two cells side by side: the outer edges are the district outline, the shared edge a community boundary.
    expect(layers.boundaries?.map((f) => f.properties)).toEqual([{ kind: 'administrative', admin_level: 8 }, { kind: 'administrative', admin_level: 10 }]);
    expect(layers.places?.map((f) => [f.properties?.kind, f.properties?.name])).toEqual([['suburb', '测试街道'], ['quarter', '一社区'], ['quarter', '二社区']]);
    expect(layers.landuse).toBeUndefined();
  });
});

describe('ensure-demo and the base files', () => {
  it('regenerates a demo from before the base files, with its own seed, and nothing else', () => {
    const dir = mkdtempSync(join(root, 'stale-'));
    expect(staleDemo(dir)).toBeNull(); // no demo-meta.json: not the generator's folder
    writeFileSync(join(dir, 'demo-meta.json'), JSON.stringify({ generator: 'fire-one-map demo-data', seed: 7, scale: 2, as_of: '2026-01-31' }));
    expect(staleDemo(dir)).toMatchObject({ seed: 7, scale: 2, asOf: '2026-01-31', why: expect.stringMatching(/base\/landuse\.geojson is missing/) });
    for (const f of BASE_FILES) {
      mkdirSync(join(dir, 'base'), { recursive: true });
      writeFileSync(join(dir, f), '{"type":"FeatureCollection","features":[]}');
    }
    expect(staleDemo(dir)).toBeNull();
    unlinkSync(join(dir, BASE_FILES[0]));
    writeFileSync(join(dir, 'demo-meta.json'), JSON.stringify({ generator: 'our own exporter', seed: 7, scale: 1, as_of: '2026-01-31' }));
    expect(staleDemo(dir)).toBeNull();
  });
});
