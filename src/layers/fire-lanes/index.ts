/**
 * Fire lanes (消防车通道) as lines coloured and sized by status (clear → partly blocked → blocked,
 * wider as it gets worse, blocked on top), with the obstacles reported on them as dots coloured by
 * obstacle type (违章搭建, 摊位, 铁桩, 水泥墩, …) at their own longitude and latitude.
 *
 * Two sub-layers, both hidden and shown together: `fire-lanes-paths` (PathLayer) and
 * `fire-lanes-obstacles` (ScatterplotLayer). A MultiLineString lane becomes one path per part; the
 * picked object of either sub-layer carries its lane feature.
 */
import type { Layer } from '@deck.gl/core';
import { PathLayer, ScatterplotLayer } from '@deck.gl/layers';
import type { Position } from 'geojson';
import { ENUMS, type CollectionOf, type EnumOf, type FeatureOf, type Obstacle } from '../../sources/contract/index.ts';
import type { LegendEntry } from '../legend-types.ts';
import { INK, lighten, rgba } from '../palette-extra.ts';
import { OKABE_ITO, TOL_MUTED, type Rgb } from '../palette.ts';

/** The group id: the legend toggle and app state name the lanes by it. */
export const FIRE_LANES_LAYER_ID = 'fire-lanes';
/** Sub-layer ids (stable: picking and tests use them). */
export const FIRE_LANES_PATHS_ID = `${FIRE_LANES_LAYER_ID}-paths`;
export const FIRE_LANES_OBSTACLES_ID = `${FIRE_LANES_LAYER_ID}-obstacles`;

export type FireLaneFeature = FeatureOf<'fire_lanes'>;
export type LaneStatus = EnumOf<'lane_status'>;
export type ObstacleType = EnumOf<'obstacle_type'>;

/** Message keys this module's legend uses (texts in src/i18n/parts/layers.ts). */
export const FIRE_LANES_I18N_KEYS = ['legend.fire_lanes.title', 'legend.fire_lanes.removed'] as const;

/**
 * Lane colours (Okabe–Ito): bluish green for clear, orange for partly blocked, vermillion for
 * blocked. They differ in lightness as well as hue, and widths differ too, so status reads without colour.
 */
export const LANE_STATUS_COLORS = {
  clear: OKABE_ITO.bluishGreen,
  partly_blocked: OKABE_ITO.orange,
  blocked: OKABE_ITO.vermillion,
} as const satisfies Readonly<Record<LaneStatus, Rgb>>;

/** Obstacle colours by type (Paul Tol's muted scheme, which has nine distinct colours plus grey). */
export const OBSTACLE_TYPE_COLORS = {
  illegal_structure: TOL_MUTED.wine,
  stall: TOL_MUTED.sand,
  iron_post: TOL_MUTED.indigo,
  concrete_block: TOL_MUTED.olive,
  overhead_line: TOL_MUTED.cyan,
  billboard: TOL_MUTED.purple,
  parked_vehicle: TOL_MUTED.rose,
  locked_gate: TOL_MUTED.green,
  other: TOL_MUTED.grey,
} as const satisfies Readonly<Record<ObstacleType, Rgb>>;

export interface FireLanesLayerProps {
  /** Draw lanes and obstacles; hidden layers keep their buffers. Default `true`. */
  visible: boolean;
  /** Line colour per lane status. Default {@link LANE_STATUS_COLORS}. */
  laneColors: Readonly<Record<LaneStatus, Rgb>>;
  /** Line width in screen pixels per status. Default clear 2, partly blocked 4, blocked 6. */
  laneWidthPixels: Readonly<Record<LaneStatus, number>>;
  /** Line alpha (0–255). Default `230`. */
  laneAlpha: number;
  /** Draw obstacle dots. Default `true`. */
  showObstacles: boolean;
  /** Dot colour per obstacle type. Default {@link OBSTACLE_TYPE_COLORS}. */
  obstacleColors: Readonly<Record<ObstacleType, Rgb>>;
  /** Obstacle dot radius in screen pixels. Default `5`. */
  obstacleRadiusPixels: number;
  /** Obstacle outline colour: dark, so a dot reads on top of a coloured lane. Default dark grey. */
  obstacleStrokeColor: Rgb;
  /** Obstacle outline width in pixels. Default `1.5`. */
  obstacleStrokeWidthPixels: number;
  /** Also draw obstacles already removed (with `removed_at`), faded. Default `false`. */
  showRemoved: boolean;
  /** Alpha (0–255) of removed obstacles when shown. Default `90`. */
  removedAlpha: number;
  /**
   * Place an obstacle without longitude/latitude at the middle vertex of its lane, so it is still
   * seen (otherwise it is left out). Default `true`.
   */
  placeUnlocated: boolean;
  /** Answer hover and click picking. Default `true`. */
  pickable: boolean;
  /** Layer opacity 0–1. Default `1`. */
  opacity: number;
}

