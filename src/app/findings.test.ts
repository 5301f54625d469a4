import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { afterAll, describe, expect, it } from 'vitest';
import { loadDemoCollections } from '../../test/demo-collections.ts';
import {
  findMixing, findSeparationDeficiencies, gridWorkload, hazardClusters, hydrantCoverage, iotConnectionByCommunity, premisesOutsideGrids, stationResponse,
} from '../analysis/index.ts';
import { listRules } from '../analysis/rules.ts';
import { hasMessage, t } from '../i18n/index.ts';
import type { AnalysisName } from '../layers/analysis/index.ts';
import type { CollectionOf, Kind } from '../sources/contract/index.ts';
import { compareRows, findingRows, type FindingRow } from './findings.ts';

const point = (lon: number, lat: number): Geometry => ({ type: 'Point', coordinates: [lon, lat] });
const line: Geometry = { type: 'LineString', coordinates: [[0, 0], [2, 0]] };
const feature = (geometry: Geometry | null, properties: Record<string, unknown>): Feature<Geometry | null> => ({ type: 'Feature', geometry, properties });
const fc = (...features: Feature<Geometry | null>[]): FeatureCollection<Geometry | null> => ({ type: 'FeatureCollection', features });
const pair = (a: string, b: string, gap_m: number, required_m: number, extra: Record<string, unknown> = {}) =>
  feature(line, { a, b, gap_m, required_m, ratio: gap_m / required_m, major: gap_m < 0.8 * required_m, basis: 'civil', clause: 'GB 50016-2014 (2018) §5.2.2', contact: 'none', reduction: 'none', ...extra });

