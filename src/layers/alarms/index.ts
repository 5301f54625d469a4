/**
 * IoT alarms (告警) as dots coloured by level (warning 预警, alarm 告警, fire 火警), fire drawn on top.
 * Recent alarms are opaque and larger; older ones fade with age relative to a `now` prop; resolved
 * ones fade further. Alarms that nobody has acknowledged yet (and that are not resolved) get a
 * pulsing ring, driven by a `time` prop that the page animates.
 *
 * Built for a million alarms: positions, colours and radii are binary attributes (typed arrays,
 * see columns.ts) computed once per data and once per `now` step, never per frame. The pulse changes
 * only two uniforms of its own small layer (`radiusScale` and `opacity`), so an animation frame
 * costs deck a uniform update and no attribute work at all.
 *
 * Sub-layers: `alarms-points` (one marker per location, for the most urgent alarm there; see
 * columns.ts) and `alarms-pulse` (rings where an alarm is unacknowledged). With
 * binary data deck's picking gives an index, not an object: {@link pickedAlarm} turns it back into
 * the feature.
 */
import type { Layer } from '@deck.gl/core';
import { ScatterplotLayer } from '@deck.gl/layers';
import { ENUMS, type CollectionOf } from '../../sources/contract/index.ts';
import type { LegendEntry } from '../legend-types.ts';
import { INK, lighten } from '../palette-extra.ts';
import { OKABE_ITO, type Rgb } from '../palette.ts';
import { alarmColumns, alarmStyle, type AlarmColumns, type AlarmFeature, type AlarmLevel, type AlarmStyle } from './columns.ts';

export { ALARM_LEVEL_CODES, ageAlpha, alarmColumns, alarmStyle, type AlarmColumns, type AlarmFeature, type AlarmLevel, type AlarmStyle, type AlarmStyleOptions } from './columns.ts';

/** The group id: the legend toggle and app state name the alarms by it. */
export const ALARMS_LAYER_ID = 'alarms';
/** Sub-layer ids (stable: picking and tests use them). */
export const ALARMS_POINTS_ID = `${ALARMS_LAYER_ID}-points`;
export const ALARMS_PULSE_ID = `${ALARMS_LAYER_ID}-pulse`;

/** Message keys this module's legend uses (texts in src/i18n/parts/layers.ts). */
export const ALARMS_I18N_KEYS = ['legend.alarms.title', 'legend.alarms.unacknowledged', 'legend.alarms.older'] as const;

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/**
 * Colours by level (Okabe–Ito yellow → orange → vermillion): the same warm order as everywhere in
 * the app, decreasing in lightness, with a dark outline so yellow stays visible on a light basemap.
 */
export const ALARM_LEVEL_COLORS = {
  warning: OKABE_ITO.yellow,
  alarm: OKABE_ITO.orange,
  fire: OKABE_ITO.vermillion,
} as const satisfies Readonly<Record<AlarmLevel, Rgb>>;

export interface AlarmsLayerProps {
  /** Draw the layer; hidden layers keep their buffers. Default `true`. */
  visible: boolean;
  /**
   * The reference time for ages (a Date or epoch ms). Default: the latest alarm in the data, so a
   * snapshot reads as of its own last alarm. The page passes the clock (or the demo's as-of time).
   */
  now: Date | number | undefined;
  /** `now` is rounded down to this step (ms) before styling, so a ticking clock restyles once per step. Default one minute. */
  ageStepMs: number;
  /** Colour per level. Default {@link ALARM_LEVEL_COLORS}. */
  colors: Readonly<Record<AlarmLevel, Rgb>>;
  /** Dot radius in pixels per level. Default warning 3, alarm 4, fire 5.5. */
  radiusPixels: Readonly<Record<AlarmLevel, number>>;
  /** Alarms younger than this (ms) are recent: opaque and larger. Default 24 h. */
  recentMs: number;
  /** Radius factor of a recent alarm. Default `1.5`. */
  recentScale: number;
  /** Age (ms) at which the fade reaches `oldAlpha`. Default 7 days. */
  maxAgeMs: number;
  /** Alpha (0–255) of old alarms. Default `50`. */
  oldAlpha: number;
  /** Factor (0–1) on the alpha of a resolved alarm. Default `0.5`. */
  resolvedFade: number;
  /** Dot outline colour; its alpha follows the dot's. Default dark grey. */
  strokeColor: Rgb;
  /** Dot outline width in pixels. Default `0.75`. */
  strokeWidthPixels: number;
  /** Ring unacknowledged alarms. Default `true` (pass `false`, or keep `time` fixed, for reduced motion). */
  pulse: boolean;
  /** Animation clock in ms (e.g. `performance.now()`); only the pulse reads it. Default `0` (a still ring). */
  time: number;
  /** Length of one pulse in ms. Default `1600`. */
  pulsePeriodMs: number;
  /** Ring radius at the end of a pulse, as a multiple of the dot's. Default `2.8`. */
  pulseMaxScale: number;
  /** Ring width in pixels. Default `2`. */
  pulseStrokeWidthPixels: number;
  /** Answer hover and click picking (dots only; rings never). Default `true`. */
  pickable: boolean;
  /** Layer opacity 0–1. Default `1`. */
  opacity: number;
}

