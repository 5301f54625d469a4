/**
 * The demo district's basemap (`npm run tiles -- demo`, what `npm start` builds): every layer of the
 * schema has features in the tiles, the boundaries hold the district outline, the community
 * boundaries and the grid cells (each edge once), and the same data gives the same bytes wherever the
 * folder is.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { VectorTile } from '@mapbox/vector-tile';
import type { Feature, LineString, Position } from 'geojson';
import { PbfReader } from 'pbf';
import { PMTiles, type Header } from 'pmtiles';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../src/cli/tiles.ts';
import { BufferSource } from '../src/tiles/buffer-source.ts';
import { demoInputsDigest, readDemoLayers } from '../src/tiles/demo.ts';
import { BASEMAP_LAYERS } from '../src/tiles/schema.ts';
import { generateTmp, readFeatures, type Generated } from './demo-helpers.ts';

async function build(data: string, out: string): Promise<void> {
  const o = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  const e = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    expect(await main(['demo', '--data', data, '--out', out, '--quiet'])).toBe(0);
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

/** Every tile of an archive, decoded: z/x/y → layer → feature properties (and the tile for geometry). */
async function decodeAll(reader: PMTiles, header: Header): Promise<{ z: number; x: number; y: number; tile: VectorTile }[]> {
  const out: { z: number; x: number; y: number; tile: VectorTile }[] = [];
  const [w, s, e, n] = [header.minLon, header.minLat, header.maxLon, header.maxLat];
  for (let z = header.minZoom; z <= header.maxZoom; z++) {
    const tx = (lon: number): number => Math.floor(((lon + 180) / 360) * 2 ** z);
    const ty = (lat: number): number => Math.floor(((1 - Math.log(Math.tan(Math.PI / 4 + (lat * Math.PI) / 360)) / Math.PI) / 2) * 2 ** z);
    for (let x = tx(w); x <= tx(e); x++) {
      for (let y = ty(n); y <= ty(s); y++) {
        const got = await reader.getZxy(z, x, y);
        if (got) out.push({ z, x, y, tile: new VectorTile(new PbfReader(new Uint8Array(got.data))) });
      }
    }
  }
  return out;
}

