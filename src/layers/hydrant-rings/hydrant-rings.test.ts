import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES, mergeRules } from '../../analysis/rules.ts';
import type { CollectionOf } from '../../sources/contract/index.ts';
import {
  DEFAULT_HYDRANT_RINGS_PROPS, DEFAULT_PROTECTION_RADIUS_M, HYDRANT_RINGS_LAYER_ID, createHydrantRingsLayer, hydrantRingsLegend,
  ringHydrants, type HydrantFeature,
} from './index.ts';

const hydrant = (id: string, status: HydrantFeature['properties']['status']): HydrantFeature => ({
  type: 'Feature', properties: { id, status }, geometry: { type: 'Point', coordinates: [118.58, 24.8] },
});
const data: CollectionOf<'hydrants'> = {
  type: 'FeatureCollection',
  features: [hydrant('a', 'in_service'), hydrant('b', 'damaged'), hydrant('c', 'in_service'), hydrant('d', 'no_water')],
};
const props = (layer: unknown) => (layer as { props: Record<string, unknown> }).props;

describe('createHydrantRingsLayer', () => {
  it('returns one layer with the stable id, in metres, stroked and translucent', () => {
    const [layer] = createHydrantRingsLayer(data);
    expect(layer?.id).toBe(HYDRANT_RINGS_LAYER_ID);
    expect(HYDRANT_RINGS_LAYER_ID).toBe('hydrant-rings');
    const p = props(layer);
    expect(p['radiusUnits']).toBe('meters');
    expect(p['stroked']).toBe(true);
    expect((p['getFillColor'] as number[])[3]).toBeLessThan(64);
    expect(p['visible']).toBe(true);
    expect(props(createHydrantRingsLayer(data, { visible: false })[0])['visible']).toBe(false);
  });

  it('takes the radius from the rules table (150 m) and lets a prop override it', () => {
    expect(DEFAULT_PROTECTION_RADIUS_M).toBe(DEFAULT_RULES.hydrant.protection_radius_m.value);
    expect(DEFAULT_PROTECTION_RADIUS_M).toBe(150);
    const r = (layer: unknown) => (props(layer)['radiusScale'] as number) * (props(layer)['getRadius'] as number);
    expect(r(createHydrantRingsLayer(data)[0])).toBe(150);
    const local = mergeRules({ hydrant: { protection_radius_m: { value: 120 } } });
    expect(r(createHydrantRingsLayer(data, { radiusMeters: local.hydrant.protection_radius_m.value })[0])).toBe(120);
  });

  it('rings only in-service hydrants by default, keeping the array stable', () => {
    const rings = ringHydrants(data.features);
    expect(rings.map((f) => f.properties.id)).toEqual(['a', 'c']);
    expect(ringHydrants(data.features)).toBe(rings);
    expect(createHydrantRingsLayer(data)[0]?.props.data).toBe(rings);
    expect(ringHydrants(data.features, ['in_service', 'damaged']).map((f) => f.properties.id)).toEqual(['a', 'b', 'c']);
    const all = [hydrant('x', 'in_service')];
    expect(ringHydrants(all)).toBe(all);
  });

  it('does not steal picks by default', () => {
    expect(DEFAULT_HYDRANT_RINGS_PROPS.pickable).toBe(false);
  });
});

describe('hydrantRingsLegend', () => {
  it('has one item with a message-key label', () => {
    const legend = hydrantRingsLegend();
    expect(legend.layerId).toBe(HYDRANT_RINGS_LAYER_ID);
    expect(legend.items.map((i) => i.label)).toEqual([{ key: 'legend.hydrant_rings.covered' }]);
  });
});
