import { describe, expect, it } from 'vitest';
import { ENUMS, type CollectionOf } from '../../sources/contract/index.ts';
import {
  DEFAULT_STATIONS_PROPS, STATIONS_LAYER_ID, STATION_KIND_COLORS, createStationsLayer, largestOnTop, stationColor, stationRadius,
  stationsLegend, type StationFeature,
} from './index.ts';

const station = (id: string, kind: StationFeature['properties']['kind']): StationFeature => ({
  type: 'Feature', properties: { id, kind, name: id }, geometry: { type: 'Point', coordinates: [1, 2] },
});
const data: CollectionOf<'stations'> = {
  type: 'FeatureCollection',
  features: [station('f', 'fire_station'), station('m', 'micro_station'), station('v', 'volunteer_team'), station('b', 'fulltime_brigade')],
};

describe('createStationsLayer', () => {
  it('returns one layer with the stable id, visible by default', () => {
    const layers = createStationsLayer(data);
    expect(layers.map((l) => l.id)).toEqual([STATIONS_LAYER_ID]);
    expect(layers[0]?.props.visible).toBe(true);
    expect(createStationsLayer(data, { visible: false })[0]?.props.visible).toBe(false);
  });

  it('colours and sizes by kind, fire stations largest', () => {
    expect(stationColor(station('x', 'micro_station'))).toEqual([...STATION_KIND_COLORS.micro_station, 255]);
    const radii = ENUMS.station_kind.values.map((v) => stationRadius(station('x', v.value)));
    expect([...radii].sort((a, b) => b - a)).toEqual(radii);
    expect(new Set(radii).size).toBe(radii.length);
    expect(stationRadius(station('x', 'odd' as 'micro_station'))).toBe(Math.min(...Object.values(DEFAULT_STATIONS_PROPS.radiusPixels)));
    const getRadius = (createStationsLayer(data)[0]?.props as unknown as Record<string, (f: StationFeature) => number>)['getRadius'];
    expect(getRadius?.(station('x', 'fire_station'))).toBe(DEFAULT_STATIONS_PROPS.radiusPixels.fire_station);
  });

  it('draws larger kinds on top, with a stable array', () => {
    const ordered = largestOnTop(data.features);
    expect(ordered.map((f) => f.properties.id)).toEqual(['v', 'm', 'b', 'f']);
    expect(largestOnTop(data.features)).toBe(ordered);
  });
});

describe('stationsLegend', () => {
  it('lists every kind with contract labels and distinct colours', () => {
    const legend = stationsLegend();
    expect(legend.layerId).toBe(STATIONS_LAYER_ID);
    expect(legend.items.map((i) => i.id)).toEqual(ENUMS.station_kind.values.map((v) => v.value));
    for (const item of legend.items) expect(item.label).toEqual({ enum: 'station_kind', value: item.id });
    expect(new Set(legend.items.map((i) => i.fill.join())).size).toBe(legend.items.length);
  });
});
