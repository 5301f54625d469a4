/**
 * The basemap of the demo district (or of any export folder): its roads and buildings exports, reduced to
 * the basemap schema (schema.ts) with no fire-safety attributes (hazard classes, fire resistance, ...),
 * plus two base layers made from the manifest: the district outline (boundaries) and its name (places).
 *
 * Deliberately tolerant and independent of the loader in src/sources: renames from the manifest's field
 * mapping are applied, enumeration labels are matched against the contract's table (value, 中文, English,
 * aliases), GCJ-02/BD-09 positions are converted to WGS-84. Features it cannot read are skipped and counted;
 * `npm run check-data` is the place for a full report.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Feature, Geometry, Position } from 'geojson';
import gcoord from 'gcoord';
import { ENUMS, type EnumValue } from '../sources/contract/enums.ts';
import type { BasemapLayer } from './schema.ts';

export interface DemoLayersResult {
  layers: Partial<Record<BasemapLayer, Feature[]>>;
  /** Manifest bbox or bounds of the features, [west, south, east, north]. */
  bounds: [number, number, number, number] | null;
  name: string | undefined;
  /** Files read, features kept and skipped. */
  read: { file: string; kept: number; skipped: number }[];
}

interface SourceLike {
  kind?: string;
  path?: string;
  crs?: string;
  mapping?: { fields?: Record<string, string>; values?: Record<string, Record<string, unknown>> };
}

const norm = (s: string): string => s.trim().toLowerCase().replace(/[\s_-]+/g, ' ');

/** Contract enumeration label → value (identifier, Chinese, English or alias); undefined when unknown. */
function matchLabel(enumName: 'road_class' | 'building_use' | 'crs', raw: unknown, relabel?: Record<string, unknown>): string | undefined {
  if (typeof raw !== 'string' && typeof raw !== 'number') return undefined;
  const label = String(relabel?.[String(raw)] ?? raw);
  for (const e of ENUMS[enumName].values as readonly EnumValue[]) {
    if ([e.value, e.zh, e.en, ...(e.aliases ?? [])].some((l) => norm(l) === norm(label))) return e.value;
  }
  return undefined;
}

function toBool(raw: unknown): boolean | undefined {
  if (typeof raw === 'boolean') return raw;
  const s = norm(String(raw ?? ''));
  if (['true', '1', 'yes', '是', 'y'].includes(s)) return true;
  if (['false', '0', 'no', '否', 'n'].includes(s)) return false;
  return undefined;
}

function toNumber(raw: unknown): number | undefined {
  const n = typeof raw === 'number' ? raw : Number.parseFloat(String(raw ?? '').replace(/[^\d.+-]/g, ''));
  return Number.isFinite(n) ? n : undefined;
}

function mapCoords(c: unknown, f: (p: Position) => Position): unknown {
  if (!Array.isArray(c)) return c;
  if (typeof c[0] === 'number') return f(c as Position);
  return c.map((x) => mapCoords(x, f));
}

function toWgs84(g: Geometry, crs: string | undefined): Geometry {
  const from = matchLabel('crs', crs ?? 'WGS84');
  if (from !== 'GCJ02' && from !== 'BD09') return g;
  const src = from === 'GCJ02' ? gcoord.GCJ02 : gcoord.BD09;
  if (g.type === 'GeometryCollection') return g;
  return { ...g, coordinates: mapCoords(g.coordinates, (p) => gcoord.transform([p[0]!, p[1]!], src, gcoord.WGS84)) } as Geometry;
}

/** Read one export as basemap features with `pick` choosing the kept properties. */
function readExport(
  file: string,
  source: SourceLike,
  geometryTypes: readonly string[],
  pick: (p: Record<string, unknown>) => Record<string, unknown> | null,
  read: DemoLayersResult['read'],
): Feature[] {
  const json = JSON.parse(readFileSync(file, 'utf8')) as { features?: Feature[] };
  const renames = source.mapping?.fields ?? {};
  const out: Feature[] = [];
  let skipped = 0;
  for (const f of json.features ?? []) {
    if (!f?.geometry || !geometryTypes.includes(f.geometry.type)) { skipped++; continue; }
    const props: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(f.properties ?? {})) props[renames[k] ?? k] = v;
    const kept = pick(props);
    if (!kept) { skipped++; continue; }
    out.push({ type: 'Feature', geometry: toWgs84(f.geometry, source.crs), properties: kept });
  }
  read.push({ file, kept: out.length, skipped });
  return out;
}

