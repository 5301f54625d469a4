import type { Feature, LineString, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { boundaryLines, cellBoundaryLines, nodeSegments } from './boundaries.ts';

// Two unit squares side by side (A west, B east); B is split in two cells at y = 0.5 and its west edge
// is therefore cut where the split meets it, a T-junction on A's east edge.
const A: Position[] = [[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]];
const B: Position[] = [[1, 0], [2, 0], [2, 1], [1, 1], [1, 0]];
const B1: Position[] = [[1, 0], [2, 0], [2, 0.5], [1, 0.5], [1, 0]];
const B2: Position[] = [[1, 0.5], [2, 0.5], [2, 1], [1, 1], [1, 0.5]];

/** Every segment of the lines as a sorted key, to find one drawn twice. */
function segmentKeys(lines: readonly Feature<LineString>[]): string[] {
  return lines.flatMap((l) => l.geometry.coordinates.slice(1).map((p, i) => [String(l.geometry.coordinates[i]), String(p)].sort().join('|')));
}
const lengthOf = (lines: readonly Feature<LineString>[]): number =>
  lines.reduce((s, l) => s + l.geometry.coordinates.slice(1).reduce((t, p, i) => t + Math.hypot(p[0]! - l.geometry.coordinates[i]![0]!, p[1]! - l.geometry.coordinates[i]![1]!), 0), 0);

describe('boundary lines from outlines', () => {
  it('splits a segment where another outline has a vertex on it', () => {
    const segs = nodeSegments([{ ring: A, owner: 0 }, { ring: B1, owner: 1 }, { ring: B2, owner: 2 }]);
    // A's east edge (1,0)–(1,1) is cut at (1,0.5); both halves are shared with one of B's cells.
    const east = segs.filter((s) => s.a[0] === 1 && s.b[0] === 1);
    expect(east).toHaveLength(2);
    for (const s of east) expect(s.owners.sort()).toHaveLength(2);
    // A: 3 edges + 2 halves shared with B; B1: 3 more (south, east, split line); B2: 2 more (east, north).
    expect(segs).toHaveLength(10);
  });

  it('draws each shared segment once, as its most important outline', () => {
    const lines = boundaryLines([
      { rings: [[[0, 0], [2, 0], [2, 1], [0, 1], [0, 0]]], rank: 8, properties: { kind: 'administrative', admin_level: 8 } },
      { rings: [A], rank: 10, properties: { kind: 'administrative', admin_level: 10 } },
      { rings: [B], rank: 10, properties: { kind: 'administrative', admin_level: 10 } },
      { rings: [B1], rank: 100, properties: { kind: 'grid' } },
      { rings: [B2], rank: 100, properties: { kind: 'grid' } },
    ]);
    const keys = segmentKeys(lines);
    expect(new Set(keys).size).toBe(keys.length);
    const of = (p: Record<string, unknown>) => lines.filter((l) => JSON.stringify(l.properties) === JSON.stringify(p));
    // The outer rectangle (length 6) is one closed line; the community edge x = 1 (length 1) is one line;
    // the grid line y = 0.5 inside B (length 1) is the only grid line.
    expect(of({ kind: 'administrative', admin_level: 8 })).toHaveLength(1);
    expect(lengthOf(of({ kind: 'administrative', admin_level: 8 }))).toBeCloseTo(6);
    const closed = of({ kind: 'administrative', admin_level: 8 })[0]!.geometry.coordinates;
    expect(closed[0]).toEqual(closed[closed.length - 1]);
    expect(of({ kind: 'administrative', admin_level: 10 })).toHaveLength(1);
    expect(lengthOf(of({ kind: 'administrative', admin_level: 10 }))).toBeCloseTo(1);
    expect(lengthOf(of({ kind: 'grid' }))).toBeCloseTo(1);
    // In rank order: district, community, grid.
    expect(lines.map((l) => l.properties?.admin_level ?? 'grid')).toEqual([8, 10, 'grid']);
  });

  it('derives district, community and grid lines from cells alone', () => {
    const lines = cellBoundaryLines([
      { rings: [A], community: '一社区' },
      { rings: [B1], community: '二社区' },
      { rings: [B2], community: '二社区' },
    ]);
    const len = (admin: number | undefined) => lengthOf(lines.filter((l) => l.properties?.admin_level === admin));
    expect(len(8)).toBeCloseTo(6);
    expect(len(10)).toBeCloseTo(1);
    expect(len(undefined)).toBeCloseTo(1);
    expect(lines.filter((l) => l.properties?.kind === 'grid')).toHaveLength(1);
  });

  it('treats points within about 2 cm as on the segment, and no others', () => {
    const near: Position[] = [[1.0000001, 0.25], [1.5, 0.25], [1.5, 0.3], [1.0000001, 0.3], [1.0000001, 0.25]];
    const far: Position[] = [[1.00001, 0.6], [1.5, 0.6], [1.5, 0.7], [1.00001, 0.7], [1.00001, 0.6]];
    const segs = nodeSegments([{ ring: A, owner: 0 }, { ring: near, owner: 1 }, { ring: far, owner: 2 }]);
    const eastOfA = segs.filter((s) => s.owners.includes(0) && s.a[0]! > 0.99 && s.b[0]! > 0.99);
    // Cut at 0.25 and 0.3 (near), not at 0.6 or 0.7 (1 m off).
    expect(eastOfA).toHaveLength(3);
    expect([...new Set(eastOfA.flatMap((s) => [s.a[1], s.b[1]]))].sort()).toEqual([0, 0.25, 0.3, 1]);
  });
});
