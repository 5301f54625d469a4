import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { describe, expect, it } from 'vitest';
import { hasMessage } from '../../i18n/index.ts';
import { INK } from '../palette-extra.ts';
import { OKABE_ITO } from '../palette.ts';
import {
  ANALYSIS_CLASSES, ANALYSIS_LEGEND_I18N_KEYS, ANALYSIS_NAMES, analysisLegend, classOf, createAnalysisLayers, findingId, gridCheckOf, prepareAnalysis,
  type AnalysisName,
} from './index.ts';

const line: Geometry = { type: 'LineString', coordinates: [[118.5, 24.9], [118.5001, 24.9]] };
const square: Geometry = { type: 'Polygon', coordinates: [[[118.5, 24.9], [118.501, 24.9], [118.501, 24.901], [118.5, 24.901], [118.5, 24.9]]] };
const point: Geometry = { type: 'Point', coordinates: [118.5, 24.9] };
const feature = (geometry: Geometry, properties: Record<string, unknown>): Feature<Geometry> => ({ type: 'Feature', geometry, properties });
const fc = (...features: Feature<Geometry>[]): FeatureCollection<Geometry> => ({ type: 'FeatureCollection', features });

const majorPair = feature(line, { a: 'B1', b: 'B2', gap_m: 2, required_m: 6, major: true, basis: 'civil', contact: 'none' });
const minorPair = feature(line, { a: 'B3', b: 'B4', gap_m: 5.5, required_m: 6, major: false, basis: 'civil', contact: 'none' });
const separation = fc(majorPair, minorPair);

type Accessor = (f: unknown) => number | number[];
const accessor = (layer: unknown, name: string): Accessor => (layer as { props: Record<string, Accessor> }).props[name] as Accessor;
const rgb = (color: number | number[]): number[] => (color as number[]).slice(0, 3);

