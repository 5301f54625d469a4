/**
 * Inputs of the cross-checks and the benchmark: a district's buildings and hydrants read through the
 * loader (exactly what `npm run analyze` sees), and the Andorra OSM extract's buildings.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FeatureCollection, LineString, MultiLineString, MultiPolygon, Point, Polygon } from 'geojson';
import type { BuildingProps, HydrantProps, PremiseProps, RoadProps } from '../../src/sources/contract/types.ts';
import type { Manifest } from '../../src/sources/manifest-types.ts';
import { readSource } from '../../src/cli/lib/read-sources.ts';
import { IN_CI } from './cluster.ts';

export const ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));

export type Buildings = FeatureCollection<Polygon | MultiPolygon, BuildingProps>;
export type Hydrants = FeatureCollection<Point, HydrantProps>;

export type Premises = FeatureCollection<Point | Polygon | MultiPolygon, PremiseProps>;
export type Roads = FeatureCollection<LineString | MultiLineString, RoadProps>;

export interface District {
  buildings: Buildings;
  hydrants: Hydrants;
  premises: Premises;
  roads: Roads;
}

/**
 * Reads the buildings, hydrants, premises and roads of a generated district (a folder with
 * manifest.json) through the loader; throws when any of them has errors.
 */
export async function readDistrict(dir: string, manifest: Manifest, kinds: readonly (keyof District)[] = ['buildings', 'hydrants', 'premises', 'roads']): Promise<District> {
  const out: Partial<Record<keyof District, FeatureCollection>> = {};
  for (const kind of kinds) {
    const spec = manifest.sources.find((x) => x.kind === kind);
    if (!spec) throw new Error(`${dir}: the manifest has no ${kind} source`);
    const r = await readSource(spec, dir);
    if (r.stats.errors > 0) throw new Error(`${r.file}: ${r.stats.errors} errors while loading: ${r.report.slice(0, 3).map((e) => e.message).join('; ')}`);
    out[kind] = r.collection as FeatureCollection;
  }
  const empty = { type: 'FeatureCollection' as const, features: [] };
  return { buildings: empty, hydrants: empty, premises: empty, roads: empty, ...out } as District;
}

/** The shared OSM test extract: ../shared/testdata/osm/ beside the project (or FIRE_ONE_MAP_SHARED). */
export function andorraPbf(): string | null {
  const candidates = [
    process.env.ANDORRA_PBF,
    process.env.FIRE_ONE_MAP_SHARED && join(process.env.FIRE_ONE_MAP_SHARED, 'testdata/osm/andorra-latest.osm.pbf'),
    resolve(ROOT, '../shared/testdata/osm/andorra-latest.osm.pbf'),
    '/work/shared/testdata/osm/andorra-latest.osm.pbf',
  ];
  return candidates.find((p): p is string => !!p && existsSync(p)) ?? null;
}

/** Gate for tests on the shared Andorra extract: skip with a notice, or under CI=true fail. */
export function andorraGate(): { file: string | null; mustFail: boolean; reason: string } {
  const file = andorraPbf();
  if (file) return { file, mustFail: false, reason: '' };
  const reason = 'the shared test extract ../shared/testdata/osm/andorra-latest.osm.pbf is absent';
  if (IN_CI) return { file: null, mustFail: true, reason: `${reason} (CI=true: this is a failure)` };
  process.stderr.write(`\n*** SKIPPED: Andorra cross-check: ${reason} ***\n\n`);
  return { file: null, mustFail: false, reason };
}
