/**
 * IoT sensors (物联网设备) as small dots coloured by kind (smoke, heat, electrical fire, …). An offline
 * sensor is hollow: no fill, a grey ring, so a dead device reads as "missing" rather than as another
 * kind. Offline ones are drawn last, on top, because they are what someone has to go and fix.
 */
import type { Layer } from '@deck.gl/core';
import { ScatterplotLayer } from '@deck.gl/layers';
import { ENUMS, type CollectionOf, type EnumOf, type FeatureOf } from '../../sources/contract/index.ts';
import type { LegendEntry } from '../legend-types.ts';
import { WHITE, rgba } from '../palette-extra.ts';
import { OKABE_ITO, TOL_MUTED, type Rgb } from '../palette.ts';

/** The deck layer id. */
export const SENSORS_LAYER_ID = 'sensors';

export type SensorFeature = FeatureOf<'sensors'>;
export type SensorKind = EnumOf<'sensor_kind'>;

/** Message keys this module's legend uses (texts in src/i18n/parts/layers.ts). */
export const SENSORS_I18N_KEYS = ['legend.sensors.title', 'legend.sensors.offline'] as const;

/**
 * Colours by kind: the eight Okabe–Ito colours plus grey for `other`. Offline sensors do not use
 * these (see {@link SensorsLayerProps.offlineColor}).
 */
export const SENSOR_KIND_COLORS = {
  smoke: OKABE_ITO.skyBlue,
  temperature: OKABE_ITO.orange,
  electrical_fire: OKABE_ITO.vermillion,
  smart_electricity: OKABE_ITO.yellow,
  water_pressure: OKABE_ITO.blue,
  gas: OKABE_ITO.reddishPurple,
  video: OKABE_ITO.black,
  ebike_charging: OKABE_ITO.bluishGreen,
  // Lighter than Okabe–Ito's grey: that one and reddish purple (gas) look alike to deuteranopes.
  other: TOL_MUTED.grey,
} as const satisfies Readonly<Record<SensorKind, Rgb>>;

export interface SensorsLayerProps {
  /** Draw the layer; hidden layers keep their buffers. Default `true`. */
  visible: boolean;
  /** Fill colour per kind for online sensors. Default {@link SENSOR_KIND_COLORS}. */
  colors: Readonly<Record<SensorKind, Rgb>>;
  /** Ring colour of an offline sensor (drawn hollow). Default grey `[120, 120, 120]`. */
  offlineColor: Rgb;
  /** Outline colour of an online sensor. Default white. */
  strokeColor: Rgb;
  /** Dot radius in screen pixels. Default `3.5`. */
  radiusPixels: number;
  /** Outline width of an online sensor in pixels. Default `1`. */
  strokeWidthPixels: number;
  /** Ring width of an offline sensor in pixels. Default `1.75`. */
  offlineStrokeWidthPixels: number;
  /** Answer hover and click picking. Default `true`. */
  pickable: boolean;
  /** Layer opacity 0–1. Default `1`. */
  opacity: number;
}

/** Defaults of {@link SensorsLayerProps}. */
export const DEFAULT_SENSORS_PROPS: Readonly<SensorsLayerProps> = {
  visible: true,
  colors: SENSOR_KIND_COLORS,
  offlineColor: [120, 120, 120],
  strokeColor: WHITE,
  radiusPixels: 3.5,
  strokeWidthPixels: 1,
  offlineStrokeWidthPixels: 1.75,
  pickable: true,
  opacity: 1,
};

/** Sensor kinds in the contract's order (the legend's). */
export const SENSOR_KIND_ORDER = ENUMS.sensor_kind.values.map((v) => v.value) as readonly SensorKind[];

/** Offline means the export says so (`online: false`); a sensor with no online field counts as online. */
export const isOffline = (f: SensorFeature): boolean => f.properties.online === false;

const kindColor = (colors: Readonly<Record<SensorKind, Rgb>>, kind: string): Rgb =>
  (colors as Readonly<Record<string, Rgb | undefined>>)[kind] ?? colors.other ?? OKABE_ITO.grey;

