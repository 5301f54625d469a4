/**
 * The thematic layers in one list: their ids in drawing order, their legends in reading order, and
 * every message key their legends use. A page composes layers in `LAYER_DRAW_ORDER` (areas under
 * lines under points, alarms on top); the URL state and the legend read the ids from here.
 */
import type { LegendEntry } from '../legend-types.ts';
import { ALARMS_I18N_KEYS, ALARMS_LAYER_ID, alarmsLegend } from '../alarms/index.ts';
import { FIRE_LANES_I18N_KEYS, FIRE_LANES_LAYER_ID, fireLanesLegend } from '../fire-lanes/index.ts';
import { GRIDS_I18N_KEYS, GRIDS_LAYER_ID, gridsLegend } from '../grids/index.ts';
import { HAZARD_AREAS_I18N_KEYS, HAZARD_AREAS_LAYER_ID, hazardAreasLegend } from '../hazard-areas/index.ts';
import { HYDRANT_RINGS_I18N_KEYS, HYDRANT_RINGS_LAYER_ID, hydrantRingsLegend } from '../hydrant-rings/index.ts';
import { HYDRANTS_LAYER_ID, hydrantsLegend } from '../hydrants/index.ts';
import { PREMISES_LAYER_ID, premisesLegend } from '../premises/index.ts';
import { PREMISES_RISK_I18N_KEYS } from '../premises/risk.ts';
import { SENSORS_I18N_KEYS, SENSORS_LAYER_ID, sensorsLegend } from '../sensors/index.ts';
import { STATIONS_I18N_KEYS, STATIONS_LAYER_ID, stationsLegend } from '../stations/index.ts';

/** Layer (group) ids from bottom to top: the order in which a page should pass the layers to deck. */
export const LAYER_DRAW_ORDER = [
  GRIDS_LAYER_ID,
  HAZARD_AREAS_LAYER_ID,
  HYDRANT_RINGS_LAYER_ID,
  FIRE_LANES_LAYER_ID,
  PREMISES_LAYER_ID,
  HYDRANTS_LAYER_ID,
  STATIONS_LAYER_ID,
  SENSORS_LAYER_ID,
  ALARMS_LAYER_ID,
] as const;

export type ThematicLayerId = (typeof LAYER_DRAW_ORDER)[number];

/** Layers shown when nothing says otherwise. Protection rings and sensors are aids, off until asked for. */
export const DEFAULT_VISIBLE_LAYERS: readonly ThematicLayerId[] = LAYER_DRAW_ORDER.filter(
  (id) => id !== HYDRANT_RINGS_LAYER_ID && id !== SENSORS_LAYER_ID,
);

/** Every message key the new layers' legends use (texts in src/i18n/parts/layers.ts). */
export const LAYER_I18N_KEYS = [
  ...HAZARD_AREAS_I18N_KEYS,
  ...FIRE_LANES_I18N_KEYS,
  ...HYDRANT_RINGS_I18N_KEYS,
  ...SENSORS_I18N_KEYS,
  ...ALARMS_I18N_KEYS,
  ...GRIDS_I18N_KEYS,
  ...STATIONS_I18N_KEYS,
  ...PREMISES_RISK_I18N_KEYS,
] as const;

/**
 * Legend entries with default props, in reading order (most urgent first). A page that passes other
 * props to a layer builds that layer's legend with the same props instead.
 */
export function defaultLegends(): LegendEntry[] {
  return [
    alarmsLegend(),
    premisesLegend(),
    hazardAreasLegend(),
    fireLanesLegend(),
    hydrantsLegend(),
    hydrantRingsLegend(),
    stationsLegend(),
    sensorsLegend(),
    gridsLegend(),
  ];
}
