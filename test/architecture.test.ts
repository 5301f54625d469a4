import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Who may import whom (docs/architecture.md), checked on every import of every source file, so a
 * shortcut across layers fails the build instead of slowly rotting it.
 */
const SRC = new URL('../src/', import.meta.url).pathname;

// folder → the top-level folders of src/ it may import from (itself always allowed).
const ALLOWED: Record<string, string[]> = {
  analysis: ['sources/contract'],
  sources: ['analysis'],
  map: [],
  layers: ['map', 'sources', 'analysis'],
  worker: ['sources', 'analysis'],
  demo: ['sources', 'analysis'],
  tiles: ['sources'],
  i18n: ['sources'],
  ui: ['i18n', 'layers', 'sources', 'map'],
  app: ['map', 'layers', 'sources', 'analysis', 'worker', 'ui', 'i18n', 'modes'],
  modes: ['map', 'layers', 'sources', 'analysis', 'worker', 'ui', 'i18n', 'app'],
  cli: ['sources', 'analysis', 'demo', 'tiles'],
};
/**
 * `ui` may also use `app`'s pure helpers (filters, derived counts, freshness…): plain .ts modules
 * that hold no state and know no framework. Stateful app modules (signals, queries, contexts,
 * components) stay out of reach, so a component gets its data through props.
 */
const FRAMEWORK = /from\s+['"](preact|preact\/[^'"]+|@preact\/signals|@tanstack\/[^'"]+)['"]/;
function isPureAppModule(target: string): boolean {
  if (!target.startsWith('app/') || !target.endsWith('.ts')) return false;
  return !FRAMEWORK.test(readFileSync(join(SRC, target), 'utf8'));
}
// Node-only folders the browser bundle must never reach.
const NODE_ONLY = ['cli', 'tiles'];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

function importsOf(path: string): string[] {
  const text = readFileSync(path, 'utf8');
  return [...text.matchAll(/(?:import|export)\s[^'"]*?from\s+['"](\.[^'"]+)['"]/g)].map((m) => m[1] as string);
}

const area = (relPath: string): string => relPath.split('/')[0] as string;

describe('import boundaries', () => {
  const sources = files(SRC);

  it('finds the source files', () => {
    expect(sources.length).toBeGreaterThan(50);
  });

  it('every import stays within what its folder may use', () => {
    const violations: string[] = [];
    for (const file of sources) {
      const from = relative(SRC, file);
      const fromArea = area(from);
      if (!from.includes('/')) continue; // main.tsx, the boot file, wires everything together
      for (const spec of importsOf(file)) {
        const target = relative(SRC, join(file, '..', spec));
        if (target.startsWith('..')) continue; // outside src (e.g. package.json)
        const toArea = area(target);
        if (toArea === fromArea || !target.includes('/')) continue;
        const allowed = ALLOWED[fromArea] ?? [];
        const ok = allowed.some((a) => target === a || target.startsWith(`${a}/`)) || (fromArea === 'ui' && isPureAppModule(target));
        if (!ok) violations.push(`${from} imports ${target}`);
      }
    }
    expect(violations).toEqual([]);
  });

  it('no browser code imports node-only folders', () => {
    const browserFiles = sources.filter((f) => !NODE_ONLY.includes(area(relative(SRC, f))));
    const offenders = browserFiles.filter((f) => importsOf(f).some((spec) => NODE_ONLY.includes(area(relative(SRC, join(f, '..', spec))))));
    expect(offenders.map((f) => relative(SRC, f))).toEqual([]);
  });
});
