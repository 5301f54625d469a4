import { existsSync } from 'node:fs';
import { join } from 'node:path';
import Flatbush from 'flatbush';
import type { LineString, Point, Polygon, Position } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  localProjection, pointInPolygonXY, pointPolygonDistanceXY, pointSegmentDistance, polygonDistanceXY, projectLine, projectPolygons, segmentSegmentDistance, type XY,
} from '../src/analysis/geo.ts';
import { KINDS, isKind, type Kind } from '../src/sources/contract/kinds.ts';
import type { Hazard } from '../src/sources/contract/types.ts';
import { contractProblems, generateTmp, positions, readFeatures, readPlatform, type AnyFeature, type Generated } from './demo-helpers.ts';

let g: Generated;
const files: Partial<Record<Kind, AnyFeature[]>> = {};
const proj = localProjection(118.58, 24.8);
const all = (k: Kind): AnyFeature[] => files[k] ?? [];

beforeAll(() => {
  g = generateTmp();
  for (const s of g.manifest.sources) files[s.kind] = s.crs === 'WGS84' ? readFeatures(g.dir, s.path) : readPlatform(g.dir, s);
});
afterAll(() => g.cleanup());

describe('manifest', () => {
  it('names one existing file per kind with the refresh cadence of its source', () => {
    expect(g.manifest.version).toBe(1);
    expect(g.manifest.bbox).toEqual(g.meta.bbox);
    const kinds = g.manifest.sources.map((s) => s.kind).sort();
    expect(kinds).toEqual([...Object.keys(KINDS)].sort());
    for (const s of g.manifest.sources) {
      expect(isKind(s.kind)).toBe(true);
      expect(existsSync(join(g.dir, s.path)), s.path).toBe(true);
      const expected = s.kind === 'alarms' ? [30, 30] : s.kind === 'sensors' ? [60, 60] : [300, 3600];
      expect(s.refresh_s).toBeGreaterThanOrEqual(expected[0] as number);
      expect(s.refresh_s).toBeLessThanOrEqual(expected[1] as number);
      expect(s.crs).toBe(s.path.startsWith('iot/') ? 'GCJ02' : 'WGS84');
      for (const target of Object.values(s.mapping?.fields ?? {})) expect(Object.keys(KINDS[s.kind].fields), target).toContain(target);
    }
  });
});

describe('contract conformance', () => {
  it('every feature has the required fields with valid values (IoT read through the mapping)', () => {
    for (const kind of Object.keys(KINDS) as Kind[]) {
      const problems = all(kind).flatMap((f) => contractProblems(kind, f.properties, kind === 'sensors' ? ['安装位置'] : []));
      expect(problems.slice(0, 5), kind).toEqual([]);
      for (const f of all(kind)) expect(KINDS[kind].geometry, kind).toContain(f.geometry.type);
    }
  });

  it('ids are unique within each kind', () => {
    for (const kind of Object.keys(KINDS) as Kind[]) {
      const ids = all(kind).map((f) => f.properties[KINDS[kind].idField]);
      expect(new Set(ids).size, kind).toBe(ids.length);
    }
  });

  it('all coordinates lie inside the bbox (IoT after GCJ-02 → WGS-84)', () => {
    const [w, s, e, n] = g.meta.bbox;
    for (const kind of Object.keys(KINDS) as Kind[]) {
      const outside = all(kind).flatMap((f) => positions(f.geometry)).filter(([x, y]) => !((x as number) >= w && (x as number) <= e && (y as number) >= s && (y as number) <= n));
      expect(outside.length, kind).toBe(0);
      expect(all(kind).flatMap((f) => positions(f.geometry)).length, kind).toBeGreaterThan(0);
    }
    // The district is about 4–6 km² around 24.80 N, 118.58 E.
    const [x0, y0] = proj.toXY([w, s]);
    const [x1, y1] = proj.toXY([e, n]);
    expect(((x1 - x0) * (y1 - y0)) / 1e6).toBeGreaterThan(4);
    expect(((x1 - x0) * (y1 - y0)) / 1e6).toBeLessThan(6.5);
  });
});