describe('findingRows', () => {
  it('sorts separation by severity, then by the shortfall (required − gap), biggest first', () => {
    const rows = findingRows('separation', fc(pair('B1', 'B2', 5.5, 6), pair('B3', 'B4', 1, 6), pair('B5', 'B6', 4, 13), pair('B7', 'B8', 5, 6)));
    expect(rows.map((r) => [r.id, r.severityRank, r.shortfall])).toEqual([
      ['B5|B6', 0, 9], ['B3|B4', 0, 5], ['B7|B8', 1, 1], ['B1|B2', 1, 0.5],
    ]);
    expect(rows[0]).toMatchObject({
      analysis: 'separation', index: 2, classId: 'major', position: [1, 0], clause: 'GB 50016-2014 (2018) §5.2.2',
      label: { key: 'analysis.row.separation', params: { a: 'B5', b: 'B6', gap: 4, required: 13, pct: 30.8 } },
      ruleRefs: ['separation.civil', 'major_hazard.separation_fraction'],
    });
    expect(rows[0]?.premiseId).toBeUndefined();
  });

  it('qualifies touching pairs and cites the reduction it applied', () => {
    const [touching, reduced] = findingRows('separation', fc(pair('A', 'B', 0, 6, { contact: 'touching' }), pair('C', 'D', 4.4, 4.5, { reduction: 'protected_openings', basis: 'factory_civil' })));
    expect(touching?.label.detailKey).toBe('analysis.detail.touching');
    expect(reduced?.ruleRefs).toEqual(['separation.factory_civil', 'separation.reduction_protected_openings']);
  });

  it('lists only uncovered hydrant targets, the farthest beyond the radius first, none at all before any', () => {
    const target = (id: string, covered: boolean, distance_m: number | null, onlyOut = false) =>
      feature(point(1, 1), { id, covered, distance_m, nearest_hydrant: distance_m === null ? null : 'H1', radius_m: 150, covered_only_by_out_of_service: onlyOut, out_of_service_in_radius: onlyOut ? 1 : 0 });
    const result = fc(target('P1', true, 20), target('P2', false, 160), target('P3', false, 400), target('P4', false, null), target('P5', false, 900, true));
    const rows = findingRows('hydrant-coverage', result, { targets: 'premises' });
    expect(rows.map((r) => [r.id, r.severityRank])).toEqual([['P4', 0], ['P3', 0], ['P2', 0], ['P5', 1]]);
    expect(rows[1]?.label).toEqual({ key: 'analysis.row.hydrant.far', params: { id: 'P3', hydrant: 'H1', distance: 400, radius: 150, beyond: 250, oos: 0 } });
    expect(rows[3]?.label.detailKey).toBe('analysis.detail.out_of_service_only');
    expect(rows.every((r) => r.premiseId === r.id)).toBe(true);
    expect(findingRows('hydrant-coverage', result)[0]?.premiseId).toBeUndefined(); // buildings by default
  });

  it('gives a premises to open for mixing, and its reason as the qualifier', () => {
    const rows = findingRows('mixing', fc(
      feature(point(1, 1), { kind: 'three_in_one', reason_code: 'declared', premise_id: 'P1', premise_ids: ['P1'], building_ids: ['B1'], major: false, clause: 'XF 703-2007', distance_m: null, required_m: null }),
      feature(line, { kind: 'dwelling_near_factory', reason_code: 'within_factory_separation', premise_id: null, premise_ids: [], building_ids: ['F1', 'D1'], major: true, clause: 'GB 50016-2014 (2018) §3.4.1; GB 35181-2017 §6.2', distance_m: 3, required_m: 25 }),
      feature(point(1, 1), { kind: 'three_in_one', reason_code: 'forbidden_grade', premise_id: 'P1', premise_ids: ['P1'], building_ids: ['B1'], major: true, clause: 'XF 703-2007', distance_m: null, required_m: null }),
    ));
    expect(rows.map((r) => r.label.detailKey)).toEqual(['analysis.reason.within_factory_separation', 'analysis.reason.forbidden_grade', 'analysis.reason.declared']);
    expect(rows[0]?.ruleRefs).toEqual(['separation.factory_civil', 'major_hazard.hazmat_fraction']);
    expect(rows[0]?.premiseId).toBeUndefined();
    expect(rows[1]).toMatchObject({ premiseId: 'P1', ruleRefs: ['three_in_one.forbidden_from_grade'] });
  });

  it('ranks station reach: unreachable first, then minutes over the budget, off the network last; cells marked', () => {
    const place = (kind: string, id: string, status: string, travel_min: number | null) => feature(point(1, 1), { kind, id, status, travel_min, budget_min: 5, station: 'S1', clause: 'GB 51080-2015 §4.1.3' });
    const rows = findingRows('station-response', fc(place('premise', 'P1', 'within', 3), place('premise', 'P2', 'beyond_budget', 6), place('cell', 'r1c1', 'beyond_budget', 8), place('premise', 'P3', 'off_network', null), place('premise', 'P4', 'front_blocked', null)));
    expect(rows.map((r) => r.id)).toEqual(['premise|P4', 'cell|r1c1', 'premise|P2', 'premise|P3']);
    expect(rows[1]).toMatchObject({ shortfall: 3, label: { detailKey: 'analysis.detail.area_cell' } });
    expect(rows[1]?.premiseId).toBeUndefined();
    expect(rows[2]?.premiseId).toBe('P2');
  });

  it('merges findings about one thing, leaves out what is not a finding, and honours limit', () => {
    const grid = fc(
      feature(null, { check: 'unstaffed', grid_id: 'W1' }),
      feature(null, { check: 'workload', grid_id: 'W1', workers: 0, premises: 12 }),
      feature(null, { check: 'workload', grid_id: 'W2', workers: 2, premises: 10, premises_per_worker: 5, fill: '#009E73' }),
      feature(point(2, 3), { check: 'outside', id: 'P7', name: '某某五金店', community: null, declared_grid_id: 'W3' }),
    );
    const rows = findingRows('grid-coverage', grid);
    expect(rows.map((r) => r.id)).toEqual(['outside|P7', 'unstaffed|W1']);
    expect(rows[0]).toMatchObject({ premiseId: 'P7', position: [2, 3], label: { params: { name: '某某五金店' }, detailKey: 'analysis.detail.declared_grid' } });
    expect(rows[1]?.position).toBeNull();
    expect(findingRows('grid-coverage', grid, { limit: 1 }).map((r) => r.id)).toEqual(['outside|P7']);
    expect(findingRows('coverage-grid', fc(feature(line, { cell: 'r0c0', status: 'covered', radius_m: 150 })))).toEqual([]);
  });

  it('puts clusters no declared area covers first, the heaviest first', () => {
    const cluster = (id: string, covered: boolean, general: number, larger: number, major: number) =>
      feature(point(1, 1), { cluster_id: id, premises: 6, hazards: general + larger + major, general, larger, major, covered_by_declared_area: covered, declared_area_ids: covered ? ['HA1'] : [] });
    expect(findingRows('clusters', fc(cluster('C1', true, 9, 0, 1), cluster('C2', false, 6, 0, 0), cluster('C3', false, 2, 1, 1))).map((r) => r.id)).toEqual(['C3', 'C2', 'C1']);
  });
});

