/**
 * The shareable state of the viewer in the URL hash, so a link reopens the same view: camera, mode,
 * visible layers, filter, selected premise, language and theme.
 *
 * Format: the mode is the route (as the router expects: `#/` explore, `#/wall`, `#/planner`,
 * `#/field`), the rest a query after `?`, with short, stable keys in this order:
 *
 * | key     | value                                   | example                         |
 * |---------|-----------------------------------------|---------------------------------|
 * | `c`     | lon,lat,zoom[,bearing[,pitch]]          | `c=118.58012,24.80031,16.5,30`  |
 * | `l`     | layers shown (`id`) or hidden (`-id`) compared with the default set | `l=hydrant-rings,-grids` |
 * | `co`    | communities                             | `co=锦和村,阳青社区`            |
 * | `g`     | grid cells                              | `g=W4-01`                       |
 * | `cat`   | premise categories                      | `cat=school,factory`            |
 * | `sev`   | hazard severities                       | `sev=major`                     |
 * | `st`    | hazard statuses (incl. `overdue`)       | `st=overdue`                    |
 * | `key`   | key units only                          | `key=1`                         |
 * | `sup`   | supervision levels                      | `sup=city,district`             |
 * | `sel`   | selected premise id                     | `sel=P00001`                    |
 * | `lang`  | `zh-CN` or `en`                         | `lang=en`                       |
 * | `theme` | theme name                              | `theme=dark`                    |
 *
 * A value equal to the default is not written, so the usual link is short (an empty value, e.g.
 * `co=` or `sel=`, says "none" where the default has something). List items are
 * separated by `,`; `%`, `,`, `&`, `=`, `#`, `+`, white space and control characters inside a value
 * are percent-encoded, other characters (Chinese included) are written as they are; reading accepts
 * percent-encoding anywhere (browsers encode non-ASCII when a hash is set).
 *
 * Reading never throws: an unknown key, a malformed item, an unknown enum value or an out-of-range
 * number is ignored (the default stays). Camera values are rounded to what the zoom can show, so
 * writing what was read gives the same text (tests check round trips on random states).
 */
import { LANGS, type Lang } from '../i18n/index.ts';
import { DEFAULT_VISIBLE_LAYERS, LAYER_DRAW_ORDER } from '../layers/catalog/index.ts';
import { THEME_NAMES, type ThemeName } from '../map/theme.ts';
import { emptyFilter, normalizeFilter, type Filter } from './filters.ts';

export const MODES = ['explore', 'wall', 'planner', 'field'] as const;
export type Mode = (typeof MODES)[number];

/** Theme names the URL may carry: the map's themes. */
export const THEMES: readonly ThemeName[] = THEME_NAMES;
export type { ThemeName };

export interface Camera {
  /** Degrees east, −180…180. */
  readonly lon: number;
  /** Degrees north, within Web Mercator's ±85.0511. */
  readonly lat: number;
  /** 0…24. */
  readonly zoom: number;
  /** Degrees clockwise from north, −180 (exclusive)…180. Default 0. */
  readonly bearing: number;
  /** Degrees from vertical, 0…85. Default 0. */
  readonly pitch: number;
}

export interface UrlState {
  /** Null: no camera in the link; the page fits the data. */
  readonly camera: Camera | null;
  readonly mode: Mode;
  /** Ids of the visible thematic layers. */
  readonly layers: readonly string[];
  readonly filter: Filter;
  /** Selected premise id. */
  readonly selection: string | null;
  readonly lang: Lang;
  readonly theme: ThemeName;
}

/** The state a bare link means; pass your own (e.g. the stored language) through {@link UrlStateOptions}. */
export const DEFAULT_URL_STATE: UrlState = {
  camera: null,
  mode: 'explore',
  layers: DEFAULT_VISIBLE_LAYERS,
  filter: emptyFilter(),
  selection: null,
  lang: LANGS[0],
  theme: 'light',
};

