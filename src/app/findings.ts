/**
 * Analysis results as lists of findings: one row per finding, most severe first, then the largest
 * shortfall (how far past the rule: metres, minutes, a count), then by id so the order is stable.
 *
 * What counts as a finding, and its style class, come from the class table of the analysis layers
 * (src/layers/analysis/classes.ts), so the list and the map agree: a covered building or a cell
 * within reach is drawn as context but not listed. Rows carry ids and numbers under a message key,
 * never prose: the list translates them in the current language.
 */
import { DEFAULT_RULES } from '../analysis/rules.ts';
import type {
  ClusterProps, CoverageCellProps, HydrantNetworkProps, HydrantSpacingProps, IotCommunityProps, MixingFinding, OutsideGridProps,
  OverlapProps, SeparationFinding, StationResponseProps, WorkloadProps,
} from '../analysis/index.ts';
import {
  classOf, findingId, representativePoint, type AnalysisClass, type AnalysisFeature, type AnalysisName, type AnalysisResult,
  type FindingLabel, type FindingRow, type SeverityRank,
} from '../layers/analysis/index.ts';

export type { FindingLabel, FindingRow, SeverityRank } from '../layers/analysis/index.ts';

/** Options of {@link findingRows}. */
export interface FindingRowsOptions {
  /** Keep only the first rows after sorting. Default: all. */
  limit?: number;
  /** What hydrant coverage was run on: with 'premises' its rows name a premises to open. Default 'buildings'. */
  targets?: 'buildings' | 'premises';
}

/** The part of a row each analysis works out; the rest is common. */
interface RowParts {
  readonly rank: SeverityRank;
  readonly shortfall?: number;
  readonly label: FindingLabel;
  readonly premiseId?: string | null;
  readonly ruleRefs?: readonly string[];
  readonly clause?: string | null;
}

type Build = (p: Record<string, unknown>, cls: AnalysisClass, options: FindingRowsOptions) => RowParts;

const num = (x: unknown): number => (typeof x === 'number' && Number.isFinite(x) ? x : 0);
const text = (x: unknown): string => (typeof x === 'string' ? x : typeof x === 'number' ? String(x) : '');
const round = (x: number, digits = 2): number => Math.round(x * 10 ** digits) / 10 ** digits;
const pct = (x: unknown): number => round(num(x) * 100, 1);
const ids = (x: unknown): string[] => (Array.isArray(x) ? x.map(text) : []);
const label = (key: string, params: Record<string, string | number>, detailKey?: string): FindingLabel => (detailKey ? { key, params, detailKey } : { key, params });

const RADIUS = ['hydrant.protection_radius_m'];
const MAJOR_SEPARATION = 'major_hazard.separation_fraction';

/** Rules a mixing finding cites, by its reason. */
function mixingRules(q: Partial<MixingFinding>): string[] {
  switch (q.reason_code) {
    case 'forbidden_grade': return ['three_in_one.forbidden_from_grade'];
    case 'forbidden_large_mall': return ['three_in_one.forbidden_mall_area_m2'];
    case 'separate_living_required': return ['three_in_one.separate_living_height_m', 'three_in_one.separate_living_area_m2', 'three_in_one.separate_living_sleepers'];
    case 'within_factory_separation':
      if (!q.major) return ['separation.factory_civil'];
      // The finding names the fraction it used only in its clause: GB 35181 §6.2 for class A/B factories.
      return ['separation.factory_civil', text(q.clause).includes(DEFAULT_RULES.major_hazard.hazmat_fraction.clause) ? 'major_hazard.hazmat_fraction' : MAJOR_SEPARATION];
    default: return [];
  }
}

/** Hydrant-coverage style rows (straight line): how far the nearest counted hydrant is beyond the radius. */
function uncoveredRow(p: Record<string, unknown>, options: FindingRowsOptions, rank: SeverityRank): RowParts {
  const distance = typeof p['distance_m'] === 'number' ? p['distance_m'] : null, radius = num(p['radius_m']);
  const onlyOut = p['covered_only_by_out_of_service'] === true;
  const params = { id: text(p['id']), hydrant: text(p['nearest_hydrant']), distance: distance ?? 0, radius, beyond: distance === null ? 0 : round(distance - radius), oos: num(p['out_of_service_in_radius']) };
  return {
    rank, shortfall: distance === null ? Infinity : distance - radius,
    label: label(distance === null ? 'analysis.row.hydrant.none' : 'analysis.row.hydrant.far', params, onlyOut ? 'analysis.detail.out_of_service_only' : undefined),
    premiseId: options.targets === 'premises' ? text(p['id']) : null, ruleRefs: RADIUS, clause: text(p['clause']) || null,
  };
}

