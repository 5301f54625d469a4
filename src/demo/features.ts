/**
 * The generator's records as GeoJSON features: contract property names in WGS-84 for every kind,
 * except the IoT platform's export (sensors and alarms), which speaks Chinese field names and labels
 * and GCJ-02 coordinates, as such platforms do. Coordinates are rounded to 7 decimals (about 1 cm)
 * here, once, so the files and any check made on these features see the very same numbers.
 */
import gcoord from 'gcoord';
import type { Feature, LineString, Point, Polygon, Position } from 'geojson';
import type { LocalProjection } from '../analysis/geo.ts';
import type { BuildingProps, FireLaneProps, GridProps, HazardAreaProps, HydrantProps, PremiseProps, RoadProps, StationProps } from '../sources/contract/types.ts';
import type { AreaRec } from './areas.ts';
import { cnDateTime, isoDateTime } from './dates.ts';
import type { CellRec } from './grids.ts';
import type { HydrantRec } from './hydrants.ts';
import type { AlarmRec, SensorRec } from './iot.ts';
import type { LaneRec } from './lanes.ts';
import type { BuildingRec } from './model.ts';
import type { PremiseRec } from './premises.ts';
import type { RoadRec } from './roads.ts';
import type { V } from './shapes.ts';
import type { StationRec } from './stations.ts';

/** Rounds a coordinate to 7 decimals (about 1 cm). */
export const round7 = (x: number): number => Math.round(x * 1e7) / 1e7;
const r1 = (x: number): number => Math.round(x * 10) / 10;

/** Local metres → rounded WGS-84 positions and closed rings. */
export interface Converter {
  ll(p: V): [number, number];
  ring(r: readonly V[]): [number, number][];
}

/** A converter over the given projection. */
export function converter(proj: LocalProjection): Converter {
  const ll = (p: V): [number, number] => {
    const [x, y] = proj.toLonLat(p);
    return [round7(x), round7(y)];
  };
  return { ll, ring: (r) => [...r.map(ll), ll(r[0] as V)] };
}

const point = (c: [number, number]): Point => ({ type: 'Point', coordinates: c });
const polygon = (ring: Position[]): Polygon => ({ type: 'Polygon', coordinates: [ring] });
const line = (pts: Position[]): LineString => ({ type: 'LineString', coordinates: pts });
const defined = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

/** A building footprint with its use, height, grade and hazard class. */
export function buildingFeature(b: BuildingRec, c: Converter): Feature<Polygon, BuildingProps> {
  return { type: 'Feature', geometry: polygon(c.ring(b.ring)), properties: defined({
    id: b.id, use: b.use, name: b.name, floors: b.floors, height_m: b.height, fire_resistance_grade: b.grade, fire_hazard_class: b.hazardClass, community: b.block.community.name,
  }) };
}

/** A road centre line with class, name, width and one-way flag. */
export function roadFeature(r: RoadRec, c: Converter): Feature<LineString, RoadProps> {
  return { type: 'Feature', geometry: line(r.pts.map(c.ll)), properties: defined({ id: r.id, class: r.cls, name: r.name, width_m: r1(r.width), oneway: r.oneway }) };
}

/** A premise: Point at the building centroid, or Polygon (footprint or compound outline). */
export function premiseFeature(p: PremiseRec, c: Converter): Feature<Point | Polygon, PremiseProps> {
  const b = p.building;
  return {
    type: 'Feature', geometry: p.ring ? polygon(c.ring(p.ring)) : point(c.ll(p.point)),
    properties: defined({
      id: p.id, name: p.name, address: p.address, categories: p.categories, community: p.block.community.name, grid_id: p.gridId, building_id: b?.id,
      key_unit: p.keyUnit, high_risk_unit: p.highRisk, iot_connected: p.iot, fire_resistance_grade: b?.grade, fire_hazard_class: b?.hazardClass,
      floors: b?.floors, height_m: b?.height, area_m2: b ? Math.round(b.footprint * b.floors) : undefined, employees: p.employees, residents: p.residents,
      principal: p.principal, phone: p.phone, supervision_level: p.supervision, last_inspected: p.lastInspected, hazards: p.hazards.length ? p.hazards : undefined,
    }),
  };
}

/** A regional hazard area. */
export function areaFeature(a: AreaRec, c: Converter): Feature<Polygon, HazardAreaProps> {
  return { type: 'Feature', geometry: polygon(c.ring(a.ring)), properties: {
    id: a.id, name: a.name, kind: a.kind, supervision_level: a.supervision, status: a.status, listed_at: a.listedAt, deadline: a.deadline,
    interim_measures: a.measures, responsible_unit: a.unit, community: a.community,
  } };
}

