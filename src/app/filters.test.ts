import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoCollections, type DemoCollections } from '../../test/demo-collections.ts';
import type { CollectionOf, FeatureOf, Hazard, Kind } from '../sources/contract/index.ts';
import {
  FILTER_STATUSES, applyFilter, emptyFilter, filterKey, filterPremises, isEmptyFilter, normalizeFilter, premiseMatchesFilter,
  type Collections, type Filter,
} from './filters.ts';

// ---------------------------------------------------------------------------------------------
// Small fixtures

const NOW = new Date('2026-11-27T08:00:00+08:00');
const pt = { type: 'Point' as const, coordinates: [118.58, 24.8] };
const poly = { type: 'Polygon' as const, coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] };
let hid = 0;
const hz = (severity: Hazard['severity'], status: Hazard['status'], deadline?: string): Hazard => ({
  id: `H${++hid}`, type: 'other', severity, status, found_at: '2026-01-01', ...(deadline ? { deadline } : {}),
});
type PremiseProps = FeatureOf<'premises'>['properties'];
const premise = (id: string, extra: Partial<PremiseProps>): FeatureOf<'premises'> => ({
  type: 'Feature', properties: { id, name: id, categories: ['shop'], ...extra }, geometry: pt,
});
const fc = <K extends Kind>(features: FeatureOf<K>[]): CollectionOf<K> => ({ type: 'FeatureCollection', features } as unknown as CollectionOf<K>);

const premises = fc<'premises'>([
  premise('A', { community: '甲社区', grid_id: 'G1', categories: ['school'], key_unit: true, supervision_level: 'city', hazards: [hz('major', 'open', '2026-12-31')] }),
  premise('B', { community: '甲社区', grid_id: 'G2', categories: ['factory', 'rented_factory'], hazards: [hz('major', 'closed'), hz('general', 'open', '2026-11-01')] }),
  premise('C', { community: '乙村', grid_id: 'G3', categories: ['three_in_one'], hazards: [hz('larger', 'rectifying', '2026-11-26')] }),
  premise('D', { community: '乙村', grid_id: 'G3', categories: ['restaurant'] }),
  premise('E', { categories: ['shop'], hazards: [hz('general', 'closed')] }), // no community, no grid
]);
const collections: Collections = {
  premises,
  hazard_areas: fc<'hazard_areas'>([
    { type: 'Feature', properties: { id: 'Q1', name: 'Q1', kind: 'urban_village', status: 'open', supervision_level: 'city', community: '甲社区', deadline: '2026-01-01' }, geometry: poly },
    { type: 'Feature', properties: { id: 'Q2', name: 'Q2', kind: 'industrial_cluster', status: 'closed', community: '乙村' }, geometry: poly },
  ]),
  fire_lanes: fc<'fire_lanes'>([
    { type: 'Feature', properties: { id: 'L1', status: 'blocked', community: '甲社区' }, geometry: { type: 'LineString', coordinates: [[0, 0], [1, 1]] } },
    { type: 'Feature', properties: { id: 'L2', status: 'clear' }, geometry: { type: 'LineString', coordinates: [[0, 0], [1, 1]] } },
  ]),
  hydrants: fc<'hydrants'>([
    { type: 'Feature', properties: { id: 'X1', status: 'in_service', community: '甲社区' }, geometry: pt },
    { type: 'Feature', properties: { id: 'X2', status: 'damaged', community: '乙村' }, geometry: pt },
  ]),
  grids: fc<'grids'>([
    { type: 'Feature', properties: { grid_id: 'G1', community: '甲社区' }, geometry: poly },
    { type: 'Feature', properties: { grid_id: 'G2', community: '甲社区' }, geometry: poly },
    { type: 'Feature', properties: { grid_id: 'G3', community: '乙村' }, geometry: poly },
  ]),
  sensors: fc<'sensors'>([
    { type: 'Feature', properties: { id: 'S1', kind: 'smoke', premise_id: 'A' }, geometry: pt },
    { type: 'Feature', properties: { id: 'S2', kind: 'smoke', premise_id: 'C' }, geometry: pt },
    { type: 'Feature', properties: { id: 'S3', kind: 'water_pressure' }, geometry: pt },
  ]),
  alarms: fc<'alarms'>([
    { type: 'Feature', properties: { id: 'M1', level: 'fire', time: '2026-11-27T07:00:00+08:00', premise_id: 'C' }, geometry: pt },
    { type: 'Feature', properties: { id: 'M2', level: 'warning', time: '2026-11-27T07:00:00+08:00', premise_id: 'D' }, geometry: pt },
  ]),
  stations: fc<'stations'>([{ type: 'Feature', properties: { id: 'ST', kind: 'micro_station', name: 'ST' }, geometry: pt }]),
};
const f = (over: Partial<Filter>): Filter => ({ ...emptyFilter(), ...over });
const ids = (c: { features: readonly { properties: { id?: string; grid_id?: string } }[] } | undefined) =>
  (c?.features ?? []).map((x) => x.properties.id ?? x.properties.grid_id);

