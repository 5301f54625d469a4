/**
 * Regional fire-hazard areas (区域性火灾隐患: urban villages, contiguous self-built houses, industrial
 * clusters…) as translucent areas with an outline, coloured by supervised-listing level (挂牌督办:
 * the darker, the higher the government that listed it). Closed areas (销案) fade and thin out, so
 * what still needs work stands out; they are drawn first, under open ones.
 */
import type { Layer } from '@deck.gl/core';
import { GeoJsonLayer } from '@deck.gl/layers';
import { ENUMS, type CollectionOf, type FeatureOf, type HazardStatus, type SupervisionLevel } from '../../sources/contract/index.ts';
import type { LegendEntry } from '../legend-types.ts';
import { BREWER_PURPLES, lighten, rgba } from '../palette-extra.ts';
import { OKABE_ITO, darken, type Rgb } from '../palette.ts';

/** The deck layer id (deck adds suffixes to its sub-layers, e.g. `hazard-areas-polygons-fill`). */
export const HAZARD_AREAS_LAYER_ID = 'hazard-areas';

export type HazardAreaFeature = FeatureOf<'hazard_areas'>;

/** Message keys this module's legend uses (texts in src/i18n/parts/layers.ts). */
export const HAZARD_AREAS_I18N_KEYS = ['legend.hazard_areas.title', 'legend.hazard_areas.closed'] as const;

/**
 * Colours per supervision level: one hue (ColorBrewer Purples), darker for a higher level, so the
 * order reads without hue; areas not listed are neutral grey.
 */
export const SUPERVISION_LEVEL_COLORS = {
  province: BREWER_PURPLES.p9,
  city: BREWER_PURPLES.p7,
  district: BREWER_PURPLES.p5,
  street: BREWER_PURPLES.p4,
  none: OKABE_ITO.grey,
} as const satisfies Readonly<Record<SupervisionLevel, Rgb>>;

export interface HazardAreasLayerProps {
  /** Draw the layer; hidden layers keep their buffers. Default `true`. */
  visible: boolean;
  /** Colour per supervision level (an area without a level counts as `none`). Default {@link SUPERVISION_LEVEL_COLORS}. */
  colors: Readonly<Record<SupervisionLevel, Rgb>>;
  /** Fill alpha (0–255) of an open or rectifying area. Default `70`: buildings and premises show through. */
  fillAlpha: number;
  /** Outline alpha (0–255) of an open or rectifying area. Default `230`. */
  lineAlpha: number;
  /** How much darker than the fill the outline is (0–1). Default `0.15`. */
  outlineDarken: number;
  /** Outline width in screen pixels per status: open widest, closed thinnest. Default open 3, rectifying 2, closed 1. */
  lineWidthPixels: Readonly<Record<HazardStatus, number>>;
  /** Factor (0–1) on both alphas of a closed area. Default `0.35`. */
  closedFade: number;
  /** Answer hover and click picking. Default `true`. */
  pickable: boolean;
  /** Layer opacity 0–1. Default `1`. */
  opacity: number;
}

/** Defaults of {@link HazardAreasLayerProps}. */
export const DEFAULT_HAZARD_AREAS_PROPS: Readonly<HazardAreasLayerProps> = {
  visible: true,
  colors: SUPERVISION_LEVEL_COLORS,
  fillAlpha: 70,
  lineAlpha: 230,
  outlineDarken: 0.15,
  lineWidthPixels: { open: 3, rectifying: 2, closed: 1 },
  closedFade: 0.35,
  pickable: true,
  opacity: 1,
};

/** Supervision levels in the contract's order (highest first), which is also the legend's. */
export const SUPERVISION_LEVEL_ORDER = ENUMS.supervision_level.values.map((v) => v.value) as readonly SupervisionLevel[];

/** The colour of a level, grey for a level the table lacks (the contract may grow). */
function levelColor(colors: Readonly<Record<SupervisionLevel, Rgb>>, level: string | undefined): Rgb {
  const table = colors as Readonly<Record<string, Rgb | undefined>>;
  return table[level ?? 'none'] ?? table['none'] ?? OKABE_ITO.grey;
}

/** Fill colour (RGBA) of one area under the given props: what the map draws. */
export function hazardAreaFillColor(feature: HazardAreaFeature, props: Partial<HazardAreasLayerProps> = {}): [number, number, number, number] {
  const p = { ...DEFAULT_HAZARD_AREAS_PROPS, ...props };
  const fade = feature.properties.status === 'closed' ? p.closedFade : 1;
  return rgba(levelColor(p.colors, feature.properties.supervision_level), p.fillAlpha * fade);
}

