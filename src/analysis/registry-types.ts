/**
 * The types of the analysis table (registry.ts): names, inputs, options, summaries and errors, with the
 * option checks the table, the worker and the command line share. Split from registry.ts to keep both small;
 * import from registry.ts, which re-exports all of this.
 */
import type { Kind } from '../sources/contract/kinds.ts';
import type { CollectionOf } from '../sources/contract/types.ts';
import type { FeatureCollection } from 'geojson';
import type { CoverageStatus } from './coverage-grid.ts';
import type { MixingKind } from './mixing.ts';
import type { ResponseStatus } from './station-response.ts';
import type { Rules } from './rules.ts';

/** The analyses of the table, in the order the UI and the usage text list them. */
export const ANALYSIS_NAMES = [
  'mixing', 'separation', 'hydrant-coverage', 'hydrant-network', 'hydrant-spacing', 'coverage-grid', 'grid-coverage', 'station-response', 'clusters',
] as const;
export type AnalysisName = (typeof ANALYSIS_NAMES)[number];

/** Collections by kind, any of them absent: the shape the app's data and the CLI's loader give. */
export type AnalysisInputs = { readonly [K in Kind]?: CollectionOf<K> };
/** An option's value: a choice, a number or a flag. */
export type OptionValue = string | number | boolean;
/** Options as given (missing ones take their defaults). */
export type AnalysisOptions = Readonly<Record<string, OptionValue>>;
/** What an option accepts, and its default. */
export type OptionSpec =
  | { readonly type: 'flag'; readonly default: boolean }
  | { readonly type: 'choice'; readonly values: readonly string[]; readonly default: string }
  | { readonly type: 'number'; readonly min: number; readonly integer?: boolean; readonly default: number };
/** Reports a stage code ('prepare', 'run', a grid check, 'summarise', 'done') and the fraction done, 0–1. */
export type Progress = (stage: string, fraction: number) => void;

/** What hydrant coverage covers (the `targets` option). */
export const TARGET_KINDS = ['buildings', 'premises'] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];
/** The checks of grid-coverage (the `check` option); each result feature says which in `check`. */
export const GRID_CHECKS = ['all', 'outside', 'overlaps', 'unstaffed', 'workload', 'iot'] as const;
export type GridCheck = (typeof GRID_CHECKS)[number];
/** Counts by key. */
export type Counts<K extends string> = Record<K, number>;

/** Per analysis: the counts (keys the UI translates) and the parameters in force. */
export interface SummaryShapes {
  mixing: { counts: Counts<'findings' | 'major' | MixingKind>; params: Record<string, never> };
  separation: { counts: Counts<'pairs' | 'major' | 'touching' | 'overlapping'>; params: { major_fraction: number; overlapping: boolean } };
  'hydrant-coverage': { counts: Counts<'targets' | 'covered' | 'uncovered' | 'only_out_of_service'>; params: { targets: TargetKind; radius_m: number } };
  'hydrant-network': {
    counts: Counts<'targets' | 'covered_network' | 'uncovered_network' | 'uncovered' | 'blocked_lanes'>; params: { targets: TargetKind; radius_m: number };
  };
  'hydrant-spacing': { counts: Counts<'gaps' | 'no_hydrant' | 'blocked_lanes'>; params: { spacing_m: number } };
  'coverage-grid': { counts: Counts<'cells' | CoverageStatus>; params: { cell_m: number; radius_m: number; shape: string; area: string } };
  'grid-coverage': { counts: Partial<Counts<Exclude<GridCheck, 'all'> | 'iot_below_target'>>; params: { check: GridCheck } };
  'station-response': {
    counts: Counts<'premises' | 'cells' | `premises_${ResponseStatus}` | `cells_${ResponseStatus}` | 'blocked_lanes'>;
    params: { budget_min: number; speed_kmh: number; cell_m: number; all: boolean };
  };
  clusters: { counts: Counts<'clusters' | 'premises' | 'hazards' | 'general' | 'larger' | 'major' | 'undeclared'>; params: { eps_m: number; min_points: number; weighted: boolean } };
}

