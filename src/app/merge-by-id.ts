/**
 * Structural sharing for polled sources. A poll answers a whole new collection even when only one
 * alarm was acknowledged; handing deck.gl that new array would re-upload every attribute and drop
 * hover and selection state. `mergeById` keeps every unchanged feature as the very object of the
 * previous poll, and the previous result itself when nothing changed at all.
 */
import { KINDS } from '../sources/contract/kinds.ts';
import type { LoadResult } from '../sources/load.ts';
import type { SourceDelta } from '../worker/poll-delta.ts';

type Json = unknown;

/**
 * Deep equality of JSON-like values (what a parsed export holds): primitives, arrays and plain
 * objects. Key order does not matter; `undefined` members count as absent, as in JSON.
 */
export function jsonEqual(a: Json, b: Json): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
    // NaN is not valid JSON, but a coerced field could hold one; treat it as equal to itself.
    return typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b);
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i += 1) if (!jsonEqual(a[i], b[i])) return false;
    return true;
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const leftKeys = Object.keys(left).filter((k) => left[k] !== undefined);
  const rightKeys = Object.keys(right).filter((k) => right[k] !== undefined);
  if (leftKeys.length !== rightKeys.length) return false;
  for (const key of leftKeys) {
    if (!Object.hasOwn(right, key) || !jsonEqual(left[key], right[key])) return false;
  }
  return true;
}

interface FeatureLike {
  type?: unknown;
  id?: unknown;
  geometry?: unknown;
  properties?: Record<string, unknown> | null;
}

/** The feature's identity across polls: its contract id, else the GeoJSON `id` member, else none. */
function idOf(feature: FeatureLike, idField: string): string | undefined {
  const value = feature.properties?.[idField] ?? feature.id;
  return typeof value === 'string' || typeof value === 'number' ? `${typeof value}:${value}` : undefined;
}

function sameFeature(a: FeatureLike, b: FeatureLike): boolean {
  return a.type === b.type && a.id === b.id && jsonEqual(a.geometry, b.geometry) && jsonEqual(a.properties, b.properties);
}

/**
 * The features of `next`, each replaced by its previous object when unchanged, and whether every one
 * of them was (same count, same order, all reused).
 */
/** Per-feature hashes of both sides (LoadResult.prints), when both have them and they line up. */
interface Prints {
  prev: Uint32Array;
  next: Uint32Array;
}

function shareFeatures(prev: readonly FeatureLike[], next: readonly FeatureLike[], idField: string, prints?: Prints): { features: FeatureLike[]; allReused: boolean } {
  const prevById = new Map<string, number>();
  prev.forEach((feature, i) => {
    const id = idOf(feature, idField);
    if (id !== undefined && !prevById.has(id)) prevById.set(id, i);
  });
  // With hashes (made in the worker), equal hash means equal JSON: numbers are compared instead of
  // walking every object, which at a million alarms is the difference between a frame and seconds.
  const same = (at: number, index: number): boolean =>
    prints ? prints.prev[at] === prints.next[index] : sameFeature(prev[at] as FeatureLike, next[index] as FeatureLike);
  let allReused = prev.length === next.length;
  const features = next.map((feature, index) => {
    const id = idOf(feature, idField);
    // Without an id, the feature at the same position is the only candidate.
    const at = id !== undefined ? prevById.get(id) : idOf(prev[index] ?? {}, idField) === undefined && index < prev.length ? index : undefined;
    if (at !== undefined && same(at, index)) {
      if (at !== index) allReused = false;
      return prev[at] as FeatureLike;
    }
    allReused = false;
    return feature;
  });
  return { features, allReused };
}

/**
 * Merges a new load result into the previous one of the same source, keeping identities:
 * - nothing changed (features, report, stats, file) → `prev` itself;
 * - only the report or stats changed → a new result holding `prev.collection`;
 * - some features changed → a new collection whose unchanged features are `prev`'s objects.
 * Features are matched by the kind's id field (or the GeoJSON `id`), without one by position.
 * The report and stats always come from `next`.
 * @example
 *   structuralSharing: (old, next) => mergeById(old as LoadResult | undefined, next as LoadResult)
 */
export function mergeById(prev: LoadResult | undefined, next: LoadResult): LoadResult {
  if (!prev || prev === next || prev.kind !== next.kind || prev.sourceId !== next.sourceId) return next;
  // Validated features are JSON objects whatever their kind; the comparison needs no more than that.
  const prevFeatures = prev.collection.features as unknown as readonly FeatureLike[];
  const nextFeatures = next.collection.features as unknown as readonly FeatureLike[];
  const prints = prev.prints && next.prints && prev.prints.length === prevFeatures.length && next.prints.length === nextFeatures.length
    ? { prev: prev.prints, next: next.prints }
    : undefined;
  const { features, allReused } = shareFeatures(prevFeatures, nextFeatures, KINDS[next.kind].idField, prints);
  return keepIdentities(prev, next, features, allReused);
}

/**
 * `next` with `features` (its features, each the previous object where unchanged), keeping what can be
 * kept: `prev` itself when nothing changed, `prev.collection` when only the report or stats did.
 * @param allReused every feature is `prev`'s at the same index, and there are as many.
 */
function keepIdentities(prev: LoadResult, next: LoadResult, features: readonly unknown[], allReused: boolean): LoadResult {
  const { features: _nextFeatures, ...nextMembers } = next.collection;
  const { features: _prevFeatures, ...prevMembers } = prev.collection;
  const collectionSame = allReused && jsonEqual(prevMembers, nextMembers);
  const collection = collectionSame ? prev.collection : ({ ...next.collection, features } as unknown as LoadResult['collection']);
  const restSame = prev.file === next.file && prev.fingerprint === next.fingerprint && jsonEqual(prev.stats, next.stats) && jsonEqual(prev.report, next.report);
  if (collectionSame && restSame) return prev;
  return { ...next, collection } as LoadResult;
}

/** A delta that does not fit the copy it is applied to (it names another version, or miscounts). */
export class DeltaMismatchError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DeltaMismatchError';
  }
}

/**
 * A poll answered as a delta (src/worker/poll-delta.ts) made whole against the copy held: each
 * feature is the held object it comes from, or the next new one. Identities as {@link mergeById}
 * keeps them: `held` itself when nothing changed, its collection when only the report or stats did.
 * No matching happens here: the worker did it, so a million features cost one pass over an index array.
 * @throws DeltaMismatchError when `held` is not the version the delta was made against.
 */
export function applyDelta(held: LoadResult | undefined, delta: SourceDelta): LoadResult {
  const next = delta.result;
  if (!held || held.fingerprint !== delta.base || held.sourceId !== next.sourceId) {
    throw new DeltaMismatchError(`delta for ${next.sourceId} made against ${delta.base}, held ${held?.fingerprint ?? 'nothing'}`);
  }
  const base = held.collection.features;
  const added = next.collection.features;
  const { from } = delta;
  const features = new Array<(typeof base)[number]>(from.length);
  let taken = 0;
  let allReused = from.length === base.length;
  for (let j = 0; j < from.length; j++) {
    const at = from[j] as number;
    if (at >= 0 && at < base.length) {
      features[j] = base[at] as (typeof base)[number];
      if (at !== j) allReused = false;
    } else {
      features[j] = added[taken++] as (typeof base)[number];
      allReused = false;
    }
  }
  if (taken !== added.length) throw new DeltaMismatchError(`delta for ${next.sourceId}: ${added.length} new features sent, ${taken} placed`);
  return keepIdentities(held, next, features, allReused);
}
