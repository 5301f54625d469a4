import { describe, expect, it } from 'vitest';
import { ENUMS, type CollectionOf } from '../../sources/contract/index.ts';
import {
  ALARMS_LAYER_ID, ALARMS_POINTS_ID, ALARMS_PULSE_ID, ALARM_LEVEL_COLORS, DEFAULT_ALARMS_PROPS, ageAlpha, alarmBinaryData, alarmColumns,
  alarmStyle, alarmsLegend, createAlarmsLayer, pickedAlarm, pickedAlarmCount, pulseAt, styleNow, type AlarmFeature,
} from './index.ts';

const HOUR = 3_600_000;
const NOW = Date.parse('2026-11-27T08:00:00+08:00');
const iso = (ms: number) => new Date(ms).toISOString();
const alarm = (id: string, level: AlarmFeature['properties']['level'], hoursAgo: number, extra: Partial<AlarmFeature['properties']> = {}): AlarmFeature => ({
  type: 'Feature',
  properties: { id, level, time: iso(NOW - hoursAgo * HOUR), ...extra },
  geometry: { type: 'Point', coordinates: [118.5 + hoursAgo / 1000, 24.8] },
});
const data: CollectionOf<'alarms'> = {
  type: 'FeatureCollection',
  features: [
    alarm('fire-new', 'fire', 1),                                              // unacknowledged, recent
    alarm('warn-old', 'warning', 24 * 10, { acknowledged: true, resolved: true }),
    alarm('alarm-mid', 'alarm', 24 * 3, { acknowledged: true }),
    alarm('warn-new', 'warning', 2, { acknowledged: false }),                  // unacknowledged, recent
    alarm('fire-old', 'fire', 24 * 20, { acknowledged: true, resolved: false }),
    alarm('alarm-resolved', 'alarm', 5, { acknowledged: false, resolved: true }), // resolved: no pulse
  ],
};
const props = (layer: unknown) => (layer as { props: Record<string, unknown> }).props;
const ids = (order: Uint32Array) => [...order].map((i) => data.features[i]?.properties.id);

describe('alarmColumns', () => {
  it('orders by level then time (fire on top, recent on top) and keeps positions in that order', () => {
    const c = alarmColumns(data.features);
    expect(c.length).toBe(6);
    expect(ids(c.order)).toEqual(['warn-old', 'warn-new', 'alarm-mid', 'alarm-resolved', 'fire-old', 'fire-new']);
    expect([...c.levels]).toEqual([0, 0, 1, 1, 2, 2]);
    const k = [...c.order].indexOf(0);
    expect([c.positions[2 * k], c.positions[2 * k + 1]]).toEqual(data.features[0]?.geometry.coordinates);
    expect(c.latest).toBe(NOW - HOUR);
    expect(alarmColumns(data.features)).toBe(c);
  });

  it('pulses alarms neither acknowledged nor resolved', () => {
    const c = alarmColumns(data.features);
    expect(ids(new Uint32Array([...c.pulsing].map((k) => c.order[k] as number)))).toEqual(['warn-new', 'fire-new']);
    expect(c.pulsePositions).toHaveLength(4);
  });

  it('survives unreadable times and unknown levels', () => {
    const y = alarm('y', 'weird' as 'fire', 1);
    const odd = [alarm('x', 'fire', 1), { ...y, properties: { id: 'y', level: 'weird' as 'fire', time: 'garbage' }, geometry: { type: 'Point' as const, coordinates: [118.6, 24.8] } }];
    const c = alarmColumns(odd);
    expect([...c.order]).toEqual([1, 0]); // unknown level counts as a warning
    expect(Number.isNaN(c.times[0])).toBe(true);
    expect(alarmColumns([]).length).toBe(0);
  });
});

