/**
 * Alarms as typed arrays (columns) for deck.gl's binary attributes. A district at 100× the demo has
 * about a million alarms: per-feature accessors would call a function a million times per style
 * change and allocate an array per call, and deck's own packing would do it again on every update.
 * Instead:
 *
 * 1. {@link alarmColumns}: once per data array, one pass over the features → positions (Float64,
 *    so the fp64 path keeps centimetres), times, levels and flags, in draw order (by level, then by
 *    time: fire on top, recent on top). Cached per input array. One marker per location: a sensor
 *    raises alarm after alarm at the same point, and drawing each would stack ten dots where one
 *    shows, ten times the work for the renderer (on a CPU renderer, most of a redraw). The marker
 *    is the alarm that would have been drawn on top (the most severe, then the latest); it pulses
 *    when any alarm there is still unacknowledged, and `counts` says how many it stands for.
 * 2. {@link alarmStyle}: once per (columns, `now` rounded to `ageStepMs`, style props) → fill and
 *    outline colours (Uint8 RGBA) and radii (Float32): one tight loop, no allocation per alarm.
 *    The last result is cached per columns, so re-rendering with the same props costs nothing and
 *    deck sees the same buffers (it compares them by identity and uploads nothing).
 *
 * Pulsing (unacknowledged alarms) uses uniforms only (see index.ts), so an animation frame never
 * touches these arrays.
 */
import type { EnumOf, FeatureOf } from '../../sources/contract/index.ts';
import type { Rgb } from '../palette.ts';

export type AlarmFeature = FeatureOf<'alarms'>;
export type AlarmLevel = EnumOf<'alarm_level'>;

/** Levels in drawing order (lowest first); the index is the level code in {@link AlarmColumns.levels}. */
export const ALARM_LEVEL_CODES = ['warning', 'alarm', 'fire'] as const satisfies readonly AlarmLevel[];

export const FLAG_ACKNOWLEDGED = 1;
export const FLAG_RESOLVED = 2;

/** The alarms of one data array as columns: one marker per location, in draw order. */
export interface AlarmColumns {
  /** Markers (distinct locations). */
  readonly length: number;
  /** Alarms in the data (every marker's `counts` summed). */
  readonly alarms: number;
  /** Draw index → index of the marker's feature (its top alarm) in the input array (for picking and tooltips). */
  readonly order: Uint32Array;
  /** Alarms at the marker's location, its own included. */
  readonly counts: Uint32Array;
  /** lon, lat per alarm (size 2). */
  readonly positions: Float64Array;
  /** Epoch milliseconds of the alarm; NaN when the time could not be read (drawn as old). */
  readonly times: Float64Array;
  /** Index into {@link ALARM_LEVEL_CODES} (an unknown level counts as a warning). */
  readonly levels: Uint8Array;
  /** {@link FLAG_ACKNOWLEDGED} | {@link FLAG_RESOLVED}. */
  readonly flags: Uint8Array;
  /** Draw indices of the markers that pulse: some alarm there neither acknowledged nor resolved. */
  readonly pulsing: Uint32Array;
  /** Positions of the pulsing alarms (size 2), in the order of `pulsing`. */
  readonly pulsePositions: Float64Array;
  /** Latest alarm time in the data (ms), NaN when empty: the default "now". */
  readonly latest: number;
}

const LEVEL_CODE: Readonly<Record<string, number>> = { warning: 0, alarm: 1, fire: 2 };
const cache = new WeakMap<readonly AlarmFeature[], AlarmColumns>();

/** Positions closer than this (degrees, about a centimetre) are one location. */
const SAME_SPOT_DEGREES = 1e-7;

/**
 * A function giving each position a number, equal for positions in the same ~1 cm cell: the cell's
 * column and row over the data's extent, packed into one exact double (the cell grows for extents so
 * wide that the product would pass 2^52).
 */
function locationKey(features: readonly AlarmFeature[]): (c: readonly number[]) => number {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const f of features) {
    const [x = 0, y = 0] = f.geometry.coordinates;
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  const spanX = Math.max(0, maxX - minX);
  const spanY = Math.max(0, maxY - minY);
  const cell = Math.max(SAME_SPOT_DEGREES, Math.sqrt(((spanX + SAME_SPOT_DEGREES) * (spanY + SAME_SPOT_DEGREES)) / 2 ** 50));
  const rows = Math.floor(spanY / cell) + 1;
  return ([x = 0, y = 0]) => Math.floor((x - minX) / cell) * rows + Math.floor((y - minY) / cell);
}

/** Bits needed to hold integers 0…n-1 (at least 1). */
const bitsFor = (n: number): number => Math.max(1, Math.ceil(Math.log2(Math.max(2, n))));

