/**
 * From deck's picking info back to the contract feature under the pointer, for every thematic layer.
 *
 * Layers draw different things: most draw the features themselves (`info.object` is the feature),
 * some draw wrappers (a lane path, a grid label, an obstacle point carry their feature), and alarms
 * are binary attributes, where deck gives only an index ({@link pickedAlarm} turns it back into the
 * feature, given the same data the layer was built from). One table, keyed by deck layer id, says
 * which thematic layer and kind each id belongs to and how to get its feature.
 *
 * deck reports the root layer of a composite (e.g. `premises` for a GeoJsonLayer); a caller that
 * passes a sub-layer id (`premises-points-circle`) is matched too, by dropping `-suffix` parts until
 * an id of the table is found.
 */
import { ALARMS_POINTS_ID, ALARMS_PULSE_ID, ALARMS_LAYER_ID, pickedAlarm, pickedAlarmCount } from '../../layers/alarms/index.ts';
import type { ThematicLayerId } from '../../layers/catalog/index.ts';
import { FIRE_LANES_LAYER_ID, FIRE_LANES_OBSTACLES_ID, FIRE_LANES_PATHS_ID } from '../../layers/fire-lanes/index.ts';
import { GRIDS_LABELS_ID, GRIDS_LAYER_ID, GRIDS_OUTLINES_ID } from '../../layers/grids/index.ts';
import { HAZARD_AREAS_LAYER_ID } from '../../layers/hazard-areas/index.ts';
import { HYDRANT_RINGS_LAYER_ID } from '../../layers/hydrant-rings/index.ts';
import { HYDRANTS_LAYER_ID } from '../../layers/hydrants/index.ts';
import { PREMISES_LAYER_ID } from '../../layers/premises/index.ts';
import { SENSORS_LAYER_ID } from '../../layers/sensors/index.ts';
import { STATIONS_LAYER_ID } from '../../layers/stations/index.ts';
import type { CollectionOf, FeatureOf, Kind, Obstacle } from '../../sources/contract/index.ts';

/** Kinds drawn by thematic layers (buildings and roads come from the basemap and have no tooltip). */
export type PickedKind = Exclude<Kind, 'buildings' | 'roads'>;

/** The part of deck's PickingInfo this module reads. */
export interface PickInfo {
  readonly layer?: { readonly id: string } | null;
  readonly index: number;
  readonly object?: unknown;
}

/**
 * The data the layers were built from, by kind: a collection or its features array. `alarms` must be
 * the same object the alarms layer got (its picking is by index); `premises` and `sensors` are used
 * to name the premise and sensor of a sensor or an alarm. Collections by kind (e.g. the filtered
 * collections of a mode) fit as they are.
 */
export type PickSources = { readonly [K in Kind]?: CollectionOf<K> | readonly FeatureOf<K>[] };

/** More than the feature: what exactly is under the pointer, and related features for the text. */
export interface PickedExtra {
  /** The obstacle under the pointer; the feature is then its lane. */
  readonly obstacle?: Obstacle;
  /** Its index in the lane's `obstacles`. */
  readonly obstacleIndex?: number;
  /** The premise a sensor or an alarm belongs to, when the sources hold it. */
  readonly premise?: FeatureOf<'premises'>;
  /** The sensor that raised an alarm, when the sources hold it. */
  readonly sensor?: FeatureOf<'sensors'>;
  /** Alarms at the picked alarm's location, when more than the one shown (one marker per location). */
  readonly alarmsHere?: number;
}

/** A picked feature: its thematic layer, its kind and the feature (narrowed together by `kind`). */
export type Picked = {
  [K in PickedKind]: { readonly layerId: ThematicLayerId; readonly kind: K; readonly feature: FeatureOf<K>; readonly extra?: PickedExtra };
}[PickedKind];

type Resolved<K extends PickedKind> = { readonly feature: FeatureOf<K>; readonly extra?: PickedExtra };

