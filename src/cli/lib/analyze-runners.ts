/**
 * The analyses `npm run analyze` can run: thin wrappers over the shared table (src/analysis/registry.ts)
 * that add what only the command line has — its option names and help, and an English summary line
 * built from the structured summary. `hydrant-coverage --network` runs the table's `hydrant-network`.
 */
import type { FeatureCollection } from 'geojson';
import {
  ANALYSES, resolveOptions, type AnalysisEntry, type AnalysisInputs, type AnalysisName, type AnalysisOptions, type AnalysisSummary, type OptionValue,
  type ResolvedOptions,
} from '../../analysis/registry.ts';
import type { Rules } from '../../analysis/index.ts';
import type { Kind } from '../../sources/contract/kinds.ts';
import type { CollectionOf } from '../../sources/contract/types.ts';

/** What the command read, by kind (absent kinds are missing). */
export type Inputs = { [K in Kind]?: CollectionOf<K> };

export interface OptionSpec {
  /** Allowed values; a flag when neither this nor `number` is given. */
  values?: readonly string[];
  /** A number at least `min` (a whole number when `integer`). */
  number?: { min: number; integer?: boolean };
  default?: string;
  help: string;
}

export interface RunResult {
  result: FeatureCollection;
  /** One line for stderr, e.g. "7,110 deficient pairs (2,405 major)". */
  summary: string;
}

/** Command-line options as parsed: a string value, or true for a flag. */
export type CliOptions = Readonly<Record<string, string | boolean>>;

export interface Runner {
  name: string;
  /** One line for the usage text. */
  title: string;
  /** Kinds that must be present (given the options). */
  needs(options: CliOptions): Kind[];
  /** Kinds used when present. */
  optional?: Kind[];
  options: Readonly<Record<string, OptionSpec>>;
  run(inputs: Inputs, rules: Rules, options: CliOptions): RunResult;
}

const n = (x: number): string => x.toLocaleString('en-US');

/** One command-line option: its help, and the table option it sets (none for a switch the wrapper reads itself). */
interface CliOption { help: string; sets?: string }

type SummaryFor<N extends AnalysisName> = Extract<AnalysisSummary, { analysis: N }>;

interface Wrapper<N extends AnalysisName> {
  title: string;
  options: Readonly<Record<string, CliOption>>;
  /** The table entry to run, when the options choose among several (default: the one named like the command). */
  entry?(options: CliOptions): N;
  /** Every entry `entry` may choose (their optional kinds are read too). */
  variants?: readonly N[];
  /** The English summary line. */
  line(summary: SummaryFor<N>): string;
}

/** The table's option as the command line spells it: values, numbers and defaults from the table. */
function cliSpec(entry: AnalysisEntry, option: CliOption): OptionSpec {
  const spec = option.sets ? entry.options[option.sets] : undefined;
  if (!spec || spec.type === 'flag') return { help: option.help };
  if (spec.type === 'choice') return { values: spec.values, default: spec.default, help: option.help };
  return { number: { min: spec.min, ...(spec.integer ? { integer: true } : {}) }, default: String(spec.default), help: option.help };
}

/** Command-line values (strings, true) as table options (numbers, booleans, strings). */
function tableOptions(entry: AnalysisEntry, wrapper: Pick<Wrapper<AnalysisName>, 'options'>, options: CliOptions): AnalysisOptions {
  const out: Record<string, OptionValue> = {};
  for (const [key, value] of Object.entries(options)) {
    const target = wrapper.options[key]?.sets;
    const spec = target ? entry.options[target] : undefined;
    if (!target || !spec) continue;
    out[target] = spec.type === 'number' ? Number(value) : spec.type === 'flag' ? value === true : String(value);
  }
  return out;
}

function wrap<N extends AnalysisName>(name: N, wrapper: Wrapper<N>): Runner {
  const entryOf = (o: CliOptions): AnalysisEntry => ANALYSES[wrapper.entry?.(o) ?? name];
  const resolved = (o: CliOptions): { entry: AnalysisEntry; options: ResolvedOptions } => {
    const entry = entryOf(o);
    return { entry, options: resolveOptions(entry, tableOptions(entry, wrapper, o)) };
  };
  const main = entryOf({});
  return {
    name,
    title: wrapper.title,
    needs: (o) => { const { entry, options } = resolved(o); return [...entry.needs(options)]; },
    optional: [...new Set((wrapper.variants ?? [name]).flatMap((v) => ANALYSES[v].optional))],
    options: Object.fromEntries(Object.entries(wrapper.options).map(([k, o]) => [k, cliSpec(main, o)])),
    run(inputs, rules, o) {
      const { entry, options } = resolved(o);
      // The command line has checked what it read; the table checks again and throws on what is missing.
      const { result, summary } = entry.run(inputs as AnalysisInputs, rules, options);
      return { result, summary: wrapper.line(summary as SummaryFor<N>) };
    },
  };
}

const mixing = wrap('mixing', {
  title: 'factory–residence mixing: three-in-one premises, mixed buildings, dwellings near factories, workshops in hazard areas',
  options: {},
  line(s) {
    const c = s.counts;
    const kinds = ['three_in_one', 'mixed_building', 'dwelling_near_factory', 'workshop_in_hazard_area'] as const;
    return `${n(c.findings)} findings (${n(c.major)} major): ${kinds.map((k) => `${k} ${n(c[k])}`).join(', ')}`;
  },
});

