/**
 * Reading manifest.json: which sources exist, their kind, path, CRS, refresh and mapping. A bad
 * source entry is reported and left out; the others stay usable. Only a manifest that is not JSON,
 * not an object, of another version or without a sources array yields `manifest: null`.
 */
import { KINDS, KIND_NAMES, isKind } from './contract/kinds.ts';
import { aValueOf, describeType, isRecord, stripBom } from './coerce.ts';
import { crsFromLabel } from './crs.ts';
import { enumValues } from './enum-match.ts';
import type { FieldMapping, Manifest, SourceSpec } from './manifest-types.ts';
import { fieldDef, fieldsAt, nestedPaths, splitPath } from './mapping.ts';
import type { ReportEntry } from './report.ts';
import { listOf, quote, ReportBuilder } from './report-builder.ts';

function readBbox(raw: unknown, report: ReportBuilder): Manifest['bbox'] {
  if (raw === undefined) return undefined;
  const ok = Array.isArray(raw) && raw.length === 4 && raw.every((n) => typeof n === 'number' && Number.isFinite(n));
  const [w = 0, s = 0, e = 0, n = 0] = ok ? (raw as number[]) : [];
  if (ok && w < e && s < n && Math.abs(w) <= 180 && Math.abs(e) <= 180 && Math.abs(s) <= 90 && Math.abs(n) <= 90) return [w, s, e, n];
  report.warning('manifest.bbox', { field: 'bbox' }, `${quote(raw)} is not [west, south, east, north] in degrees; ignored`);
  return undefined;
}

/** Checks mapping shape and targets; returns the usable part. */
function readMapping(raw: unknown, kind: SourceSpec['kind'], at: string, report: ReportBuilder): FieldMapping | undefined {
  if (raw === undefined) return undefined;
  if (!isRecord(raw)) {
    report.warning('manifest.mapping', { field: at }, `${aValueOf(raw)}, not an object; ignored`, { detail: 'not an object' });
    return undefined;
  }
  const def = KINDS[kind];
  const paths = nestedPaths(def.fields);
  const mapping: FieldMapping = {};
  if (raw.fields !== undefined) {
    if (!isRecord(raw.fields)) {
      report.warning('manifest.mapping', { field: `${at}.fields` }, 'not an object of exporter name → contract name; ignored', { detail: 'fields not an object' });
    } else {
      mapping.fields = {};
      for (const [from, to] of Object.entries(raw.fields)) {
        const { path } = splitPath(from, paths);
        const target = typeof to === 'string' && path && to.startsWith(`${path}.`) ? to.slice(path.length + 1) : to;
        const fields = fieldsAt(def, path);
        if (typeof target !== 'string' || !fields || !fieldDef(fields, target)) {
          report.warning('manifest.mapping_target', { field: `${at}.fields.${from}` },
            `${quote(to)} is not a property of ${path ? `${kind} ${path}` : kind}; ignored`, { target: String(to) });
          continue;
        }
        mapping.fields[from] = to as string;
      }
    }
  }
  if (raw.values !== undefined) {
    if (!isRecord(raw.values)) {
      report.warning('manifest.mapping', { field: `${at}.values` }, 'not an object of property → { label: value }; ignored', { detail: 'values not an object' });
    } else {
      mapping.values = {};
      for (const [field, labels] of Object.entries(raw.values)) {
        const { path, name } = splitPath(field, paths);
        const scalar = (v: unknown): v is string | number | boolean => ['string', 'number', 'boolean'].includes(typeof v);
        const fields = fieldsAt(def, path);
        if (!fields || !fieldDef(fields, name) || !isRecord(labels) || !Object.values(labels).every(scalar)) {
          report.warning('manifest.mapping', { field: `${at}.values.${field}` },
            `not a property of ${kind} with an object of label → value; ignored`, { detail: `values.${field}` });
          continue;
        }
        mapping.values[field] = labels as Record<string, string | number | boolean>;
      }
    }
  }
  return mapping;
}

