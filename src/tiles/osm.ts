/**
 * Reading an OpenStreetMap extract (.osm.pbf) into the basemap's GeoJSON layers (see schema.ts) with the
 * streaming parser osm-pbf-parser-node (pure JS, zlib from node, no native build).
 *
 * Two passes over the file, because relations come last in a PBF but decide which ways must be kept:
 *  1. relations only: multipolygons of water/land use/buildings and administrative boundaries, and the
 *     ids of their member ways;
 *  2. nodes (coordinates into typed arrays, place nodes as points), then ways: tagged ways become
 *     features, member ways keep their node ids. Geometry is resolved after the pass, so a file whose
 *     ways come before their nodes still works.
 *
 * Memory: three Float64Arrays per node (id, lon, lat: 24 bytes) — ~6 MB for Andorra (246k nodes), ~2.4 GB
 * for a 100-million-node country, which is past what this tool is for (a city or district extract).
 */
import { createReadStream } from 'node:fs';
import type { Feature, Geometry, Position } from 'geojson';
import { OSMTransform, type OSMOptions } from 'osm-pbf-parser-node';
import { joinRings, polygonFromRings } from './multipolygon.ts';
import {
  buildingUse, landuseClass, landuseKind, parseCount, parseHeight, roadClassOfHighway, waterAreaKind, waterwayKind,
  type BasemapLayer,
} from './schema.ts';

type Tags = Record<string, string>;
interface OsmNode { type: 'node'; id: number; lat: number; lon: number; tags?: Tags }
interface OsmWay { type: 'way'; id: number; refs: number[]; tags?: Tags }
interface OsmRelation { type: 'relation'; id: number; members: { type: 'node' | 'way' | 'relation'; ref: number; role: string }[]; tags?: Tags }
type OsmItem = OsmNode | OsmWay | OsmRelation;

export type OsmLayers = Record<BasemapLayer, Feature[]>;

export interface OsmReadStats {
  nodes: number;
  ways: number;
  relations: number;
  /** Features per layer. */
  features: Record<BasemapLayer, number>;
  /** Way geometries dropped because some node was missing from the extract. */
  missingNodeWays: number;
  /** Multipolygon relations assembled, and those dropped (no closed outer ring). */
  multipolygons: number;
  multipolygonsDropped: number;
  /** Chains of member ways that could not be closed into rings. */
  openRings: number;
  seconds: number;
}

export interface OsmReadResult {
  layers: OsmLayers;
  stats: OsmReadStats;
  /** [west, south, east, north] from the file header, when present. */
  headerBounds: [number, number, number, number] | null;
}

/**
 * Feature id that stays unique across element types within a layer: id × 10 + 0 (node), 1 (way),
 * 2 (relation). Exact while ids stay below 9 × 10^14 (OSM is at ~1.3 × 10^10).
 */
export function osmFeatureId(type: 'node' | 'way' | 'relation', id: number): number {
  return id * 10 + (type === 'node' ? 0 : type === 'way' ? 1 : 2);
}

/** Node coordinates in growable typed arrays, looked up by binary search on (sorted) ids. */
class NodeStore {
  private ids: Float64Array = new Float64Array(1 << 16);
  private lons: Float64Array = new Float64Array(1 << 16);
  private lats: Float64Array = new Float64Array(1 << 16);
  size = 0;
  private sorted = true;

  add(id: number, lon: number, lat: number): void {
    if (this.size === this.ids.length) {
      const grow = (a: Float64Array): Float64Array => { const b = new Float64Array(a.length * 2); b.set(a); return b; };
      this.ids = grow(this.ids);
      this.lons = grow(this.lons);
      this.lats = grow(this.lats);
    }
    if (this.size > 0 && id <= this.ids[this.size - 1]!) this.sorted = false;
    this.ids[this.size] = id;
    this.lons[this.size] = lon;
    this.lats[this.size] = lat;
    this.size++;
  }

  /** Sort by id when the file was not sorted (PBFs from osmium/Geofabrik are). */
  seal(): void {
    if (this.sorted) return;
    const order = Array.from({ length: this.size }, (_, i) => i).sort((a, b) => this.ids[a]! - this.ids[b]!);
    const pick = (a: Float64Array): Float64Array => Float64Array.from(order, (i) => a[i]!);
    this.ids = pick(this.ids);
    this.lons = pick(this.lons);
    this.lats = pick(this.lats);
    this.sorted = true;
  }

  get(id: number): Position | undefined {
    let lo = 0, hi = this.size - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = this.ids[mid]!;
      if (v < id) lo = mid + 1;
      else if (v > id) hi = mid - 1;
      else return [Math.round(this.lons[mid]! * 1e7) / 1e7, Math.round(this.lats[mid]! * 1e7) / 1e7];
    }
    return undefined;
  }
}

