import { QueryClient } from '@tanstack/preact-query';
import { describe, expect, it } from 'vitest';
import type { LoadResult } from '../sources/load.ts';
import type { SourceWorkerClient } from '../worker/client.ts';
import { sourceQuery } from './data.ts';
import { DeltaMismatchError, applyDelta, jsonEqual, mergeById } from './merge-by-id.ts';

type AlarmProps = { id?: string; level: string; time: string; acknowledged?: boolean };

function alarm(id: string | undefined, acknowledged: boolean, lon = 120.1) {
  const properties: AlarmProps = { level: 'fire', time: '2026-03-01T08:00:00+08:00', acknowledged };
  if (id !== undefined) properties.id = id;
  return { type: 'Feature' as const, geometry: { type: 'Point' as const, coordinates: [lon, 30.2] }, properties };
}

/** A fresh result, as each poll's structured clone from the worker is: new objects throughout. */
function result(features: ReturnType<typeof alarm>[], warnings = 0): LoadResult {
  return {
    sourceId: 'alarms', kind: 'alarms', file: 'alarms.geojson',
    collection: { type: 'FeatureCollection', features: structuredClone(features) },
    report: Array.from({ length: warnings }, (_, i) => ({ severity: 'warning' as const, file: 'alarms.geojson', code: 'field.coerced', message: `w${i}` })),
    stats: { read: features.length, kept: features.length, dropped: 0, errors: 0, warnings },
  } as unknown as LoadResult;
}

describe('mergeById', () => {
  const a1 = alarm('A1', false);
  const a2 = alarm('A2', false);
  const a3 = alarm('A3', true);

  it('answers next when there is nothing before', () => {
    const next = result([a1]);
    expect(mergeById(undefined, next)).toBe(next);
  });

  it('answers the previous result itself when a poll changed nothing', () => {
    const prev = result([a1, a2, a3]);
    expect(mergeById(prev, result([a1, a2, a3]))).toBe(prev);
  });

  it('keeps unchanged features as the previous objects when one alarm is acknowledged', () => {
    const prev = result([a1, a2, a3]);
    const merged = mergeById(prev, result([a1, alarm('A2', true), a3]));
    expect(merged).not.toBe(prev);
    expect(merged.collection).not.toBe(prev.collection);
    const [m1, m2, m3] = merged.collection.features;
    expect(m1).toBe(prev.collection.features[0]);
    expect(m3).toBe(prev.collection.features[2]);
    expect(m2).not.toBe(prev.collection.features[1]);
    expect(m2?.properties).toMatchObject({ id: 'A2', acknowledged: true });
  });

  it('sees a moved feature as changed', () => {
    const prev = result([a1, a2]);
    const merged = mergeById(prev, result([a1, alarm('A2', false, 120.5)]));
    expect(merged.collection.features[0]).toBe(prev.collection.features[0]);
    expect(merged.collection.features[1]?.geometry.coordinates[0]).toBe(120.5);
  });

  it('handles features removed and added, matching by id whatever the order', () => {
    const prev = result([a1, a2, a3]);
    const merged = mergeById(prev, result([a3, alarm('A4', false), a1]));
    const ids = merged.collection.features.map((f) => (f.properties as { id?: string }).id);
    expect(ids).toEqual(['A3', 'A4', 'A1']);
    expect(merged.collection.features[0]).toBe(prev.collection.features[2]);
    expect(merged.collection.features[2]).toBe(prev.collection.features[0]);
  });

  it('sees a removed feature as a change even when the rest is the same', () => {
    const prev = result([a1, a2]);
    const merged = mergeById(prev, result([a1]));
    expect(merged.collection).not.toBe(prev.collection);
    expect(merged.collection.features).toEqual([prev.collection.features[0]]);
    expect(merged.collection.features[0]).toBe(prev.collection.features[0]);
  });

  it('compares features without an id by position', () => {
    const prev = result([alarm(undefined, false), alarm(undefined, false, 121)]);
    const merged = mergeById(prev, result([alarm(undefined, true), alarm(undefined, false, 121)]));
    expect(merged.collection.features[0]).not.toBe(prev.collection.features[0]);
    expect(merged.collection.features[1]).toBe(prev.collection.features[1]);
  });

  it('keeps the collection but takes the new report when only the report changed', () => {
    const prev = result([a1], 0);
    const next = result([a1], 2);
    const merged = mergeById(prev, next);
    expect(merged).not.toBe(prev);
    expect(merged.collection).toBe(prev.collection);
    expect(merged.report).toBe(next.report);
    expect(merged.stats.warnings).toBe(2);
  });

  it('compares the worker\'s per-feature hashes instead of the objects when both sides have them', async () => {
    const { featurePrints } = await import('../worker/handlers.ts');
    const withPrints = (r: LoadResult): LoadResult => ({ ...r, prints: featurePrints(r.collection.features) });
    const before = withPrints(result([alarm('A1', false), alarm('A2', false), alarm('A3', false)]));
    expect(mergeById(before, withPrints(result([alarm('A1', false), alarm('A2', false), alarm('A3', false)])))).toBe(before);
    const after = mergeById(before, withPrints(result([alarm('A1', false), alarm('A2', true), alarm('A3', false)])));
    expect(after).not.toBe(before);
    const [a1, a2, a3] = after.collection.features;
    expect(a1).toBe(before.collection.features[0]);
    expect(a2).not.toBe(before.collection.features[1]);
    expect(a3).toBe(before.collection.features[2]);
  });

  it('does not share across sources', () => {
    const prev = result([a1]);
    const next = { ...result([a1]), sourceId: 'other' };
    expect(mergeById(prev, next)).toBe(next);
  });
});

