import { describe, expect, it } from 'vitest';
import { representativePoint } from './geometry.ts';

describe('representativePoint', () => {
  it('keeps a point, averages a multipoint, halves a line by length', () => {
    expect(representativePoint({ type: 'Point', coordinates: [1, 2] })).toEqual([1, 2]);
    expect(representativePoint({ type: 'MultiPoint', coordinates: [[0, 0], [2, 4]] })).toEqual([1, 2]);
    // 1 unit east then 3 north: halfway (2 of 4) lies 1 up the second segment.
    expect(representativePoint({ type: 'LineString', coordinates: [[0, 0], [1, 0], [1, 3]] })).toEqual([1, 1]);
    expect(representativePoint({ type: 'MultiLineString', coordinates: [[[0, 0], [1, 0]], [[5, 0], [5, 4]]] })).toEqual([5, 2]);
  });

  it('takes the area centroid of a polygon, of the largest part of a multipolygon', () => {
    // An L of three unit squares: its centroid is not the vertex mean.
    const l = [[0, 0], [2, 0], [2, 1], [1, 1], [1, 2], [0, 2], [0, 0]];
    const [x, y] = representativePoint({ type: 'Polygon', coordinates: [l] }) ?? [NaN, NaN];
    expect(x).toBeCloseTo(5 / 6, 12);
    expect(y).toBeCloseTo(5 / 6, 12);
    const small = [[10, 10], [10.1, 10], [10.1, 10.1], [10, 10]];
    const big = [[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]];
    expect(representativePoint({ type: 'MultiPolygon', coordinates: [[small], [big]] })).toEqual([2, 2]);
  });

  it('answers a zero-length line and a degenerate ring, and null for nothing', () => {
    expect(representativePoint({ type: 'LineString', coordinates: [[3, 4], [3, 4]] })).toEqual([3, 4]);
    expect(representativePoint({ type: 'Polygon', coordinates: [[[1, 1], [3, 1], [1, 1]]] })).toEqual([5 / 3, 1]);
    expect(representativePoint(null)).toBeNull();
    expect(representativePoint({ type: 'MultiPoint', coordinates: [] })).toBeNull();
    expect(representativePoint({ type: 'GeometryCollection', geometries: [{ type: 'MultiPoint', coordinates: [] }, { type: 'Point', coordinates: [7, 8] }] })).toEqual([7, 8]);
  });
});
