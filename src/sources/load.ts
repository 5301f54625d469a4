/**
 * Reading one export: JSON text → field mapping → geometry checks → CRS conversion → validation →
 * typed collection and report. Pure (no fetch, no fs, no DOM): the browser runs it in a worker, the
 * CLI in node. A broken file yields one error and an empty collection, never an exception.
 */
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { KINDS, type Kind, type KindDef } from './contract/kinds.ts';
import type { CollectionOf } from './contract/types.ts';
import { aValueOf, describeType, isRecord, stripBom } from './coerce.ts';
import { crsFromLabel } from './crs.ts';
import { parseFeature } from './feature.ts';
import type { SourceSpec } from './manifest-types.ts';
import { compileMapping } from './mapping.ts';
import type { ReportEntry, SourceStats } from './report.ts';
import { ReportBuilder } from './report-builder.ts';

export { parseManifest } from './manifest.ts';

export interface LoadResult<K extends Kind = Kind> {
  sourceId: string;
  kind: K;
  /** File or URL as reported. */
  file: string;
  collection: CollectionOf<K>;
  report: ReportEntry[];
  stats: SourceStats;
  /** A hash of the file's text, when it was fetched: a poll names it so an unchanged file is not parsed again. */
  fingerprint?: string;
  /**
   * One hash per feature (of its validated JSON), aligned with `collection.features`, when the worker
   * made them: merging a poll then compares numbers instead of walking a million objects.
   */
  prints?: Uint32Array;
}

export interface ParseOptions {
  /** Name used in report entries; defaults to spec.path. */
  file?: string;
  /** Warnings listed per code and field before the rest are only counted (default 50). */
  warningsPerField?: number;
}

/** 1-based line and column of a 0-based offset, for JSON syntax errors. */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** The `features` array, or null with the reason reported. */
function readFeatureArray(input: string, report: ReportBuilder, crs: SourceSpec['crs']): unknown[] | null {
  const text = stripBom(input);
  if (text.trim() === '') {
    report.error('file.empty', {}, 'the file is empty');
    return null;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    const position = /position (\d+)/.exec(detail);
    const where = position ? lineAndColumn(text, Number(position[1])) : undefined;
    const at = where ? ` at line ${where.line}, column ${where.column}` : '';
    report.error('json.invalid', {}, `not valid JSON${at} (${detail})`, { detail, ...where });
    return null;
  }
  const found = isRecord(json) ? (typeof json.type === 'string' ? json.type : 'an object without "type"') : describeType(json);
  if (!isRecord(json) || json.type !== 'FeatureCollection') {
    report.error('collection.not_feature_collection', {}, `JSON but not a FeatureCollection (found type ${found})`, { found });
    return null;
  }
  if (!Array.isArray(json.features)) {
    const what = describeType(json.features);
    report.error('collection.not_feature_collection', { field: 'features' }, `a FeatureCollection whose "features" is ${aValueOf(json.features)}, not an array`, { found: `features: ${what}` });
    return null;
  }
  checkDeclaredCrs(json.crs, crs, report);
  return json.features;
}

/** Old GeoJSON (2008) files may name their CRS; the manifest decides, but a disagreement deserves a word. */
function checkDeclaredCrs(member: unknown, used: SourceSpec['crs'], report: ReportBuilder): void {
  const name = isRecord(member) && isRecord(member.properties) ? member.properties.name : undefined;
  if (typeof name !== 'string') return;
  const declared = crsFromLabel(name) ?? crsFromLabel(name.replace(/^urn:ogc:def:crs:/i, '').replace('::', ':'));
  if (declared === undefined || declared === used || (declared === 'CGCS2000' && used === 'WGS84')) return;
  report.warning('collection.crs_mismatch', { field: 'crs' },
    `the file declares ${name} (${declared}) but the manifest says ${used}; ${used} was used`, { declared, used });
}

/**
 * Parses one export against its source spec. Never throws on bad input: everything wrong is in
 * `report`, and `collection` holds the features that passed (in WGS-84, contract fields only).
 * @example
 *   const result = parseExport(text, { id: 'hydrants', kind: 'hydrants', path: 'hydrants.geojson', crs: 'GCJ02' });
 *   result.collection.features[0].properties.status; // 'in_service' | 'damaged' | …
 */
export function parseExport<K extends Kind>(text: string, spec: SourceSpec & { kind: K }, options: ParseOptions = {}): LoadResult<K> {
  const file = options.file ?? spec.path;
  const report = new ReportBuilder(file, options.warningsPerField);
  const kind: KindDef = KINDS[spec.kind];
  const rawFeatures = readFeatureArray(text, report, spec.crs) ?? [];
  const ctx = { kind, crs: spec.crs, mapping: compileMapping(kind, spec.mapping), report };
  const features: Feature<Geometry, Record<string, unknown>>[] = [];
  const firstIndexOfId = new Map<string, number>();
  rawFeatures.forEach((raw, featureIndex) => {
    const feature = parseFeature(raw, featureIndex, ctx);
    if (!feature) return;
    const id = String(feature.properties[kind.idField]);
    const firstIndex = firstIndexOfId.get(id);
    if (firstIndex !== undefined) {
      report.error('id.duplicate', { featureIndex, featureId: id, field: kind.idField },
        `id "${id}" is already used by feature #${firstIndex}; this one is dropped (the first is kept)`, { id, firstIndex });
      return;
    }
    firstIndexOfId.set(id, featureIndex);
    features.push(feature);
  });
  return buildResult(spec, file, features, report.finish(), rawFeatures.length, report);
}

function buildResult<K extends Kind>(spec: SourceSpec & { kind: K }, file: string, features: Feature<Geometry, Record<string, unknown>>[],
  entries: ReportEntry[], read: number, counts: { errors: number; warnings: number }): LoadResult<K> {
  const collection: FeatureCollection<Geometry, Record<string, unknown>> = { type: 'FeatureCollection', features };
  return {
    sourceId: spec.id, kind: spec.kind, file,
    // The one cast from "checked against KINDS[kind]" to the hand-written types in contract/types.ts, which mirror that table.
    collection: collection as unknown as CollectionOf<K>,
    report: entries,
    stats: { read, kept: features.length, dropped: read - features.length, errors: counts.errors, warnings: counts.warnings },
  };
}

/**
 * The result for a source that could not be read at all (missing, too large, fetch failed): an
 * empty collection and the entries saying why.
 */
export function failedResult<K extends Kind>(spec: SourceSpec & { kind: K }, file: string, entries: ReportEntry[]): LoadResult<K> {
  const counts = {
    errors: entries.filter((entry) => entry.severity === 'error').length,
    warnings: entries.filter((entry) => entry.severity === 'warning').length,
  };
  return buildResult(spec, file, [], entries, 0, counts);
}