/** The summary of one run: structured, for the UI to translate and the CLI to print. */
export interface SummaryOf<N extends AnalysisName> {
  analysis: N;
  /** Features in the result. */
  features: number;
  counts: SummaryShapes[N]['counts'];
  params: SummaryShapes[N]['params'];
  /** Rule paths the result cites, e.g. ['separation.civil', 'major_hazard.separation_fraction'] (see listRules). */
  rules: string[];
}
/** A summary of any analysis, told apart by `analysis`. */
export type AnalysisSummary = { [N in AnalysisName]: SummaryOf<N> }[AnalysisName];

/** What an entry's run gives. */
export interface AnalysisRun<N extends AnalysisName = AnalysisName> {
  result: FeatureCollection;
  summary: SummaryOf<N>;
}

/**
 * Codes of AnalysisError and their params: 'analysis.unknown' { analysis }, 'option.unknown' { option },
 * 'option.invalid' { option, value }, 'input.missing' { kinds } (comma-separated).
 */
export type AnalysisErrorCode = 'analysis.unknown' | 'option.unknown' | 'option.invalid' | 'input.missing';

/** A request the table refuses, with a stable code (the UI translates it) and params. */
export class AnalysisError extends Error {
  override readonly name = 'AnalysisError';
  constructor(readonly code: AnalysisErrorCode, readonly params: Record<string, string | number>, message: string) {
    super(message);
  }
}

/** Options with every default filled in and checked. */
export type ResolvedOptions = Readonly<Record<string, OptionValue>>;

/** One analysis of the table. */
export interface AnalysisEntry<N extends AnalysisName = AnalysisName> {
  readonly name: N;
  /** Kinds that must be present and non-empty, given the options. */
  needs(options: ResolvedOptions): readonly Kind[];
  /** Kinds used when present. */
  readonly optional: readonly Kind[];
  readonly options: Readonly<Record<string, OptionSpec>>;
  /** Every rule path the analysis may read (the summary lists those its result cites). */
  readonly rules: readonly string[];
  /** Checks options and inputs (throws AnalysisError), runs, summarises. */
  run(inputs: AnalysisInputs, rules: Rules, options?: AnalysisOptions, progress?: Progress): AnalysisRun<N>;
}

/**
 * Fills defaults and checks each option against its spec.
 * @throws AnalysisError 'option.unknown' or 'option.invalid' (params: option, value)
 */
export function resolveOptions(entry: Pick<AnalysisEntry, 'name' | 'options'>, given: AnalysisOptions = {}): ResolvedOptions {
  const out: Record<string, OptionValue> = {};
  for (const [key, value] of Object.entries(given)) {
    const spec = Object.hasOwn(entry.options, key) ? entry.options[key] : undefined;
    if (!spec) throw new AnalysisError('option.unknown', { option: key }, `unknown option "${key}" for ${entry.name}`);
    const ok = spec.type === 'flag' ? typeof value === 'boolean'
      : spec.type === 'choice' ? typeof value === 'string' && spec.values.includes(value)
        : typeof value === 'number' && Number.isFinite(value) && value >= spec.min && (!spec.integer || Number.isInteger(value));
    if (!ok) throw new AnalysisError('option.invalid', { option: key, value: String(value) }, `option "${key}" of ${entry.name} cannot be ${JSON.stringify(value)}`);
    out[key] = value;
  }
  for (const [key, spec] of Object.entries(entry.options)) if (!Object.hasOwn(out, key)) out[key] = spec.default;
  return out;
}

/** The needed kinds that are absent or empty in `inputs`. */
export function missingInputs(entry: Pick<AnalysisEntry, 'needs'>, inputs: AnalysisInputs, options: ResolvedOptions): Kind[] {
  return entry.needs(options).filter((k) => (inputs[k]?.features.length ?? 0) === 0);
}

/** True for a name of the table (e.g. from a URL or a worker message). */
export function isAnalysisName(name: string): name is AnalysisName {
  return (ANALYSIS_NAMES as readonly string[]).includes(name);
}
