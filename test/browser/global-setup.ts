/**
 * Global setup of the browser project: makes sure the basemap archives exist (tiles/basemap.pmtiles
 * from the demo data, and tiles/andorra.pmtiles from the shared OpenStreetMap extract when that is
 * present), builds the viewer (`npm run build`, which first makes the demo data when missing),
 * serves dist/ with `vite preview` on a free loopback port, and provides its URL to the tests.
 * Without Chromium the browser tests are skipped with a visible notice, except on CI (CI=true),
 * where a missing browser is a failure: .ci/run installs it.
 *
 * FIRE_ONE_MAP_SKIP_BUILD=1 reuses an existing dist/ (quicker local iterations).
 * FIRE_ONE_MAP_OSM_TESTDATA overrides the folder of the shared extract (default ../shared/testdata/osm).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { preview } from 'vite';
import type { TestProject } from 'vitest/node';
import { chromiumMissing, cjkFontMissing } from './chromium.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Base URL of the previewed build, e.g. http://127.0.0.1:41234/; '' when browser tests are skipped. */
    viewerUrl: string;
    /** Why the browser tests are skipped; '' when they run. */
    browserSkipReason: string;
    /** Path of the Andorra archive for `?basemap=` (relative to the viewer), or '' when it could not be made. */
    andorraBasemap: string;
    /** Why there is no Andorra archive; '' when there is one. */
    andorraSkipReason: string;
  }
}

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const DEMO_ARCHIVE = 'tiles/basemap.pmtiles';
const ANDORRA_ARCHIVE = 'tiles/andorra.pmtiles';
const OSM_TESTDATA = process.env['FIRE_ONE_MAP_OSM_TESTDATA'] || path.resolve(ROOT, '../shared/testdata/osm');
const ANDORRA_PBF = path.join(OSM_TESTDATA, 'andorra-latest.osm.pbf');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

function banner(lines: string[]): void {
  const width = Math.max(...lines.map((l) => l.length)) + 4;
  const bar = '!'.repeat(width);
  console.warn(`\n${bar}\n${lines.map((l) => `! ${l.padEnd(width - 4)} !`).join('\n')}\n${bar}\n`);
}

function build(): void {
  if (process.env['FIRE_ONE_MAP_SKIP_BUILD'] === '1' && existsSync(path.join(ROOT, 'dist/index.html'))) return;
  // `npm run build` runs ensure-demo first; until that script exists, build without it.
  const hasEnsureDemo = existsSync(path.join(ROOT, 'src/cli/ensure-demo.ts'));
  if (!hasEnsureDemo) banner(['src/cli/ensure-demo.ts is missing: building without generating demo data']);
  if (hasEnsureDemo) run('npm', ['run', 'build'], 'build');
  else run('npx', ['vite', 'build'], 'build');
}

function run(cmd: string, args: string[], what: string): void {
  const started = Date.now();
  const result = spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8', env: process.env, maxBuffer: 64 * 1024 * 1024 });
  if (result.status !== 0) {
    throw new Error(`${what}: ${cmd} ${args.join(' ')} failed (exit ${result.status}):\n${(result.stdout ?? '').slice(-4000)}\n${(result.stderr ?? '').slice(-4000)}`);
  }
  console.log(`[browser] ${what}: ${cmd} ${args.join(' ')} took ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** Newest modification time of the tile builder's code, so an archive made by an older builder is remade. */
function builderMtime(): number {
  const dir = path.join(ROOT, 'src/tiles');
  const times = existsSync(dir) ? readdirSync(dir).map((f) => statSync(path.join(dir, f)).mtimeMs) : [];
  return Math.max(0, statSync(path.join(ROOT, 'src/cli/tiles.ts')).mtimeMs, ...times);
}

/**
 * The demo basemap: `npm run build` makes it (ensure-tiles, which also remakes it when the data
 * changed). Made here only when it is still missing, e.g. with FIRE_ONE_MAP_SKIP_BUILD=1.
 */
function ensureDemoArchive(): void {
  if (existsSync(path.join(ROOT, DEMO_ARCHIVE))) return;
  if (!existsSync(path.join(ROOT, 'data/manifest.json'))) run('npm', ['run', 'ensure-demo'], 'demo data for the basemap');
  run('npm', ['run', 'tiles', '--', 'demo', '--out', DEMO_ARCHIVE, '--quiet'], 'demo basemap');
}

/** The Andorra basemap from the shared extract; null when made, else why not. */
function ensureAndorraArchive(): string | null {
  if (!existsSync(ANDORRA_PBF)) return `${ANDORRA_PBF} not found (the shared OpenStreetMap test extract)`;
  const out = path.join(ROOT, ANDORRA_ARCHIVE);
  const fresh = existsSync(out) && statSync(out).mtimeMs > Math.max(builderMtime(), statSync(ANDORRA_PBF).mtimeMs);
  if (!fresh) run('npm', ['run', 'tiles', '--', ANDORRA_PBF, '--out', ANDORRA_ARCHIVE, '--quiet'], 'Andorra basemap');
  return null;
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const missing = chromiumMissing();
  if (missing) {
    if (process.env['CI'] === 'true') throw new Error(`Browser tests cannot run on CI: ${missing}`);
    banner(['BROWSER TESTS SKIPPED', missing]);
    project.provide('viewerUrl', '');
    project.provide('browserSkipReason', missing);
    project.provide('andorraBasemap', '');
    project.provide('andorraSkipReason', missing);
    return undefined;
  }
  const noFont = cjkFontMissing();
  if (noFont) {
    if (process.env['CI'] === 'true') throw new Error(`Browser tests cannot run on CI: ${noFont}`);
    banner(['CHINESE WILL RENDER AS BOXES', noFont]);
  }
  build();
  // After the build, which makes data/ and the demo archive when missing. The preview serves tiles/
  // live (vite-plugin-data), so archives made now are served without a rebuild.
  ensureDemoArchive();
  const andorraMissing = ensureAndorraArchive();
  if (andorraMissing) banner(['ANDORRA BASEMAP TEST WILL BE SKIPPED', andorraMissing]);
  const port = await freePort();
  const server = await preview({
    root: ROOT,
    logLevel: 'warn',
    preview: { host: '127.0.0.1', port, strictPort: true, open: false },
  });
  project.provide('viewerUrl', `http://127.0.0.1:${port}/`);
  project.provide('browserSkipReason', '');
  project.provide('andorraBasemap', andorraMissing ? '' : ANDORRA_ARCHIVE);
  project.provide('andorraSkipReason', andorraMissing ?? '');
  return async () => {
    await server.close();
  };
}
