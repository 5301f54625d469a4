import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildBasemap } from '../tiles/basemap.ts';
import { concatParts } from '../tiles/pmtiles-writer.ts';
import {
  BasemapError,
  DEFAULT_BASEMAP_PATH,
  PENDING,
  chooseBasemap,
  chooseInitialBounds,
  headerBounds,
  openBasemap,
  pmtilesStyleSource,
  pmtilesSourceUrl,
  resolveBasemapUrl,
  type Bounds,
} from './basemap.ts';
import { pmtilesProtocol } from './pmtiles-protocol.ts';

const BASE = 'http://127.0.0.1:4173/';
const SUB = 'https://intranet.example.gov.cn/fire/one-map/index.html';

describe('resolveBasemapUrl: same origin only', () => {
  it.each([
    ['tiles/andorra.pmtiles', BASE, 'http://127.0.0.1:4173/tiles/andorra.pmtiles'],
    ['./tiles/a.pmtiles', BASE, 'http://127.0.0.1:4173/tiles/a.pmtiles'],
    // Relative to index.html's folder (the build uses base './'), not to the host root.
    ['tiles/basemap.pmtiles', SUB, 'https://intranet.example.gov.cn/fire/one-map/tiles/basemap.pmtiles'],
    ['../maps/city.pmtiles', SUB, 'https://intranet.example.gov.cn/fire/maps/city.pmtiles'],
    ['/maps/city.pmtiles', SUB, 'https://intranet.example.gov.cn/maps/city.pmtiles'],
    ['http://127.0.0.1:4173/tiles/x.pmtiles', BASE, 'http://127.0.0.1:4173/tiles/x.pmtiles'],
    ['tiles/x.pmtiles#frag', BASE, 'http://127.0.0.1:4173/tiles/x.pmtiles'],
    ['  tiles/x.pmtiles ', BASE, 'http://127.0.0.1:4173/tiles/x.pmtiles'],
  ])('accepts %s on %s', (path, base, url) => {
    expect(resolveBasemapUrl(path, base)).toEqual({ ok: true, url });
  });

  it.each([
    ['https://tiles.example.com/basemap.pmtiles', 'foreign'],
    ['//evil.example/basemap.pmtiles', 'foreign'],
    ['\\\\evil.example\\basemap.pmtiles', 'foreign'],
    ['http://127.0.0.1:9999/tiles/x.pmtiles', 'foreign'], // another port is another origin
    ['https://127.0.0.1:4173/tiles/x.pmtiles', 'foreign'], // and another scheme
    ['http://localhost:4173/tiles/x.pmtiles', 'foreign'],
    ['data:application/octet-stream;base64,AAAA', 'foreign'],
    ['javascript:alert(1)', 'foreign'],
    ['blob:http://127.0.0.1:4173/abc', 'foreign'],
    ['file:///etc/passwd', 'foreign'],
    ['pmtiles://http://evil.example/x.pmtiles', 'foreign'],
    ['http://user:pw@127.0.0.1:4173/tiles/x.pmtiles', 'invalid'],
    ['', 'invalid'],
    ['   ', 'invalid'],
    ['http://[::1', 'invalid'],
    [`tiles/${'x'.repeat(2000)}.pmtiles`, 'invalid'],
  ])('refuses %s (%s)', (path, reason) => {
    expect(resolveBasemapUrl(path, BASE)).toEqual({ ok: false, reason });
  });
});

