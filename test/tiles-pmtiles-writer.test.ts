/**
 * Round trip of the PMTiles writer through the `pmtiles` reader the viewer uses: every tile written is
 * read back by z/x/y and compared byte for byte; header fields, leaf directories, run-length entries and
 * de-duplicated contents are checked against what was added.
 */
import { gzipSync } from 'node:zlib';
import { bytesToHeader, PMTiles, readVarint, tileIdToZxy, zxyToTileId } from 'pmtiles';
import { describe, expect, it } from 'vitest';
import { BufferSource, nodeGunzip } from '../src/tiles/buffer-source.ts';
import { FIRST_FETCH_BYTES, HEADER_BYTES, serializeDirectory, writeVarint } from '../src/tiles/pmtiles-directory.ts';
import { concatParts, PMTilesWriter } from '../src/tiles/pmtiles-writer.ts';

/** Deterministic shuffle (mulberry32) so the add order is not the Hilbert order. */
function shuffled<T>(items: T[], seed = 7): T[] {
  let s = seed >>> 0;
  const rand = (): number => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = items.slice();
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const gz = (s: string): Uint8Array => gzipSync(enc(s));

interface Planned {
  z: number;
  x: number;
  y: number;
  /** Uncompressed payload expected back from the reader. */
  raw: Uint8Array;
  /** Exact bytes given to the writer. */
  stored: Uint8Array;
}

/**
 * z0..z7 complete (21,845 distinct tiles: forces leaf directories), plus at z9 a run of 300 consecutive
 * Hilbert ids sharing one content (one run-length entry) and 50 scattered tiles sharing another content
 * (de-duplicated, not consecutive).
 */
function plan(): { tiles: Planned[]; runIds: number[]; dupIds: number[] } {
  const tiles: Planned[] = [];
  for (let z = 0; z <= 7; z++) {
    for (let x = 0; x < 2 ** z; x++) {
      for (let y = 0; y < 2 ** z; y++) {
        const text = `tile ${z}/${x}/${y}`;
        tiles.push({ z, x, y, raw: enc(text), stored: gz(text) });
      }
    }
  }
  const runStored = gz('the same sea tile');
  const base = zxyToTileId(9, 0, 0) + 1000;
  const runIds: number[] = [];
  for (let i = 0; i < 300; i++) {
    const [z, x, y] = tileIdToZxy(base + i);
    runIds.push(base + i);
    tiles.push({ z, x, y, raw: enc('the same sea tile'), stored: runStored });
  }
  const dupStored = gz('the same forest tile');
  const dupIds: number[] = [];
  for (let i = 0; i < 50; i++) {
    const id = base + 5000 + i * 37; // gaps: never consecutive, so only de-duplication applies
    const [z, x, y] = tileIdToZxy(id);
    dupIds.push(id);
    tiles.push({ z, x, y, raw: enc('the same forest tile'), stored: dupStored.slice() });
  }
  return { tiles, runIds, dupIds };
}

describe('PMTilesWriter round trip through the pmtiles reader', () => {
  const { tiles } = plan();
  const writer = new PMTilesWriter();
  for (const t of shuffled(tiles)) writer.addTile(t.z, t.x, t.y, t.stored);
  const metadata = {
    name: 'test',
    attribution: '© test',
    vector_layers: [{ id: 'roads', fields: { name: 'String' }, minzoom: 0, maxzoom: 9 }],
  };
  const finished = writer.finish({ metadata, bounds: [1.4, 42.4, 1.8, 42.7], center: [1.52, 42.51], centerZoom: 5 });
  const bytes = concatParts(finished.parts);
  const distinct = 21_845 + 1 + 1;
  const entries = 21_845 + 1 + 50;

  it('produces a header the reader agrees with', () => {
    expect(bytes.length).toBe(finished.byteLength);
    expect(new TextDecoder().decode(bytes.subarray(0, 7))).toBe('PMTiles');
    expect(bytes[7]).toBe(3);
    const h = bytesToHeader(bytes.slice(0, HEADER_BYTES).buffer);
    expect(h.specVersion).toBe(3);
    expect(h.rootDirectoryOffset).toBe(HEADER_BYTES);
    // The spec: header and root directory within the first 16,384 bytes.
    expect(h.rootDirectoryOffset + h.rootDirectoryLength).toBeLessThanOrEqual(FIRST_FETCH_BYTES);
    expect(h.leafDirectoryLength).toBeGreaterThan(0);
    expect(finished.leafCount).toBeGreaterThan(1);
    expect(h.numAddressedTiles).toBe(tiles.length);
    expect(h.numTileEntries).toBe(entries);
    expect(h.numTileContents).toBe(distinct);
    expect(h.clustered).toBe(true);
    expect(h.internalCompression).toBe(2);
    expect(h.tileCompression).toBe(2);
    expect(h.tileType).toBe(1);
    expect(h.minZoom).toBe(0);
    expect(h.maxZoom).toBe(9);
    expect(h.minLon).toBeCloseTo(1.4, 6);
    expect(h.minLat).toBeCloseTo(42.4, 6);
    expect(h.maxLon).toBeCloseTo(1.8, 6);
    expect(h.maxLat).toBeCloseTo(42.7, 6);
    expect(h.centerZoom).toBe(5);
    expect(h.centerLon).toBeCloseTo(1.52, 6);
    expect(h.centerLat).toBeCloseTo(42.51, 6);
    // Sections in spec order and back to back, tile data last.
    expect(h.jsonMetadataOffset).toBe(h.rootDirectoryOffset + h.rootDirectoryLength);
    expect(h.leafDirectoryOffset).toBe(h.jsonMetadataOffset + h.jsonMetadataLength);
    expect(h.tileDataOffset).toBe(h.leafDirectoryOffset + (h.leafDirectoryLength ?? 0));
    expect(h.tileDataOffset + (h.tileDataLength ?? 0)).toBe(bytes.length);
  });

  it('stores each distinct content once (de-duplication and run-length)', () => {
    const h = bytesToHeader(bytes.slice(0, HEADER_BYTES).buffer);
    const seen = new Map<string, number>();
    for (const t of tiles) seen.set(Buffer.from(t.stored).toString('base64'), t.stored.length);
    const distinctBytes = [...seen.values()].reduce((a, b) => a + b, 0);
    expect(seen.size).toBe(distinct);
    expect(h.tileDataLength).toBe(distinctBytes);
  });

  it('reads back every tile with identical bytes, and nothing else', async () => {
    // node's gunzip instead of the default DecompressionStream: same bytes, 20,000 reads in a second.
    const archive = new PMTiles(new BufferSource(bytes), undefined, async (buf, compression) => {
      expect(compression).toBe(2);
      return nodeGunzip(buf);
    });
    for (const t of tiles) {
      const got = await archive.getZxy(t.z, t.x, t.y);
      expect(got, `${t.z}/${t.x}/${t.y}`).toBeDefined();
      const data = new Uint8Array(got!.data);
      if (Buffer.compare(data, t.raw) !== 0) expect.fail(`tile ${t.z}/${t.x}/${t.y} differs`);
    }
    // Around the run and the duplicates: tiles never added must be absent.
    const present = new Set(tiles.map((t) => zxyToTileId(t.z, t.x, t.y)));
    const base = zxyToTileId(9, 0, 0);
    for (let id = base; id < base + 8000; id++) {
      if (present.has(id)) continue;
      const [z, x, y] = tileIdToZxy(id);
      expect(await archive.getZxy(z, x, y)).toBeUndefined();
    }
    expect(await archive.getZxy(8, 0, 0)).toBeUndefined();
  });

  it('stores exactly the compressed bytes given (raw read through the directories)', async () => {
    // The reader caches directories: a first read decompresses them, then in raw mode only the tile's own
    // bytes pass through `decompress`, and come back exactly as stored.
    let rawMode = false;
    let rawReads = 0;
    const archive = new PMTiles(new BufferSource(bytes), undefined, async (buf) => {
      if (!rawMode) return nodeGunzip(buf);
      rawReads++;
      return buf;
    });
    for (const t of tiles.filter((_, i) => i % 97 === 0)) {
      rawMode = false;
      await archive.getZxy(t.z, t.x, t.y);
      rawMode = true;
      const got = await archive.getZxy(t.z, t.x, t.y);
      expect(Buffer.compare(new Uint8Array(got!.data), t.stored), `${t.z}/${t.x}/${t.y}`).toBe(0);
    }
    expect(rawReads).toBeGreaterThan(200);
  });

  it('keeps the metadata JSON', async () => {
    const archive = new PMTiles(new BufferSource(bytes));
    expect(await archive.getMetadata()).toEqual(metadata);
  });
});

describe('PMTilesWriter details', () => {
  it('keeps a small archive in the root directory', async () => {
    const w = new PMTilesWriter();
    w.addTile(1, 1, 0, gz('a'));
    w.addTile(0, 0, 0, gz('b'));
    const f = w.finish();
    expect(f.leafCount).toBe(0);
    expect(f.header.leafDirectoryLength).toBe(0);
    expect(f.header.minZoom).toBe(0);
    expect(f.header.maxZoom).toBe(1);
    const archive = new PMTiles(new BufferSource(concatParts(f.parts)));
    expect(new TextDecoder().decode((await archive.getZxy(1, 1, 0))!.data)).toBe('a');
    expect(new TextDecoder().decode((await archive.getZxy(0, 0, 0))!.data)).toBe('b');
  });

  it('folds a run of identical consecutive tiles into one entry', () => {
    const w = new PMTilesWriter();
    const same = gz('same');
    for (let x = 0; x < 4; x++) for (let y = 0; y < 4; y++) w.addTile(2, x, y, same);
    const f = w.finish();
    expect(f.header.numAddressedTiles).toBe(16);
    expect(f.header.numTileEntries).toBe(1);
    expect(f.header.numTileContents).toBe(1);
    expect(f.header.tileDataLength).toBe(same.length);
  });

  it('splits into leaves when asked to, and the reader follows them', async () => {
    const w = new PMTilesWriter({ maxRootEntries: 10, minLeafSize: 8 });
    const all: [number, number, number][] = [];
    for (let x = 0; x < 8; x++) for (let y = 0; y < 8; y++) all.push([3, x, y]);
    for (const [z, x, y] of all) w.addTile(z, x, y, gz(`${z}/${x}/${y}`));
    const f = w.finish();
    expect(f.leafCount).toBe(8);
    const archive = new PMTiles(new BufferSource(concatParts(f.parts)));
    for (const [z, x, y] of all) expect(new TextDecoder().decode((await archive.getZxy(z, x, y))!.data)).toBe(`${z}/${x}/${y}`);
  });

  it('rejects empty and repeated tiles, and an archive without tiles', () => {
    expect(() => new PMTilesWriter().finish()).toThrow(/no tiles/);
    const w = new PMTilesWriter();
    expect(() => w.addTile(0, 0, 0, new Uint8Array())).toThrow(/empty/);
    w.addTile(0, 0, 0, gz('x'));
    expect(() => w.addTile(0, 0, 0, gz('y'))).toThrow(/twice/);
  });

  it('encodes varints past 2^32 the way the reader decodes them', () => {
    for (const v of [0, 1, 127, 128, 300, 2 ** 31, 2 ** 32 + 5, 2 ** 40 + 123, Number.MAX_SAFE_INTEGER]) {
      const bytes: number[] = [];
      writeVarint({ push: (b) => bytes.push(b) }, v);
      expect(readVarint({ buf: new Uint8Array(bytes), pos: 0 })).toBe(v);
    }
  });

  it('writes directory offsets as 0 when contiguous and offset + 1 otherwise', () => {
    const dir = serializeDirectory([
      { tileId: 5, offset: 0, length: 10, runLength: 1 },
      { tileId: 6, offset: 10, length: 4, runLength: 2 },
      { tileId: 9, offset: 0, length: 10, runLength: 1 },
    ]);
    // count, 3 id deltas, 3 run lengths, 3 lengths, 3 offsets
    expect([...dir]).toEqual([3, 5, 1, 3, 1, 2, 1, 10, 4, 10, 1, 0, 1]);
  });
});
