import { describe, expect, it } from 'vitest';
import type { Hazard } from '../../sources/contract/index.ts';
import { darken } from '../palette.ts';
import { DEFAULT_PREMISES_PROPS, PREMISE_GROUP_COLORS } from './props.ts';
import { RISK_COLORS } from './risk.ts';
import {
  premiseColor, premiseFillColor, premiseIconName, premiseIconPixels, premiseLineColor, premiseSymbolPixels, symbolDrawOrder,
  type PremiseFeature,
} from './style.ts';
import { SYMBOL_ATLAS } from './symbols.ts';

const NOW = new Date('2026-11-27T08:00:00+08:00');
const hazard = (severity: Hazard['severity'], deadline?: string): Hazard => ({
  id: `H-${severity}-${deadline ?? ''}`, type: 'other', severity, status: 'open', found_at: '2026-01-01', ...(deadline ? { deadline } : {}),
});
const OVERDUE_MAJOR = hazard('major', '2026-11-20');
const premise = (id: string, more: Partial<PremiseFeature['properties']> = {}, polygon = false): PremiseFeature => ({
  type: 'Feature',
  properties: { id, name: id, categories: ['factory'], ...more },
  geometry: polygon ? { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] } : { type: 'Point', coordinates: [0, 0] },
});

describe('colour', () => {
  it('by risk: an overdue major hazard is high, no hazard is none', () => {
    expect(premiseColor(premise('a', { hazards: [OVERDUE_MAJOR] }), { now: NOW })).toEqual(RISK_COLORS.high);
    expect(premiseColor(premise('b'), { now: NOW })).toEqual(RISK_COLORS.none);
    expect(premiseColor(premise('c', { hazards: [hazard('general', '2026-11-26')] }), { now: NOW })).toEqual(RISK_COLORS.medium);
  });

  it('by category: the group colour, hazards or not', () => {
    const school = premise('s', { categories: ['school'], hazards: [OVERDUE_MAJOR] });
    expect(premiseColor(school, { now: NOW, colorBy: 'category' })).toEqual(PREMISE_GROUP_COLORS.people_at_risk);
  });

  it('is opaque on points, translucent on footprints; footprint outlines by group', () => {
    const f = premise('a', { hazards: [OVERDUE_MAJOR] });
    expect(premiseFillColor(f, { now: NOW })).toEqual([...RISK_COLORS.high, 255]);
    expect(premiseFillColor(premise('a', {}, true), { now: NOW, areaAlpha: 99 })).toEqual([...RISK_COLORS.none, 99]);
    expect(premiseLineColor(premise('h', { categories: ['warehouse'] }, true))).toEqual(darken(PREMISE_GROUP_COLORS.industrial, DEFAULT_PREMISES_PROPS.outlineDarken));
  });
});

describe('size', () => {
  const withEmployees = (employees: number | undefined, key_unit = false) => premise('e', { ...(employees === undefined ? {} : { employees }), key_unit });

  it('grows with the log of employees from 8 to 16 pixels, clamped', () => {
    expect(premiseSymbolPixels(withEmployees(undefined))).toBe(8);
    expect(premiseSymbolPixels(withEmployees(0))).toBe(8);
    expect(premiseSymbolPixels(withEmployees(31))).toBeCloseTo(8 + (8 * Math.log(32)) / Math.log(1001), 6); // ≈ 12.0
    expect(premiseSymbolPixels(withEmployees(1000))).toBe(16);
    expect(premiseSymbolPixels(withEmployees(50_000))).toBe(16);
  });

  it('is one step (4 px) larger for a key unit, whatever sizeBy says', () => {
    expect(premiseSymbolPixels(withEmployees(31, true)) - premiseSymbolPixels(withEmployees(31))).toBeCloseTo(4, 9);
    expect(premiseSymbolPixels(withEmployees(500), { sizeBy: 'none' })).toBe(8);
    expect(premiseSymbolPixels(withEmployees(500, true), { sizeBy: 'none' })).toBe(12);
  });

  it('draws a key unit with the ringed icon in a larger cell', () => {
    const plain = withEmployees(31);
    const key = withEmployees(31, true);
    expect(premiseIconName(plain, 'fill')).toBe('industrial');
    expect(premiseIconName(key, 'outline')).toBe('industrial.key.outline');
    expect(premiseIconPixels(plain)).toBeCloseTo(premiseSymbolPixels(plain) / (SYMBOL_ATLAS.entries['industrial']?.shapeFraction ?? 0), 9);
    expect(premiseIconPixels(key)).toBeGreaterThan(premiseIconPixels(plain) + 4);
  });
});

describe('symbolDrawOrder', () => {
  const high = premise('high', { hazards: [OVERDUE_MAJOR] });
  const none = premise('none');
  const noneKey = premise('none-key', { key_unit: true });
  const school = premise('school', { categories: ['school'] });
  const features = [high, noneKey, none, school];

  it('puts high risk last (on top) and key units above their rank, keeping input order otherwise', () => {
    expect(symbolDrawOrder(features, { now: NOW }).map((f) => f.properties.id)).toEqual(['none', 'school', 'none-key', 'high']);
  });

  it('by category: the most urgent group last', () => {
    expect(symbolDrawOrder(features, { now: NOW, colorBy: 'category' }).at(-1)).toBe(school);
  });

  it('is the same array for the same data, day and colouring', () => {
    const a = symbolDrawOrder(features, { now: NOW });
    expect(symbolDrawOrder(features, { now: new Date(NOW.getTime() + 3_600_000) })).toBe(a);
    expect(symbolDrawOrder(features, { now: new Date(NOW.getTime() + 86_400_000) })).not.toBe(a);
  });
});
