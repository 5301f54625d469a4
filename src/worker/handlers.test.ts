import { describe, expect, it } from 'vitest';
import type { LoadResult } from '../sources/load.ts';
import type { SourceSpec } from '../sources/manifest-types.ts';
import { loadManifest, loadSource, parseDropped, pollSource, textFingerprint } from './handlers.ts';
import { PollMemory } from './poll-delta.ts';

const spec: SourceSpec = { id: 'hydrants', kind: 'hydrants', path: 'hydrants.geojson', crs: 'WGS84' };
const hydrants = {
  type: 'FeatureCollection',
  features: [
    { type: 'Feature', properties: { id: 'H1', status: '正常' }, geometry: { type: 'Point', coordinates: [120.1, 30.2] } },
    { type: 'Feature', properties: { id: 'H2' }, geometry: { type: 'Point', coordinates: [120.2, 30.3] } },
  ],
};

/** fetch answering from a table of URL → Response factories. */
function fakeFetch(routes: Record<string, () => Response>) {
  const seen: { url: string; init?: RequestInit }[] = [];
  const fn = (url: string, init?: RequestInit) => {
    seen.push({ url, ...(init ? { init } : {}) });
    const route = routes[url];
    return route ? Promise.resolve(route()) : Promise.resolve(new Response('nope', { status: 404 }));
  };
  return { fn, seen };
}

describe('pollSource', () => {
  it('parses a changed file and answers "unchanged" for the fingerprint the caller holds', async () => {
    let text = JSON.stringify(hydrants);
    const { fn } = fakeFetch({ 'http://x/h': () => new Response(text) });
    const first = await pollSource(fn, { url: 'http://x/h', spec });
    expect('unchanged' in first).toBe(false);
    const known = (first as LoadResult).fingerprint;
    expect(known).toBe(textFingerprint(text));
    expect(await pollSource(fn, { url: 'http://x/h', spec, ...(known ? { known } : {}) })).toEqual({ unchanged: true, fingerprint: known });
    text = `${text} `;
    const changed = await pollSource(fn, { url: 'http://x/h', spec, ...(known ? { known } : {}) });
    expect('unchanged' in changed).toBe(false);
    expect((changed as LoadResult).fingerprint).not.toBe(known);
  });

  it('with the worker\'s memory, answers a changed file as a delta against the version the caller holds', async () => {
    const point = (id: string, x: number) => ({ type: 'Feature', properties: { id, status: '正常' }, geometry: { type: 'Point', coordinates: [x, 30.2] } });
    let text = JSON.stringify({ type: 'FeatureCollection', features: [point('H1', 120.1), point('H2', 120.2), point('H3', 120.3)] });
    const { fn } = fakeFetch({ 'http://x/h': () => new Response(text) });
    const memory = new PollMemory();
    const first = (await pollSource(fn, { url: 'http://x/h', spec }, undefined, undefined, memory)) as LoadResult;
    expect(first.collection.features).toHaveLength(3);
    // H2 moved a little.
    text = JSON.stringify({ type: 'FeatureCollection', features: [point('H1', 120.1), point('H2', 120.25), point('H3', 120.3)] });
    const answer = await pollSource(fn, { url: 'http://x/h', spec, known: first.fingerprint ?? '' }, undefined, undefined, memory);
    if (!('delta' in answer)) throw new Error('expected a delta');
    expect(answer.delta.base).toBe(first.fingerprint);
    expect([...answer.delta.from]).toEqual([0, -1, 2]);
    expect(answer.delta.result.collection.features.map((f) => f.geometry.coordinates)).toEqual([[120.25, 30.2]]);
    expect(answer.delta.result.fingerprint).toBe(textFingerprint(text));
  });

  it('fingerprints by content: equal texts agree, a one-character change does not', () => {
    expect(textFingerprint('{"a":1}')).toBe(textFingerprint('{"a":1}'));
    expect(textFingerprint('{"a":1}')).not.toBe(textFingerprint('{"a":2}'));
    expect(textFingerprint('')).toBe(`0-${(0x811c9dc5).toString(36)}`);
  });
});