/** Defaults of {@link FireLanesLayerProps}. */
export const DEFAULT_FIRE_LANES_PROPS: Readonly<FireLanesLayerProps> = {
  visible: true,
  laneColors: LANE_STATUS_COLORS,
  laneWidthPixels: { clear: 2, partly_blocked: 4, blocked: 6 },
  laneAlpha: 230,
  showObstacles: true,
  obstacleColors: OBSTACLE_TYPE_COLORS,
  obstacleRadiusPixels: 5,
  obstacleStrokeColor: INK,
  obstacleStrokeWidthPixels: 1.5,
  showRemoved: false,
  removedAlpha: 90,
  placeUnlocated: true,
  pickable: true,
  opacity: 1,
};

/** Lane statuses and obstacle types in the contract's order (the legend's). */
export const LANE_STATUS_ORDER = ENUMS.lane_status.values.map((v) => v.value) as readonly LaneStatus[];
export const OBSTACLE_TYPE_ORDER = ENUMS.obstacle_type.values.map((v) => v.value) as readonly ObstacleType[];

const lookup = <T>(table: Readonly<Record<string, T>>, key: string, fallback: T): T =>
  (table as Readonly<Record<string, T | undefined>>)[key] ?? fallback;

/** One drawable part of a lane: a LineString, or one part of a MultiLineString. */
export interface LanePath {
  readonly feature: FireLaneFeature;
  readonly path: readonly Position[];
}

/** An obstacle placed on the map. */
export interface ObstaclePoint {
  readonly lane: FireLaneFeature;
  readonly obstacle: Obstacle;
  /** Index of the obstacle in its lane's `obstacles`. */
  readonly index: number;
  readonly position: readonly [number, number];
  /** False when the position was taken from the lane because the obstacle had none. */
  readonly located: boolean;
  readonly removed: boolean;
}

const STATUS_RANK: Readonly<Record<string, number>> = { clear: 0, partly_blocked: 1, blocked: 2 };
const pathsCache = new WeakMap<readonly FireLaneFeature[], readonly LanePath[]>();

/** One path per line part, clear lanes first so blocked ones draw on top. Stable per input array. */
export function lanePaths(features: readonly FireLaneFeature[]): readonly LanePath[] {
  let out = pathsCache.get(features);
  if (!out) {
    const list: { p: LanePath; rank: number; i: number }[] = [];
    features.forEach((feature, i) => {
      const rank = STATUS_RANK[feature.properties.status] ?? 0;
      const g = feature.geometry;
      const parts = g.type === 'LineString' ? [g.coordinates] : g.coordinates;
      for (const path of parts) if (path.length >= 2) list.push({ p: { feature, path }, rank, i });
    });
    out = list.sort((a, b) => a.rank - b.rank || a.i - b.i).map((e) => e.p);
    pathsCache.set(features, out);
  }
  return out;
}

function middleVertex(feature: FireLaneFeature): [number, number] | undefined {
  const g = feature.geometry;
  const path = g.type === 'LineString' ? g.coordinates : g.coordinates[0];
  const mid = path?.[Math.floor((path.length - 1) / 2)];
  return mid && Number.isFinite(mid[0]) && Number.isFinite(mid[1]) ? [mid[0] as number, mid[1] as number] : undefined;
}

const obstaclesCache = new WeakMap<readonly FireLaneFeature[], Map<string, readonly ObstaclePoint[]>>();

/**
 * The obstacles of all lanes as points, removed ones last (so current ones are never hidden
 * under them), stable per input array and options.
 * @param options.includeRemoved keep obstacles with `removed_at`. Default false.
 * @param options.placeUnlocated put an obstacle without lon/lat at its lane's middle vertex. Default true.
 */
export function laneObstacles(
  features: readonly FireLaneFeature[],
  options: { includeRemoved?: boolean; placeUnlocated?: boolean } = {},
): readonly ObstaclePoint[] {
  const includeRemoved = options.includeRemoved ?? false;
  const placeUnlocated = options.placeUnlocated ?? true;
  const key = `${includeRemoved ? 1 : 0}${placeUnlocated ? 1 : 0}`;
  let byOptions = obstaclesCache.get(features);
  if (!byOptions) obstaclesCache.set(features, (byOptions = new Map()));
  const cached = byOptions.get(key);
  if (cached) return cached;
  const current: ObstaclePoint[] = [];
  const removedList: ObstaclePoint[] = [];
  for (const lane of features) {
    lane.properties.obstacles?.forEach((obstacle, index) => {
      const removed = obstacle.removed_at !== undefined;
      if (removed && !includeRemoved) return;
      const own = Number.isFinite(obstacle.lon) && Number.isFinite(obstacle.lat) ? ([obstacle.lon, obstacle.lat] as [number, number]) : undefined;
      const position = own ?? (placeUnlocated ? middleVertex(lane) : undefined);
      if (!position) return;
      (removed ? removedList : current).push({ lane, obstacle, index, position, located: own !== undefined, removed });
    });
  }
  const out = [...removedList, ...current];
  byOptions.set(key, out);
  return out;
}