export interface UrlStateOptions {
  /** What an absent key means; the same object must be used to write and to read. Default {@link DEFAULT_URL_STATE}. */
  readonly defaults?: UrlState;
  /** Layer ids a link may name, in drawing order; others are ignored. Default the catalog's. */
  readonly layerIds?: readonly string[];
  /** Theme names a link may name. Default {@link THEMES}. */
  readonly themes?: readonly string[];
}

/** The query keys, in writing order. */
export const URL_KEYS = ['c', 'l', 'co', 'g', 'cat', 'sev', 'st', 'key', 'sup', 'sel', 'lang', 'theme'] as const;

/** Longest hash read; anything beyond is ignored (a link is not a data channel). */
export const MAX_HASH_LENGTH = 8192;
/** Longest single value (an id, a community name) accepted. */
const MAX_VALUE_LENGTH = 200;
/** Most items in one list accepted. */
const MAX_LIST_ITEMS = 500;
const MAX_LAT = 85.0511;

// ---------------------------------------------------------------------------------------------
// Encoding

const NEEDS_ESCAPE = /[%,&=#+\s\u0000-\u001f\u007f]/gu;

/** Percent-encodes only what would break the format (see the module comment). */
export function encodeValue(value: string): string {
  return value.replace(NEEDS_ESCAPE, (ch) => encodeURIComponent(ch));
}

/** Decodes percent-encoding; undefined when malformed (never throws). */
export function decodeValue(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

const round = (x: number, decimals: number): number => {
  const r = Number(x.toFixed(decimals));
  return Object.is(r, -0) ? 0 : r;
};

/** Decimals of longitude/latitude that a zoom can show (about a pixel at 512-pixel tiles). */
export function coordinateDecimals(zoom: number): number {
  return Math.min(7, Math.max(0, Math.ceil(Math.log10((2 ** zoom * 512) / 360))));
}

/**
 * A camera with every value in range and rounded as the URL writes it; null when lon, lat or zoom
 * is missing or out of range. Bearing is wrapped into (−180, 180], pitch clamped to 0…85.
 */
export function normalizeCamera(c: Partial<Record<keyof Camera, unknown>> | null | undefined): Camera | null {
  if (!c) return null;
  const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
  const lon = num(c.lon);
  const lat = num(c.lat);
  const zoom = num(c.zoom);
  if (lon === undefined || lat === undefined || zoom === undefined) return null;
  if (Math.abs(lon) > 180 || Math.abs(lat) > MAX_LAT || zoom < 0 || zoom > 24) return null;
  const z = round(zoom, 2);
  const d = coordinateDecimals(z);
  let bearing = round(num(c.bearing) ?? 0, 1) % 360;
  if (bearing > 180) bearing -= 360;
  if (bearing <= -180) bearing += 360;
  const pitch = round(Math.min(85, Math.max(0, num(c.pitch) ?? 0)), 1);
  return { lon: round(lon, d), lat: round(lat, d), zoom: z, bearing: round(bearing, 1), pitch };
}

/** The state as the URL can carry it: camera rounded, layers known and in drawing order, filter canonical. */
export function normalizeUrlState(state: UrlState, options: UrlStateOptions = {}): UrlState {
  const layerIds = options.layerIds ?? LAYER_DRAW_ORDER;
  const themes = options.themes ?? THEMES;
  const d = options.defaults ?? DEFAULT_URL_STATE;
  const visible = new Set(state.layers);
  const selection = typeof state.selection === 'string' && state.selection.trim() !== '' && state.selection.length <= MAX_VALUE_LENGTH ? state.selection.trim() : null;
  return {
    camera: normalizeCamera(state.camera),
    mode: (MODES as readonly string[]).includes(state.mode) ? state.mode : d.mode,
    layers: layerIds.filter((id) => visible.has(id)),
    filter: normalizeFilter(state.filter),
    selection,
    lang: (LANGS as readonly string[]).includes(state.lang) ? state.lang : d.lang,
    theme: themes.includes(state.theme) ? state.theme : d.theme,
  };
}

const sameList = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((x, i) => x === b[i]);

/** The `c` value of a normalised camera: trailing zero bearing and pitch left out. */
function cameraText(camera: Camera): string {
  const { lon, lat, zoom, bearing, pitch } = camera;
  const parts = [lon, lat, zoom, bearing, pitch].map(String);
  if (pitch === 0) parts.pop();
  if (pitch === 0 && bearing === 0) parts.pop();
  return parts.join(',');
}

/**
 * The hash for a state (with the leading `#`). Values equal to the defaults are left out.
 * @example serializeUrlState({ ...DEFAULT_URL_STATE, mode: 'wall', filter: { ...emptyFilter(), statuses: ['overdue'] } })
 *   // '#/wall?st=overdue'
 */
export function serializeUrlState(state: UrlState, options: UrlStateOptions = {}): string {
  const d = normalizeUrlState(options.defaults ?? DEFAULT_URL_STATE, options);
  const s = normalizeUrlState(state, options);
  const params: string[] = [];
  const list = (key: string, values: readonly string[], defaults: readonly string[]) => {
    // Written when it differs from the default; an empty value (`co=`) says "none" against a non-empty default.
    if (!sameList(values, defaults)) params.push(`${key}=${values.map(encodeValue).join(',')}`);
  };
  if (s.camera) {
    const text = cameraText(s.camera);
    if (!d.camera || text !== cameraText(d.camera)) params.push(`c=${text}`);
  } else if (d.camera) {
    params.push('c=');
  }
  if (!sameList(s.layers, d.layers)) {
    const shown = new Set(s.layers);
    const wasShown = new Set(d.layers);
    const tokens = [...s.layers.filter((id) => !wasShown.has(id)), ...d.layers.filter((id) => !shown.has(id)).map((id) => `-${id}`)];
    params.push(`l=${tokens.map(encodeValue).join(',')}`);
  }
  const f = s.filter;
  const df = d.filter;
  list('co', f.communities, df.communities);
  list('g', f.gridIds, df.gridIds);
  list('cat', f.categories, df.categories);
  list('sev', f.severities, df.severities);
  list('st', f.statuses, df.statuses);
  if (f.keyUnitsOnly !== df.keyUnitsOnly) params.push(`key=${f.keyUnitsOnly ? 1 : 0}`);
  list('sup', f.supervisionLevels, df.supervisionLevels);
  if (s.selection !== d.selection) params.push(`sel=${s.selection === null ? '' : encodeValue(s.selection)}`);
  if (s.lang !== d.lang) params.push(`lang=${s.lang}`);
  if (s.theme !== d.theme) params.push(`theme=${s.theme}`);
  const route = s.mode === 'explore' ? '#/' : `#/${s.mode}`;
  return params.length > 0 ? `${route}?${params.join('&')}` : route;
}

// ---------------------------------------------------------------------------------------------
// Parsing

/** List items of a raw value: decoded, trimmed, non-empty, capped in length and count. */
function items(raw: string): string[] {
  const out: string[] = [];
  for (const part of raw.split(',').slice(0, MAX_LIST_ITEMS)) {
    const v = decodeValue(part)?.trim();
    if (v && v.length <= MAX_VALUE_LENGTH) out.push(v);
  }
  return out;
}

function parseCamera(raw: string): Camera | null {
  const parts = raw.split(',');
  if (parts.length < 3 || parts.length > 5) return null;
  const nums = parts.map((p) => (/^\s*[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?\s*$/i.test(p) ? Number(p) : NaN));
  const [lon, lat, zoom, bearing = 0, pitch = 0] = nums;
  if (!Number.isFinite(bearing) || !Number.isFinite(pitch)) return normalizeCamera({ lon, lat, zoom });
  return normalizeCamera({ lon, lat, zoom, bearing, pitch });
}

/** Splits a hash into its route and its query (either may be empty). */
function splitHash(hash: string): { route: string; query: string } {
  let h = hash.length > MAX_HASH_LENGTH ? hash.slice(0, MAX_HASH_LENGTH) : hash;
  if (h.startsWith('#')) h = h.slice(1);
  const q = h.indexOf('?');
  if (q >= 0) return { route: h.slice(0, q), query: h.slice(q + 1) };
  // A bare query (`#c=…`) without a route.
  return h.includes('=') ? { route: '', query: h } : { route: h, query: '' };
}

/**
 * The state a hash describes, with defaults for everything it does not say. Never throws: garbage
 * is ignored value by value.
 * @param hash `location.hash` (with or without `#`), or any string.
 */
export function parseUrlState(hash: unknown, options: UrlStateOptions = {}): UrlState {
  const d = normalizeUrlState(options.defaults ?? DEFAULT_URL_STATE, options);
  if (typeof hash !== 'string') return d;
  const layerIds = options.layerIds ?? LAYER_DRAW_ORDER;
  const themes = options.themes ?? THEMES;
  const { route, query } = splitHash(hash);

  const modeText = decodeValue(route.replace(/^\/+|\/+$/g, ''))?.toLowerCase() ?? '';
  const mode = (MODES as readonly string[]).includes(modeText) ? (modeText as Mode) : d.mode;

  const raw = new Map<string, string>();
  for (const pair of query.split('&')) {
    const eq = pair.indexOf('=');
    if (eq <= 0) continue;
    const key = decodeValue(pair.slice(0, eq))?.trim();
    // The first occurrence wins, so a value appended later cannot override what was shared.
    if (key && (URL_KEYS as readonly string[]).includes(key) && !raw.has(key)) raw.set(key, pair.slice(eq + 1));
  }
  const get = (key: (typeof URL_KEYS)[number]) => raw.get(key);

  const c = get('c');
  // `c=` (empty) says "no camera" against a default that has one; garbage keeps the default.
  const camera = c === undefined ? d.camera : c === '' ? null : parseCamera(c) ?? d.camera;

  let layers = d.layers;
  const l = get('l');
  if (l !== undefined) {
    const visible = new Set(d.layers);
    for (const token of items(l)) {
      const hide = token.startsWith('-');
      const id = token.replace(/^[-+]/, '').trim();
      if (!layerIds.includes(id)) continue;
      if (hide) visible.delete(id);
      else visible.add(id);
    }
    layers = layerIds.filter((id) => visible.has(id));
  }

  const listOr = <T>(key: (typeof URL_KEYS)[number], fallback: readonly T[]): readonly unknown[] => {
    const v = get(key);
    return v === undefined ? fallback : items(v);
  };
  const keyRaw = get('key');
  const keyText = keyRaw === undefined ? undefined : decodeValue(keyRaw)?.trim().toLowerCase();
  const filter = normalizeFilter({
    communities: listOr('co', d.filter.communities) as string[],
    gridIds: listOr('g', d.filter.gridIds) as string[],
    categories: listOr('cat', d.filter.categories) as Filter['categories'][number][],
    severities: listOr('sev', d.filter.severities) as Filter['severities'][number][],
    statuses: listOr('st', d.filter.statuses) as Filter['statuses'][number][],
    keyUnitsOnly: keyText === undefined ? d.filter.keyUnitsOnly : keyText === '1' || keyText === 'true' ? true : keyText === '0' || keyText === 'false' ? false : d.filter.keyUnitsOnly,
    supervisionLevels: listOr('sup', d.filter.supervisionLevels) as Filter['supervisionLevels'][number][],
  });

  const selRaw = get('sel');
  const selText = selRaw === undefined ? undefined : decodeValue(selRaw)?.trim();
  const selection = selRaw === undefined || selText === undefined ? d.selection
    : selText === '' ? null
      : selText.length <= MAX_VALUE_LENGTH ? selText : d.selection;

  const langText = decodeValue(get('lang') ?? '')?.trim();
  const lang = langText && (LANGS as readonly string[]).includes(langText) ? (langText as Lang) : d.lang;
  const themeText = decodeValue(get('theme') ?? '')?.trim();
  const theme = themeText && themes.includes(themeText) ? (themeText as ThemeName) : d.theme;

  return { camera, mode, layers, filter, selection, lang, theme };
}

/** Deep equality of two (normalised) states: to skip writing a hash that would not change. */
export function sameUrlState(a: UrlState, b: UrlState, options: UrlStateOptions = {}): boolean {
  return serializeUrlState(a, options) === serializeUrlState(b, options);
}
