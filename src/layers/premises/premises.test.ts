import { describe, expect, it } from 'vitest';
import type { CollectionOf } from '../../sources/contract/index.ts';
import { ALL_PREMISE_CATEGORIES } from './groups.ts';
import {
  DEFAULT_PREMISES_PROPS, PREMISES_LAYER_ID, PREMISE_GROUPS, PREMISE_GROUP_COLORS, PREMISE_GROUP_ORDER,
  createPremisesLayer, premiseFillColor, premiseGroup, premisesLegend, type PremiseFeature,
} from './index.ts';

const point = (id: string, categories: PremiseFeature['properties']['categories']): PremiseFeature => ({
  type: 'Feature',
  properties: { id, name: id, categories },
  geometry: { type: 'Point', coordinates: [120.1, 30.2] },
});
const area = (id: string, categories: PremiseFeature['properties']['categories']): PremiseFeature => ({
  type: 'Feature',
  properties: { id, name: id, categories },
  geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] },
});
const data: CollectionOf<'premises'> = { type: 'FeatureCollection', features: [point('a', ['school']), area('b', ['factory'])] };

describe('premise groups', () => {
  it('put every contract category in exactly one group', () => {
    const all = PREMISE_GROUP_ORDER.flatMap((g) => PREMISE_GROUPS[g]);
    expect([...all].sort()).toEqual([...ALL_PREMISE_CATEGORIES].sort());
  });

  it('pick the most urgent group of several categories', () => {
    expect(premiseGroup(['restaurant', 'three_in_one'])).toBe('mixed_use');
    expect(premiseGroup(['factory', 'kindergarten'])).toBe('people_at_risk');
    expect(premiseGroup([])).toBe('other');
    expect(premiseGroup(['not-a-category'])).toBe('other');
  });
});

describe('createPremisesLayer', () => {
  it('returns one layer with the stable id, visible by default', () => {
    const layers = createPremisesLayer(data);
    expect(layers.map((l) => l.id)).toEqual([PREMISES_LAYER_ID]);
    expect(layers[0]?.props.visible).toBe(true);
    expect(createPremisesLayer(data, { visible: false })[0]?.props.visible).toBe(false);
  });

  it('passes the collection through unchanged', () => {
    expect(createPremisesLayer(data)[0]?.props.data).toBe(data);
  });

  it('colours by group: points opaque, areas translucent', () => {
    const [r, g, b] = PREMISE_GROUP_COLORS.people_at_risk;
    expect(premiseFillColor(point('a', ['school']))).toEqual([r, g, b, 255]);
    const [r2, g2, b2] = PREMISE_GROUP_COLORS.industrial;
    expect(premiseFillColor(area('b', ['factory']))).toEqual([r2, g2, b2, DEFAULT_PREMISES_PROPS.areaAlpha]);
    const layer = createPremisesLayer(data, { areaAlpha: 99 })[0];
    const getFillColor = (layer?.props as unknown as Record<string, unknown>)['getFillColor'] as (f: PremiseFeature) => number[];
    expect(getFillColor(area('b', ['factory']))[3]).toBe(99);
  });
});

describe('premisesLegend', () => {
  it('lists every group once, in urgency order, with translatable labels', () => {
    const legend = premisesLegend();
    expect(legend.layerId).toBe(PREMISES_LAYER_ID);
    expect(legend.items.map((i) => i.id)).toEqual([...PREMISE_GROUP_ORDER]);
    for (const item of legend.items) expect(item.label).toEqual({ key: `premises.group.${item.id}` });
    expect(new Set(legend.items.map((i) => i.fill.join())).size).toBe(legend.items.length);
  });
});
