/**
 * The demo's base geography for the offline basemap (not fire-safety data, not in the manifest): land
 * use per street block, a pond in the park and a drainage canal, named places for labels, and the
 * outlines of the street office (街道) and its communities (社区/村). Written as `base/*.geojson`
 * (WGS-84) beside the contract files; `npm run tiles -- demo` turns them into the basemap's landuse,
 * water, places and boundaries layers (docs/basemap-schema.md).
 *
 * Everything here is derived from the tile's model with plain geometry and draws nothing from the
 * random streams, so adding it changed no other file of the demo.
 */
import type { Feature, LineString, MultiPolygon, Point, Polygon, Position } from 'geojson';
import type { Converter } from './features.ts';
import type { Geography } from './geography.ts';
import type { BlockRec, CommunityRec, GroupRec, Role, TileCtx, Zone } from './model.ts';
import { add, centroid, dist2, lineIntersection, perp, scale, sub, unit, type V } from './shapes.ts';
import { boxOf, shrink } from './zone-kit.ts';

/** The base files, relative to the output folder, in the order they are written. */
export const BASE_FILES = ['base/landuse.geojson', 'base/water.geojson', 'base/places.geojson', 'base/admin_areas.geojson'] as const;
export type BaseFile = (typeof BASE_FILES)[number];

/** Width of the green strip (道路绿化带) between the kerb of an arterial and the block, metres. */
export const GREEN_STRIP = 5;
/** Distance of the drainage canal's centre line north of the district's northern road, metres. */
export const CANAL_OFFSET = 20;

/** Land use of each zone: the basemap class and the finer kind (docs/basemap-schema.md). */
export const ZONE_LANDUSE: Record<Zone, { class: string; kind: string }> = {
  industrial: { class: 'industrial', kind: 'industrial' },
  compound: { class: 'residential', kind: 'residential' },
  old_compound: { class: 'residential', kind: 'old_residential' },
  selfbuilt: { class: 'residential', kind: 'selfbuilt' },
  village: { class: 'residential', kind: 'urban_village' },
  market: { class: 'commercial', kind: 'retail' },
  commercial: { class: 'commercial', kind: 'commercial' },
  school: { class: 'public', kind: 'education' },
  hospital: { class: 'public', kind: 'hospital' },
  park: { class: 'green', kind: 'park' },
};

/** Place kind of a named campus, by the role of its first building. */
const CAMPUS_KIND: Partial<Record<Role, string>> = {
  teaching: 'school', school_dorm: 'school', canteen: 'school', gym: 'school', kindergarten: 'kindergarten',
  hospital_main: 'hospital', outpatient: 'hospital', hospital_ward: 'hospital', elderly: 'nursing_home',
  market_hall: 'marketplace', mall: 'mall', pavilion: 'park',
};

const polygon = (ring: Position[]): Polygon => ({ type: 'Polygon', coordinates: [ring] });
const feature = <G extends Polygon | MultiPolygon | LineString | Point>(geometry: G, properties: Record<string, unknown>): Feature<G> =>
  ({ type: 'Feature', properties, geometry });

/** The base layers of one tile, as features per base file. */
export function buildBase(ctx: TileCtx, geo: Geography, c: Converter): Record<BaseFile, Feature[]> {
  return {
    'base/landuse.geojson': landuse(ctx, c),
    'base/water.geojson': water(ctx, geo, c),
    'base/places.geojson': places(ctx, c),
    'base/admin_areas.geojson': adminAreas(ctx, geo, c),
  };
}

/**
 * One polygon per block between the kerbs, with the zone's land use; along arterials a green strip
 * of GREEN_STRIP metres is cut off the block (the arterial setbacks leave that much free). The strips
 * and the block tile the area between the kerbs exactly: where two strips meet at a corner, the one
 * on the lower-numbered side takes the corner.
 */
