/**
 * A PMTiles v3 writer (node only) that follows the public specification:
 * https://github.com/protomaps/PMTiles/blob/main/spec/v3/spec.md
 *
 * No npm package writes PMTiles and the reference tools (go-pmtiles, tippecanoe, planetiler) cannot be
 * installed here, so the project writes its own archive. Layout, in file order:
 *
 *   header (127 B) | root directory | JSON metadata | leaf directories | tile data
 *
 * - Tiles are added one at a time (any order); each distinct content is kept once in a list of buffers.
 * - `finish()` sorts entries by Hilbert tile id, lays tile data out in that order (the archive is
 *   "clustered": a reader fetching neighbouring tiles reads neighbouring bytes), points identical contents
 *   at the same bytes (de-duplication: ocean/forest fill tiles are stored once) and folds runs of
 *   consecutive tile ids with the same content into one entry (RunLength).
 * - Directories and metadata are gzip-compressed (internal compression); tiles are stored as given and
 *   declared with the tile compression and type passed to the constructor (gzip + MVT by default).
 *
 * The `pmtiles` npm package reads what this writes; test/tiles-pmtiles-writer.test.ts reads every tile back.
 */
import { createHash } from 'node:crypto';
import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { zxyToTileId } from 'pmtiles';
import { buildDirectories, HEADER_BYTES, type DirEntry } from './pmtiles-directory.ts';
import { COMPRESSION, encodeHeader, TILE_TYPE, type PMTilesHeader } from './pmtiles-header.ts';

export interface PMTilesWriterOptions {
  /** Spec code of how the added tile bytes are compressed (default gzip: callers gzip each tile). */
  tileCompression?: number;
  /** Spec code of the tile format (default MVT). */
  tileType?: number;
  /** Directory split tuning, for tests; see buildDirectories. */
  maxRootEntries?: number;
  minLeafSize?: number;
}

export interface FinishOptions {
  /** Metadata object stored as JSON (for MVT: vector_layers, name, attribution, ...). */
  metadata?: Record<string, unknown>;
  /** Header zoom range; defaults to the range of the added tiles. */
  minZoom?: number;
  maxZoom?: number;
  /** [west, south, east, north]; defaults to the bounds of the added tiles. */
  bounds?: [number, number, number, number];
  /** [lon, lat]; defaults to the middle of the bounds. */
  center?: [number, number];
  /** Defaults to minZoom. */
  centerZoom?: number;
}

export interface FinishedArchive {
  /** The archive as consecutive parts (header first); write them in order, or concat them. */
  parts: Uint8Array[];
  byteLength: number;
  header: PMTilesHeader;
  /** Entries per leaf directory; 0 when the root holds every entry. */
  leafSize: number;
  leafCount: number;
}

/** [west, south, east, north] of tile z/x/y (web mercator), for default archive bounds. */
function tileBounds(z: number, x: number, y: number): [number, number, number, number] {
  const n = 2 ** z;
  const lon = (tx: number): number => (tx / n) * 360 - 180;
  const lat = (ty: number): number => (Math.atan(Math.sinh(Math.PI * (1 - (2 * ty) / n))) * 180) / Math.PI;
  return [lon(x), lat(y + 1), lon(x + 1), lat(y)];
}

const gzip = (raw: Uint8Array): Uint8Array => gzipSync(raw, { level: 9 });

/**
 * Collects tiles and assembles a PMTiles v3 archive.
 *
 * @example
 * const w = new PMTilesWriter();
 * w.addTile(14, 8290, 6055, gzipSync(mvtBytes));
 * const { parts } = w.finish({ metadata: { name: 'basemap', vector_layers: [...] } });
 * writeArchive('tiles/basemap.pmtiles', parts);
 */
export class PMTilesWriter {
  private readonly opts: Required<Pick<PMTilesWriterOptions, 'tileCompression' | 'tileType'>> & PMTilesWriterOptions;
  /** Distinct tile contents, in the order first added. */
  private readonly contents: Uint8Array[] = [];
  /** Content hash → index in `contents`, for de-duplication. */
  private readonly byHash = new Map<string, number>();
  /** Parallel arrays (tile id, content index): cheaper than one object per tile for big archives. */
  private tileIds: number[] = [];
  private contentOf: number[] = [];
  private readonly seen = new Set<number>();
  private minZ = Infinity;
  private maxZ = -Infinity;
  private bbox: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  private finished = false;
  private heldBytes = 0;

  constructor(opts: PMTilesWriterOptions = {}) {
    this.opts = { tileCompression: COMPRESSION.gzip, tileType: TILE_TYPE.mvt, ...opts };
  }

  /** Number of tiles added (addressed tiles). */
  get tileCount(): number {
    return this.tileIds.length;
  }

  /** Number of distinct contents so far. */
  get contentCount(): number {
    return this.contents.length;
  }

  /** Bytes of distinct tile contents held in memory so far (the tile data section to be). */
  get contentBytes(): number {
    return this.heldBytes;
  }

