/**
 * Used by `npm start` and `npm run build` (then ensure-tiles builds the basemap): makes sure data/
 * holds a complete data set. When data/manifest.json is missing, unreadable, or names a file that does
 * not exist, it generates the default demo (seed, as-of and scale 1 as `npm run demo-data`) into
 * data/. A demo the generator wrote before it wrote the basemap's base files (data/base/*.geojson) is
 * generated again with its own seed, as-of and scale (read from data/demo-meta.json). Otherwise it
 * leaves the folder alone, so a deployment's own exports are never overwritten.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { BASE_FILES } from '../demo/base.ts';
import { DEFAULT_AS_OF, DEFAULT_SEED, generateDemo } from '../demo/generate.ts';
import type { DemoMeta } from '../demo/meta.ts';

/** Why the data folder needs generating, or null when it is complete. */
export function missingData(dir: string): string | null {
  const manifestPath = join(dir, 'manifest.json');
  if (!existsSync(manifestPath)) return `${manifestPath} is missing`;
  let sources: unknown;
  try {
    sources = (JSON.parse(readFileSync(manifestPath, 'utf8')) as { sources?: unknown }).sources;
  } catch (e) {
    return `${manifestPath} is not valid JSON (${(e as Error).message})`;
  }
  if (!Array.isArray(sources)) return `${manifestPath} has no sources list`;
  for (const s of sources as { path?: unknown }[]) {
    // Only local files can be checked; URLs are the deployment's business.
    if (typeof s.path !== 'string' || /^[a-z]+:\/\//i.test(s.path) || s.path.startsWith('/')) continue;
    if (!existsSync(join(dir, s.path))) return `${join(dir, s.path)} (named in the manifest) is missing`;
  }
  return null;
}

/**
 * A complete folder that the demo generator wrote (data/demo-meta.json says so) but without the base
 * files of the basemap, which older generators did not write: why, and how to generate it again.
 * Null for anything else, including every folder the generator did not write.
 */
export function staleDemo(dir: string): { why: string; seed: number; scale: number; asOf: string } | null {
  const metaPath = join(dir, 'demo-meta.json');
  if (!existsSync(metaPath)) return null;
  let meta: Partial<DemoMeta>;
  try {
    meta = JSON.parse(readFileSync(metaPath, 'utf8')) as Partial<DemoMeta>;
  } catch {
    return null;
  }
  if (meta.generator !== 'fire-one-map demo-data' || typeof meta.seed !== 'number' || typeof meta.scale !== 'number' || typeof meta.as_of !== 'string') return null;
  const missing = BASE_FILES.find((f) => !existsSync(join(dir, f)));
  return missing ? { why: `${join(dir, missing)} is missing (a demo from before the basemap's base files)`, seed: meta.seed, scale: meta.scale, asOf: meta.as_of } : null;
}

function main(): void {
  const external = process.env['FIRE_ONE_MAP_DATA'];
  if (external) {
    // A deployment's own folder: never write a demo into it; say what is missing and let the viewer report it.
    const why = missingData(external);
    console.log(why ? `ensure-demo: FIRE_ONE_MAP_DATA=${external}: ${why}; the viewer will report it.` : `ensure-demo: serving ${resolve(external)} (FIRE_ONE_MAP_DATA).`);
    return;
  }
  const dir = process.argv[2] ?? 'data';
  const missing = missingData(dir);
  const stale = missing ? null : staleDemo(dir);
  const why = missing ?? stale?.why;
  if (!why) {
    console.log(`ensure-demo: ${resolve(dir)} is complete; nothing to do.`);
    return;
  }
  const started = performance.now();
  const opts = stale ? { seed: stale.seed, scale: stale.scale, asOf: stale.asOf } : { seed: DEFAULT_SEED, scale: 1, asOf: DEFAULT_AS_OF };
  console.log(`ensure-demo: ${why}; generating the demo district (seed ${opts.seed}, as of ${opts.asOf}${opts.scale > 1 ? `, scale ${opts.scale}` : ''}) into ${resolve(dir)} …`);
  const { files, meta } = generateDemo({ ...opts, out: dir });
  console.log(`ensure-demo: wrote ${files.length} files (${files.reduce((s, f) => s + f.features, 0)} features) for ${meta.street_office} in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    main();
  } catch (e) {
    console.error(`ensure-demo: ${(e as Error).message}`);
    process.exit(1);
  }
}
