import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemoCollections, type DemoCollections } from '../../test/demo-collections.ts';
import type { CollectionOf, FeatureOf, Hazard, Kind } from '../sources/contract/index.ts';
import {
  activeCriteriaCount, filterOptions, LIST_FACETS, narrowOptions, setKeyUnitsOnly, toggleValue, withSelected,
} from './filter-options.ts';
import { emptyFilter, filterPremises, isEmptyFilter, normalizeFilter, type Collections } from './filters.ts';

// Today (Beijing) is 2026-11-27: a deadline of 2026-11-26 or earlier on a hazard not closed is overdue.
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

// Community names chosen so pinyin order (安 an, 北 bei, 锦 jin, 中 zhong) differs from code-unit order (中 北 安 锦).
const collections: Collections = {
  premises: fc<'premises'>([
    premise('A', { community: '中心社区', grid_id: 'G10', categories: ['school', 'school'], key_unit: true, supervision_level: 'city',
      hazards: [hz('major', 'open', '2026-12-31'), hz('major', 'closed')] }),
    premise('B', { community: '北山村', grid_id: 'G2', categories: ['factory', 'rented_factory'], hazards: [hz('general', 'open', '2026-11-01')] }),
    premise('C', { community: '安平社区', grid_id: 'G2', categories: ['factory'], key_unit: true, hazards: [hz('larger', 'rectifying', '2026-11-26')] }),
    premise('D', { community: '北山村', grid_id: 'G1', categories: ['restaurant'] }),
    premise('E', { categories: ['shop'], hazards: [hz('general', 'closed')] }), // no community, no grid, no level
  ]),
  grids: fc<'grids'>([
    { type: 'Feature', properties: { grid_id: 'G1', community: '北山村' }, geometry: poly },
    { type: 'Feature', properties: { grid_id: 'G99', community: '锦和村' }, geometry: poly }, // no premises in it
  ]),
  hazard_areas: fc<'hazard_areas'>([
    { type: 'Feature', properties: { id: 'Q1', name: 'Q1', kind: 'urban_village', status: 'open', supervision_level: 'province' }, geometry: poly },
  ]),
};

describe('filterOptions', () => {
  const options = filterOptions(collections, NOW);

  it('lists communities in Chinese (pinyin) order, including those only other kinds carry', () => {
    expect(options.communities).toEqual([
      { value: '安平社区', count: 1 }, { value: '北山村', count: 2 }, { value: '锦和村', count: 0 }, { value: '中心社区', count: 1 },
    ]);
  });

  it('lists grid ids with numbers compared by value', () => {
    expect(options.gridIds).toEqual([{ value: 'G1', count: 1 }, { value: 'G2', count: 2 }, { value: 'G10', count: 1 }, { value: 'G99', count: 0 }]);
  });

  it('counts each premise once per category it has, in contract order, only categories present', () => {
    const byValue = Object.fromEntries(options.categories.map((o) => [o.value, o.count]));
    expect(byValue).toEqual({ factory: 2, rented_factory: 1, school: 1, restaurant: 1, shop: 1 });
    expect(options.categories[0]?.value).toBe('factory'); // first in the contract's list
  });

  it('counts premises (not hazards) per severity and per status, overdue beside the others', () => {
    expect(options.severities).toEqual([{ value: 'general', count: 2 }, { value: 'larger', count: 1 }, { value: 'major', count: 1 }]);
    // A: open + closed; B: open (overdue); C: rectifying (overdue); E: closed.
    expect(options.statuses).toEqual([
      { value: 'open', count: 2 }, { value: 'rectifying', count: 1 }, { value: 'closed', count: 2 }, { value: 'overdue', count: 2 },
    ]);
  });

  it('counts a premise without a supervision level as none, and offers levels only hazard areas have', () => {
    expect(options.supervisionLevels).toEqual([{ value: 'province', count: 0 }, { value: 'city', count: 1 }, { value: 'none', count: 4 }]);
  });

  it('counts key units and premises', () => {
    expect(options.keyUnits).toBe(2);
    expect(options.premises).toBe(5);
  });

  it('offers every status with 0 when there are no premises', () => {
    const none = filterOptions({}, NOW);
    expect(none.communities).toEqual([]);
    expect(none.statuses.map((o) => o.count)).toEqual([0, 0, 0, 0]);
    expect(none.premises).toBe(0);
  });
});

