import type { Crs } from './contract/types.ts';
import type { Kind } from './contract/kinds.ts';

/**
 * Renames and relabels applied before validation, for exporters that use their own names.
 * `fields`: exporter property name → contract property name (e.g. "名称" → "name"); nested items use
 * "hazards.隐患等级" style keys. `values`: contract field → exporter label → contract value
 * (e.g. status: { "正常": "in_service" }); built-in Chinese labels of every enum work without it.
 */
export interface FieldMapping {
  fields?: Record<string, string>;
  values?: Record<string, Record<string, string | number | boolean>>;
}

export interface SourceSpec {
  /** Unique within the manifest; used in URLs, reports and the UI. */
  id: string;
  kind: Kind;
  /** Relative to the manifest, or an absolute same-origin URL. */
  path: string;
  crs: Crs;
  /** Seconds between refreshes; 0 or absent loads once. */
  refresh_s?: number;
  mapping?: FieldMapping;
  /** Refuse files larger than this many MiB (default 64): keeps a tab or a CLI run from hanging. */
  max_mb?: number;
  /** Display name; the kind's label when absent. */
  title?: string;
}

export interface Manifest {
  version: 1;
  name?: string;
  /** [west, south, east, north] in WGS-84: the district, for the first camera. */
  bbox?: [number, number, number, number];
  /**
   * The moment a snapshot describes (ISO date-time): the viewer judges overdue hazards and alarm
   * ages at it instead of the clock. For demo data and exports replayed for training; a live
   * deployment leaves it out.
   */
  as_of?: string;
  /**
   * The deployment's overrides of the analysis rules table (a JSON file, path relative to the
   * manifest, same origin), validated rule by rule; absent → the built-in table.
   */
  rules?: string;
  sources: SourceSpec[];
}