/**
 * The columns of an alarm array, computed once per array (WeakMap cache). O(n log n) for the
 * draw-order sort, done natively on one Float64Array of packed keys (level, time, index).
 */
export function alarmColumns(features: readonly AlarmFeature[]): AlarmColumns {
  const cached = cache.get(features);
  if (cached) return cached;
  const n = features.length;
  const rawTimes = new Float64Array(n);
  const rawLevels = new Uint8Array(n);
  let tMin = Infinity;
  let tMax = -Infinity;
  for (let i = 0; i < n; i++) {
    const p = (features[i] as AlarmFeature).properties;
    const t = Date.parse(p.time);
    rawTimes[i] = t;
    if (t < tMin) tMin = t;
    if (t > tMax) tMax = t;
    rawLevels[i] = LEVEL_CODE[p.level] ?? 0;
  }
  // Pack (level, time, index) into one exactly representable double (< 2^53) and sort numerically:
  // a native sort of a Float64Array is several times faster than sorting indices with a comparator.
  const indexBits = bitsFor(n);
  const timeBits = 53 - 2 - indexBits;
  const range = Number.isFinite(tMin) ? tMax - tMin : 0;
  const quantum = Math.max(1, Math.ceil((range + 1) / 2 ** timeBits));
  const keys = new Float64Array(n);
  const indexSpan = 2 ** indexBits;
  const levelSpan = 2 ** (timeBits + indexBits);
  for (let i = 0; i < n; i++) {
    const t = rawTimes[i] as number;
    const tq = Number.isFinite(t) ? Math.floor((t - tMin) / quantum) : 0;
    keys[i] = (rawLevels[i] as number) * levelSpan + tq * indexSpan + i;
  }
  keys.sort();
  // From the top of the drawing down: the first alarm met at a location is its marker.
  const sameSpot = locationKey(features);
  const markerOf = new Map<number, number>();
  const top: number[] = [];
  const tally: number[] = [];
  const waiting: boolean[] = [];
  for (let k = n - 1; k >= 0; k--) {
    const i = (keys[k] as number) % indexSpan;
    const f = features[i] as AlarmFeature;
    const spot = sameSpot(f.geometry.coordinates);
    let m = markerOf.get(spot);
    if (m === undefined) {
      m = top.length;
      markerOf.set(spot, m);
      top.push(i);
      tally.push(0);
      waiting.push(false);
    }
    tally[m] = (tally[m] as number) + 1;
    if (f.properties.acknowledged !== true && f.properties.resolved !== true) waiting[m] = true;
  }
  const markers = top.length;
  const order = new Uint32Array(markers);
  const counts = new Uint32Array(markers);
  const positions = new Float64Array(markers * 2);
  const times = new Float64Array(markers);
  const levels = new Uint8Array(markers);
  const flags = new Uint8Array(markers);
  let pulseCount = 0;
  for (let k = 0; k < markers; k++) {
    // Markers were found top first; drawn bottom first.
    const m = markers - 1 - k;
    const i = top[m] as number;
    order[k] = i;
    counts[k] = tally[m] as number;
    const f = features[i] as AlarmFeature;
    const c = f.geometry.coordinates;
    positions[2 * k] = c[0] ?? 0;
    positions[2 * k + 1] = c[1] ?? 0;
    times[k] = rawTimes[i] as number;
    levels[k] = rawLevels[i] as number;
    flags[k] = (f.properties.acknowledged === true ? FLAG_ACKNOWLEDGED : 0) | (f.properties.resolved === true ? FLAG_RESOLVED : 0);
    if (waiting[m]) pulseCount++;
  }
  const pulsing = new Uint32Array(pulseCount);
  const pulsePositions = new Float64Array(pulseCount * 2);
  for (let k = 0, j = 0; k < markers; k++) {
    if (!waiting[markers - 1 - k]) continue;
    pulsing[j] = k;
    pulsePositions[2 * j] = positions[2 * k] as number;
    pulsePositions[2 * j + 1] = positions[2 * k + 1] as number;
    j++;
  }
  const out: AlarmColumns = { length: markers, alarms: n, order, counts, positions, times, levels, flags, pulsing, pulsePositions, latest: n > 0 && Number.isFinite(tMax) ? tMax : NaN };
  cache.set(features, out);
  return out;
}

