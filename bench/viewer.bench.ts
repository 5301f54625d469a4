/**
 * The viewer at demo scale 1×, 10× and 100× (issue "The viewer", §6 Measured), in headless Chromium
 * with WebGL on SwiftShader (the CPU: figures are CPU figures, not GPU ones), against `vite preview`
 * of the built app serving each scale's district (FIRE_ONE_MAP_DATA) and its own basemap
 * (`?basemap=bench-tiles/scale-N.pmtiles`). Per scale:
 *
 * - cold loads (fresh profile each): navigation → `fire-one-map:map-ready` (premises and hydrants
 *   drawn over the basemap: interactive), → `fire-one-map:data-ready`, and → every source loaded and
 *   drawn; then ~3 s of mouse drags: rAF frame times (median, p95) and long tasks (> 50 ms);
 * - a poll session: the manifest served (page.route) with the alarms source's refresh_s at 2 and each
 *   poll answered with a copy that changes one alarm's acknowledged flag; frame times and long tasks
 *   around the first landings, and how long each took to reach the map;
 * - a memory session: the JS heap (page and workers, after a forced GC) before and after up to 1,000
 *   polls driven through the app's query client (`window.__fireOneMapQueryClient`), each changing
 *   one alarm.
 *
 * Targets: 1× interactive under 3 s; 100× no long task over 200 ms while panning; memory not growing
 * across polls. Data and basemaps are generated into bench/.data/ (gitignored) and kept between runs.
 *
 * Environment: BENCH_VIEWER_SCALES (default 1,10,100), BENCH_VIEWER_RUNS (cold loads below 100×,
 * default 3), BENCH_VIEWER_LARGE_RUNS (at 100× and above, default 1), BENCH_VIEWER_POLLS (default
 * 1000), BENCH_VIEWER_POLL_BUDGET_S (time for them per scale; default 1200 at 1×, 300 above),
 * BENCH_VIEWER_WARMUP (polls before the first heap sample; default 100 at 1×, 20 below 100×, 2 at 100×),
 * BENCH_SKIP_BUILD=1. The whole suite takes about an hour; bench/run.ts gives it two.
 * `npx tsx bench/viewer.bench.ts` runs it alone; `npm run bench -- viewer` writes bench/RESULTS.md.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromiumMissing } from '../test/browser/chromium.ts';
import { startPreview } from './serve.ts';
import type { BenchRow, BenchSuite } from './types.ts';
import { ROOT, prepareScale, writeAlarmVariants, type PreparedScale } from './viewer/prepare.ts';
import { scaleRows, type ScaleFigures } from './viewer/rows.ts';
import { coldLoad, memorySession, pollSession, type ColdLoadRun, type SessionLimits } from './viewer/sessions.ts';

const SUITE = 'viewer';
const env = (name: string, fallback: number): number => {
  const n = Number(process.env[name]);
  return Number.isFinite(n) && n > 0 ? n : fallback;
};
const SCALES = (process.env['BENCH_VIEWER_SCALES'] ?? '1,10,100').split(',').map((s) => Number(s.trim())).filter((n) => Number.isInteger(n) && n > 0);
const RUNS = env('BENCH_VIEWER_RUNS', 3);
const LARGE_RUNS = env('BENCH_VIEWER_LARGE_RUNS', 1);
const POLLS = env('BENCH_VIEWER_POLLS', 1000);
/** Time for the driven polls: 1,000 fit at 1× (about a second each on a quiet machine), not beyond. */
const pollBudgetS = (scale: number): number => env('BENCH_VIEWER_POLL_BUDGET_S', scale === 1 ? 1200 : 300);
/**
 * Polls before the heap is first measured. The first hundred or so grow the heap by a bounded
 * amount that is not data kept: V8 compiling the hot paths, typed-array pools reaching their size,
 * the browser's performance-entry buffers filling to their caps (heap snapshots at 1×: +1.0, +0.9,
 * then +0.1 MiB per 150 polls, the last almost all compiled code). A leak grows after that too.
 */
const pollWarmup = (scale: number): number => env('BENCH_VIEWER_WARMUP', scale === 1 ? 100 : scale < 100 ? 20 : 2);
const PAN_MS = 3000;
const ALARMS_PATH = 'iot/alarms.geojson';

