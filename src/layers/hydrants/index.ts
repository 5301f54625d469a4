/**
 * Municipal hydrants (市政消火栓) as dots coloured by status. Hydrants that are not in service are
 * drawn last, so a broken one is never hidden under a working neighbour at low zoom.
 */
import type { Layer } from '@deck.gl/core';
import { ScatterplotLayer } from '@deck.gl/layers';
import { ENUMS, type CollectionOf, type FeatureOf } from '../../sources/contract/index.ts';
import type { LegendEntry } from '../legend-types.ts';
import { OKABE_ITO, TOL_MUTED, type Rgb } from '../palette.ts';

/** The deck layer id: stable, so toggles, picking and tests can name it. */
export const HYDRANTS_LAYER_ID = 'hydrants';

export type HydrantFeature = FeatureOf<'hydrants'>;
export type HydrantStatus = HydrantFeature['properties']['status'];

/**
 * Colours by status (Okabe–Ito): blue for water that works, warm colours for faults, grey when
 * nobody knows. Distinct in hue and lightness so they survive colour-vision deficiency.
 */
export const HYDRANT_STATUS_COLORS = {
  in_service: OKABE_ITO.blue,
  low_pressure: OKABE_ITO.orange,
  obstructed: OKABE_ITO.yellow,
  damaged: OKABE_ITO.vermillion,
  no_water: OKABE_ITO.reddishPurple,
  // Lighter than Okabe–Ito's grey: that one and reddish purple look alike to deuteranopes.
  unknown: TOL_MUTED.grey,
} as const satisfies Readonly<Record<HydrantStatus, Rgb>>;

export interface HydrantsLayerProps {
  /** Draw the layer. Hidden layers keep their buffers, so showing them again is instant. Default `true`. */
  visible: boolean;
  /** Dot radius in screen pixels, the same at every zoom. Default `4.5`. */
  radiusPixels: number;
  /** Fill colour per status. Default {@link HYDRANT_STATUS_COLORS}. */
  colors: Readonly<Record<HydrantStatus, Rgb>>;
  /** Outline colour; white lifts the dot off both buildings and roads. Default white. */
  strokeColor: Rgb;
  /** Outline width in screen pixels. Default `1.5`. */
  strokeWidthPixels: number;
  /** Answer hover and click picking. Default `true`. */
  pickable: boolean;
  /** Layer opacity 0–1. Default `1`. */
  opacity: number;
}

/** Defaults of {@link HydrantsLayerProps}. */
export const DEFAULT_HYDRANTS_PROPS: Readonly<HydrantsLayerProps> = {
  visible: true,
  radiusPixels: 4.5,
  colors: HYDRANT_STATUS_COLORS,
  strokeColor: [255, 255, 255],
  strokeWidthPixels: 1.5,
  pickable: true,
  opacity: 1,
};

/**
 * Colour of a status in a table, grey for a status the table lacks. Written against plain strings
 * on purpose: the contract's enum types may widen to `string`, and a new status must not crash a draw.
 */
function statusColor(colors: Readonly<Record<HydrantStatus, Rgb>>, status: string): Rgb {
  const table = colors as Readonly<Record<string, Rgb | undefined>>;
  return table[status] ?? table['unknown'] ?? OKABE_ITO.grey;
}

/** Statuses in the contract's order, which is also the legend's. */
const STATUS_ORDER = ENUMS.hydrant_status.values.map((v) => v.value) as readonly HydrantStatus[];

// Sorted copies are cached per input array: deck.gl re-uploads attributes whenever `data` changes
// identity, so the same collection must always give the same array.
const sortedCache = new WeakMap<readonly HydrantFeature[], HydrantFeature[]>();

/** The features with in-service hydrants first, so faults draw on top. Stable per input array. */
export function faultsOnTop(features: readonly HydrantFeature[]): HydrantFeature[] {
  let sorted = sortedCache.get(features);
  if (!sorted) {
    sorted = features
      .map((f, i) => ({ f, i, rank: f.properties.status === 'in_service' ? 0 : 1 }))
      .sort((a, b) => a.rank - b.rank || a.i - b.i)
      .map((e) => e.f);
    sortedCache.set(features, sorted);
  }
  return sorted;
}

/**
 * Builds the hydrant layers.
 * @param data the validated hydrants collection (or its features); keep it the same object between
 *   renders unless it really changed.
 * @param props overrides of {@link DEFAULT_HYDRANTS_PROPS}.
 * @returns the deck layers, one ScatterplotLayer with id {@link HYDRANTS_LAYER_ID}.
 */
export function createHydrantsLayer(
  data: CollectionOf<'hydrants'> | readonly HydrantFeature[],
  props: Partial<HydrantsLayerProps> = {},
): Layer[] {
  const p: HydrantsLayerProps = { ...DEFAULT_HYDRANTS_PROPS, ...props };
  const features = 'features' in data ? data.features : data;
  const colors = p.colors;
  return [
    new ScatterplotLayer<HydrantFeature>({
      id: HYDRANTS_LAYER_ID,
      data: faultsOnTop(features),
      visible: p.visible,
      pickable: p.pickable,
      opacity: p.opacity,
      radiusUnits: 'pixels',
      getRadius: p.radiusPixels,
      stroked: true,
      lineWidthUnits: 'pixels',
      getLineWidth: p.strokeWidthPixels,
      getLineColor: [...p.strokeColor],
      getPosition: (f) => [f.geometry.coordinates[0] ?? 0, f.geometry.coordinates[1] ?? 0],
      getFillColor: (f) => [...statusColor(colors, f.properties.status)],
      updateTriggers: { getFillColor: [colors] },
    }),
  ];
}

/** Colour of one hydrant under the given props: what the map draws, for tests and tooltips. */
export function hydrantColor(feature: HydrantFeature, props: Partial<HydrantsLayerProps> = {}): Rgb {
  return statusColor(props.colors ?? DEFAULT_HYDRANTS_PROPS.colors, feature.properties.status);
}

/** The legend block: one dot per status, labelled by the contract's hydrant_status enum. */
export function hydrantsLegend(props: Partial<HydrantsLayerProps> = {}): LegendEntry {
  const colors = props.colors ?? DEFAULT_HYDRANTS_PROPS.colors;
  const stroke = props.strokeColor ?? DEFAULT_HYDRANTS_PROPS.strokeColor;
  return {
    layerId: HYDRANTS_LAYER_ID,
    title: { key: 'legend.hydrants.title' },
    items: STATUS_ORDER.map((status) => ({
      id: status,
      label: { enum: 'hydrant_status', value: status },
      fill: statusColor(colors, status),
      stroke,
      shape: 'circle' as const,
    })),
  };
}
