/**
 * The "one enterprise, one file" (一企一档) of a premise: its facts, its hazards as a timeline, the
 * enforcement taken, its sensors and their recent alarms, and what is around it (nearest hydrants,
 * nearby fire lanes). Pure: the card (src/ui/card/PremiseCard.tsx) only lays it out.
 *
 * Two steps, because clicks are many and data changes are few: `createPremiseFileIndex` builds the
 * spatial indexes and the sensor/alarm lookups once per data change (memoise it on the collections),
 * then `premiseFile` answers one premise in well under a millisecond.
 *
 * Distances are straight lines from the premise's anchor: its point, or the centroid of a polygon's
 * (first) outer ring. Hydrants: geokdbush great-circle distances. Lanes: flatbush over segment boxes,
 * then exact point-to-segment distances in a local metric projection centred on the anchor.
 */
import Flatbush from 'flatbush';
import KDBush from 'kdbush';
import { around, distance as greatCircleKm } from 'geokdbush';
import { anchorXY } from '../analysis/common.ts';
import { localProjection, pointSegment, type XY } from '../analysis/geo.ts';
import { DEFAULT_RULES } from '../analysis/rules.ts';
import type { FeatureOf, FireLaneProps } from '../sources/contract/index.ts';
import type {
  AlarmRow, HydrantRow, HydrantStatus, HydrantSummary, LaneRow, LaneSummary, LonLat, ObstacleRow, PremiseFile, SensorSummary,
} from '../ui/card/premise-file-types.ts';
import type { Collections } from './filters.ts';
import { compareText, premiseEnforcement, premiseFacts, premiseTimeline } from './premise-file-hazards.ts';

export type * from '../ui/card/premise-file-types.ts';

type Hydrant = FeatureOf<'hydrants'>;
type Lane = FeatureOf<'fire_lanes'>;
type Sensor = FeatureOf<'sensors'>;
type Alarm = FeatureOf<'alarms'>;

/** Lookups over one set of collections, built by {@link createPremiseFileIndex}. */
export interface PremiseFileIndex {
  readonly hydrants: readonly Hydrant[];
  /** Hydrants by longitude/latitude (null when there are none: kdbush needs at least one point). */
  readonly hydrantIndex: KDBush | null;
  readonly lanes: readonly Lane[];
  /** Boxes of every lane segment, in degrees (null when there are no lanes). */
  readonly segmentIndex: Flatbush | null;
  /** For segment i: its lane's index, and its ends at [4i .. 4i+3] as lon0, lat0, lon1, lat1. */
  readonly segmentLane: Int32Array;
  readonly segmentEnds: Float64Array;
  readonly sensorsByPremise: ReadonlyMap<string, readonly Sensor[]>;
  /** Newest first. */
  readonly alarmsBySensor: ReadonlyMap<string, readonly Alarm[]>;
  /** Newest first. */
  readonly alarmsByPremise: ReadonlyMap<string, readonly Alarm[]>;
}

/** Options of {@link premiseFile}; every one has a default. */
export interface PremiseFileOptions {
  /** How many nearest hydrants to list. Default 3. */
  readonly hydrants?: number;
  /** Hydrant statuses to list. Default only `in_service` (the ones that count for protection). */
  readonly hydrantStatuses?: readonly HydrantStatus[];
  /** Hydrant protection radius in metres. Default DEFAULT_RULES.hydrant.protection_radius_m (150, GB 50974-2014 §7.2.5). */
  readonly protectionRadiusM?: number;
  /** Fire lanes within this many metres are listed. Default 200. */
  readonly laneRadiusM?: number;
  /** Alarms from this many days before `now` are listed. Default 30. */
  readonly alarmDays?: number;
}

/** The defaults of {@link PremiseFileOptions}. */
export const PREMISE_FILE_DEFAULTS = {
  hydrants: 3,
  hydrantStatuses: ['in_service'] as readonly HydrantStatus[],
  protectionRadiusM: DEFAULT_RULES.hydrant.protection_radius_m.value,
  laneRadiusM: 200,
  alarmDays: 30,
} as const;

const DAY_MS = 86_400_000;

function groupBy<T>(items: readonly T[], key: (item: T) => string | undefined): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k === undefined) continue;
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

const alarmTime = (a: Alarm): number => Date.parse(a.properties.time);