/**
 * Basemap layers from an export folder (default layout: manifest.json, roads.geojson, buildings.geojson).
 * @throws when neither roads nor buildings can be found, naming what to run.
 */
export function readDemoLayers(dataDir: string): DemoLayersResult {
  const manifestPath = join(dataDir, 'manifest.json');
  let sources: SourceLike[] = [];
  let bbox: [number, number, number, number] | null = null;
  let name: string | undefined;
  if (existsSync(manifestPath)) {
    const m = JSON.parse(readFileSync(manifestPath, 'utf8')) as { sources?: SourceLike[]; bbox?: [number, number, number, number]; name?: string };
    sources = m.sources ?? [];
    bbox = Array.isArray(m.bbox) && m.bbox.length === 4 ? m.bbox : null;
    name = m.name;
  }
  const find = (kind: string): { file: string; source: SourceLike } | null => {
    const s = sources.find((x) => x.kind === kind && typeof x.path === 'string' && !/^[a-z]+:/i.test(x.path));
    const file = s ? join(dirname(manifestPath), s.path!) : join(dataDir, `${kind}.geojson`);
    return existsSync(file) ? { file, source: s ?? {} } : null;
  };
  const roads = find('roads');
  const buildings = find('buildings');
  if (!roads && !buildings) {
    throw new Error(`no roads.geojson or buildings.geojson in ${dataDir}: run \`npm run demo-data\` first, or give an .osm.pbf`);
  }
  const read: DemoLayersResult['read'] = [];
  const layers: DemoLayersResult['layers'] = {};
  if (roads) {
    const relabel = roads.source.mapping?.values?.class;
    layers.roads = readExport(roads.file, roads.source, ['LineString', 'MultiLineString'], (p) => {
      const cls = matchLabel('road_class', p.class, relabel) ?? 'other';
      const oneway = toBool(p.oneway);
      return clean({ class: cls, name: typeof p.name === 'string' ? p.name : undefined, oneway: oneway || undefined });
    }, read);
  }
  if (buildings) {
    const relabel = buildings.source.mapping?.values?.use;
    layers.buildings = readExport(buildings.file, buildings.source, ['Polygon', 'MultiPolygon'], (p) => clean({
      use: matchLabel('building_use', p.use, relabel) ?? 'other',
      height: toNumber(p.height_m),
      levels: toNumber(p.floors),
      name: typeof p.name === 'string' ? p.name : undefined,
    }), read);
  }
  const bounds = bbox ?? boundsOf([...(layers.roads ?? []), ...(layers.buildings ?? [])]);
  if (bounds) {
    const [w, s, e, n] = bounds;
    layers.boundaries = [{ type: 'Feature', geometry: { type: 'LineString', coordinates: [[w, s], [e, s], [e, n], [w, n], [w, s]] }, properties: { admin_level: 8 } }];
    if (name) layers.places = [{ type: 'Feature', geometry: { type: 'Point', coordinates: [(w + e) / 2, (s + n) / 2] }, properties: { kind: 'suburb', name } }];
  }
  return { layers, bounds, name, read };
}

function clean(p: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(p)) if (v !== undefined && v !== null && v !== '') out[k] = v;
  return out;
}

function boundsOf(features: readonly Feature[]): [number, number, number, number] | null {
  const b = [Infinity, Infinity, -Infinity, -Infinity];
  const visit = (c: unknown): void => {
    if (!Array.isArray(c)) return;
    if (typeof c[0] === 'number') {
      b[0] = Math.min(b[0]!, c[0]); b[1] = Math.min(b[1]!, c[1] as number);
      b[2] = Math.max(b[2]!, c[0]); b[3] = Math.max(b[3]!, c[1] as number);
    } else c.forEach(visit);
  };
  for (const f of features) if (f.geometry && f.geometry.type !== 'GeometryCollection') visit(f.geometry.coordinates);
  return b[0]! <= b[2]! ? (b as [number, number, number, number]) : null;
}