/** A fire lane with its obstacles (each with lon/lat on the lane). */
export function laneFeature(l: LaneRec, c: Converter): Feature<LineString, FireLaneProps> {
  return { type: 'Feature', geometry: line(l.road.pts.map(c.ll)), properties: defined({
    id: l.id, name: l.name, width_m: r1(l.width), clear_height_m: l.clearHeight, status: l.status,
    obstacles: l.obstacles.length ? l.obstacles.map((o) => {
      const [lon, lat] = c.ll(o.at);
      return defined({ type: o.type, reported_at: o.reportedAt, source: o.source, removed_at: o.removedAt, lon, lat, note: o.note });
    }) : undefined,
    responsible_agency: l.agency, community: l.community, last_checked: l.lastChecked,
  }) };
}

/** A municipal hydrant; `community` comes from point-in-polygon on the blocks. */
export function hydrantFeature(h: HydrantRec, c: Converter, community: string | undefined): Feature<Point, HydrantProps> {
  return { type: 'Feature', geometry: point(c.ll(h.point)), properties: defined({
    id: h.id, type: h.type, status: h.status, pressure_mpa: h.pressure, pressure_at: h.pressureAt !== undefined ? isoDateTime(h.pressureAt) : undefined,
    last_inspected: h.lastInspected, road: h.road.name, community, iot_connected: h.iot,
  }) };
}

/** A grid cell with its worker (absent for the unstaffed cells). */
export function gridFeature(g: CellRec, c: Converter): Feature<Polygon, GridProps> {
  return { type: 'Feature', geometry: polygon(c.ring(g.ring)), properties: defined({ grid_id: g.id, name: g.name, community: g.community.name, worker: g.worker, worker_phone: g.phone }) };
}

/** A fire station, brigade, micro station or volunteer team. */
export function stationFeature(s: StationRec, c: Converter): Feature<Point, StationProps> {
  return { type: 'Feature', geometry: point(c.ll(s.point)), properties: { id: s.id, kind: s.kind, name: s.name, staff: s.staff, vehicles: s.vehicles, address: s.address } };
}

/** Device-type labels as the IoT platform prints them; 消火栓水压 is its own word (mapped in the manifest). */
export const PLATFORM_KIND: Record<string, string> = {
  smoke: '烟感', temperature: '温感', electrical_fire: '电气火灾监控', smart_electricity: '智慧用电', water_pressure: '消火栓水压',
  gas: '可燃气体探测', video: '视频监控', ebike_charging: '电动车充电监测', other: '其他',
};
const PLATFORM_LEVEL: Record<string, string> = { warning: '预警', alarm: '告警', fire: '火警' };

/** Platform coordinates: WGS-84 → GCJ-02, rounded like everything else. */
export function gcj(p: [number, number]): [number, number] {
  const [x, y] = gcoord.transform(p, gcoord.WGS84, gcoord.GCJ02) as [number, number];
  return [round7(x), round7(y)];
}

/** A feature as the IoT platform exports it: Chinese field names, label values. */
export type PlatformFeature = Feature<Point, Record<string, string>>;

/** A device in the platform's words, at its GCJ-02 position. */
export function sensorFeature(s: SensorRec, at: [number, number]): PlatformFeature {
  return { type: 'Feature', geometry: point(at), properties: defined({
    设备编号: s.id, 设备名称: s.name, 设备类型: PLATFORM_KIND[s.kind] ?? s.kind, 所属场所: s.premise?.id, 安装位置: s.location,
    在线状态: s.online ? '在线' : '离线', 最后在线时间: cnDateTime(s.lastSeen),
  }) as Record<string, string> };
}

/** An alarm in the platform's words, at its device's GCJ-02 position. */
export function alarmFeature(a: AlarmRec, at: [number, number]): PlatformFeature {
  return { type: 'Feature', geometry: point(at), properties: defined({
    告警编号: a.id, 设备编号: a.sensor.id, 所属场所: a.sensor.premise?.id, 设备类型: PLATFORM_KIND[a.sensor.kind] ?? a.sensor.kind,
    告警级别: PLATFORM_LEVEL[a.level] ?? a.level, 告警时间: cnDateTime(a.time), 确认状态: a.acknowledged ? '已确认' : '未确认',
    处理状态: a.resolved ? '已解除' : '未解除', 告警内容: a.message,
  }) as Record<string, string> };
}
