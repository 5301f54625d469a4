/**
 * The vocabulary of analysis results shared by the map layers (this folder), the findings lists
 * (src/app/findings.ts) and the analysis panel (src/ui/analysis): which analyses exist, and what one
 * row of findings holds. It lives here, in layers, because both app and ui may import layers while ui
 * may not import analysis (test/architecture.test.ts).
 */
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { AnalysisName } from '../../analysis/registry-types.ts';

export type { Rule, Rules } from '../../analysis/rules.ts';

/** The analyses the viewer can run and show: the registry's names (src/analysis/registry.ts). */
export type { AnalysisName };

/** Every analysis, in the order panels list them (people and buildings first, then water, then management). */
export const ANALYSIS_NAMES: readonly AnalysisName[] = [
  'mixing', 'separation', 'hydrant-coverage', 'hydrant-network', 'hydrant-spacing',
  'coverage-grid', 'station-response', 'grid-coverage', 'clusters',
];

/** Narrows a string (a route, a message) to an analysis name. */
export function isAnalysisName(value: unknown): value is AnalysisName {
  return typeof value === 'string' && (ANALYSIS_NAMES as readonly string[]).includes(value);
}

/** One analysis result: the FeatureCollection the analysis function returns. */
export type AnalysisResult = FeatureCollection<Geometry | null>;
export type AnalysisFeature = Feature<Geometry | null>;

/**
 * How severe a finding is, for sorting and the row's mark: 0 major (a major-hazard element, nothing
 * in reach), 1 deficient (below the rule), 2 a warning (only out-of-service cover, off the network),
 * 3 information (already declared, for the record).
 */
export type SeverityRank = 0 | 1 | 2 | 3;

/**
 * What a row says, as a message key and the values for its placeholders (ids and numbers from the
 * result, never prose), so the component translates it in the current language.
 */
export interface FindingLabel {
  /** Message key of the row's sentence (texts in src/i18n/parts/analysis.ts). */
  readonly key: string;
  readonly params: Readonly<Record<string, string | number>>;
  /** Message key of a qualifier shown after the sentence (e.g. the reason of a mixing finding), filled from the same params. */
  readonly detailKey?: string;
}

/** One finding of an analysis, as a list shows it. */
export interface FindingRow {
  /** Stable within the result (see findingId): list key, selection, and the layer's highlight. */
  readonly id: string;
  readonly analysis: AnalysisName;
  /** Index of the feature in the result. */
  readonly index: number;
  readonly severityRank: SeverityRank;
  /** The style class of the finding (its legend item id): the row's swatch. */
  readonly classId: string;
  /** How far past the rule (metres, minutes, a count…; 0 when not measured): the second sort key, larger first. */
  readonly shortfall: number;
  readonly label: FindingLabel;
  /** Where to fly to: a representative point [lon, lat], or null for a finding without geometry. */
  readonly position: readonly [number, number] | null;
  /** The premises concerned, when there is one, to open its card. */
  readonly premiseId?: string;
  /** Paths of the rules table the finding is measured against, e.g. `separation.civil`. */
  readonly ruleRefs: readonly string[];
  /** The clause the result cites (it may name a standard the rules table has no number for), or null. */
  readonly clause: string | null;
}
