/**
 * Matching exporters' labels to enumeration values: by identifier, Chinese or English label or alias,
 * ignoring case, width (full-width letters), quotation marks and surrounding spaces.
 */
import { ENUMS, type EnumDef, type EnumName, type EnumValue } from './contract/enums.ts';
import { labelKey } from './coerce.ts';

const indexes = new Map<EnumName, Map<string, string>>();

function indexOf(name: EnumName): Map<string, string> {
  let index = indexes.get(name);
  if (!index) {
    index = new Map();
    for (const entry of ENUMS[name].values as readonly EnumValue[]) {
      for (const label of [entry.value, entry.zh, entry.en, ...(entry.aliases ?? [])]) {
        // First writer wins, so an identifier is never shadowed by another value's alias.
        if (!index.has(labelKey(label))) index.set(labelKey(label), entry.value);
      }
    }
    indexes.set(name, index);
  }
  return index;
}

/** Relabels from the manifest (exporter label → contract value), keyed by `labelKey`. */
export type Relabels = ReadonlyMap<string, string | number | boolean>;

/**
 * The enumeration value a label stands for, or undefined. Manifest relabels are tried first.
 * @example matchEnum('hydrant_status', ' 完好 ') // 'in_service'
 */
export function matchEnum(name: EnumName, raw: unknown, relabels?: Relabels): string | undefined {
  if (typeof raw !== 'string' && typeof raw !== 'number') return undefined;
  const key = labelKey(String(raw));
  const relabelled = relabels?.get(key);
  const index = indexOf(name);
  if (relabelled !== undefined) return index.get(labelKey(String(relabelled)));
  return index.get(key);
}

/** The identifiers of an enumeration, in table order. */
export function enumValues(name: EnumName): string[] {
  return (ENUMS[name].values as readonly EnumValue[]).map((entry) => entry.value);
}

/** The value unknown labels map to, when the enumeration has one. */
export function enumFallback(name: EnumName): string | undefined {
  return (ENUMS[name] as EnumDef).fallback;
}