function landuse(ctx: TileCtx, c: Converter): Feature[] {
  const out: Feature[] = [];
  for (const b of ctx.blocks) {
    const kerb = b.edges.map((r) => r.width / 2);
    const strip = b.edges.map((r) => r.cls === 'arterial');
    const outer = sideLines(b.quad, kerb);
    const inner = sideLines(b.quad, kerb.map((d, k) => d + (strip[k] ? GREEN_STRIP : 0)));
    const corner = (l1: SideLine, l2: SideLine): V => lineIntersection(l1.p, l1.d, l2.p, l2.d) ?? l2.p;
    const main = inner.map((_, k) => corner(inner[(k + 3) % 4] as SideLine, inner[k] as SideLine));
    const lu = ZONE_LANDUSE[b.zone];
    out.push(feature(polygon(c.ring(main)), { class: lu.class, kind: lu.kind }));
    for (let k = 0; k < 4; k++) {
      if (!strip[k]) continue;
      const prev = (k + 3) % 4, next = (k + 1) % 4;
      // Side k owns its corner with a neighbour unless the neighbour also has a strip and a lower number.
      const before = strip[prev] && prev < k ? inner[prev] : outer[prev];
      const after = strip[next] && next < k ? inner[next] : outer[next];
      const ring = [
        corner(before as SideLine, outer[k] as SideLine), corner(outer[k] as SideLine, after as SideLine),
        corner(inner[k] as SideLine, after as SideLine), corner(before as SideLine, inner[k] as SideLine),
      ];
      out.push(feature(polygon(c.ring(ring)), { class: 'green', kind: 'grass' }));
    }
  }
  return out;
}

interface SideLine {
  p: V;
  d: V;
}

/** The lines of a quadrilateral's sides moved inwards by their own distances (as insetQuad). */
function sideLines(quad: readonly V[], d: readonly number[]): SideLine[] {
  return quad.map((p, k) => {
    const q = quad[(k + 1) % quad.length] as V;
    const dir = sub(q, p);
    return { p: add(p, scale(perp(unit(dir)), d[k] ?? 0)), d: dir };
  });
}

/**
 * A pond in the upper part of the park (the park's buildings stand in one row near its lower edge)
 * and a drainage canal (排洪渠) along the north of the district, outside its northern road.
 */
function water(ctx: TileCtx, geo: Geography, c: Converter): Feature[] {
  const out: Feature[] = [];
  const stem = ctx.streetOffice.replace(/街道$/, '');
  for (const b of ctx.blocks.filter((x) => x.zone === 'park')) {
    const box = shrink(boxOf(b), 20);
    // The park's buildings are laid out from t0 + 60 and are at most 12 m deep: keep 30 m clear of them.
    const t0 = b.t0 + 60 + 12 + 30;
    const sc = (box.s0 + box.s1) / 2, tc = (t0 + box.t1) / 2;
    const rs = ((box.s1 - box.s0) / 2) * 0.6, rt = ((box.t1 - t0) / 2) * 0.8;
    const ring: V[] = [];
    for (let k = 0; k < 32; k++) {
      const a = (2 * Math.PI * k) / 32;
      const wobble = 1 + 0.08 * Math.sin(3 * a) + 0.05 * Math.cos(5 * a);
      ring.push(inBlock(b, sc + rs * wobble * Math.cos(a), tc + rt * wobble * Math.sin(a)));
    }
    const park = ctx.groups.find((g) => g.block === b && g.kind === 'campus')?.name ?? `${stem}公园`;
    out.push(feature(polygon(c.ring(ring)), { kind: 'pond', name: `${park.replace(/公园$/, '')}湖` }));
  }
  const north = geo.grid.map((col) => col[col.length - 1] as V);
  out.push(feature({ type: 'LineString', coordinates: north.map((p) => c.ll([p[0], p[1] + CANAL_OFFSET])) }, { kind: 'canal', name: `${stem}排洪渠` }));
  return out;
}

/** A point of the block's frame (s along, t across). */
function inBlock(b: BlockRec, s: number, t: number): V {
  const f = b.frame;
  return [f.o[0] + s * f.u[0] + t * f.v[0], f.o[1] + s * f.u[1] + t * f.v[1]];
}

/**
 * Label points: the street office at the middle of the district (suburb), each community or village
 * in its middle block (quarter), named compounds (neighbourhood), the industrial clusters, and the
 * campuses (school, kindergarten, hospital, nursing home, market, mall, park).
 */
