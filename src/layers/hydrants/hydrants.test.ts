import { describe, expect, it } from 'vitest';
import { ENUMS, type CollectionOf } from '../../sources/contract/index.ts';
import { DEFAULT_HYDRANTS_PROPS, HYDRANTS_LAYER_ID, HYDRANT_STATUS_COLORS, createHydrantsLayer, faultsOnTop, hydrantColor, hydrantsLegend, type HydrantFeature } from './index.ts';

const hydrant = (id: string, status: HydrantFeature['properties']['status']): HydrantFeature => ({
  type: 'Feature',
  properties: { id, status },
  geometry: { type: 'Point', coordinates: [120.1, 30.2] },
});
const data: CollectionOf<'hydrants'> = {
  type: 'FeatureCollection',
  features: [hydrant('a', 'damaged'), hydrant('b', 'in_service'), hydrant('c', 'no_water'), hydrant('d', 'in_service')],
};

describe('createHydrantsLayer', () => {
  it('returns one layer with the stable id', () => {
    const layers = createHydrantsLayer(data);
    expect(layers.map((l) => l.id)).toEqual([HYDRANTS_LAYER_ID]);
    expect(HYDRANTS_LAYER_ID).toBe('hydrants');
  });

  it('is visible by default and hides with visible: false', () => {
    expect(createHydrantsLayer(data)[0]?.props.visible).toBe(true);
    expect(createHydrantsLayer(data, { visible: false })[0]?.props.visible).toBe(false);
  });

  it('colours by status, grey for a status it does not know', () => {
    const layer = createHydrantsLayer(data)[0];
    const getFillColor = (layer?.props as unknown as Record<string, unknown>)['getFillColor'] as (f: HydrantFeature) => number[];
    expect(getFillColor(hydrant('x', 'damaged'))).toEqual([...HYDRANT_STATUS_COLORS.damaged]);
    expect(getFillColor(hydrant('x', 'in_service'))).toEqual([...HYDRANT_STATUS_COLORS.in_service]);
    expect(getFillColor(hydrant('x', 'nonsense' as 'unknown'))).toEqual([...HYDRANT_STATUS_COLORS.unknown]);
    expect(hydrantColor(hydrant('x', 'low_pressure'))).toEqual(HYDRANT_STATUS_COLORS.low_pressure);
  });

  it('honours colour overrides', () => {
    const colors = { ...HYDRANT_STATUS_COLORS, damaged: [1, 2, 3] as const };
    const layer = createHydrantsLayer(data, { colors })[0];
    const getFillColor = (layer?.props as unknown as Record<string, unknown>)['getFillColor'] as (f: HydrantFeature) => number[];
    expect(getFillColor(hydrant('x', 'damaged'))).toEqual([1, 2, 3]);
  });

  it('draws faults on top and keeps the data array stable for the same input', () => {
    const sorted = faultsOnTop(data.features);
    expect(sorted.map((f) => f.properties.id)).toEqual(['b', 'd', 'a', 'c']);
    expect(faultsOnTop(data.features)).toBe(sorted);
    expect(createHydrantsLayer(data)[0]?.props.data).toBe(createHydrantsLayer(data)[0]?.props.data);
  });

  it('documents its defaults', () => {
    expect(DEFAULT_HYDRANTS_PROPS.radiusPixels).toBeGreaterThan(0);
    expect(DEFAULT_HYDRANTS_PROPS.colors).toBe(HYDRANT_STATUS_COLORS);
  });
});

describe('hydrantsLegend', () => {
  it('lists every contract status with its colour, in contract order', () => {
    const legend = hydrantsLegend();
    expect(legend.layerId).toBe(HYDRANTS_LAYER_ID);
    expect(legend.items.map((i) => i.id)).toEqual(ENUMS.hydrant_status.values.map((v) => v.value));
    for (const item of legend.items) {
      expect(item.label).toEqual({ enum: 'hydrant_status', value: item.id });
      expect(item.fill).toEqual(HYDRANT_STATUS_COLORS[item.id as keyof typeof HYDRANT_STATUS_COLORS]);
    }
  });

  it('uses distinct colours for distinct statuses', () => {
    const fills = hydrantsLegend().items.map((i) => i.fill.join(','));
    expect(new Set(fills).size).toBe(fills.length);
  });
});