function readSource(raw: unknown, index: number, report: ReportBuilder): SourceSpec | undefined {
  const at = `sources[${index}]`;
  if (!isRecord(raw)) {
    report.error('manifest.source', { field: at }, `${aValueOf(raw)}, not an object; source ignored`, { found: describeType(raw) });
    return undefined;
  }
  const label = typeof raw.id === 'string' && raw.id.trim() !== '' ? raw.id.trim() : undefined;
  const who = label ? `source "${label}": ` : '';
  let usable = true;
  if (!label) {
    report.error('manifest.id', { field: `${at}.id` }, 'missing or not text; source ignored');
    usable = false;
  }
  if (typeof raw.kind !== 'string' || !isKind(raw.kind)) {
    report.error('manifest.kind', { field: `${at}.kind` }, `${who}unknown kind ${quote(raw.kind)}; expected one of ${listOf(KIND_NAMES, 20)}; source ignored`,
      { found: String(raw.kind), expected: KIND_NAMES.join(',') });
    usable = false;
  }
  if (typeof raw.path !== 'string' || raw.path.trim() === '') {
    report.error('manifest.path', { field: `${at}.path` }, `${who}missing or not text; source ignored`);
    usable = false;
  }
  let crs = crsFromLabel(raw.crs);
  if (raw.crs === undefined) {
    crs = 'WGS84';
    report.warning('manifest.crs_default', { field: `${at}.crs` }, `${who}no coordinate system given; WGS84 assumed (GCJ-02 or BD-09 data would land 300–700 m off)`);
  } else if (crs === undefined) {
    report.error('manifest.crs', { field: `${at}.crs` }, `${who}unknown coordinate system ${quote(raw.crs)}; expected one of ${enumValues('crs').join(', ')}; source ignored`,
      { found: String(raw.crs), expected: enumValues('crs').join(',') });
    usable = false;
  }
  if (!usable || !label || !crs || typeof raw.kind !== 'string' || !isKind(raw.kind) || typeof raw.path !== 'string') return undefined;
  const spec: SourceSpec = { id: label, kind: raw.kind, path: raw.path.trim(), crs };
  if (raw.refresh_s !== undefined) {
    if (typeof raw.refresh_s === 'number' && Number.isFinite(raw.refresh_s) && raw.refresh_s >= 0) spec.refresh_s = raw.refresh_s;
    else report.warning('manifest.refresh_s', { field: `${at}.refresh_s` }, `${who}${quote(raw.refresh_s)} is not a number ≥ 0; loaded once`, { found: String(raw.refresh_s) });
  }
  if (raw.max_mb !== undefined) {
    if (typeof raw.max_mb === 'number' && Number.isFinite(raw.max_mb) && raw.max_mb > 0) spec.max_mb = raw.max_mb;
    else report.warning('manifest.max_mb', { field: `${at}.max_mb` }, `${who}${quote(raw.max_mb)} is not a number > 0; the default applies`, { found: String(raw.max_mb) });
  }
  if (raw.title !== undefined) {
    if (typeof raw.title === 'string') spec.title = raw.title;
    else report.warning('manifest.field', { field: `${at}.title` }, `${who}not text; ignored`, { expected: 'text' });
  }
  const mapping = readMapping(raw.mapping, raw.kind, `${at}.mapping`, report);
  if (mapping) spec.mapping = mapping;
  return spec;
}

/**
 * Parses and checks manifest.json. Sources with errors are left out of `manifest.sources` (and
 * reported); `manifest` is null only when nothing usable can be read.
 * @example const { manifest, report } = parseManifest(await res.text(), 'data/manifest.json');
 */
export function parseManifest(text: string, file: string): { manifest: Manifest | null; report: ReportEntry[] } {
  const report = new ReportBuilder(file, Number.POSITIVE_INFINITY);
  const done = (manifest: Manifest | null) => ({ manifest, report: report.finish() });
  if (text.trim() === '') {
    report.error('file.empty', {}, 'the file is empty');
    return done(null);
  }
  let json: unknown;
  try {
    json = JSON.parse(stripBom(text));
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    report.error('json.invalid', {}, `not valid JSON (${detail})`, { detail });
    return done(null);
  }
  if (!isRecord(json)) {
    report.error('manifest.invalid', {}, `${aValueOf(json)}, not an object`, { found: describeType(json) });
    return done(null);
  }
  if (json.version === undefined) {
    report.warning('manifest.version', { field: 'version' }, 'no version; 1 assumed', { found: 'none' });
  } else if (json.version !== 1) {
    report.error('manifest.version', { field: 'version' }, `version ${quote(json.version)} is not supported; this viewer reads version 1`, { found: String(json.version) });
    return done(null);
  }
  if (!Array.isArray(json.sources)) {
    report.error('manifest.sources', { field: 'sources' }, `"sources" is ${aValueOf(json.sources)}, not an array of sources`);
    return done(null);
  }
  const manifest: Manifest = { version: 1, sources: [] };
  if (json.name !== undefined) {
    if (typeof json.name === 'string') manifest.name = json.name;
    else report.warning('manifest.field', { field: 'name' }, 'not text; ignored', { expected: 'text' });
  }
  const bbox = readBbox(json.bbox, report);
  if (bbox) manifest.bbox = bbox;
  if (json.rules !== undefined) {
    if (typeof json.rules === 'string' && json.rules.trim() !== '') manifest.rules = json.rules;
    else report.warning('manifest.field', { field: 'rules' }, `${quote(json.rules)} is not a path; ignored (the built-in rules are used)`, { expected: 'text' });
  }
  if (json.as_of !== undefined) {
    if (typeof json.as_of === 'string' && Number.isFinite(Date.parse(json.as_of))) manifest.as_of = json.as_of;
    else report.warning('manifest.as_of', { field: 'as_of' }, `${quote(json.as_of)} is not a date-time; ignored (the clock is used)`);
  }
  const firstIndexOfId = new Map<string, number>();
  json.sources.forEach((raw, index) => {
    const spec = readSource(raw, index, report);
    if (!spec) return;
    const firstIndex = firstIndexOfId.get(spec.id);
    if (firstIndex !== undefined) {
      report.error('manifest.id_duplicate', { field: `sources[${index}].id` },
        `id "${spec.id}" is already used by sources[${firstIndex}]; source ignored`, { id: spec.id, firstIndex });
      return;
    }
    firstIndexOfId.set(spec.id, index);
    manifest.sources.push(spec);
  });
  return done(manifest);
}
