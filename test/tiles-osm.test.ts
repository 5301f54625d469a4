/**
 * The OpenStreetMap path on a real extract (Andorra, in the shared test data): read, cut at z14, write,
 * read back through `pmtiles`, decode with @mapbox/vector-tile. Skipped with a notice when the shared
 * folder is absent on a developer machine; a failure in CI (CI=true), where it must be present.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { PMTiles, tileIdToZxy, zxyToTileId } from 'pmtiles';
import { describe, expect, it } from 'vitest';
import { buildBasemap } from '../src/tiles/basemap.ts';
import { BufferSource } from '../src/tiles/buffer-source.ts';
import { mercX, mercY, type TileRef } from '../src/tiles/cut.ts';
import { readOsmPbf, type OsmReadResult } from '../src/tiles/osm.ts';
import { concatParts } from '../src/tiles/pmtiles-writer.ts';
import { basemapCutLayers } from '../src/tiles/schema.ts';

const REL = 'testdata/osm/andorra-latest.osm.pbf';
// shared/ sits beside the repository (here and in CI's fresh clone); /work/shared on a developer machine.
const candidates = [...new Set([resolve(import.meta.dirname, '../../shared', REL), `/work/shared/${REL}`])];
const PBF = candidates.find((p) => existsSync(p));
const inCi = process.env.CI === 'true';

if (!PBF && !inCi) {
  console.warn(`\n[tiles-osm] SKIPPED: ${REL} not found (looked in ${candidates.join(', ')}); the OSM path is untested here.\n`);
}

describe.runIf(PBF || inCi)('OSM extract → basemap tiles (Andorra)', () => {
  it('has the shared test extract', () => {
    expect(PBF, `missing ${REL} beside the repository`).toBeDefined();
  });

  let osm: OsmReadResult;
  it('reads nodes, ways and relations into the basemap layers', async () => {
    osm = await readOsmPbf(PBF!);
    const s = osm.stats;
    expect(s.nodes).toBeGreaterThan(200_000);
    expect(s.ways).toBeGreaterThan(10_000);
    expect(s.relations).toBeGreaterThan(100);
    expect(s.missingNodeWays).toBe(0);
    expect(s.multipolygons).toBeGreaterThan(10);
    for (const layer of ['water', 'landuse', 'roads', 'buildings', 'places', 'boundaries'] as const) expect(s.features[layer], layer).toBeGreaterThan(10);
    expect(osm.headerBounds![0]).toBeCloseTo(1.41, 1);
    expect(osm.headerBounds![3]).toBeCloseTo(42.66, 1);
    const capital = osm.layers.places.find((f) => f.properties?.name === 'Andorra la Vella')!;
    expect(capital.properties).toMatchObject({ kind: 'town', 'name:zh': expect.any(String) });
    expect(osm.layers.roads.every((f) => ['arterial', 'collector', 'local', 'alley', 'service', 'other'].includes(String(f.properties?.class)))).toBe(true);
    expect(osm.layers.buildings.every((f) => f.geometry.type === 'Polygon' || f.geometry.type === 'MultiPolygon')).toBe(true);
    expect(osm.layers.landuse.some((f) => f.geometry.type === 'MultiPolygon' || (f.geometry.type === 'Polygon' && f.geometry.coordinates.length > 1))).toBe(true);
  }, 60_000);

  it('cuts z14 tiles in which roads and buildings keep their names and fields', async () => {
    const written: TileRef[] = [];
    const { archive, summary } = buildBasemap(basemapCutLayers(osm.layers), {
      minzoom: 14, maxzoom: 14, bounds: osm.headerBounds!, onTile: (t) => written.push(t),
    });
    expect(summary.tiles).toBeGreaterThan(100);
    expect(summary.largestTile!.bytes).toBeLessThan(500_000);
    const reader = new PMTiles(new BufferSource(concatParts(archive.parts)));
    expect((await reader.getHeader()).numAddressedTiles).toBe(written.length);

    const counts: Record<string, number> = {};
    const roadNames = new Set<string>();
    let buildingWithUse = 0;
    for (const t of written) {
      const got = await reader.getZxy(t.z, t.x, t.y);
      const tile = new VectorTile(new PbfReader(new Uint8Array(got!.data)));
      for (const [name, layer] of Object.entries(tile.layers)) {
        counts[name] = (counts[name] ?? 0) + layer.length;
        for (let i = 0; i < layer.length; i++) {
          const f = layer.feature(i);
          if (name === 'roads' && typeof f.properties.name === 'string') roadNames.add(f.properties.name);
          if (name === 'buildings' && f.properties.use) buildingWithUse++;
          if (name === 'roads') expect(f.type).toBe(2);
          if (name === 'buildings') expect(f.type).toBe(3);
        }
      }
    }
    expect(counts.roads).toBeGreaterThan(1000);
    expect(counts.buildings).toBeGreaterThan(1000);
    expect(buildingWithUse).toBe(counts.buildings);
    expect(roadNames.size).toBeGreaterThan(50);
    expect([...roadNames].some((n) => n.startsWith('Avinguda'))).toBe(true);

    // The capital's tile has roads, buildings and its label.
    const [x, y] = [Math.floor(mercX(1.5212) * 2 ** 14), Math.floor(mercY(42.5069) * 2 ** 14)];
    expect(tileIdToZxy(zxyToTileId(14, x, y))).toEqual([14, x, y]);
    const center = new VectorTile(new PbfReader(new Uint8Array((await reader.getZxy(14, x, y))!.data)));
    expect(center.layers.roads!.length).toBeGreaterThan(10);
    expect(center.layers.buildings!.length).toBeGreaterThan(10);
    const labels = Array.from({ length: center.layers.places?.length ?? 0 }, (_, i) => center.layers.places!.feature(i).properties);
    expect(labels.some((p) => p.name === 'Andorra la Vella' && typeof p['name:zh'] === 'string')).toBe(true);
  }, 60_000);
});