const BUILD: Readonly<Record<AnalysisName, Build>> = {
  separation: (p) => {
    const q = p as Partial<SeparationFinding>;
    const gap = num(q.gap_m), required = num(q.required_m);
    const detail = q.contact === 'touching' ? 'analysis.detail.touching' : q.contact === 'overlapping' ? 'analysis.detail.overlapping'
      : q.reduction === 'protected_openings' ? 'analysis.detail.reduced' : undefined;
    return {
      rank: q.major ? 0 : 1, shortfall: required - gap,
      label: label('analysis.row.separation', { a: text(q.a), b: text(q.b), gap, required, pct: pct(q.ratio) }, detail),
      ruleRefs: [`separation.${q.basis ?? 'civil'}`, ...(q.major ? [MAJOR_SEPARATION] : []), ...(q.reduction === 'protected_openings' ? ['separation.reduction_protected_openings'] : [])],
      clause: text(q.clause) || null,
    };
  },
  mixing: (p) => {
    const q = p as Partial<MixingFinding>;
    const buildings = ids(q.building_ids), premises = ids(q.premise_ids);
    const distance = typeof q.distance_m === 'number' ? q.distance_m : null, required = typeof q.required_m === 'number' ? q.required_m : null;
    return {
      rank: q.major ? 0 : 1, shortfall: distance !== null && required !== null ? required - distance : 0,
      label: label(`analysis.row.mixing.${text(q.kind)}`, {
        premise: text(q.premise_id), building: buildings[0] ?? '', other: buildings[1] ?? '', premises: premises.length,
        area: text(q.hazard_area_id), distance: distance ?? 0, required: required ?? 0,
      }, `analysis.reason.${text(q.reason_code)}`),
      premiseId: q.premise_id ?? null, ruleRefs: mixingRules(q), clause: text(q.clause) || null,
    };
  },
  'hydrant-coverage': (p, cls, options) => uncoveredRow(p, options, cls.id === 'uncovered' ? 0 : 1),
  'hydrant-network': (p, cls, options) => {
    if (cls.id === 'uncovered') return uncoveredRow(p, options, 0);
    const q = p as Partial<HydrantNetworkProps>;
    return {
      rank: 1, label: label('analysis.row.hydrant.street', { id: text(q.id), radius: num(q.radius_m), distance: num(q.distance_m) }, q.front_gap_m === null ? 'analysis.detail.off_network' : undefined),
      premiseId: options.targets === 'premises' ? text(q.id) : null, ruleRefs: RADIUS, clause: text(q.clause) || null,
    };
  },
  'hydrant-spacing': (p) => {
    const q = p as Partial<HydrantSpacingProps>;
    const length = num(q.length_m), spacing = num(q.spacing_m);
    const gap = q.kind !== 'no_hydrant';
    return {
      rank: 0, shortfall: gap ? length - spacing : length,
      label: gap ? label('analysis.row.spacing.gap', { a: text(q.a), b: text(q.b), length, spacing }) : label('analysis.row.spacing.no_hydrant', { road: text(q.road), length }),
      ruleRefs: ['hydrant.spacing_m'], clause: text(q.clause) || null,
    };
  },
  'coverage-grid': (p, cls) => {
    const q = p as Partial<CoverageCellProps>;
    return { rank: cls.id === 'uncovered' ? 0 : 1, label: label(`analysis.row.cell.${cls.id}`, { cell: text(q.cell), radius: num(q.radius_m) }), ruleRefs: RADIUS };
  },
  'grid-coverage': (p, cls) => {
    switch (cls.id) {
      case 'outside': {
        const q = p as Partial<OutsideGridProps>;
        return {
          rank: 1, label: label('analysis.row.grid.outside', { id: text(q.id), name: text(q.name), grid: text(q.declared_grid_id) }, q.declared_grid_id ? 'analysis.detail.declared_grid' : undefined),
          premiseId: text(q.id) || null,
        };
      }
      case 'overlap': {
        const q = p as Partial<OverlapProps>;
        return { rank: 2, shortfall: num(q.area_m2), label: label('analysis.row.grid.overlap', { a: text(q.a), b: text(q.b), area: num(q.area_m2) }) };
      }
      case 'iot_below_target': {
        const q = p as Partial<IotCommunityProps>;
        return {
          rank: 1, shortfall: num(q.shortfall),
          label: label('analysis.row.grid.iot', { community: text(q.community) || '—', rate: pct(q.rate), target: pct(q.target), year: num(q.target_year), shortfall: num(q.shortfall), key_units: num(q.key_units) }),
          ruleRefs: ['iot.key_unit_connection_targets'], clause: text(q.clause) || null,
        };
      }
      case 'overloaded': {
        const q = p as Partial<WorkloadProps>;
        return { rank: 2, shortfall: num(q.premises_per_worker), label: label('analysis.row.grid.overloaded', { grid: text(q.grid_id), workers: num(q.workers), premises: num(q.premises), load: num(q.premises_per_worker) }) };
      }
      default: // unstaffed, from its own check or from the workload of a cell without a worker
        return { rank: 1, shortfall: num(p['premises']), label: label('analysis.row.grid.unstaffed', { grid: text(p['grid_id']), premises: num(p['premises']) }) };
    }
  },
  'station-response': (p) => {
    const q = p as Partial<StationResponseProps>;
    const status = q.status ?? 'unreachable', minutes = num(q.travel_min), budget = num(q.budget_min);
    const rank: SeverityRank = status === 'beyond_budget' ? 1 : status === 'off_network' ? 2 : 0;
    return {
      rank, shortfall: status === 'beyond_budget' ? minutes - budget : 0,
      label: label(`analysis.row.station.${status}`, { id: text(q.id), minutes, station: text(q.station), budget, over: round(minutes - budget) }, q.kind === 'cell' ? 'analysis.detail.area_cell' : undefined),
      premiseId: q.kind === 'premise' ? text(q.id) : null,
      ruleRefs: status === 'beyond_budget' ? ['response.response_min', 'response.engine_speed_kmh', 'response.route_factor'] : ['response.response_min'],
      clause: text(q.clause) || null,
    };
  },
  clusters: (p) => {
    const q = p as Partial<ClusterProps>;
    const declared = q.covered_by_declared_area === true;
    return {
      rank: declared ? 3 : 1, shortfall: 3 * num(q.major) + 2 * num(q.larger) + num(q.general),
      label: label('analysis.row.cluster', { id: text(q.cluster_id), premises: num(q.premises), hazards: num(q.hazards), major: num(q.major), areas: ids(q.declared_area_ids).join(', ') },
        declared ? 'analysis.detail.declared_area' : 'analysis.detail.undeclared_area'),
    };
  },
};