describe('jsonEqual', () => {
  it('compares deeply, ignoring key order and undefined members', () => {
    expect(jsonEqual({ a: [1, { b: 2 }], c: undefined }, { a: [1, { b: 2 }] })).toBe(true);
    expect(jsonEqual({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(true);
    expect(jsonEqual([1, 2], [2, 1])).toBe(false);
    expect(jsonEqual({ a: null }, { a: 0 })).toBe(false);
    expect(jsonEqual([1], { 0: 1 })).toBe(false);
  });
});

describe('as the structural sharing of sourceQuery', () => {
  it('keeps the cached result when a poll changed nothing, and unchanged features when one changed', async () => {
    const spec = { id: 'alarms', kind: 'alarms', path: 'alarms.geojson', crs: 'WGS84', refresh_s: 30 } as const;
    const a1 = alarm('A1', false);
    const a2 = alarm('A2', false);
    const answers = [result([a1, a2]), result([a1, a2]), result([a1, alarm('A2', true)])];
    const client = { request: () => Promise.resolve(answers.shift()), terminate() {} } as unknown as SourceWorkerClient;
    const qc = new QueryClient();
    const options = { ...sourceQuery(client, 'http://x/data/manifest.json', spec), staleTime: 0 };
    await qc.fetchQuery(options);
    const first = qc.getQueryData(options.queryKey);
    await qc.fetchQuery(options);
    expect(qc.getQueryData(options.queryKey)).toBe(first);
    await qc.fetchQuery(options);
    const third = qc.getQueryData(options.queryKey);
    expect(third).not.toBe(first);
    expect(third?.collection.features[0]).toBe(first?.collection.features[0]);
    expect(third?.collection.features[1]).not.toBe(first?.collection.features[1]);
    qc.clear();
  });
});

describe('applyDelta', () => {
  const held = { ...result([alarm('A1', false), alarm('A2', false), alarm('A3', true)]), fingerprint: 'v1' } as LoadResult;
  const delta = (from: number[], added: ReturnType<typeof alarm>[], fingerprint = 'v2', base = 'v1') =>
    ({ base, from: Int32Array.from(from), result: { ...held, collection: { ...held.collection, features: structuredClone(added) }, fingerprint } as LoadResult });

  it('places the held objects and the new features where the delta says', () => {
    const merged = applyDelta(held, delta([0, -1, 2], [alarm('A2', true)]));
    const [f0, f1, f2] = merged.collection.features;
    expect(f0).toBe(held.collection.features[0]);
    expect(f1?.properties).toMatchObject({ id: 'A2', acknowledged: true });
    expect(f2).toBe(held.collection.features[2]);
    expect(merged.fingerprint).toBe('v2');
    expect(merged.collection).not.toBe(held.collection);
  });

  it('keeps the held collection when every feature is in place, and the held result when nothing else changed', () => {
    expect(applyDelta(held, delta([0, 1, 2], [], 'v1')).collection).toBe(held.collection);
    expect(applyDelta(held, delta([0, 1, 2], [], 'v1'))).toBe(held);
    const whitespace = applyDelta(held, delta([0, 1, 2], [], 'v1b'));
    expect(whitespace).not.toBe(held);
    expect(whitespace.collection).toBe(held.collection);
  });

  it('refuses a delta made for another version, or one that miscounts its new features', () => {
    expect(() => applyDelta(held, delta([0, 1, 2], [], 'v2', 'v0'))).toThrow(DeltaMismatchError);
    expect(() => applyDelta(undefined, delta([0], []))).toThrow(DeltaMismatchError);
    expect(() => applyDelta(held, delta([0, -1, 2], []))).toThrow(DeltaMismatchError);
  });

  it('in sourceQuery: a delta answer is made whole against the cached copy; a mismatch reads the source whole', async () => {
    const spec = { id: 'alarms', kind: 'alarms', path: 'alarms.geojson', crs: 'WGS84', refresh_s: 30 } as const;
    const first = { ...result([alarm('A1', false), alarm('A2', false)]), fingerprint: 'v1' } as LoadResult;
    const whole = { ...result([alarm('A1', true), alarm('A2', true)]), fingerprint: 'v3' } as LoadResult;
    const asked: (string | undefined)[] = [];
    const answers: unknown[] = [
      first,
      { delta: { base: 'v1', from: Int32Array.from([-1, 1]), result: { ...result([alarm('A1', true)]), fingerprint: 'v2' } } },
      { delta: { base: 'v0', from: Int32Array.from([0, 1]), result: { ...result([]), fingerprint: 'v3' } } },
      whole,
    ];
    const client = { request: (_: string, params: { known?: string }) => { asked.push(params.known); return Promise.resolve(answers.shift()); }, terminate() {} } as unknown as SourceWorkerClient;
    const qc = new QueryClient();
    const options = { ...sourceQuery(client, 'http://x/data/manifest.json', spec), staleTime: 0 };
    await qc.fetchQuery(options);
    await qc.fetchQuery(options);
    const second = qc.getQueryData(options.queryKey);
    expect(second?.fingerprint).toBe('v2');
    expect(second?.collection.features[1]).toBe(first.collection.features[1]);
    expect(second?.collection.features[0]?.properties).toMatchObject({ id: 'A1', acknowledged: true });
    await qc.fetchQuery(options);
    expect(qc.getQueryData(options.queryKey)?.fingerprint).toBe('v3');
    expect(asked).toEqual([undefined, 'v1', 'v2', undefined]);
    qc.clear();
  });
});