describe('alarmColumns: one marker per location', () => {
  // A sensor at one point raised four alarms; another sensor, a centimetre and a half away, one.
  const at = (id: string, level: AlarmFeature['properties']['level'], hoursAgo: number, x: number, extra: Partial<AlarmFeature['properties']> = {}): AlarmFeature =>
    ({ ...alarm(id, level, hoursAgo, extra), geometry: { type: 'Point', coordinates: [x, 24.8] } });
  const stacked = [
    at('old-warning', 'warning', 48, 118.5, { acknowledged: false }), // unacknowledged, underneath
    at('fire', 'fire', 30, 118.5, { acknowledged: true }),
    at('late-alarm', 'alarm', 1, 118.5, { acknowledged: true }),
    at('old-fire', 'fire', 100, 118.5, { acknowledged: true }),
    at('next-door', 'warning', 2, 118.50000015, { acknowledged: true }),
  ];
  const c = alarmColumns(stacked);
  const shown = [...c.order].map((i) => stacked[i]?.properties.id);

  it('draws one marker per location: the alarm that would be on top (most severe, then latest)', () => {
    expect(c.length).toBe(2);
    expect(c.alarms).toBe(5);
    expect(shown).toEqual(['next-door', 'fire']);
    expect([...c.counts]).toEqual([1, 4]);
    expect([...c.positions]).toEqual([118.50000015, 24.8, 118.5, 24.8]);
  });

  it('pulses a location while any alarm there is unacknowledged, even one drawn under the marker', () => {
    expect([...c.pulsing]).toEqual([1]);
    expect(c.flags[1]).toBe(1); // the marker itself (the fire) was acknowledged
  });

  it('picks the marker as its top alarm and counts the rest', () => {
    expect(pickedAlarm(stacked, { layer: { id: ALARMS_POINTS_ID }, index: 1 })?.properties.id).toBe('fire');
    expect(pickedAlarmCount(stacked, { layer: { id: ALARMS_POINTS_ID }, index: 1 })).toBe(4);
    expect(pickedAlarmCount(stacked, { layer: { id: ALARMS_PULSE_ID }, index: 0 })).toBe(4);
    expect(pickedAlarmCount(stacked, { layer: { id: ALARMS_POINTS_ID }, index: 0 })).toBe(1);
    expect(pickedAlarmCount(stacked, { layer: { id: ALARMS_POINTS_ID }, index: 2 })).toBe(0);
  });

  it('keeps the latest time of all alarms as the default now', () => {
    expect(c.latest).toBe(NOW - HOUR);
  });
});

describe('alarmStyle', () => {
  const options = {
    now: NOW, colors: ALARM_LEVEL_COLORS, radiusPixels: DEFAULT_ALARMS_PROPS.radiusPixels, recentMs: DEFAULT_ALARMS_PROPS.recentMs,
    recentScale: DEFAULT_ALARMS_PROPS.recentScale, maxAgeMs: DEFAULT_ALARMS_PROPS.maxAgeMs, oldAlpha: DEFAULT_ALARMS_PROPS.oldAlpha,
    resolvedFade: DEFAULT_ALARMS_PROPS.resolvedFade, strokeColor: DEFAULT_ALARMS_PROPS.strokeColor,
  };

  it('colours by level, emphasises recent alarms and fades older and resolved ones', () => {
    const c = alarmColumns(data.features);
    const s = alarmStyle(c, options);
    const at = (id: string) => {
      const k = [...c.order].findIndex((i) => data.features[i]?.properties.id === id);
      return { rgba: [...s.fillColors.slice(4 * k, 4 * k + 4)], radius: s.radii[k] as number };
    };
    expect(at('fire-new').rgba).toEqual([...ALARM_LEVEL_COLORS.fire, 255]);
    expect(at('fire-new').radius).toBeCloseTo(DEFAULT_ALARMS_PROPS.radiusPixels.fire * DEFAULT_ALARMS_PROPS.recentScale);
    expect(at('fire-old').rgba).toEqual([...ALARM_LEVEL_COLORS.fire, DEFAULT_ALARMS_PROPS.oldAlpha]);
    expect(at('fire-old').radius).toBe(DEFAULT_ALARMS_PROPS.radiusPixels.fire);
    const mid = at('alarm-mid').rgba[3] as number;
    expect(mid).toBeGreaterThan(DEFAULT_ALARMS_PROPS.oldAlpha);
    expect(mid).toBeLessThan(255);
    expect(at('alarm-resolved').rgba[3]).toBe(Math.round(255 * DEFAULT_ALARMS_PROPS.resolvedFade));
    expect(at('warn-old').rgba[3]).toBe(Math.round(DEFAULT_ALARMS_PROPS.oldAlpha * DEFAULT_ALARMS_PROPS.resolvedFade));
    expect([...s.pulseColors.slice(4, 8)]).toEqual([...ALARM_LEVEL_COLORS.fire, 255]);
  });

  it('fades linearly between recent and the maximum age', () => {
    const o = { recentMs: 10, maxAgeMs: 20, oldAlpha: 55 };
    expect(ageAlpha(-5, o)).toBe(255);
    expect(ageAlpha(10, o)).toBe(255);
    expect(ageAlpha(15, o)).toBe(155);
    expect(ageAlpha(20, o)).toBe(55);
    expect(ageAlpha(NaN, o)).toBe(55);
  });

  it('is cached for equal options and recomputed when now moves', () => {
    const c = alarmColumns(data.features);
    const s = alarmStyle(c, options);
    expect(alarmStyle(c, { ...options })).toBe(s);
    expect(alarmStyle(c, { ...options, now: NOW + 3 * 24 * HOUR })).not.toBe(s);
  });
});