describe('the demo basemap', () => {
  let a: Generated, b: Generated;
  let bytesA: Buffer, bytesB: Buffer;
  let tiles: { z: number; x: number; y: number; tile: VectorTile }[];
  let metadata: Record<string, unknown>;
  beforeAll(async () => {
    a = generateTmp();
    b = generateTmp();
    await build(a.dir, join(a.dir, 'basemap.pmtiles'));
    await build(b.dir, join(b.dir, 'basemap.pmtiles'));
    bytesA = readFileSync(join(a.dir, 'basemap.pmtiles'));
    bytesB = readFileSync(join(b.dir, 'basemap.pmtiles'));
    const reader = new PMTiles(new BufferSource(new Uint8Array(bytesA)));
    tiles = await decodeAll(reader, await reader.getHeader());
    metadata = (await reader.getMetadata()) as Record<string, unknown>;
  }, 120_000);
  afterAll(() => [a, b].forEach((g) => g.cleanup()));

  it('is byte for byte the same for the same data, wherever the folder is', () => {
    expect(a.dir).not.toBe(b.dir);
    expect(bytesA.length).toBeGreaterThan(50_000);
    expect(bytesA.equals(bytesB)).toBe(true);
    expect(metadata.fire_one_map_inputs).toBe(demoInputsDigest(a.dir));
  });

  it('has every layer of the schema, with features, in the tiles and the metadata', () => {
    const count: Record<string, number> = {};
    for (const { tile } of tiles) for (const [name, layer] of Object.entries(tile.layers)) count[name] = (count[name] ?? 0) + layer.length;
    for (const layer of BASEMAP_LAYERS) expect(count[layer], layer).toBeGreaterThan(0);
    const ids = (metadata.vector_layers as { id: string }[]).map((l) => l.id);
    expect([...ids].sort()).toEqual([...BASEMAP_LAYERS].sort());
  });

  it('draws land use of every class, water as area and line, and labels the street office and its communities', () => {
    const z16 = tiles.filter((t) => t.z === 16);
    const props = (layer: string) => z16.flatMap(({ tile }) => Array.from({ length: tile.layers[layer]?.length ?? 0 }, (_, i) => tile.layers[layer]!.feature(i)));
    expect(new Set(props('landuse').map((f) => f.properties.class))).toEqual(new Set(['industrial', 'residential', 'commercial', 'public', 'green']));
    expect([...new Set(props('landuse').map((f) => f.properties.kind))]).toEqual(expect.arrayContaining(['urban_village', 'industrial', 'park', 'grass', 'education']));
    const water = tiles.filter((t) => t.z === 14).flatMap(({ tile }) => Array.from({ length: tile.layers.water?.length ?? 0 }, (_, i) => tile.layers.water!.feature(i)));
    expect(water.some((f) => f.type === 3 && f.properties.kind === 'pond')).toBe(true);
    expect(water.some((f) => f.type === 2 && f.properties.kind === 'canal')).toBe(true);
    const names = new Map(tiles.flatMap(({ tile }) => Array.from({ length: tile.layers.places?.length ?? 0 }, (_, i) => tile.layers.places!.feature(i))).map((f) => [f.properties.name, f.properties.kind]));
    expect(names.get(a.meta.street_office)).toBe('suburb');
    for (const c of a.meta.communities) expect(names.get(c), c).toBe('quarter');
    expect([...names.values()]).toEqual(expect.arrayContaining(['school', 'hospital', 'marketplace', 'park', 'neighbourhood']));
    // No fire-safety attribute reaches the basemap.
    for (const { tile } of z16) for (const layer of Object.values(tile.layers)) for (let i = 0; i < layer.length; i++) {
      expect(Object.keys(layer.feature(i).properties)).not.toContain('fire_hazard_class');
    }
  });

  it('carries the district outline, community boundaries and grid cells as boundary lines, from z10 and z13', () => {
    const kinds = (z: number) => new Set(tiles.filter((t) => t.z === z).flatMap(({ tile }) =>
      Array.from({ length: tile.layers.boundaries?.length ?? 0 }, (_, i) => {
        const p = tile.layers.boundaries!.feature(i).properties;
        return p.kind === 'grid' ? 'grid' : `admin ${p.admin_level}`;
      })));
    expect(kinds(10)).toEqual(new Set(['admin 8']));
    expect(kinds(12)).toEqual(new Set(['admin 8', 'admin 10']));
    expect(kinds(14)).toEqual(new Set(['admin 8', 'admin 10', 'grid']));
  });

  it('outlines the district with one closed line and covers every grid cell edge exactly once', () => {
    const { layers } = readDemoLayers(a.dir);
    const lines = layers.boundaries as Feature<LineString>[];
    const district = lines.filter((l) => l.properties?.admin_level === 8);
    expect(district).toHaveLength(1);
    const ring = district[0]!.geometry.coordinates;
    expect(ring[0]).toEqual(ring[ring.length - 1]);
    // The outline encloses every building.
    const [w, s, e, n] = ring.reduce((bb, p) => [Math.min(bb[0]!, p[0]!), Math.min(bb[1]!, p[1]!), Math.max(bb[2]!, p[0]!), Math.max(bb[3]!, p[1]!)], [Infinity, Infinity, -Infinity, -Infinity]);
    for (const f of readFeatures(a.dir, 'buildings.geojson')) {
      for (const p of (f.geometry as { coordinates: Position[][] }).coordinates[0]!) expect(p[0]! > w! && p[0]! < e! && p[1]! > s! && p[1]! < n!).toBe(true);
    }
    expect(lines.filter((l) => l.properties?.admin_level === 10).length).toBeGreaterThanOrEqual(a.meta.communities.length - 1);
    // Each segment of the lines once; every cell's edges lie on some line (cut at T-junctions).
    const seg = (p: Position, q: Position): string => [String(p), String(q)].sort().join('|');
    const segs = lines.flatMap((l) => l.geometry.coordinates.slice(1).map((p, i) => seg(l.geometry.coordinates[i]!, p)));
    expect(new Set(segs).size).toBe(segs.length);
    const vertices = lines.flatMap((l) => l.geometry.coordinates);
    const onLines = (p: Position): boolean => vertices.some((v) => Math.abs(v[0]! - p[0]!) < 1e-9 && Math.abs(v[1]! - p[1]!) < 1e-9);
    const cells = readFeatures(a.dir, 'grids.geojson');
    expect(cells.length).toBe(38);
    for (const c of cells) for (const p of (c.geometry as { coordinates: Position[][] }).coordinates[0]!) expect(onLines(p), String(c.properties.grid_id)).toBe(true);
  });
});
