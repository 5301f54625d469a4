/**
 * The sources layer: the data contract, the tolerant-but-strict loader and its report.
 * Pure: nothing here touches fs, fetch or the DOM (see src/cli/lib for the node side).
 */
export * from './contract/index.ts';
export type { ReportEntry, Severity as ReportSeverity, SourceStats } from './report.ts';
export type { FieldMapping, Manifest, SourceSpec } from './manifest-types.ts';
export { parseExport, failedResult, type LoadResult, type ParseOptions } from './load.ts';
export { parseManifest } from './manifest.ts';
export { loadStream, type LoadStreamOptions } from './load-stream.ts';
export { readTextLimited, maxBytesFor, tooLargeEntry, DEFAULT_MAX_MB, type ReadLimitOptions, type ReadTextResult } from './read-limited.ts';
export { REPORT_CODES, type ReportCode } from './codes.ts';
export { isOverdue } from './hazards.ts';
export { beijingDate, readDate, readDateTime } from './dates.ts';
export { crsFromLabel, geometryToWgs84, positionToWgs84 } from './crs.ts';
export { matchEnum } from './enum-match.ts';
