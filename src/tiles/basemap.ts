/**
 * Layers in, PMTiles archive out: cut, write, and describe the archive (header bounds/centre, TileJSON-style
 * metadata). The CLI and tests call this; the pieces live in cut.ts and pmtiles-writer.ts.
 */
import { cutTiles, type CutLayer, type CutOptions, type CutSummary } from './cut.ts';
import { PMTilesWriter, type FinishedArchive } from './pmtiles-writer.ts';

/** Cut options (whose `bounds`, when given, also become the archive's bounds) plus the archive's description. */
export interface BasemapOptions extends CutOptions {
  name?: string;
  description?: string;
  attribution?: string;
  /** Extra metadata entries (e.g. how the archive was made). */
  extraMetadata?: Record<string, unknown>;
}

export interface BasemapResult {
  archive: FinishedArchive;
  summary: CutSummary;
  metadata: Record<string, unknown>;
}

/**
 * Cut `layers` and assemble the archive in memory (as parts; write them with writeArchive).
 * @example
 * const { archive, summary } = buildBasemap(basemapCutLayers(layers), { minzoom: 10, maxzoom: 16, attribution: '© OpenStreetMap contributors' });
 * writeArchive('tiles/basemap.pmtiles', archive.parts);
 */
export function buildBasemap(layers: readonly CutLayer[], opts: BasemapOptions): BasemapResult {
  const writer = new PMTilesWriter();
  const summary = cutTiles(layers, opts, writer);
  if (summary.tiles === 0) {
    const counts = layers.map((l) => `${l.name} ${l.features.length}`).join(', ') || 'no layers';
    throw new Error(`no tiles: no feature falls in zooms ${opts.minzoom}–${opts.maxzoom}${opts.bounds ? ` within ${opts.bounds.join(', ')}` : ''} (features: ${counts})`);
  }
  const bounds = opts.bounds ?? summary.bounds ?? undefined;
  const center: [number, number] | undefined = bounds ? [(bounds[0] + bounds[2]) / 2, (bounds[1] + bounds[3]) / 2] : undefined;
  // Open on the middle zoom: the whole district at z10 is a dot, at z16 a street corner.
  const centerZoom = Math.min(opts.maxzoom, Math.max(opts.minzoom, 14));
  const metadata: Record<string, unknown> = {
    name: opts.name ?? 'basemap',
    description: opts.description ?? '',
    attribution: opts.attribution ?? '',
    version: '1.0.0',
    type: 'baselayer',
    format: 'pbf',
    minzoom: opts.minzoom,
    maxzoom: opts.maxzoom,
    ...(bounds ? { bounds } : {}),
    ...(center ? { center: [center[0], center[1], centerZoom] } : {}),
    vector_layers: summary.vectorLayers,
    ...opts.extraMetadata,
  };
  const archive = writer.finish({
    metadata,
    minZoom: opts.minzoom,
    maxZoom: opts.maxzoom,
    ...(bounds ? { bounds } : {}),
    ...(center ? { center } : {}),
    centerZoom,
  });
  return { archive, summary, metadata };
}
