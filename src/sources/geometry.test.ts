import { describe, expect, it } from 'vitest';
import type { GeometryType } from './contract/kinds.ts';
import { checkGeometry } from './geometry.ts';

interface Noted { severity: string; code: string; detail: string; params?: Record<string, string | number> }

function check(raw: unknown, allowed: GeometryType[] = ['Point', 'LineString', 'Polygon', 'MultiPolygon', 'MultiLineString', 'MultiPoint']) {
  const notes: Noted[] = [];
  const geometry = checkGeometry(raw, allowed, (severity, code, detail, params) => notes.push({ severity, code, detail, ...(params ? { params } : {}) }));
  return { geometry, notes, codes: notes.map((n) => `${n.severity}:${n.code}`) };
}

const square = [[118.578, 24.798], [118.582, 24.798], [118.582, 24.8], [118.578, 24.8], [118.578, 24.798]];

describe('checkGeometry: refused', () => {
  it('refuses a missing geometry', () => {
    expect(check(null).codes).toEqual(['error:geometry.missing']);
    expect(check(undefined).geometry).toBeNull();
  });

  it('refuses a type the kind does not allow, naming both', () => {
    const { geometry, notes } = check({ type: 'LineString', coordinates: [[118.5, 24.8], [118.6, 24.8]] }, ['Point']);
    expect(geometry).toBeNull();
    expect(notes[0]).toMatchObject({ code: 'geometry.type', params: { found: 'LineString', allowed: 'Point' } });
    expect(notes[0]?.detail).toContain('wrong geometry type for the kind');
    expect(check({ type: 'GeometryCollection', geometries: [] }).codes).toEqual(['error:geometry.type']);
    expect(check('POINT(118 24)').codes).toEqual(['error:geometry.type']);
  });

  it.each([
    [{ type: 'Point', coordinates: ['NaN', 24.8] }],
    [{ type: 'Point', coordinates: [null, 24.8] }],
    [{ type: 'Point', coordinates: [118.5] }],
    [{ type: 'Point', coordinates: 'x' }],
    [{ type: 'LineString', coordinates: [[118.5, 24.8], [118.6, 'abc']] }],
    [{ type: 'Polygon', coordinates: [square.map(([x, y]) => ({ x, y }))] }],
  ])('refuses coordinates that are not numbers: %j', (raw) => {
    expect(check(raw).codes).toEqual(['error:geometry.coordinates']);
  });

  it('refuses positions out of range either way, and hints at projected metres', () => {
    expect(check({ type: 'Point', coordinates: [318.58, 124.8] }).codes).toEqual(['error:geometry.coordinates']);
    const projected = check({ type: 'Point', coordinates: [39512345.6, 2745678.9] });
    expect(projected.notes[0]?.detail).toContain('projected metres');
  });

  it('refuses rings with fewer than 4 positions after closing, or with no area', () => {
    const short = check({ type: 'Polygon', coordinates: [[[118.578, 24.798], [118.582, 24.798], [118.578, 24.798]]] });
    expect(short.codes).toEqual(['error:geometry.ring_degenerate']);
    expect(short.notes[0]?.params).toEqual({ ring: 'ring 0 (outer)', positions: 3 });
    const flat = check({ type: 'Polygon', coordinates: [[[118.578, 24.798], [118.58, 24.799], [118.582, 24.8], [118.578, 24.798]]] });
    expect(flat.codes).toEqual(['error:geometry.ring_degenerate']);
    expect(flat.notes[0]?.detail).toContain('no area');
    const badHole = check({ type: 'MultiPolygon', coordinates: [[square], [square, [[118.579, 24.799], [118.5795, 24.799]]]] });
    expect(badHole.codes).toEqual(['warning:geometry.ring_unclosed', 'error:geometry.ring_degenerate']);
    expect(badHole.notes[1]?.detail).toContain('polygon 1 ring 1');
  });

  it('refuses lines without two distinct positions and empty geometries', () => {
    expect(check({ type: 'LineString', coordinates: [[118.5, 24.8], [118.5, 24.8]] }).codes).toEqual(['error:geometry.line_degenerate']);
    expect(check({ type: 'LineString', coordinates: [] }).codes).toEqual(['error:geometry.empty']);
    expect(check({ type: 'MultiPolygon', coordinates: [] }).codes).toEqual(['error:geometry.empty']);
    expect(check({ type: 'Polygon', coordinates: [[]] }).codes).toEqual(['error:geometry.empty']);
  });
});

describe('checkGeometry: repaired', () => {
  it('keeps valid geometry as is, dropping altitudes', () => {
    expect(check({ type: 'Point', coordinates: [118.58, 24.8, 12] })).toEqual({ geometry: { type: 'Point', coordinates: [118.58, 24.8] }, notes: [], codes: [] });
    expect(check({ type: 'Polygon', coordinates: [square] }).geometry).toEqual({ type: 'Polygon', coordinates: [square] });
  });

  it('closes an unclosed ring, with a warning', () => {
    const { geometry, codes, notes } = check({ type: 'Polygon', coordinates: [square.slice(0, 4)] });
    expect(codes).toEqual(['warning:geometry.ring_unclosed']);
    expect(notes[0]?.params).toEqual({ ring: 'ring 0 (outer)' });
    expect(geometry).toEqual({ type: 'Polygon', coordinates: [square] });
  });

  it('swaps latitude/longitude back and says so once per feature', () => {
    const swapped = square.map(([x, y]) => [y, x]);
    const { geometry, notes } = check({ type: 'Polygon', coordinates: [swapped] });
    expect(geometry).toEqual({ type: 'Polygon', coordinates: [square] });
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ code: 'geometry.swapped', params: { swapped: 5, total: 5 } });
    expect(notes[0]?.detail).toContain('all 5 positions');
  });

  it('counts partly swapped features', () => {
    const { geometry, notes } = check({ type: 'LineString', coordinates: [[118.5, 24.8], [24.81, 118.51]] });
    expect(geometry).toEqual({ type: 'LineString', coordinates: [[118.5, 24.8], [118.51, 24.81]] });
    expect(notes[0]?.detail).toContain('1 of 2 positions');
  });

  it('reads coordinates written as text, with a warning', () => {
    const { geometry, codes } = check({ type: 'Point', coordinates: ['118.58', ' 24.8 '] });
    expect(geometry).toEqual({ type: 'Point', coordinates: [118.58, 24.8] });
    expect(codes).toEqual(['warning:geometry.coerced']);
  });

  it('does not mutate its input', () => {
    const raw = { type: 'Polygon', coordinates: [square.slice(0, 4).map(([x, y]) => [y, x])] };
    const copy = JSON.parse(JSON.stringify(raw));
    check(raw);
    expect(raw).toEqual(copy);
  });
});