describe('chooseBasemap', () => {
  it('defaults to tiles/basemap.pmtiles beside index.html', () => {
    expect(chooseBasemap('', SUB)).toEqual({ url: 'https://intranet.example.gov.cn/fire/one-map/tiles/basemap.pmtiles', path: DEFAULT_BASEMAP_PATH, custom: false });
    expect(chooseBasemap('?lang=en&theme=dark', BASE).custom).toBe(false);
  });

  it('takes ?basemap= on the same origin, and marks it custom (the camera follows the archive)', () => {
    expect(chooseBasemap('?basemap=tiles/andorra.pmtiles', BASE)).toEqual({ url: `${BASE}tiles/andorra.pmtiles`, path: 'tiles/andorra.pmtiles', custom: true });
    expect(chooseBasemap('?basemap=tiles%2Fandorra.pmtiles&test=1', BASE).url).toBe(`${BASE}tiles/andorra.pmtiles`);
  });

  it('refuses another origin, keeps the given value for the message and falls back to the default', () => {
    const c = chooseBasemap('?basemap=https://tiles.example.com/x.pmtiles', BASE);
    expect(c).toEqual({
      url: `${BASE}tiles/basemap.pmtiles`,
      path: DEFAULT_BASEMAP_PATH,
      custom: false,
      refused: { given: 'https://tiles.example.com/x.pmtiles', reason: 'foreign' },
    });
    expect(chooseBasemap('?basemap=', BASE).refused?.reason).toBe('invalid');
  });

  it('makes the style source URL for the pmtiles protocol', () => {
    expect(pmtilesSourceUrl(`${BASE}tiles/basemap.pmtiles`)).toBe('pmtiles://http://127.0.0.1:4173/tiles/basemap.pmtiles');
  });
});

describe('headerBounds', () => {
  it('passes real bounds through', () => {
    expect(headerBounds({ minLon: 1.412368, minLat: 42.4276, maxLon: 1.787481, maxLat: 42.65717 })).toEqual([1.412368, 42.4276, 1.787481, 42.65717]);
  });

  it('clamps latitudes to what Web Mercator shows', () => {
    expect(headerBounds({ minLon: -180, minLat: -90, maxLon: 180, maxLat: 90 })).toEqual([-180, -85.0511, 180, 85.0511]);
  });

  it.each([
    ['all zero (no bounds written)', { minLon: 0, minLat: 0, maxLon: 0, maxLat: 0 }],
    ['inverted', { minLon: 2, minLat: 42, maxLon: 1, maxLat: 43 }],
    ['a single point', { minLon: 1, minLat: 42, maxLon: 1, maxLat: 42 }],
    ['outside the globe', { minLon: -200, minLat: 0, maxLon: 10, maxLat: 10 }],
    ['not numbers', { minLon: Number.NaN, minLat: 0, maxLon: 10, maxLat: 10 }],
  ])('gives null for %s', (_name, h) => {
    expect(headerBounds(h)).toBeNull();
  });
});

describe('chooseInitialBounds', () => {
  const district: Bounds = [118.56, 24.79, 118.59, 24.81];
  const andorra: Bounds = [1.41, 42.43, 1.79, 42.66];

  it('uses the manifest bbox for the default archive, without waiting for the header', () => {
    expect(chooseInitialBounds({ customBasemap: false, manifest: district, archive: PENDING })).toBe(district);
    expect(chooseInitialBounds({ customBasemap: false, manifest: district, archive: andorra })).toBe(district);
  });

  it('waits for the manifest, then falls back to the header bounds when it has no bbox', () => {
    expect(chooseInitialBounds({ customBasemap: false, manifest: PENDING, archive: andorra })).toBe(PENDING);
    expect(chooseInitialBounds({ customBasemap: false, manifest: null, archive: PENDING })).toBe(PENDING);
    expect(chooseInitialBounds({ customBasemap: false, manifest: null, archive: andorra })).toBe(andorra);
  });

  it('follows a ?basemap= archive: its header bounds first, the manifest only when it has none', () => {
    expect(chooseInitialBounds({ customBasemap: true, manifest: district, archive: PENDING })).toBe(PENDING);
    expect(chooseInitialBounds({ customBasemap: true, manifest: district, archive: andorra })).toBe(andorra);
    expect(chooseInitialBounds({ customBasemap: true, manifest: district, archive: null })).toBe(district);
    expect(chooseInitialBounds({ customBasemap: true, manifest: PENDING, archive: null })).toBe(PENDING);
  });

  it('gives null when nothing has bounds (the camera stays)', () => {
    expect(chooseInitialBounds({ customBasemap: false, manifest: null, archive: null })).toBeNull();
    expect(chooseInitialBounds({ customBasemap: true, manifest: null, archive: null })).toBeNull();
  });
});

