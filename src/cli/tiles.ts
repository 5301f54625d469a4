/**
 * `npm run tiles -- <input.osm.pbf | demo> [--out tiles/basemap.pmtiles] [--minzoom 10] [--maxzoom 16]`
 *
 * Builds the offline basemap as one PMTiles archive, with no tool outside npm: an OpenStreetMap extract
 * (.osm.pbf) or the demo district's exports (`demo`: roads, buildings, grid cells and the base files of the
 * data folder; see src/tiles/demo.ts and docs/basemap-schema.md) are cut
 * into vector tiles and written by the project's own PMTiles writer, then every tile is read back with
 * the `pmtiles` library the viewer uses (skip with --no-verify).
 *
 * Options:
 *   --out FILE            output archive (default tiles/basemap.pmtiles)
 *   --minzoom N           first zoom (default 10)
 *   --maxzoom N           last zoom (default 16)
 *   --data DIR            export folder for `demo` (default $FIRE_ONE_MAP_DATA, else $FIRE_DATA_DIR, else data/)
 *   --max-tile-bytes N    largest gzip'd tile allowed (default 500000)
 *   --oversize fail|drop  a tile above the limit fails the run (default) or is thinned (smallest features dropped)
 *   --no-verify           do not read the archive back
 *   --quiet               no progress line
 */
import { existsSync, mkdirSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PMTiles } from 'pmtiles';
import { buildBasemap } from '../tiles/basemap.ts';
import { BufferSource, nodeGunzip } from '../tiles/buffer-source.ts';
import { DEFAULT_MAX_TILE_BYTES, type CutProgress, type TileRef } from '../tiles/cut.ts';
import { demoInputsDigest, readDemoLayers } from '../tiles/demo.ts';
import { readOsmPbf } from '../tiles/osm.ts';
import { concatParts, writeArchive } from '../tiles/pmtiles-writer.ts';
import { basemapCutLayers, type BasemapLayer } from '../tiles/schema.ts';
import type { Feature } from 'geojson';

const OSM_ATTRIBUTION = '© OpenStreetMap contributors (ODbL)';

export interface TilesArgs {
  input: string;
  out: string;
  minzoom: number;
  maxzoom: number;
  dataDir: string;
  maxTileBytes: number;
  oversize: 'fail' | 'drop';
  verify: boolean;
  quiet: boolean;
}

