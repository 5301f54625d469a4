/**
 * Cutting GeoJSON layers into an archive and reading the tiles back as MapLibre would: through the
 * `pmtiles` reader and @mapbox/vector-tile (the decoder MapLibre itself uses; it comes with maplibre-gl).
 */
import type { Feature } from 'geojson';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { PMTiles } from 'pmtiles';
import { describe, expect, it } from 'vitest';
import { buildBasemap } from '../src/tiles/basemap.ts';
import { BufferSource } from '../src/tiles/buffer-source.ts';
import { cutTiles, EXTENT, mercX, mercY, TileTooLargeError, type CutLayer, type CutProgress, type TileRef } from '../src/tiles/cut.ts';
import { concatParts, PMTilesWriter } from '../src/tiles/pmtiles-writer.ts';

/** Tile x/y containing a lon/lat at zoom z. */
function tileAt(lon: number, lat: number, z: number): [number, number] {
  return [Math.floor(mercX(lon) * 2 ** z), Math.floor(mercY(lat) * 2 ** z)];
}

/** A rectangle of about `metres` across centred on lon/lat. */
function square(lon: number, lat: number, metres: number, properties: Record<string, unknown>): Feature {
  const d = metres / 111_320 / 2;
  const dx = d / Math.cos((lat * Math.PI) / 180);
  return {
    type: 'Feature',
    properties,
    geometry: { type: 'Polygon', coordinates: [[[lon - dx, lat - d], [lon + dx, lat - d], [lon + dx, lat + d], [lon - dx, lat + d], [lon - dx, lat - d]]] },
  };
}

const LON = 120.15, LAT = 30.25; // somewhere in Hangzhou

function sampleLayers(): CutLayer[] {
  const roads: Feature[] = [
    { type: 'Feature', id: 7, properties: { class: 'arterial', name: '延安路', secret: 'drop me', oneway: true }, geometry: { type: 'LineString', coordinates: [[LON - 0.01, LAT], [LON + 0.01, LAT]] } },
    { type: 'Feature', properties: { class: 'service', name: '小区道路' }, geometry: { type: 'LineString', coordinates: [[LON, LAT - 0.002], [LON, LAT + 0.002]] } },
  ];
  const buildings: Feature[] = [
    square(LON + 0.001, LAT + 0.001, 60, { use: 'factory', height: 12, fire_hazard_class: 'A' }),
    square(LON - 0.001, LAT + 0.001, 6, { use: 'residential', levels: 2 }), // a shed: only at high zoom
  ];
  const places: Feature[] = [{ type: 'Feature', properties: { kind: 'suburb', name: '示范街道', population: 12000 }, geometry: { type: 'Point', coordinates: [LON, LAT] } }];
  return [
    { name: 'roads', features: roads, properties: ['class', 'name', 'oneway'], featureMinZoom: (p) => (p.class === 'service' ? 14 : undefined) },
    { name: 'buildings', features: buildings, minzoom: 13, properties: ['use', 'height', 'levels'], minSize: 4 },
    { name: 'places', features: places },
  ];
}

interface Decoded {
  [layer: string]: { properties: Record<string, unknown>; type: number; id: number | undefined; geometry: { x: number; y: number }[][] }[];
}

async function decode(archive: PMTiles, z: number, x: number, y: number): Promise<Decoded | undefined> {
  const got = await archive.getZxy(z, x, y);
  if (!got) return undefined;
  const tile = new VectorTile(new PbfReader(new Uint8Array(got.data)));
  const out: Decoded = {};
  for (const [name, layer] of Object.entries(tile.layers)) {
    expect(layer.extent).toBe(EXTENT);
    out[name] = [];
    for (let i = 0; i < layer.length; i++) {
      const f = layer.feature(i);
      out[name].push({ properties: f.properties, type: f.type, id: f.id, geometry: f.loadGeometry() });
    }
  }
  return out;
}

