/**
 * What kind of export a dropped file is, when nobody wrote a manifest for it: by its name first
 * (premises.geojson, hydrants-2026.geojson, 消火栓.geojson), otherwise by which kind's fields its
 * first features carry. Also the field mapping a dropped file gets for free: properties named by
 * the contract's Chinese labels (编号, 告警级别 …) are renamed to the contract names.
 */
import { isBlank, isRecord } from './coerce.ts';
import { KINDS, KIND_NAMES, type Kind, type KindDef } from './contract/kinds.ts';
import type { LoadResult } from './load.ts';
import type { FieldMapping } from './manifest-types.ts';

/**
 * How the kind was decided, or why it could not be: `given` (the caller said), `name` (the file
 * name), `fields` (the features' properties), `ambiguous` (two kinds fit equally), `no_match`
 * (nothing fits), `not_geojson` (no FeatureCollection to look into).
 */
export type GuessReason = 'given' | 'name' | 'fields' | 'ambiguous' | 'no_match' | 'not_geojson';

export interface KindGuess {
  kind: Kind | null;
  reason: GuessReason;
}

/** What parsing a dropped file answers: the result with the kind used, or no kind at all. */
export type DropParseResult =
  | { kind: Kind; guessed: boolean; reason: GuessReason; result: LoadResult; accepted: boolean }
  | { kind: null; guessed: true; reason: GuessReason; result: null; accepted: false };

/** Words in file names beyond the contract's own kind names and labels. */
const NAME_ALIASES: Readonly<Record<Kind, readonly string[]>> = {
  premises: ['premise', 'units', '场所', '重点单位', '单位'],
  hazard_areas: ['hazard_area', 'hazard_zones', '区域隐患', '隐患区域', '区域性隐患'],
  fire_lanes: ['fire_lane', 'lanes', 'lane', '消防车通道', '消防通道', '通道'],
  hydrants: ['hydrant', '消火栓', '消防栓'],
  sensors: ['sensor', 'devices', 'device', 'iot', '物联网设备', '传感器', '感知设备', '设备'],
  alarms: ['alarm', 'alerts', 'alert', '告警', '报警'],
  grids: ['grid', '网格'],
  stations: ['station', '消防站', '微型消防站', '站点'],
  buildings: ['building', '建筑', '楼栋'],
  roads: ['road', 'streets', '道路'],
};

/** Lower case, with spaces, dashes and dots as underscores: "Fire-Lanes 2026" → "fire_lanes_2026". */
function normalizeName(text: string): string {
  return text.toLowerCase().replace(/[\s\-.]+/g, '_');
}

const NAME_WORDS: readonly { kind: Kind; word: string }[] = KIND_NAMES.flatMap((kind) =>
  [kind, KINDS[kind].en, KINDS[kind].zh, ...NAME_ALIASES[kind]].map((word) => ({ kind, word: normalizeName(word) })));

function nameHas(stem: string, word: string): boolean {
  // Latin words must stand alone ("road" is not in "railroads"); Chinese has no spaces to look for.
  if (!/^[a-z_0-9]+$/.test(word)) return stem.includes(word);
  const at = stem.indexOf(word);
  for (let i = at; i >= 0; i = stem.indexOf(word, i + 1)) {
    const before = stem.charAt(i - 1);
    const after = stem.charAt(i + word.length);
    if (!/[a-z]/.test(before) && !/[a-z]/.test(after)) return true;
  }
  return false;
}

/** Kinds the file name names, each with the longest word that named it. */
function kindsByName(fileName: string): Map<Kind, number> {
  const stem = normalizeName(fileName.replace(/\.(geo)?json$/i, ''));
  const found = new Map<Kind, number>();
  for (const { kind, word } of NAME_WORDS) {
    if (nameHas(stem, word)) found.set(kind, Math.max(found.get(kind) ?? 0, word.length));
  }
  return found;
}

/** The property names (contract names and Chinese labels) a kind understands. */
function knownNames(kind: KindDef): Map<string, string> {
  const names = new Map<string, string>();
  for (const [name, def] of Object.entries(kind.fields)) {
    names.set(name, name);
    if (!names.has(def.zh)) names.set(def.zh, name);
  }
  return names;
}

const KNOWN: Readonly<Record<Kind, Map<string, string>>> = Object.fromEntries(
  KIND_NAMES.map((kind) => [kind, knownNames(KINDS[kind])]),
) as Record<Kind, Map<string, string>>;

interface SampledFeature {
  geometry: string | undefined;
  /** Property names with a non-blank value. */
  keys: string[];
  /** The GeoJSON `id` member, which stands in for a missing id property. */
  hasIdMember: boolean;
}