  /**
   * Add one tile. `data` must already be compressed with the archive's tile compression.
   * Throws on an empty tile (the spec requires a positive length; skip empty tiles instead) and on a
   * tile added twice.
   */
  addTile(z: number, x: number, y: number, data: Uint8Array): void {
    if (this.finished) throw new Error('PMTilesWriter: addTile after finish');
    if (data.length === 0) throw new Error(`PMTilesWriter: tile ${z}/${x}/${y} is empty; skip empty tiles`);
    if (data.length > 0xffffffff) throw new Error(`PMTilesWriter: tile ${z}/${x}/${y} is over 4 GiB`); // entry lengths are u32
    const tileId = zxyToTileId(z, x, y);
    if (this.seen.has(tileId)) throw new Error(`PMTilesWriter: tile ${z}/${x}/${y} added twice`);
    this.seen.add(tileId);
    const key = createHash('sha1').update(data).digest('base64');
    let index = this.byHash.get(key);
    if (index === undefined) {
      index = this.contents.length;
      // Copy: the caller may reuse its buffer, and a subarray would pin a larger one.
      this.contents.push(data.slice());
      this.byHash.set(key, index);
      this.heldBytes += data.length;
    }
    this.tileIds.push(tileId);
    this.contentOf.push(index);
    this.minZ = Math.min(this.minZ, z);
    this.maxZ = Math.max(this.maxZ, z);
    const [w, s, e, n] = tileBounds(z, x, y);
    this.bbox = [Math.min(this.bbox[0], w), Math.min(this.bbox[1], s), Math.max(this.bbox[2], e), Math.max(this.bbox[3], n)];
  }

  /** Assemble the archive. The writer cannot be used afterwards. */
  finish(options: FinishOptions = {}): FinishedArchive {
    if (this.finished) throw new Error('PMTilesWriter: finish called twice');
    // The spec requires every directory to have at least one entry.
    if (this.tileIds.length === 0) throw new Error('PMTilesWriter: no tiles were added; an empty archive is not valid PMTiles');
    this.finished = true;

    // 1. Order tiles by Hilbert id.
    const order = Array.from(this.tileIds.keys()).sort((a, b) => this.tileIds[a]! - this.tileIds[b]!);

    // 2. Lay out contents in the order first referenced, and fold runs into entries.
    const offsetOf = new Array<number>(this.contents.length).fill(-1);
    const dataParts: Uint8Array[] = [];
    let dataLength = 0;
    const entries: DirEntry[] = [];
    let last: (DirEntry & { content: number }) | undefined;
    for (const i of order) {
      const tileId = this.tileIds[i]!;
      const content = this.contentOf[i]!;
      if (last && last.content === content && tileId === last.tileId + last.runLength) {
        last.runLength++;
        continue;
      }
      if (offsetOf[content] === -1) {
        offsetOf[content] = dataLength;
        dataParts.push(this.contents[content]!);
        dataLength += this.contents[content]!.length;
      }
      last = { tileId, offset: offsetOf[content]!, length: this.contents[content]!.length, runLength: 1, content };
      entries.push(last);
    }
    const dirEntries: DirEntry[] = entries.map(({ tileId, offset, length, runLength }) => ({ tileId, offset, length, runLength }));

    // 3. Directories, then metadata, then assemble offsets.
    const dirs = buildDirectories(dirEntries, gzip, {
      ...(this.opts.maxRootEntries !== undefined ? { maxRootEntries: this.opts.maxRootEntries } : {}),
      ...(this.opts.minLeafSize !== undefined ? { minLeafSize: this.opts.minLeafSize } : {}),
    });
    const metadata = gzip(new TextEncoder().encode(JSON.stringify(options.metadata ?? {})));

    const minZoom = options.minZoom ?? this.minZ;
    const maxZoom = options.maxZoom ?? this.maxZ;
    const bounds = options.bounds ?? this.bbox;
    const center = options.center ?? [(bounds[0] + bounds[2]) / 2, (bounds[1] + bounds[3]) / 2];

    const rootOffset = HEADER_BYTES;
    const metadataOffset = rootOffset + dirs.root.length;
    const leafOffset = metadataOffset + metadata.length;
    const tileDataOffset = leafOffset + dirs.leavesLength;
    const header: PMTilesHeader = {
      rootDirectoryOffset: rootOffset,
      rootDirectoryLength: dirs.root.length,
      jsonMetadataOffset: metadataOffset,
      jsonMetadataLength: metadata.length,
      leafDirectoryOffset: leafOffset,
      leafDirectoryLength: dirs.leavesLength,
      tileDataOffset,
      tileDataLength: dataLength,
      numAddressedTiles: this.tileIds.length,
      numTileEntries: entries.length,
      numTileContents: dataParts.length,
      clustered: true,
      internalCompression: COMPRESSION.gzip,
      tileCompression: this.opts.tileCompression,
      tileType: this.opts.tileType,
      minZoom,
      maxZoom,
      bounds,
      centerZoom: options.centerZoom ?? minZoom,
      center,
    };
    const parts = [encodeHeader(header), dirs.root, metadata, ...dirs.leaves, ...dataParts];

    // Release the per-tile state: the parts now own the data.
    this.tileIds = [];
    this.contentOf = [];
    this.seen.clear();
    this.byHash.clear();
    return { parts, byteLength: tileDataOffset + dataLength, header, leafSize: dirs.leafSize, leafCount: dirs.leaves.length };
  }
}

/** Concatenate finished parts into one buffer (for tests and small archives). */
export function concatParts(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let pos = 0;
  for (const p of parts) {
    out.set(p, pos);
    pos += p.length;
  }
  return out;
}

/** Write finished parts to a file in order, without building one large buffer. */
export function writeArchive(path: string, parts: readonly Uint8Array[]): void {
  // Written beside the target and renamed over it: a reader (a running dev server, ensure-tiles after
  // an interrupted build) sees the old archive or the new one, never half of one.
  const tmp = `${path}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w');
  try {
    for (const p of parts) {
      let done = 0;
      while (done < p.length) done += writeSync(fd, p, done, p.length - done);
    }
  } catch (e) {
    closeSync(fd);
    rmSync(tmp, { force: true });
    throw e;
  }
  closeSync(fd);
  renameSync(tmp, path);
}
