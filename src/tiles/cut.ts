/**
 * Cutting named GeoJSON layers (WGS-84) into gzip'd Mapbox Vector Tiles and feeding them to a
 * PMTilesWriter: one @maplibre/geojson-vt index per layer, tiles encoded with @maplibre/vt-pbf (several
 * layers per tile), extent 4096.
 *
 * Order: zooms below `chunkZoom` are cut zoom by zoom from one index per layer; higher zooms block by
 * block (one tile of chunkZoom and everything under it), each block with fresh indexes of only the
 * features touching it, because geojson-vt caches every tile it cuts and memory would otherwise grow with
 * the whole area times the number of zooms. Within a zoom tiles come in Hilbert tile-id order; the writer
 * sorts the rest.
 *
 * Which tiles: for every zoom, the tiles touched by some feature's bounding box (plus the tile buffer) —
 * not the whole data bbox, so sparse data does not cost empty tiles, and not "children of non-empty
 * parents", because geojson-vt drops tiny polygons at low zooms that reappear at high ones.
 */
import { gzipSync } from 'node:zlib';
import type { Feature, Geometry, Position } from 'geojson';
import { GeoJSONVT, type GeoJSONVTFeature, type GeoJSONVTTile } from '@maplibre/geojson-vt';
import { fromGeojsonVt } from '@maplibre/vt-pbf';
import { tileIdToZxy, zxyToTileId } from 'pmtiles';
import { mercX, mercY } from './mercator.ts';
import { fitTile, type TileLayers } from './oversize.ts';
import type { PMTilesWriter } from './pmtiles-writer.ts';

export { mercX, mercY } from './mercator.ts';
export { TileTooLargeError } from './oversize.ts';

/** Tile coordinate space of every tile (the MVT default). */
export const EXTENT = 4096;
/** Largest gzip'd tile accepted by default; the usual limit of tippecanoe and of Mapbox-style viewers. */
export const DEFAULT_MAX_TILE_BYTES = 500_000;

/** One named layer to cut. */
export interface CutLayer {
  /** Layer name in the tiles (the style's `source-layer`). */
  name: string;
  features: Feature[];
  /** First zoom the layer appears at (default: the cut's minzoom). */
  minzoom?: number;
  /** Last zoom the layer appears at; full detail there (default: the cut's maxzoom). */
  maxzoom?: number;
  /** Properties kept in the tiles; all when absent. Keeping few keeps tiles small. */
  properties?: readonly string[];
  /**
   * Lines and polygons whose bounding box is smaller than this many screen pixels (512-px tiles) at a
   * zoom are left out of that zoom: a 10 m shed is noise at z12 but a building at z16. Default 0 (keep).
   */
  minSize?: number;
  /** Per-feature first zoom, e.g. service roads from z14 only. Undefined keeps the layer's minzoom. */
  featureMinZoom?: (properties: Readonly<Record<string, unknown>>, geometryType: Geometry['type']) => number | undefined;
  /** geojson-vt simplification tolerance in tile units (of 4096) at every zoom below the layer's maxzoom (default 3). */
  tolerance?: number;
  /** Tile buffer in tile units (of 4096) around each tile, so lines and fills join across edges (default 64). */
  buffer?: number;
  /** Free text for the layer's metadata entry. */
  description?: string;
}

export interface CutProgress {
  /** Candidate tiles processed so far, and their total. */
  done: number;
  total: number;
  /** Tiles written (non-empty) so far. */
  written: number;
  zoom: number;
  elapsedMs: number;
}