describe('openBasemap (fetch stubbed: range requests against bytes in memory)', () => {
  const line: GeoJSON.Feature = { type: 'Feature', properties: { class: 'local' }, geometry: { type: 'LineString', coordinates: [[1.5, 42.5], [1.52, 42.51]] } };
  const bytes = concatParts(buildBasemap([{ name: 'roads', features: [line] }], { minzoom: 10, maxzoom: 12, bounds: [1.49, 42.49, 1.53, 42.52], attribution: '© sample contributors' }).archive.parts);
  const bare = concatParts(buildBasemap([{ name: 'roads', features: [line] }], { minzoom: 10, maxzoom: 12 }).archive.parts);

  function serve(files: Record<string, Uint8Array>) {
    const seen: { url: string; range: string | null }[] = [];
    vi.stubGlobal('fetch', async (input: string, init?: RequestInit) => {
      const range = new Headers(init?.headers).get('range');
      seen.push({ url: String(input), range });
      const body = files[String(input)];
      if (!body) return new Response('not found', { status: 404 });
      const m = /bytes=(\d+)-(\d+)/.exec(range ?? '');
      const [start, end] = m ? [Number(m[1]), Math.min(Number(m[2]), body.length - 1)] : [0, body.length - 1];
      const slice = body.slice(start, end + 1);
      return new Response(slice, { status: m ? 206 : 200, headers: { 'Content-Length': String(slice.length) } });
    });
    return seen;
  }

  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('reads the header and the metadata by range requests: bounds, zooms and attribution', async () => {
    const url = `${BASE}tiles/ok.pmtiles`;
    const seen = serve({ [url]: bytes });
    const info = await openBasemap(url);
    expect(info.minzoom).toBe(10);
    expect(info.maxzoom).toBe(12);
    expect(info.bounds?.map((v) => v.toFixed(2))).toEqual(['1.49', '42.49', '1.53', '42.52']);
    expect(info.attribution).toBe('© sample contributors');
    expect(seen.map((s) => s.range?.split('-')[0])).toEqual(['bytes=0', expect.stringMatching(/^bytes=\d+$/)]);
    // Shared with the protocol, so MapLibre's tile requests reuse this header.
    expect(pmtilesProtocol().get(url)).toBeDefined();
  });

  it('gives no attribution for an archive whose metadata has none', async () => {
    const url = `${BASE}tiles/bare.pmtiles`;
    serve({ [url]: bare });
    expect((await openBasemap(url)).attribution).toBeNull();
  });

  it('describes the style source in full: tile URLs for the protocol, zooms, bounds, attribution', () => {
    const url = `${BASE}tiles/ok.pmtiles`;
    expect(pmtilesStyleSource(url, { bounds: [1, 42, 2, 43], minzoom: 10, maxzoom: 16, attribution: '© OSM' })).toEqual({
      tiles: ['pmtiles://http://127.0.0.1:4173/tiles/ok.pmtiles/{z}/{x}/{y}.mvt'],
      minzoom: 10,
      maxzoom: 16,
      bounds: [1, 42, 2, 43],
      attribution: '© OSM',
    });
    expect(pmtilesStyleSource(url, { bounds: null, minzoom: 0, maxzoom: 14, attribution: null })).toEqual({
      tiles: ['pmtiles://http://127.0.0.1:4173/tiles/ok.pmtiles/{z}/{x}/{y}.mvt'],
      minzoom: 0,
      maxzoom: 14,
    });
  });

  it('says "missing" for a 404', async () => {
    const url = `${BASE}tiles/nope.pmtiles`;
    serve({});
    await expect(openBasemap(url)).rejects.toMatchObject({ name: 'BasemapError', kind: 'missing' });
    expect(pmtilesProtocol().get(url)).toBeUndefined();
  });

  it('says "unreadable" for a file that is not PMTiles (e.g. an HTML fallback page)', async () => {
    const url = `${BASE}tiles/html.pmtiles`;
    serve({ [url]: new TextEncoder().encode('<!doctype html><html></html>'.padEnd(20_000, ' ')) });
    const error = await openBasemap(url).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BasemapError);
    expect((error as BasemapError).kind).toBe('unreadable');
  });
});
