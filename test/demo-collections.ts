/**
 * The demo district read through the loader, for tests that need realistic collections: data/ when it is
 * there, otherwise generated into a temporary folder (removed by `cleanup`).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Collections } from '../src/app/filters.ts';
import { DEFAULT_AS_OF, DEFAULT_SEED, generateDemo } from '../src/demo/generate.ts';
import { parseExport } from '../src/sources/load.ts';
import type { Manifest } from '../src/sources/manifest-types.ts';

export interface DemoCollections { collections: Collections; communities: string[]; now: Date; cleanup(): void }

export function loadDemoCollections(): DemoCollections {
  let dir = join(process.cwd(), 'data');
  let cleanup = () => {};
  if (!existsSync(join(dir, 'manifest.json')) || !existsSync(join(dir, 'demo-meta.json'))) {
    dir = mkdtempSync(join(tmpdir(), 'fire-one-map-demo-collections-'));
    generateDemo({ seed: DEFAULT_SEED, asOf: DEFAULT_AS_OF, scale: 1, out: dir });
    const tmp = dir;
    cleanup = () => rmSync(tmp, { recursive: true, force: true });
  }
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
  const meta = JSON.parse(readFileSync(join(dir, 'demo-meta.json'), 'utf8')) as { communities: string[]; as_of_time: string };
  const out: Record<string, unknown> = {};
  for (const spec of manifest.sources) out[spec.kind] = parseExport(readFileSync(join(dir, spec.path), 'utf8'), spec).collection;
  return { collections: out as Collections, communities: meta.communities, now: new Date(meta.as_of_time), cleanup };
}