/** Run the parser over a file, calling `onItem` for every element. */
async function scan(file: string, options: OSMOptions, onItem: (item: OsmItem) => void): Promise<Record<string, unknown> | null> {
  let header: Record<string, unknown> | null = null;
  const input = createReadStream(file);
  const stream = input.pipe(new OSMTransform(options));
  // pipe() does not forward read errors (a missing file) to the parser stream; do it by hand.
  input.on('error', (e) => stream.destroy(e));
  try {
    for await (const batch of stream as AsyncIterable<unknown[]>) {
      for (const item of batch) {
        const it = item as OsmItem | Record<string, unknown>;
        if (typeof it.type === 'string') onItem(it as OsmItem);
        else header = it as Record<string, unknown>;
      }
    }
  } catch (e) {
    throw new Error(`cannot read ${file} as an OpenStreetMap .osm.pbf: ${(e as Error).message}`);
  }
  return header;
}

/** What an area (closed way or multipolygon) with these tags becomes, if anything. */
function areaFeatures(tags: Tags): { layer: BasemapLayer; properties: Record<string, unknown> }[] {
  const out: { layer: BasemapLayer; properties: Record<string, unknown> }[] = [];
  const water = waterAreaKind(tags);
  if (water) out.push({ layer: 'water', properties: { kind: water, name: tags.name } });
  const lu = landuseClass(tags);
  if (lu && !water) out.push({ layer: 'landuse', properties: { class: lu, kind: landuseKind(tags) } });
  if (tags.building && tags.building !== 'no') {
    out.push({
      layer: 'buildings',
      properties: {
        use: buildingUse(tags),
        height: parseHeight(tags.height),
        levels: parseCount(tags['building:levels']),
        name: tags.name,
      },
    });
  }
  return out;
}

const isYes = (v: string | undefined): boolean => v === 'yes' || v === 'true' || v === '1';

/** Road properties of a highway way, and whether its geometry must be reversed (oneway=-1). */
function roadOf(tags: Tags): { properties: Record<string, unknown>; reverse: boolean } | undefined {
  const highway = tags.highway;
  if (!highway || tags.area === 'yes') return undefined;
  const cls = roadClassOfHighway(highway);
  if (!cls) return undefined;
  const reverse = tags.oneway === '-1';
  // Motorways and roundabouts are one-way unless tagged otherwise; `oneway: true` means along the line.
  const oneway = reverse || isYes(tags.oneway) || ((highway === 'motorway' || tags.junction === 'roundabout') && tags.oneway !== 'no');
  return {
    reverse,
    properties: {
      class: cls,
      subclass: highway,
      name: tags.name,
      'name:zh': tags['name:zh'],
      oneway: oneway || undefined,
      bridge: tags.bridge && tags.bridge !== 'no' ? true : undefined,
      tunnel: tags.tunnel && tags.tunnel !== 'no' ? true : undefined,
      ref: tags.ref,
    },
  };
}

/** Drop undefined values so the GeoJSON is clean (the cutter would skip them anyway). */
function clean(p: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(p)) if (v !== undefined && v !== null && v !== '') out[k] = v;
  return out;
}

/**
 * Read an .osm.pbf extract into the basemap layers.
 *
 * @example
 * const { layers, stats } = await readOsmPbf('andorra-latest.osm.pbf');
 * cutTiles(basemapCutLayers(layers), { minzoom: 10, maxzoom: 16 }, writer);
 */
