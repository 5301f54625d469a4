/**
 * What each feature of an analysis result is, for the map, the legend and the findings list alike:
 * its style class (read from the result's own properties: severity, kind, status…), and a stable id.
 * One table per analysis, so the map's colours, the legend and the list's swatches cannot disagree.
 *
 * Colours are Okabe–Ito, as the analyses' own simplestyle output: vermillion for major / uncovered /
 * unreachable, orange for deficient, reddish purple where only out-of-service hydrants help, bluish
 * green for what meets the rule, blue for what is already known. Lines also differ in width and
 * points in size by severity, so the order reads without hue.
 */
import { COLOURS } from '../../analysis/common.ts';
import type {
  ClusterProps, CoverageCellProps, HydrantCoverageProps, HydrantNetworkProps, HydrantSpacingProps, MixingFinding, SeparationFinding, StationResponseProps,
} from '../../analysis/index.ts';
import type { SwatchShape } from '../legend-types.ts';
import { OKABE_ITO, type Rgb } from '../palette.ts';
import type { AnalysisFeature, AnalysisName } from './types.ts';

/** One class of features of an analysis: a legend item, a colour, and whether it is a finding. */
export interface AnalysisClass {
  /** Legend item id; its label is the message `analysis.class.<name>.<id>`. */
  readonly id: string;
  readonly color: Rgb;
  readonly shape: SwatchShape;
  /** A finding lists; a class that is not (covered cells, reachable places) is only context on the map. */
  readonly finding: boolean;
}

/** Loosely typed properties of a result feature: results come over a worker boundary, so nothing is trusted. */
type Props = Readonly<Record<string, unknown>>;

const c = (id: string, color: Rgb, shape: SwatchShape, finding = true): AnalysisClass => ({ id, color, shape, finding });
const V = OKABE_ITO.vermillion, O = OKABE_ITO.orange, P = OKABE_ITO.reddishPurple, G = OKABE_ITO.bluishGreen, B = OKABE_ITO.blue;

/** The classes of each analysis, most severe first (the legend's order; drawn last, on top). */
export const ANALYSIS_CLASSES: Readonly<Record<AnalysisName, readonly AnalysisClass[]>> = {
  separation: [c('major', V, 'line'), c('deficient', O, 'line')],
  mixing: [c('three_in_one', V, 'circle'), c('dwelling_near_factory', P, 'line'), c('mixed_building', O, 'square'), c('workshop_in_hazard_area', B, 'circle')],
  'hydrant-coverage': [c('uncovered', V, 'square'), c('out_of_service_only', P, 'square')],
  'hydrant-network': [c('uncovered', V, 'square'), c('straight_only', O, 'square')],
  'hydrant-spacing': [c('gap', V, 'line'), c('no_hydrant', P, 'line')],
  'coverage-grid': [c('uncovered', V, 'square'), c('out_of_service_only', P, 'square'), c('covered', G, 'square', false)],
  'grid-coverage': [
    c('unstaffed', P, 'square'), c('outside', V, 'circle'), c('overlap', O, 'square'), c('overloaded', OKABE_ITO.yellow, 'square'), c('iot_below_target', B, 'circle'),
  ],
  'station-response': [c('unreachable', V, 'square'), c('beyond_budget', O, 'square'), c('off_network', OKABE_ITO.grey, 'square'), c('within', G, 'square', false)],
  clusters: [c('undeclared', V, 'square'), c('declared', B, 'square')],
};

/** The analyses whose findings are small on the map (a gap of a few metres, one building): they get a dot at their representative point too. */
export const MARKED_ANALYSES: ReadonlySet<AnalysisName> = new Set<AnalysisName>(['separation', 'mixing', 'hydrant-coverage', 'hydrant-network']);

/** The grid-management check a feature answers (the `check` the runner adds, else guessed from its properties). */
export type GridCheck = 'outside' | 'overlaps' | 'unstaffed' | 'workload' | 'iot';

/** Which grid-management check a feature of a grid-coverage result comes from. */
export function gridCheckOf(p: Props): GridCheck | null {
  const check = p['check'];
  if (check === 'outside' || check === 'overlaps' || check === 'unstaffed' || check === 'workload' || check === 'iot') return check;
  if ('declared_grid_id' in p) return 'outside';
  if ('meets_target' in p) return 'iot';
  if ('premises_per_worker' in p) return 'workload';
  if ('area_m2' in p && 'a' in p) return 'overlaps';
  if ('grid_id' in p) return 'unstaffed';
  return null;
}

const str = (x: unknown): string => (typeof x === 'string' ? x : typeof x === 'number' ? String(x) : '');

type Classify = (p: Props) => string | null;