const log = (line: string): void => { process.stderr.write(`${line}\n`); };

/** Builds the app unless BENCH_SKIP_BUILD=1 and dist/ exists; returns an error text or null. */
function build(): string | null {
  if (process.env['BENCH_SKIP_BUILD'] === '1' && existsSync(resolve(ROOT, 'dist/index.html'))) return null;
  const run = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: { ...process.env, FIRE_ONE_MAP_DATA: '' } });
  if (run.status !== 0) return `npm run build failed (exit ${run.status}): ${(run.stderr || run.stdout || '').trim().split('\n').slice(-3).join(' ')}`;
  return null;
}

/** Every measurement of one scale; errors are kept per part, so one failure does not hide the rest. */
async function measureScale(scale: number): Promise<ScaleFigures> {
  const load = loadavg()[0] ?? 0;
  let prepared: PreparedScale;
  let variants: readonly [string, string];
  try {
    prepared = prepareScale(scale, log);
    variants = writeAlarmVariants(prepared.dataDir, ALARMS_PATH).paths;
  } catch (e) {
    return { scale, load, error: (e as Error).message.split('\n')[0] ?? String(e) };
  }
  const large = scale >= 100;
  const limits: SessionLimits = { readyTimeoutMs: (large ? 15 : 3) * 60_000, allTimeoutMs: (large ? 30 : 5) * 60_000 };
  const { server, origin } = await startPreview(prepared.dataDir);
  const url = `${origin}?test=1&basemap=${prepared.basemapParam}`;
  const figures: ScaleFigures = { scale, load, prepared, runs: [] };
  try {
    const runs: ColdLoadRun[] = [];
    const count = large ? LARGE_RUNS : RUNS;
    for (let i = 0; i < count; i++) {
      log(`viewer: ${scale}× cold load ${i + 1}/${count} …`);
      try {
        runs.push(await coldLoad(url, limits, PAN_MS));
      } catch (e) {
        figures.loadError = (e as Error).message.split('\n')[0] ?? String(e);
        break;
      }
    }
    figures.runs = runs;
    const alarms = { alarmsPath: ALARMS_PATH, variants };
    log(`viewer: ${scale}× poll session …`);
    try {
      figures.polls = await pollSession(url, limits, { ...alarms, refreshS: 2, landings: large ? 3 : 5, beforeMs: 1000, afterMs: 1000 });
    } catch (e) {
      figures.pollError = (e as Error).message.split('\n')[0] ?? String(e);
    }
    log(`viewer: ${scale}× memory session …`);
    try {
      figures.memory = await memorySession(url, limits, { ...alarms, polls: POLLS, batches: 4, budgetMs: pollBudgetS(scale) * 1000, warmup: pollWarmup(scale) }, log);
    } catch (e) {
      figures.memoryError = (e as Error).message.split('\n')[0] ?? String(e);
    }
  } finally {
    await server.close();
  }
  return figures;
}

async function run(): Promise<BenchRow[]> {
  const missing = chromiumMissing() ?? build();
  if (missing) return [{ suite: SUITE, case: 'viewer', impl: 'fire-one-map', value: Number.NaN, unit: 'ms', note: `not run: ${missing}` }];
  const rows: BenchRow[] = [];
  for (const scale of SCALES) {
    const figures = await measureScale(scale);
    rows.push(...scaleRows(figures, { polls: POLLS, budgetS: pollBudgetS(scale), panMs: PAN_MS }));
  }
  return rows;
}

export const suite: BenchSuite = { name: SUITE, run };

if (process.argv[1] && pathToFileURL(resolve(process.argv[1])).href === import.meta.url) {
  const started = performance.now();
  run().then((rows) => {
    for (const r of rows) {
      const target = r.target === undefined ? '' : ` (target ${r.target} ${r.unit}: ${r.pass ? 'met' : 'not met'})`;
      console.log(`${r.case} | ${Number.isFinite(r.value) ? r.value : '—'} ${r.unit}${target}\n  ${r.note ?? ''}`);
    }
    console.log(`viewer: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  });
}