describe('plausible counts at 1×', () => {
  it.each([
    ['buildings', 2000, 6000], ['premises', 700, 2000], ['roads', 100, 600], ['hydrants', 200, 600], ['fire_lanes', 25, 100],
    ['grids', 25, 60], ['stations', 5, 20], ['hazard_areas', 3, 8], ['sensors', 500, 3000], ['alarms', 7000, 14000],
  ] as const)('%s: %i–%i', (kind, lo, hi) => {
    expect(all(kind).length).toBeGreaterThanOrEqual(lo);
    expect(all(kind).length).toBeLessThanOrEqual(hi);
  });

  it('has 5–7 communities, one street office, and realistic shares', () => {
    expect(g.meta.communities.length).toBeGreaterThanOrEqual(5);
    expect(g.meta.communities.length).toBeLessThanOrEqual(7);
    expect(g.meta.street_office).toMatch(/街道$/);
    const lanes = all('fire_lanes');
    const notClear = lanes.filter((l) => l.properties.status !== 'clear').length / lanes.length;
    expect(notClear).toBeGreaterThan(0.1);
    expect(notClear).toBeLessThan(0.35);
    const hydrants = all('hydrants');
    const out = hydrants.filter((h) => h.properties.status !== 'in_service').length / hydrants.length;
    expect(out).toBeGreaterThan(0.05);
    expect(out).toBeLessThan(0.2);
    const keyUnits = all('premises').filter((p) => p.properties.key_unit);
    const connected = keyUnits.filter((p) => p.properties.iot_connected).length / keyUnits.length;
    expect(connected).toBeGreaterThanOrEqual(0.5);
    expect(connected).toBeLessThanOrEqual(0.65);
    expect(all('buildings').filter((b) => (b.properties.height_m as number) > 27 && b.properties.use === 'residential').length).toBeGreaterThan(10);
    expect(all('stations').map((s) => s.properties.kind)).toEqual(expect.arrayContaining(['fire_station', 'micro_station', 'fulltime_brigade']));
    expect(all('roads').map((r) => r.properties.class)).toEqual(expect.arrayContaining(['arterial', 'collector', 'local', 'alley', 'service']));
  });

  it('phones are fake mobile numbers shaped 1xx-xxxx-xxxx', () => {
    const phones = [...all('premises').map((p) => p.properties.phone), ...all('grids').map((c) => c.properties.worker_phone)].filter((x) => x !== undefined);
    expect(phones.length).toBeGreaterThan(500);
    for (const p of phones) expect(p).toMatch(/^1\d{2}-\d{4}-\d{4}$/);
  });
});

describe('hazard lifecycle', () => {
  const hazards = (): Hazard[] => all('premises').flatMap((p) => (p.properties.hazards as Hazard[] | undefined) ?? []);
  it('dates are in order and closed hazards carry a closing date', () => {
    const asOf = g.meta.as_of;
    for (const h of hazards()) {
      expect(h.found_at >= '2024-01-01' && h.found_at < asOf, h.id).toBe(true);
      if (h.deadline) expect(h.deadline >= h.found_at, h.id).toBe(true);
      expect(h.status === 'closed', h.id).toBe(h.closed_at !== undefined);
      if (h.closed_at) expect(h.closed_at >= h.found_at && h.closed_at < asOf, h.id).toBe(true);
      for (const a of h.enforcement ?? []) expect(a.date >= h.found_at && a.date < asOf, h.id).toBe(true);
    }
  });
  it('mostly closed, some rectifying, some open, some overdue, a few major', () => {
    const hs = hazards();
    const share = (f: (h: Hazard) => boolean): number => hs.filter(f).length / hs.length;
    expect(share((h) => h.status === 'closed')).toBeGreaterThan(0.6);
    expect(share((h) => h.status === 'rectifying')).toBeGreaterThan(0.02);
    expect(share((h) => h.status === 'open')).toBeGreaterThan(0.01);
    expect(share((h) => h.status !== 'closed' && (h.deadline ?? '9999') < g.meta.as_of)).toBeGreaterThan(0.02);
    expect(share((h) => h.severity === 'major')).toBeGreaterThan(0.01);
    expect(share((h) => h.severity === 'major')).toBeLessThan(0.15);
    expect(hs.some((h) => h.enforcement?.some((a) => a.type === 'fine' && (a.amount_cny ?? 0) > 0))).toBe(true);
  });
});

