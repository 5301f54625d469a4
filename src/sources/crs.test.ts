import { distance, point } from '@turf/turf';
import gcoord from 'gcoord';
import type { Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { crsFromLabel, geometryToWgs84, positionToWgs84 } from './crs.ts';

const metres = (a: Position, b: Position): number => distance(point(a), point(b), { units: 'meters' });
const QUANZHOU: Position = [118.58, 24.8];

describe('CRS conversion to WGS-84', () => {
  it('knows the GCJ-02 offset near Quanzhou (about +0.004–0.005° longitude, −0.003° latitude, several hundred metres)', () => {
    const [lon = 0, lat = 0] = gcoord.transform([118.58, 24.8], gcoord.WGS84, gcoord.GCJ02);
    expect(lon - 118.58).toBeGreaterThan(0.004);
    expect(lon - 118.58).toBeLessThan(0.0055);
    expect(lat - 24.8).toBeLessThan(-0.0025);
    expect(lat - 24.8).toBeGreaterThan(-0.0035);
    expect(metres(QUANZHOU, [lon, lat])).toBeGreaterThan(300);
  });

  it('brings GCJ-02 back to WGS-84 within 1 m', () => {
    for (const wgs of [QUANZHOU, [116.397, 39.909], [121.4737, 31.2304], [113.2644, 23.1291], [87.6168, 43.8256]] as Position[]) {
      const gcj = gcoord.transform([wgs[0] ?? 0, wgs[1] ?? 0], gcoord.WGS84, gcoord.GCJ02);
      expect(metres(positionToWgs84(gcj, 'GCJ02'), wgs)).toBeLessThan(1);
    }
  });

  it('brings BD-09 back to WGS-84 within 1 m', () => {
    for (const wgs of [QUANZHOU, [116.397, 39.909], [121.4737, 31.2304]] as Position[]) {
      const bd = gcoord.transform([wgs[0] ?? 0, wgs[1] ?? 0], gcoord.WGS84, gcoord.BD09);
      expect(metres(bd, wgs)).toBeGreaterThan(300);
      expect(metres(positionToWgs84(bd, 'BD09'), wgs)).toBeLessThan(1);
    }
  });

  it('takes WGS84 and CGCS2000 as they are (they differ by centimetres)', () => {
    expect(positionToWgs84(QUANZHOU, 'WGS84')).toEqual(QUANZHOU);
    expect(positionToWgs84(QUANZHOU, 'CGCS2000')).toEqual(QUANZHOU);
  });

  it('leaves positions outside China alone (GCJ-02 equals WGS-84 there)', () => {
    expect(positionToWgs84([2.35, 48.85], 'GCJ02')).toEqual([2.35, 48.85]);
  });

  it('converts every position of a geometry into a new object', () => {
    const ring: Position[] = [[118.58, 24.8], [118.581, 24.8], [118.581, 24.801], [118.58, 24.8]];
    const gcjRing = ring.map((p) => gcoord.transform([p[0] ?? 0, p[1] ?? 0], gcoord.WGS84, gcoord.GCJ02));
    const input = { type: 'MultiPolygon' as const, coordinates: [[gcjRing]] };
    const output = geometryToWgs84(input, 'GCJ02');
    expect(output).not.toBe(input);
    expect(input.coordinates[0]?.[0]).toEqual(gcjRing);
    output.coordinates[0]?.[0]?.forEach((p, i) => expect(metres(p, ring[i] ?? [])).toBeLessThan(1));
  });
});

describe('crsFromLabel', () => {
  it.each([
    ['WGS84', 'WGS84'], ['EPSG:4326', 'WGS84'], ['wgs 84', 'WGS84'], ['CGCS2000', 'CGCS2000'], ['EPSG:4490', 'CGCS2000'], ['国家2000', 'CGCS2000'],
    ['GCJ02', 'GCJ02'], ['gcj-02', 'GCJ02'], ['火星坐标', 'GCJ02'], ['高德', 'GCJ02'], ['BD09', 'BD09'], ['bd09ll', 'BD09'], ['百度坐标', 'BD09'],
  ])('reads %s as %s', (label, crs) => {
    expect(crsFromLabel(label)).toBe(crs);
  });
  it('returns undefined for systems the viewer cannot convert', () => {
    expect(crsFromLabel('EPSG:3857')).toBeUndefined();
    expect(crsFromLabel('UTM 50N')).toBeUndefined();
    expect(crsFromLabel(undefined)).toBeUndefined();
  });
});