describe('createAlarmsLayer', () => {
  it('returns dots and pulse rings with stable ids and binary attributes', () => {
    const layers = createAlarmsLayer(data, { now: NOW });
    expect(layers.map((l) => l.id)).toEqual([ALARMS_POINTS_ID, ALARMS_PULSE_ID]);
    expect(ALARMS_LAYER_ID).toBe('alarms');
    const points = props(layers[0])['data'] as { length: number; attributes: Record<string, { value: unknown; size: number }> };
    expect(points.length).toBe(6);
    expect(points.attributes['getPosition']?.value).toBeInstanceOf(Float64Array);
    expect(points.attributes['getFillColor']?.value).toBeInstanceOf(Uint8Array);
    expect(points.attributes['getRadius']?.value).toBeInstanceOf(Float32Array);
    expect((props(layers[1])['data'] as { length: number }).length).toBe(2);
    expect(props(layers[1])['pickable']).toBe(false);
  });

  it('animates the pulse with uniforms only: the data stays the same object across frames', () => {
    const a = createAlarmsLayer(data, { now: NOW, time: 0 });
    const b = createAlarmsLayer(data, { now: NOW + 1000, time: DEFAULT_ALARMS_PROPS.pulsePeriodMs / 2 }); // same minute
    expect(props(b[0])['data']).toBe(props(a[0])['data']);
    expect(props(b[1])['data']).toBe(props(a[1])['data']);
    expect(props(a[1])['radiusScale']).toBe(1);
    expect(props(b[1])['radiusScale']).toBeCloseTo(1 + 0.5 * (DEFAULT_ALARMS_PROPS.pulseMaxScale - 1));
    expect(props(b[1])['opacity']).toBeCloseTo(0.5);
    const later = createAlarmsLayer(data, { now: NOW + 2 * 24 * HOUR });
    expect(props(later[0])['data']).not.toBe(props(a[0])['data']);
  });

  it('hides both with visible: false, and the rings with pulse: false', () => {
    expect(createAlarmsLayer(data, { visible: false }).map((l) => l.props.visible)).toEqual([false, false]);
    expect(createAlarmsLayer(data, { pulse: false }).map((l) => l.props.visible)).toEqual([true, false]);
  });

  it('measures ages from the latest alarm when no now is given, rounded to the step', () => {
    const c = alarmColumns(data.features);
    expect(styleNow(c, undefined, 1)).toBe(NOW - HOUR);
    expect(styleNow(c, new Date(NOW + 59_999), 60_000)).toBe(NOW);
    expect(styleNow(alarmColumns([]), undefined, 60_000)).toBe(0);
  });

  it('maps picks on either sub-layer back to the feature', () => {
    const c = alarmColumns(data.features);
    const topIndex = c.length - 1; // fire-new, drawn last
    expect(pickedAlarm(data, { layer: { id: ALARMS_POINTS_ID }, index: topIndex })?.properties.id).toBe('fire-new');
    expect(pickedAlarm(data, { layer: { id: ALARMS_PULSE_ID }, index: 0 })?.properties.id).toBe('warn-new');
    expect(pickedAlarm(data, { layer: { id: 'other' }, index: 0 })).toBeUndefined();
    expect(pickedAlarm(data, { layer: { id: ALARMS_POINTS_ID }, index: -1 })).toBeUndefined();
    expect(pickedAlarm(data, { layer: { id: ALARMS_POINTS_ID }, index: 99 })).toBeUndefined();
  });

  // 100× the demo is about a million alarms; the default run uses a quarter of that to stay light on
  // shared machines (FIRE_ONE_MAP_BIG=1 runs the full million). Bounds scale with n.
  const BIG = process.env['FIRE_ONE_MAP_BIG'] === '1';
  it(`handles ${BIG ? 'a million' : '250,000'} alarms: columns once, restyle in a single pass`, () => {
    const n = BIG ? 1_000_000 : 250_000;
    const scale = n / 1_000_000;
    const features: AlarmFeature[] = new Array(n);
    const levels = ['warning', 'alarm', 'fire'] as const;
    for (let i = 0; i < n; i++) {
      features[i] = {
        type: 'Feature',
        properties: { id: `A${i}`, level: levels[i % 3] as 'fire', time: iso(NOW - (i % 5000) * 60_000), acknowledged: i % 10 !== 0 },
        geometry: { type: 'Point', coordinates: [118.5 + (i % 1000) * 1e-5, 24.8 + Math.floor(i / 1000) * 1e-5] },
      };
    }
    const t0 = performance.now();
    const layers = createAlarmsLayer(features, { now: NOW });
    const t1 = performance.now();
    createAlarmsLayer(features, { now: NOW + 3 * HOUR });
    const t2 = performance.now();
    createAlarmsLayer(features, { now: NOW + 3 * HOUR, time: 123 });
    const t3 = performance.now();
    expect((props(layers[0])['data'] as { length: number }).length).toBe(n);
    expect((props(layers[1])['data'] as { length: number }).length).toBe(n / 10);
    // Generous bounds (shared CI machines); typical figures are printed.
    console.log(`${n} alarms: columns+style ${(t1 - t0).toFixed(0)} ms, restyle ${(t2 - t1).toFixed(0)} ms, frame ${(t3 - t2).toFixed(2)} ms`);
    expect(t1 - t0).toBeLessThan(10_000 * scale);
    expect(t2 - t1).toBeLessThan(2_000 * scale);
    expect(t3 - t2).toBeLessThan(50);
  });
});

