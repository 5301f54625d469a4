/**
 * Time to first map: from navigation start to the first map that is idle with the basemap's tiles
 * and the deck overlays drawn (the viewer's `fire-one-map:map-ready` performance mark, which
 * ExploreMode sets when every drawn source has settled, the basemap header has been read, the
 * camera is placed, MapLibre is idle with all tiles loaded and deck has drawn).
 *
 * Every run is a cold page load: a fresh Chromium profile (no HTTP cache, no compiled-code cache),
 * headless, WebGL on SwiftShader (the CPU: figures are CPU figures, not GPU ones), against
 * `vite preview` of the built app on loopback. Median of 5 runs (BENCH_FIRST_MAP_RUNS overrides).
 * Target (issue "Offline basemap"): 3 s.
 *
 * Each run also checks that the map really shows basemap features (roads and buildings rendered)
 * and reports the time until every drawn source was parsed (`fire-one-map:data-ready`), which
 * splits loading from drawing.
 *
 * `npx tsx bench/first-map.bench.ts` runs it alone and prints the rows; `npm run bench` runs it with
 * the others. It builds the app first (`npm run build`, which also makes the demo data and the
 * basemap when missing) unless BENCH_SKIP_BUILD=1 and dist/ exists.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import type { MapTestHandle } from '../src/map/map-shell.ts';
import { chromiumMissing, launchChromium } from '../test/browser/chromium.ts';
import { freePort } from './serve.ts';
import type { BenchRow, BenchSuite } from './types.ts';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const RUNS = Math.max(1, Number(process.env['BENCH_FIRST_MAP_RUNS']) || 5);
const TARGET_MS = 3000;
const SUITE = 'first-map';
const OURS = 'fire-one-map';
const READY_MARK = 'fire-one-map:map-ready';
const DATA_MARK = 'fire-one-map:data-ready';
const TIMEOUT_MS = 120_000;

/** One cold load. */
export interface FirstMapRun {
  /** Navigation start → map ready (idle, tiles and overlays drawn), ms. */
  readyMs: number;
  /** Navigation start → every drawn source parsed, ms. */
  dataMs: number;
  /** Rendered basemap features at that moment (roads, buildings). */
  roads: number;
  buildings: number;
  /** Range requests to the archive. */
  rangeRequests: number;
  /** The deck layers given to the map at that moment (visible ones). */
  overlays: string[];
}

/** The overlays the first map must show to count as drawn. */
const FIRST_OVERLAYS = ['premises-symbols', 'hydrants'];

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
}

