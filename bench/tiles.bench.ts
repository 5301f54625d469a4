/**
 * The basemap builder (`npm run tiles`): build time, archive size, tile count, largest tile and peak
 * memory for the demo district at 1× and 10× and for the Andorra OpenStreetMap extract, with
 * tilemaker (Debian's OSM → MBTiles tool, its bundled OpenMapTiles config) as the peer on Andorra at
 * its own zoom range, z0–14, beside ours at the same range.
 *
 * Every build runs as its own process (`node --import tsx src/cli/tiles.ts …`), timed from spawn to
 * exit, so start-up is included as a user would wait for it; peak memory is the process's maximum
 * resident set (GNU time's %M when /usr/bin/time exists, else /proc polling). With GNU time, the CPU
 * time (user + system) is reported too: on a busy machine the wall time grows with the load, the
 * CPU time hardly. Targets (issue "Offline
 * basemap"): demo 1× under 20 s, Andorra under 60 s.
 */
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import type { BenchRow, BenchSuite } from './types.ts';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS) || 3);
const ANDORRA = process.env.BENCH_ANDORRA_PBF || resolve(ROOT, '../shared/testdata/osm/andorra-latest.osm.pbf');
const OURS = 'fire-one-map';
const TARGET_DEMO_S = 20;
const TARGET_ANDORRA_S = 60;

/** One finished process: exit code, output, wall time and peak resident memory. */
export interface Measured {
  code: number;
  stdout: string;
  stderr: string;
  seconds: number;
  peakMiB: number | undefined;
  /** User + system CPU seconds (GNU time only): far less sensitive than wall time to other work on the machine. */
  cpuSeconds: number | undefined;
}

const GNU_TIME = '/usr/bin/time';