/** Alarms newest first, each time parsed once (some 10k alarms arrive with every poll). */
function newestFirst(alarms: readonly Alarm[]): Alarm[] {
  // Validated times always parse; the floor only keeps the comparator consistent if one did not.
  const times = Float64Array.from(alarms, (a) => alarmTime(a) || -8.64e15);
  return Array.from(alarms.keys()).sort((i, j) => (times[j] as number) - (times[i] as number)).map((i) => alarms[i] as Alarm);
}

function lineParts(g: Lane['geometry']): readonly (readonly number[][])[] {
  return g.type === 'LineString' ? [g.coordinates] : g.coordinates;
}

/**
 * Builds the lookups every premise file needs: hydrants in a kdbush index (for geokdbush), lane
 * segments in a flatbush index, sensors by premise_id, alarms by sensor_id and by premise_id.
 * @param collections the loaded collections by kind; absent kinds count as empty.
 * @example const index = useMemo(() => createPremiseFileIndex(collections), [collections]);
 */
export function createPremiseFileIndex(collections: Collections): PremiseFileIndex {
  // Each part is cached per source collection: a poll of the alarms rebuilds the alarm lookups
  // only, not the hydrant and lane indexes (at 100× scale each costs a long task).
  const hydrants = cached(collections.hydrants, hydrantPart);
  const lanes = cached(collections.fire_lanes, lanePart);
  const alarms = cached(collections.alarms, alarmPart);
  return {
    ...hydrants,
    ...lanes,
    sensorsByPremise: cached(collections.sensors, (c) => groupBy(c?.features ?? [], (s) => s.properties.premise_id)),
    ...alarms,
  };
}

const NONE = {};
const caches = new WeakMap<(c: never) => unknown, WeakMap<object, unknown>>();
/** `build(collection)`, remembered per collection object (an absent collection counts as one key). */
function cached<C extends object | undefined, R>(collection: C, build: (c: C) => R): R {
  let byCollection = caches.get(build as (c: never) => unknown);
  if (!byCollection) caches.set(build as (c: never) => unknown, (byCollection = new WeakMap()));
  const key = collection ?? NONE;
  if (byCollection.has(key)) return byCollection.get(key) as R;
  const made = build(collection);
  byCollection.set(key, made);
  return made;
}

function hydrantPart(collection: Collections['hydrants']): Pick<PremiseFileIndex, 'hydrants' | 'hydrantIndex'> {
  const hydrants = collection?.features ?? [];
  let hydrantIndex: KDBush | null = null;
  if (hydrants.length > 0) {
    hydrantIndex = new KDBush(hydrants.length);
    for (const h of hydrants) hydrantIndex.add(h.geometry.coordinates[0] ?? 0, h.geometry.coordinates[1] ?? 0);
    hydrantIndex.finish();
  }
  return { hydrants, hydrantIndex };
}

function lanePart(collection: Collections['fire_lanes']): Pick<PremiseFileIndex, 'lanes' | 'segmentIndex' | 'segmentLane' | 'segmentEnds'> {
  const lanes = collection?.features ?? [];
  const lane: number[] = [];
  const ends: number[] = [];
  lanes.forEach((l, li) => {
    for (const part of lineParts(l.geometry)) {
      for (let i = 0; i + 1 < part.length; i++) {
        const a = part[i] as number[], b = part[i + 1] as number[];
        lane.push(li);
        ends.push(a[0] ?? 0, a[1] ?? 0, b[0] ?? 0, b[1] ?? 0);
      }
    }
  });
  let segmentIndex: Flatbush | null = null;
  if (lane.length > 0) {
    segmentIndex = new Flatbush(lane.length);
    for (let i = 0; i < lane.length; i++) {
      const [x0, y0, x1, y1] = [ends[4 * i] as number, ends[4 * i + 1] as number, ends[4 * i + 2] as number, ends[4 * i + 3] as number];
      segmentIndex.add(Math.min(x0, x1), Math.min(y0, y1), Math.max(x0, x1), Math.max(y0, y1));
    }
    segmentIndex.finish();
  }
  return { lanes, segmentIndex, segmentLane: Int32Array.from(lane), segmentEnds: Float64Array.from(ends) };
}

