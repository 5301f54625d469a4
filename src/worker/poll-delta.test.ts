import { describe, expect, it } from 'vitest';
import type { LoadResult } from '../sources/load.ts';
import { featurePrints } from './handlers.ts';
import { PollMemory, deltaOf, idHashes, type PolledVersion } from './poll-delta.ts';

const alarm = (id: string | undefined, acknowledged: boolean, lon = 120.1) => ({
  type: 'Feature' as const,
  properties: { ...(id === undefined ? {} : { id }), level: 'fire', time: '2026-03-01T08:00:00+08:00', acknowledged },
  geometry: { type: 'Point' as const, coordinates: [lon, 30.2] },
});
type Alarm = ReturnType<typeof alarm>;

/** A parsed version as the worker holds it: its features, their hashes and a fingerprint. */
function version(features: Alarm[], fingerprint: string): LoadResult {
  return {
    sourceId: 'alarms', kind: 'alarms', file: 'alarms.geojson', fingerprint, prints: featurePrints(features),
    collection: { type: 'FeatureCollection', features },
    report: [], stats: { read: features.length, kept: features.length, dropped: 0, errors: 0, warnings: 0 },
  } as unknown as LoadResult;
}
const remembered = (r: LoadResult): PolledVersion => ({ fingerprint: r.fingerprint ?? '', prints: r.prints ?? new Uint32Array(0), idHashes: idHashes(r.collection.features, 'id') });
const ids = (r: LoadResult) => (r.collection.features as unknown as Alarm[]).map((f) => f.properties.id ?? '·');

describe('deltaOf', () => {
  const before = version([alarm('A1', false), alarm('A2', false), alarm('A3', false), alarm('A4', true)], 'v1');

  it('sends only what changed: one alarm acknowledged → one feature, the rest by position', () => {
    const next = version([alarm('A1', false), alarm('A2', true), alarm('A3', false), alarm('A4', true)], 'v2');
    const d = deltaOf(remembered(before), next, idHashes(next.collection.features, 'id'));
    expect(d.base).toBe('v1');
    expect([...d.from]).toEqual([0, -1, 2, 3]);
    expect(ids(d.result)).toEqual(['A2']);
    expect(d.result.fingerprint).toBe('v2');
  });

  it('finds moved features by id, sends added ones, and leaves removed ones out', () => {
    //               A4 moved first, A1 kept, A3 removed, A5 new, A2 moved
    const next = version([alarm('A4', true), alarm('A1', false), alarm('A5', false), alarm('A2', false)], 'v2');
    const d = deltaOf(remembered(before), next, idHashes(next.collection.features, 'id'));
    expect([...d.from]).toEqual([3, 0, -1, 1]);
    expect(ids(d.result)).toEqual(['A5']);
  });

  it('matches features without an id by position only', () => {
    const anon = version([alarm(undefined, false, 1), alarm(undefined, false, 2)], 'v1');
    const next = version([alarm(undefined, false, 2), alarm(undefined, false, 2)], 'v2');
    const d = deltaOf(remembered(anon), next, idHashes(next.collection.features, 'id'));
    expect([...d.from]).toEqual([-1, 1]);
    expect(d.result.collection.features).toHaveLength(1);
  });
});

describe('PollMemory', () => {
  it('answers whole the first time, a delta when the caller holds the version answered last, whole otherwise', () => {
    const memory = new PollMemory();
    const v1 = version([alarm('A1', false), alarm('A2', false)], 'v1');
    expect(memory.answer(v1, undefined)).toBe(v1);
    const v2 = version([alarm('A1', true), alarm('A2', false)], 'v2');
    const answer = memory.answer(v2, 'v1');
    expect('delta' in answer && [...answer.delta.from]).toEqual([-1, 1]);
    // A caller still holding v1 (it dropped the v2 answer) gets v3 whole: the worker's last is v2.
    const v3 = version([alarm('A1', true), alarm('A2', true)], 'v3');
    expect(memory.answer(v3, 'v1')).toBe(v3);
    // A failed read (no fingerprint) is answered as is and forgets nothing.
    const failed = { ...v3, fingerprint: undefined, prints: undefined } as LoadResult;
    expect(memory.answer(failed, 'v3')).toBe(failed);
    const v4 = version([alarm('A1', true), alarm('A2', true), alarm('A3', false)], 'v4');
    const last = memory.answer(v4, 'v3');
    expect('delta' in last && [...last.delta.from]).toEqual([0, 1, -1]);
  });
});