export async function readOsmPbf(file: string): Promise<OsmReadResult> {
  const started = performance.now();
  const layers: OsmLayers = { water: [], landuse: [], roads: [], buildings: [], places: [], boundaries: [] };
  const stats: OsmReadStats = {
    nodes: 0, ways: 0, relations: 0, features: { water: 0, landuse: 0, roads: 0, buildings: 0, places: 0, boundaries: 0 },
    missingNodeWays: 0, multipolygons: 0, multipolygonsDropped: 0, openRings: 0, seconds: 0,
  };

  // Pass 1: relations.
  const areaRelations: { id: number; tags: Tags; members: { ref: number; role: string }[] }[] = [];
  /** Way id → lowest admin_level of the boundary relations it belongs to. */
  const boundaryLevel = new Map<number, number>();
  const memberWays = new Set<number>();
  await scan(file, { withTags: { node: false, way: false, relation: true } }, (it) => {
    if (it.type !== 'relation') return;
    stats.relations++;
    const tags = it.tags ?? {};
    const ways = it.members.filter((m) => m.type === 'way');
    if (tags.type === 'multipolygon' && areaFeatures(tags).length > 0) {
      areaRelations.push({ id: it.id, tags, members: ways.map((m) => ({ ref: m.ref, role: m.role })) });
      for (const m of ways) memberWays.add(m.ref);
    }
    const level = parseCount(tags.admin_level);
    if (tags.boundary === 'administrative' && level !== undefined && (tags.type === 'boundary' || tags.type === 'multipolygon')) {
      for (const m of ways) {
        if (m.role !== '' && m.role !== 'outer' && m.role !== 'inner') continue;
        boundaryLevel.set(m.ref, Math.min(boundaryLevel.get(m.ref) ?? Infinity, level));
      }
    }
  });

  // Pass 2: nodes and ways. Geometry is resolved afterwards.
  const nodes = new NodeStore();
  const pendingWays: { id: number; refs: number[]; outputs: { layer: BasemapLayer; properties: Record<string, unknown>; area: boolean; reverse: boolean }[] }[] = [];
  const memberRefs = new Map<number, number[]>();
  const nodeTagKeys = ['place', 'name', 'name:zh', 'population'];
  const header = await scan(file, { withTags: { node: nodeTagKeys, way: true, relation: false } }, (it) => {
    if (it.type === 'node') {
      stats.nodes++;
      nodes.add(it.id, it.lon, it.lat);
      const t = it.tags;
      if (t?.place && t.name) {
        const position: Position = [Math.round(it.lon * 1e7) / 1e7, Math.round(it.lat * 1e7) / 1e7];
        layers.places.push({
          type: 'Feature', id: osmFeatureId('node', it.id), geometry: { type: 'Point', coordinates: position },
          properties: clean({ kind: t.place, name: t.name, 'name:zh': t['name:zh'], population: parseCount(t.population) }),
        });
      }
    } else if (it.type === 'way') {
      stats.ways++;
      const tags = it.tags ?? {};
      const outputs: (typeof pendingWays)[number]['outputs'] = [];
      const closed = it.refs.length >= 4 && it.refs[0] === it.refs[it.refs.length - 1];
      if (closed && tags.area !== 'no') for (const a of areaFeatures(tags)) outputs.push({ ...a, area: true, reverse: false });
      const road = roadOf(tags);
      if (road) outputs.push({ layer: 'roads', properties: road.properties, area: false, reverse: road.reverse });
      const ww = waterwayKind(tags);
      if (ww) outputs.push({ layer: 'water', properties: { kind: ww, name: tags.name }, area: false, reverse: false });
      const level = boundaryLevel.get(it.id) ?? (tags.boundary === 'administrative' ? parseCount(tags.admin_level) : undefined);
      if (level !== undefined) outputs.push({ layer: 'boundaries', properties: { kind: 'administrative', admin_level: level }, area: false, reverse: false });
      if (outputs.length > 0) pendingWays.push({ id: it.id, refs: it.refs, outputs });
      if (memberWays.has(it.id)) memberRefs.set(it.id, it.refs);
    }
  });
  nodes.seal();

  /** Coordinates of a node list; undefined if any node is missing. */
  const coordsOf = (refs: readonly number[]): Position[] | undefined => {
    const out: Position[] = [];
    for (const r of refs) {
      const p = nodes.get(r);
      if (!p) return undefined;
      out.push(p);
    }
    return out;
  };

  for (const w of pendingWays) {
    const coords = coordsOf(w.refs);
    if (!coords) {
      stats.missingNodeWays++;
      continue;
    }
    for (const o of w.outputs) {
      let geometry: Geometry;
      if (o.area) geometry = { type: 'Polygon', coordinates: [coords] };
      else if (coords.length >= 2) geometry = { type: 'LineString', coordinates: o.reverse ? coords.slice().reverse() : coords };
      else continue;
      layers[o.layer].push({ type: 'Feature', id: osmFeatureId('way', w.id), geometry, properties: clean(o.properties) });
    }
  }

  for (const rel of areaRelations) {
    const outerWays: number[][] = [];
    const innerWays: number[][] = [];
    for (const m of rel.members) {
      const refs = memberRefs.get(m.ref);
      if (!refs) continue; // member outside the extract: rings that still close are kept
      (m.role === 'inner' ? innerWays : outerWays).push(refs);
    }
    const outer = joinRings(outerWays);
    const inner = joinRings(innerWays);
    stats.openRings += outer.open + inner.open;
    const ringCoords = (rings: number[][]): Position[][] => rings.map(coordsOf).filter((r): r is Position[] => r !== undefined);
    const geometry = polygonFromRings(ringCoords(outer.rings), ringCoords(inner.rings));
    if (!geometry) {
      stats.multipolygonsDropped++;
      continue;
    }
    stats.multipolygons++;
    for (const a of areaFeatures(rel.tags)) {
      layers[a.layer].push({ type: 'Feature', id: osmFeatureId('relation', rel.id), geometry, properties: clean(a.properties) });
    }
  }

  for (const name of Object.keys(layers) as BasemapLayer[]) stats.features[name] = layers[name].length;
  stats.seconds = (performance.now() - started) / 1000;
  const bbox = header?.bbox as { left: number; right: number; top: number; bottom: number } | undefined;
  // The PBF header stores the bbox in nanodegrees.
  const headerBounds: [number, number, number, number] | null = bbox ? [bbox.left / 1e9, bbox.bottom / 1e9, bbox.right / 1e9, bbox.top / 1e9] : null;
  return { layers, stats, headerBounds };
}
