import { describe, expect, it } from 'vitest';
import type { Layer } from '@deck.gl/core';
import { alarmColumns, createAlarmsLayer } from '../../layers/alarms/index.ts';
import { LAYER_DRAW_ORDER } from '../../layers/catalog/index.ts';
import { createFireLanesLayer, laneObstacles, lanePaths } from '../../layers/fire-lanes/index.ts';
import { createGridsLayer, gridLabels } from '../../layers/grids/index.ts';
import { createHazardAreasLayer } from '../../layers/hazard-areas/index.ts';
import { createHydrantRingsLayer } from '../../layers/hydrant-rings/index.ts';
import { createHydrantsLayer } from '../../layers/hydrants/index.ts';
import { createPremisesLayer } from '../../layers/premises/index.ts';
import { createSensorsLayer } from '../../layers/sensors/index.ts';
import { createStationsLayer } from '../../layers/stations/index.ts';
import type { CollectionOf, FeatureOf, Kind } from '../../sources/contract/index.ts';
import { PICK_RULES, pickedFeature, thematicLayerOf, type PickSources } from './pick.ts';

const point = (x: number, y: number) => ({ type: 'Point' as const, coordinates: [x, y] });
const square = (x: number, y: number) => ({ type: 'Polygon' as const, coordinates: [[[x, y], [x + 1, y], [x + 1, y + 1], [x, y + 1], [x, y]]] });
const collection = <K extends Kind>(features: FeatureOf<K>[]): CollectionOf<K> => ({ type: 'FeatureCollection', features } as CollectionOf<K>);

const premise: FeatureOf<'premises'> = { type: 'Feature', properties: { id: 'P1', name: '锦和五金厂', categories: ['factory'] }, geometry: point(0, 0) };
const area: FeatureOf<'hazard_areas'> = { type: 'Feature', properties: { id: 'A1', name: '锦和城中村', kind: 'urban_village', status: 'open' }, geometry: square(0, 0) };
const lane: FeatureOf<'fire_lanes'> = {
  type: 'Feature',
  properties: { id: 'L1', name: '锦和路', status: 'partly_blocked', obstacles: [{ type: 'stall', lon: 0.5, lat: 0 }, { type: 'iron_post' }] },
  geometry: { type: 'LineString', coordinates: [[0, 0], [1, 0], [2, 0]] },
};
const hydrant: FeatureOf<'hydrants'> = { type: 'Feature', properties: { id: 'H1', status: 'in_service' }, geometry: point(1, 1) };
const sensor: FeatureOf<'sensors'> = { type: 'Feature', properties: { id: 'S1', kind: 'smoke', premise_id: 'P1', online: true }, geometry: point(0, 0) };
const grid: FeatureOf<'grids'> = { type: 'Feature', properties: { grid_id: 'G01', community: '锦和村' }, geometry: square(0, 0) };
const station: FeatureOf<'stations'> = { type: 'Feature', properties: { id: 'F1', kind: 'micro_station', name: '锦和微站' }, geometry: point(3, 3) };
const alarm = (id: string, level: 'warning' | 'alarm' | 'fire', time: string, acknowledged = false): FeatureOf<'alarms'> =>
  ({ type: 'Feature', properties: { id, level, time, acknowledged, sensor_id: 'S1' }, geometry: point(0, 0) });
const alarms = collection<'alarms'>([
  alarm('AL-fire', 'fire', '2024-03-05T14:00:00+08:00'),
  { ...alarm('AL-warn', 'warning', '2024-03-05T13:00:00+08:00', true), geometry: point(1, 0) },
]);
const sources: PickSources = { alarms, premises: collection([premise]), sensors: collection([sensor]) };

const info = (id: string | null, object?: unknown, index = 0) => ({ layer: id === null ? null : { id }, index, object });

describe('pickedFeature: layers that draw the feature itself', () => {
  it.each([
    ['premises', premise, 'premises'],
    ['hazard-areas', area, 'hazard_areas'],
    ['hydrants', hydrant, 'hydrants'],
    ['stations', station, 'stations'],
    ['grids-outlines', grid, 'grids'],
  ] as const)('%s gives its feature', (id, feature, kind) => {
    const picked = pickedFeature(info(id, feature), sources);
    expect(picked).toEqual({ layerId: thematicLayerOf(id), kind, feature });
  });

  it('hydrant rings give the hydrant, under the rings layer', () => {
    expect(pickedFeature(info('hydrant-rings', hydrant), sources)).toEqual({ layerId: 'hydrant-rings', kind: 'hydrants', feature: hydrant });
  });

  it('sensors name their premise when the sources hold it', () => {
    expect(pickedFeature(info('sensors', sensor), sources)).toEqual({ layerId: 'sensors', kind: 'sensors', feature: sensor, extra: { premise } });
    expect(pickedFeature(info('sensors', sensor), {})).toEqual({ layerId: 'sensors', kind: 'sensors', feature: sensor });
  });
});

