import { describe, expect, it } from 'vitest';
import { ENUMS, type CollectionOf } from '../../sources/contract/index.ts';
import {
  DEFAULT_SENSORS_PROPS, SENSORS_LAYER_ID, SENSOR_KIND_COLORS, createSensorsLayer, offlineOnTop, sensorFillColor, sensorLineColor,
  sensorsLegend, type SensorFeature,
} from './index.ts';

const sensor = (id: string, kind: SensorFeature['properties']['kind'], online?: boolean): SensorFeature => ({
  type: 'Feature', properties: { id, kind, ...(online === undefined ? {} : { online }) }, geometry: { type: 'Point', coordinates: [1, 2] },
});
const data: CollectionOf<'sensors'> = {
  type: 'FeatureCollection',
  features: [sensor('a', 'smoke', false), sensor('b', 'gas', true), sensor('c', 'video'), sensor('d', 'smoke', false)],
};
const accessor = (layer: unknown, name: string) => (layer as { props: Record<string, unknown> }).props[name] as (f: SensorFeature) => unknown;

describe('createSensorsLayer', () => {
  it('returns one layer with the stable id, visible by default', () => {
    const layers = createSensorsLayer(data);
    expect(layers.map((l) => l.id)).toEqual([SENSORS_LAYER_ID]);
    expect(layers[0]?.props.visible).toBe(true);
    expect(createSensorsLayer(data, { visible: false })[0]?.props.visible).toBe(false);
  });

  it('fills online sensors by kind, draws offline ones hollow and grey', () => {
    expect(sensorFillColor(sensor('x', 'gas', true))).toEqual([...SENSOR_KIND_COLORS.gas, 255]);
    expect(sensorFillColor(sensor('x', 'gas'))).toEqual([...SENSOR_KIND_COLORS.gas, 255]);
    expect(sensorFillColor(sensor('x', 'gas', false))[3]).toBe(0);
    expect(sensorLineColor(sensor('x', 'gas', false))).toEqual([...DEFAULT_SENSORS_PROPS.offlineColor, 255]);
    expect(sensorFillColor(sensor('x', 'mystery' as 'other', true))).toEqual([...SENSOR_KIND_COLORS.other, 255]);
    const layer = createSensorsLayer(data)[0];
    expect(accessor(layer, 'getFillColor')(sensor('x', 'smoke', true))).toEqual([...SENSOR_KIND_COLORS.smoke, 255]);
    expect(accessor(layer, 'getLineWidth')(sensor('x', 'smoke', false))).toBe(DEFAULT_SENSORS_PROPS.offlineStrokeWidthPixels);
  });

  it('draws offline sensors on top and keeps the array stable', () => {
    const ordered = offlineOnTop(data.features);
    expect(ordered.map((f) => f.properties.id)).toEqual(['b', 'c', 'a', 'd']);
    expect(offlineOnTop(data.features)).toBe(ordered);
    expect(createSensorsLayer(data)[0]?.props.data).toBe(ordered);
    const allOnline = [sensor('x', 'smoke', true)];
    expect(offlineOnTop(allOnline)).toBe(allOnline);
  });

  it('uses a distinct colour for every kind', () => {
    const colors = Object.values(SENSOR_KIND_COLORS).map((c) => c.join());
    expect(new Set(colors).size).toBe(colors.length);
  });
});

describe('sensorsLegend', () => {
  it('lists every kind with contract labels, then offline', () => {
    const legend = sensorsLegend();
    expect(legend.layerId).toBe(SENSORS_LAYER_ID);
    expect(legend.items.map((i) => i.id)).toEqual([...ENUMS.sensor_kind.values.map((v) => v.value), 'offline']);
    expect(legend.items[0]?.label).toEqual({ enum: 'sensor_kind', value: 'smoke' });
    expect(legend.items.at(-1)).toMatchObject({ label: { key: 'legend.sensors.offline' }, fill: [255, 255, 255], stroke: DEFAULT_SENSORS_PROPS.offlineColor });
  });
});
