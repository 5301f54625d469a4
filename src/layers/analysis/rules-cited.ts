/**
 * The rules an analysis measures against, from the one rules table (src/analysis/rules.ts), and how
 * many of its findings cite each: what the rules table of the analysis panel shows beside the
 * findings, so a reader sees the figure, its unit and its clause without opening the standard.
 */
import { listRules, type Rule, type Rules } from '../../analysis/rules.ts';
import type { AnalysisName, FindingRow } from './types.ts';

/** One rule as the panel shows it. */
export interface RuleRow {
  /** Path in the rules table, e.g. `hydrant.protection_radius_m`. */
  readonly path: string;
  readonly rule: Rule<unknown>;
  /** Findings of the result that cite it. */
  readonly cited: number;
}

/** The rules each analysis checks, in the order the panel lists them (the main rule first). */
export const ANALYSIS_RULE_PATHS: Readonly<Record<AnalysisName, readonly string[]>> = {
  separation: [
    'separation.civil', 'separation.factory_civil', 'separation.factory_factory', 'major_hazard.separation_fraction',
    'separation.reduction_protected_openings', 'separation.reduction_max_height_m', 'classification.high_rise_residential_m',
    'classification.high_rise_other_m', 'classification.assumed_grade', 'classification.assumed_hazard_class',
  ],
  mixing: [
    'three_in_one.forbidden_from_grade', 'three_in_one.forbidden_mall_area_m2', 'three_in_one.separate_living_height_m',
    'three_in_one.separate_living_area_m2', 'three_in_one.separate_living_sleepers', 'separation.factory_civil',
    'major_hazard.hazmat_fraction', 'major_hazard.separation_fraction',
  ],
  'hydrant-coverage': ['hydrant.protection_radius_m'],
  'hydrant-network': ['hydrant.protection_radius_m'],
  'hydrant-spacing': ['hydrant.spacing_m'],
  'coverage-grid': ['hydrant.protection_radius_m'],
  'grid-coverage': ['iot.key_unit_connection_targets'],
  'station-response': ['response.response_min', 'response.engine_speed_kmh', 'response.route_factor'],
  clusters: [],
};

/**
 * The rules of an analysis with the number of findings citing each: the analysis' own list first,
 * then any other path a finding cites; paths the table does not have are skipped.
 * @example citedRuleRows('hydrant-coverage', DEFAULT_RULES, rows) // [{ path: 'hydrant.protection_radius_m', rule, cited: 185 }]
 */
export function citedRuleRows(name: AnalysisName, rules: Rules, rows: readonly Pick<FindingRow, 'ruleRefs'>[] = []): RuleRow[] {
  const byPath = new Map(listRules(rules).map((r) => [r.path, r.rule]));
  const counts = new Map<string, number>();
  for (const row of rows) for (const path of new Set(row.ruleRefs)) counts.set(path, (counts.get(path) ?? 0) + 1);
  const paths = [...new Set([...ANALYSIS_RULE_PATHS[name], ...counts.keys()])];
  return paths.flatMap((path) => {
    const rule = byPath.get(path);
    return rule ? [{ path, rule, cited: counts.get(path) ?? 0 }] : [];
  });
}

const number = (x: number): string => String(Math.round(x * 1000) / 1000);

/**
 * A rule's value as lines of text: one line for a figure (a ratio as a percentage), one per year for
 * the campaign targets, one per cell (`row / column: value`) for a table. `withUnit` writes a value
 * with its unit in the reader's language (default `value unit`).
 * @example ruleValueLines(150, 'm') // ['150 m']
 * @example ruleValueLines(0.8, 'ratio') // ['80 %']
 */
export function ruleValueLines(value: unknown, unit: string, withUnit: (value: string, unit: string) => string = (v, u) => (u ? `${v} ${u}` : v)): string[] {
  const one = (x: unknown): string => {
    if (typeof x === 'number') return unit === 'ratio' ? `${number(x * 100)} %` : withUnit(number(x), unit);
    if (typeof x === 'string') return withUnit(x, unit);
    return JSON.stringify(x) ?? '';
  };
  if (Array.isArray(value)) {
    return value.map((item: unknown) => {
      const target = item as { year?: unknown; rate?: unknown };
      return typeof target.year === 'number' && typeof target.rate === 'number' ? `${target.year}: ${number(target.rate * 100)} %` : one(item);
    });
  }
  if (typeof value === 'object' && value !== null) {
    const lines: string[] = [];
    const walk = (x: unknown, path: readonly string[]): void => {
      if (typeof x === 'object' && x !== null && !Array.isArray(x)) for (const [k, v] of Object.entries(x)) walk(v, [...path, k]);
      else lines.push(`${path.join(' / ')}: ${one(x)}`);
    };
    walk(value, []);
    return lines;
  }
  return [one(value)];
}