describe('IoT platform export', () => {
  it('puts each device on or near the premises it belongs to', () => {
    const premises = new Map(all('premises').map((p) => [p.properties.id, p]));
    let checked = 0;
    for (const s of all('sensors')) {
      const p = premises.get(s.properties.premise_id);
      if (!p) continue;
      const xy = proj.toXY((s.geometry as Point).coordinates);
      const d = p.geometry.type === 'Point' ? Math.hypot(xy[0] - proj.toXY((p.geometry as Point).coordinates)[0], xy[1] - proj.toXY((p.geometry as Point).coordinates)[1])
        : Math.min(...projectPolygons(p.geometry as Polygon, proj).map((rings) => pointPolygonDistanceXY(xy, rings)));
      expect(d, String(s.properties.id)).toBeLessThan(p.geometry.type === 'Point' ? 60 : 1);
      checked++;
    }
    expect(checked).toBeGreaterThan(300);
  });
  it('alarms fall in the 30 days before the as-of moment; old ones handled, some recent ones not', () => {
    const now = Date.parse(g.meta.as_of_time);
    const alarms = all('alarms');
    for (const a of alarms) {
      const t = Date.parse(String(a.properties.time));
      expect(t).toBeLessThanOrEqual(now);
      expect(t).toBeGreaterThanOrEqual(now - 30 * 86_400_000);
    }
    const recentOpen = alarms.filter((a) => Date.parse(String(a.properties.time)) > now - 86_400_000 && !a.properties.acknowledged);
    expect(recentOpen.length).toBeGreaterThan(5);
    expect(alarms.filter((a) => a.properties.acknowledged).length / alarms.length).toBeGreaterThan(0.85);
    expect(new Set(alarms.map((a) => a.properties.level))).toEqual(new Set(['warning', 'alarm', 'fire']));
  });
});

describe('geometry sanity', () => {
  const rings = (): XY[][] => all('buildings').map((b) => projectPolygons(b.geometry as Polygon, proj)[0]?.[0] as XY[]);
  const index = (rs: XY[][]): Flatbush => {
    const idx = new Flatbush(rs.length);
    for (const r of rs) idx.add(Math.min(...r.map((p) => p[0])), Math.min(...r.map((p) => p[1])), Math.max(...r.map((p) => p[0])), Math.max(...r.map((p) => p[1])));
    idx.finish();
    return idx;
  };

  it('no two buildings overlap, and no road runs through a building', () => {
    const rs = rings();
    const idx = index(rs);
    let overlaps = 0;
    rs.forEach((r, i) => {
      const [x0, y0, x1, y1] = [Math.min(...r.map((p) => p[0])), Math.min(...r.map((p) => p[1])), Math.max(...r.map((p) => p[0])), Math.max(...r.map((p) => p[1]))];
      for (const j of idx.search(x0, y0, x1, y1)) if (j > i && polygonDistanceXY([r], [rs[j] as XY[]]) === 0) overlaps++;
    });
    expect(overlaps).toBe(0);
    let through = 0;
    for (const road of all('roads')) {
      const pts = projectLine((road.geometry as LineString).coordinates, proj);
      const half = (road.properties.width_m as number) / 2;
      for (let k = 0; k + 1 < pts.length; k++) {
        const a = pts[k] as XY, b = pts[k + 1] as XY;
        for (const j of idx.search(Math.min(a[0], b[0]) - half, Math.min(a[1], b[1]) - half, Math.max(a[0], b[0]) + half, Math.max(a[1], b[1]) + half)) {
          const r = rs[j] as XY[];
          const edge = Math.min(...r.map((p, q) => segmentSegmentDistance(a, b, p, r[(q + 1) % r.length] as XY)));
          if (edge < half - 0.3 || pointInPolygonXY(a, [r])) through++;
        }
      }
    }
    expect(through).toBe(0);
  });

  it('every obstacle lies on its lane', () => {
    for (const lane of all('fire_lanes')) {
      const pts = projectLine((lane.geometry as LineString).coordinates, proj);
      for (const o of (lane.properties.obstacles as { lon: number; lat: number }[] | undefined) ?? []) {
        const p = proj.toXY([o.lon, o.lat]);
        const d = Math.min(...pts.slice(1).map((q, k) => pointSegmentDistance(p, pts[k] as XY, q)));
        expect(d, String(lane.properties.id)).toBeLessThan(1);
      }
    }
  });

  it('grid_id and community agree with point-in-polygon on the grid cells', () => {
    const cells = all('grids').map((c) => ({ id: c.properties.grid_id, community: c.properties.community, rings: projectPolygons(c.geometry as Polygon, proj)[0] as XY[][] }));
    for (const p of all('premises')) {
      const at = p.geometry.type === 'Point' ? proj.toXY((p.geometry as Point).coordinates) : centroidOf((p.geometry as Polygon).coordinates[0] as Position[]);
      const hit = cells.filter((c) => pointInPolygonXY(at, c.rings));
      expect(hit.length, String(p.properties.id)).toBeLessThanOrEqual(1);
      expect(hit[0]?.id, String(p.properties.id)).toBe(p.properties.grid_id);
      if (hit[0]) expect(hit[0].community).toBe(p.properties.community);
    }
  });
});

function centroidOf(ring: Position[]): XY {
  const pts = ring.slice(0, -1).map((p) => proj.toXY(p));
  return [pts.reduce((s, p) => s + p[0], 0) / pts.length, pts.reduce((s, p) => s + p[1], 0) / pts.length];
}