describe('compareRows', () => {
  it('breaks ties by id, then index, so the order does not depend on the input', () => {
    const row = (id: string, index: number): FindingRow => ({ id, index, analysis: 'clusters', severityRank: 1, classId: 'x', shortfall: 0, label: { key: 'k', params: {} }, position: null, ruleRefs: [], clause: null });
    expect([row('b', 0), row('a', 2), row('a', 1)].sort(compareRows).map((r) => `${r.id}${r.index}`)).toEqual(['a1', 'a2', 'b0']);
  });
});

describe('findingRows on the demo district', () => {
  const demo = loadDemoCollections();
  afterAll(() => demo.cleanup());
  const need = <K extends Kind>(kind: K): CollectionOf<K> => {
    const collection = demo.collections[kind];
    if (!collection) throw new Error(`the demo district has no ${kind}`);
    return collection as CollectionOf<K>;
  };
  const c = {
    buildings: need('buildings'), premises: need('premises'), hydrants: need('hydrants'), hazard_areas: need('hazard_areas'),
    stations: need('stations'), roads: need('roads'), grids: need('grids'),
  };
  const known = new Set(listRules().map((r) => r.path));
  const results: [AnalysisName, FeatureCollection<Geometry | null>][] = [
    ['separation', findSeparationDeficiencies(c.buildings)],
    ['mixing', findMixing(c.premises, c.buildings, c.hazard_areas)],
    ['hydrant-coverage', hydrantCoverage(c.buildings, c.hydrants)],
    ['station-response', stationResponse(c.stations, c.roads, c.premises)],
    ['clusters', hazardClusters(c.premises, c.hazard_areas)],
    ['grid-coverage', fc(
      ...premisesOutsideGrids(c.premises, c.grids).features.map((f) => ({ ...f, properties: { check: 'outside', ...f.properties } })),
      ...gridWorkload(c.grids, c.premises).features.map((f) => ({ ...f, properties: { check: 'workload', ...f.properties } })),
      ...iotConnectionByCommunity(c.premises).features.map((f) => ({ ...f, properties: { check: 'iot', ...f.properties } })),
    )],
  ];

  it.each(results)('%s: sorted rows whose texts translate fully and whose rules exist', (name, result) => {
    const rows = findingRows(name, result);
    expect(rows.length, name).toBeGreaterThan(0);
    const unsorted = rows.filter((row, i) => i > 0 && compareRows(rows[i - 1] as FindingRow, row) >= 0);
    expect(unsorted.map((r) => r.id)).toEqual([]);
    const translated = new Set<string>(); // one check per key: its placeholders are the same for every row
    for (const row of rows) {
      for (const key of [row.label.key, row.label.detailKey].filter((k): k is string => k !== undefined && !translated.has(k))) {
        translated.add(key);
        expect(hasMessage(key), key).toBe(true);
        if (hasMessage(key)) for (const lang of ['zh-CN', 'en'] as const) expect(t(key, row.label.params, lang), key).not.toMatch(/\{\w+\}/);
      }
    }
    expect(rows.flatMap((r) => r.ruleRefs).filter((path) => !known.has(path))).toEqual([]);
    expect(rows.filter((r) => r.position === null).map((r) => r.id)).toEqual([]);
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
  });
});
