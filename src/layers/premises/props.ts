/**
 * Options of the premises layer, with their defaults. Kept apart from index.ts so the pure styling
 * helpers (style.ts) and the legend can read them without importing deck.gl.
 */
import { INK } from '../palette-extra.ts';
import { OKABE_ITO, TOL_MUTED, type Rgb } from '../palette.ts';
import type { PremiseGroup } from './groups.ts';
import { DEFAULT_RISK_RULES, RISK_COLORS, type RiskLevel, type RiskRules } from './risk.ts';

/** The deck layer id of the footprints (and the group id the legend and visibility use). */
export const PREMISES_LAYER_ID = 'premises';
/** Sub-layer ids: symbols, their dark outlines (drawn below them), and the selection halo. */
export const PREMISES_SYMBOLS_LAYER_ID = 'premises-symbols';
export const PREMISES_SYMBOL_OUTLINES_LAYER_ID = 'premises-symbols-outline';
export const PREMISES_HIGHLIGHT_LAYER_ID = 'premises-highlight';

/** Colours per group from Paul Tol's muted scheme (colour-vision-deficiency safe). */
export const PREMISE_GROUP_COLORS: Readonly<Record<PremiseGroup, Rgb>> = {
  people_at_risk: TOL_MUTED.wine,
  hazmat: TOL_MUTED.rose,
  mixed_use: TOL_MUTED.sand,
  industrial: TOL_MUTED.olive,
  crowded: TOL_MUTED.purple,
  residential: TOL_MUTED.teal,
  other: TOL_MUTED.grey,
};

/** What the fill of footprints and symbols shows. */
export type PremisesColorBy = 'risk' | 'category';
/** What the symbol size shows. */
export type PremisesSizeBy = 'employees' | 'none';

export interface PremisesLayerProps {
  /** The moment risk is judged at (overdue hazards). Default: the time of the call. */
  now: Date;
  /** Colour footprints and symbols by hazard risk or by category group. Default `'risk'`. */
  colorBy: PremisesColorBy;
  /** Size symbols by employees (log scale) or all alike. Default `'employees'`. */
  sizeBy: PremisesSizeBy;
  /** Draw the layers; hidden layers keep their buffers. Default `true`. */
  visible: boolean;
  /** Layer opacity 0–1. Default `1`. */
  opacity: number;
  /** Answer hover and click picking (footprints and symbols; picked objects are the features). Default `true`. */
  pickable: boolean;
  /** Id of the selected premise, drawn with a halo (and its footprint tinted). Default `null`. */
  highlightId: string | null;
  /** Colour per risk level. Default {@link RISK_COLORS}. */
  riskColors: Readonly<Record<RiskLevel, Rgb>>;
  /** Risk thresholds. Default {@link DEFAULT_RISK_RULES}. */
  riskRules: RiskRules;
  /** Colour per category group (footprint outlines; fills when `colorBy` is `'category'`). Default {@link PREMISE_GROUP_COLORS}. */
  groupColors: Readonly<Record<PremiseGroup, Rgb>>;
  /** Fill alpha (0–255) of footprints; symbols are opaque. Default `110`, so buildings show through. */
  areaAlpha: number;
  /** How much darker than its group colour a footprint's outline is (0–1). Default `0.45`. */
  outlineDarken: number;
  /** Footprint outline width in screen pixels. Default `1`. */
  lineWidthPixels: number;
  /** Draw footprints (the page leaves them out when zoomed far out: see layers/detail). Default `true`. */
  footprintsVisible: boolean;
  /** Draw the dark outlines round symbols (left out when zoomed far out). Default `true`. */
  symbolOutlinesVisible: boolean;
  /** Colour of the thin outline round each symbol. Default {@link INK}. */
  symbolOutlineColor: Rgb;
  /** Symbol width in pixels with no or few employees (and every symbol when `sizeBy` is `'none'`). Default `8`, so a district view of a thousand premises stays readable. */
  symbolMinPixels: number;
  /** Symbol width in pixels at `employeesAtMax` employees or more. Default `16`. */
  symbolMaxPixels: number;
  /** Employees at which symbols stop growing. Default `1000`. */
  employeesAtMax: number;
  /** How much wider a key unit's symbol is (it is also ringed). Default `4`. */
  keyUnitStepPixels: number;
  /** Colour of the selection halo's ring and footprint tint. Default Okabe–Ito blue (apart from the risk ramp). */
  highlightColor: Rgb;
  /** How far the halo reaches beyond the symbol, in pixels. Default `4`. */
  haloPaddingPixels: number;
}

/** Defaults of {@link PremisesLayerProps}, except `now` (the time of the call). */
export const DEFAULT_PREMISES_PROPS: Readonly<Omit<PremisesLayerProps, 'now'>> = {
  colorBy: 'risk',
  sizeBy: 'employees',
  visible: true,
  opacity: 1,
  pickable: true,
  highlightId: null,
  riskColors: RISK_COLORS,
  riskRules: DEFAULT_RISK_RULES,
  groupColors: PREMISE_GROUP_COLORS,
  areaAlpha: 110,
  outlineDarken: 0.45,
  lineWidthPixels: 1,
  footprintsVisible: true,
  symbolOutlinesVisible: true,
  symbolOutlineColor: INK,
  symbolMinPixels: 8,
  symbolMaxPixels: 16,
  employeesAtMax: 1000,
  keyUnitStepPixels: 4,
  highlightColor: OKABE_ITO.blue,
  haloPaddingPixels: 4,
};

/** Props with every default filled in (`now` from the clock when not given). */
export function resolvePremisesProps(props: Partial<PremisesLayerProps> = {}): PremisesLayerProps {
  return { ...DEFAULT_PREMISES_PROPS, ...props, now: props.now ?? new Date() };
}
