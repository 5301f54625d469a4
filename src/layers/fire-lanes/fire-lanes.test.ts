import { describe, expect, it } from 'vitest';
import { ENUMS, type CollectionOf, type Obstacle } from '../../sources/contract/index.ts';
import {
  DEFAULT_FIRE_LANES_PROPS, FIRE_LANES_LAYER_ID, FIRE_LANES_OBSTACLES_ID, FIRE_LANES_PATHS_ID, LANE_STATUS_COLORS, OBSTACLE_TYPE_COLORS,
  createFireLanesLayer, fireLanesLegend, laneColor, laneObstacles, lanePaths, laneWidth, obstacleColor,
  type FireLaneFeature, type LanePath, type ObstaclePoint,
} from './index.ts';

type Props = FireLaneFeature['properties'];
const lane = (id: string, status: Props['status'], obstacles?: Obstacle[], multi = false): FireLaneFeature => ({
  type: 'Feature',
  properties: { id, status, ...(obstacles ? { obstacles } : {}) },
  geometry: multi
    ? { type: 'MultiLineString', coordinates: [[[0, 0], [1, 0]], [[2, 0], [3, 0], [4, 0]]] }
    : { type: 'LineString', coordinates: [[10, 10], [11, 10], [12, 10]] },
});
const data: CollectionOf<'fire_lanes'> = {
  type: 'FeatureCollection',
  features: [
    lane('blocked', 'blocked', [
      { type: 'iron_post', lon: 10.5, lat: 10 },
      { type: 'stall' }, // no position: placed on the lane
      { type: 'parked_vehicle', lon: 11.5, lat: 10, removed_at: '2026-11-01' },
    ]),
    lane('clear', 'clear', undefined, true),
    lane('partly', 'partly_blocked', [{ type: 'other', lon: 11, lat: 10 }]),
  ],
};
const layerProps = (layer: unknown) => (layer as { props: Record<string, unknown> }).props;

describe('createFireLanesLayer', () => {
  it('returns lanes then obstacles with stable ids, visible by default', () => {
    const layers = createFireLanesLayer(data);
    expect(layers.map((l) => l.id)).toEqual([FIRE_LANES_PATHS_ID, FIRE_LANES_OBSTACLES_ID]);
    expect(FIRE_LANES_LAYER_ID).toBe('fire-lanes');
    expect(layers.every((l) => l.props.visible)).toBe(true);
    expect(createFireLanesLayer(data, { visible: false }).every((l) => !l.props.visible)).toBe(true);
    const noObstacles = createFireLanesLayer(data, { showObstacles: false });
    expect(noObstacles.map((l) => l.props.visible)).toEqual([true, false]);
  });

  it('splits MultiLineStrings into paths and draws blocked lanes last', () => {
    const paths = lanePaths(data.features);
    expect(paths.map((p) => p.feature.properties.id)).toEqual(['clear', 'clear', 'partly', 'blocked']);
    expect(paths[1]?.path).toHaveLength(3);
    expect(lanePaths(data.features)).toBe(paths);
    expect(createFireLanesLayer(data)[0]?.props.data).toBe(paths);
  });

  it('colours and widens lanes by status (blocked is vermillion and widest)', () => {
    expect(laneColor(lane('x', 'blocked')).slice(0, 3)).toEqual([...LANE_STATUS_COLORS.blocked]);
    expect(laneColor(lane('x', 'clear'))[3]).toBe(DEFAULT_FIRE_LANES_PROPS.laneAlpha);
    expect(laneWidth(lane('x', 'clear'))).toBeLessThan(laneWidth(lane('x', 'partly_blocked')));
    expect(laneWidth(lane('x', 'partly_blocked'))).toBeLessThan(laneWidth(lane('x', 'blocked')));
    const paths = createFireLanesLayer(data)[0];
    const getColor = layerProps(paths)['getColor'] as (d: LanePath) => number[];
    const getWidth = layerProps(paths)['getWidth'] as (d: LanePath) => number;
    const blocked = lanePaths(data.features).at(-1) as LanePath;
    expect(getColor(blocked).slice(0, 3)).toEqual([...LANE_STATUS_COLORS.blocked]);
    expect(getWidth(blocked)).toBe(DEFAULT_FIRE_LANES_PROPS.laneWidthPixels.blocked);
    expect(laneColor(lane('x', 'weird' as 'clear')).slice(0, 3)).toEqual([153, 153, 153]);
  });

  it('places obstacles at their lon/lat, unlocated ones on the lane, removed ones only on request', () => {
    const points = laneObstacles(data.features);
    expect(points.map((p) => p.obstacle.type)).toEqual(['iron_post', 'stall', 'other']);
    expect(points[0]?.position).toEqual([10.5, 10]);
    expect(points[1]).toMatchObject({ located: false, position: [11, 10] });
    expect(laneObstacles(data.features)).toBe(points);
    expect(laneObstacles(data.features, { placeUnlocated: false }).map((p) => p.obstacle.type)).toEqual(['iron_post', 'other']);
    const withRemoved = laneObstacles(data.features, { includeRemoved: true });
    expect(withRemoved[0]).toMatchObject({ removed: true, obstacle: { type: 'parked_vehicle' } });
    expect(createFireLanesLayer(data, { showRemoved: true })[1]?.props.data).toBe(withRemoved);
  });

  it('colours obstacles by type, removed ones faded', () => {
    const [iron] = laneObstacles(data.features) as ObstaclePoint[];
    expect(obstacleColor(iron as ObstaclePoint)).toEqual([...OBSTACLE_TYPE_COLORS.iron_post, 255]);
    const removed = laneObstacles(data.features, { includeRemoved: true })[0] as ObstaclePoint;
    expect(obstacleColor(removed)[3]).toBe(DEFAULT_FIRE_LANES_PROPS.removedAlpha);
    const getFillColor = layerProps(createFireLanesLayer(data)[1])['getFillColor'] as (d: ObstaclePoint) => number[];
    expect(getFillColor(iron as ObstaclePoint)).toEqual([...OBSTACLE_TYPE_COLORS.iron_post, 255]);
  });

  it('gives each obstacle type its own colour', () => {
    const colors = Object.values(OBSTACLE_TYPE_COLORS).map((c) => c.join());
    expect(new Set(colors).size).toBe(colors.length);
  });
});

describe('fireLanesLegend', () => {
  it('lists lane statuses as lines and obstacle types as dots, with contract labels', () => {
    const legend = fireLanesLegend();
    expect(legend.layerId).toBe(FIRE_LANES_LAYER_ID);
    const statuses = ENUMS.lane_status.values.map((v) => v.value);
    const types = ENUMS.obstacle_type.values.map((v) => v.value);
    expect(legend.items.map((i) => i.id)).toEqual([...statuses, ...types.map((t) => `obstacle.${t}`)]);
    expect(legend.items.slice(0, 3).every((i) => i.shape === 'line')).toBe(true);
    expect(legend.items[0]?.label).toEqual({ enum: 'lane_status', value: 'clear' });
    expect(legend.items[3]?.label).toEqual({ enum: 'obstacle_type', value: types[0] });
    expect(fireLanesLegend({ showObstacles: false }).items).toHaveLength(3);
    expect(fireLanesLegend({ showRemoved: true }).items.at(-1)?.label).toEqual({ key: 'legend.fire_lanes.removed' });
  });
});
