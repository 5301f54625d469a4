/**
 * The demo's base geography for the basemap (src/demo/base.ts → data/base/*.geojson): land use,
 * water, places and admin areas that agree with the district they describe, in every orientation a
 * tile can have (scale N flips tiles), and the block-outline helper on its own.
 */
import type { Feature, Polygon, Position } from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import { localProjection } from '../src/analysis/geo.ts';
import { BASE_FILES, outlineOf } from '../src/demo/base.ts';
import { generateTile, type TileResult } from '../src/demo/district.ts';
import { DEFAULT_AS_OF, DEMO_CENTER } from '../src/demo/generate.ts';
import type { V } from '../src/demo/shapes.ts';

/** Even–odd point in ring; points on the boundary may go either way, so tests use clear margins. */
function inRing(p: Position, ring: readonly Position[]): boolean {
  let c = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[i]!, b = ring[j]!;
    if (a[1]! > p[1]! !== b[1]! > p[1]! && p[0]! < ((b[0]! - a[0]!) * (p[1]! - a[1]!)) / (b[1]! - a[1]!) + a[0]!) c = !c;
  }
  return c;
}
const ringArea = (r: readonly Position[]): number => r.slice(1).reduce((s, p, i) => s + r[i]![0]! * p[1]! - p[0]! * r[i]![1]!, 0) / 2;
const outer = (f: Feature): Position[][] => (f.geometry.type === 'Polygon' ? [f.geometry.coordinates[0]!] : f.geometry.type === 'MultiPolygon' ? f.geometry.coordinates.map((p) => p[0]!) : []);
/** In any of the rings. */
const inAny = (p: Position, rings: readonly Position[][]): boolean => rings.some((r) => inRing(p, r));
/** A test "in any of these rings" with bounding boxes first: the tests ask it of every building vertex. */
function inAnyOf(rings: readonly Position[][]): (p: Position) => boolean {
  const boxes = rings.map((r) => [Math.min(...r.map((q) => q[0]!)), Math.min(...r.map((q) => q[1]!)), Math.max(...r.map((q) => q[0]!)), Math.max(...r.map((q) => q[1]!))] as const);
  return (p) => rings.some((r, k) => {
    const [w, s, e, n] = boxes[k]!;
    return p[0]! >= w && p[0]! <= e && p[1]! >= s && p[1]! <= n && inRing(p, r);
  });
}