export interface CutOptions {
  minzoom: number;
  maxzoom: number;
  /** Largest gzip'd tile accepted (default 500 kB). */
  maxTileBytes?: number;
  /**
   * What to do with a tile above maxTileBytes: 'fail' (default) throws naming the tile and its layers;
   * 'drop' leaves out the smallest lines and polygons of that tile, a quarter at a time, until it fits
   * (listed in the summary's `thinned`), and throws if it still does not fit after 8 rounds.
   */
  oversize?: 'fail' | 'drop';
  /** Called after every candidate tile. Cheap to call; throttle printing on the caller's side. */
  onProgress?: (progress: CutProgress) => void;
  /** gzip level of tiles (default 6). */
  gzipLevel?: number;
  /** Called for every tile written, with its gzip'd size (e.g. to list tiles for a read-back check). */
  onTile?: (tile: TileRef) => void;
  /**
   * Only tiles intersecting these [west, south, east, north] bounds are made (e.g. the extract's bbox:
   * OSM extracts carry whole relations that reach far outside). Features crossing the edge are kept whole
   * within those tiles. Default: everywhere there is data.
   */
  bounds?: [number, number, number, number];
  /**
   * Zooms from this one up are cut one block (a tile of this zoom) at a time, each block with indexes of
   * only the features that touch it, so memory follows the densest block rather than the whole area:
   * geojson-vt keeps every tile it has cut, at every zoom. Output is the same as with one index.
   * Default 12 (clamped into minzoom..maxzoom).
   */
  chunkZoom?: number;
}

/** TileJSON `vector_layers` entry, as the PMTiles metadata carries it. */
export interface VectorLayerMeta {
  id: string;
  description?: string;
  minzoom: number;
  maxzoom: number;
  /** Field name → 'String' | 'Number' | 'Boolean'. */
  fields: Record<string, string>;
}

export interface TileRef {
  z: number;
  x: number;
  y: number;
  bytes: number;
}

export interface CutSummary {
  /** Tiles written. */
  tiles: number;
  /** Sum of the gzip'd tile sizes written (before de-duplication). */
  bytes: number;
  largestTile: TileRef | null;
  seconds: number;
  /** Candidate tiles examined (written + empty). */
  candidates: number;
  perZoom: Record<number, { tiles: number; bytes: number }>;
  /** Tiles thinned to fit maxTileBytes (oversize 'drop'). */
  thinned: (TileRef & { before: number; droppedFeatures: number })[];
  vectorLayers: VectorLayerMeta[];
  /** [west, south, east, north] of all features, degrees; null when there are none. */
  bounds: [number, number, number, number] | null;
}


/** Visit every position of a geometry. */
function eachPosition(g: Geometry, fn: (p: Position) => void): void {
  switch (g.type) {
    case 'Point': fn(g.coordinates); break;
    case 'MultiPoint': case 'LineString': g.coordinates.forEach(fn); break;
    case 'MultiLineString': case 'Polygon': for (const l of g.coordinates) l.forEach(fn); break;
    case 'MultiPolygon': for (const p of g.coordinates) for (const l of p) l.forEach(fn); break;
    case 'GeometryCollection': for (const c of g.geometries) eachPosition(c, fn); break;
  }
}

/** A feature ready to cut: filtered properties, its zoom range, and its mercator bbox for tile coverage. */
interface Prepared {
  feature: Feature;
  minz: number;
  /** Mercator bbox [minX, minY, maxX, maxY]. */
  box: [number, number, number, number];
}

interface LayerState {
  layer: CutLayer;
  minzoom: number;
  maxzoom: number;
  buffer: number;
  /** First zoom of each feature, keyed by its (fresh) properties object, which geojson-vt passes through as `tags`. */
  minzOf: WeakMap<object, number>;
  /** Index of the current zoom band or block. */
  index: GeoJSONVT | null;
  fields: Record<string, string>;
  prepared: Prepared[];
}

function fieldType(v: unknown): string {
  return typeof v === 'number' ? 'Number' : typeof v === 'boolean' ? 'Boolean' : 'String';
}

