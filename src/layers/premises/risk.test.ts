import { describe, expect, it } from 'vitest';
import type { Hazard } from '../../sources/contract/index.ts';
import { luminance } from '../palette-extra.ts';
import { PREMISES_LAYER_ID } from './index.ts';
import {
  DEFAULT_PREMISES_RISK_STYLE, RISK_COLORS, RISK_LEVELS, premiseRisk, premiseRiskFillColor, premiseRiskLineColor, premisesRiskLegend,
  type PremiseFeature,
} from './risk.ts';

const NOW = new Date('2026-11-27T08:00:00+08:00');
let n = 0;
const h = (severity: Hazard['severity'], status: Hazard['status'], deadline?: string): Hazard => ({
  id: `H${++n}`, type: 'other', severity, status, found_at: '2026-01-01', ...(deadline ? { deadline } : {}),
});
const premise = (hazards: Hazard[] | undefined, point = true): PremiseFeature => ({
  type: 'Feature',
  properties: { id: 'P', name: 'P', categories: ['factory'], ...(hazards ? { hazards } : {}) },
  geometry: point ? { type: 'Point', coordinates: [0, 0] } : { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] },
});
const PAST = '2026-11-26';
const TODAY = '2026-11-27';
const FUTURE = '2026-12-31';

describe('premiseRisk', () => {
  it('is none without open hazards', () => {
    expect(premiseRisk(premise(undefined), NOW)).toEqual({ openHazards: 0, major: 0, overdue: 0, level: 'none' });
    expect(premiseRisk(premise([h('major', 'closed', PAST)]), NOW).level).toBe('none');
  });

  it('is low with open general hazards in time', () => {
    expect(premiseRisk(premise([h('general', 'open'), h('general', 'rectifying', TODAY)]), NOW)).toEqual({ openHazards: 2, major: 0, overdue: 0, level: 'low' });
  });

  it('is medium with a larger hazard, an overdue general one, or many open ones', () => {
    expect(premiseRisk(premise([h('larger', 'rectifying', FUTURE)]), NOW).level).toBe('medium');
    expect(premiseRisk(premise([h('general', 'open', PAST)]), NOW)).toEqual({ openHazards: 1, major: 0, overdue: 1, level: 'medium' });
    expect(premiseRisk(premise([h('general', 'open'), h('general', 'open'), h('general', 'open')]), NOW).level).toBe('medium');
    expect(premiseRisk(premise([h('general', 'open'), h('general', 'open'), h('general', 'open')]), NOW, { mediumOpenCount: 4 }).level).toBe('low');
  });

  it('is high with an open major hazard or an overdue larger one', () => {
    expect(premiseRisk(premise([h('major', 'rectifying', FUTURE)]), NOW)).toEqual({ openHazards: 1, major: 1, overdue: 0, level: 'high' });
    expect(premiseRisk(premise([h('larger', 'open', PAST)]), NOW).level).toBe('high');
  });

  it('judges overdue on the Beijing date of now (the deadline day is still in time)', () => {
    const p = premise([h('larger', 'open', TODAY)]);
    expect(premiseRisk(p, NOW).level).toBe('medium');
    expect(premiseRisk(p, new Date('2026-11-27T16:00:00Z')).level).toBe('high'); // 00:00 on the 28th in Beijing
  });
});

describe('risk colours and legend', () => {
  it('colour points opaque and areas translucent, outline darker', () => {
    const p = premise([h('major', 'open')]);
    expect(premiseRiskFillColor(p, NOW)).toEqual([...RISK_COLORS.high, 255]);
    expect(premiseRiskFillColor(premise([h('major', 'open')], false), NOW)[3]).toBe(DEFAULT_PREMISES_RISK_STYLE.areaAlpha);
    expect(luminance(premiseRiskLineColor(p, NOW))).toBeLessThan(luminance(RISK_COLORS.high));
  });

  it('use a ramp that darkens with the level (readable without hue)', () => {
    const ramp = (['low', 'medium', 'high'] as const).map((l) => luminance(RISK_COLORS[l]));
    for (let i = 1; i < ramp.length; i++) expect(ramp[i]).toBeLessThan((ramp[i - 1] as number) * 0.7);
  });

  it('legend: the premises layer, most serious first, translatable labels', () => {
    const legend = premisesRiskLegend();
    expect(legend.layerId).toBe(PREMISES_LAYER_ID);
    expect(legend.items.map((i) => i.id)).toEqual([...RISK_LEVELS].reverse());
    for (const item of legend.items) expect(item.label).toEqual({ key: `premises.risk.${item.id}` });
    expect(new Set(legend.items.map((i) => i.fill.join())).size).toBe(4);
  });
});