describe('cutTiles', () => {
  const progress: CutProgress[] = [];
  const written: TileRef[] = [];
  const { archive, summary, metadata } = buildBasemap(sampleLayers(), {
    minzoom: 10, maxzoom: 16, name: 'sample', attribution: '© sample',
    onProgress: (p) => progress.push(p), onTile: (t) => written.push(t),
  });
  const reader = new PMTiles(new BufferSource(concatParts(archive.parts)));

  it('writes only non-empty tiles, all of them readable', async () => {
    expect(summary.tiles).toBe(written.length);
    expect(summary.tiles).toBeGreaterThan(0);
    expect(archive.header.numAddressedTiles).toBe(summary.tiles);
    expect(summary.candidates).toBeGreaterThanOrEqual(summary.tiles);
    for (const t of written) {
      const d = await decode(reader, t.z, t.x, t.y);
      expect(d, `${t.z}/${t.x}/${t.y}`).toBeDefined();
      const count = Object.values(d!).reduce((n, l) => n + l.length, 0);
      expect(count, `${t.z}/${t.x}/${t.y} has features`).toBeGreaterThan(0);
      // Geometry stays within the tile plus its buffer.
      for (const layer of Object.values(d!)) {
        for (const f of layer) for (const ring of f.geometry) for (const p of ring) {
          expect(p.x).toBeGreaterThanOrEqual(-64);
          expect(p.x).toBeLessThanOrEqual(EXTENT + 64);
        }
      }
    }
    expect(summary.bytes).toBe(written.reduce((n, t) => n + t.bytes, 0));
    expect(summary.largestTile!.bytes).toBe(Math.max(...written.map((t) => t.bytes)));
    expect(summary.seconds).toBeGreaterThan(0);
  });

  it('reports progress up to done = total', () => {
    expect(progress.length).toBe(summary.candidates);
    for (let i = 1; i < progress.length; i++) expect(progress[i]!.done).toBe(progress[i - 1]!.done + 1);
    expect(progress.at(-1)!.done).toBe(progress.at(-1)!.total);
    expect(progress.at(-1)!.written).toBe(summary.tiles);
  });

  it('keeps only the listed properties, and feature ids', async () => {
    const [x, y] = tileAt(LON, LAT, 14);
    const d = (await decode(reader, 14, x, y))!;
    const arterial = d.roads!.find((f) => f.properties.class === 'arterial')!;
    expect(arterial.properties).toEqual({ class: 'arterial', name: '延安路', oneway: true });
    expect(arterial.id).toBe(7);
    const factory = d.buildings!.find((f) => f.properties.use === 'factory')!;
    expect(factory.properties).toEqual({ use: 'factory', height: 12 });
    expect(d.places![0]!.properties).toEqual({ kind: 'suburb', name: '示范街道', population: 12000 });
  });

  it('honours layer minzoom, per-feature minzoom and the min-size filter', async () => {
    const at = async (z: number): Promise<Decoded> => { const [x, y] = tileAt(LON, LAT, z); return (await decode(reader, z, x, y))!; };
    expect((await at(12)).buildings).toBeUndefined(); // layer from z13
    expect((await at(13)).roads!.map((f) => f.properties.class)).toEqual(['arterial']); // service from z14
    expect((await at(14)).roads!.map((f) => f.properties.class).sort()).toEqual(['arterial', 'service']);
    // minSize 4 px: the 60 m factory spans ≈ 7 px at z13, so it shows from the layer's z13; the 6 m shed
    // spans ≈ 2.9 px at z15 and ≈ 5.8 px at z16 (6 m / (40,075 km × cos 30.25°) × 512 × 2^z).
    expect((await at(13)).buildings!.map((f) => f.properties.use)).toEqual(['factory']);
    expect((await at(15)).buildings!.map((f) => f.properties.use)).toEqual(['factory']);
    expect((await at(16)).buildings!.map((f) => f.properties.use).sort()).toEqual(['factory', 'residential']);
  });

  it('describes the layers in the metadata and header', async () => {
    const meta = (await reader.getMetadata()) as typeof metadata;
    expect(meta.name).toBe('sample');
    expect(meta.attribution).toBe('© sample');
    expect(meta.vector_layers).toEqual([
      { id: 'roads', minzoom: 10, maxzoom: 16, fields: { class: 'String', name: 'String', oneway: 'Boolean' } },
      { id: 'buildings', minzoom: 13, maxzoom: 16, fields: { use: 'String', height: 'Number', levels: 'Number' } },
      { id: 'places', minzoom: 10, maxzoom: 16, fields: { kind: 'String', name: 'String', population: 'Number' } },
    ]);
    const h = await reader.getHeader();
    expect(h.minZoom).toBe(10);
    expect(h.maxZoom).toBe(16);
    expect(h.minLon).toBeCloseTo(LON - 0.01, 5);
    expect(h.maxLon).toBeCloseTo(LON + 0.01, 5);
    expect(h.centerLon).toBeCloseTo(LON, 5);
    expect(h.centerZoom).toBe(14);
  });
});