/** Filter properties, give each feature its first zoom, and compute coverage boxes. */
function prepareLayer(layer: CutLayer, opts: CutOptions, bounds: number[]): LayerState {
  const minzoom = Math.max(opts.minzoom, layer.minzoom ?? opts.minzoom);
  const maxzoom = Math.min(opts.maxzoom, layer.maxzoom ?? opts.maxzoom);
  const keep = layer.properties ? new Set(layer.properties) : null;
  const minzOf = new WeakMap<object, number>();
  const fields: Record<string, string> = {};
  const prepared: Prepared[] = [];
  for (const f of layer.features) {
    if (!f.geometry) continue;
    const props: Record<string, string | number | boolean> = {};
    for (const [k, v] of Object.entries(f.properties ?? {})) {
      if (v === null || v === undefined || (keep && !keep.has(k))) continue;
      // MVT values are scalars; anything else is kept as its JSON text.
      const value = typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : JSON.stringify(v);
      props[k] = value;
      fields[k] ??= fieldType(value);
    }
    let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    eachPosition(f.geometry, (p) => {
      const lon = p[0]!, lat = p[1]!;
      const x = mercX(lon), y = mercY(lat);
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
      bounds[0] = Math.min(bounds[0]!, lon);
      bounds[1] = Math.min(bounds[1]!, lat);
      bounds[2] = Math.max(bounds[2]!, lon);
      bounds[3] = Math.max(bounds[3]!, lat);
    });
    if (!(minX <= maxX)) continue; // no positions
    let minz = Math.max(minzoom, layer.featureMinZoom?.(props, f.geometry.type) ?? minzoom);
    const isPoint = f.geometry.type === 'Point' || f.geometry.type === 'MultiPoint';
    if (layer.minSize && !isPoint) {
      // Size in pixels at zoom z is size * 512 * 2^z; first z where it reaches minSize.
      const size = Math.max(maxX - minX, maxY - minY);
      const z = size > 0 ? Math.ceil(Math.log2(layer.minSize / (size * 512))) : Infinity;
      minz = Math.max(minz, z);
    }
    if (minz > maxzoom) continue;
    minzOf.set(props, minz);
    const id = typeof f.id === 'number' && Number.isSafeInteger(f.id) && f.id >= 0 ? f.id : undefined;
    prepared.push({ feature: { type: 'Feature', ...(id !== undefined ? { id } : {}), geometry: f.geometry, properties: props }, minz, box: [minX, minY, maxX, maxY] });
  }
  return { layer, minzoom, maxzoom, buffer: layer.buffer ?? 64, minzOf, index: null, fields, prepared };
}

/** Candidate tile ids of one zoom: tiles touched by a feature's bbox grown by the tile buffer (within `limit`, a mercator box). */
function candidates(states: readonly LayerState[], z: number, limit: readonly number[] | null): number[] {
  const ids = new Set<number>();
  const n = 2 ** z;
  const lx0 = limit ? Math.floor(limit[0]! * n) : 0;
  const ly0 = limit ? Math.floor(limit[1]! * n) : 0;
  const lx1 = limit ? Math.min(n - 1, Math.floor(limit[2]! * n)) : n - 1;
  const ly1 = limit ? Math.min(n - 1, Math.floor(limit[3]! * n)) : n - 1;
  for (const s of states) {
    if (z < s.minzoom || z > s.maxzoom) continue;
    const pad = s.buffer / EXTENT; // in tiles
    for (const p of s.prepared) {
      if (p.minz > z) continue;
      const x0 = Math.max(lx0, Math.floor(p.box[0] * n - pad));
      const x1 = Math.min(lx1, Math.floor(p.box[2] * n + pad));
      const y0 = Math.max(ly0, Math.floor(p.box[1] * n - pad));
      const y1 = Math.min(ly1, Math.floor(p.box[3] * n + pad));
      for (let x = x0; x <= x1; x++) for (let y = y0; y <= y1; y++) ids.add(zxyToTileId(z, x, y));
    }
  }
  return [...ids].sort((a, b) => a - b);
}

/** A geojson-vt index over some of a layer's features; null when there are none. */
function makeIndex(s: LayerState, features: readonly Prepared[]): GeoJSONVT | null {
  if (features.length === 0 || s.minzoom > s.maxzoom) return null;
  return new GeoJSONVT(
    { type: 'FeatureCollection', features: features.map((p) => p.feature) },
    {
      maxZoom: s.maxzoom, // full detail (no simplification) at the layer's last zoom
      tolerance: s.layer.tolerance ?? 3,
      extent: EXTENT,
      buffer: s.buffer,
      indexMaxZoom: Math.min(5, s.maxzoom),
      wrap: false,
    },
  );
}

