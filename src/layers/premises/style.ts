/**
 * What each premise looks like: colour (by risk or group), symbol size and icon, drawing order. Pure
 * functions of a feature and resolved props, so tests can check them without deck.gl; index.ts
 * wires them into accessors.
 */
import type { FeatureOf } from '../../sources/contract/index.ts';
import { beijingDate } from '../../sources/dates.ts';
import { rgba } from '../palette-extra.ts';
import { darken, type Rgb } from '../palette.ts';
import { PREMISE_GROUP_ORDER, premiseGroup } from './groups.ts';
import { resolvePremisesProps, type PremisesLayerProps } from './props.ts';
import { RISK_LEVELS, premiseRisk } from './risk.ts';
import { SYMBOL_ATLAS, symbolIconName, type SymbolPart } from './symbols.ts';

export type PremiseFeature = FeatureOf<'premises'>;

/** The main colour of a premise: its risk level's or its group's, as `colorBy` says. */
export function premiseColor(feature: PremiseFeature, props: Partial<PremisesLayerProps> = {}): Rgb {
  const p = resolvePremisesProps(props);
  return p.colorBy === 'category'
    ? p.groupColors[premiseGroup(feature.properties.categories)]
    : p.riskColors[premiseRisk(feature, p.now, p.riskRules).level];
}

/** Fill colour (RGBA) of a premise: opaque for a point, `areaAlpha` for a footprint. */
export function premiseFillColor(feature: PremiseFeature, props: Partial<PremisesLayerProps> = {}): [number, number, number, number] {
  const p = resolvePremisesProps(props);
  return rgba(premiseColor(feature, p), feature.geometry.type === 'Point' ? 255 : p.areaAlpha);
}

/** Outline colour of a footprint: its group's colour, darkened (the category reading of an area). */
export function premiseLineColor(feature: PremiseFeature, props: Partial<PremisesLayerProps> = {}): Rgb {
  const p = resolvePremisesProps(props);
  return darken(p.groupColors[premiseGroup(feature.properties.categories)], p.outlineDarken);
}

/**
 * Width in pixels of a premise's shape: log scale of employees between `symbolMinPixels` (0 or
 * unknown) and `symbolMaxPixels` (`employeesAtMax` or more), since head counts run from 1 to
 * thousands; then `keyUnitStepPixels` more for a key unit (重点单位).
 * @example premiseSymbolPixels({ ...f, properties: { ...f.properties, employees: 31 } }) // 10 + 10·log(32)/log(1001) ≈ 15
 */
export function premiseSymbolPixels(feature: PremiseFeature, props: Partial<PremisesLayerProps> = {}): number {
  const p = resolvePremisesProps(props);
  const employees = feature.properties.employees;
  let size = p.symbolMinPixels;
  if (p.sizeBy === 'employees' && employees !== undefined && employees > 0) {
    const t = Math.min(1, Math.log1p(employees) / Math.log1p(Math.max(1, p.employeesAtMax)));
    size += (p.symbolMaxPixels - p.symbolMinPixels) * t;
  }
  return feature.properties.key_unit ? size + p.keyUnitStepPixels : size;
}

/** The atlas icon of a premise: its group's shape, the ringed variant for a key unit. */
export function premiseIconName(feature: PremiseFeature, part: SymbolPart): string {
  return symbolIconName(premiseGroup(feature.properties.categories), feature.properties.key_unit === true, part);
}

/**
 * The icon size (IconLayer `getSize`, the height of the atlas cell on screen) that draws the shape
 * {@link premiseSymbolPixels} wide; a ringed cell is larger for the same shape.
 */
export function premiseIconPixels(feature: PremiseFeature, props: Partial<PremisesLayerProps> = {}): number {
  const entry = SYMBOL_ATLAS.entries[premiseIconName(feature, 'fill')];
  return premiseSymbolPixels(feature, props) / (entry?.shapeFraction ?? 1);
}

/**
 * The accessors' cache key for what colouring depends on besides the data: the Beijing date of
 * `now` (overdue changes at most once a day, so a new Date each render does not recolour).
 */
export function riskDay(now: Date): string {
  return beijingDate(now);
}

interface OrderMemo {
  readonly key: string;
  readonly rules: unknown;
  readonly ordered: readonly PremiseFeature[];
}
const orderCache = new WeakMap<readonly PremiseFeature[], OrderMemo>();

/**
 * Symbols in drawing order, so what matters lands on top: by risk level (high last) or, coloured
 * by category, by group urgency; key units above others of the same rank. Stable, and the same
 * array between calls until the data, the Beijing day, the rules or `colorBy` change.
 */
export function symbolDrawOrder(features: readonly PremiseFeature[], props: Partial<PremisesLayerProps> = {}): readonly PremiseFeature[] {
  const p = resolvePremisesProps(props);
  const key = `${p.colorBy}|${riskDay(p.now)}`;
  const memo = orderCache.get(features);
  if (memo && memo.key === key && memo.rules === p.riskRules) return memo.ordered;
  const rank = (f: PremiseFeature): number => {
    const base = p.colorBy === 'category'
      ? PREMISE_GROUP_ORDER.length - PREMISE_GROUP_ORDER.indexOf(premiseGroup(f.properties.categories))
      : RISK_LEVELS.indexOf(premiseRisk(f, p.now, p.riskRules).level);
    return 2 * base + (f.properties.key_unit ? 1 : 0);
  };
  const ranks = new Map(features.map((f) => [f, rank(f)]));
  const ordered = [...features].sort((a, b) => (ranks.get(a) ?? 0) - (ranks.get(b) ?? 0));
  orderCache.set(features, { key, rules: p.riskRules, ordered });
  return ordered;
}