describe('filter edits', () => {
  it('toggles a value on and off, returning a normalised filter', () => {
    const on = toggleValue(emptyFilter(), 'communities', '北山村');
    expect(on.communities).toEqual(['北山村']);
    const two = toggleValue(on, 'communities', '安平社区');
    expect(two).toEqual(normalizeFilter({ communities: ['安平社区', '北山村'] }));
    expect(isEmptyFilter(toggleValue(toggleValue(two, 'communities', '北山村'), 'communities', '安平社区'))).toBe(true);
  });

  it('keeps enum facets in contract order whatever the click order', () => {
    const f = toggleValue(toggleValue(emptyFilter(), 'statuses', 'overdue'), 'statuses', 'open');
    expect(f.statuses).toEqual(['open', 'overdue']);
  });

  it('drops a value the facet does not know', () => {
    expect(toggleValue(emptyFilter(), 'severities', 'catastrophic').severities).toEqual([]);
  });

  it('sets and clears the key-unit switch', () => {
    const on = setKeyUnitsOnly(emptyFilter(), true);
    expect(on.keyUnitsOnly).toBe(true);
    expect(isEmptyFilter(setKeyUnitsOnly(on, false))).toBe(true);
  });

  it('counts active criteria: one per value, one for the switch', () => {
    expect(activeCriteriaCount(emptyFilter())).toBe(0);
    const f = normalizeFilter({ communities: ['a', 'b'], statuses: ['overdue'], keyUnitsOnly: true });
    expect(activeCriteriaCount(f)).toBe(4);
  });

  it('lists every list facet of the filter', () => {
    expect([...LIST_FACETS].sort()).toEqual(Object.keys(emptyFilter()).filter((k) => k !== 'keyUnitsOnly').sort());
  });
});

describe('option lists', () => {
  const opts = [{ value: 'G1', count: 3 }, { value: 'G2', count: 1 }, { value: 'H12', count: 2 }];

  it('appends selected values the data lacks, with count 0', () => {
    expect(withSelected(opts, ['G2', 'G7'])).toEqual([...opts, { value: 'G7', count: 0 }]);
    expect(withSelected(opts, ['G1'])).toBe(opts);
  });

  it('narrows by value or label, ignoring case and spaces, keeping selected values', () => {
    expect(narrowOptions(opts, 'h1').map((o) => o.value)).toEqual(['H12']);
    expect(narrowOptions(opts, ' g 2 ').map((o) => o.value)).toEqual(['G2']);
    expect(narrowOptions(opts, 'h1', ['G1']).map((o) => o.value)).toEqual(['G1', 'H12']);
    expect(narrowOptions(opts, 'north', [], (v) => (v === 'G2' ? 'North gate' : v)).map((o) => o.value)).toEqual(['G2']);
    expect(narrowOptions(opts, '')).toBe(opts);
  });
});

describe('filterOptions on the demo district', () => {
  let demo: DemoCollections;
  beforeAll(() => { demo = loadDemoCollections(); });
  afterAll(() => demo.cleanup());

  it('each count is the number of premises the filter keeps for that value alone', () => {
    const options = filterOptions(demo.collections, demo.now);
    const premises = demo.collections.premises;
    if (!premises) throw new Error('demo has no premises');
    expect(options.premises).toBe(premises.features.length);
    expect(options.communities.map((o) => o.value)).toEqual(expect.arrayContaining(demo.communities));
    for (const facet of LIST_FACETS) {
      for (const option of options[facet]) {
        const kept = filterPremises(premises, toggleValue(emptyFilter(), facet, option.value), demo.now);
        expect(kept.features.length, `${facet}=${option.value}`).toBe(option.count);
      }
    }
    expect(filterPremises(premises, setKeyUnitsOnly(emptyFilter(), true), demo.now).features.length).toBe(options.keyUnits);
  });
});
