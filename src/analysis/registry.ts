/**
 * The analyses the viewer (through the analysis worker) and `npm run analyze` both run, as one typed
 * table: the kinds each needs or uses, its options with defaults, the rules it reads, and how it turns
 * into one FeatureCollection plus a structured summary (counts, the figures in force, the rule paths the
 * result cites). Summaries hold no prose: the UI translates by key, the command line writes English.
 * Pure: no DOM, no node APIs. The types live in registry-types.ts and are re-exported here.
 *
 * Progress is coarse (the analyses are single synchronous calls): 'prepare' at 0, 'run' at 0.05, a stage
 * per step where an entry takes several (each grid check), 'summarise' at 0.95 and 'done' at 1. Stages are
 * codes, not text.
 */
import type { FeatureCollection, Geometry } from 'geojson';
import type { Kind } from '../sources/contract/kinds.ts';
import type { CollectionOf } from '../sources/contract/types.ts';
import { bboxOfCoordinates } from './geo.ts';
import { hydrantCoverage, type Targets } from './hydrant-coverage.ts';
import { blockedLanes, hydrantNetworkCoverage } from './hydrant-network.ts';
import { hydrantSpacing } from './hydrant-spacing.ts';
import { coverageGrid } from './coverage-grid.ts';
import { findMixing, type MixingKind, type MixingReason } from './mixing.ts';
import { findSeparationDeficiencies } from './separation.ts';
import { gridWorkload, iotConnectionByCommunity, overlappingGridCells, premisesOutsideGrids, unstaffedGridCells } from './grid-coverage.ts';
import { stationResponse, type ResponseStatus } from './station-response.ts';
import { hazardClusters } from './clusters.ts';
import type { Rules } from './rules.ts';
import {
  AnalysisError, ANALYSIS_NAMES, GRID_CHECKS, isAnalysisName, missingInputs, resolveOptions, TARGET_KINDS,
  type AnalysisEntry, type AnalysisInputs, type Counts, type AnalysisName, type AnalysisOptions, type AnalysisSummary, type GridCheck, type OptionSpec,
  type Progress, type ResolvedOptions, type SummaryOf, type SummaryShapes, type TargetKind,
} from './registry-types.ts';

export * from './registry-types.ts';

/** What an entry's exec gives; define() adds the feature count and the analysis name. */
interface Body<N extends AnalysisName> {
  result: FeatureCollection;
  counts: SummaryShapes[N]['counts'];
  params: SummaryShapes[N]['params'];
  rules: string[];
}
interface Definition<N extends AnalysisName> {
  name: N;
  needs: AnalysisEntry<N>['needs'];
  optional?: readonly Kind[];
  options?: Readonly<Record<string, OptionSpec>>;
  rules: readonly string[];
  exec(inputs: AnalysisInputs, rules: Rules, options: ResolvedOptions, step: Progress): Body<N>;
}

function define<N extends AnalysisName>(d: Definition<N>): AnalysisEntry<N> {
  const entry: AnalysisEntry<N> = {
    name: d.name, needs: d.needs, optional: d.optional ?? [], options: d.options ?? {}, rules: d.rules,
    run(inputs, rules, given, progress) {
      const step: Progress = (stage, fraction) => progress?.(stage, fraction);
      const options = resolveOptions(entry, given);
      const missing = missingInputs(entry, inputs, options);
      if (missing.length > 0) throw new AnalysisError('input.missing', { kinds: missing.join(',') }, `${d.name} needs ${missing.join(' and ')}, missing or empty`);
      step('prepare', 0);
      step('run', 0.05);
      const body = d.exec(inputs, rules, options, step);
      step('summarise', 0.95);
      const summary: SummaryOf<N> = { analysis: d.name, features: body.result.features.length, counts: body.counts, params: body.params, rules: body.rules };
      step('done', 1);
      return { result: body.result, summary };
    },
  };
  return entry;
}

/** A collection the entry's `needs` guarantees (run checks before exec). */
function need<K extends Kind>(inputs: AnalysisInputs, kind: K): CollectionOf<K> {
  const c = inputs[kind];
  if (!c) throw new AnalysisError('input.missing', { kinds: kind }, `no ${kind} in the data`);
  return c;
}
const tally = <T, K extends string>(items: readonly T[], keys: readonly K[], keyOf: (x: T) => K | null): Counts<K> => {
  const out = Object.fromEntries(keys.map((k) => [k, 0])) as Counts<K>;
  for (const x of items) { const k = keyOf(x); if (k !== null) out[k] += 1; }
  return out;
};
const count = <T>(xs: readonly T[], pred: (x: T) => boolean): number => xs.reduce((k, x) => k + (pred(x) ? 1 : 0), 0);
const props = <P>(fc: { features: readonly { properties: P }[] }): P[] => fc.features.map((f) => f.properties);
const blockedOf = (inputs: AnalysisInputs) => (inputs.fire_lanes ? blockedLanes(inputs.fire_lanes) : undefined);
const str = (o: ResolvedOptions, key: string): string => String(o[key]);
const num = (o: ResolvedOptions, key: string): number => Number(o[key]);
const flag = (o: ResolvedOptions, key: string): boolean => o[key] === true;
const targetOption: OptionSpec = { type: 'choice', values: TARGET_KINDS, default: 'buildings' };
const RADIUS = 'hydrant.protection_radius_m';

