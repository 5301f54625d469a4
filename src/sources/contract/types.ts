/**
 * TypeScript shapes of validated features. They mirror the table in kinds.ts (a test keeps the two in
 * step): what the validators return is exactly this, so code above `sources` never re-checks input.
 * Dates are ISO strings: `YYYY-MM-DD` for dates, `YYYY-MM-DDTHH:mm:ss+08:00` style for date-times.
 */
import type { Feature, FeatureCollection, LineString, MultiLineString, MultiPolygon, Point, Polygon } from 'geojson';
import type { EnumOf } from './enums.ts';
import type { Kind } from './kinds.ts';

export type IsoDate = string;
export type IsoDateTime = string;
export type PremiseCategory = EnumOf<'premise_category'>;
export type FireHazardClass = EnumOf<'fire_hazard_class'>;
export type Severity = EnumOf<'severity'>;
export type HazardStatus = EnumOf<'hazard_status'>;
export type SupervisionLevel = EnumOf<'supervision_level'>;
export type Crs = EnumOf<'crs'>;

export interface EnforcementAction {
  type: EnumOf<'enforcement_action'>;
  date: IsoDate;
  agency?: string;
  amount_cny?: number;
  case_ref?: string;
  note?: string;
}

export interface Hazard {
  id: string;
  type: EnumOf<'hazard_type'>;
  severity: Severity;
  status: HazardStatus;
  found_at: IsoDate;
  deadline?: IsoDate;
  closed_at?: IsoDate;
  description?: string;
  enforcement?: EnforcementAction[];
}

export interface PremiseProps {
  id: string;
  name: string;
  address?: string;
  categories: PremiseCategory[];
  community?: string;
  grid_id?: string;
  building_id?: string;
  key_unit?: boolean;
  high_risk_unit?: boolean;
  iot_connected?: boolean;
  fire_resistance_grade?: number;
  fire_hazard_class?: FireHazardClass;
  floors?: number;
  height_m?: number;
  area_m2?: number;
  employees?: number;
  residents?: number;
  principal?: string;
  phone?: string;
  supervision_level?: SupervisionLevel;
  last_inspected?: IsoDate;
  hazards?: Hazard[];
}

export interface HazardAreaProps {
  id: string;
  name: string;
  kind: EnumOf<'hazard_area_kind'>;
  supervision_level?: SupervisionLevel;
  status: HazardStatus;
  listed_at?: IsoDate;
  deadline?: IsoDate;
  interim_measures?: string;
  responsible_unit?: string;
  community?: string;
}

export interface Obstacle {
  type: EnumOf<'obstacle_type'>;
  reported_at?: IsoDate;
  source?: EnumOf<'obstacle_source'>;
  removed_at?: IsoDate;
  lon?: number;
  lat?: number;
  note?: string;
}

export interface FireLaneProps {
  id: string;
  name?: string;
  width_m?: number;
  clear_height_m?: number;
  status: EnumOf<'lane_status'>;
  obstacles?: Obstacle[];
  responsible_agency?: string;
  community?: string;
  last_checked?: IsoDate;
}

export interface HydrantProps {
  id: string;
  type?: EnumOf<'hydrant_type'>;
  status: EnumOf<'hydrant_status'>;
  pressure_mpa?: number;
  pressure_at?: IsoDateTime;
  last_inspected?: IsoDate;
  road?: string;
  community?: string;
  iot_connected?: boolean;
}

export interface SensorProps {
  id: string;
  kind: EnumOf<'sensor_kind'>;
  premise_id?: string;
  online?: boolean;
  last_seen?: IsoDateTime;
  name?: string;
}

export interface AlarmProps {
  id: string;
  sensor_id?: string;
  premise_id?: string;
  kind?: EnumOf<'sensor_kind'>;
  level: EnumOf<'alarm_level'>;
  time: IsoDateTime;
  acknowledged?: boolean;
  resolved?: boolean;
  message?: string;
}

export interface GridProps {
  grid_id: string;
  name?: string;
  community: string;
  worker?: string;
  worker_phone?: string;
}

export interface StationProps {
  id: string;
  kind: EnumOf<'station_kind'>;
  name: string;
  staff?: number;
  vehicles?: number;
  address?: string;
}

export interface BuildingProps {
  id: string;
  use: EnumOf<'building_use'>;
  name?: string;
  floors?: number;
  height_m?: number;
  fire_resistance_grade?: number;
  fire_hazard_class?: FireHazardClass;
  community?: string;
}

export interface RoadProps {
  id: string;
  class: EnumOf<'road_class'>;
  name?: string;
  width_m?: number;
  oneway?: boolean;
}

/** Geometry and properties of each kind after validation. */
export interface KindShapes {
  premises: Feature<Point | Polygon | MultiPolygon, PremiseProps>;
  hazard_areas: Feature<Polygon | MultiPolygon, HazardAreaProps>;
  fire_lanes: Feature<LineString | MultiLineString, FireLaneProps>;
  hydrants: Feature<Point, HydrantProps>;
  sensors: Feature<Point, SensorProps>;
  alarms: Feature<Point, AlarmProps>;
  grids: Feature<Polygon | MultiPolygon, GridProps>;
  stations: Feature<Point, StationProps>;
  buildings: Feature<Polygon | MultiPolygon, BuildingProps>;
  roads: Feature<LineString | MultiLineString, RoadProps>;
}

export type FeatureOf<K extends Kind> = KindShapes[K];
export type CollectionOf<K extends Kind> = FeatureCollection<KindShapes[K]['geometry'], KindShapes[K]['properties']>;

/** One collection per kind: what a whole district (or a folder of exports) loads into. */
export type District = { [K in Kind]: CollectionOf<K> };
