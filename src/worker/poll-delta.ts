/**
 * Polls answered as a delta. The page already holds the last version of a polled source; when a
 * poll changes one alarm in a million, cloning the million to the page (and merging them there) held
 * its main thread for tens of seconds. The worker remembers, per source, the fingerprint of the
 * version it last answered and a hash per feature (of its JSON and of its id); when the caller holds
 * that version, the answer is the new features that are not in it, plus for every feature of the new
 * version where it comes from: an index into the caller's copy, or the next of the new ones.
 *
 * Remembered are hashes, not features: 8 bytes a feature, whatever the export's size.
 */
import { KINDS } from '../sources/contract/kinds.ts';
import type { LoadResult } from '../sources/load.ts';
import { fnv1a } from './fnv.ts';

/** What the worker remembers of the version of a source it last answered. */
export interface PolledVersion {
  fingerprint: string;
  /** Per feature, a hash of its JSON (LoadResult.prints). */
  prints: Uint32Array;
  /** Per feature, a hash of its id (0 for a feature without one). */
  idHashes: Uint32Array;
}

/** Where each feature of the new version comes from, against the caller's copy (`base`). */
export interface SourceDelta {
  /** The fingerprint of the version the delta applies to. */
  base: string;
  /** Per feature of the new version: its index in the base's features, or -1 for the next of `result`'s. */
  from: Int32Array;
  /** The new version, with only the features the base lacks in `collection.features`, in order. */
  result: LoadResult;
}

interface FeatureLike {
  id?: unknown;
  properties?: Record<string, unknown> | null;
}

/** Per feature, a hash of its identity across polls (the kind's id field, else the GeoJSON id), as mergeById matches. */
export function idHashes(features: readonly unknown[], idField: string): Uint32Array {
  const out = new Uint32Array(features.length);
  for (let i = 0; i < features.length; i++) {
    const f = features[i] as FeatureLike;
    const value = f.properties?.[idField] ?? f.id;
    // Never 0, which means "no id".
    if (typeof value === 'string' || typeof value === 'number') out[i] = fnv1a(`${typeof value}:${value}`) || 1;
  }
  return out;
}

/**
 * The delta of `next` (whose `prints` are set) against `base`. A feature is taken from the base when
 * it has the same JSON hash at the same position, or at the base's feature with the same id; any
 * other is new. Features without an id match by position only, as mergeById does.
 */
export function deltaOf(base: PolledVersion, next: LoadResult, nextIds: Uint32Array): SourceDelta {
  const features = next.collection.features as readonly unknown[];
  const prints = next.prints ?? new Uint32Array(0);
  const n = features.length;
  const from = new Int32Array(n).fill(-1);
  const added: unknown[] = [];
  let byId: Map<number, number[]> | null = null;
  for (let j = 0; j < n; j++) {
    if (j < base.prints.length && base.prints[j] === prints[j]) {
      from[j] = j;
      continue;
    }
    const id = nextIds[j] as number;
    if (id !== 0) {
      // Built only when something moved or changed: an unchanged poll never pays for it.
      byId ??= indexByHash(base.idHashes);
      for (const at of byId.get(id) ?? []) {
        if (base.prints[at] === prints[j]) {
          from[j] = at;
          break;
        }
      }
    }
    if (from[j] === -1) added.push(features[j]);
  }
  const result = { ...next, collection: { ...next.collection, features: added } } as LoadResult;
  return { base: base.fingerprint, from, result };
}

function indexByHash(hashes: Uint32Array): Map<number, number[]> {
  const out = new Map<number, number[]>();
  hashes.forEach((h, i) => {
    if (h === 0) return;
    const list = out.get(h);
    if (list) list.push(i);
    else out.set(h, [i]);
  });
  return out;
}

/** The versions of polled sources last answered, by source id: one per worker. */
export class PollMemory {
  private readonly versions = new Map<string, PolledVersion>();

  /**
   * Remembers `result` as the version answered for its source and returns the answer to send: a
   * delta when the caller holds the version answered before (`known`), else the result itself.
   */
  answer(result: LoadResult, known: string | undefined): LoadResult | { delta: SourceDelta } {
    if (!result.fingerprint || !result.prints) return result;
    const ids = idHashes(result.collection.features, KINDS[result.kind].idField);
    const before = this.versions.get(result.sourceId);
    this.versions.set(result.sourceId, { fingerprint: result.fingerprint, prints: result.prints, idHashes: ids });
    if (!before || known === undefined || before.fingerprint !== known) return result;
    return { delta: deltaOf(before, result, ids) };
  }
}