/** Most severe first, then the largest shortfall, then id and index (code-point order: the same in every locale). */
export function compareRows(x: FindingRow, y: FindingRow): number {
  if (x.severityRank !== y.severityRank) return x.severityRank - y.severityRank;
  if (x.shortfall !== y.shortfall) return y.shortfall > x.shortfall ? 1 : -1;
  if (x.id !== y.id) return x.id < y.id ? -1 : 1;
  return x.index - y.index;
}

/**
 * The findings of an analysis result as rows, most severe first. Features that are not findings
 * (covered, within reach) are left out; features about the same thing (one id) give one row.
 * @param name the analysis that produced `result`.
 * @param result its FeatureCollection.
 * @example findingRows('separation', result, { limit: 10 })[0] // the worst pair: { id: 'B0012|B0013', severityRank: 0, shortfall: 6, ... }
 */
export function findingRows(name: AnalysisName, result: AnalysisResult, options: FindingRowsOptions = {}): FindingRow[] {
  const rows: FindingRow[] = [];
  const seen = new Set<string>();
  result.features.forEach((feature: AnalysisFeature, index) => {
    const cls = classOf(name, feature);
    if (!cls?.finding) return;
    const id = findingId(name, feature, index);
    if (seen.has(id)) return;
    seen.add(id);
    const parts = BUILD[name]((feature.properties ?? {}) as Record<string, unknown>, cls, options);
    rows.push({
      id, analysis: name, index, severityRank: parts.rank, classId: cls.id, shortfall: parts.shortfall ?? 0, label: parts.label,
      position: representativePoint(feature.geometry), ...(parts.premiseId ? { premiseId: parts.premiseId } : {}),
      ruleRefs: parts.ruleRefs ?? [], clause: parts.clause ?? null,
    });
  });
  rows.sort(compareRows);
  return options.limit !== undefined ? rows.slice(0, Math.max(0, options.limit)) : rows;
}
