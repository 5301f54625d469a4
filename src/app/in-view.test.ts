import { describe, expect, it } from 'vitest';
import type { CollectionOf, FeatureOf, Kind } from '../sources/contract/index.ts';
import type { Collections } from './filters.ts';
import { createViewIndex, inView, type Bounds } from './in-view.ts';

const fc = <K extends Kind>(features: FeatureOf<K>[]): CollectionOf<K> => ({ type: 'FeatureCollection', features } as unknown as CollectionOf<K>);
const hydrant = (id: string, x: number, y: number): FeatureOf<'hydrants'> => ({
  type: 'Feature', properties: { id, status: 'in_service' }, geometry: { type: 'Point', coordinates: [x, y] },
});
const area = (id: string, ring: [number, number][]): FeatureOf<'hazard_areas'> => ({
  type: 'Feature', properties: { id, name: id, kind: 'other', status: 'open' }, geometry: { type: 'Polygon', coordinates: [[...ring, ring[0] as [number, number]]] },
});
const ids = (c: { features: readonly { properties: { id: string } }[] } | undefined) => c?.features.map((f) => f.properties.id);

// The view is the square 0..10 × 0..10.
const VIEW: Bounds = [0, 0, 10, 10];
const hydrants = fc<'hydrants'>([
  hydrant('P1', 1, 1), // in
  hydrant('P2', 5, 5), // in
  hydrant('P3', 11, 5), // east of the view
  hydrant('P4', -1, -1), // south-west of the view
  hydrant('P5', 5, 20), // north of the view
]);
const areas = fc<'hazard_areas'>([
  // Crosses the north-east corner: partly in view.
  area('A', [[8, 8], [12, 8], [12, 12], [8, 12]]),
  // A triangle south-east of the view, below the line y = x − 11: its box [9,−2,12,1] overlaps the
  // view's corner (10, 0), the triangle itself does not reach it.
  area('B', [[9, -2], [12, -2], [12, 1]]),
]);
const collections: Collections = { hydrants, hazard_areas: areas };

describe('inView on a fixture of 5 points and 2 polygons', () => {
  const index = createViewIndex(collections);

  it('keeps the 2 points and the 1 polygon that meet the view, in their original order', () => {
    const out = inView(index, collections, VIEW);
    expect(ids(out.hydrants)).toEqual(['P1', 'P2']);
    expect(ids(out.hazard_areas)).toEqual(['A']);
  });

  it('counts a point on the edge of the view as in view', () => {
    expect(ids(inView(index, collections, [1, 1, 4, 4]).hydrants)).toEqual(['P1']);
  });

  it('returns the very same objects when everything is in view', () => {
    const out = inView(index, collections, [-100, -100, 100, 100]);
    expect(out).toBe(collections);
    expect(out.hydrants).toBe(hydrants);
  });

  it('keeps a collection wholly in view as the same object while another kind is narrowed', () => {
    const out = inView(index, collections, [-2, -3, 13, 13]); // all areas, not P5
    expect(out.hazard_areas).toBe(areas);
    expect(ids(out.hydrants)).toEqual(['P1', 'P2', 'P3', 'P4']);
  });

  it('gives the same result object again when the view moves but keeps the same features', () => {
    const first = inView(index, collections, VIEW);
    const again = inView(index, collections, [0, 0, 10, 10]);
    const nudged = inView(index, collections, [0.5, 0.5, 10.2, 9.5]);
    expect(again).toBe(first);
    expect(nudged).toBe(first);
    expect(nudged.hydrants).toBe(first.hydrants);
  });

  it('returns nothing of a kind when nothing meets the view', () => {
    const out = inView(index, collections, [50, 50, 60, 60]);
    expect(out.hydrants?.features).toEqual([]);
    expect(out.hazard_areas?.features).toEqual([]);
  });

  it('narrows a subset of the indexed collections (e.g. filtered) by the same tree', () => {
    const filtered: Collections = { hydrants: fc<'hydrants'>([hydrants.features[1], hydrants.features[2]] as FeatureOf<'hydrants'>[]), hazard_areas: areas };
    const out = inView(index, filtered, VIEW);
    expect(ids(out.hydrants)).toEqual(['P2']);
    expect(ids(out.hazard_areas)).toEqual(['A']);
  });

  it('checks features the index has never seen one by one, and kinds it has not indexed', () => {
    const newer: Collections = {
      hydrants: fc<'hydrants'>([hydrant('N1', 2, 2), hydrant('N2', 20, 2)]),
      stations: fc<'stations'>([{ type: 'Feature', properties: { id: 'S1', kind: 'micro_station', name: 'S1' }, geometry: { type: 'Point', coordinates: [3, 3] } }]),
    };
    const out = inView(index, newer, VIEW);
    expect(ids(out.hydrants)).toEqual(['N1']);
    expect(ids(out.stations)).toEqual(['S1']);
    expect(out.stations).toBe(newer.stations);
  });
});