const MIXING_KINDS: readonly MixingKind[] = ['three_in_one', 'mixed_building', 'dwelling_near_factory', 'workshop_in_hazard_area'];
/** Rules behind each mixing reason (the others cite XF 703 or GB 55037 as a whole). */
const MIXING_RULES: Readonly<Partial<Record<MixingReason, readonly string[]>>> = {
  forbidden_grade: ['three_in_one.forbidden_from_grade'],
  forbidden_large_mall: ['three_in_one.forbidden_mall_area_m2'],
  separate_living_required: ['three_in_one.separate_living_height_m', 'three_in_one.separate_living_area_m2', 'three_in_one.separate_living_sleepers'],
  within_factory_separation: ['separation.factory_civil', 'major_hazard.separation_fraction', 'major_hazard.hazmat_fraction'],
};
const unique = (xs: Iterable<string>): string[] => [...new Set(xs)];

const mixing = define<'mixing'>({
  name: 'mixing', needs: () => ['premises', 'buildings'], optional: ['hazard_areas'],
  rules: ['three_in_one.forbidden_from_grade', 'three_in_one.forbidden_mall_area_m2', 'three_in_one.separate_living_height_m', 'three_in_one.separate_living_area_m2',
    'three_in_one.separate_living_sleepers', 'separation.factory_civil', 'major_hazard.separation_fraction', 'major_hazard.hazmat_fraction', 'classification.assumed_hazard_class'],
  exec(inputs, rules) {
    const result = findMixing(need(inputs, 'premises'), need(inputs, 'buildings'), inputs.hazard_areas, { rules });
    const p = props(result);
    const counts = { findings: p.length, major: count(p, (x) => x.major), ...tally(p, MIXING_KINDS, (x) => x.kind) };
    return { result, counts, params: {}, rules: unique(p.flatMap((x) => MIXING_RULES[x.reason_code] ?? [])) };
  },
});

const separation = define<'separation'>({
  name: 'separation', needs: () => ['buildings'], options: { overlapping: { type: 'flag', default: false } },
  rules: ['separation.civil', 'separation.factory_civil', 'separation.factory_factory', 'major_hazard.separation_fraction'],
  exec(inputs, rules, o) {
    const result = findSeparationDeficiencies(need(inputs, 'buildings'), { rules, overlapping: flag(o, 'overlapping') });
    const p = props(result);
    const major = count(p, (x) => x.major);
    const cited = unique(p.map((x) => `separation.${x.basis}`)).sort();
    return {
      result, counts: { pairs: p.length, major, ...tally(p, ['touching', 'overlapping'] as const, (x) => (x.contact === 'none' ? null : x.contact)) },
      params: { major_fraction: rules.major_hazard.separation_fraction.value, overlapping: flag(o, 'overlapping') },
      rules: major > 0 ? [...cited, 'major_hazard.separation_fraction'] : cited,
    };
  },
});

const hydrantCoverageEntry = define<'hydrant-coverage'>({
  name: 'hydrant-coverage', needs: (o) => [str(o, 'targets') as TargetKind, 'hydrants'], options: { targets: targetOption }, rules: [RADIUS],
  exec(inputs, rules, o) {
    const targets = str(o, 'targets') as TargetKind;
    const result = hydrantCoverage(need(inputs, targets) as Targets, need(inputs, 'hydrants'), { rules });
    const p = props(result);
    const uncovered = count(p, (x) => !x.covered);
    return {
      result, counts: { targets: p.length, covered: p.length - uncovered, uncovered, only_out_of_service: count(p, (x) => x.covered_only_by_out_of_service) },
      params: { targets, radius_m: rules.hydrant.protection_radius_m.value }, rules: [RADIUS],
    };
  },
});

