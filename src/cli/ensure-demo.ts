/**
 * Used by `npm start` and `npm run build`: makes sure data/ holds a complete data set. When
 * data/manifest.json is missing, unreadable, or names a file that does not exist, it generates the
 * default demo (seed, as-of and scale 1 as `npm run demo-data`) into data/; otherwise it leaves
 * the folder alone, so a deployment's own exports are never overwritten.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DEFAULT_AS_OF, DEFAULT_SEED, generateDemo } from '../demo/generate.ts';

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

function main(): void {
  const external = process.env['FIRE_ONE_MAP_DATA'];
  if (external) {
    // A deployment's own folder: never write a demo into it; say what is missing and let the viewer report it.
    const why = missingData(external);
    console.log(why ? `ensure-demo: FIRE_ONE_MAP_DATA=${external}: ${why}; the viewer will report it.` : `ensure-demo: serving ${resolve(external)} (FIRE_ONE_MAP_DATA).`);
    return;
  }
  const dir = process.argv[2] ?? 'data';
  const why = missingData(dir);
  if (!why) {
    console.log(`ensure-demo: ${resolve(dir)} is complete; nothing to do.`);
    return;
  }
  const started = performance.now();
  console.log(`ensure-demo: ${why}; generating the demo district (seed ${DEFAULT_SEED}, as of ${DEFAULT_AS_OF}) into ${resolve(dir)} …`);
  const { files, meta } = generateDemo({ seed: DEFAULT_SEED, scale: 1, asOf: DEFAULT_AS_OF, out: dir });
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
