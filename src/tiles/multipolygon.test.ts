import { describe, expect, it } from 'vitest';
import { joinRings, pointInRing, polygonFromRings } from './multipolygon.ts';

describe('joinRings', () => {
  it('joins ways end to end, reversing where needed', () => {
    // Square 1-2-3-4-1 split into three ways, the middle one drawn backwards.
    const { rings, open } = joinRings([[1, 2], [4, 3, 2], [4, 1]]);
    expect(open).toBe(0);
    expect(rings).toHaveLength(1);
    const ring = rings[0]!;
    expect(ring[0]).toBe(ring[ring.length - 1]);
    expect(new Set(ring)).toEqual(new Set([1, 2, 3, 4]));
    expect(ring).toHaveLength(5);
  });

  it('keeps closed ways as rings and counts chains that do not close', () => {
    const { rings, open } = joinRings([[10, 11, 12, 10], [1, 2, 3], [3, 4]]);
    expect(rings).toEqual([[10, 11, 12, 10]]);
    expect(open).toBe(1);
  });

  it('drops degenerate rings', () => {
    expect(joinRings([[1, 2, 1], [5]]).rings).toEqual([]);
  });
});

describe('polygonFromRings', () => {
  const box = (x: number, y: number, s: number): number[][] => [[x, y], [x + s, y], [x + s, y + s], [x, y + s], [x, y]];

  it('gives holes to the smallest outer ring containing them', () => {
    const big = box(0, 0, 10), small = box(2, 2, 4), far = box(20, 0, 5);
    const hole = box(3, 3, 1);
    const g = polygonFromRings([big, small, far], [hole, box(50, 50, 1)]);
    expect(g!.type).toBe('MultiPolygon');
    const polys = (g as { coordinates: number[][][][] }).coordinates;
    expect(polys[0]).toEqual([big]);
    expect(polys[1]).toEqual([small, hole]);
    expect(polys[2]).toEqual([far]); // the stray inner ring is dropped
  });

  it('makes a Polygon from one outer ring, null from none', () => {
    expect(polygonFromRings([box(0, 0, 1)], [])).toEqual({ type: 'Polygon', coordinates: [box(0, 0, 1)] });
    expect(polygonFromRings([], [box(0, 0, 1)])).toBeNull();
  });

  it('tests points against rings', () => {
    expect(pointInRing([1, 1], box(0, 0, 2))).toBe(true);
    expect(pointInRing([3, 1], box(0, 0, 2))).toBe(false);
  });
});