/** Defaults of {@link AlarmsLayerProps}. */
export const DEFAULT_ALARMS_PROPS: Readonly<AlarmsLayerProps> = {
  visible: true,
  now: undefined,
  ageStepMs: 60_000,
  colors: ALARM_LEVEL_COLORS,
  radiusPixels: { warning: 3, alarm: 4, fire: 5.5 },
  recentMs: DAY_MS,
  recentScale: 1.5,
  maxAgeMs: 7 * DAY_MS,
  oldAlpha: 50,
  resolvedFade: 0.5,
  strokeColor: INK,
  strokeWidthPixels: 0.75,
  pulse: true,
  time: 0,
  pulsePeriodMs: 1600,
  pulseMaxScale: 2.8,
  pulseStrokeWidthPixels: 2,
  pickable: true,
  opacity: 1,
};

/** Alarm levels in the contract's order (the legend's). */
export const ALARM_LEVEL_ORDER = ENUMS.alarm_level.values.map((v) => v.value) as readonly AlarmLevel[];

/** The `now` used for styling: the prop rounded down to `ageStepMs`, or the latest alarm. */
export function styleNow(columns: AlarmColumns, now: Date | number | undefined, ageStepMs: number): number {
  const ms = now === undefined ? columns.latest : typeof now === 'number' ? now : now.getTime();
  if (!Number.isFinite(ms)) return 0;
  const step = ageStepMs > 0 ? ageStepMs : 1;
  return Math.floor(ms / step) * step;
}

/**
 * The pulse at animation time `time`: 0 → 1 over each period. The ring grows from the dot's size
 * to `pulseMaxScale` while fading out.
 */
export function pulseAt(time: number, props: Partial<Pick<AlarmsLayerProps, 'pulsePeriodMs' | 'pulseMaxScale'>> = {}): { phase: number; radiusScale: number; alpha: number } {
  const period = props.pulsePeriodMs ?? DEFAULT_ALARMS_PROPS.pulsePeriodMs;
  const maxScale = props.pulseMaxScale ?? DEFAULT_ALARMS_PROPS.pulseMaxScale;
  const phase = Number.isFinite(time) && period > 0 ? (((time % period) + period) % period) / period : 0;
  return { phase, radiusScale: 1 + phase * (maxScale - 1), alpha: 1 - phase };
}

interface BinaryData {
  readonly length: number;
  readonly attributes: Record<string, { value: ArrayBufferView; size: number; normalized?: boolean }>;
}

const dataCache = new WeakMap<AlarmStyle, { points: BinaryData; pulse: BinaryData }>();

/** The binary `data` objects of both sub-layers for one style (cached: same style, same objects). */
export function alarmBinaryData(columns: AlarmColumns, style: AlarmStyle): { points: BinaryData; pulse: BinaryData } {
  let out = dataCache.get(style);
  if (!out) {
    out = {
      points: {
        length: columns.length,
        attributes: {
          getPosition: { value: columns.positions, size: 2 },
          getFillColor: { value: style.fillColors, size: 4, normalized: true },
          getLineColor: { value: style.lineColors, size: 4, normalized: true },
          getRadius: { value: style.radii, size: 1 },
        },
      },
      pulse: {
        length: columns.pulsing.length,
        attributes: {
          getPosition: { value: columns.pulsePositions, size: 2 },
          getLineColor: { value: style.pulseColors, size: 4, normalized: true },
          getRadius: { value: style.pulseRadii, size: 1 },
        },
      },
    };
    dataCache.set(style, out);
  }
  return out;
}

/**
 * Builds the alarm layers.
 * @param data the validated alarms collection (or its features). Keep it the same object between
 *   renders: the columns are computed once per features array.
 * @param props overrides of {@link DEFAULT_ALARMS_PROPS}; change `time` every frame to animate the pulse.
 * @returns ScatterplotLayers {@link ALARMS_POINTS_ID} and {@link ALARMS_PULSE_ID}.
 * @example
 *   // each animation frame:
 *   layers = createAlarmsLayer(alarms, { now: clock, time: performance.now() });
 */
