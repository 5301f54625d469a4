/**
 * The basemap of the demo district (or of any export folder), reduced to the basemap schema (schema.ts,
 * docs/basemap-schema.md) with no fire-safety attributes (hazard classes, fire resistance, ...):
 *
 * - roads and buildings from the exports named in the manifest;
 * - boundaries: the outlines in `base/admin_areas.geojson` (street office, communities) and the grid
 *   cells of the grids export, each shared edge drawn once with its most important kind
 *   (boundaries.ts); without admin areas, derived from the grid cells alone; without either, the
 *   manifest's bbox;
 * - landuse, water and places from `base/landuse.geojson`, `base/water.geojson`, `base/places.geojson`
 *   when the folder has them (the demo generator writes them; a deployment may add its own); without
 *   places, the manifest's name at the middle and each community's name in its middle grid cell.
 *
 * Deliberately tolerant and independent of the loader in src/sources: renames from the manifest's field
 * mapping are applied, enumeration labels are matched against the contract's table (value, 中文, English,
 * aliases), GCJ-02/BD-09 positions are converted to WGS-84. Features it cannot read are skipped and counted;
 * `npm run check-data` is the place for a full report.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { Feature, Geometry, Polygon, MultiPolygon, Position } from 'geojson';
import gcoord from 'gcoord';
import { ENUMS, type EnumValue } from '../sources/contract/enums.ts';
import { boundaryLines, cellBoundaryLines, GRID_LINE, type CellOutline, type Outline } from './boundaries.ts';
import type { BasemapLayer } from './schema.ts';

/** Optional base files (WGS-84, schema fields) read beside the exports, relative to the data folder. */
export const BASE_INPUTS = { landuse: 'base/landuse.geojson', water: 'base/water.geojson', places: 'base/places.geojson', admin: 'base/admin_areas.geojson' } as const;

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

interface Located {
  manifestPath: string;
  sources: SourceLike[];
  bbox: [number, number, number, number] | null;
  name: string | undefined;
  find(kind: string): { file: string; source: SourceLike } | null;
  base(which: keyof typeof BASE_INPUTS): string | null;
}

function locate(dataDir: string): Located {
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
  return {
    manifestPath, sources, bbox, name,
    find: (kind) => {
      const s = sources.find((x) => x.kind === kind && typeof x.path === 'string' && !/^[a-z]+:/i.test(x.path));
      const file = s ? join(dirname(manifestPath), s.path!) : join(dataDir, `${kind}.geojson`);
      return existsSync(file) ? { file, source: s ?? {} } : null;
    },
    base: (which) => {
      const file = join(dataDir, BASE_INPUTS[which]);
      return existsSync(file) ? file : null;
    },
  };
}

/** Whether the folder has roads or buildings to make a basemap from. */
export function hasRoadsOrBuildings(dataDir: string): boolean {
  const at = locate(dataDir);
  return at.find('roads') !== null || at.find('buildings') !== null;
}

/** The files the basemap of `dataDir` is made from (those that exist), in a fixed order. */
export function demoInputFiles(dataDir: string): string[] {
  const at = locate(dataDir);
  const files = [
    existsSync(at.manifestPath) ? at.manifestPath : null,
    at.find('roads')?.file, at.find('buildings')?.file, at.find('grids')?.file,
    at.base('landuse'), at.base('water'), at.base('places'), at.base('admin'),
  ];
  return files.filter((f): f is string => typeof f === 'string');
}

/**
 * SHA-256 over the basemap's input files (their paths relative to the folder, then their bytes): the
 * same data gives the same digest wherever the folder is. Stored in the archive's metadata
 * (`fire_one_map_inputs`) so `ensure-tiles` can tell an archive of other data from an up-to-date one.
 */
export function demoInputsDigest(dataDir: string): string {
  const h = createHash('sha256');
  for (const file of demoInputFiles(dataDir)) {
    h.update(`${relative(dataDir, file).split('\\').join('/')}\n`);
    h.update(readFileSync(file));
    h.update('\n');
  }
  return h.digest('hex');
}

/**
 * Basemap layers from an export folder (default layout: manifest.json, roads.geojson, buildings.geojson,
 * grids.geojson, base/*.geojson).
 * @throws when neither roads nor buildings can be found, naming what to run.
 */