/** Line colour (RGBA) of a lane under the given props. */
export function laneColor(feature: FireLaneFeature, props: Partial<FireLanesLayerProps> = {}): [number, number, number, number] {
  const p = { ...DEFAULT_FIRE_LANES_PROPS, ...props };
  return rgba(lookup(p.laneColors, feature.properties.status, OKABE_ITO.grey), p.laneAlpha);
}

/** Line width (pixels) of a lane under the given props. */
export function laneWidth(feature: FireLaneFeature, props: Partial<FireLanesLayerProps> = {}): number {
  const widths = props.laneWidthPixels ?? DEFAULT_FIRE_LANES_PROPS.laneWidthPixels;
  return lookup(widths, feature.properties.status, widths.clear);
}

/** Fill colour (RGBA) of an obstacle dot: its type's colour, faded when removed. */
export function obstacleColor(point: Pick<ObstaclePoint, 'obstacle' | 'removed'>, props: Partial<FireLanesLayerProps> = {}): [number, number, number, number] {
  const p = { ...DEFAULT_FIRE_LANES_PROPS, ...props };
  const rgb = lookup(p.obstacleColors, point.obstacle.type, TOL_MUTED.grey);
  return rgba(rgb, point.removed ? p.removedAlpha : 255);
}

/**
 * Builds the fire-lane layers.
 * @param data the validated fire_lanes collection (or its features); keep it the same object between renders.
 * @param props overrides of {@link DEFAULT_FIRE_LANES_PROPS}.
 * @returns a PathLayer {@link FIRE_LANES_PATHS_ID} and a ScatterplotLayer {@link FIRE_LANES_OBSTACLES_ID}.
 */
export function createFireLanesLayer(
  data: CollectionOf<'fire_lanes'> | readonly FireLaneFeature[],
  props: Partial<FireLanesLayerProps> = {},
): Layer[] {
  const p: FireLanesLayerProps = { ...DEFAULT_FIRE_LANES_PROPS, ...props };
  const features = 'features' in data ? data.features : data;
  return [
    new PathLayer<LanePath>({
      id: FIRE_LANES_PATHS_ID,
      data: lanePaths(features),
      visible: p.visible,
      pickable: p.pickable,
      opacity: p.opacity,
      widthUnits: 'pixels',
      capRounded: true,
      jointRounded: true,
      getPath: (d) => d.path as Position[] as never,
      getColor: (d) => laneColor(d.feature, p),
      getWidth: (d) => laneWidth(d.feature, p),
      updateTriggers: { getColor: [p.laneColors, p.laneAlpha], getWidth: [p.laneWidthPixels] },
    }),
    new ScatterplotLayer<ObstaclePoint>({
      id: FIRE_LANES_OBSTACLES_ID,
      data: laneObstacles(features, { includeRemoved: p.showRemoved, placeUnlocated: p.placeUnlocated }),
      visible: p.visible && p.showObstacles,
      pickable: p.pickable,
      opacity: p.opacity,
      radiusUnits: 'pixels',
      getRadius: p.obstacleRadiusPixels,
      stroked: true,
      lineWidthUnits: 'pixels',
      getLineWidth: p.obstacleStrokeWidthPixels,
      getLineColor: [...p.obstacleStrokeColor],
      getPosition: (d) => [d.position[0], d.position[1]],
      getFillColor: (d) => obstacleColor(d, p),
      updateTriggers: { getFillColor: [p.obstacleColors, p.removedAlpha] },
    }),
  ];
}

/** The legend block: lane statuses as lines, then obstacle types as dots (ids `obstacle.<type>`). */
export function fireLanesLegend(props: Partial<FireLanesLayerProps> = {}): LegendEntry {
  const p = { ...DEFAULT_FIRE_LANES_PROPS, ...props };
  return {
    layerId: FIRE_LANES_LAYER_ID,
    title: { key: 'legend.fire_lanes.title' },
    items: [
      ...LANE_STATUS_ORDER.map((status) => ({
        id: status,
        label: { enum: 'lane_status' as const, value: status },
        fill: lookup(p.laneColors, status, OKABE_ITO.grey),
        shape: 'line' as const,
      })),
      ...(p.showObstacles ? OBSTACLE_TYPE_ORDER : []).map((type) => ({
        id: `obstacle.${type}`,
        label: { enum: 'obstacle_type' as const, value: type },
        fill: lookup(p.obstacleColors, type, TOL_MUTED.grey),
        stroke: p.obstacleStrokeColor,
        shape: 'circle' as const,
      })),
      ...(p.showObstacles && p.showRemoved
        ? [{ id: 'obstacle.removed', label: { key: 'legend.fire_lanes.removed' }, fill: lighten(TOL_MUTED.grey, 0.5), stroke: p.obstacleStrokeColor, shape: 'circle' as const }]
        : []),
    ],
  };
}