export function createAlarmsLayer(data: CollectionOf<'alarms'> | readonly AlarmFeature[], props: Partial<AlarmsLayerProps> = {}): Layer[] {
  const p: AlarmsLayerProps = { ...DEFAULT_ALARMS_PROPS, ...props };
  const features = 'features' in data ? data.features : data;
  const columns = alarmColumns(features);
  const style = alarmStyle(columns, {
    now: styleNow(columns, p.now, p.ageStepMs),
    colors: p.colors,
    radiusPixels: p.radiusPixels,
    recentMs: p.recentMs,
    recentScale: p.recentScale,
    maxAgeMs: p.maxAgeMs,
    oldAlpha: p.oldAlpha,
    resolvedFade: p.resolvedFade,
    strokeColor: p.strokeColor,
  });
  const binary = alarmBinaryData(columns, style);
  const pulse = pulseAt(p.time, p);
  return [
    new ScatterplotLayer({
      id: ALARMS_POINTS_ID,
      data: binary.points as never, // deck's binary-data typing; shape documented in its "Supplying attributes" guide
      visible: p.visible,
      pickable: p.pickable,
      opacity: p.opacity,
      radiusUnits: 'pixels',
      filled: true,
      stroked: true,
      lineWidthUnits: 'pixels',
      getLineWidth: p.strokeWidthPixels,
    }),
    new ScatterplotLayer({
      id: ALARMS_PULSE_ID,
      data: binary.pulse as never,
      visible: p.visible && p.pulse && columns.pulsing.length > 0,
      pickable: false,
      // The animation: two uniforms, no attribute.
      opacity: p.opacity * pulse.alpha,
      radiusScale: pulse.radiusScale,
      radiusUnits: 'pixels',
      filled: false,
      stroked: true,
      lineWidthUnits: 'pixels',
      getLineWidth: p.pulseStrokeWidthPixels,
    }),
  ];
}

/**
 * The alarm feature under a pick (deck gives an index into the binary data, not an object).
 * @param data the same collection or array the layer was built from.
 * @param info deck's picking info (`layer.id` and `index`).
 * @returns the feature, or undefined when the pick is not on an alarm dot.
 */
export function pickedAlarm(
  data: CollectionOf<'alarms'> | readonly AlarmFeature[],
  info: { readonly layer?: { readonly id: string } | null; readonly index: number },
): AlarmFeature | undefined {
  const features = 'features' in data ? data.features : data;
  const columns = alarmColumns(features);
  const drawIndex = pickedDrawIndex(columns, info);
  const featureIndex = drawIndex === undefined ? undefined : columns.order[drawIndex];
  return featureIndex === undefined ? undefined : features[featureIndex];
}

/**
 * How many alarms the marker under a pick stands for (its own included; 0 off the markers): a
 * marker is drawn once per location, for the most urgent of the alarms there.
 */
export function pickedAlarmCount(
  data: CollectionOf<'alarms'> | readonly AlarmFeature[],
  info: { readonly layer?: { readonly id: string } | null; readonly index: number },
): number {
  const columns = alarmColumns('features' in data ? data.features : data);
  const drawIndex = pickedDrawIndex(columns, info);
  return drawIndex === undefined ? 0 : columns.counts[drawIndex] ?? 0;
}

function pickedDrawIndex(columns: AlarmColumns, info: { readonly layer?: { readonly id: string } | null; readonly index: number }): number | undefined {
  if (info.index < 0) return undefined;
  if (info.layer?.id === ALARMS_POINTS_ID) return info.index < columns.length ? info.index : undefined;
  if (info.layer?.id === ALARMS_PULSE_ID) return columns.pulsing[info.index];
  return undefined;
}

/** The legend block: one dot per level, a ring for "not yet acknowledged", a faded dot for "older". */
export function alarmsLegend(props: Partial<AlarmsLayerProps> = {}): LegendEntry {
  const p = { ...DEFAULT_ALARMS_PROPS, ...props };
  const fire = p.colors.fire;
  return {
    layerId: ALARMS_LAYER_ID,
    title: { key: 'legend.alarms.title' },
    items: [
      ...ALARM_LEVEL_ORDER.map((level) => ({
        id: level,
        label: { enum: 'alarm_level' as const, value: level },
        fill: p.colors[level],
        stroke: p.strokeColor,
        shape: 'circle' as const,
      })),
      ...(p.pulse ? [{ id: 'unacknowledged', label: { key: 'legend.alarms.unacknowledged' }, fill: lighten(fire, 0.85), stroke: fire, shape: 'ring' as const }] : []),
      { id: 'older', label: { key: 'legend.alarms.older' }, fill: lighten(p.colors.alarm, 1 - p.oldAlpha / 255), stroke: lighten(p.strokeColor, 1 - p.oldAlpha / 255), shape: 'circle' as const },
    ],
  };
}
