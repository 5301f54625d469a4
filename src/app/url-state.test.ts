import { describe, expect, it } from 'vitest';
import { LAYER_DRAW_ORDER } from '../layers/catalog/index.ts';
import { ENUMS } from '../sources/contract/index.ts';
import { FILTER_STATUSES, emptyFilter, type Filter } from './filters.ts';
import {
  DEFAULT_URL_STATE, MODES, THEMES, coordinateDecimals, decodeValue, encodeValue, normalizeCamera, normalizeUrlState, parseUrlState,
  sameUrlState, serializeUrlState, type Camera, type UrlState, type UrlStateOptions,
} from './url-state.ts';

const S = (over: Partial<UrlState>): UrlState => ({ ...DEFAULT_URL_STATE, ...over });

/**
 * What a browser stores when a page sets `location.hash`: the URL standard's fragment
 * percent-encode set (C0 controls, space, " < > `) and every non-ASCII character as UTF-8;
 * an existing `%XX` stays as it is.
 */
const browserHash = (hash: string): string =>
  hash.replace(/[\u0000-\u0020"<>`\u007f-\u{10ffff}]/gu, (ch) => [...new TextEncoder().encode(ch)].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join(''));
const F = (over: Partial<Filter>): Filter => ({ ...emptyFilter(), ...over });

describe('serializeUrlState', () => {
  it('writes nothing but the route for the default state', () => {
    expect(serializeUrlState(DEFAULT_URL_STATE)).toBe('#/');
    expect(serializeUrlState(S({ mode: 'wall' }))).toBe('#/wall');
  });

  it('writes short, readable keys in a fixed order', () => {
    const hash = serializeUrlState(S({
      mode: 'planner',
      camera: { lon: 118.580123456, lat: 24.800311111, zoom: 16.499, bearing: 30, pitch: 0 },
      layers: [...DEFAULT_URL_STATE.layers.filter((id) => id !== 'grids'), 'hydrant-rings'],
      filter: F({ communities: ['锦和村', '阳青社区'], statuses: ['overdue'], keyUnitsOnly: true, severities: ['major'] }),
      selection: 'P00001',
      lang: 'en',
      theme: 'dark',
    }));
    expect(hash).toBe('#/planner?c=118.580123,24.800311,16.5,30&l=hydrant-rings,-grids&co=锦和村,阳青社区&sev=major&st=overdue&key=1&sel=P00001&lang=en&theme=dark');
  });

  it('escapes only what would break the format', () => {
    expect(encodeValue('A,B&C=D#E%F+G H')).toBe('A%2CB%26C%3DD%23E%25F%2BG%20H');
    expect(encodeValue('锦和村 W4-01')).toBe('锦和村%20W4-01');
    const hash = serializeUrlState(S({ filter: F({ communities: ['a,b', '100%'] }), selection: 'x&y' }));
    expect(hash).toBe('#/?co=100%25,a%2Cb&sel=x%26y');
    expect(parseUrlState(hash).filter.communities).toEqual(['100%', 'a,b']);
    expect(parseUrlState(hash).selection).toBe('x&y');
  });

  it('rounds the camera to what the zoom can show', () => {
    expect(coordinateDecimals(0)).toBe(1);
    expect(coordinateDecimals(15)).toBe(5);
    expect(coordinateDecimals(22)).toBe(7);
    expect(normalizeCamera({ lon: 118.123456789, lat: 24.5, zoom: 10.126, bearing: 370, pitch: 99 })).toEqual({ lon: 118.1235, lat: 24.5, zoom: 10.13, bearing: 10, pitch: 85 });
    expect(normalizeCamera({ lon: 0, lat: 0, zoom: 1, bearing: -190 })).toMatchObject({ bearing: 170 });
    expect(normalizeCamera({ lon: 0, lat: 0, zoom: 1, bearing: 180 })).toMatchObject({ bearing: 180 });
    expect(normalizeCamera({ lon: 200, lat: 0, zoom: 1 })).toBeNull();
    expect(normalizeCamera({ lon: 0, lat: 89, zoom: 1 })).toBeNull();
    expect(normalizeCamera({ lon: 0, lat: 0, zoom: 30 })).toBeNull();
  });
});

describe('parseUrlState', () => {
  it('reads what serializeUrlState writes, and what a browser percent-encodes', () => {
    const state = S({ mode: 'field', filter: F({ communities: ['锦和村'], gridIds: ['W4-01'] }), selection: '统一代码/9135' });
    const hash = serializeUrlState(state);
    expect(parseUrlState(hash)).toEqual(normalizeUrlState(state));
    const encoded = browserHash(hash); // what location.hash returns after assignment
    expect(encoded).not.toBe(hash);
    expect(parseUrlState(encoded)).toEqual(normalizeUrlState(state));
  });

  it('accepts the bare routes the router uses', () => {
    expect(parseUrlState('#/wall').mode).toBe('wall');
    expect(parseUrlState('#wall').mode).toBe('wall');
    expect(parseUrlState('#/WALL/').mode).toBe('wall');
    expect(parseUrlState('').mode).toBe('explore');
    expect(parseUrlState('#c=118.5,24.8,15').camera).toEqual({ lon: 118.5, lat: 24.8, zoom: 15, bearing: 0, pitch: 0 });
  });

  it('ignores garbage value by value and never throws', () => {
    const garbage = [
      '#/nowhere?c=abc,def,ghi', '#/?c=1,2', '#/?c=1,2,3,4,5,6', '#/?c=NaN,Infinity,3', '#/?c=1e999,0,3', '#/?c=0x10,1,1',
      '#/?l=%E0%A4%A,-nope,+grids', '#/?co=%', '#/?cat=bogus,school', '#/?key=maybe', '#/?sel=%ZZ', '#/?lang=fr&theme=neon',
      '#/?=&&&=&c', '#/?st=overdue&st=closed', `#/?co=${'x'.repeat(300)}`, `#/?${'a=1&'.repeat(5000)}`, '#%%%', '#/?__proto__=1&constructor=2',
      '#/?c=-0,-0,0,-0,-0',
    ];
    for (const hash of garbage) expect(() => parseUrlState(hash), hash).not.toThrow();
    expect(parseUrlState('#/nowhere?c=abc,def,ghi')).toEqual(normalizeUrlState(DEFAULT_URL_STATE));
    expect(parseUrlState('#/?cat=bogus,school').filter.categories).toEqual(['school']);
    expect(parseUrlState('#/?co=%').filter.communities).toEqual([]);
    expect(parseUrlState('#/?l=%E0%A4%A,-nope,+grids').layers).toEqual(DEFAULT_URL_STATE.layers);
    expect(parseUrlState('#/?lang=fr&theme=neon')).toMatchObject({ lang: DEFAULT_URL_STATE.lang, theme: DEFAULT_URL_STATE.theme });
    expect(parseUrlState('#/?st=overdue&st=closed').filter.statuses).toEqual(['overdue']); // the first wins
    expect(parseUrlState(`#/?co=${'x'.repeat(300)}`).filter.communities).toEqual([]);
    expect(parseUrlState('#/?c=-0,-0,0,-0,-0').camera).toEqual({ lon: 0, lat: 0, zoom: 0, bearing: 0, pitch: 0 });
    for (const value of [undefined, null, 42, {}, ['#/wall']]) expect(parseUrlState(value)).toEqual(normalizeUrlState(DEFAULT_URL_STATE));
    expect(decodeValue('%E0%A4%A')).toBeUndefined();
  });

  it('keeps a good camera with garbage bearing or pitch, and toggles layers relative to the defaults', () => {
    expect(parseUrlState('#/?c=118.5,24.8,15,x,y').camera).toEqual({ lon: 118.5, lat: 24.8, zoom: 15, bearing: 0, pitch: 0 });
    expect(parseUrlState('#/?l=hydrant-rings').layers).toContain('hydrant-rings');
    expect(parseUrlState('#/?l=-alarms,-premises').layers).not.toContain('alarms');
    expect(parseUrlState('#/?l=alarms').layers).toEqual(DEFAULT_URL_STATE.layers);
  });

  it('uses the given defaults for what the link does not say (e.g. the stored language)', () => {
    const defaults = S({ lang: 'en', camera: { lon: 118.58, lat: 24.8, zoom: 14, bearing: 0, pitch: 0 } });
    expect(parseUrlState('#/wall', { defaults })).toMatchObject({ lang: 'en', mode: 'wall', camera: defaults.camera });
    expect(serializeUrlState(S({ lang: 'en', camera: null }), { defaults })).toBe('#/?c=');
    expect(parseUrlState('#/?c=', { defaults }).camera).toBeNull();
    expect(serializeUrlState(S({ lang: 'zh-CN', camera: defaults.camera }), { defaults })).toBe('#/?lang=zh-CN');
  });
});

// ---------------------------------------------------------------------------------------------
// Round trips on random states (a seeded generator: failures reproduce)

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NASTY = ['锦和村', '阳青社区', 'W4-01', 'a,b', 'x&y=z', '100%', '#hash', 'plus+sign', 'tab\there', ' spaced ', '/slash?', '引号"\'', 'é', '😀', '%E4%B8%AD'];

function randomState(rand: () => number, options: UrlStateOptions): UrlState {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const some = <T>(list: readonly T[], p = 0.3): T[] => list.filter(() => rand() < p);
  const layerIds = options.layerIds ?? LAYER_DRAW_ORDER;
  const camera: Camera | null = rand() < 0.2 ? null : {
    lon: (rand() * 2 - 1) * 180, lat: (rand() * 2 - 1) * 85, zoom: rand() * 24, bearing: rand() < 0.5 ? 0 : (rand() * 2 - 1) * 540,
    pitch: rand() < 0.5 ? 0 : rand() * 100,
  };
  return {
    camera,
    mode: pick(MODES),
    layers: some(layerIds, 0.6),
    filter: {
      communities: some(NASTY, 0.15),
      gridIds: some(['W1-01', 'W4-02', 'G 3', 'g,4'], 0.3),
      categories: some(ENUMS.premise_category.values.map((v) => v.value), 0.1),
      severities: some(ENUMS.severity.values.map((v) => v.value), 0.4),
      statuses: some(FILTER_STATUSES, 0.4),
      keyUnitsOnly: rand() < 0.3,
      supervisionLevels: some(ENUMS.supervision_level.values.map((v) => v.value), 0.3),
    },
    selection: rand() < 0.5 ? null : pick(NASTY),
    lang: pick(['zh-CN', 'en'] as const),
    theme: pick(THEMES),
  };
}

describe('round trips (property tests)', () => {
  const cases: [string, UrlStateOptions][] = [
    ['default options', {}],
    ['non-empty defaults', { defaults: S({ lang: 'en', theme: 'dark', camera: { lon: 118.58, lat: 24.8, zoom: 14, bearing: 0, pitch: 0 },
      filter: F({ communities: ['锦和村'], keyUnitsOnly: true }), selection: 'P1', layers: ['grids', 'premises'] }) }],
  ];
  for (const [name, options] of cases) {
    it(`parse(serialize(s)) = normalize(s), and serialize is stable (${name})`, () => {
      const rand = mulberry32(20261127);
      for (let i = 0; i < 1500; i++) {
        const state = randomState(rand, options);
        const hash = serializeUrlState(state, options);
        const back = parseUrlState(hash, options);
        expect(back, hash).toEqual(normalizeUrlState(state, options));
        expect(serializeUrlState(back, options), hash).toBe(hash);
        // And through the browser's percent-encoding of the hash.
        expect(parseUrlState(browserHash(hash), options), hash).toEqual(back);
        expect(sameUrlState(back, state, options)).toBe(true);
      }
    });
  }

  it('never throws on random text and always returns a valid state', () => {
    const rand = mulberry32(7);
    const alphabet = '#/?&=,%+-.0123456789abcxyzEe锦和 \u0000\uD800';
    for (let i = 0; i < 3000; i++) {
      const len = Math.floor(rand() * 60);
      let text = '';
      for (let j = 0; j < len; j++) text += alphabet[Math.floor(rand() * alphabet.length)];
      const state = parseUrlState(text);
      expect(normalizeUrlState(state), text).toEqual(state);
      expect(() => serializeUrlState(state)).not.toThrow();
    }
  });
});