function alarmPart(collection: Collections['alarms']): Pick<PremiseFileIndex, 'alarmsBySensor' | 'alarmsByPremise'> {
  const alarms = newestFirst(collection?.features ?? []);
  return {
    alarmsBySensor: groupBy(alarms, (a) => a.properties.sensor_id),
    alarmsByPremise: groupBy(alarms, (a) => a.properties.premise_id),
  };
}

/** The premise's anchor in WGS-84: its point, or the centroid of its polygon's outer ring. */
export function premiseAnchor(premise: FeatureOf<'premises'>): LonLat {
  const g = premise.geometry;
  const first = g.type === 'Point' ? g.coordinates : g.type === 'Polygon' ? g.coordinates[0]?.[0] : g.coordinates[0]?.[0]?.[0];
  const proj = localProjection(first?.[0] ?? 0, first?.[1] ?? 0);
  const xy = anchorXY(g, proj);
  return xy ? proj.toLonLat(xy) : [first?.[0] ?? 0, first?.[1] ?? 0];
}

/**
 * Everything the card shows about one premise (see the module comment for how distances are taken).
 * @param index from {@link createPremiseFileIndex} over the same collections the premise came from.
 * @param now the moment overdue and the alarm window are judged at.
 * @param options see {@link PremiseFileOptions} for the defaults.
 * @example premiseFile(index, clicked, new Date(), { hydrants: 5, laneRadiusM: 300 })
 */
export function premiseFile(index: PremiseFileIndex, premise: FeatureOf<'premises'>, now: Date, options: PremiseFileOptions = {}): PremiseFile {
  const o = { ...PREMISE_FILE_DEFAULTS, ...withoutUndefined(options) };
  const p = premise.properties;
  const lonLat = premiseAnchor(premise);
  return {
    premise: {
      id: p.id, name: p.name, categories: p.categories, keyUnit: p.key_unit === true, highRiskUnit: p.high_risk_unit === true,
      ...(p.supervision_level !== undefined ? { supervisionLevel: p.supervision_level } : {}), lonLat,
    },
    facts: premiseFacts(p),
    timeline: premiseTimeline(p.hazards ?? [], now),
    enforcement: premiseEnforcement(p.hazards ?? []),
    sensors: premiseSensors(index, p.id, now.getTime() - o.alarmDays * DAY_MS, o.alarmDays),
    hydrants: nearestHydrants(index, lonLat, o.hydrants, o.hydrantStatuses, o.protectionRadiusM),
    lanes: nearbyLanes(index, lonLat, o.laneRadiusM),
  };
}

function withoutUndefined<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function alarmRow(a: Alarm): AlarmRow {
  const p = a.properties;
  return {
    id: p.id, level: p.level, time: p.time, acknowledged: p.acknowledged === true, resolved: p.resolved === true,
    ...(p.kind !== undefined ? { kind: p.kind } : {}), ...(p.sensor_id !== undefined ? { sensorId: p.sensor_id } : {}),
    ...(p.message !== undefined ? { message: p.message } : {}),
  };
}

/**
 * Alarms from `sinceMs` on. There is no upper bound on purpose: an alarm stamped a little after
 * `now` (a device clock ahead, or `now` refreshed only every minute) must still show.
 */
function recent(alarms: readonly Alarm[] | undefined, sinceMs: number, keep: (a: Alarm) => boolean = () => true): AlarmRow[] {
  return (alarms ?? []).filter((a) => alarmTime(a) >= sinceMs && keep(a)).map(alarmRow);
}

function premiseSensors(index: PremiseFileIndex, premiseId: string, sinceMs: number, alarmDays: number): SensorSummary {
  const sensors = [...(index.sensorsByPremise.get(premiseId) ?? [])].sort((a, b) => compareText(a.properties.id, b.properties.id));
  const ids = new Set(sensors.map((s) => s.properties.id));
  const list = sensors.map((s) => {
    const p = s.properties;
    return {
      id: p.id, kind: p.kind, ...(p.name !== undefined ? { name: p.name } : {}), ...(p.online !== undefined ? { online: p.online } : {}),
      ...(p.last_seen !== undefined ? { lastSeen: p.last_seen } : {}), alarms: recent(index.alarmsBySensor.get(p.id), sinceMs),
    };
  });
  const otherAlarms = recent(index.alarmsByPremise.get(premiseId), sinceMs, (a) => a.properties.sensor_id === undefined || !ids.has(a.properties.sensor_id));
  return { list, otherAlarms, alarmDays };
}