describe('pickedFeature: layers that draw wrappers', () => {
  it('a lane path gives its lane', () => {
    const path = lanePaths([lane])[0];
    expect(pickedFeature(info('fire-lanes-paths', path), sources)).toEqual({ layerId: 'fire-lanes', kind: 'fire_lanes', feature: lane });
  });

  it('an obstacle point gives its lane with the obstacle in extra', () => {
    const points = laneObstacles([lane]);
    expect(points).toHaveLength(2);
    const picked = pickedFeature(info('fire-lanes-obstacles', points[1]), sources);
    expect(picked).toEqual({ layerId: 'fire-lanes', kind: 'fire_lanes', feature: lane, extra: { obstacle: { type: 'iron_post' }, obstacleIndex: 1 } });
  });

  it('a grid label gives its cell', () => {
    const label = gridLabels([grid]).labels[0];
    expect(pickedFeature(info('grids-labels', label), sources)).toEqual({ layerId: 'grids', kind: 'grids', feature: grid });
  });
});

describe('pickedFeature: alarms (binary, picked by index)', () => {
  const columns = alarmColumns(alarms.features);
  // Draw order is by level: the warning is drawn first (index 0), the fire last (index 1).
  it('turns a draw index back into the alarm, with its sensor and premise', () => {
    expect(columns.order[0]).toBe(1);
    const picked = pickedFeature(info('alarms-points', undefined, 0), sources);
    expect(picked).toEqual({ layerId: 'alarms', kind: 'alarms', feature: alarms.features[1], extra: { sensor, premise } });
    expect(pickedFeature(info('alarms-points', undefined, 1), sources)?.feature).toBe(alarms.features[0]);
  });

  it('reads the pulse ring index through the pulsing list (only the unacknowledged fire pulses)', () => {
    expect(pickedFeature(info('alarms-pulse', undefined, 0), sources)?.feature).toBe(alarms.features[0]);
  });

  it('counts the alarms under a marker when it stands for more than one', () => {
    const stacked = collection<'alarms'>([alarm('AL-1', 'alarm', '2024-03-05T12:00:00+08:00'), alarm('AL-2', 'fire', '2024-03-05T11:00:00+08:00')]);
    const picked = pickedFeature(info('alarms-points', undefined, 0), { ...sources, alarms: stacked });
    expect(picked?.feature).toBe(stacked.features[1]);
    expect(picked?.extra?.alarmsHere).toBe(2);
  });

  it('needs the alarms the layer was built from', () => {
    expect(pickedFeature(info('alarms-points', undefined, 0), {})).toBeNull();
    expect(pickedFeature(info('alarms-points', undefined, -1), sources)).toBeNull();
    expect(pickedFeature(info('alarms-points', undefined, 9), sources)).toBeNull();
  });
});

describe('pickedFeature: nothing thematic', () => {
  it('returns null for no layer, an unknown layer, or an object that is not a feature', () => {
    expect(pickedFeature(info(null, premise), sources)).toBeNull();
    expect(pickedFeature({ index: -1 }, sources)).toBeNull();
    expect(pickedFeature(info('basemap-roads', premise), sources)).toBeNull();
    expect(pickedFeature(info('premises', { name: 'not a feature' }), sources)).toBeNull();
    expect(pickedFeature(info('fire-lanes-paths', { feature: null }), sources)).toBeNull();
    expect(pickedFeature(info('fire-lanes-obstacles', { lane }), sources)).toBeNull();
  });
});

describe('layer ids', () => {
  it('match sub-layer ids by dropping suffixes', () => {
    expect(thematicLayerOf('premises-points-circle')).toBe('premises');
    expect(thematicLayerOf('grids-outlines-polygons-stroke')).toBe('grids');
    expect(thematicLayerOf('fire-lanes-obstacles')).toBe('fire-lanes');
    expect(thematicLayerOf('hydrant-rings')).toBe('hydrant-rings');
    expect(thematicLayerOf('fire')).toBeNull();
    expect(thematicLayerOf('alarms')).toBeNull(); // the group id is not a deck layer
    expect(pickedFeature(info('premises-points-circle', premise), sources)?.feature).toBe(premise);
  });

  it('cover every thematic layer, and only those', () => {
    const covered = new Set(Object.values(PICK_RULES).map((r) => r.layerId));
    expect([...covered].sort()).toEqual([...LAYER_DRAW_ORDER].sort());
  });

  it('cover every deck layer the layer factories build', () => {
    const built: [string, Layer[]][] = [
      ['premises', createPremisesLayer(collection([premise]))],
      ['hazard-areas', createHazardAreasLayer([area])],
      ['hydrant-rings', createHydrantRingsLayer([hydrant])],
      ['fire-lanes', createFireLanesLayer([lane])],
      ['hydrants', createHydrantsLayer([hydrant])],
      ['stations', createStationsLayer([station])],
      ['sensors', createSensorsLayer([sensor])],
      ['alarms', createAlarmsLayer(alarms)],
      ['grids', createGridsLayer([grid])],
    ];
    for (const [group, layers] of built) for (const layer of layers) expect(thematicLayerOf(layer.id), layer.id).toBe(group);
  });
});