describe('loadSource', () => {
  it('fetches, parses and reports, revalidating the cache', async () => {
    const { fn, seen } = fakeFetch({ 'http://x/data/hydrants.geojson': () => new Response(JSON.stringify(hydrants)) });
    const r = (await loadSource(fn, { url: 'http://x/data/hydrants.geojson', spec })) as LoadResult<'hydrants'>;
    expect(seen[0]?.init?.cache).toBe('no-cache');
    expect(r.collection.features.map((f) => f.properties.id)).toEqual(['H1']);
    expect(r.collection.features[0]?.properties.status).toBe('in_service');
    expect(r.stats).toMatchObject({ read: 2, kept: 1, dropped: 1 });
    expect(r.report.some((e) => e.code === 'field.required' && e.featureId === 'H2')).toBe(true);
  });

  it('reports a missing file as file.missing with an empty collection', async () => {
    const { fn } = fakeFetch({});
    const r = await loadSource(fn, { url: 'http://x/data/hydrants.geojson', spec });
    expect(r.collection.features).toEqual([]);
    expect(r.report).toMatchObject([{ severity: 'error', code: 'file.missing', params: { path: 'hydrants.geojson' } }]);
    expect(r.stats.errors).toBe(1);
  });

  it('reports other HTTP failures and network errors as file.unreadable', async () => {
    const http = await loadSource(fakeFetch({ 'http://x/h': () => new Response('', { status: 500 }) }).fn, { url: 'http://x/h', spec });
    expect(http.report[0]).toMatchObject({ code: 'file.unreadable', params: { detail: 'HTTP 500' } });
    const net = await loadSource(() => Promise.reject(new TypeError('Failed to fetch')), { url: 'http://x/h', spec });
    expect(net.report[0]).toMatchObject({ code: 'file.unreadable', params: { detail: 'Failed to fetch' } });
  });

  it('refuses a file over max_mb without parsing it', async () => {
    const big = JSON.stringify(hydrants).padEnd(2 * 1024 * 1024, ' ');
    const r = await loadSource(fakeFetch({ 'http://x/h': () => new Response(big) }).fn, { url: 'http://x/h', spec: { ...spec, max_mb: 1 } });
    expect(r.report[0]?.code).toBe('file.too_large');
    expect(r.collection.features).toEqual([]);
  });

  it('reads GB18030 exports with a warning, counted in the stats', async () => {
    const gbk = new Uint8Array([...new TextEncoder().encode(JSON.stringify(hydrants).replace('正常', '@@'))]);
    // "正常" in GB18030 is D5 FD B3 A3; splice it in where the placeholder was.
    const text = new TextDecoder().decode(gbk);
    const at = text.indexOf('@@');
    const bytes = new Uint8Array([...gbk.slice(0, at), 0xd5, 0xfd, 0xb3, 0xa3, ...gbk.slice(at + 2)]);
    const r = (await loadSource(fakeFetch({ 'http://x/h': () => new Response(bytes) }).fn, { url: 'http://x/h', spec })) as LoadResult<'hydrants'>;
    expect(r.report[0]).toMatchObject({ code: 'file.encoding', severity: 'warning' });
    expect(r.collection.features[0]?.properties.status).toBe('in_service');
    expect(r.stats.warnings).toBeGreaterThanOrEqual(1);
  });

  it('refuses another origin when told its own', async () => {
    const { fn, seen } = fakeFetch({});
    const r = await loadSource(fn, { url: 'https://elsewhere.example/h.geojson', spec }, undefined, 'http://127.0.0.1:4173');
    expect(seen).toEqual([]);
    expect(r.report[0]?.code).toBe('file.unreadable');
  });

  it('rejects when aborted', async () => {
    const aborting = () => Promise.reject(Object.assign(new Error('aborted'), { name: 'AbortError' }));
    await expect(loadSource(aborting, { url: 'http://x/h', spec })).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('loadManifest', () => {
  it('parses a manifest', async () => {
    const body = JSON.stringify({ version: 1, bbox: [120, 30, 121, 31], sources: [spec] });
    const r = await loadManifest(fakeFetch({ 'http://x/data/manifest.json': () => new Response(body) }).fn, { url: 'http://x/data/manifest.json' });
    expect(r.manifest?.sources.map((s) => s.id)).toEqual(['hydrants']);
    expect(r.manifest?.bbox).toEqual([120, 30, 121, 31]);
    expect(r.url).toBe('http://x/data/manifest.json');
  });

  it('answers null and a report entry when the manifest is missing', async () => {
    const r = await loadManifest(fakeFetch({}).fn, { url: 'http://x/data/manifest.json' });
    expect(r.manifest).toBeNull();
    expect(r.report[0]).toMatchObject({ code: 'file.missing', file: 'manifest.json' });
  });
});

describe('parseDropped', () => {
  const text = JSON.stringify(hydrants);

  it('guesses the kind from the file name and parses as a local source', () => {
    const r = parseDropped({ name: 'hydrants-2026.geojson', text });
    expect(r).toMatchObject({ kind: 'hydrants', guessed: true, reason: 'name', accepted: true });
    expect(r.result?.sourceId).toBe('local:hydrants-2026.geojson');
    expect(r.result?.file).toBe('hydrants-2026.geojson');
    expect(r.result?.stats).toMatchObject({ read: 2, kept: 1, dropped: 1 });
  });

  it('uses the kind it is given', () => {
    const r = parseDropped({ name: 'export.geojson', text, kind: 'hydrants' });
    expect(r).toMatchObject({ kind: 'hydrants', guessed: false, reason: 'given', accepted: true });
  });

  it('guesses by fields and maps the contract\'s Chinese labels', () => {
    const alarms = {
      type: 'FeatureCollection',
      features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: [120.1, 30.2] },
        properties: { 告警编号: 'A1', 设备编号: 'D1', 告警级别: '火警', 告警时间: '2026-03-01 08:00:00' } }],
    };
    const r = parseDropped({ name: '0301.geojson', text: JSON.stringify(alarms) });
    expect(r).toMatchObject({ kind: 'alarms', reason: 'fields', accepted: true });
    const feature = (r.result as LoadResult<'alarms'>).collection.features[0];
    expect(feature?.properties).toMatchObject({ id: 'A1', sensor_id: 'D1', level: 'fire' });
  });

  it('uses the CRS the file declares', () => {
    const declared = { ...hydrants, crs: { type: 'name', properties: { name: 'GCJ-02' } } };
    const r = parseDropped({ name: 'hydrants.geojson', text: JSON.stringify(declared) }) as { result: LoadResult<'hydrants'> };
    const [lon] = r.result.collection.features[0]?.geometry.coordinates ?? [];
    expect(lon).not.toBe(120.1); // converted from GCJ-02 to WGS-84
    expect(Math.abs((lon ?? 0) - 120.1)).toBeLessThan(0.01);
  });

  it('answers no kind for a file that is neither named nor shaped like a kind', () => {
    expect(parseDropped({ name: 'notes.json', text: 'not json' })).toEqual({ kind: null, guessed: true, reason: 'not_geojson', result: null, accepted: false });
    const other = JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', geometry: null, properties: { a: 1 } }] });
    expect(parseDropped({ name: 'notes.json', text: other })).toMatchObject({ kind: null, reason: 'no_match', accepted: false });
  });

  it('refuses a named file that is not GeoJSON or keeps no feature, with the report saying why', () => {
    const broken = parseDropped({ name: 'hydrants.geojson', text: '{"type": "FeatureCollection", ' });
    expect(broken).toMatchObject({ kind: 'hydrants', accepted: false });
    expect(broken.result?.report[0]?.code).toBe('json.invalid');
    const allBad = JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', geometry: point(), properties: { id: 'H9' } }] });
    const dropped = parseDropped({ name: 'hydrants.geojson', text: allBad });
    expect(dropped).toMatchObject({ kind: 'hydrants', accepted: false });
    expect(dropped.result?.stats.kept).toBe(0);
  });

  it('accepts an empty but valid collection', () => {
    const r = parseDropped({ name: 'hydrants.geojson', text: '{"type":"FeatureCollection","features":[]}' });
    expect(r).toMatchObject({ accepted: true });
  });

  it('refuses a text over 64 MiB without parsing it', () => {
    const r = parseDropped({ name: 'hydrants.geojson', text: ' '.repeat(64 * 1024 * 1024 + 1) });
    expect(r).toMatchObject({ kind: 'hydrants', accepted: false });
    expect(r.result?.report[0]?.code).toBe('file.too_large');
  });
});

function point() {
  return { type: 'Point', coordinates: [120.1, 30.2] };
}