describe('the filter value', () => {
  it('starts empty and says so', () => {
    expect(isEmptyFilter(emptyFilter())).toBe(true);
    expect(isEmptyFilter(f({ keyUnitsOnly: true }))).toBe(false);
    expect(isEmptyFilter(f({ communities: ['甲社区'] }))).toBe(false);
  });

  it('normalises: unknown enum values dropped, duplicates removed, a stable order', () => {
    const n = normalizeFilter({
      communities: [' 乙村', '甲社区', '乙村', ''], categories: ['factory', 'bogus' as 'factory', 'school'],
      statuses: ['overdue', 'open', 'open'], severities: ['major', 'general'], supervisionLevels: ['none', 'city'],
    });
    expect(n).toEqual({
      communities: ['乙村', '甲社区'], gridIds: [], categories: ['factory', 'school'], // contract order
      severities: ['general', 'major'], statuses: ['open', 'overdue'], keyUnitsOnly: false, supervisionLevels: ['city', 'none'],
    });
    expect(filterKey(f({ statuses: ['overdue', 'open'] }))).toBe(filterKey(f({ statuses: ['open', 'overdue', 'open'] })));
    expect(FILTER_STATUSES).toEqual(['open', 'rectifying', 'closed', 'overdue']);
  });
});

describe('applyFilter on small fixtures', () => {
  it('returns the very same object for an empty filter', () => {
    expect(applyFilter(collections, emptyFilter(), NOW)).toBe(collections);
  });

  it('filters every kind that has a community; a feature without one is not in any', () => {
    const out = applyFilter(collections, f({ communities: ['甲社区'] }), NOW);
    expect(ids(out.premises)).toEqual(['A', 'B']);
    expect(ids(out.hazard_areas)).toEqual(['Q1']);
    expect(ids(out.fire_lanes)).toEqual(['L1']);
    expect(ids(out.hydrants)).toEqual(['X1']);
    expect(ids(out.grids)).toEqual(['G1', 'G2']);
    expect(ids(out.sensors)).toEqual(['S1']); // via premise A; S3 has no premise
    expect(ids(out.alarms)).toEqual([]);
    expect(out.stations).toBe(collections.stations);
  });

  it('filters by grid cell: premises and grids only', () => {
    const out = applyFilter(collections, f({ gridIds: ['G3'] }), NOW);
    expect(ids(out.premises)).toEqual(['C', 'D']);
    expect(ids(out.grids)).toEqual(['G3']);
    expect(out.hydrants).toBe(collections.hydrants);
    expect(out.fire_lanes).toBe(collections.fire_lanes);
    expect(out.hazard_areas).toBe(collections.hazard_areas);
    expect(ids(out.alarms)).toEqual(['M1', 'M2']);
    expect(out.alarms).toBe(collections.alarms); // every alarm passes: same object
  });

  it('matches any category of a premise', () => {
    expect(ids(filterPremises(premises, f({ categories: ['rented_factory', 'school'] }), NOW))).toEqual(['A', 'B']);
  });

  it('needs one hazard to match severity and status together', () => {
    // B has a closed major and an open general hazard: not an open major one.
    expect(ids(filterPremises(premises, f({ severities: ['major'], statuses: ['open'] }), NOW))).toEqual(['A']);
    expect(ids(filterPremises(premises, f({ severities: ['major'] }), NOW))).toEqual(['A', 'B']);
    expect(ids(filterPremises(premises, f({ statuses: ['closed'] }), NOW))).toEqual(['B', 'E']);
  });

  it('treats overdue as derived: judged at now, and open still includes overdue open hazards', () => {
    expect(ids(filterPremises(premises, f({ statuses: ['overdue'] }), NOW))).toEqual(['B', 'C']);
    expect(ids(filterPremises(premises, f({ statuses: ['overdue'] }), new Date('2026-11-20T08:00:00+08:00')))).toEqual(['B']);
    expect(ids(filterPremises(premises, f({ statuses: ['open'] }), NOW))).toEqual(['A', 'B']);
    expect(ids(filterPremises(premises, f({ statuses: ['overdue'], severities: ['larger'] }), NOW))).toEqual(['C']);
    // Hazard areas have a status and a deadline too.
    expect(ids(applyFilter(collections, f({ statuses: ['overdue'] }), NOW).hazard_areas)).toEqual(['Q1']);
  });

  it('filters key units and supervision levels (absent counts as none)', () => {
    expect(ids(filterPremises(premises, f({ keyUnitsOnly: true }), NOW))).toEqual(['A']);
    expect(ids(filterPremises(premises, f({ supervisionLevels: ['none'] }), NOW))).toEqual(['B', 'C', 'D', 'E']);
    const out = applyFilter(collections, f({ supervisionLevels: ['city'] }), NOW);
    expect(ids(out.hazard_areas)).toEqual(['Q1']);
    expect(out.hydrants).toBe(collections.hydrants);
  });

  it('checks one premise the same way', () => {
    const c = premises.features[2] as FeatureOf<'premises'>;
    expect(premiseMatchesFilter(c, f({ statuses: ['overdue'], communities: ['乙村'] }), NOW)).toBe(true);
    expect(premiseMatchesFilter(c, f({ keyUnitsOnly: true }), NOW)).toBe(false);
  });

  it('keeps identities: same inputs give the same objects; untouched kinds are the inputs', () => {
    const filter = f({ communities: ['乙村'] });
    const a = applyFilter(collections, filter, NOW);
    const b = applyFilter(collections, { ...filter, communities: ['乙村', '乙村'] }, new Date(NOW.getTime() + 3_600_000));
    expect(b).toBe(a);
    // A new collections object with the same members: per-kind results are still the same objects.
    const c = applyFilter({ ...collections }, filter, NOW);
    expect(c).not.toBe(a);
    for (const kind of Object.keys(a) as (keyof Collections)[]) expect(c[kind], kind).toBe(a[kind]);
    // A filter on every community that has features keeps those that pass as the input object.
    const all = applyFilter(collections, f({ communities: ['甲社区', '乙村'] }), NOW);
    expect(all.hydrants).toBe(collections.hydrants);
    expect(all.grids).toBe(collections.grids);
    expect(ids(all.premises)).toEqual(['A', 'B', 'C', 'D']);
  });

  it('recomputes overdue only when the Beijing date changes', () => {
    const filter = f({ statuses: ['overdue'] });
    const a = filterPremises(premises, filter, NOW);
    expect(filterPremises(premises, filter, new Date('2026-11-27T23:59:00+08:00'))).toBe(a);
    expect(filterPremises(premises, filter, new Date('2026-11-20T08:00:00+08:00'))).not.toBe(a);
  });

  it('gives fresh results when the premises data changes under the same filter', () => {
    const filter = f({ communities: ['乙村'] });
    const before = applyFilter(collections, filter, NOW);
    const newPremises = fc<'premises'>([...premises.features.filter((p) => p.properties.id !== 'C')]);
    const after = applyFilter({ ...collections, premises: newPremises }, filter, NOW);
    expect(ids(after.premises)).toEqual(['D']);
    expect(ids(after.sensors)).toEqual([]);
    expect(ids(before.sensors)).toEqual(['S2']);
  });
});

