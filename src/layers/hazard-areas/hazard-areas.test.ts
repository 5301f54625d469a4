import { describe, expect, it } from 'vitest';
import { ENUMS, type CollectionOf } from '../../sources/contract/index.ts';
import { luminance } from '../palette-extra.ts';
import {
  DEFAULT_HAZARD_AREAS_PROPS, HAZARD_AREAS_LAYER_ID, SUPERVISION_LEVEL_COLORS, closedBelow, createHazardAreasLayer,
  hazardAreaFillColor, hazardAreaLineColor, hazardAreaLineWidth, hazardAreasLegend, type HazardAreaFeature,
} from './index.ts';

type Props = HazardAreaFeature['properties'];
const area = (id: string, status: Props['status'], supervision_level?: Props['supervision_level']): HazardAreaFeature => ({
  type: 'Feature',
  properties: { id, name: id, kind: 'urban_village', status, ...(supervision_level ? { supervision_level } : {}) },
  geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] },
});
const data: CollectionOf<'hazard_areas'> = {
  type: 'FeatureCollection',
  features: [area('a', 'open', 'city'), area('b', 'closed', 'district'), area('c', 'rectifying'), area('d', 'closed', 'street')],
};
const accessor = (layer: unknown, name: string) => ((layer as { props: Record<string, unknown> }).props[name]) as (f: HazardAreaFeature) => number[];

describe('createHazardAreasLayer', () => {
  it('returns one layer with the stable id, visible by default, hidden with visible: false', () => {
    const layers = createHazardAreasLayer(data);
    expect(layers.map((l) => l.id)).toEqual([HAZARD_AREAS_LAYER_ID]);
    expect(HAZARD_AREAS_LAYER_ID).toBe('hazard-areas');
    expect(layers[0]?.props.visible).toBe(true);
    expect(createHazardAreasLayer(data, { visible: false })[0]?.props.visible).toBe(false);
  });

  it('colours by supervision level; an area without one is "none"; an unknown level is grey', () => {
    const [r, g, b] = SUPERVISION_LEVEL_COLORS.city;
    expect(hazardAreaFillColor(area('x', 'open', 'city'))).toEqual([r, g, b, DEFAULT_HAZARD_AREAS_PROPS.fillAlpha]);
    expect(hazardAreaFillColor(area('x', 'open')).slice(0, 3)).toEqual([...SUPERVISION_LEVEL_COLORS.none]);
    expect(hazardAreaFillColor(area('x', 'open', 'galaxy' as 'city')).slice(0, 3)).toEqual([...SUPERVISION_LEVEL_COLORS.none]);
    const layer = createHazardAreasLayer(data)[0];
    expect(accessor(layer, 'getFillColor')(area('x', 'open', 'province')).slice(0, 3)).toEqual([...SUPERVISION_LEVEL_COLORS.province]);
  });

  it('fades and thins closed areas', () => {
    const open = hazardAreaFillColor(area('x', 'open', 'district'));
    const closed = hazardAreaFillColor(area('x', 'closed', 'district'));
    expect(closed.slice(0, 3)).toEqual(open.slice(0, 3));
    expect(closed[3]).toBe(Math.round(DEFAULT_HAZARD_AREAS_PROPS.fillAlpha * DEFAULT_HAZARD_AREAS_PROPS.closedFade));
    expect(hazardAreaLineColor(area('x', 'closed', 'district'))[3]).toBeLessThan(hazardAreaLineColor(area('x', 'open', 'district'))[3] as number);
    expect(hazardAreaLineWidth(area('x', 'closed'))).toBeLessThan(hazardAreaLineWidth(area('x', 'rectifying')));
    expect(hazardAreaLineWidth(area('x', 'rectifying'))).toBeLessThan(hazardAreaLineWidth(area('x', 'open')));
  });

  it('honours overrides and lists them in updateTriggers', () => {
    const colors = { ...SUPERVISION_LEVEL_COLORS, city: [1, 2, 3] as const };
    const layer = createHazardAreasLayer(data, { colors, fillAlpha: 9 })[0];
    expect(accessor(layer, 'getFillColor')(area('x', 'open', 'city'))).toEqual([1, 2, 3, 9]);
    const triggers = (layer?.props as unknown as { updateTriggers: Record<string, unknown[]> }).updateTriggers;
    expect(triggers['getFillColor']).toContain(colors);
  });

  it('draws closed areas first and keeps the data array stable', () => {
    const ordered = closedBelow(data.features);
    expect(ordered.map((f) => f.properties.id)).toEqual(['b', 'd', 'a', 'c']);
    expect(closedBelow(data.features)).toBe(ordered);
    expect(createHazardAreasLayer(data)[0]?.props.data).toBe(createHazardAreasLayer(data)[0]?.props.data);
    const noneClosed = [area('a', 'open')];
    expect(closedBelow(noneClosed)).toBe(noneClosed);
  });

  it('uses a ramp that darkens with the level, so it reads without hue', () => {
    const ramp = (['street', 'district', 'city', 'province'] as const).map((l) => luminance(SUPERVISION_LEVEL_COLORS[l]));
    for (let i = 1; i < ramp.length; i++) expect(ramp[i]).toBeLessThan((ramp[i - 1] as number) * 0.8);
  });
});

describe('hazardAreasLegend', () => {
  it('lists every supervision level (contract order, contract labels), then closed', () => {
    const legend = hazardAreasLegend();
    expect(legend.layerId).toBe(HAZARD_AREAS_LAYER_ID);
    expect(legend.title).toEqual({ key: 'legend.hazard_areas.title' });
    expect(legend.items.map((i) => i.id)).toEqual([...ENUMS.supervision_level.values.map((v) => v.value), 'closed']);
    for (const item of legend.items.slice(0, -1)) expect(item.label).toEqual({ enum: 'supervision_level', value: item.id });
    expect(legend.items.at(-1)?.label).toEqual({ key: 'legend.hazard_areas.closed' });
    const fills = legend.items.map((i) => i.fill.join());
    expect(new Set(fills).size).toBe(fills.length);
  });
});