describe('createAnalysisLayers', () => {
  it('gives stable ids: analysis-<name>, plus markers for small findings and labels for clusters', () => {
    expect(createAnalysisLayers('separation', separation).map((l) => l.id)).toEqual(['analysis-separation', 'analysis-separation-markers']);
    expect(createAnalysisLayers('coverage-grid', fc()).map((l) => l.id)).toEqual(['analysis-coverage-grid']);
    expect(createAnalysisLayers('clusters', fc()).map((l) => l.id)).toEqual(['analysis-clusters', 'analysis-clusters-labels']);
    for (const name of ANALYSIS_NAMES) expect(createAnalysisLayers(name, fc())[0]?.id).toBe(`analysis-${name}`);
  });

  it('hides and fades every sub-layer together', () => {
    for (const layer of createAnalysisLayers('separation', separation)) expect(layer.props.visible).toBe(true);
    for (const layer of createAnalysisLayers('clusters', fc(), { visible: false, opacity: 0.5 })) {
      expect(layer.props.visible).toBe(false);
      expect(layer.props.opacity).toBe(0.5);
    }
  });

  it('draws separation lines vermillion and wider when major, orange otherwise; the major on top', () => {
    const [lines, markers] = createAnalysisLayers('separation', separation);
    expect(rgb(accessor(lines, 'getLineColor')(majorPair))).toEqual([...OKABE_ITO.vermillion]);
    expect(rgb(accessor(lines, 'getLineColor')(minorPair))).toEqual([...OKABE_ITO.orange]);
    expect(accessor(lines, 'getLineWidth')(majorPair)).toBeGreaterThan(accessor(lines, 'getLineWidth')(minorPair) as number);
    expect(lines?.props.data).toEqual([minorPair, majorPair]);
    expect(markers?.props.data).toEqual([minorPair, majorPair]);
    expect(accessor(markers, 'getRadius')(majorPair)).toBeGreaterThan(accessor(markers, 'getRadius')(minorPair) as number);
  });

  it('keeps the data arrays of one result stable between renders', () => {
    expect(createAnalysisLayers('separation', separation)[0]?.props.data).toBe(createAnalysisLayers('separation', separation, { selectedId: 'B1|B2' })[0]?.props.data);
    expect(prepareAnalysis('separation', separation)).toBe(prepareAnalysis('separation', separation));
  });

  it('marks the selected finding in ink, wider, and redraws it through updateTriggers', () => {
    const [lines] = createAnalysisLayers('separation', separation, { selectedId: 'B3|B4' });
    expect(rgb(accessor(lines, 'getLineColor')(minorPair))).toEqual([...INK]);
    expect(accessor(lines, 'getLineWidth')(minorPair)).toBeGreaterThan(accessor(lines, 'getLineWidth')(majorPair) as number);
    const triggers = (lines?.props as unknown as { updateTriggers: Record<string, unknown[]> }).updateTriggers;
    expect(triggers['getLineColor']).toEqual(['B3|B4']);
  });

  it('fills uncovered targets and leaves covered ones out of hydrant coverage', () => {
    const covered = feature(square, { id: 'B1', covered: true, covered_only_by_out_of_service: false, distance_m: 20, radius_m: 150 });
    const uncovered = feature(square, { id: 'B2', covered: false, covered_only_by_out_of_service: false, distance_m: 200, radius_m: 150 });
    const onlyOut = feature(point, { id: 'P3', covered: false, covered_only_by_out_of_service: true, distance_m: 180, radius_m: 150 });
    const [areas, markers] = createAnalysisLayers('hydrant-coverage', fc(covered, uncovered, onlyOut));
    expect(areas?.props.data).toEqual([onlyOut, uncovered]);
    expect(rgb(accessor(areas, 'getFillColor')(uncovered))).toEqual([...OKABE_ITO.vermillion]);
    expect(rgb(accessor(areas, 'getFillColor')(onlyOut))).toEqual([...OKABE_ITO.reddishPurple]);
    expect(markers?.props.data).toEqual([uncovered]); // a point target is its own dot
  });

  it('colours coverage cells by status, covered ones faint', () => {
    const cells = ['covered', 'uncovered', 'covered_only_out_of_service'].map((status, k) => feature(square, { cell: `r0c${k}`, status, cell_m: 50, radius_m: 150 }));
    const [layer] = createAnalysisLayers('coverage-grid', fc(...cells));
    const fill = accessor(layer, 'getFillColor');
    expect(cells.map((c) => rgb(fill(c)))).toEqual([[...OKABE_ITO.bluishGreen], [...OKABE_ITO.vermillion], [...OKABE_ITO.reddishPurple]]);
    expect((fill(cells[0]) as number[])[3]).toBeLessThan((fill(cells[1]) as number[])[3] as number);
  });

  it('tells station reach apart: beyond the budget orange, unreachable and blocked fronts vermillion', () => {
    const at = (status: string) => classOf('station-response', feature(square, { kind: 'cell', id: 'r1c1', status }))?.id;
    expect(['within', 'beyond_budget', 'unreachable', 'front_blocked', 'off_network'].map(at)).toEqual(['within', 'beyond_budget', 'unreachable', 'unreachable', 'off_network']);
    expect(classOf('station-response', feature(square, { status: 'within' }))?.finding).toBe(false);
  });

  it('colours mixing by kind and rings major findings in ink', () => {
    const major = feature(square, { kind: 'three_in_one', reason_code: 'forbidden_grade', premise_id: 'P1', building_ids: ['B1'], major: true });
    const minor = feature(square, { kind: 'mixed_building', reason_code: 'production_and_dwelling_premises', premise_id: null, building_ids: ['B2'], major: false });
    const [areas, markers] = createAnalysisLayers('mixing', fc(major, minor));
    expect(rgb(accessor(areas, 'getFillColor')(major))).toEqual([...OKABE_ITO.vermillion]);
    expect(rgb(accessor(areas, 'getFillColor')(minor))).toEqual([...OKABE_ITO.orange]);
    expect(rgb(accessor(markers, 'getLineColor')(major))).toEqual([...INK]);
    expect(accessor(markers, 'getRadius')(major)).toBeGreaterThan(accessor(markers, 'getRadius')(minor) as number);
  });

  it('reads grid-management checks, tagged or not, and the workload verdict from its colour', () => {
    expect(gridCheckOf({ check: 'iot' })).toBe('iot');
    expect(gridCheckOf({ id: 'P1', name: 'x', declared_grid_id: null })).toBe('outside');
    expect(gridCheckOf({ a: 'W1', b: 'W2', area_m2: 30 })).toBe('overlaps');
    const cls = (p: Record<string, unknown>) => classOf('grid-coverage', feature(square, p))?.id ?? null;
    expect(cls({ check: 'workload', grid_id: 'W1', workers: 0, premises: 9 })).toBe('unstaffed');
    expect(cls({ check: 'workload', grid_id: 'W1', workers: 1, premises: 90, fill: '#E69F00' })).toBe('overloaded');
    expect(cls({ check: 'workload', grid_id: 'W1', workers: 2, premises: 9, fill: '#009E73' })).toBeNull();
    expect(cls({ check: 'iot', community: 'A', meets_target: true })).toBeNull();
    expect(cls({ check: 'iot', community: 'A', meets_target: false })).toBe('iot_below_target');
  });

  it('labels clusters with their number of premises', () => {
    const hull = feature(square, { cluster_id: 'C1', premises: 7, hazards: 9, general: 5, larger: 3, major: 1, covered_by_declared_area: false });
    const [areas, labels] = createAnalysisLayers('clusters', fc(hull));
    expect(rgb(accessor(areas, 'getFillColor')(hull))).toEqual([...OKABE_ITO.vermillion]);
    expect(accessor(labels, 'getText')(hull)).toBe('7');
  });
});