/** Builds the app unless told not to; returns an error text or null. */
function build(): string | null {
  if (process.env['BENCH_SKIP_BUILD'] === '1' && existsSync(resolve(ROOT, 'dist/index.html'))) return null;
  const run = spawnSync('npm', ['run', 'build'], { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) return `npm run build failed (exit ${run.status}): ${(run.stderr || run.stdout || '').trim().split('\n').slice(-3).join(' ')}`;
  return null;
}

/** One cold load in a fresh profile; throws when the map does not become ready. */
async function coldLoad(url: string): Promise<FirstMapRun> {
  const browser = await launchChromium();
  try {
    // The profile's own first tab: a second one would only add a renderer competing for the CPU.
    const page: Page = browser.context.pages()[0] ?? (await browser.context.newPage());
    let rangeRequests = 0;
    browser.context.on('request', (r) => {
      if (r.url().includes('.pmtiles') && r.headers()['range']) rangeRequests += 1;
    });
    await page.goto(url, { waitUntil: 'commit', timeout: TIMEOUT_MS });
    await page.waitForSelector('[data-testid="explore"][data-map-status="ready"]', { timeout: TIMEOUT_MS });
    const figures = await page.evaluate(([ready, data]) => {
      // Set by the viewer with ?test=1 (see src/map/map-shell.ts).
      const handle = (window as { __fireOneMap?: MapTestHandle }).__fireOneMap;
      const map = handle?.map;
      const features = map ? map.queryRenderedFeatures() : [];
      return {
        overlays: (handle?.deckLayers() ?? []).filter((l) => l.visible).map((l) => l.id),
        readyMs: performance.getEntriesByName(ready)[0]?.startTime ?? Number.NaN,
        dataMs: performance.getEntriesByName(data)[0]?.startTime ?? Number.NaN,
        roads: features.filter((f) => f.layer.id.startsWith('roads-casing-')).length,
        buildings: features.filter((f) => f.layer.id === 'buildings-fill').length,
      };
    }, [READY_MARK, DATA_MARK] as const);
    return { ...figures, rangeRequests };
  } finally {
    await browser.close();
  }
}

/**
 * Runs the cold loads against a `vite preview` of dist/.
 * @param runs how many cold loads (the median is reported).
 */
export async function measureFirstMap(runs = RUNS, query = '?test=1'): Promise<FirstMapRun[]> {
  const { preview } = await import('vite');
  const port = await freePort();
  const server = await preview({ root: ROOT, logLevel: 'warn', preview: { host: '127.0.0.1', port, strictPort: true, open: false } });
  try {
    const out: FirstMapRun[] = [];
    for (let i = 0; i < runs; i++) out.push(await coldLoad(`http://127.0.0.1:${port}/${query}`));
    return out;
  } finally {
    await server.close();
  }
}

const round = (n: number) => Math.round(n);

async function run(): Promise<BenchRow[]> {
  const base = { suite: SUITE, impl: OURS, unit: 'ms' } as const;
  const notRun = (why: string): BenchRow[] => [{ ...base, case: 'cold load → first map', value: Number.NaN, target: TARGET_MS, note: `not run: ${why}` }];
  const missing = chromiumMissing();
  if (missing) return notRun(missing);
  const buildError = build();
  if (buildError) return notRun(buildError);
  if (!existsSync(resolve(ROOT, 'tiles/basemap.pmtiles'))) return notRun('tiles/basemap.pmtiles is missing (npm run tiles -- demo)');
  const load = loadavg()[0] ?? 0;
  let runs: FirstMapRun[];
  try {
    runs = await measureFirstMap();
  } catch (e) {
    return notRun((e as Error).message.split('\n')[0] ?? String(e));
  }
  const ready = runs.map((r) => r.readyMs);
  const data = runs.map((r) => r.dataMs);
  const drawn = runs.every((r) => r.roads > 0 && r.buildings > 0 && FIRST_OVERLAYS.every((id) => r.overlays.includes(id)));
  const value = median(ready);
  const common = `median of ${runs.length} cold loads (fresh profile each), headless Chromium, SwiftShader WebGL, vite preview on loopback; load avg ${load.toFixed(1)} at start`;
  return [
    {
      ...base,
      case: 'cold load → first map (idle, basemap tiles + overlays drawn)',
      value: round(value),
      target: TARGET_MS,
      pass: drawn && value <= TARGET_MS,
      note: `${common}; runs ${ready.map(round).join(', ')} ms; rendered roads/buildings per run ${runs.map((r) => `${r.roads}/${r.buildings}`).join(', ')}; pmtiles range requests ${runs.map((r) => r.rangeRequests).join(', ')}; deck layers when read (just after the mark) ${runs[0]?.overlays.join(' + ') ?? '—'}${drawn ? '' : '; BASEMAP OR OVERLAYS NOT DRAWN in some run'}`,
    },
    {
      ...base,
      case: 'cold load → drawn sources parsed (premises, hydrants)',
      value: round(median(data)),
      note: `median of ${runs.length}; runs ${data.map(round).join(', ')} ms; parsing runs in the sources worker, drawing waits for it`,
    },
  ];
}

export const suite: BenchSuite = { name: SUITE, run };

if (process.argv[1] && pathToFileURL(resolve(process.argv[1])).href === import.meta.url) {
  const started = performance.now();
  run().then((rows) => {
    for (const r of rows) {
      const target = r.target === undefined ? '' : ` (target ${r.target} ${r.unit}: ${r.pass ? 'met' : 'not met'})`;
      console.log(`${r.suite} | ${r.case} | ${r.impl} | ${Number.isFinite(r.value) ? r.value : '—'} ${r.unit}${target}\n  ${r.note ?? ''}`);
    }
    console.log(`first-map: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  });
}