function nearestHydrants(index: PremiseFileIndex, [lon, lat]: LonLat, count: number, statuses: readonly HydrantStatus[], radiusM: number): HydrantSummary {
  const tree = index.hydrantIndex;
  if (!tree || count <= 0) return { nearest: [], radiusM, inServiceWithinRadius: tree ? countInService(index, tree, lon, lat, radiusM) : 0 };
  const allowed = new Set<string>(statuses);
  const nearest = around(tree, lon, lat, count, Infinity, (i) => allowed.has((index.hydrants[i] as Hydrant).properties.status)).map((i): HydrantRow => {
    const h = index.hydrants[i] as Hydrant;
    const [hLon = 0, hLat = 0] = h.geometry.coordinates;
    const distanceM = greatCircleKm(lon, lat, hLon, hLat) * 1000;
    const p = h.properties;
    return {
      id: p.id, status: p.status, ...(p.type !== undefined ? { type: p.type } : {}), ...(p.road !== undefined ? { road: p.road } : {}),
      distanceM, withinRadius: distanceM <= radiusM, lonLat: [hLon, hLat],
    };
  });
  return { nearest, radiusM, inServiceWithinRadius: countInService(index, tree, lon, lat, radiusM) };
}

function countInService(index: PremiseFileIndex, tree: KDBush, lon: number, lat: number, radiusM: number): number {
  return around(tree, lon, lat, Infinity, radiusM / 1000, (i) => (index.hydrants[i] as Hydrant).properties.status === 'in_service').length;
}

const LANE_ORDER: Readonly<Record<FireLaneProps['status'], number>> = { blocked: 0, partly_blocked: 1, clear: 2 };
// Lower bounds of metres per degree, so the search box is never smaller than the radius.
const MIN_M_PER_DEG_LAT = 110_500;
const M_PER_DEG_LON_EQUATOR = 111_300;

function nearbyLanes(index: PremiseFileIndex, [lon, lat]: LonLat, radiusM: number): LaneSummary {
  const tree = index.segmentIndex;
  if (!tree || radiusM < 0) return { list: [], radiusM };
  const dLat = radiusM / MIN_M_PER_DEG_LAT;
  const dLon = radiusM / (M_PER_DEG_LON_EQUATOR * Math.max(Math.cos((lat * Math.PI) / 180), 0.01));
  const proj = localProjection(lon, lat);
  const origin: XY = [0, 0];
  const best = new Map<number, { d: number; at: XY }>();
  for (const s of tree.search(lon - dLon, lat - dLat, lon + dLon, lat + dLat)) {
    const e = index.segmentEnds;
    const a = proj.toXY([e[4 * s] as number, e[4 * s + 1] as number]), b = proj.toXY([e[4 * s + 2] as number, e[4 * s + 3] as number]);
    const { d, t } = pointSegment(origin, a, b);
    const laneIndex = index.segmentLane[s] as number;
    if (d > radiusM || (best.get(laneIndex)?.d ?? Infinity) <= d) continue;
    best.set(laneIndex, { d, at: [a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1])] });
  }
  const list = [...best].map(([li, { d, at }]) => laneRow(index.lanes[li] as Lane, d, proj.toLonLat(at)));
  list.sort((x, y) => (LANE_ORDER[x.status] ?? 3) - (LANE_ORDER[y.status] ?? 3) || x.distanceM - y.distanceM || compareText(x.id, y.id));
  return { list, radiusM };
}

function laneRow(lane: Lane, distanceM: number, lonLat: LonLat): LaneRow {
  const p = lane.properties;
  const obstacles: ObstacleRow[] = (p.obstacles ?? []).map((o) => ({ ...o, removed: o.removed_at !== undefined }));
  obstacles.sort((a, b) => Number(a.removed) - Number(b.removed) || compareText(b.reported_at ?? '', a.reported_at ?? ''));
  return {
    id: p.id, ...(p.name !== undefined ? { name: p.name } : {}), status: p.status, ...(p.width_m !== undefined ? { widthM: p.width_m } : {}),
    distanceM, lonLat, obstacles,
  };
}
