import { describe, expect, it } from 'vitest';
import type { Position } from 'geojson';
import { localProjection, type XY } from './geo.ts';
import { buildStreetGraph, routeBetween, shortestPath, snapToGraph } from './street-graph.ts';

/*
 * The fixture, in metres (y up):
 *
 *   D(0,100) ──── E(100,100)
 *   │          ╱  │
 *   │   diag ╱    │ L3 ends on L1's interior at B: a T-junction without a shared vertex
 *   │      ╱      │
 *   A(0,0) ────── B(100,0) ────── C(200,0)     L1 = A→C drawn as one straight segment
 */
const proj = localProjection(118.58, 24.8);
const ll = (p: XY): Position => proj.toLonLat(p);
const L1 = [ll([0, 0]), ll([200, 0])];
const L2 = [ll([0, 0]), ll([0, 100]), ll([100, 100])];
const L3 = [ll([100, 100]), ll([100, 0])];
const DIAG = [ll([0, 0]), ll([100, 100])];
const lines = [L1, L2, L3, DIAG];

const nodeAt = (g: ReturnType<typeof buildStreetGraph>, p: XY): number => {
  for (let i = 0; i < g.nodeCount; i++) if (Math.hypot((g.nodeXY[2 * i] as number) - p[0], (g.nodeXY[2 * i + 1] as number) - p[1]) < 0.01) return i;
  throw new Error(`no node at ${p.join(',')}`);
};

describe('buildStreetGraph', () => {
  it('merges shared vertices and splits L1 at the T-junction B', () => {
    const g = buildStreetGraph(lines, { projection: proj });
    expect(g.nodeCount).toBe(5); // A, B, C, D, E
    expect(g.edgeCount).toBe(6); // A-B, B-C, A-D, D-E, E-B, A-E
    expect(nodeAt(g, [100, 0])).toBeGreaterThanOrEqual(0);
  });
  it('snaps vertices within snap_m (0.3 m apart here)', () => {
    const g = buildStreetGraph([[ll([0, 0]), ll([50, 0])], [ll([50.3, 0]), ll([100, 0])]], { projection: proj });
    expect(g.nodeCount).toBe(3);
    const r = shortestPath(g, nodeAt(g, [0, 0]), nodeAt(g, [100, 0]));
    expect(r?.length_m).toBeCloseTo(100, 0);
  });
  it('flags only the edges lying along an excluded line, not side streets starting on it', () => {
    const g = buildStreetGraph(lines, { projection: proj, excluded: [L1] });
    const flagged = [...g.edgeExcluded.keys()].filter((e) => g.edgeExcluded[e]);
    expect(flagged.length).toBe(2); // A-B and B-C; E-B and A-E touch L1 only at one end
  });
});

describe('shortestPath', () => {
  it('takes the diagonal (141.4 m) from A to E', () => {
    const g = buildStreetGraph(lines, { projection: proj });
    const r = shortestPath(g, nodeAt(g, [0, 0]), nodeAt(g, [100, 100]));
    expect(r?.length_m).toBeCloseTo(141.42, 1);
    expect(r?.coordinates.length).toBe(2);
  });
  it('goes round by 200 m when the diagonal is excluded, and takes it again when allowed', () => {
    const g = buildStreetGraph(lines, { projection: proj, excluded: [DIAG] });
    expect(shortestPath(g, nodeAt(g, [0, 0]), nodeAt(g, [100, 100]))?.length_m).toBeCloseTo(200, 6);
    expect(shortestPath(g, nodeAt(g, [0, 0]), nodeAt(g, [100, 100]), { avoidExcluded: false })?.length_m).toBeCloseTo(141.42, 1);
  });
  it('reaches E through the T-junction only when lines are split there', () => {
    const split = buildStreetGraph(lines, { projection: proj, excluded: [DIAG, L2] });
    const r = shortestPath(split, nodeAt(split, [0, 0]), nodeAt(split, [100, 100]));
    expect(r?.length_m).toBeCloseTo(200, 6); // A → B → E
    const unsplit = buildStreetGraph(lines, { projection: proj, excluded: [DIAG, L2], splitAtEndpoints: false });
    expect(shortestPath(unsplit, nodeAt(unsplit, [0, 0]), nodeAt(unsplit, [100, 100]))).toBeNull();
  });
});

describe('routeBetween', () => {
  const g = buildStreetGraph(lines, { projection: proj });
  it('snaps both ends to the nearest edge and adds the partial edges', () => {
    // (50,-5) snaps to (50,0) on A-B; (104,60) snaps to (100,60) on E-B: 50 to B, then 60 up.
    const r = routeBetween(g, ll([50, -5]), ll([104, 60]));
    expect(r?.length_m).toBeCloseTo(110, 6);
    expect(r?.from.distance_m).toBeCloseTo(5, 6);
    expect(r?.to.distance_m).toBeCloseTo(4, 6);
  });
  it('runs straight along one edge when both ends snap to it', () => {
    expect(routeBetween(g, ll([120, 3]), ll([180, -2]))?.length_m).toBeCloseTo(60, 6);
  });
  it('finds no route when avoiding and an end fronts an excluded edge', () => {
    const blocked = buildStreetGraph(lines, { projection: proj, excluded: [L3] });
    expect(routeBetween(blocked, ll([50, -5]), ll([104, 60]))).toBeNull();
    expect(routeBetween(blocked, ll([50, -5]), ll([104, 60]), { avoidExcluded: false })?.length_m).toBeCloseTo(110, 6);
  });
  it('snapToGraph finds the nearest of several edges', () => {
    expect(snapToGraph(g, ll([2, 60]))?.distance_m).toBeCloseTo(2, 6);
  });
});

describe('excluded lines shorter than an edge', () => {
  it('split the edge at their ends, so only the covered stretch is excluded', () => {
    const road = [ll([0, 0]), ll([200, 0])];
    const lane = [ll([40, 0.5]), ll([60, 0.5])];
    const g = buildStreetGraph([road], { projection: proj, excluded: [lane] });
    expect(g.edgeCount).toBe(3);
    const flagged = [...g.edgeExcluded.keys()].filter((e) => g.edgeExcluded[e]);
    expect(flagged.map((e) => g.edgeLength[e])).toEqual([expect.closeTo(20, 6)]);
    expect(shortestPath(g, nodeAt(g, [0, 0]), nodeAt(g, [200, 0]))).toBeNull();
    expect(shortestPath(g, nodeAt(g, [0, 0]), nodeAt(g, [200, 0]), { avoidExcluded: false })?.length_m).toBeCloseTo(200, 6);
  });
});