const hydrantNetwork = define<'hydrant-network'>({
  name: 'hydrant-network', needs: (o) => [str(o, 'targets') as TargetKind, 'hydrants', 'roads'], optional: ['fire_lanes'], options: { targets: targetOption }, rules: [RADIUS],
  exec(inputs, rules, o) {
    const targets = str(o, 'targets') as TargetKind;
    const blocked = blockedOf(inputs);
    const result = hydrantNetworkCoverage(need(inputs, targets) as Targets, need(inputs, 'hydrants'), need(inputs, 'roads'), { rules, ...(blocked ? { blocked } : {}) });
    const p = props(result);
    const uncoveredNetwork = count(p, (x) => !x.covered_network);
    return {
      result,
      counts: { targets: p.length, covered_network: p.length - uncoveredNetwork, uncovered_network: uncoveredNetwork, uncovered: count(p, (x) => !x.covered), blocked_lanes: blocked?.features.length ?? 0 },
      params: { targets, radius_m: rules.hydrant.protection_radius_m.value }, rules: [RADIUS],
    };
  },
});

const spacing = define<'hydrant-spacing'>({
  name: 'hydrant-spacing', needs: () => ['hydrants', 'roads'], optional: ['fire_lanes'], rules: ['hydrant.spacing_m'],
  exec(inputs, rules) {
    const blocked = blockedOf(inputs);
    const result = hydrantSpacing(need(inputs, 'hydrants'), need(inputs, 'roads'), { rules, ...(blocked ? { blocked } : {}) });
    const counts = { ...tally(props(result), ['gap', 'no_hydrant'] as const, (x) => x.kind), blocked_lanes: blocked?.features.length ?? 0 };
    return { result, counts: { gaps: counts.gap, no_hydrant: counts.no_hydrant, blocked_lanes: counts.blocked_lanes }, params: { spacing_m: rules.hydrant.spacing_m.value }, rules: ['hydrant.spacing_m'] };
  },
});

const EXTENT_KINDS = ['roads', 'buildings', 'premises', 'hydrants', 'grids'] as const;
const coverage = define<'coverage-grid'>({
  name: 'coverage-grid', needs: (o) => (o.area === 'grids' ? ['hydrants', 'grids'] : ['hydrants']), optional: ['roads', 'buildings', 'premises', 'grids'], rules: [RADIUS],
  options: {
    cell_m: { type: 'number', min: 10, default: 50 },
    shape: { type: 'choice', values: ['square', 'hex'], default: 'square' },
    area: { type: 'choice', values: ['extent', 'grids'], default: 'extent' },
  },
  exec(inputs, rules, o, step) {
    const shape = str(o, 'shape') as 'square' | 'hex', cell = num(o, 'cell_m');
    // The district's extent: the box of everything given (roads usually reach the edges).
    step('extent', 0.1);
    const area = o.area === 'grids' ? need(inputs, 'grids')
      : bboxOfCoordinates(EXTENT_KINDS.flatMap((k) => (inputs[k]?.features ?? []).map((f) => f.geometry?.coordinates ?? [])));
    const result = coverageGrid(area, need(inputs, 'hydrants'), { rules, cell_m: cell, shape });
    const p = props(result);
    return {
      result, counts: { cells: p.length, ...tally(p, ['covered', 'uncovered', 'covered_only_out_of_service'] as const, (x) => x.status) },
      params: { cell_m: cell, radius_m: rules.hydrant.protection_radius_m.value, shape, area: str(o, 'area') }, rules: [RADIUS],
    };
  },
});

const gridCoverage = define<'grid-coverage'>({
  name: 'grid-coverage', rules: ['iot.key_unit_connection_targets'],
  needs: (o) => (o.check === 'iot' ? ['premises'] : o.check === 'overlaps' || o.check === 'unstaffed' ? ['grids'] : ['premises', 'grids']),
  options: { check: { type: 'choice', values: GRID_CHECKS, default: 'all' } },
  exec(inputs, rules, o, step) {
    const want = str(o, 'check') as GridCheck;
    const checks = GRID_CHECKS.filter((c) => c !== 'all' && (want === 'all' || want === c)) as Exclude<GridCheck, 'all'>[];
    const features: FeatureCollection['features'] = [];
    const counts: SummaryShapes['grid-coverage']['counts'] = {};
    const cited: string[] = [];
    const premises = () => need(inputs, 'premises'), grids = () => need(inputs, 'grids');
    checks.forEach((check, k) => {
      step(check, Math.round(100 * (0.05 + (0.9 * k) / checks.length)) / 100);
      const fc: FeatureCollection<Geometry, object> = check === 'outside' ? premisesOutsideGrids(premises(), grids())
        : check === 'overlaps' ? overlappingGridCells(grids())
          : check === 'unstaffed' ? unstaffedGridCells(grids())
            : check === 'workload' ? gridWorkload(grids(), premises())
              : iotConnectionByCommunity(premises(), { rules });
      for (const f of fc.features) features.push({ ...f, properties: { check, ...f.properties } });
      counts[check] = fc.features.length;
      if (check === 'iot') {
        counts.iot_below_target = count(fc.features, (f) => !(f.properties as { meets_target: boolean }).meets_target);
        cited.push('iot.key_unit_connection_targets');
      }
    });
    return { result: { type: 'FeatureCollection', features }, counts, params: { check: want }, rules: cited };
  },
});