describe('cutTiles options', () => {
  it('gives the same tiles whatever the block zoom', () => {
    const run = (chunkZoom: number): Map<string, string> => {
      const tiles = new Map<string, string>();
      const w = new PMTilesWriter();
      cutTiles(sampleLayers(), { minzoom: 10, maxzoom: 16, chunkZoom, gzipLevel: 1 }, { addTile: (z: number, x: number, y: number, d: Uint8Array) => { tiles.set(`${z}/${x}/${y}`, Buffer.from(d).toString('base64')); w.addTile(z, x, y, d); } } as unknown as PMTilesWriter);
      return tiles;
    };
    const a = run(10), b = run(12), c = run(16);
    expect([...b.keys()].sort()).toEqual([...a.keys()].sort());
    for (const [k, v] of a) {
      expect(b.get(k), k).toBe(v);
      expect(c.get(k), k).toBe(v);
    }
  });

  it('makes no tile outside the given bounds', () => {
    const written: TileRef[] = [];
    const bounds: [number, number, number, number] = [LON, LAT - 0.01, LON + 0.02, LAT + 0.01];
    const s = cutTiles(sampleLayers(), { minzoom: 15, maxzoom: 15, bounds, onTile: (t) => written.push(t) }, new PMTilesWriter());
    const [minX] = tileAt(bounds[0], bounds[3], 15);
    expect(written.length).toBeGreaterThan(0);
    for (const t of written) expect(t.x).toBeGreaterThanOrEqual(minX);
    expect(s.bounds![0]).toBe(LON); // data clipped to the bounds
  });

  /** 3,000 small distinct squares within one z14 tile: far above a 20 kB limit. */
  function crowded(): CutLayer[] {
    const features: Feature[] = [];
    for (let i = 0; i < 3000; i++) features.push(square(LON + 0.002 + (i % 60) * 0.00004, LAT + 0.002 + Math.floor(i / 60) * 0.00004, 3 + (i % 17) * 2, { n: i }));
    return [{ name: 'buildings', features }];
  }

  it('fails clearly on a tile above the limit by default', () => {
    expect(() => cutTiles(crowded(), { minzoom: 14, maxzoom: 14, maxTileBytes: 20_000 }, new PMTilesWriter())).toThrow(TileTooLargeError);
    try {
      cutTiles(crowded(), { minzoom: 14, maxzoom: 14, maxTileBytes: 20_000 }, new PMTilesWriter());
    } catch (e) {
      expect((e as Error).message).toMatch(/^tile 14\/\d+\/\d+ is \d+ bytes gzip'd, above the 20000-byte limit \(features: buildings \d+\)/);
      expect((e as TileTooLargeError).tile.z).toBe(14);
    }
  });

  it('thins an oversize tile when allowed, smallest features first', async () => {
    const written: TileRef[] = [];
    const w = new PMTilesWriter();
    const s = cutTiles(crowded(), { minzoom: 14, maxzoom: 14, maxTileBytes: 20_000, oversize: 'drop', onTile: (t) => written.push(t) }, w);
    expect(s.thinned.length).toBeGreaterThan(0);
    for (const t of written) expect(t.bytes).toBeLessThanOrEqual(20_000);
    const th = s.thinned[0]!;
    expect(th.before).toBeGreaterThan(20_000);
    expect(th.droppedFeatures).toBeGreaterThan(0);
    // The largest squares survive.
    const reader = new PMTiles(new BufferSource(concatParts(w.finish().parts)));
    const d = (await decode(reader, th.z, th.x, th.y))!;
    const kept = new Set(d.buildings!.map((f) => Number(f.properties.n) % 17));
    expect(kept.has(16)).toBe(true);
    expect(kept.has(0)).toBe(false);
  });

  it('rejects a bad zoom range and duplicate layer names', () => {
    expect(() => cutTiles([], { minzoom: 5, maxzoom: 4 }, new PMTilesWriter())).toThrow(/zoom range/);
    expect(() => cutTiles([{ name: 'a', features: [] }, { name: 'a', features: [] }], { minzoom: 1, maxzoom: 2 }, new PMTilesWriter())).toThrow(/twice/);
  });

  it('writes gzip tiles', () => {
    const seen: Uint8Array[] = [];
    cutTiles(sampleLayers(), { minzoom: 14, maxzoom: 14 }, { addTile: (_z: number, _x: number, _y: number, d: Uint8Array) => seen.push(d) } as unknown as PMTilesWriter);
    expect(seen.length).toBeGreaterThan(0);
    for (const d of seen) expect([d[0], d[1]]).toEqual([0x1f, 0x8b]);
  });
});