export function readDemoLayers(dataDir: string): DemoLayersResult {
  const at = locate(dataDir);
  const { bbox, name } = at;
  const roads = at.find('roads');
  const buildings = at.find('buildings');
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
  const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
  const landuse = at.base('landuse');
  if (landuse) {
    layers.landuse = readExport(landuse, {}, ['Polygon', 'MultiPolygon'], (p) => (str(p.class) ? clean({ class: p.class, kind: str(p.kind) }) : null), read);
  }
  const water = at.base('water');
  if (water) {
    layers.water = readExport(water, {}, ['Polygon', 'MultiPolygon', 'LineString', 'MultiLineString'], (p) => clean({ kind: str(p.kind) ?? 'water', name: str(p.name) }), read);
  }
  const places = at.base('places');
  if (places) {
    layers.places = readExport(places, {}, ['Point'], (p) => (str(p.name) ? clean({ kind: str(p.kind) ?? 'locality', name: p.name, 'name:zh': str(p['name:zh']), population: toNumber(p.population) }) : null), read);
  }

  const gridsAt = at.find('grids');
  const cells: CellOutline[] = [];
  if (gridsAt) {
    for (const f of readExport(gridsAt.file, gridsAt.source, ['Polygon', 'MultiPolygon'], (p) => ({ community: str(p.community) ?? '' }), read)) {
      cells.push({ rings: outerRings(f.geometry as Polygon | MultiPolygon), community: String(f.properties?.community ?? '') });
    }
  }
  const adminFile = at.base('admin');
  const admin = adminFile ? readExport(adminFile, {}, ['Polygon', 'MultiPolygon'], (p) => (toNumber(p.admin_level) !== undefined ? { admin_level: toNumber(p.admin_level), name: str(p.name) } : null), read) : [];
  const bounds = bbox ?? boundsOf([...(layers.roads ?? []), ...(layers.buildings ?? [])]);
  if (admin.length > 0) {
    const outlines: Outline[] = [
      ...admin.map((f) => {
        const level = Number(f.properties?.admin_level);
        return { rings: outerRings(f.geometry as Polygon | MultiPolygon), rank: level, properties: { kind: 'administrative', admin_level: level } };
      }),
      ...cells.map((c) => ({ rings: c.rings, rank: 100, properties: { ...GRID_LINE } })),
    ];
    layers.boundaries = boundaryLines(outlines);
  } else if (cells.length > 0) {
    layers.boundaries = cellBoundaryLines(cells);
  } else if (bounds) {
    const [w, s, e, n] = bounds;
    layers.boundaries = [{ type: 'Feature', geometry: { type: 'LineString', coordinates: [[w, s], [e, s], [e, n], [w, n], [w, s]] }, properties: { kind: 'administrative', admin_level: 8 } }];
  }
  if (!layers.places && bounds) {
    const [w, s, e, n] = bounds;
    layers.places = [];
    if (name) layers.places.push({ type: 'Feature', geometry: { type: 'Point', coordinates: [(w + e) / 2, (s + n) / 2] }, properties: { kind: 'suburb', name } });
    layers.places.push(...communityLabels(cells));
    if (layers.places.length === 0) delete layers.places;
  }
  return { layers, bounds, name, read };
}

/** The outer rings of a polygon or multipolygon. */
function outerRings(g: Polygon | MultiPolygon): Position[][] {
  return g.type === 'Polygon' ? [g.coordinates[0] ?? []] : g.coordinates.map((p) => p[0] ?? []);
}

/** A label per community: in the cell whose centre is nearest the mean of the community's cell centres. */
function communityLabels(cells: readonly CellOutline[]): Feature[] {
  const by = new Map<string, Position[]>();
  for (const c of cells) {
    if (!c.community) continue;
    const ring = c.rings[0] ?? [];
    const pts = ring.length > 1 && ring[0]![0] === ring[ring.length - 1]![0] && ring[0]![1] === ring[ring.length - 1]![1] ? ring.slice(0, -1) : ring;
    if (pts.length === 0) continue;
    const centre: Position = [pts.reduce((s, p) => s + p[0]!, 0) / pts.length, pts.reduce((s, p) => s + p[1]!, 0) / pts.length];
    by.set(c.community, [...(by.get(c.community) ?? []), centre]);
  }
  return [...by.entries()].map(([community, centres]) => {
    const mean = [centres.reduce((s, p) => s + p[0]!, 0) / centres.length, centres.reduce((s, p) => s + p[1]!, 0) / centres.length];
    const d = (p: Position): number => (p[0]! - mean[0]!) ** 2 + (p[1]! - mean[1]!) ** 2;
    const at = centres.reduce((b, p) => (d(p) < d(b) ? p : b));
    return { type: 'Feature', geometry: { type: 'Point', coordinates: [Math.round(at[0]! * 1e7) / 1e7, Math.round(at[1]! * 1e7) / 1e7] }, properties: { kind: 'quarter', name: community } } as Feature;
  });
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