interface PickRule<K extends PickedKind> {
  readonly layerId: ThematicLayerId;
  readonly kind: K;
  readonly resolve: (info: PickInfo, sources: PickSources) => Resolved<K> | undefined;
}
type AnyPickRule = { [K in PickedKind]: PickRule<K> }[PickedKind];

const isRecord = (x: unknown): x is Readonly<Record<string, unknown>> => typeof x === 'object' && x !== null;

/** A GeoJSON feature with properties: the layers draw validated features, so the shape is enough. */
function asFeature<K extends PickedKind>(x: unknown): FeatureOf<K> | undefined {
  return isRecord(x) && x['type'] === 'Feature' && isRecord(x['properties']) && isRecord(x['geometry']) ? (x as unknown as FeatureOf<K>) : undefined;
}

function featuresOf<F>(source: { readonly features: readonly F[] } | readonly F[] | undefined): readonly F[] {
  if (!source) return [];
  return 'features' in source ? source.features : source;
}

const idIndexes = new WeakMap<readonly unknown[], ReadonlyMap<string, unknown>>();

/** The feature with this `id` (an index per features array, built once). */
function byId<F extends { readonly properties: { readonly id: string } }>(features: readonly F[], id: string | undefined): F | undefined {
  if (id === undefined) return undefined;
  let index = idIndexes.get(features) as ReadonlyMap<string, F> | undefined;
  if (!index) {
    index = new Map(features.map((f) => [f.properties.id, f]));
    idIndexes.set(features, index);
  }
  return index.get(id);
}

/** `extra` without undefined members, or undefined when nothing is known. */
function extraOf(extra: PickedExtra): PickedExtra | undefined {
  const kept = Object.fromEntries(Object.entries(extra).filter(([, v]) => v !== undefined));
  return Object.keys(kept).length > 0 ? (kept as PickedExtra) : undefined;
}

/** Resolved result with `extra` only when there is one. */
function resolved<K extends PickedKind>(feature: FeatureOf<K>, extra: PickedExtra = {}): Resolved<K> {
  const e = extraOf(extra);
  return e ? { feature, extra: e } : { feature };
}

// --- Resolvers: one per way a layer draws its data --------------------------------------------

/** The drawn object is the feature itself. */
const objectIsFeature = <K extends PickedKind>(info: PickInfo): Resolved<K> | undefined => {
  const feature = asFeature<K>(info.object);
  return feature && resolved(feature);
};

/** The drawn object wraps the feature in `feature` (lane paths, grid labels). */
const objectHoldsFeature = <K extends PickedKind>(info: PickInfo): Resolved<K> | undefined => {
  const feature = isRecord(info.object) ? asFeature<K>(info.object['feature']) : undefined;
  return feature && resolved(feature);
};

/** An obstacle point: the feature is its lane, the obstacle goes in `extra`. */
const obstaclePoint = (info: PickInfo): Resolved<'fire_lanes'> | undefined => {
  const o = info.object;
  if (!isRecord(o) || !isRecord(o['obstacle'])) return undefined;
  const lane = asFeature<'fire_lanes'>(o['lane']);
  const index = o['index'];
  return lane && resolved(lane, { obstacle: o['obstacle'] as unknown as Obstacle, obstacleIndex: typeof index === 'number' ? index : undefined });
};

const sensorWithPremise = (info: PickInfo, sources: PickSources): Resolved<'sensors'> | undefined => {
  const sensor = asFeature<'sensors'>(info.object);
  return sensor && resolved(sensor, { premise: byId(featuresOf(sources.premises), sensor.properties.premise_id) });
};

/** Alarms are binary: the index is turned back into the feature with the layer's own data. */
const alarmByIndex = (info: PickInfo, sources: PickSources): Resolved<'alarms'> | undefined => {
  if (!sources.alarms) return undefined;
  const alarm = pickedAlarm(sources.alarms, info);
  if (!alarm) return undefined;
  const p = alarm.properties;
  const sensor = byId(featuresOf(sources.sensors), p.sensor_id);
  const premise = byId(featuresOf(sources.premises), p.premise_id ?? sensor?.properties.premise_id);
  const here = pickedAlarmCount(sources.alarms, info);
  return resolved(alarm, { sensor, premise, ...(here > 1 ? { alarmsHere: here } : {}) });
};

