import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoCollections, type DemoCollections } from '../../test/demo-collections.ts';
import { LAYER_DRAW_ORDER } from '../layers/catalog/index.ts';
import type { CollectionOf, FeatureOf, Hazard } from '../sources/contract/index.ts';
import { isOverdue } from '../sources/hazards.ts';
import {
  COUNT_STATUSES, NO_COMMUNITY, SEVERITIES, countPremiseHazards, countsByLayer, deriveFacts, hazardsByCommunity, obstacleCount,
  premiseHazardCounts, sumSeverities, type CommunityFacts,
} from './derive.ts';
import { applyFilter, emptyFilter, type Collections } from './filters.ts';

const NOW = new Date('2026-11-27T08:00:00+08:00');
let hid = 0;
const hz = (severity: Hazard['severity'], status: Hazard['status'], deadline?: string): Hazard => ({
  id: `H${++hid}`, type: 'other', severity, status, found_at: '2026-01-01', ...(deadline ? { deadline } : {}),
});
const premise = (id: string, community: string | undefined, hazards?: Hazard[], key_unit?: boolean): FeatureOf<'premises'> => ({
  type: 'Feature',
  properties: { id, name: id, categories: ['shop'], ...(community ? { community } : {}), ...(hazards ? { hazards } : {}), ...(key_unit ? { key_unit } : {}) },
  geometry: { type: 'Point', coordinates: [0, 0] },
});
const premises: CollectionOf<'premises'> = {
  type: 'FeatureCollection',
  features: [
    premise('A', '甲', [hz('major', 'open', '2026-11-01'), hz('general', 'closed')], true),
    premise('B', '甲', [hz('larger', 'rectifying', '2026-12-01')]),
    premise('C', '乙', [hz('general', 'open')]),
    premise('D', undefined),
  ],
};

describe('deriveFacts', () => {
  it('counts hazards per premise: open, rectifying, closed, overdue, open major', () => {
    const per = premiseHazardCounts(premises, NOW);
    expect(per.get('A')).toEqual({ total: 2, open: 1, rectifying: 0, closed: 1, overdue: 1, openMajor: 1 });
    expect(per.get('B')).toEqual({ total: 1, open: 0, rectifying: 1, closed: 0, overdue: 0, openMajor: 0 });
    expect(per.get('D')).toEqual({ total: 0, open: 0, rectifying: 0, closed: 0, overdue: 0, openMajor: 0 });
    expect(countPremiseHazards(premises.features[0] as FeatureOf<'premises'>, NOW)).toEqual(per.get('A'));
  });

  it('counts hazards by community × status × severity, premises without one under NO_COMMUNITY', () => {
    const facts = deriveFacts(premises, NOW);
    expect([...facts.byCommunity.keys()]).toEqual(['甲', '乙', NO_COMMUNITY]);
    const a = facts.byCommunity.get('甲') as CommunityFacts;
    expect(a).toMatchObject({ premises: 2, keyUnits: 1, premisesWithOpenHazards: 2, premisesWithOverdue: 1 });
    expect(a.hazards.open).toEqual({ general: 0, larger: 0, major: 1 });
    expect(a.hazards.rectifying).toEqual({ general: 0, larger: 1, major: 0 });
    expect(a.hazards.closed).toEqual({ general: 1, larger: 0, major: 0 });
    expect(a.hazards.overdue).toEqual({ general: 0, larger: 0, major: 1 });
    expect(facts.total.premises).toBe(4);
    expect(hazardsByCommunity(premises, NOW).get('乙')?.open.general).toBe(1);
    expect(facts.asOf).toBe('2026-11-27');
  });

  it('is cached per collection and Beijing date', () => {
    const a = deriveFacts(premises, NOW);
    expect(deriveFacts(premises, new Date('2026-11-27T23:00:00+08:00'))).toBe(a);
    const later = deriveFacts(premises, new Date('2026-12-05T08:00:00+08:00'));
    expect(later).not.toBe(a);
    expect(later.perPremise.get('B')?.overdue).toBe(1);
  });

  it('counts what each layer draws', () => {
    const collections: Collections = {
      premises,
      hydrants: { type: 'FeatureCollection', features: [
        { type: 'Feature', properties: { id: 'h1', status: 'in_service' }, geometry: { type: 'Point', coordinates: [0, 0] } },
        { type: 'Feature', properties: { id: 'h2', status: 'damaged' }, geometry: { type: 'Point', coordinates: [0, 0] } },
      ] },
      fire_lanes: { type: 'FeatureCollection', features: [
        { type: 'Feature', properties: { id: 'l1', status: 'blocked', obstacles: [{ type: 'stall', lon: 0, lat: 0 }, { type: 'stall', removed_at: '2026-01-01' }] },
          geometry: { type: 'LineString', coordinates: [[0, 0], [1, 1]] } },
      ] },
    };
    const counts = countsByLayer(collections);
    expect(Object.keys(counts).sort()).toEqual([...LAYER_DRAW_ORDER].sort());
    expect(counts).toMatchObject({ premises: 4, hydrants: 2, 'hydrant-rings': 1, 'fire-lanes': 1, alarms: 0, grids: 0 });
    expect(obstacleCount(collections.fire_lanes)).toBe(1);
    expect(obstacleCount(undefined)).toBe(0);
  });
});

