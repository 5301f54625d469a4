/**
 * The premises legend: one entry (one visibility toggle) in three runs — the fill colours (risk
 * levels, most serious first; or the groups when coloured by category), the shapes per group, and
 * the ring of key units.
 */
import type { LegendEntry, LegendItem } from '../legend-types.ts';
import { INK } from '../palette-extra.ts';
import { darken, type Rgb } from '../palette.ts';
import { PREMISE_GROUP_ORDER } from './groups.ts';
import { DEFAULT_PREMISES_PROPS, PREMISES_LAYER_ID, type PremisesLayerProps } from './props.ts';
import { premisesRiskLegend } from './risk.ts';
import { PREMISE_GROUP_SHAPES } from './symbols.ts';

/** Message keys this legend uses beyond the risk ones (texts in src/i18n/parts/layers.ts). */
export const PREMISES_I18N_KEYS = ['legend.premises.by_risk', 'legend.premises.by_category', 'legend.premises.key_unit'] as const;

/**
 * Fill of the shape swatches when colour means risk: a light neutral, so a shape does not look
 * like a risk level (the legend keeps fills below white; the catalog test checks).
 */
export const NEUTRAL_SWATCH: Rgb = [232, 232, 232];

type LegendProps = Pick<PremisesLayerProps, 'colorBy' | 'riskColors' | 'groupColors' | 'outlineDarken'>;

/**
 * The legend block of the premises layer, built from the same props as the layer.
 * @example premisesLegend({ colorBy: 'category' }) // groups in their colours and shapes, then the key-unit ring
 */
export function premisesLegend(props: Partial<LegendProps> = {}): LegendEntry {
  const p: LegendProps = { ...DEFAULT_PREMISES_PROPS, ...props };
  const byRisk = p.colorBy === 'risk';
  const risk = byRisk ? premisesRiskLegend({ colors: p.riskColors, outlineDarken: p.outlineDarken }).items : [];
  const groups: LegendItem[] = PREMISE_GROUP_ORDER.map((group) => ({
    id: group,
    label: { key: `premises.group.${group}` },
    fill: byRisk ? NEUTRAL_SWATCH : p.groupColors[group],
    // The swatch's edge is the colour of the group's footprint outlines.
    stroke: darken(p.groupColors[group], p.outlineDarken),
    shape: PREMISE_GROUP_SHAPES[group],
  }));
  const keyUnit: LegendItem = { id: 'key_unit', label: { key: 'legend.premises.key_unit' }, fill: NEUTRAL_SWATCH, stroke: INK, shape: 'ring' };
  return {
    layerId: PREMISES_LAYER_ID,
    title: { key: byRisk ? 'legend.premises.by_risk' : 'legend.premises.by_category' },
    items: [...risk, ...groups, keyUnit],
  };
}