describe('the demo base geography, in all four orientations', () => {
  const tiles: { name: string; t: TileResult }[] = [];
  beforeAll(() => {
    const proj = localProjection(DEMO_CENTER[0], DEMO_CENTER[1]);
    for (const [flipX, flipY] of [[false, false], [true, false], [false, true], [true, true]] as const) {
      tiles.push({ name: `flipX ${flipX} flipY ${flipY}`, t: generateTile({ seed: 'base-test', prefix: '', origin: [0, 0], flipX, flipY, asOf: DEFAULT_AS_OF, proj }) });
    }
  }, 120_000);

  it('writes the four base files, each with features', () => {
    for (const { name, t } of tiles) for (const f of BASE_FILES) expect(t.base[f].length, `${name} ${f}`).toBeGreaterThan(0);
  });

  it('lays land use on every block, green strips along the arterials, and keeps strips and pond clear of buildings', () => {
    for (const { name, t } of tiles) {
      const landuse = t.base['base/landuse.geojson'];
      const classes = new Set(landuse.map((f) => f.properties?.class));
      expect(classes, name).toEqual(new Set(['industrial', 'residential', 'commercial', 'public', 'green']));
      expect(landuse.filter((f) => f.properties?.kind !== 'grass')).toHaveLength(30); // 6 × 5 blocks
      expect(landuse.filter((f) => f.properties?.kind === 'grass').length).toBeGreaterThan(10);
      const strips = landuse.filter((f) => f.properties?.kind === 'grass').flatMap(outer);
      const pond = t.base['base/water.geojson'].filter((f) => f.properties?.kind === 'pond').flatMap(outer);
      expect(pond, name).toHaveLength(1);
      const park = landuse.filter((f) => f.properties?.kind === 'park').flatMap(outer);
      for (const p of pond[0]!) expect(inAny(p, park), `${name}: pond inside the park`).toBe(true);
      const onStrip = inAnyOf(strips), inPond = inAnyOf(pond);
      const [pw, ps, pe, pn] = [Math.min(...pond[0]!.map((q) => q[0]!)), Math.min(...pond[0]!.map((q) => q[1]!)), Math.max(...pond[0]!.map((q) => q[0]!)), Math.max(...pond[0]!.map((q) => q[1]!))];
      for (const b of t.contract.buildings) {
        const ring = (b.geometry as Polygon).coordinates[0]!;
        for (const p of ring) {
          if (onStrip(p)) expect.fail(`${name}: building ${String(b.properties?.id)} on a green strip`);
          if (inPond(p)) expect.fail(`${name}: building ${String(b.properties?.id)} in the pond`);
        }
        // The pond can only reach into a building whose box meets the pond's.
        const [bw, bs, be, bn] = [Math.min(...ring.map((q) => q[0]!)), Math.min(...ring.map((q) => q[1]!)), Math.max(...ring.map((q) => q[0]!)), Math.max(...ring.map((q) => q[1]!))];
        if (be < pw || bw > pe || bn < ps || bs > pn) continue;
        for (const p of pond[0]!) if (inRing(p, ring)) expect.fail(`${name}: pond in building ${String(b.properties?.id)}`);
      }
    }
  });

  it('outlines the street office as the union of its communities, around every building, with the canal outside', () => {
    for (const { name, t } of tiles) {
      const admin = t.base['base/admin_areas.geojson'];
      const district = admin.filter((f) => f.properties?.admin_level === 8);
      const communities = admin.filter((f) => f.properties?.admin_level === 10);
      expect(district, name).toHaveLength(1);
      expect(communities.map((f) => f.properties?.name)).toEqual(t.communities);
      const dRing = outer(district[0]!)[0]!;
      expect(ringArea(dRing)).toBeGreaterThan(0); // counter-clockwise
      const sum = communities.flatMap(outer).reduce((s, r) => s + ringArea(r), 0);
      expect(Math.abs(sum - ringArea(dRing)) / ringArea(dRing), name).toBeLessThan(1e-9);
      for (const b of t.contract.buildings) for (const p of (b.geometry as Polygon).coordinates[0]!) expect(inRing(p, dRing)).toBe(true);
      const canal = t.base['base/water.geojson'].find((f) => f.properties?.kind === 'canal')!;
      for (const p of (canal.geometry as { coordinates: Position[] }).coordinates) {
        expect(inRing(p, dRing), `${name}: canal outside the district`).toBe(false);
        expect(p[1]! < t.bbox[3] && p[1]! > t.bbox[1] && p[0]! >= t.bbox[0] && p[0]! <= t.bbox[2], `${name}: canal inside the bbox`).toBe(true);
      }
    }
  });

  it('labels the street office inside the district and each community inside its own outline', () => {
    for (const { name, t } of tiles) {
      const places = t.base['base/places.geojson'];
      const at = (f: Feature): Position => (f.geometry as { coordinates: Position }).coordinates;
      const admin = t.base['base/admin_areas.geojson'];
      const suburb = places.find((f) => f.properties?.kind === 'suburb')!;
      expect(suburb.properties?.name).toBe(t.streetOffice);
      expect(inAny(at(suburb), outer(admin[0]!))).toBe(true);
      for (const c of admin.filter((f) => f.properties?.admin_level === 10)) {
        const label = places.find((f) => f.properties?.kind === 'quarter' && f.properties?.name === c.properties?.name);
        expect(label, `${name}: ${String(c.properties?.name)}`).toBeDefined();
        expect(inAny(at(label!), outer(c)), `${name}: ${String(c.properties?.name)} label inside`).toBe(true);
      }
      for (const kind of ['school', 'hospital', 'marketplace', 'mall', 'park', 'neighbourhood', 'industrial']) {
        expect(places.some((f) => f.properties?.kind === kind), `${name}: ${kind}`).toBe(true);
      }
    }
  });
});

describe('outlineOf', () => {
  // A 4 × 3 lattice of unit squares; an L of three blocks.
  const grid: V[][] = Array.from({ length: 4 }, (_, i) => Array.from({ length: 3 }, (_, j) => [i, j] as V));
  it('follows the outer edges of a block set counter-clockwise, through every grid node', () => {
    const rings = outlineOf({ grid }, [{ i: 0, j: 0 }, { i: 1, j: 0 }, { i: 0, j: 1 }]);
    expect(rings).toHaveLength(1);
    const ring = rings[0]!;
    expect(ring).toHaveLength(8);
    expect(ringArea([...ring, ring[0]!])).toBeCloseTo(3);
    expect(new Set(ring.map(String))).toEqual(new Set(['0,0', '1,0', '2,0', '2,1', '1,1', '1,2', '0,2', '0,1']));
  });
  it('gives one ring per separate group', () => {
    expect(outlineOf({ grid }, [{ i: 0, j: 0 }, { i: 2, j: 1 }])).toHaveLength(2);
  });
});