/** Fill colour (RGBA) of a sensor: its kind's colour, or fully transparent when offline (hollow). */
export function sensorFillColor(f: SensorFeature, props: Partial<SensorsLayerProps> = {}): [number, number, number, number] {
  const p = { ...DEFAULT_SENSORS_PROPS, ...props };
  return isOffline(f) ? rgba(p.offlineColor, 0) : rgba(kindColor(p.colors, f.properties.kind), 255);
}

/** Outline colour (RGBA) of a sensor: white around an online dot, the grey ring of an offline one. */
export function sensorLineColor(f: SensorFeature, props: Partial<SensorsLayerProps> = {}): [number, number, number, number] {
  const p = { ...DEFAULT_SENSORS_PROPS, ...props };
  return rgba(isOffline(f) ? p.offlineColor : p.strokeColor, 255);
}

const orderCache = new WeakMap<readonly SensorFeature[], readonly SensorFeature[]>();

/** Online sensors first, offline last (on top). Stable per input array; the input itself when nothing moves. */
export function offlineOnTop(features: readonly SensorFeature[]): readonly SensorFeature[] {
  let out = orderCache.get(features);
  if (!out) {
    const online = features.filter((f) => !isOffline(f));
    out = online.length === features.length ? features : [...online, ...features.filter(isOffline)];
    orderCache.set(features, out);
  }
  return out;
}

/**
 * Builds the sensor layer.
 * @param data the validated sensors collection (or its features); keep it the same object between renders.
 * @param props overrides of {@link DEFAULT_SENSORS_PROPS}.
 * @returns one ScatterplotLayer with id {@link SENSORS_LAYER_ID}.
 */
export function createSensorsLayer(data: CollectionOf<'sensors'> | readonly SensorFeature[], props: Partial<SensorsLayerProps> = {}): Layer[] {
  const p: SensorsLayerProps = { ...DEFAULT_SENSORS_PROPS, ...props };
  const features = 'features' in data ? data.features : data;
  return [
    new ScatterplotLayer<SensorFeature>({
      id: SENSORS_LAYER_ID,
      data: offlineOnTop(features),
      visible: p.visible,
      pickable: p.pickable,
      opacity: p.opacity,
      radiusUnits: 'pixels',
      getRadius: p.radiusPixels,
      filled: true,
      stroked: true,
      lineWidthUnits: 'pixels',
      getPosition: (f) => [f.geometry.coordinates[0] ?? 0, f.geometry.coordinates[1] ?? 0],
      getFillColor: (f) => sensorFillColor(f, p),
      getLineColor: (f) => sensorLineColor(f, p),
      getLineWidth: (f) => (isOffline(f) ? p.offlineStrokeWidthPixels : p.strokeWidthPixels),
      updateTriggers: {
        getFillColor: [p.colors, p.offlineColor],
        getLineColor: [p.strokeColor, p.offlineColor],
        getLineWidth: [p.strokeWidthPixels, p.offlineStrokeWidthPixels],
      },
    }),
  ];
}

/** The legend block: one dot per kind (contract labels), then a hollow grey ring for "offline". */
export function sensorsLegend(props: Partial<SensorsLayerProps> = {}): LegendEntry {
  const p = { ...DEFAULT_SENSORS_PROPS, ...props };
  return {
    layerId: SENSORS_LAYER_ID,
    title: { key: 'legend.sensors.title' },
    items: [
      ...SENSOR_KIND_ORDER.map((kind) => ({
        id: kind,
        label: { enum: 'sensor_kind' as const, value: kind },
        fill: kindColor(p.colors, kind),
        stroke: p.strokeColor,
        shape: 'circle' as const,
      })),
      // The legend's swatches have no transparent fill: white inside a grey ring reads as hollow.
      { id: 'offline', label: { key: 'legend.sensors.offline' }, fill: WHITE, stroke: p.offlineColor, shape: 'circle' as const },
    ],
  };
}
