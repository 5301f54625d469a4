/**
 * Used by `npm start` and `npm run build`, after ensure-demo: makes sure tiles/basemap.pmtiles is the
 * basemap of the data folder the viewer serves ($FIRE_ONE_MAP_DATA, else data/).
 *
 * Every archive `npm run tiles -- demo` makes records a SHA-256 of its input files (manifest, roads,
 * buildings, grids, base/*.geojson) in its metadata (`fire_one_map_inputs`). The archive is built
 * when it is missing or unreadable, or when that digest differs from the folder's (other data, or
 * the data changed); it is left alone when the digest matches, and when it has no digest at all: an
 * archive made from an OpenStreetMap extract or by another tool is the deployment's choice and is
 * never overwritten. Content, not file times, decides, so a fresh checkout or a copied folder does
 * not rebuild for nothing, and switching FIRE_ONE_MAP_DATA back and forth rebuilds each time.
 *
 * A folder without roads or buildings gets no basemap; nothing is ever written into the data folder.
 * A failed build is reported and does not stop `npm start`: the viewer runs without the basemap and
 * reports the data's problems itself.
 *
 * `tsx src/cli/ensure-tiles.ts [dataDir] [archive]` (defaults: $FIRE_ONE_MAP_DATA or data, tiles/basemap.pmtiles).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { PMTiles } from 'pmtiles';
import { FileSource, nodeGunzip } from '../tiles/buffer-source.ts';
import { demoInputsDigest, hasRoadsOrBuildings } from '../tiles/demo.ts';
import { main as tilesMain } from './tiles.ts';

/** Default archive the viewer reads. */
export const DEFAULT_ARCHIVE = 'tiles/basemap.pmtiles';

/** Whether to build, and why (for the log line). */
export interface TilesDecision {
  build: boolean;
  why: string;
}

/** Decides whether `archive` must be (re)built from `dataDir`. Reads only the archive's header and metadata. */
export async function tilesDecision(dataDir: string, archive: string): Promise<TilesDecision> {
  if (!hasRoadsOrBuildings(dataDir)) return { build: false, why: `${dataDir} has no roads or buildings to make a basemap from` };
  if (!existsSync(archive)) return { build: true, why: `${archive} is missing` };
  let metadata: Record<string, unknown>;
  try {
    const reader = new PMTiles(new FileSource(archive), undefined, nodeGunzip);
    metadata = ((await reader.getMetadata()) ?? {}) as Record<string, unknown>;
  } catch (e) {
    return { build: true, why: `${archive} cannot be read (${(e as Error).message})` };
  }
  const stamp = metadata.fire_one_map_inputs;
  if (typeof stamp !== 'string') return { build: false, why: `${archive} was made from ${String(metadata.source ?? metadata.name ?? 'something else')}, not from a data folder, and is kept` };
  if (stamp !== demoInputsDigest(dataDir)) return { build: true, why: `${archive} was made from other data than ${dataDir}` };
  return { build: false, why: `${archive} is up to date with ${dataDir}` };
}

/** Builds the archive when tilesDecision says so; returns what happened. Throws when the build fails. */
export async function ensureTiles(dataDir: string, archive: string, log: (line: string) => void = console.log): Promise<TilesDecision & { seconds?: number }> {
  const d = await tilesDecision(dataDir, archive);
  if (!d.build) {
    log(`ensure-tiles: ${d.why}; nothing to do.`);
    return d;
  }
  log(`ensure-tiles: ${d.why}; building it from ${resolve(dataDir)} …`);
  const started = performance.now();
  const code = await tilesMain(['demo', '--data', dataDir, '--out', archive, '--quiet']);
  if (code !== 0) throw new Error(`building ${archive} failed (npm run tiles -- demo --data ${dataDir} exited with ${code})`);
  return { ...d, seconds: (performance.now() - started) / 1000 };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const dataDir = process.argv[2] ?? (process.env['FIRE_ONE_MAP_DATA'] || 'data');
  const archive = process.argv[3] ?? DEFAULT_ARCHIVE;
  ensureTiles(dataDir, archive).then(
    () => process.exit(0),
    (e: unknown) => {
      console.error(`ensure-tiles: ${(e as Error).message}; the viewer will start without tiles/basemap.pmtiles.`);
      process.exit(0);
    },
  );
}
