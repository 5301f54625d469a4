import { QueryClient } from '@tanstack/preact-query';
import { describe, expect, it } from 'vitest';
import type { CollectionOf } from '../sources/contract/index.ts';
import type { LoadResult } from '../sources/load.ts';
import type { SourceSpec } from '../sources/manifest-types.ts';
import type { SourceWorkerClient } from '../worker/client.ts';
import type { ParamsOf, RequestType, ResultOf } from '../worker/protocol.ts';
import { collectionsByKind, manifestQuery, manifestUrlFor, prefetchDistrict, refetchIntervalOf, sourceQuery, sourceUrl } from './data.ts';

const spec = (id: string, extra: Partial<SourceSpec> = {}): SourceSpec => ({ id, kind: 'hydrants', path: `${id}.geojson`, crs: 'WGS84', ...extra });
const hydrants = (...ids: string[]): CollectionOf<'hydrants'> => ({
  type: 'FeatureCollection',
  features: ids.map((id) => ({ type: 'Feature', properties: { id, status: 'in_service' }, geometry: { type: 'Point', coordinates: [0, 0] } })),
});
const result = (s: SourceSpec, collection: CollectionOf<'hydrants'>): LoadResult => ({
  sourceId: s.id, kind: s.kind, file: s.path, collection, report: [],
  stats: { read: collection.features.length, kept: collection.features.length, dropped: 0, errors: 0, warnings: 0 },
});

/** A client that answers from tables and records what it was asked. */
function fakeClient(manifestSources: SourceSpec[]) {
  const asked: string[] = [];
  const client: SourceWorkerClient = {
    request<T extends RequestType>(type: T, params: ParamsOf<T>): Promise<ResultOf<T>> {
      asked.push(`${type} ${'url' in params ? params.url : params.name}`);
      if (type === 'manifest') {
        return Promise.resolve({ manifest: { version: 1, sources: manifestSources }, report: [], url: (params as ParamsOf<'manifest'>).url } as ResultOf<T>);
      }
      const s = (params as ParamsOf<'source'>).spec;
      return Promise.resolve(result(s, hydrants(s.id)) as ResultOf<T>);
    },
    terminate() {},
  };
  return { client, asked };
}

describe('URLs', () => {
  it('puts the manifest beside the page and sources beside the manifest', () => {
    const m = manifestUrlFor('http://127.0.0.1:4173/viewer/index.html');
    expect(m).toBe('http://127.0.0.1:4173/viewer/data/manifest.json');
    expect(sourceUrl(m, { path: 'iot/sensors.geojson' })).toBe('http://127.0.0.1:4173/viewer/data/iot/sensors.geojson');
    expect(sourceUrl(m, { path: '/exports/h.geojson' })).toBe('http://127.0.0.1:4173/exports/h.geojson');
  });
});

describe('query options', () => {
  it('poll only sources with refresh_s', () => {
    expect(refetchIntervalOf({})).toBe(false);
    expect(refetchIntervalOf({ refresh_s: 0 })).toBe(false);
    expect(refetchIntervalOf({ refresh_s: 30 })).toBe(30_000);
    const polled = sourceQuery(fakeClient([]).client, 'http://x/data/manifest.json', spec('h', { refresh_s: 60 }));
    expect(polled.refetchInterval).toBe(60_000);
    expect(polled.staleTime).toBe(60_000);
    const once = sourceQuery(fakeClient([]).client, 'http://x/data/manifest.json', spec('h'));
    expect(once.refetchInterval).toBe(false);
    expect(once.staleTime).toBe(Infinity);
  });

  it('key sources by manifest and the whole spec', () => {
    const c = fakeClient([]).client;
    const a = sourceQuery(c, 'http://x/m.json', spec('h'));
    const b = sourceQuery(c, 'http://x/m.json', spec('h', { crs: 'GCJ02' }));
    expect(a.queryKey).not.toEqual(b.queryKey);
    expect(manifestQuery(c, 'http://x/m.json').queryKey).toEqual(['manifest', 'http://x/m.json']);
  });

  it('prefetch the manifest and every source into the cache', async () => {
    const specs = [spec('a'), spec('b')];
    const { client, asked } = fakeClient(specs);
    const qc = new QueryClient();
    await prefetchDistrict(qc, client, 'http://x/data/manifest.json');
    expect(asked).toEqual(['manifest http://x/data/manifest.json', 'poll http://x/data/a.geojson', 'poll http://x/data/b.geojson']);
    const cached = qc.getQueryData(sourceQuery(client, 'http://x/data/manifest.json', specs[1] as SourceSpec).queryKey);
    expect((cached as LoadResult<'hydrants'> | undefined)?.collection.features[0]?.properties.id).toBe('b');
    qc.clear();
  });
});

it('prefetches the kinds asked first before the others', async () => {
  const specs = [spec('alarms', { kind: 'alarms' }), spec('roads', { kind: 'roads' }), spec('h')];
  const { client, asked } = fakeClient(specs);
  const qc = new QueryClient();
  await prefetchDistrict(qc, client, 'http://x/data/manifest.json', { first: ['roads', 'hydrants'] });
  expect(asked.slice(1)).toEqual(['poll http://x/data/roads.geojson', 'poll http://x/data/h.geojson', 'poll http://x/data/alarms.geojson']);
  qc.clear();
});

describe('collectionsByKind', () => {
  it('keeps a lone source’s collection object', () => {
    const c = hydrants('1');
    expect(collectionsByKind([result(spec('a'), c), undefined]).hydrants).toBe(c);
  });

  it('concatenates sources of one kind in order', () => {
    const merged = collectionsByKind([result(spec('a'), hydrants('1')), result(spec('b'), hydrants('2', '3'))]);
    expect(merged.hydrants?.features.map((f) => f.properties.id)).toEqual(['1', '2', '3']);
    expect(merged.premises).toBeUndefined();
  });
});