describe('findingId', () => {
  it('names a finding by what it is about, with the index as the last resort', () => {
    expect(findingId('separation', majorPair, 0)).toBe('B1|B2');
    expect(findingId('hydrant-spacing', feature(line, { kind: 'no_hydrant', road: 'R7' }), 3)).toBe('road|R7');
    expect(findingId('station-response', feature(point, { kind: 'premise', id: 'P9' }), 0)).toBe('premise|P9');
    expect(findingId('grid-coverage', feature(square, { check: 'workload', grid_id: 'W1', workers: 0 }), 0)).toBe(findingId('grid-coverage', feature(square, { check: 'unstaffed', grid_id: 'W1' }), 5));
    expect(findingId('clusters', feature(square, {}), 4)).toBe('#4');
  });
});

describe('analysisLegend', () => {
  it('has one item per class, with the entry on the main layer id and distinct colours', () => {
    for (const name of ANALYSIS_NAMES) {
      const legend = analysisLegend(name);
      expect(legend.layerId).toBe(`analysis-${name}`);
      expect(legend.items.map((i) => i.id).slice(0, ANALYSIS_CLASSES[name].length)).toEqual(ANALYSIS_CLASSES[name].map((c) => c.id));
      const fills = legend.items.map((i) => i.fill.join());
      expect(new Set(fills).size, name).toBe(fills.length);
    }
    expect(analysisLegend('mixing').items.at(-1)).toMatchObject({ id: 'major', stroke: INK });
  });

  it('uses only message keys that exist', () => {
    expect(ANALYSIS_LEGEND_I18N_KEYS.length).toBeGreaterThan(ANALYSIS_NAMES.length * 2);
    for (const key of ANALYSIS_LEGEND_I18N_KEYS) expect(hasMessage(key), key).toBe(true);
    for (const name of ANALYSIS_NAMES as AnalysisName[]) {
      const { title, items } = analysisLegend(name);
      for (const ref of [title, ...items.map((i) => i.label)]) if ('key' in ref) expect(hasMessage(ref.key), ref.key).toBe(true);
    }
  });
});
