/**
 * Risk of a premise from its own hazards (隐患), for colouring the premises layer by risk instead of
 * by category. A plain, explainable reading of the seeds' grading (一般 → 立即整改, 较大 → 限期整改,
 * 重大 → 停产整改) and of overdue rectification (逾期未整改 → escalation), not a score:
 *
 * | level    | when (first rule that holds)                                                        |
 * |----------|-------------------------------------------------------------------------------------|
 * | `high`   | an open major hazard (重大隐患), or an overdue hazard that is larger or major        |
 * | `medium` | an open larger hazard, or any overdue hazard, or at least `mediumOpenCount` (3) open  |
 * | `low`    | at least one open hazard                                                            |
 * | `none`   | no open hazard (none recorded, or all closed)                                       |
 *
 * "Open" means not closed: `open` or `rectifying`. Overdue is {@link isOverdue} (deadline before
 * today in Beijing). The colour ramp is Tol's YlOrBr (ordered in lightness, so it reads without hue);
 * `none` is a neutral grey.
 *
 * This module does not import ./index.ts, so index.ts can import it without a cycle.
 */
import type { FeatureOf, Hazard } from '../../sources/contract/index.ts';
import { isOverdue } from '../../sources/hazards.ts';
import type { LegendEntry } from '../legend-types.ts';
import { TOL_YLORBR, rgba } from '../palette-extra.ts';
import { darken, type Rgb } from '../palette.ts';

export type PremiseFeature = FeatureOf<'premises'>;

/** Risk levels from least to most. */
export const RISK_LEVELS = ['none', 'low', 'medium', 'high'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/** Message keys the risk legend uses (texts in src/i18n/parts/layers.ts). */
export const PREMISES_RISK_I18N_KEYS = [
  'legend.premises_risk.title', 'premises.risk.none', 'premises.risk.low', 'premises.risk.medium', 'premises.risk.high',
] as const;

/** What {@link premiseRisk} found. */
export interface PremiseRisk {
  /** Hazards not closed (open or rectifying). */
  readonly openHazards: number;
  /** Of those, how many are major (重大隐患). */
  readonly major: number;
  /** Hazards overdue (逾期): not closed and past their deadline. */
  readonly overdue: number;
  readonly level: RiskLevel;
}

/** The thresholds of the table above. */
export interface RiskRules {
  /** This many open hazards of any severity make a premise at least `medium`. Default `3`. */
  readonly mediumOpenCount: number;
}

export const DEFAULT_RISK_RULES: RiskRules = { mediumOpenCount: 3 };

/**
 * The risk of one premise at time `now` (see the module comment for the rules).
 * @example premiseRisk(feature, new Date()) // { openHazards: 2, major: 0, overdue: 1, level: 'medium' }
 */
export function premiseRisk(
  feature: { readonly properties: { readonly hazards?: readonly Hazard[] | undefined } },
  now: Date,
  rules: RiskRules = DEFAULT_RISK_RULES,
): PremiseRisk {
  let openHazards = 0;
  let major = 0;
  let larger = 0;
  let overdue = 0;
  let overdueSerious = 0;
  for (const h of feature.properties.hazards ?? []) {
    if (h.status === 'closed') continue;
    openHazards++;
    if (h.severity === 'major') major++;
    else if (h.severity === 'larger') larger++;
    if (isOverdue(h, now)) {
      overdue++;
      if (h.severity !== 'general') overdueSerious++;
    }
  }
  const level: RiskLevel =
    major > 0 || overdueSerious > 0 ? 'high'
      : larger > 0 || overdue > 0 || openHazards >= rules.mediumOpenCount ? 'medium'
        : openHazards > 0 ? 'low'
          : 'none';
  return { openHazards, major, overdue, level };
}

/** Colours per risk level: grey, then Tol YlOrBr light → dark. */
export const RISK_COLORS = {
  none: [187, 187, 187],
  low: TOL_YLORBR.y4,
  medium: TOL_YLORBR.y6,
  high: TOL_YLORBR.y8,
} as const satisfies Readonly<Record<RiskLevel, Rgb>>;

export interface PremisesRiskStyle {
  /** Colour per level. Default {@link RISK_COLORS}. */
  readonly colors: Readonly<Record<RiskLevel, Rgb>>;
  /** Fill alpha of footprints (points are opaque), as in the premises layer. Default `110`. */
  readonly areaAlpha: number;
  /** How much darker the outline is than the fill. Default `0.45`. */
  readonly outlineDarken: number;
  /** Thresholds. Default {@link DEFAULT_RISK_RULES}. */
  readonly rules: RiskRules;
}

export const DEFAULT_PREMISES_RISK_STYLE: PremisesRiskStyle = {
  colors: RISK_COLORS,
  areaAlpha: 110,
  outlineDarken: 0.45,
  rules: DEFAULT_RISK_RULES,
};

/**
 * Fill colour (RGBA) of a premise coloured by risk: what a `getFillColor` accessor returns. Points
 * opaque, areas at `areaAlpha`. Put the Beijing date of `now` in the layer's updateTriggers.
 */
export function premiseRiskFillColor(feature: PremiseFeature, now: Date, style: Partial<PremisesRiskStyle> = {}): [number, number, number, number] {
  const s = { ...DEFAULT_PREMISES_RISK_STYLE, ...style };
  const rgb = s.colors[premiseRisk(feature, now, s.rules).level];
  return rgba(rgb, feature.geometry.type === 'Point' ? 255 : s.areaAlpha);
}

/** Outline colour (RGB) of a premise coloured by risk. */
export function premiseRiskLineColor(feature: PremiseFeature, now: Date, style: Partial<PremisesRiskStyle> = {}): Rgb {
  const s = { ...DEFAULT_PREMISES_RISK_STYLE, ...style };
  return darken(s.colors[premiseRisk(feature, now, s.rules).level], s.outlineDarken);
}

/** The id of the premises layer (kept equal to PREMISES_LAYER_ID by a test; not imported, to avoid a cycle). */
const PREMISES_LAYER = 'premises';

/** The legend block for the premises layer when coloured by risk: most serious first. */
export function premisesRiskLegend(style: Partial<PremisesRiskStyle> = {}): LegendEntry {
  const s = { ...DEFAULT_PREMISES_RISK_STYLE, ...style };
  return {
    layerId: PREMISES_LAYER,
    title: { key: 'legend.premises_risk.title' },
    items: [...RISK_LEVELS].reverse().map((level) => ({
      id: level,
      label: { key: `premises.risk.${level}` },
      fill: s.colors[level],
      stroke: darken(s.colors[level], s.outlineDarken),
      shape: 'square' as const,
    })),
  };
}