describe('inView with features lacking coordinates', () => {
  it('never counts them in view, and still indexes the others', () => {
    const broken = { ...hydrant('Z', 0, 0), geometry: null } as unknown as FeatureOf<'hydrants'>;
    const c: Collections = { hydrants: fc<'hydrants'>([broken, hydrant('P1', 1, 1), hydrant('P3', 11, 5)]) };
    expect(ids(inView(createViewIndex(c), c, VIEW).hydrants)).toEqual(['P1']);
    const onlyBroken: Collections = { hydrants: fc<'hydrants'>([broken]) };
    expect(ids(inView(createViewIndex(onlyBroken), onlyBroken, VIEW).hydrants)).toEqual([]);
  });
});

describe('inView on lines and polygons cut by the view', () => {
  const lanes = fc<'fire_lanes'>([
    { type: 'Feature', properties: { id: 'L1', status: 'clear' }, geometry: { type: 'LineString', coordinates: [[-5, 5], [15, 5]] } }, // crosses
    { type: 'Feature', properties: { id: 'L2', status: 'clear' }, geometry: { type: 'LineString', coordinates: [[6, 15], [15, 6]] } }, // x + y = 21: passes the corner (10, 10) outside
  ]);
  const around = fc<'hazard_areas'>([
    area('Around', [[-5, -5], [15, -5], [15, 15], [-5, 15]]), // the view lies inside it
    { ...area('Ring', [[-5, -5], [15, -5], [15, 15], [-5, 15]]), geometry: { type: 'Polygon', coordinates: [
      [[-5, -5], [15, -5], [15, 15], [-5, 15], [-5, -5]],
      [[-1, -1], [11, -1], [11, 11], [-1, 11], [-1, -1]], // a hole holding the whole view
    ] } },
  ]);
  const c: Collections = { fire_lanes: lanes, hazard_areas: around };
  const out = inView(createViewIndex(c), c, VIEW);

  it('keeps a line crossing the view with both ends outside, not one passing by', () => {
    expect(ids(out.fire_lanes)).toEqual(['L1']);
  });

  it('keeps a polygon the view lies inside, not one whose hole holds the view', () => {
    expect(ids(out.hazard_areas)).toEqual(['Around']);
  });
});

describe('inView on 100,000 synthetic points', () => {
  // A small linear congruential generator: the same points on every run.
  let seed = 42;
  const random = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  const points = fc<'hydrants'>(Array.from({ length: 100_000 }, (_, i) => hydrant(`H${i}`, 118 + random(), 24 + random())));
  const all: Collections = { hydrants: points };
  const index = createViewIndex(all);
  const bounds: Bounds = [118.2, 24.3, 118.45, 24.7];
  const brute = (features: readonly FeatureOf<'hydrants'>[]) => features.filter((f) => {
    const [x, y] = f.geometry.coordinates as [number, number];
    return x >= bounds[0] && x <= bounds[2] && y >= bounds[1] && y <= bounds[3];
  });

  it('keeps exactly the points a brute-force check keeps, in the same order', () => {
    const expected = brute(points.features);
    const got = inView(index, all, bounds).hydrants?.features ?? [];
    expect(expected.length).toBeGreaterThan(9_000); // about 0.25 × 0.4 of the points
    expect(got.length).toBe(expected.length);
    expect(got.every((f, i) => f === expected[i])).toBe(true);
  });

  it('does the same for a filtered half of them', () => {
    const half = fc<'hydrants'>(points.features.filter((_, i) => i % 2 === 0));
    const expected = brute(half.features);
    const got = inView(index, { hydrants: half }, bounds).hydrants?.features ?? [];
    expect(got.length).toBe(expected.length);
    expect(got.every((f, i) => f === expected[i])).toBe(true);
  });
});