/** Runs a command to completion, timing it and taking its peak memory. Never rejects. */
export function measure(cmd: string, args: readonly string[], opts: { cwd?: string } = {}): Promise<Measured> {
  const useTime = existsSync(GNU_TIME);
  const timeFile = useTime ? join(mkdtempSync(join(tmpdir(), 'bench-time-')), 'time.txt') : '';
  const [bin, argv] = useTime ? [GNU_TIME, ['-f', '%M %U %S', '-o', timeFile, cmd, ...args]] : [cmd, [...args]];
  return new Promise((done) => {
    const started = performance.now();
    const child = spawn(bin, argv, { cwd: opts.cwd ?? ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '', stderr = '';
    child.stdout.on('data', (d: Buffer) => { stdout += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    let polledKiB = 0;
    const poll = useTime ? undefined : setInterval(() => {
      try {
        const m = /VmHWM:\s*(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (m) polledKiB = Math.max(polledKiB, Number(m[1]));
      } catch {
        // gone already
      }
    }, 20);
    const finish = (code: number): void => {
      const seconds = (performance.now() - started) / 1000;
      if (poll) clearInterval(poll);
      let peakKiB = polledKiB;
      let cpuSeconds: number | undefined;
      if (useTime) {
        try {
          // The last line is ours ("Command exited with non-zero status" may come before it).
          const [m, u, sys] = (readFileSync(timeFile, 'utf8').trim().split('\n').pop() ?? '').split(' ').map(Number);
          peakKiB = m ?? 0;
          cpuSeconds = u !== undefined && sys !== undefined && Number.isFinite(u + sys) ? u + sys : undefined;
        } catch {
          peakKiB = 0;
        }
        rmSync(resolve(timeFile, '..'), { recursive: true, force: true });
      }
      done({ code, stdout, stderr, seconds, peakMiB: peakKiB > 0 ? peakKiB / 1024 : undefined, cpuSeconds });
    };
    child.on('error', (e) => { stderr += String(e); finish(127); });
    child.on('close', (code) => finish(code ?? 1));
  });
}

/** Figures the tiles CLI prints (src/cli/tiles.ts). */
export interface TilesOutput {
  tiles: number;
  largestKiB: number;
  largestTile: string;
  cutSeconds: number;
  totalSeconds: number;
  features: string;
}

/** Reads the tiles CLI's summary; null when it does not look like one. */
export function parseTilesOutput(stdout: string, stderr = ''): TilesOutput | null {
  const tiles = /tiles (\d+) \(of/.exec(stdout);
  const largest = /largest tile (\S+) ([\d.]+) KiB/.exec(stdout);
  const times = /cut ([\d.]+) s.*total ([\d.]+) s/.exec(stdout);
  if (!tiles || !largest || !times) return null;
  const osm = /→ (.+?); \d+ multipolygons/.exec(stderr);
  const demo = [...stderr.matchAll(/read (\S+)\.geojson: (\d+) features/g)].map((m) => `${m[1]!.split('/').pop()} ${m[2]}`);
  return {
    tiles: Number(tiles[1]), largestTile: largest[1]!, largestKiB: Number(largest[2]),
    cutSeconds: Number(times[1]), totalSeconds: Number(times[2]),
    features: osm?.[1] ?? demo.join(', '),
  };
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

const cpuMedian = (runs: readonly Measured[]): number | undefined => {
  const cpu = runs.map((r) => r.cpuSeconds).filter((x): x is number => x !== undefined);
  return cpu.length === runs.length && cpu.length > 0 ? median(cpu) : undefined;
};

interface Build {
  seconds: number;
  bytes: number;
  tiles: number;
  largestKiB: number;
  peakMiB: number | undefined;
  cpuSeconds: number | undefined;
  note: string;
}

/** The usual five rows of one build: time, size, tiles, largest tile, peak memory. */
function buildRows(suite: string, label: string, impl: string, b: Build, target?: number): BenchRow[] {
  const rows: BenchRow[] = [
    { suite, case: `${label}: build time`, impl, value: b.seconds, unit: 's', ...(target !== undefined ? { target, pass: b.seconds < target } : {}), note: b.note },
    ...(b.cpuSeconds !== undefined ? [{ suite, case: `${label}: CPU time`, impl, value: b.cpuSeconds, unit: 's', note: 'user + system, median' }] : []),
    { suite, case: `${label}: archive size`, impl, value: b.bytes / 2 ** 20, unit: 'MiB' },
    { suite, case: `${label}: tiles`, impl, value: b.tiles, unit: '' },
    { suite, case: `${label}: largest tile`, impl, value: b.largestKiB, unit: 'KiB' },
  ];
  if (b.peakMiB !== undefined) rows.push({ suite, case: `${label}: peak memory`, impl, value: b.peakMiB, unit: 'MiB' });
  return rows;
}

/** Runs our CLI RUNS times; the median time, the highest peak memory. */
async function ours(args: readonly string[], out: string): Promise<Build | string> {
  const runs: Measured[] = [];
  let parsed: TilesOutput | null = null;
  for (let i = 0; i < RUNS; i++) {
    rmSync(out, { force: true });
    const m = await measure(process.execPath, ['--import', 'tsx', 'src/cli/tiles.ts', ...args, '--out', out, '--quiet']);
    if (m.code !== 0) return `tiles exited with ${m.code}: ${m.stderr.trim().split('\n').pop() ?? ''}`;
    parsed = parseTilesOutput(m.stdout, m.stderr);
    if (!parsed) return `could not read the tiles command's summary: ${m.stdout.slice(0, 200)}`;
    runs.push(m);
  }
  const p = parsed as TilesOutput;
  const peaks = runs.map((r) => r.peakMiB).filter((x): x is number => x !== undefined);
  return {
    seconds: median(runs.map((r) => r.seconds)), bytes: statSync(out).size, tiles: p.tiles, largestKiB: p.largestKiB,
    peakMiB: peaks.length ? Math.max(...peaks) : undefined, cpuSeconds: cpuMedian(runs),
    note: `median of ${RUNS} runs (${runs.map((r) => r.seconds.toFixed(1)).join(', ')} s; cut ${p.cutSeconds.toFixed(1)} s inside the command); largest tile ${p.largestTile}; features: ${p.features}`,
  };
}

/** tilemaker's bundled OpenMapTiles config and process files, copied (and unzipped) into `dir`. */
export function tilemakerConfig(dir: string): { config: string; process: string } | string {
  const roots = ['/usr/share/doc/tilemaker/examples', '/usr/share/tilemaker', '/usr/share/doc/tilemaker', '/usr/local/share/tilemaker'];
  const find = (name: string): string | undefined => {
    for (const r of roots) {
      for (const f of [join(r, name), join(r, `${name}.gz`)]) {
        if (!existsSync(f)) continue;
        const to = join(dir, name);
        if (f.endsWith('.gz')) writeFileSync(to, gunzipSync(readFileSync(f)));
        else copyFileSync(f, to);
        return to;
      }
    }
    return undefined;
  };
  const config = find('config-openmaptiles.json');
  const proc = find('process-openmaptiles.lua');
  if (!config || !proc) return `tilemaker's config-openmaptiles.json / process-openmaptiles.lua not found under ${roots.join(', ')}`;
  return { config, process: proc };
}

/** The installed tilemaker's version line ("tilemaker 2.2.0"), or undefined when it is not installed. */
function tilemakerVersion(): string | undefined {
  const r = spawnSync('tilemaker', ['--help'], { encoding: 'utf8' });
  if (r.error) return undefined;
  return /tilemaker [\d.]+/.exec(`${r.stdout}${r.stderr}`)?.[0] ?? 'tilemaker';
}

async function tilemaker(pbf: string, work: string): Promise<{ impl: string; build: Build } | { impl: string; why: string }> {
  const version = tilemakerVersion();
  if (!version) return { impl: 'tilemaker', why: 'tilemaker is not installed (Debian: apt-get install tilemaker)' };
  const cfg = tilemakerConfig(work);
  if (typeof cfg === 'string') return { impl: version, why: cfg };
  const out = join(work, 'andorra.mbtiles');
  const runs: Measured[] = [];
  for (let i = 0; i < RUNS; i++) {
    rmSync(out, { force: true });
    // Run in the config's folder: its shapefile sources (ocean, urban areas) are relative and absent here; tilemaker skips them.
    const m = await measure('tilemaker', ['--input', pbf, '--output', out, '--config', cfg.config, '--process', cfg.process], { cwd: work });
    if (m.code !== 0 || !existsSync(out)) return { impl: version, why: `tilemaker exited with ${m.code}: ${m.stderr.trim().split('\n').pop() ?? ''}` };
    runs.push(m);
  }
  const q = spawnSync('sqlite3', [out, 'select count(*), max(length(tile_data)) from tiles'], { encoding: 'utf8' });
  const [count, largest] = q.error || q.status !== 0 ? [NaN, NaN] : q.stdout.trim().split('|').map(Number);
  const peaks = runs.map((r) => r.peakMiB).filter((x): x is number => x !== undefined);
  return {
    impl: version,
    build: {
      seconds: median(runs.map((r) => r.seconds)), bytes: statSync(out).size, tiles: count ?? NaN, largestKiB: (largest ?? NaN) / 1024,
      peakMiB: peaks.length ? Math.max(...peaks) : undefined, cpuSeconds: cpuMedian(runs),
      note: `median of ${RUNS} runs (${runs.map((r) => r.seconds.toFixed(1)).join(', ')} s); MBTiles (SQLite), OpenMapTiles schema from its bundled config-openmaptiles.json + process-openmaptiles.lua (more layers: POIs, house numbers, road names), no ocean/urban shapefiles; multi-threaded${Number.isNaN(count) ? '; sqlite3 not available for tile count' : ''}`,
    },
  };
}

async function run(): Promise<BenchRow[]> {
  const name = 'tiles';
  const rows: BenchRow[] = [];
  const work = mkdtempSync(join(tmpdir(), 'bench-tiles-'));
  try {
    // Demo 1× and 10×, generated into the work folder with the generator (its defaults: seed, as-of).
    for (const scale of [1, 10]) {
      const label = `demo ${scale}×`;
      const data = join(work, `demo-${scale}`);
      const gen = await measure(process.execPath, ['--import', 'tsx', 'src/cli/demo-data.ts', '--scale', String(scale), '--out', data]);
      if (gen.code !== 0) {
        rows.push({ suite: name, case: `${label}: build time`, impl: OURS, value: NaN, unit: 's', note: `demo-data failed: ${gen.stderr.trim().split('\n').pop() ?? ''}` });
        continue;
      }
      rows.push({ suite: name, case: `${label}: generate the data`, impl: OURS, value: gen.seconds, unit: 's', note: 'npm run demo-data (not part of the target)' });
      const b = await ours(['demo', '--data', data], join(work, `demo-${scale}.pmtiles`));
      if (typeof b === 'string') rows.push({ suite: name, case: `${label}: build time`, impl: OURS, value: NaN, unit: 's', note: b });
      else rows.push(...buildRows(name, `${label} z10–16`, OURS, b, scale === 1 ? TARGET_DEMO_S : undefined));
    }

    // Andorra: ours at the default zooms (the target), then ours and tilemaker at tilemaker's zooms.
    if (!existsSync(ANDORRA)) {
      const why = `${ANDORRA} not found (set BENCH_ANDORRA_PBF, or get andorra-latest.osm.pbf from download.geofabrik.de)`;
      rows.push({ suite: name, case: 'Andorra z10–16: build time', impl: OURS, value: NaN, unit: 's', target: TARGET_ANDORRA_S, pass: false, note: why });
      rows.push({ suite: name, case: 'Andorra z0–14: build time', impl: 'tilemaker', value: NaN, unit: 's', note: why });
      return rows;
    }
    const a = await ours([ANDORRA], join(work, 'andorra.pmtiles'));
    if (typeof a === 'string') rows.push({ suite: name, case: 'Andorra z10–16: build time', impl: OURS, value: NaN, unit: 's', target: TARGET_ANDORRA_S, pass: false, note: a });
    else rows.push(...buildRows(name, 'Andorra z10–16', OURS, a, TARGET_ANDORRA_S));
    const a14 = await ours([ANDORRA, '--minzoom', '0', '--maxzoom', '14'], join(work, 'andorra-z0-14.pmtiles'));
    if (typeof a14 === 'string') rows.push({ suite: name, case: 'Andorra z0–14: build time', impl: OURS, value: NaN, unit: 's', note: a14 });
    else rows.push(...buildRows(name, 'Andorra z0–14', OURS, a14));
    const tm = await tilemaker(ANDORRA, work);
    if ('why' in tm) rows.push({ suite: name, case: 'Andorra z0–14: build time', impl: tm.impl, value: NaN, unit: 's', note: tm.why });
    else rows.push(...buildRows(name, 'Andorra z0–14', tm.impl, tm.build));
    return rows;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

export const suite: BenchSuite = { name: 'tiles', run };