const rule = <K extends PickedKind>(layerId: ThematicLayerId, kind: K, resolve: NoInfer<PickRule<K>['resolve']>): PickRule<K> => ({ layerId, kind, resolve });

/** Every pickable deck layer id → its thematic layer, its kind and how to find the feature. */
export const PICK_RULES: Readonly<Record<string, AnyPickRule>> = {
  [PREMISES_LAYER_ID]: rule(PREMISES_LAYER_ID, 'premises', objectIsFeature),
  [HAZARD_AREAS_LAYER_ID]: rule(HAZARD_AREAS_LAYER_ID, 'hazard_areas', objectIsFeature),
  [FIRE_LANES_PATHS_ID]: rule(FIRE_LANES_LAYER_ID, 'fire_lanes', objectHoldsFeature),
  [FIRE_LANES_OBSTACLES_ID]: rule(FIRE_LANES_LAYER_ID, 'fire_lanes', obstaclePoint),
  [HYDRANTS_LAYER_ID]: rule(HYDRANTS_LAYER_ID, 'hydrants', objectIsFeature),
  [HYDRANT_RINGS_LAYER_ID]: rule(HYDRANT_RINGS_LAYER_ID, 'hydrants', objectIsFeature),
  [SENSORS_LAYER_ID]: rule(SENSORS_LAYER_ID, 'sensors', sensorWithPremise),
  [ALARMS_POINTS_ID]: rule(ALARMS_LAYER_ID, 'alarms', alarmByIndex),
  [ALARMS_PULSE_ID]: rule(ALARMS_LAYER_ID, 'alarms', alarmByIndex),
  [GRIDS_OUTLINES_ID]: rule(GRIDS_LAYER_ID, 'grids', objectIsFeature),
  [GRIDS_LABELS_ID]: rule(GRIDS_LAYER_ID, 'grids', objectHoldsFeature),
  [STATIONS_LAYER_ID]: rule(STATIONS_LAYER_ID, 'stations', objectIsFeature),
};

/** The rule of a deck layer id, or of the nearest id it was derived from by `-suffix` parts. */
function ruleFor(layerId: string): AnyPickRule | undefined {
  for (let id = layerId; ; ) {
    if (Object.hasOwn(PICK_RULES, id)) return PICK_RULES[id];
    const cut = id.lastIndexOf('-');
    if (cut <= 0) return undefined;
    id = id.slice(0, cut);
  }
}

/**
 * The thematic layer a deck layer id belongs to.
 * @example thematicLayerOf('fire-lanes-obstacles') // 'fire-lanes'
 */
export function thematicLayerOf(layerId: string): ThematicLayerId | null {
  return ruleFor(layerId)?.layerId ?? null;
}

/**
 * The contract feature under a pick.
 * @param info deck's picking info (or any object with `layer.id`, `index` and `object`).
 * @param sources the data the layers were built from (needed for alarms; used to name related features).
 * @returns the thematic layer, kind and feature (with `extra` for an obstacle or related features),
 *   or null when nothing thematic is under the pointer.
 * @example
 *   onHover: (info) => setPicked(pickedFeature(info, collections))
 */
export function pickedFeature(info: PickInfo, sources: PickSources): Picked | null {
  const id = info.layer?.id;
  if (id === undefined) return null;
  const r = ruleFor(id);
  if (!r) return null;
  // The table pairs each kind with its own resolver; the union type cannot see that pairing.
  const found = (r.resolve as (i: PickInfo, s: PickSources) => Resolved<PickedKind> | undefined)(info, sources);
  if (!found) return null;
  return { layerId: r.layerId, kind: r.kind, ...found } as Picked;
}