// ---------------------------------------------------------------------------------------------
// The generated demo district

type Demo = DemoCollections;
const loadDemo = loadDemoCollections;

describe('applyFilter on the demo district', () => {
  let demo: Demo;
  beforeAll(() => { demo = loadDemo(); });
  afterAll(() => demo.cleanup());

  const count = (c: { features: readonly unknown[] } | undefined) => c?.features.length ?? 0;

  it('splits premises, hydrants, lanes and grids over the communities without loss or overlap', () => {
    const { collections: all, communities, now } = demo;
    expect(count(all.premises)).toBeGreaterThan(500);
    for (const kind of ['premises', 'hydrants', 'fire_lanes', 'grids'] as const) {
      const perCommunity = communities.map((c) => count(applyFilter(all, f({ communities: [c] }), now)[kind]));
      expect(perCommunity.every((n) => n < count(all[kind])), kind).toBe(true);
      const withCommunity = (all[kind]?.features ?? []).filter((x) => (x.properties as { community?: string }).community !== undefined).length;
      expect(perCommunity.reduce((a, b) => a + b, 0), kind).toBe(withCommunity);
    }
  });

  it('sensors and alarms follow their premises: the communities add up to those with a premise', () => {
    const { collections: all, communities, now } = demo;
    for (const kind of ['sensors', 'alarms'] as const) {
      const total = (all[kind]?.features ?? []).filter((x) => x.properties.premise_id !== undefined).length;
      expect(total, kind).toBeGreaterThan(0);
      const sum = communities.map((c) => count(applyFilter(all, f({ communities: [c] }), now)[kind])).reduce((a, b) => a + b, 0);
      expect(sum, kind).toBe(total);
    }
  });

  it('a community filter changes counts as expected and leaves stations alone', () => {
    const { collections: all, communities, now } = demo;
    const one = communities[0] as string;
    const out = applyFilter(all, f({ communities: [one] }), now);
    expect(count(out.premises)).toBe((all.premises?.features ?? []).filter((p) => p.properties.community === one).length);
    expect(out.premises?.features.every((p) => p.properties.community === one)).toBe(true);
    expect(out.stations).toBe(all.stations);
    expect(out.buildings).toBe(all.buildings);
    expect(out.roads).toBe(all.roads);
  });

  it('statuses split the premises consistently: overdue ⊆ open ∪ rectifying', () => {
    const { collections: all, now } = demo;
    const n = (statuses: Filter['statuses']) => count(applyFilter(all, f({ statuses }), now).premises);
    expect(n(['overdue'])).toBeGreaterThan(0);
    expect(n(['open', 'rectifying', 'overdue'])).toBe(n(['open', 'rectifying']));
    expect(n(['open', 'rectifying', 'closed'])).toBe((all.premises?.features ?? []).filter((p) => (p.properties.hazards ?? []).length > 0).length);
  });

  it('is fast: a filter over the whole district in a few milliseconds', () => {
    const { collections: all, now } = demo;
    const t0 = performance.now();
    for (let i = 0; i < 20; i++) applyFilter({ ...all }, f({ severities: ['major', 'larger'], statuses: ['overdue'], gridIds: [`G${i}`] }), now);
    expect((performance.now() - t0) / 20).toBeLessThan(50);
  });
});