function places(ctx: TileCtx, c: Converter): Feature[] {
  const out: Feature[] = [];
  const pt = (p: V, props: Record<string, unknown>): void => { out.push(feature({ type: 'Point', coordinates: c.ll(p) }, props)); };
  pt(centroid(middleOf(ctx.blocks).quad), { kind: 'suburb', name: ctx.streetOffice });
  const labelled = new Set<BlockRec>();
  for (const com of ctx.communities) {
    const b = middleOf(com.blocks);
    labelled.add(b);
    pt(centroid(b.quad), { kind: 'quarter', name: com.name });
  }
  const industrial = new Map<CommunityRec, BlockRec[]>();
  for (const b of ctx.blocks) if (b.zone === 'industrial') industrial.set(b.community, [...(industrial.get(b.community) ?? []), b]);
  for (const [com, blocks] of industrial) {
    // Not on the block that already carries the community's name, when there is another.
    const free = blocks.filter((b) => !labelled.has(b));
    pt(centroid(middleOf(free.length ? free : blocks).quad), { kind: 'industrial', name: `${com.name.replace(/(社区|村)$/, '')}工业区` });
  }
  for (const g of ctx.groups) {
    const kind = groupKind(g);
    if (kind) pt(centroid(g.ring), { kind, name: g.name });
  }
  return out;
}

function groupKind(g: GroupRec): string | undefined {
  if (g.kind === 'compound' || g.kind === 'old_compound') return 'neighbourhood';
  if (g.kind !== 'campus') return undefined;
  const role = g.buildings[0]?.role;
  return role ? CAMPUS_KIND[role] : undefined;
}

/** The block whose centre is nearest the mean of the blocks' centres (inside the set even for an L shape). */
function middleOf(blocks: readonly BlockRec[]): BlockRec {
  const centres = blocks.map((b) => centroid(b.quad));
  const mean: V = [centres.reduce((s, p) => s + p[0], 0) / centres.length, centres.reduce((s, p) => s + p[1], 0) / centres.length];
  let best = 0;
  for (let k = 1; k < centres.length; k++) if (dist2(centres[k]!, mean) < dist2(centres[best]!, mean)) best = k;
  return blocks[best]!;
}

/**
 * The street office and each community as polygons along road centre lines (where such boundaries
 * usually run), with OSM's admin levels for China: 8 for a street office (街道), 10 for a community
 * or village.
 */
function adminAreas(ctx: TileCtx, geo: Geography, c: Converter): Feature[] {
  const area = (blocks: readonly BlockRec[], props: Record<string, unknown>): Feature => {
    const rings = outlineOf(geo, blocks).map((r) => c.ring(r));
    return feature(rings.length === 1 ? polygon(rings[0]!) : { type: 'MultiPolygon', coordinates: rings.map((r) => [r]) }, props);
  };
  return [
    area(ctx.blocks, { admin_level: 8, name: ctx.streetOffice }),
    ...ctx.communities.map((com) => area(com.blocks, { admin_level: 10, name: com.name })),
  ];
}

/**
 * The outer rings (counter-clockwise, every grid intersection on the way kept) of a set of blocks:
 * each block's sides as directed edges between grid nodes, less the sides two blocks of the set share,
 * chained from node to node.
 */
export function outlineOf(geo: Pick<Geography, 'grid'>, blocks: readonly Pick<BlockRec, 'i' | 'j'>[]): V[][] {
  const key = (i: number, j: number): string => `${i},${j}`;
  const edges = new Map<string, [number, number]>(); // "from>to" → to
  for (const b of blocks) {
    const n: [number, number][] = [[b.i, b.j], [b.i + 1, b.j], [b.i + 1, b.j + 1], [b.i, b.j + 1]];
    for (let k = 0; k < 4; k++) {
      const from = n[k]!, to = n[(k + 1) % 4]!;
      const back = `${key(...to)}>${key(...from)}`;
      if (edges.has(back)) edges.delete(back);
      else edges.set(`${key(...from)}>${key(...to)}`, to);
    }
  }
  const next = new Map<string, [string, [number, number]]>();
  for (const [k, to] of edges) next.set(k.split('>')[0]!, [k, to]);
  const rings: V[][] = [];
  while (next.size > 0) {
    const start = [...next.keys()].sort()[0]!;
    const ring: V[] = [];
    let node = start;
    for (let guard = 0; guard <= edges.size; guard++) {
      const e = next.get(node);
      if (!e) break;
      next.delete(node);
      const [i, j] = node.split(',').map(Number) as [number, number];
      ring.push(geo.grid[i]?.[j] as V);
      node = key(...e[1]);
      if (node === start) break;
    }
    rings.push(ring);
  }
  return rings;
}
