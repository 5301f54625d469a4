/**
 * The load report: every problem found while reading an export, naming the file, the feature (index
 * and id) and the field. An `error` drops what it names (the feature, or the nested item when `field`
 * points into an array such as `hazards[2]`); a `warning` keeps it, repaired or with the field dropped.
 */
export type Severity = 'error' | 'warning';

export interface ReportEntry {
  severity: Severity;
  /** The file or URL as named in the manifest (or on the command line). */
  file: string;
  /** Stable machine code, e.g. `enum.unknown`; the UI translates by code. */
  code: string;
  /** Plain English sentence with the specifics; the UI may show a translation built from `params`. */
  message: string;
  /** 0-based index in the `features` array, when the problem is in one feature. */
  featureIndex?: number;
  featureId?: string;
  /** Property path, e.g. `status`, `hazards[2].deadline`, `geometry`. */
  field?: string;
  params?: Record<string, string | number>;
}

export interface SourceStats {
  read: number;
  kept: number;
  dropped: number;
  errors: number;
  warnings: number;
}