/** What the colours and sizes of alarms depend on. */
export interface AlarmStyleOptions {
  /** The reference time (ms) ages are measured from. */
  readonly now: number;
  /** Colour per level. */
  readonly colors: Readonly<Record<AlarmLevel, Rgb>>;
  /** Radius in pixels per level. */
  readonly radiusPixels: Readonly<Record<AlarmLevel, number>>;
  /** Alarms younger than this (ms) are "recent": opaque and enlarged by `recentScale`. */
  readonly recentMs: number;
  /** Radius factor of a recent alarm. */
  readonly recentScale: number;
  /** From `recentMs` to this age (ms) the alpha falls linearly to `oldAlpha`, and stays there. */
  readonly maxAgeMs: number;
  /** Alpha (0–255) of alarms at `maxAgeMs` and older (and of alarms with no readable time). */
  readonly oldAlpha: number;
  /** Factor (0–1) on the alpha of a resolved alarm. */
  readonly resolvedFade: number;
  /** Outline colour; its alpha follows the fill's. */
  readonly strokeColor: Rgb;
}

/** Per-alarm style buffers, in draw order (the same order as the columns). */
export interface AlarmStyle {
  /** RGBA, size 4. */
  readonly fillColors: Uint8Array;
  /** RGBA, size 4. */
  readonly lineColors: Uint8Array;
  /** Pixels, size 1. */
  readonly radii: Float32Array;
  /** Colour per pulsing alarm (RGBA, size 4, opaque), in the order of `columns.pulsing`. */
  readonly pulseColors: Uint8Array;
  /** Radius per pulsing alarm (pixels), before the pulse's scale. */
  readonly pulseRadii: Float32Array;
}

const styleCache = new WeakMap<AlarmColumns, { options: AlarmStyleOptions; style: AlarmStyle }>();

function sameOptions(a: AlarmStyleOptions, b: AlarmStyleOptions): boolean {
  return a.now === b.now && a.colors === b.colors && a.radiusPixels === b.radiusPixels && a.recentMs === b.recentMs
    && a.recentScale === b.recentScale && a.maxAgeMs === b.maxAgeMs && a.oldAlpha === b.oldAlpha
    && a.resolvedFade === b.resolvedFade && a.strokeColor === b.strokeColor;
}

/** Alpha (0–255, unrounded) of an alarm of age `age` ms (NaN: unknown) before the resolved fade. */
export function ageAlpha(age: number, o: Pick<AlarmStyleOptions, 'recentMs' | 'maxAgeMs' | 'oldAlpha'>): number {
  if (Number.isNaN(age)) return o.oldAlpha;
  if (age <= o.recentMs) return 255;
  if (age >= o.maxAgeMs || o.maxAgeMs <= o.recentMs) return o.oldAlpha;
  return 255 + ((o.oldAlpha - 255) * (age - o.recentMs)) / (o.maxAgeMs - o.recentMs);
}

/**
 * Colours and radii of every alarm for one `now` and style. The last result is cached per columns
 * (compared field by field, tables by identity), so calling it again with equal options is free.
 */
export function alarmStyle(columns: AlarmColumns, options: AlarmStyleOptions): AlarmStyle {
  const hit = styleCache.get(columns);
  if (hit && sameOptions(hit.options, options)) return hit.style;
  const n = columns.length;
  const fillColors = new Uint8Array(n * 4);
  const lineColors = new Uint8Array(n * 4);
  const radii = new Float32Array(n);
  const rgb = ALARM_LEVEL_CODES.map((level) => options.colors[level]);
  const base = ALARM_LEVEL_CODES.map((level) => options.radiusPixels[level]);
  const [sr, sg, sb] = options.strokeColor;
  const { now, recentMs, recentScale, resolvedFade } = options;
  for (let k = 0; k < n; k++) {
    const level = columns.levels[k] as number;
    const age = now - (columns.times[k] as number);
    let alpha = ageAlpha(age, options);
    if ((columns.flags[k] as number) & FLAG_RESOLVED) alpha *= resolvedFade;
    const a = Math.round(alpha);
    const c = rgb[level] as Rgb;
    const o = 4 * k;
    fillColors[o] = c[0];
    fillColors[o + 1] = c[1];
    fillColors[o + 2] = c[2];
    fillColors[o + 3] = a;
    lineColors[o] = sr;
    lineColors[o + 1] = sg;
    lineColors[o + 2] = sb;
    lineColors[o + 3] = a;
    radii[k] = (base[level] as number) * (age <= recentMs ? recentScale : 1);
  }
  const m = columns.pulsing.length;
  const pulseColors = new Uint8Array(m * 4);
  const pulseRadii = new Float32Array(m);
  for (let j = 0; j < m; j++) {
    const k = columns.pulsing[j] as number;
    const o = 4 * j;
    pulseColors[o] = fillColors[4 * k] as number;
    pulseColors[o + 1] = fillColors[4 * k + 1] as number;
    pulseColors[o + 2] = fillColors[4 * k + 2] as number;
    pulseColors[o + 3] = 255;
    pulseRadii[j] = radii[k] as number;
  }
  const style: AlarmStyle = { fillColors, lineColors, radii, pulseColors, pulseRadii };
  styleCache.set(columns, { options, style });
  return style;
}