const CLASSIFY: Readonly<Record<AnalysisName, Classify>> = {
  separation: (p) => ((p as Partial<SeparationFinding>).major ? 'major' : 'deficient'),
  mixing: (p) => {
    const kind = (p as Partial<MixingFinding>).kind;
    return kind === 'three_in_one' || kind === 'mixed_building' || kind === 'dwelling_near_factory' || kind === 'workshop_in_hazard_area' ? kind : null;
  },
  'hydrant-coverage': (p) => {
    const q = p as Partial<HydrantCoverageProps>;
    if (q.covered !== false) return null;
    return q.covered_only_by_out_of_service ? 'out_of_service_only' : 'uncovered';
  },
  'hydrant-network': (p) => {
    const q = p as Partial<HydrantNetworkProps>;
    if (q.covered_network !== false) return null;
    return q.covered ? 'straight_only' : 'uncovered';
  },
  'hydrant-spacing': (p) => ((p as Partial<HydrantSpacingProps>).kind === 'no_hydrant' ? 'no_hydrant' : 'gap'),
  'coverage-grid': (p) => {
    const status = (p as Partial<CoverageCellProps>).status;
    return status === 'covered' ? 'covered' : status === 'covered_only_out_of_service' ? 'out_of_service_only' : status === 'uncovered' ? 'uncovered' : null;
  },
  'grid-coverage': (p) => {
    switch (gridCheckOf(p)) {
      case 'outside': return 'outside';
      case 'overlaps': return 'overlap';
      case 'unstaffed': return 'unstaffed';
      case 'iot': return p['meets_target'] === false ? 'iot_below_target' : null;
      case 'workload':
        if (p['workers'] === 0) return 'unstaffed';
        // gridWorkload's own verdict (above 1.5 × the median load) is in its documented simplestyle colour.
        return str(p['fill']).toUpperCase() === COLOURS.deficient ? 'overloaded' : null;
      default: return null;
    }
  },
  'station-response': (p) => {
    const status = (p as Partial<StationResponseProps>).status;
    if (status === 'unreachable' || status === 'front_blocked') return 'unreachable';
    return status === 'beyond_budget' || status === 'off_network' || status === 'within' ? status : null;
  },
  clusters: (p) => ((p as Partial<ClusterProps>).covered_by_declared_area ? 'declared' : 'undeclared'),
};

const classIndex = new Map<AnalysisName, ReadonlyMap<string, AnalysisClass>>();

/** The class of a result feature (null: neither drawn nor listed, e.g. a covered building). */
export function classOf(name: AnalysisName, feature: AnalysisFeature): AnalysisClass | null {
  const id = CLASSIFY[name]((feature.properties ?? {}) as Props);
  return id === null ? null : analysisClass(name, id);
}

/** A class of an analysis by id, or null. */
export function analysisClass(name: AnalysisName, id: string): AnalysisClass | null {
  let byId = classIndex.get(name);
  if (!byId) classIndex.set(name, (byId = new Map(ANALYSIS_CLASSES[name].map((k) => [k.id, k]))));
  return byId.get(id) ?? null;
}

/** Whether a finding is major: drawn larger with a dark outline (mixing's kinds carry severity apart). */
export function isMajorFeature(name: AnalysisName, feature: AnalysisFeature): boolean {
  const p = (feature.properties ?? {}) as Props;
  return name === 'mixing' ? p['major'] === true : classOf(name, feature) === (ANALYSIS_CLASSES[name][0] ?? null);
}

/**
 * A stable id of a result feature, from what the feature is about (building pair, target id, cell,
 * cluster…), so a list row, the map's highlight and a link agree. Features about the same thing get
 * the same id on purpose (a road drawn in two parts, a cell without a worker found by two checks).
 * @example findingId('separation', { type: 'Feature', geometry: null, properties: { a: 'B1', b: 'B2' } }, 0) // 'B1|B2'
 */
export function findingId(name: AnalysisName, feature: AnalysisFeature, index: number): string {
  const p = (feature.properties ?? {}) as Props;
  const fallback = feature.id !== undefined ? String(feature.id) : `#${index}`;
  const or = (id: string): string => (id === '' || id.endsWith('|') ? fallback : id);
  switch (name) {
    case 'separation': return or(`${str(p['a'])}|${str(p['b'])}`);
    case 'mixing': {
      const premise = str(p['premise_id']);
      const buildings = Array.isArray(p['building_ids']) ? p['building_ids'].map(str).join('+') : '';
      return premise || buildings ? `${str(p['kind'])}|${str(p['reason_code'])}|${premise}|${buildings}` : fallback;
    }
    case 'hydrant-coverage': case 'hydrant-network': return or(str(p['id']));
    case 'hydrant-spacing': return p['kind'] === 'no_hydrant' ? or(`road|${str(p['road'])}`) : or(`${str(p['a'])}|${str(p['b'])}`);
    case 'coverage-grid': return or(str(p['cell']));
    case 'grid-coverage': {
      const check = gridCheckOf(p);
      if (check === 'outside') return or(`outside|${str(p['id'])}`);
      if (check === 'overlaps') return or(`overlap|${str(p['a'])}|${str(p['b'])}`);
      if (check === 'iot') return or(`iot|${str(p['community'])}`);
      if (check === 'unstaffed' || (check === 'workload' && p['workers'] === 0)) return or(`unstaffed|${str(p['grid_id'])}`);
      return or(`workload|${str(p['grid_id'])}`);
    }
    case 'station-response': return or(`${str(p['kind'])}|${str(p['id'])}`);
    case 'clusters': return or(str(p['cluster_id']));
  }
}
