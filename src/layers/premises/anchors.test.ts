import { booleanPointInPolygon } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import type { CollectionOf, FeatureOf } from '../../sources/contract/index.ts';
import { indexById, interiorPoint, premiseAnchor, premiseFootprints } from './anchors.ts';

type PremiseFeature = FeatureOf<'premises'>;
const feature = (id: string, geometry: PremiseFeature['geometry']): PremiseFeature => ({
  type: 'Feature', properties: { id, name: id, categories: ['factory'] }, geometry,
});

// A 4×4 square; a thin L (arms 0.5 wide) whose area centroid (1.18, 1.18) lies outside it; a square
// with a courtyard (hole) over its centroid.
const SQUARE = [[[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]]];
const THIN_L = [[[0, 0], [4, 0], [4, 0.5], [0.5, 0.5], [0.5, 4], [0, 4], [0, 0]]];
const COURTYARD = [[[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]], [[1, 1], [1, 3], [3, 3], [3, 1], [1, 1]]];

const inside = (p: [number, number], rings: number[][][]) => booleanPointInPolygon(p, { type: 'Polygon', coordinates: rings }, { ignoreBoundary: true });

describe('interiorPoint', () => {
  it('is the area centroid of a convex footprint', () => {
    expect(interiorPoint(SQUARE)).toEqual([2, 2]);
  });

  it('stays inside an L whose centroid lies outside it', () => {
    const p = interiorPoint(THIN_L);
    expect(inside(p, THIN_L)).toBe(true);
  });

  it('stays out of a courtyard (a hole over the centroid)', () => {
    const p = interiorPoint(COURTYARD);
    expect(inside(p, COURTYARD)).toBe(true);
    expect(p[1]).toBe(2); // on the line through the centroid, in one of the two wings
  });
});

describe('premiseAnchor', () => {
  it('is the point of a point premise', () => {
    expect(premiseAnchor(feature('p', { type: 'Point', coordinates: [120.1, 30.2] }))).toEqual([120.1, 30.2]);
  });

  it('is inside the largest part of a MultiPolygon', () => {
    const small = [[[10, 10], [10.5, 10], [10.5, 10.5], [10, 10.5], [10, 10]]];
    const f = feature('m', { type: 'MultiPolygon', coordinates: [small, THIN_L] });
    expect(inside(premiseAnchor(f), THIN_L)).toBe(true);
  });

  it('is computed once per feature object', () => {
    const f = feature('a', { type: 'Polygon', coordinates: SQUARE });
    expect(premiseAnchor(f)).toBe(premiseAnchor(f));
  });
});

describe('premiseFootprints and indexById', () => {
  const point = feature('p', { type: 'Point', coordinates: [0, 0] });
  const area = feature('a', { type: 'Polygon', coordinates: SQUARE });

  it('keep only footprints, once per collection; the collection itself when all are footprints', () => {
    const mixed: CollectionOf<'premises'> = { type: 'FeatureCollection', features: [point, area] };
    expect(premiseFootprints(mixed).features).toEqual([area]);
    expect(premiseFootprints(mixed)).toBe(premiseFootprints(mixed));
    const areas: CollectionOf<'premises'> = { type: 'FeatureCollection', features: [area] };
    expect(premiseFootprints(areas)).toBe(areas);
  });

  it('index features by id, first one winning', () => {
    const again = feature('p', { type: 'Point', coordinates: [1, 1] });
    const index = indexById([point, area, again]);
    expect([index.get('p'), index.get('a'), index.get('x')]).toEqual([0, 1, undefined]);
  });
});