// ---------------------------------------------------------------------------------------------
// The generated demo district

type Demo = DemoCollections;
const loadDemo = loadDemoCollections;

describe('deriveFacts on the demo district', () => {
  let demo: Demo;
  beforeAll(() => { demo = loadDemo(); });
  afterAll(() => demo.cleanup());

  it('the communities add up to the total, cell by cell', () => {
    const facts = deriveFacts(demo.collections.premises as CollectionOf<'premises'>, demo.now);
    for (const status of COUNT_STATUSES) {
      for (const severity of SEVERITIES) {
        const sum = [...facts.byCommunity.values()].reduce((a, c) => a + c.hazards[status][severity], 0);
        expect(sum, `${status}/${severity}`).toBe(facts.total.hazards[status][severity]);
      }
    }
    const sumPremises = [...facts.byCommunity.values()].reduce((a, c) => a + c.premises, 0);
    expect(sumPremises).toBe(demo.collections.premises?.features.length);
    expect([...facts.byCommunity.keys()].sort()).toEqual([...demo.communities].sort());
  });

  it('agrees with a direct count: statuses partition the hazards, overdue via isOverdue', () => {
    const premises = demo.collections.premises as CollectionOf<'premises'>;
    const facts = deriveFacts(premises, demo.now);
    const hazards = premises.features.flatMap((p) => p.properties.hazards ?? []);
    expect(hazards.length).toBeGreaterThan(100);
    const t = facts.total.hazards;
    expect(sumSeverities(t.open) + sumSeverities(t.rectifying) + sumSeverities(t.closed)).toBe(hazards.length);
    expect(sumSeverities(t.overdue)).toBe(hazards.filter((h) => isOverdue(h, demo.now)).length);
    expect(sumSeverities(t.overdue)).toBeGreaterThan(0);
    expect(sumSeverities(t.overdue)).toBeLessThanOrEqual(sumSeverities(t.open) + sumSeverities(t.rectifying));
  });

  it('facts of a community-filtered district equal that community\'s row', () => {
    const { collections, communities, now } = demo;
    const all = deriveFacts(collections.premises as CollectionOf<'premises'>, now);
    for (const community of communities) {
      const filtered = applyFilter(collections, { ...emptyFilter(), communities: [community] }, now);
      const facts = deriveFacts(filtered.premises as CollectionOf<'premises'>, now);
      expect(facts.total, community).toEqual(all.byCommunity.get(community));
    }
  });

  it('is one fast pass', () => {
    const premises = demo.collections.premises as CollectionOf<'premises'>;
    const copy: CollectionOf<'premises'> = { ...premises, features: [...premises.features] };
    const t0 = performance.now();
    deriveFacts(copy, demo.now);
    expect(performance.now() - t0).toBeLessThan(100);
    const counts = countsByLayer(demo.collections);
    expect(counts.premises).toBe(premises.features.length);
    expect(counts['hydrant-rings']).toBeLessThanOrEqual(counts.hydrants);
    expect(counts.alarms).toBeGreaterThan(1000);
  });
});
