/**
 * Shared by the demo tests: generate into a temporary folder, read the files back, and read the IoT
 * platform's export the way the loader will (apply the manifest mapping, enum labels, GCJ-02 back to
 * WGS-84). Written independently of the generator's own writer, so the tests check its output
 * rather than repeat it.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import gcoord from 'gcoord';
import type { Feature, Geometry, Position } from 'geojson';
import { ENUMS, type EnumName, type EnumValue } from '../src/sources/contract/enums.ts';
import { KINDS, type FieldDef, type Kind } from '../src/sources/contract/kinds.ts';
import type { Manifest, SourceSpec } from '../src/sources/manifest-types.ts';
import { DEFAULT_AS_OF, DEFAULT_SEED, generateDemo, type DemoSummary } from '../src/demo/generate.ts';
import type { DemoMeta } from '../src/demo/meta.ts';

export interface Generated {
  dir: string;
  summary: DemoSummary;
  meta: DemoMeta;
  manifest: Manifest;
  cleanup(): void;
}

export function generateTmp(opts: { seed?: number; asOf?: string; scale?: number } = {}): Generated {
  const dir = mkdtempSync(join(tmpdir(), 'fire-one-map-demo-'));
  const summary = generateDemo({ seed: opts.seed ?? DEFAULT_SEED, asOf: opts.asOf ?? DEFAULT_AS_OF, scale: opts.scale ?? 1, out: dir });
  return {
    dir, summary,
    meta: JSON.parse(readFileSync(join(dir, 'demo-meta.json'), 'utf8')) as DemoMeta,
    manifest: JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest,
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}

export type AnyFeature = Feature<Geometry, Record<string, unknown>>;

export function readFeatures(dir: string, path: string): AnyFeature[] {
  return (JSON.parse(readFileSync(join(dir, path), 'utf8')) as { features: AnyFeature[] }).features;
}

/** Matches a label to an enum value: the identifier, the zh/en label or an alias (case-insensitive). */
export function enumValue(name: EnumName, label: string): string | undefined {
  const want = label.trim().toLowerCase();
  const hit = (ENUMS[name].values as readonly EnumValue[]).find((v) => [v.value, v.zh, v.en, ...(v.aliases ?? [])].some((x) => x.toLowerCase() === want));
  return hit?.value;
}

/** The IoT export read through the manifest: contract names, contract values, WGS-84 positions. */
export function readPlatform(dir: string, spec: SourceSpec): AnyFeature[] {
  const fields = spec.mapping?.fields ?? {};
  const values = spec.mapping?.values ?? {};
  const kind = KINDS[spec.kind];
  return readFeatures(dir, spec.path).map((f) => {
    const props: Record<string, unknown> = {};
    for (const [key, raw] of Object.entries(f.properties)) {
      const name = fields[key] ?? key;
      const def = (kind.fields as Record<string, FieldDef>)[name];
      if (!def) { props[name] = raw; continue; }
      const label = String(raw);
      const mapped = values[name]?.[label];
      if (mapped !== undefined) props[name] = mapped;
      else if (def.type === 'enum') props[name] = enumValue(def.enum, label) ?? `?${label}`;
      else if (def.type === 'boolean') props[name] = def.trueLabels?.includes(label) ? true : def.falseLabels?.includes(label) ? false : `?${label}`;
      else if (def.type === 'datetime') props[name] = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(label) ? `${label.replace(' ', 'T')}+08:00` : `?${label}`;
      else props[name] = raw;
    }
    const coords = (f.geometry as { coordinates: Position }).coordinates;
    const wgs = spec.crs === 'GCJ02' ? (gcoord.transform(coords as [number, number], gcoord.GCJ02, gcoord.WGS84) as Position) : coords;
    return { ...f, geometry: { type: 'Point', coordinates: wgs }, properties: props };
  });
}

/** Problems of one feature against the contract table (empty when it conforms). */
export function contractProblems(kind: Kind, props: Record<string, unknown>, allowExtra: readonly string[] = []): string[] {
  return fieldProblems(KINDS[kind].fields as Record<string, FieldDef>, props, kind, allowExtra);
}

function fieldProblems(fields: Record<string, FieldDef>, props: Record<string, unknown>, where: string, allowExtra: readonly string[]): string[] {
  const out: string[] = [];
  for (const key of Object.keys(props)) if (!fields[key] && !allowExtra.includes(key)) out.push(`${where}: unknown field ${key}`);
  for (const [name, def] of Object.entries(fields)) {
    const v = props[name];
    const at = `${where}.${name}`;
    if (v === undefined) {
      if (def.required) out.push(`${at}: missing`);
      continue;
    }
    const isEnum = (e: EnumName, x: unknown): boolean => (ENUMS[e].values as readonly EnumValue[]).some((ev) => ev.value === x);
    switch (def.type) {
      case 'string': if (typeof v !== 'string' || !v) out.push(`${at}: not a string`); break;
      case 'number':
        if (typeof v !== 'number' || !Number.isFinite(v)) out.push(`${at}: not a number`);
        else if ((def.min !== undefined && v < def.min) || (def.max !== undefined && v > def.max) || (def.integer && !Number.isInteger(v))) out.push(`${at}: out of range ${v}`);
        break;
      case 'boolean': if (typeof v !== 'boolean') out.push(`${at}: not a boolean`); break;
      case 'date': if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(v))) out.push(`${at}: not a date`); break;
      case 'datetime': if (typeof v !== 'string' || Number.isNaN(Date.parse(v)) || !/[+-]\d{2}:\d{2}$/.test(v)) out.push(`${at}: not a date-time`); break;
      case 'enum': if (!isEnum(def.enum, v)) out.push(`${at}: ${String(v)} not in ${def.enum}`); break;
      case 'enum[]': if (!Array.isArray(v) || v.length === 0 || v.some((x) => !isEnum(def.enum, x))) out.push(`${at}: not a list of ${def.enum}`); break;
      case 'string[]': if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) out.push(`${at}: not a list of strings`); break;
      case 'object[]':
        if (!Array.isArray(v)) out.push(`${at}: not a list`);
        else v.forEach((item, k) => out.push(...fieldProblems(def.item.fields as Record<string, FieldDef>, item as Record<string, unknown>, `${at}[${k}]`, [])));
        break;
    }
  }
  return out;
}

/** Every position in a geometry. */
export function positions(g: Geometry): Position[] {
  const out: Position[] = [];
  const walk = (c: unknown): void => {
    if (Array.isArray(c) && typeof c[0] === 'number') out.push(c as Position);
    else if (Array.isArray(c)) c.forEach(walk);
  };
  if ('coordinates' in g) walk(g.coordinates);
  return out;
}