const RESPONSE_STATUSES: readonly ResponseStatus[] = ['within', 'beyond_budget', 'unreachable', 'front_blocked', 'off_network'];
const stations = define<'station-response'>({
  name: 'station-response', needs: () => ['stations', 'roads', 'premises'], optional: ['fire_lanes'],
  rules: ['response.response_min', 'response.travel_min', 'response.engine_speed_kmh', 'response.route_factor'],
  options: {
    budget: { type: 'choice', values: ['response', 'travel'], default: 'response' },
    cell_m: { type: 'number', min: 0, default: 100 },
    all: { type: 'flag', default: false },
  },
  exec(inputs, rules, o) {
    const blocked = blockedOf(inputs);
    const budget = o.budget === 'travel' ? 'travel_min' : 'response_min';
    const minutes = rules.response[budget].value, cell = num(o, 'cell_m'), all = flag(o, 'all');
    const result = stationResponse(need(inputs, 'stations'), need(inputs, 'roads'), need(inputs, 'premises'),
      { rules, minutes, cell_m: cell, all, ...(blocked ? { blocked } : {}) });
    const p = props(result);
    const of = (kind: 'premise' | 'cell') => tally(p, RESPONSE_STATUSES, (x) => (x.kind === kind ? x.status : null));
    const prefixed = <P extends string>(prefix: P, c: Counts<ResponseStatus>) => Object.fromEntries(RESPONSE_STATUSES.map((s) => [`${prefix}_${s}`, c[s]])) as Counts<`${P}_${ResponseStatus}`>;
    const pc = of('premise'), cc = of('cell');
    return {
      result,
      counts: { premises: count(p, (x) => x.kind === 'premise'), cells: count(p, (x) => x.kind === 'cell'), ...prefixed('premises', pc), ...prefixed('cells', cc), blocked_lanes: blocked?.features.length ?? 0 },
      params: { budget_min: minutes, speed_kmh: rules.response.engine_speed_kmh.value, cell_m: cell, all },
      rules: [`response.${budget}`, 'response.engine_speed_kmh', 'response.route_factor'],
    };
  },
});

const clusters = define<'clusters'>({
  name: 'clusters', needs: () => ['premises'], optional: ['hazard_areas'], rules: [],
  options: {
    eps_m: { type: 'number', min: 0.1, default: 60 },
    min_points: { type: 'number', min: 1, integer: true, default: 5 },
    weighted: { type: 'flag', default: false },
  },
  exec(inputs, _rules, o) {
    const params = { eps_m: num(o, 'eps_m'), min_points: num(o, 'min_points'), weighted: flag(o, 'weighted') };
    const result = hazardClusters(need(inputs, 'premises'), inputs.hazard_areas, { eps_m: params.eps_m, minPoints: params.min_points, weighted: params.weighted });
    const p = props(result);
    const sum = (key: 'premises' | 'hazards' | 'general' | 'larger' | 'major') => p.reduce((k, x) => k + x[key], 0);
    return {
      result, params, rules: [],
      counts: { clusters: p.length, premises: sum('premises'), hazards: sum('hazards'), general: sum('general'), larger: sum('larger'), major: sum('major'), undeclared: count(p, (x) => !x.covered_by_declared_area) },
    };
  },
});

/** Every analysis by name, in the order of ANALYSIS_NAMES. */
export const ANALYSES: { readonly [N in AnalysisName]: AnalysisEntry<N> } = {
  mixing, separation, 'hydrant-coverage': hydrantCoverageEntry, 'hydrant-network': hydrantNetwork, 'hydrant-spacing': spacing,
  'coverage-grid': coverage, 'grid-coverage': gridCoverage, 'station-response': stations, clusters,
};

/**
 * Runs one analysis by name.
 * @throws AnalysisError for an unknown analysis, an unknown or invalid option, or a needed kind missing
 * @example runAnalysis('separation', { buildings }, DEFAULT_RULES).summary.counts // { pairs, major, touching, overlapping }
 */
export function runAnalysis(name: string, inputs: AnalysisInputs, rules: Rules, options?: AnalysisOptions, progress?: Progress): { result: FeatureCollection; summary: AnalysisSummary } {
  if (!isAnalysisName(name)) throw new AnalysisError('analysis.unknown', { analysis: name }, `unknown analysis "${name}" (one of ${ANALYSIS_NAMES.join(', ')})`);
  const entry: AnalysisEntry = ANALYSES[name];
  // The entry's summary names this analysis: the union member that `name` selects.
  return entry.run(inputs, rules, options, progress) as { result: FeatureCollection; summary: AnalysisSummary };
}