/** Outline colour (RGBA) of one area: the fill's colour a shade darker, faded when closed. */
export function hazardAreaLineColor(feature: HazardAreaFeature, props: Partial<HazardAreasLayerProps> = {}): [number, number, number, number] {
  const p = { ...DEFAULT_HAZARD_AREAS_PROPS, ...props };
  const fade = feature.properties.status === 'closed' ? p.closedFade : 1;
  return rgba(darken(levelColor(p.colors, feature.properties.supervision_level), p.outlineDarken), p.lineAlpha * fade);
}

/** Outline width (pixels) of one area by its status. */
export function hazardAreaLineWidth(feature: HazardAreaFeature, props: Partial<HazardAreasLayerProps> = {}): number {
  const widths = props.lineWidthPixels ?? DEFAULT_HAZARD_AREAS_PROPS.lineWidthPixels;
  return (widths as Readonly<Record<string, number | undefined>>)[feature.properties.status] ?? widths.open;
}

// deck.gl re-uploads attributes whenever `data` changes identity: the same input, the same array.
const orderedCache = new WeakMap<readonly HazardAreaFeature[], readonly HazardAreaFeature[]>();

/** The features with closed areas first (drawn underneath), otherwise in input order. Stable per input array. */
export function closedBelow(features: readonly HazardAreaFeature[]): readonly HazardAreaFeature[] {
  let out = orderedCache.get(features);
  if (!out) {
    const closed = features.filter((f) => f.properties.status === 'closed');
    out = closed.length === 0 || closed.length === features.length ? features : [...closed, ...features.filter((f) => f.properties.status !== 'closed')];
    orderedCache.set(features, out);
  }
  return out;
}

/**
 * Builds the hazard-area layers.
 * @param data the validated hazard_areas collection (or its features); keep it the same object between renders.
 * @param props overrides of {@link DEFAULT_HAZARD_AREAS_PROPS}.
 * @returns one GeoJsonLayer with id {@link HAZARD_AREAS_LAYER_ID}.
 */
export function createHazardAreasLayer(
  data: CollectionOf<'hazard_areas'> | readonly HazardAreaFeature[],
  props: Partial<HazardAreasLayerProps> = {},
): Layer[] {
  const p: HazardAreasLayerProps = { ...DEFAULT_HAZARD_AREAS_PROPS, ...props };
  const features = 'features' in data ? data.features : data;
  return [
    new GeoJsonLayer<HazardAreaFeature['properties']>({
      id: HAZARD_AREAS_LAYER_ID,
      data: closedBelow(features) as never, // deck's GeoJSON typing is looser than the contract's; the shape is the same
      visible: p.visible,
      pickable: p.pickable,
      opacity: p.opacity,
      filled: true,
      stroked: true,
      lineWidthUnits: 'pixels',
      lineJointRounded: true,
      getFillColor: ((f: HazardAreaFeature) => hazardAreaFillColor(f, p)) as never,
      getLineColor: ((f: HazardAreaFeature) => hazardAreaLineColor(f, p)) as never,
      getLineWidth: ((f: HazardAreaFeature) => hazardAreaLineWidth(f, p)) as never,
      updateTriggers: {
        getFillColor: [p.colors, p.fillAlpha, p.closedFade],
        getLineColor: [p.colors, p.lineAlpha, p.outlineDarken, p.closedFade],
        getLineWidth: [p.lineWidthPixels],
      },
    }),
  ];
}

/**
 * The legend block: one swatch per supervision level (contract labels), then one for "closed"
 * (the grey swatch lightened as the map fades it).
 */
export function hazardAreasLegend(props: Partial<HazardAreasLayerProps> = {}): LegendEntry {
  const p = { ...DEFAULT_HAZARD_AREAS_PROPS, ...props };
  return {
    layerId: HAZARD_AREAS_LAYER_ID,
    title: { key: 'legend.hazard_areas.title' },
    items: [
      ...SUPERVISION_LEVEL_ORDER.map((level) => ({
        id: level,
        label: { enum: 'supervision_level' as const, value: level },
        fill: levelColor(p.colors, level),
        stroke: darken(levelColor(p.colors, level), p.outlineDarken),
        shape: 'square' as const,
      })),
      {
        id: 'closed',
        label: { key: 'legend.hazard_areas.closed' },
        fill: lighten(levelColor(p.colors, 'none'), 1 - p.closedFade),
        stroke: lighten(darken(levelColor(p.colors, 'none'), p.outlineDarken), 1 - p.closedFade),
        shape: 'square' as const,
      },
    ],
  };
}