/** The first features' geometry type and property names, skipping what is not a feature. */
function sample(collection: unknown, max: number): SampledFeature[] | null {
  if (!isRecord(collection) || collection.type !== 'FeatureCollection' || !Array.isArray(collection.features)) return null;
  return collection.features.slice(0, max).flatMap((raw: unknown) => {
    if (!isRecord(raw)) return [];
    const properties = isRecord(raw.properties) ? raw.properties : {};
    const geometry = isRecord(raw.geometry) && typeof raw.geometry.type === 'string' ? raw.geometry.type : undefined;
    const keys = Object.keys(properties).filter((key) => !isBlank(properties[key]));
    return [{ geometry, keys, hasIdMember: typeof raw.id === 'string' || typeof raw.id === 'number' }];
  });
}

/**
 * How well a kind explains one feature: 0 when its geometry is not allowed or a required field is
 * missing, else the share of the feature's properties the kind knows (so a kind with many fields
 * in common beats one that merely has the required few).
 */
function fitOf(kind: Kind, feature: SampledFeature): number {
  const def: KindDef = KINDS[kind];
  if (feature.geometry !== undefined && !(def.geometry as readonly string[]).includes(feature.geometry)) return 0;
  const known = KNOWN[kind];
  const present = new Set(feature.keys.flatMap((key) => {
    const name = known.get(key);
    return name === undefined ? [] : [name];
  }));
  if (feature.hasIdMember) present.add(def.idField);
  for (const [name, field] of Object.entries(def.fields)) if (field.required && !present.has(name)) return 0;
  const knownKeys = feature.keys.filter((key) => known.has(key)).length;
  return knownKeys / Math.max(1, feature.keys.length);
}

/** The best-fitting kind among `candidates` over the sampled features; null on a tie or no fit. */
function bestByFields(features: readonly SampledFeature[], candidates: readonly Kind[]): Kind | null | 'tie' {
  const scored = candidates
    .map((kind) => ({ kind, score: features.reduce((sum, feature) => sum + fitOf(kind, feature), 0) }))
    .sort((a, b) => b.score - a.score);
  const [first, second] = scored;
  if (!first || first.score <= 0) return null;
  if (second && Math.abs(first.score - second.score) < 1e-9) return 'tie';
  return first.kind;
}

/**
 * Guesses the kind of a dropped file.
 * @param collection the parsed JSON (anything: a file that is not GeoJSON answers `not_geojson`
 *   unless its name tells).
 * @param maxFeatures features looked at (default 50).
 * @example guessKind('消火栓-2026.geojson', undefined) // { kind: 'hydrants', reason: 'name' }
 */
export function guessKind(fileName: string, collection: unknown, maxFeatures = 50): KindGuess {
  const byName = kindsByName(fileName);
  if (byName.size === 1) return { kind: [...byName.keys()][0] ?? null, reason: 'name' };
  const features = sample(collection, maxFeatures);
  if (byName.size > 1) {
    // Several kinds named ("iot_alarms"): the contents decide, else the longest word.
    const best = features ? bestByFields(features, [...byName.keys()]) : null;
    if (best !== null && best !== 'tie') return { kind: best, reason: 'fields' };
    const ranked = [...byName].sort((a, b) => b[1] - a[1]);
    if (ranked[0] && ranked[1] && ranked[0][1] > ranked[1][1]) return { kind: ranked[0][0], reason: 'name' };
    return { kind: null, reason: 'ambiguous' };
  }
  if (!features) return { kind: null, reason: 'not_geojson' };
  const best = bestByFields(features, KIND_NAMES);
  if (best === 'tie') return { kind: null, reason: 'ambiguous' };
  return best ? { kind: best, reason: 'fields' } : { kind: null, reason: 'no_match' };
}

/**
 * Renames for a dropped file whose properties use the contract's Chinese labels (告警编号 → id).
 * A label is mapped only when the contract name itself is not used in the sampled features, and only
 * labels that name one field of the kind. Nested items keep their names.
 */
export function labelMapping(kind: Kind, collection: unknown, maxFeatures = 50): FieldMapping | undefined {
  const features = sample(collection, maxFeatures) ?? [];
  const used = new Set(features.flatMap((feature) => feature.keys));
  const labelCounts = new Map<string, number>();
  for (const def of Object.values(KINDS[kind].fields)) labelCounts.set(def.zh, (labelCounts.get(def.zh) ?? 0) + 1);
  const fields: Record<string, string> = {};
  for (const [name, def] of Object.entries(KINDS[kind].fields)) {
    if (used.has(def.zh) && !used.has(name) && labelCounts.get(def.zh) === 1 && def.zh !== name) fields[def.zh] = name;
  }
  return Object.keys(fields).length > 0 ? { fields } : undefined;
}
