import { describe, expect, it } from 'vitest';
import { distance as haversineKm } from 'geokdbush';
import {
  localProjection, pointInPolygonXY, pointPolygonDistanceMeters, pointPolygonDistanceXY, polygonDistanceMeters,
  polygonDistanceXY, ringAreaXY, ringCentroidXY, segmentSegmentDistance, type XY,
} from './geo.ts';
import type { Polygon } from 'geojson';

const square = (x: number, y: number, size: number): XY[] => [[x, y], [x + size, y], [x + size, y + size], [x, y + size]];

describe('localProjection', () => {
  const proj = localProjection(118.58, 24.8);
  it('gives ellipsoidal metres per degree, within 0.5 % of the spherical great circle', () => {
    const [x] = proj.toXY([118.59, 24.8]);
    const [, y] = proj.toXY([118.58, 24.81]);
    expect(x).toBeCloseTo(1011.1, 0); // 0.01° of longitude at 24.8° N
    expect(y).toBeCloseTo(1107.7, 0); // 0.01° of latitude
    // The sphere (R = 6371 km) overstates the meridian degree at 25° N by about 0.4 %.
    expect(Math.abs(x / (haversineKm(118.58, 24.8, 118.59, 24.8) * 1000) - 1)).toBeLessThan(0.005);
    expect(Math.abs(y / (haversineKm(118.58, 24.8, 118.58, 24.81) * 1000) - 1)).toBeLessThan(0.005);
  });
  it('round-trips', () => {
    const p = proj.toLonLat(proj.toXY([118.6012345, 24.7812345]));
    expect(p[0]).toBeCloseTo(118.6012345, 10);
    expect(p[1]).toBeCloseTo(24.7812345, 10);
  });
});

describe('segment and polygon distances', () => {
  it('segments: crossing 0, parallel 3, end to end 5', () => {
    expect(segmentSegmentDistance([0, 0], [10, 10], [0, 10], [10, 0])).toBe(0);
    expect(segmentSegmentDistance([0, 0], [10, 0], [0, 3], [10, 3])).toBe(3);
    expect(segmentSegmentDistance([0, 0], [10, 0], [13, 4], [20, 4])).toBe(5);
  });

  it('two 10 m squares 3 m apart side by side', () => {
    expect(polygonDistanceXY([square(0, 0, 10)], [square(13, 0, 10)])).toBe(3);
  });
  it('corner to corner is a 3-4-5 triangle', () => {
    expect(polygonDistanceXY([square(0, 0, 10)], [square(13, 14, 10)])).toBe(5);
  });
  it('overlapping, touching and containing polygons are 0 apart', () => {
    expect(polygonDistanceXY([square(0, 0, 10)], [square(5, 5, 10)])).toBe(0);
    expect(polygonDistanceXY([square(0, 0, 10)], [square(10, 0, 10)])).toBe(0);
    expect(polygonDistanceXY([square(0, 0, 30)], [square(10, 10, 2)])).toBe(0);
    expect(polygonDistanceXY([square(10, 10, 2)], [square(0, 0, 30)])).toBe(0);
  });
  it('a square inside the hole of a courtyard block is as far as the hole edge', () => {
    const courtyard = [square(0, 0, 30), square(10, 10, 10)];
    expect(polygonDistanceXY(courtyard, [square(13, 13, 2)])).toBe(3);
    expect(pointInPolygonXY([15, 15], courtyard)).toBe(false);
    expect(pointInPolygonXY([5, 5], courtyard)).toBe(true);
  });
  it('point to polygon: 0 inside, else to the nearest edge', () => {
    expect(pointPolygonDistanceXY([5, 5], [square(0, 0, 10)])).toBe(0);
    expect(pointPolygonDistanceXY([13, 14], [square(0, 0, 10)])).toBe(5);
  });
  it('area and centroid of a 10 × 20 rectangle', () => {
    const rect: XY[] = [[0, 0], [10, 0], [10, 20], [0, 20]];
    expect(ringAreaXY(rect)).toBe(200);
    expect(ringAreaXY([...rect].reverse())).toBe(-200);
    expect(ringCentroidXY(rect)).toEqual([5, 10]);
  });
});

describe('distances in metres from WGS-84 geometry', () => {
  const proj = localProjection(118.58, 24.8);
  const toPolygon = (ring: XY[]): Polygon => ({ type: 'Polygon', coordinates: [[...ring, ring[0] as XY].map((p) => proj.toLonLat(p))] });
  it('two buildings 6 m apart measure 6 m', () => {
    const a = toPolygon(square(0, 0, 12));
    const b = toPolygon(square(18, 0, 12));
    expect(polygonDistanceMeters(a, b)).toBeCloseTo(6, 3);
    expect(polygonDistanceMeters(a, b, proj)).toBeCloseTo(6, 6);
  });
  it('a hydrant 150 m east of a building', () => {
    expect(pointPolygonDistanceMeters(proj.toLonLat([162, 6]), toPolygon(square(0, 0, 12)), proj)).toBeCloseTo(150, 6);
  });
});
