/**
 * Fire forces (消防队站) as dots coloured and sized by kind: national fire rescue stations largest,
 * then government full-time brigades, micro fire stations and volunteer teams. Size carries the
 * order too, so the kinds stay apart without colour. Larger kinds draw on top.
 */
import type { Layer } from '@deck.gl/core';
import { ScatterplotLayer } from '@deck.gl/layers';
import { ENUMS, type CollectionOf, type EnumOf, type FeatureOf } from '../../sources/contract/index.ts';
import type { LegendEntry } from '../legend-types.ts';
import { WHITE, rgba } from '../palette-extra.ts';
import { OKABE_ITO, type Rgb } from '../palette.ts';

/** The deck layer id. */
export const STATIONS_LAYER_ID = 'stations';

export type StationFeature = FeatureOf<'stations'>;
export type StationKind = EnumOf<'station_kind'>;

/** Message keys this module's legend uses (texts in src/i18n/parts/layers.ts). */
export const STATIONS_I18N_KEYS = ['legend.stations.title'] as const;

/** Colours by kind (Okabe–Ito). */
export const STATION_KIND_COLORS = {
  fire_station: OKABE_ITO.vermillion,
  fulltime_brigade: OKABE_ITO.reddishPurple,
  micro_station: OKABE_ITO.blue,
  volunteer_team: OKABE_ITO.bluishGreen,
} as const satisfies Readonly<Record<StationKind, Rgb>>;

export interface StationsLayerProps {
  /** Draw the layer; hidden layers keep their buffers. Default `true`. */
  visible: boolean;
  /** Fill colour per kind. Default {@link STATION_KIND_COLORS}. */
  colors: Readonly<Record<StationKind, Rgb>>;
  /** Dot radius in pixels per kind. Default fire station 9, full-time brigade 7.5, micro station 6, volunteer team 5. */
  radiusPixels: Readonly<Record<StationKind, number>>;
  /** Outline colour. Default white. */
  strokeColor: Rgb;
  /** Outline width in pixels. Default `2`. */
  strokeWidthPixels: number;
  /** Answer hover and click picking. Default `true`. */
  pickable: boolean;
  /** Layer opacity 0–1. Default `1`. */
  opacity: number;
}

/** Defaults of {@link StationsLayerProps}. */
export const DEFAULT_STATIONS_PROPS: Readonly<StationsLayerProps> = {
  visible: true,
  colors: STATION_KIND_COLORS,
  radiusPixels: { fire_station: 9, fulltime_brigade: 7.5, micro_station: 6, volunteer_team: 5 },
  strokeColor: WHITE,
  strokeWidthPixels: 2,
  pickable: true,
  opacity: 1,
};

/** Station kinds in the contract's order (largest first; the legend's order). */
export const STATION_KIND_ORDER = ENUMS.station_kind.values.map((v) => v.value) as readonly StationKind[];

const lookup = <T>(table: Readonly<Record<string, T>>, key: string, fallback: T): T =>
  (table as Readonly<Record<string, T | undefined>>)[key] ?? fallback;

/** Fill colour (RGBA) of a station; grey for a kind the table lacks. */
export function stationColor(f: StationFeature, props: Partial<StationsLayerProps> = {}): [number, number, number, number] {
  return rgba(lookup(props.colors ?? DEFAULT_STATIONS_PROPS.colors, f.properties.kind, OKABE_ITO.grey), 255);
}

/** Radius (pixels) of a station by kind; the smallest radius for a kind the table lacks. */
export function stationRadius(f: StationFeature, props: Partial<StationsLayerProps> = {}): number {
  const radii = props.radiusPixels ?? DEFAULT_STATIONS_PROPS.radiusPixels;
  return lookup(radii, f.properties.kind, Math.min(...Object.values(radii)));
}

const orderCache = new WeakMap<readonly StationFeature[], readonly StationFeature[]>();

/** Smaller kinds first, so a fire station is never hidden under a micro station. Stable per input array. */
export function largestOnTop(features: readonly StationFeature[]): readonly StationFeature[] {
  let out = orderCache.get(features);
  if (!out) {
    const rank = (f: StationFeature) => {
      const i = STATION_KIND_ORDER.indexOf(f.properties.kind);
      return i < 0 ? STATION_KIND_ORDER.length : i;
    };
    out = features.map((f, i) => ({ f, i, r: rank(f) })).sort((a, b) => b.r - a.r || a.i - b.i).map((e) => e.f);
    orderCache.set(features, out);
  }
  return out;
}

/**
 * Builds the station layer.
 * @param data the validated stations collection (or its features); keep it the same object between renders.
 * @param props overrides of {@link DEFAULT_STATIONS_PROPS}.
 * @returns one ScatterplotLayer with id {@link STATIONS_LAYER_ID}.
 */
export function createStationsLayer(data: CollectionOf<'stations'> | readonly StationFeature[], props: Partial<StationsLayerProps> = {}): Layer[] {
  const p: StationsLayerProps = { ...DEFAULT_STATIONS_PROPS, ...props };
  const features = 'features' in data ? data.features : data;
  return [
    new ScatterplotLayer<StationFeature>({
      id: STATIONS_LAYER_ID,
      data: largestOnTop(features),
      visible: p.visible,
      pickable: p.pickable,
      opacity: p.opacity,
      radiusUnits: 'pixels',
      stroked: true,
      lineWidthUnits: 'pixels',
      getLineWidth: p.strokeWidthPixels,
      getLineColor: rgba(p.strokeColor, 255),
      getPosition: (f) => [f.geometry.coordinates[0] ?? 0, f.geometry.coordinates[1] ?? 0],
      getFillColor: (f) => stationColor(f, p),
      getRadius: (f) => stationRadius(f, p),
      updateTriggers: { getFillColor: [p.colors], getRadius: [p.radiusPixels] },
    }),
  ];
}

/** The legend block: one dot per kind, labelled by the contract's station_kind enum. */
export function stationsLegend(props: Partial<StationsLayerProps> = {}): LegendEntry {
  const p = { ...DEFAULT_STATIONS_PROPS, ...props };
  return {
    layerId: STATIONS_LAYER_ID,
    title: { key: 'legend.stations.title' },
    items: STATION_KIND_ORDER.map((kind) => ({
      id: kind,
      label: { enum: 'station_kind' as const, value: kind },
      fill: lookup(p.colors, kind, OKABE_ITO.grey),
      stroke: p.strokeColor,
      shape: 'circle' as const,
    })),
  };
}