describe('alarmsLegend', () => {
  it('lists the levels with contract labels, then unacknowledged and older', () => {
    const legend = alarmsLegend();
    expect(legend.layerId).toBe(ALARMS_LAYER_ID);
    expect(legend.items.map((i) => i.id)).toEqual([...ENUMS.alarm_level.values.map((v) => v.value), 'unacknowledged', 'older']);
    expect(legend.items[0]?.label).toEqual({ enum: 'alarm_level', value: 'warning' });
    expect(alarmsLegend({ pulse: false }).items.map((i) => i.id)).not.toContain('unacknowledged');
  });

  it('pulse phase runs 0 → 1 over a period, growing and fading', () => {
    expect(pulseAt(0)).toEqual({ phase: 0, radiusScale: 1, alpha: 1 });
    const p = DEFAULT_ALARMS_PROPS.pulsePeriodMs;
    expect(pulseAt(p * 1.25).phase).toBeCloseTo(0.25);
    expect(pulseAt(-p / 4).phase).toBeCloseTo(0.75);
    expect(pulseAt(NaN).phase).toBe(0);
  });
});

describe('alarmBinaryData', () => {
  it('is cached per style', () => {
    const c = alarmColumns(data.features);
    const s = alarmStyle(c, {
      now: NOW, colors: ALARM_LEVEL_COLORS, radiusPixels: DEFAULT_ALARMS_PROPS.radiusPixels, recentMs: 1, recentScale: 1, maxAgeMs: 2,
      oldAlpha: 1, resolvedFade: 1, strokeColor: [0, 0, 0],
    });
    expect(alarmBinaryData(c, s)).toBe(alarmBinaryData(c, s));
  });
});