function encode(layers: TileLayers, level: number): Uint8Array {
  const input: Record<string, GeoJSONVTTile> = {};
  for (const [name, { tile, features }] of layers) input[name] = { ...tile, features } as GeoJSONVTTile;
  return gzipSync(fromGeojsonVt(input, { version: 2, extent: EXTENT }), { level });
}

/**
 * Cut all layers into tiles for zooms minzoom..maxzoom and add them to `writer`. Empty tiles are skipped.
 *
 * @returns a summary, including `vectorLayers` and `bounds` for the archive's metadata and header
 * @throws TileTooLargeError when a tile exceeds maxTileBytes and cannot (or may not) be thinned
 * @example
 * const writer = new PMTilesWriter();
 * const summary = cutTiles([{ name: 'roads', features }], { minzoom: 10, maxzoom: 16 }, writer);
 * const archive = writer.finish({ metadata: { vector_layers: summary.vectorLayers }, bounds: summary.bounds ?? undefined });
 */
export function cutTiles(layers: readonly CutLayer[], opts: CutOptions, writer: PMTilesWriter): CutSummary {
  if (!(opts.minzoom >= 0 && opts.maxzoom <= 24 && opts.minzoom <= opts.maxzoom)) {
    throw new Error(`bad zoom range ${opts.minzoom}..${opts.maxzoom}: need 0 <= minzoom <= maxzoom <= 24`);
  }
  const names = new Set<string>();
  for (const l of layers) {
    if (names.has(l.name)) throw new Error(`layer "${l.name}" given twice`);
    names.add(l.name);
  }
  const started = performance.now();
  const maxTileBytes = opts.maxTileBytes ?? DEFAULT_MAX_TILE_BYTES;
  const level = opts.gzipLevel ?? 6;
  const bounds = [Infinity, Infinity, -Infinity, -Infinity];
  const states = layers.map((l) => prepareLayer(l, opts, bounds));

  const limit = opts.bounds ? [mercX(opts.bounds[0]), mercY(opts.bounds[3]), mercX(opts.bounds[2]), mercY(opts.bounds[1])] : null;
  const perZoomIds: number[][] = [];
  let total = 0;
  for (let z = opts.minzoom; z <= opts.maxzoom; z++) {
    const ids = candidates(states, z, limit);
    perZoomIds.push(ids);
    total += ids.length;
  }

  let dataBounds: [number, number, number, number] | null = bounds[0]! <= bounds[2]! ? (bounds as [number, number, number, number]) : null;
  if (dataBounds && opts.bounds) {
    const [w, s, e, n] = opts.bounds;
    dataBounds = [Math.max(dataBounds[0], w), Math.max(dataBounds[1], s), Math.min(dataBounds[2], e), Math.min(dataBounds[3], n)];
    if (!(dataBounds[0] <= dataBounds[2] && dataBounds[1] <= dataBounds[3])) dataBounds = null;
  }
  const summary: CutSummary = {
    tiles: 0, bytes: 0, largestTile: null, seconds: 0, candidates: total, perZoom: {}, thinned: [], vectorLayers: [], bounds: dataBounds,
  };
  let done = 0;

  /** Cut, encode and write one tile from the layers' current indexes. */
  const makeTile = (z: number, x: number, y: number): void => {
    const tileLayers: TileLayers = new Map();
    for (const s of states) {
      if (!s.index || z < s.minzoom || z > s.maxzoom) continue;
      const tile = s.index.getTile(z, x, y);
      if (!tile) continue;
      const features = (tile.features as GeoJSONVTFeature[]).filter((f) => (f.tags ? (s.minzOf.get(f.tags) ?? s.minzoom) : s.minzoom) <= z);
      if (features.length > 0) tileLayers.set(s.layer.name, { tile, features });
    }
    done++;
    if (tileLayers.size > 0) {
      let data = encode(tileLayers, level);
      if (data.length > maxTileBytes) {
        const fit = fitTile(tileLayers, data, { z, x, y }, maxTileBytes, opts.oversize ?? 'fail', (l) => encode(l, level));
        data = fit.data;
        summary.thinned.push({ z, x, y, bytes: data.length, before: fit.before, droppedFeatures: fit.dropped });
      }
      writer.addTile(z, x, y, data);
      summary.tiles++;
      summary.bytes += data.length;
      const pz = (summary.perZoom[z] ??= { tiles: 0, bytes: 0 });
      pz.tiles++;
      pz.bytes += data.length;
      if (!summary.largestTile || data.length > summary.largestTile.bytes) summary.largestTile = { z, x, y, bytes: data.length };
      opts.onTile?.({ z, x, y, bytes: data.length });
    }
    opts.onProgress?.({ done, total, written: summary.tiles, zoom: z, elapsedMs: performance.now() - started });
  };

  // Blocks may sit below minzoom (a z14-only cut still groups 4 × 4 tiles per z12 block).
  const chunkZoom = Math.max(0, Math.min(opts.maxzoom, opts.chunkZoom ?? 12));
  const lowZooms = Math.max(0, chunkZoom - opts.minzoom);
  // Low zooms: one index per layer over the features that show below chunkZoom.
  if (lowZooms > 0) {
    for (const s of states) s.index = makeIndex(s, s.prepared.filter((p) => p.minz < chunkZoom));
    for (const ids of perZoomIds.slice(0, lowZooms)) for (const id of ids) makeTile(...tileIdToZxy(id));
  }

  // High zooms: block by block (tiles of chunkZoom), in Hilbert order of the blocks.
  const blocks = new Map<number, number[]>();
  for (const ids of perZoomIds.slice(lowZooms)) {
    for (const id of ids) {
      const [z, x, y] = tileIdToZxy(id);
      const shift = z - chunkZoom;
      const block = zxyToTileId(chunkZoom, x >>> shift, y >>> shift);
      const list = blocks.get(block);
      if (list) list.push(id);
      else blocks.set(block, [id]);
    }
  }
  // Features of each block, per layer: those whose box (grown by the widest buffer, the one at
  // chunkZoom) touches the block. One pass over the features, not one per block.
  const n = 2 ** chunkZoom;
  const blockFeatures = states.map((s) => {
    const byBlock = new Map<number, Prepared[]>();
    const pad = s.buffer / EXTENT; // in block-size units
    for (const p of s.prepared) {
      const x0 = Math.max(0, Math.floor(p.box[0] * n - pad)), x1 = Math.min(n - 1, Math.floor(p.box[2] * n + pad));
      const y0 = Math.max(0, Math.floor(p.box[1] * n - pad)), y1 = Math.min(n - 1, Math.floor(p.box[3] * n + pad));
      for (let x = x0; x <= x1; x++) {
        for (let y = y0; y <= y1; y++) {
          const block = zxyToTileId(chunkZoom, x, y);
          if (!blocks.has(block)) continue;
          const list = byBlock.get(block);
          if (list) list.push(p);
          else byBlock.set(block, [p]);
        }
      }
    }
    return byBlock;
  });
  for (const block of [...blocks.keys()].sort((a, b) => a - b)) {
    states.forEach((s, i) => { s.index = makeIndex(s, blockFeatures[i]!.get(block) ?? []); });
    for (const id of blocks.get(block)!) makeTile(...tileIdToZxy(id));
    for (const m of blockFeatures) m.delete(block);
  }
  for (const s of states) s.index = null;

  summary.vectorLayers = states.map((s) => ({
    id: s.layer.name,
    ...(s.layer.description ? { description: s.layer.description } : {}),
    minzoom: s.minzoom,
    maxzoom: s.maxzoom,
    fields: s.fields,
  }));
  summary.seconds = (performance.now() - started) / 1000;
  return summary;
}
