/**
 * Protection-radius rings (保护半径) around hydrants that work: a translucent disc with an outline,
 * in metres on the ground, so the gaps between discs are the places no in-service hydrant covers
 * in a straight line. Radius from the rules table (GB 50974-2014 §7.2.5: 150 m), overridable for a
 * local rule. Straight-line cover only: network-distance coverage is an analysis result, not this.
 *
 * Rings are an aid to reading the map, so the page usually starts with them hidden (see
 * DEFAULT_VISIBLE_LAYERS in src/app/url-state.ts); the factory itself follows the other layers.
 */
import type { Layer } from '@deck.gl/core';
import { ScatterplotLayer } from '@deck.gl/layers';
import { DEFAULT_RULES } from '../../analysis/rules.ts';
import type { CollectionOf, EnumOf, FeatureOf } from '../../sources/contract/index.ts';
import type { LegendEntry } from '../legend-types.ts';
import { lighten, rgba } from '../palette-extra.ts';
import { OKABE_ITO, type Rgb } from '../palette.ts';

/** The deck layer id. */
export const HYDRANT_RINGS_LAYER_ID = 'hydrant-rings';

export type HydrantFeature = FeatureOf<'hydrants'>;
type HydrantStatus = EnumOf<'hydrant_status'>;

/** Message keys this module's legend uses (texts in src/i18n/parts/layers.ts). */
export const HYDRANT_RINGS_I18N_KEYS = ['legend.hydrant_rings.title', 'legend.hydrant_rings.covered'] as const;

/** Protection radius of a municipal hydrant from the rules table, in metres (150 by default). */
export const DEFAULT_PROTECTION_RADIUS_M = DEFAULT_RULES.hydrant.protection_radius_m.value;

export interface HydrantRingsLayerProps {
  /** Draw the layer; hidden layers keep their buffers. Default `true`. */
  visible: boolean;
  /** Ring radius in metres. Default {@link DEFAULT_PROTECTION_RADIUS_M} (rules table). */
  radiusMeters: number;
  /** Statuses that count as working water: only these get a ring. Default `['in_service']` (as the contract says). */
  statuses: readonly HydrantStatus[];
  /** Ring colour. Default Okabe–Ito blue, the in-service colour of the hydrants layer. */
  color: Rgb;
  /** Disc fill alpha (0–255); overlapping discs add up (ten overlaps of 14 ≈ 40 %), so keep it low. Default `14`. */
  fillAlpha: number;
  /** Outline alpha (0–255). Default `110`. */
  lineAlpha: number;
  /** Outline width in screen pixels. Default `1`. */
  lineWidthPixels: number;
  /** Answer picking. Default `false`: a ring should not steal clicks from what lies under it. */
  pickable: boolean;
  /** Layer opacity 0–1. Default `1`. */
  opacity: number;
}

/** Defaults of {@link HydrantRingsLayerProps}. */
export const DEFAULT_HYDRANT_RINGS_PROPS: Readonly<HydrantRingsLayerProps> = {
  visible: true,
  radiusMeters: DEFAULT_PROTECTION_RADIUS_M,
  statuses: ['in_service'],
  color: OKABE_ITO.blue,
  fillAlpha: 14,
  lineAlpha: 110,
  lineWidthPixels: 1,
  pickable: false,
  opacity: 1,
};

const ringCache = new WeakMap<readonly HydrantFeature[], Map<string, readonly HydrantFeature[]>>();

/** The hydrants that get a ring (status in `statuses`), stable per input array and status list. */
export function ringHydrants(features: readonly HydrantFeature[], statuses: readonly string[] = DEFAULT_HYDRANT_RINGS_PROPS.statuses): readonly HydrantFeature[] {
  const key = [...statuses].sort().join(',');
  let byKey = ringCache.get(features);
  if (!byKey) ringCache.set(features, (byKey = new Map()));
  let out = byKey.get(key);
  if (!out) {
    const keep = new Set(statuses);
    out = features.filter((f) => keep.has(f.properties.status));
    if (out.length === features.length) out = features;
    byKey.set(key, out);
  }
  return out;
}

/**
 * Builds the ring layer.
 * @param data the validated hydrants collection (or its features): the same data as the hydrants layer.
 * @param props overrides of {@link DEFAULT_HYDRANT_RINGS_PROPS}.
 * @returns one ScatterplotLayer with id {@link HYDRANT_RINGS_LAYER_ID}, radius in metres.
 */
export function createHydrantRingsLayer(
  data: CollectionOf<'hydrants'> | readonly HydrantFeature[],
  props: Partial<HydrantRingsLayerProps> = {},
): Layer[] {
  const p: HydrantRingsLayerProps = { ...DEFAULT_HYDRANT_RINGS_PROPS, ...props };
  const features = 'features' in data ? data.features : data;
  return [
    new ScatterplotLayer<HydrantFeature>({
      id: HYDRANT_RINGS_LAYER_ID,
      data: ringHydrants(features, p.statuses),
      visible: p.visible,
      pickable: p.pickable,
      opacity: p.opacity,
      radiusUnits: 'meters',
      // The radius is a uniform (not an attribute): changing the rule redraws without re-uploading.
      getRadius: 1,
      radiusScale: p.radiusMeters,
      filled: true,
      stroked: true,
      lineWidthUnits: 'pixels',
      getLineWidth: p.lineWidthPixels,
      getPosition: (f) => [f.geometry.coordinates[0] ?? 0, f.geometry.coordinates[1] ?? 0],
      getFillColor: rgba(p.color, p.fillAlpha),
      getLineColor: rgba(p.color, p.lineAlpha),
    }),
  ];
}

/**
 * The legend block: one swatch. Legend labels take no parameters, so the radius is not in the text;
 * a panel that wants it reads `radiusMeters` (or the rules table).
 */
export function hydrantRingsLegend(props: Partial<HydrantRingsLayerProps> = {}): LegendEntry {
  const p = { ...DEFAULT_HYDRANT_RINGS_PROPS, ...props };
  return {
    layerId: HYDRANT_RINGS_LAYER_ID,
    title: { key: 'legend.hydrant_rings.title' },
    items: [{ id: 'covered', label: { key: 'legend.hydrant_rings.covered' }, fill: lighten(p.color, 0.8), stroke: p.color, shape: 'circle' }],
  };
}
