/**
 * One feature of an export: mapping → geometry check → CRS conversion → property validation.
 * Everything wrong is reported (not only the first problem), so one run of check-data shows an
 * exporter all that needs fixing.
 */
import type { Feature, Geometry } from 'geojson';
import type { KindDef } from './contract/kinds.ts';
import type { Crs } from './contract/types.ts';
import { aValueOf, describeType, isBlank, isRecord, readString } from './coerce.ts';
import { geometryToWgs84 } from './crs.ts';
import { checkGeometry } from './geometry.ts';
import { renameKeys, type CompiledMapping } from './mapping.ts';
import type { ReportBuilder } from './report-builder.ts';
import { validateRecord } from './validate.ts';

export interface FeatureContext {
  readonly kind: KindDef;
  readonly crs: Crs;
  readonly mapping: CompiledMapping;
  readonly report: ReportBuilder;
}

export type ParsedFeature = Feature<Geometry, Record<string, unknown>>;

/** The id as text for messages, when there is a usable one. */
function idForMessages(raw: unknown): string | undefined {
  if (isBlank(raw)) return undefined;
  const read = readString(raw);
  return read.ok && read.value !== '' ? read.value : undefined;
}

/**
 * The validated feature in WGS-84, or null when it is dropped (the reasons are in the report).
 * The GeoJSON member `id` stands in for a missing id property, as some exporters put it there.
 */
export function parseFeature(raw: unknown, featureIndex: number, ctx: FeatureContext): ParsedFeature | null {
  const { report } = ctx;
  if (!isRecord(raw) || raw.type !== 'Feature') {
    const found = isRecord(raw) ? (typeof raw.type === 'string' ? raw.type : 'an object without "type"') : describeType(raw);
    report.error('feature.invalid', { featureIndex }, `not a GeoJSON Feature (found ${found}); dropped`, { found });
    return null;
  }
  const rawProperties = raw.properties ?? {};
  if (!isRecord(rawProperties)) {
    const found = describeType(rawProperties);
    report.error('feature.properties', { featureIndex, field: 'properties' }, `"properties" is ${aValueOf(rawProperties)}, not an object; dropped`, { found });
    return null;
  }
  const properties = renameKeys(rawProperties, ctx.mapping.renames(''));
  const idField = ctx.kind.idField;
  if (isBlank(properties[idField]) && (typeof raw.id === 'string' || typeof raw.id === 'number')) properties[idField] = raw.id;
  const featureId = idForMessages(properties[idField]);

  const geometry = checkGeometry(raw.geometry, ctx.kind.geometry, (severity, code, detail, params) =>
    report.add(severity, code, { featureIndex, featureId, field: 'geometry' }, severity === 'error' ? `${detail}; feature dropped` : detail, params));
  const record = validateRecord(properties, ctx.kind.fields, { report, featureIndex, featureId, mapping: ctx.mapping },
    { fieldPrefix: '', mapPath: '', dropped: 'feature' });
  if (!geometry || !record) return null;
  return { type: 'Feature', geometry: geometryToWgs84(geometry, ctx.crs), properties: record };
}