/** Parse the command line; throws a usage message on anything it does not understand. */
export function parseArgs(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): TilesArgs {
  const args: TilesArgs = {
    input: '', out: 'tiles/basemap.pmtiles', minzoom: 10, maxzoom: 16, dataDir: env.FIRE_ONE_MAP_DATA || env.FIRE_DATA_DIR || 'data',
    maxTileBytes: DEFAULT_MAX_TILE_BYTES, oversize: 'fail', verify: true, quiet: false,
  };
  const int = (flag: string, v: string | undefined): number => {
    const n = Number(v);
    if (v === undefined || !Number.isInteger(n) || n < 0) throw new Error(`${flag} needs a whole number, got ${v ?? 'nothing'}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const next = (): string | undefined => argv[++i];
    switch (a) {
      case '--out': args.out = next() ?? ''; break;
      case '--minzoom': args.minzoom = int(a, next()); break;
      case '--maxzoom': args.maxzoom = int(a, next()); break;
      case '--data': args.dataDir = next() ?? ''; break;
      case '--max-tile-bytes': args.maxTileBytes = int(a, next()); break;
      case '--oversize': {
        const v = next();
        if (v !== 'fail' && v !== 'drop') throw new Error(`--oversize is fail or drop, got ${v ?? 'nothing'}`);
        args.oversize = v;
        break;
      }
      case '--no-verify': args.verify = false; break;
      case '--quiet': args.quiet = true; break;
      default:
        if (a.startsWith('--') || args.input) throw new Error(`unknown argument ${a}`);
        args.input = a;
    }
  }
  if (!args.input) throw new Error('give an input: an .osm.pbf file or `demo`');
  if (!args.out) throw new Error('--out needs a file name');
  if (args.minzoom > args.maxzoom || args.maxzoom > 20) throw new Error(`zoom range ${args.minzoom}..${args.maxzoom}: need minzoom <= maxzoom <= 20`);
  return args;
}

function progressPrinter(quiet: boolean): (p: CutProgress) => void {
  let last = 0;
  const tty = process.stderr.isTTY;
  return (p) => {
    if (quiet) return;
    const now = p.elapsedMs;
    const finished = p.done === p.total;
    // A TTY gets a rewritten line 10 times a second; a log gets a line every 10 seconds.
    if (!finished && now - last < (tty ? 100 : 10_000)) return;
    last = now;
    const pct = p.total ? ((100 * p.done) / p.total).toFixed(1) : '100';
    const line = `tiles: z${p.zoom} ${p.done}/${p.total} candidates (${pct} %), ${p.written} written, ${(now / 1000).toFixed(1)} s`;
    process.stderr.write(tty ? `\r${line}${finished ? '\n' : ''}` : `${line}\n`);
  };
}

const kb = (n: number): string => `${(n / 1024).toFixed(1)} KiB`;

/** Run the command; returns the process exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  let args: TilesArgs;
  try {
    args = parseArgs(argv);
  } catch (e) {
    process.stderr.write(`tiles: ${(e as Error).message}\nusage: npm run tiles -- <input.osm.pbf | demo> [--out tiles/basemap.pmtiles] [--minzoom 10] [--maxzoom 16]\n`);
    return 2;
  }
  const started = performance.now();
  try {
    let layers: Partial<Record<BasemapLayer, Feature[]>>;
    let bounds: [number, number, number, number] | undefined;
    let attribution = '';
    let name = 'basemap';
    const extra: Record<string, unknown> = {};
    if (args.input === 'demo') {
      const demo = readDemoLayers(args.dataDir);
      // What ensure-tiles compares to decide whether the archive still matches the data folder.
      extra.fire_one_map_inputs = demoInputsDigest(args.dataDir);
      layers = demo.layers;
      bounds = demo.bounds ?? undefined;
      name = demo.name ?? 'demo district';
      for (const r of demo.read) process.stderr.write(`read ${r.file}: ${r.kept} features${r.skipped ? `, ${r.skipped} skipped` : ''}\n`);
    } else {
      if (!existsSync(args.input)) throw new Error(`${args.input} not found: give an .osm.pbf extract or \`demo\``);
      const osm = await readOsmPbf(args.input);
      layers = osm.layers;
      // Extracts carry whole relations reaching far outside; tiles stop at the extract's bbox.
      bounds = osm.headerBounds ?? undefined;
      attribution = OSM_ATTRIBUTION;
      name = basename(args.input).replace(/\.osm\.pbf$/, '');
      const s = osm.stats;
      process.stderr.write(
        `read ${args.input}: ${s.nodes} nodes, ${s.ways} ways, ${s.relations} relations in ${s.seconds.toFixed(1)} s → ` +
          `${Object.entries(s.features).map(([k, v]) => `${k} ${v}`).join(', ')}; ${s.multipolygons} multipolygons` +
          `${s.multipolygonsDropped ? `, ${s.multipolygonsDropped} dropped` : ''}${s.missingNodeWays ? `, ${s.missingNodeWays} ways missing nodes` : ''}\n`,
      );
    }

    const written: TileRef[] = [];
    const { archive, summary } = buildBasemap(basemapCutLayers(layers), {
      minzoom: args.minzoom, maxzoom: args.maxzoom, maxTileBytes: args.maxTileBytes, oversize: args.oversize,
      onProgress: progressPrinter(args.quiet), onTile: (t) => written.push(t), name, attribution,
      ...(bounds ? { bounds } : {}),
      description: 'Fire One-Map offline basemap',
      extraMetadata: { generator: 'fire-one-map npm run tiles', source: basename(args.input), ...extra },
    });
    const out = resolve(args.out);
    mkdirSync(dirname(out), { recursive: true });
    writeArchive(out, archive.parts);

    let verifySeconds = 0;
    if (args.verify) {
      // Read every tile back through the pmtiles library, as the viewer will: presence and gzip integrity.
      const t0 = performance.now();
      const reader = new PMTiles(new BufferSource(concatParts(archive.parts), out), undefined, nodeGunzip);
      const h = await reader.getHeader();
      if (h.numAddressedTiles !== written.length) throw new Error(`read-back: header says ${h.numAddressedTiles} tiles, ${written.length} were written`);
      for (const t of written) {
        const got = await reader.getZxy(t.z, t.x, t.y);
        if (!got || got.data.byteLength === 0) throw new Error(`read-back: tile ${t.z}/${t.x}/${t.y} missing from the archive`);
      }
      verifySeconds = (performance.now() - t0) / 1000;
    }

    const h = archive.header;
    const l = summary.largestTile;
    const peakRss = process.resourceUsage().maxRSS * 1024; // kilobytes → bytes
    process.stdout.write(
      [
        `wrote ${args.out}: ${kb(archive.byteLength)}, z${h.minZoom}–${h.maxZoom}`,
        `  tiles ${summary.tiles} (of ${summary.candidates} candidates), entries ${h.numTileEntries}, distinct contents ${h.numTileContents}, leaf directories ${archive.leafCount}`,
        `  per zoom: ${Object.entries(summary.perZoom).map(([z, s]) => `z${z} ${s.tiles} (${kb(s.bytes)})`).join(', ')}`,
        `  largest tile ${l ? `${l.z}/${l.x}/${l.y} ${kb(l.bytes)}` : 'none'} (limit ${kb(args.maxTileBytes)})${summary.thinned.length ? `; ${summary.thinned.length} tiles thinned to fit` : ''}`,
        `  bounds ${h.bounds.map((v) => v.toFixed(5)).join(', ')}`,
        `  cut ${summary.seconds.toFixed(1)} s${args.verify ? `, read back ${written.length} tiles in ${verifySeconds.toFixed(1)} s` : ''}, total ${((performance.now() - started) / 1000).toFixed(1)} s, peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MiB`,
      ].join('\n') + '\n',
    );
    return 0;
  } catch (e) {
    // A TileTooLargeError's message already names the tile, its size and what to change.
    process.stderr.write(`\ntiles: ${(e as Error).message}\n`);
    return 1;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
