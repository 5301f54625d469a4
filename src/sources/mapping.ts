/**
 * The manifest's field mapping, compiled once per source: renames of the exporter's property names
 * and relabels of its values, for the feature's properties and for nested items.
 *
 * Keys of `mapping.fields` are exporter names; a key "hazards.隐患等级" renames 隐患等级 inside each
 * hazard (the prefix is the contract's array name, after top-level renames). Targets are contract
 * names, written bare ("severity") or with the same prefix ("hazards.severity").
 * Keys of `mapping.values` are contract paths ("status", "hazards.severity").
 */
import type { FieldDef, KindDef } from './contract/kinds.ts';
import { labelKey } from './coerce.ts';
import type { Relabels } from './enum-match.ts';
import type { FieldMapping } from './manifest-types.ts';

/** The nested-item paths of a kind: "hazards", "hazards.enforcement", "obstacles". */
export function nestedPaths(fields: Readonly<Record<string, FieldDef>>, prefix = ''): string[] {
  const paths: string[] = [];
  for (const [name, def] of Object.entries(fields)) {
    if (def.type !== 'object[]') continue;
    const path = prefix ? `${prefix}.${name}` : name;
    paths.push(path, ...nestedPaths(def.item.fields, path));
  }
  return paths;
}

/** The field definitions at a path ('' is the feature's properties), or undefined. */
export function fieldsAt(kind: KindDef, path: string): Readonly<Record<string, FieldDef>> | undefined {
  let fields: Readonly<Record<string, FieldDef>> = kind.fields;
  if (path === '') return fields;
  for (const name of path.split('.')) {
    const def = fieldDef(fields, name);
    if (!def || def.type !== 'object[]') return undefined;
    fields = def.item.fields;
  }
  return fields;
}

/** Splits "hazards.隐患等级" into the longest known nested path and the rest. Exporter names may contain dots. */
export function splitPath(key: string, paths: readonly string[]): { path: string; name: string } {
  let best = '';
  for (const path of paths) {
    if (key.startsWith(`${path}.`) && path.length > best.length) best = path;
  }
  return { path: best, name: best ? key.slice(best.length + 1) : key };
}

export interface CompiledMapping {
  /** Exporter name → contract name, for the object at `path` ('' = properties). */
  renames(path: string): ReadonlyMap<string, string> | undefined;
  /** Exporter label (as `labelKey`) → contract value, for the field at `path` ("status", "hazards.severity"). */
  relabels(fieldPath: string): Relabels | undefined;
}

/** Compiles a mapping for one kind. Malformed parts are skipped here (parseManifest reports them). */
export function compileMapping(kind: KindDef, mapping: FieldMapping | undefined): CompiledMapping {
  const paths = nestedPaths(kind.fields);
  const renames = new Map<string, Map<string, string>>();
  const relabels = new Map<string, Map<string, string | number | boolean>>();
  for (const [from, to] of Object.entries(mapping?.fields ?? {})) {
    if (typeof to !== 'string') continue;
    const { path, name } = splitPath(from, paths);
    const target = path && to.startsWith(`${path}.`) ? to.slice(path.length + 1) : to;
    let atPath = renames.get(path);
    if (!atPath) renames.set(path, (atPath = new Map()));
    atPath.set(name, target);
  }
  for (const [field, labels] of Object.entries(mapping?.values ?? {})) {
    if (typeof labels !== 'object' || labels === null) continue;
    const map = new Map<string, string | number | boolean>();
    for (const [label, value] of Object.entries(labels)) map.set(labelKey(label), value);
    relabels.set(field, map);
  }
  return { renames: (path) => renames.get(path), relabels: (fieldPath) => relabels.get(fieldPath) };
}

/**
 * The object with exporter names renamed to contract names. A renamed property wins over one that
 * already had the contract name: the mapping says which column the exporter means.
 */
export function renameKeys(raw: Readonly<Record<string, unknown>>, renames: ReadonlyMap<string, string> | undefined): Record<string, unknown> {
  if (!renames || renames.size === 0) return { ...raw };
  const entries = Object.entries(raw);
  // fromEntries defines own properties, so a "__proto__" key from the export stays inert data.
  const kept = entries.filter(([key]) => !renames.has(key));
  const renamed = entries.flatMap(([key, value]) => {
    const target = renames.get(key);
    return target === undefined ? [] : [[target, value] as const];
  });
  return Object.fromEntries([...kept, ...renamed]);
}

/** The definition of a field, looked up safely (exporter-supplied names such as "constructor" are not fields). */
export function fieldDef(fields: Readonly<Record<string, FieldDef>>, name: string): FieldDef | undefined {
  return Object.hasOwn(fields, name) ? fields[name] : undefined;
}

/**
 * The relabelled value when the mapping names this label; otherwise the value unchanged. Applies to
 * whole scalar values (booleans, numbers, strings); enums also look labels up item by item.
 */
export function relabel(raw: unknown, relabels: Relabels | undefined): unknown {
  if (!relabels || (typeof raw !== 'string' && typeof raw !== 'number' && typeof raw !== 'boolean')) return raw;
  const mapped = relabels.get(labelKey(String(raw)));
  return mapped === undefined ? raw : mapped;
}