const separation = wrap('separation', {
  title: 'pairs of buildings closer than GB 50016 requires (防火间距不足)',
  options: { overlapping: { help: 'also report overlapping footprints (data errors; left out by default)', sets: 'overlapping' } },
  line(s) {
    const { counts: c, params } = s;
    return `${n(c.pairs)} deficient pairs (${n(c.major)} major, below ${params.major_fraction * 100} %; ${n(c.touching)} touching)`;
  },
});

const coverage = wrap<'hydrant-coverage' | 'hydrant-network'>('hydrant-coverage', {
  title: 'per building (or premise): nearest in-service hydrant, distance, covered within the radius',
  options: {
    targets: { help: 'what to cover', sets: 'targets' },
    network: { help: 'measure along the streets (roads; blocked fire lanes left out) as well as in a straight line' },
  },
  entry: (o) => (o.network ? 'hydrant-network' : 'hydrant-coverage'),
  variants: ['hydrant-coverage', 'hydrant-network'],
  line(s) {
    if (s.analysis === 'hydrant-network') {
        const { counts: c, params } = s;
      return `${n(c.targets)} ${params.targets}: ${n(c.uncovered_network)} beyond ${params.radius_m} m along streets, `
        + `${n(c.uncovered)} in a straight line${c.blocked_lanes ? ` (${n(c.blocked_lanes)} blocked lanes left out)` : ''}`;
    }
    const { counts: c, params } = s;
    return `${n(c.targets)} ${params.targets}: ${n(c.uncovered)} beyond ${params.radius_m} m of an in-service hydrant `
      + `(${n(c.only_out_of_service)} of them near only out-of-service ones)`;
  },
});

const spacing = wrap('hydrant-spacing', {
  title: 'stretches of road where in-service hydrants are farther apart than the spacing rule',
  options: {},
  line(s) {
    const { counts: c, params } = s;
    return `${n(c.gaps)} gaps over ${params.spacing_m} m, ${n(c.no_hydrant)} roads without a hydrant`;
  },
});

const GRID_PARTS = [['outside', 'premises outside every cell'], ['overlaps', 'overlaps'], ['unstaffed', 'cells without a worker'], ['workload', 'cells'], ['iot', 'communities']] as const;
const gridCoverage = wrap('grid-coverage', {
  title: 'grid management: premises outside every cell, overlapping cells, cells without a worker, load per cell, IoT connection of key units',
  options: { check: { help: 'one check, or all of them (each feature says which in `check`)', sets: 'check' } },
  line(s) {
    const c = s.counts;
    return GRID_PARTS.filter(([k]) => c[k] !== undefined)
      .map(([k, what]) => `${k} ${n(c[k] ?? 0)} ${what}${k === 'iot' ? ` (${n(c.iot_below_target ?? 0)} below the target)` : ''}`).join('; ');
  },
});

const grid = wrap('coverage-grid', {
  title: 'cells over the district (or the grid cells) by hydrant coverage of their centre',
  options: {
    cell: { help: 'distance between cell centres, metres', sets: 'cell_m' },
    shape: { help: 'cell shape', sets: 'shape' },
    area: { help: 'cover the box of all data read, or only the grid cells (grids)', sets: 'area' },
  },
  line(s) {
    const { counts: c, params } = s;
    return `${n(c.cells)} ${params.shape} cells of ${params.cell_m} m: ${n(c.uncovered)} beyond ${params.radius_m} m of an in-service hydrant, `
      + `${n(c.covered_only_out_of_service)} near only out-of-service ones`;
  },
});

const STATUSES = ['within', 'beyond_budget', 'unreachable', 'front_blocked', 'off_network'] as const;
const response = wrap('station-response', {
  title: 'premises and area cells no fire station reaches within the response time, blocked lanes left out (GB 51080)',
  options: {
    budget: { help: 'response time (5 min) or the travel budget within it (4 min)', sets: 'budget' },
    cell: { help: 'side of the area cells, metres (0: premises only)', sets: 'cell_m' },
    all: { help: 'list premises and cells within the budget too', sets: 'all' },
  },
  line(s) {
    const { counts: c, params } = s;
    const by = (prefix: 'premises' | 'cells') => STATUSES.map((st) => `${st} ${n(c[`${prefix}_${st}`])}`).join(', ');
    return `${params.budget_min} min at ${params.speed_kmh} km/h: ${n(c.premises)} premises (${by('premises')})${params.cell_m > 0 ? `, ${n(c.cells)} cells (${by('cells')})` : ''}`
      + `${c.blocked_lanes ? `; ${n(c.blocked_lanes)} blocked lanes left out` : ''}`;
  },
});

const clusters = wrap('clusters', {
  title: 'clusters of premises with open hazards (DBSCAN): candidate regional hazard areas',
  options: {
    eps: { help: 'neighbourhood radius, metres', sets: 'eps_m' },
    'min-points': { help: 'premises within eps for a core point', sets: 'min_points' },
    weighted: { help: 'weigh premises by their open hazards\' severities (general 1, larger 2, major 3)', sets: 'weighted' },
  },
  line(s) {
    const c = s.counts;
    return `${n(c.clusters)} clusters of ${n(c.premises)} premises; ${n(c.undeclared)} not covered by a declared hazard area`;
  },
});

/** Every analysis by command name, in the order of the usage text. */
export const RUNNERS: readonly Runner[] = [mixing, separation, coverage, spacing, gridCoverage, clusters, grid, response];

export function runnerByName(name: string): Runner | undefined {
  return RUNNERS.find((r) => r.name === name);
}
