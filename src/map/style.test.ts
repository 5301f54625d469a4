import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import { describe, expect, it } from 'vitest';
import { BASEMAP_LAYERS, buildingUse, landuseClass, roadClassOfHighway } from '../tiles/schema.ts';
import { BASEMAP_SOURCE_ID, LABEL_LAYER_IDS, SOURCE_LAYERS, buildStyle, zoomInterpolate, type StyleSpecification } from './style.ts';
import { BOUNDARY_LEVELS, THEMES, THEME_NAMES, isThemeName, lightTheme, scaleStops, type Theme } from './theme.ts';

const basemap = { tiles: ['pmtiles://http://127.0.0.1:4173/tiles/basemap.pmtiles/{z}/{x}/{y}.mvt'], minzoom: 10, maxzoom: 16, bounds: [116.3, 39.9, 116.4, 40] as const, attribution: '© OpenStreetMap' };
type Layer = StyleSpecification['layers'][number];

function prop(layer: Layer, key: 'source' | 'source-layer'): string | undefined {
  return key in layer ? ((layer as Record<string, unknown>)[key] as string) : undefined;
}

/** Every string anywhere in a value (URLs hidden in expressions included). */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

const cases = THEME_NAMES.flatMap((name) => [
  [`${name}, with basemap`, THEMES[name], basemap] as const,
  [`${name}, background only`, THEMES[name], null] as const,
]);

describe.each(cases)('buildStyle (%s)', (_name, theme, source) => {
  const style = buildStyle(theme, source);

  it('gives every layer a unique id', () => {
    const ids = style.layers.map((l) => l.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('only names sources the style has', () => {
    for (const layer of style.layers) {
      if (layer.type === 'background') continue;
      const s = prop(layer, 'source');
      expect(s && style.sources[s], `${layer.id} → ${s}`).toBeTruthy();
    }
  });

  it('only reads layers of the basemap tile schema', () => {
    for (const layer of style.layers) {
      if (layer.type === 'background') continue;
      expect(BASEMAP_LAYERS as readonly string[], layer.id).toContain(prop(layer, 'source-layer'));
    }
  });

  it('is a valid MapLibre style (validateStyleMin: zero errors)', () => {
    expect(validateStyleMin(style as never)).toEqual([]);
  });

  it('asks no server for glyphs or sprites, and names no http(s) URL', () => {
    expect(style.glyphs).toBeUndefined();
    expect(style.sprite).toBeUndefined();
    const urls = strings(style).filter((s) => /^[a-z]+:\/\//i.test(s));
    expect(urls.every((u) => u.startsWith('pmtiles://'))).toBe(true);
  });

  it('starts with the background in the theme colour', () => {
    expect(style.layers[0]).toMatchObject({ id: 'background', type: 'background', paint: { 'background-color': theme.background } });
  });
});

describe('buildStyle layers and order', () => {
  const ids = (theme: Theme) => buildStyle(theme, basemap).layers.map((l) => l.id);
  const index = (list: string[], prefix: string, last = false) => {
    const hits = list.flatMap((id, i) => (id === prefix || id.startsWith(`${prefix}-`) ? [i] : []));
    return last ? Math.max(...hits) : Math.min(...hits);
  };

  it.each(THEME_NAMES)('%s: land use, water, buildings, roads, boundaries, then arrows and labels on top', (name) => {
    const list = ids(THEMES[name]);
    expect(index(list, 'landuse', true)).toBeLessThan(index(list, 'water'));
    expect(index(list, 'water', true)).toBeLessThan(index(list, 'buildings'));
    expect(index(list, 'buildings', true)).toBeLessThan(list.indexOf('roads-tunnel'));
    expect(list.indexOf('roads-tunnel')).toBeLessThan(index(list, 'roads-casing'));
    const lastRoadLine = Math.max(...list.map((id, i) => (id.startsWith('roads-') && !['roads-oneway', 'roads-label'].includes(id) ? i : -1)));
    expect(lastRoadLine).toBeLessThan(index(list, 'boundaries'));
    expect(index(list, 'boundaries', true)).toBeLessThan(list.indexOf('roads-oneway'));
    expect(list.indexOf('roads-oneway')).toBeLessThan(list.indexOf('roads-label'));
    expect(list.slice(-3)).toEqual(['places-label-minor', 'places-label', 'places-label-major']);
    for (const id of LABEL_LAYER_IDS) expect(list).toContain(id);
  });

  it.each(THEME_NAMES)('%s: every road class and a fallback, casings under all fills', (name) => {
    const theme = THEMES[name];
    const list = ids(theme);
    for (const cls of [...Object.keys(theme.roads.classes), 'unknown']) {
      expect(list).toContain(`roads-${cls}`);
      expect(list).toContain(`roads-casing-${cls}`);
    }
    const lastCasing = index(list, 'roads-casing', true);
    const firstFill = list.findIndex((id) => id.startsWith('roads-') && !id.startsWith('roads-casing') && id !== 'roads-tunnel');
    expect(lastCasing).toBeLessThan(firstFill);
    // The contract's road classes (src/tiles/schema.ts writes them) all have a style of their own.
    for (const cls of ['arterial', 'collector', 'local', 'service', 'alley', 'other']) expect(Object.keys(theme.roads.classes)).toContain(cls);
  });

  it.each(THEME_NAMES)('%s: colours every building use of the contract and every land use class', (name) => {
    const theme = THEMES[name];
    for (const use of ['residential', 'selfbuilt_house', 'factory', 'warehouse', 'commercial', 'office', 'school', 'hospital', 'elderly_care', 'public', 'mixed']) {
      expect(theme.buildings.colors[use], use).toMatch(/^#[0-9a-f]{6}$/);
    }
    // The schema's land use classes (docs/basemap-schema.md).
    expect(Object.keys(theme.landuse.colors).sort()).toEqual(['commercial', 'green', 'industrial', 'public', 'residential']);
  });

  it('styles every class the tile builder writes for OpenStreetMap input', () => {
    const highways = ['motorway', 'trunk_link', 'primary', 'secondary', 'tertiary_link', 'residential', 'living_street', 'service', 'footway', 'steps', 'track'];
    const areas: Record<string, string>[] = [
      { landuse: 'industrial' }, { landuse: 'residential' }, { landuse: 'retail' }, { landuse: 'forest' }, { leisure: 'park' },
      { natural: 'wood' }, { landuse: 'education' }, { amenity: 'hospital' }, { landuse: 'cemetery' },
    ];
    const buildings: Record<string, string>[] = [{ building: 'apartments' }, { building: 'industrial' }, { building: 'yes', amenity: 'school' }, { building: 'retail' }, { building: 'church' }];
    for (const theme of Object.values(THEMES)) {
      for (const h of highways) expect(Object.keys(theme.roads.classes), h).toContain(roadClassOfHighway(h));
      for (const tags of areas) {
        const cls = landuseClass(tags);
        if (cls) expect(Object.keys(theme.landuse.colors), JSON.stringify(tags)).toContain(cls);
      }
      for (const tags of buildings) expect([...Object.keys(theme.buildings.colors), 'other'], JSON.stringify(tags)).toContain(buildingUse(tags));
    }
  });

  it('draws labels with the theme fonts, never from a glyph server', () => {
    for (const theme of Object.values(THEMES)) {
      for (const layer of buildStyle(theme, basemap).layers.filter((l) => l.type === 'symbol')) {
        const font = (layer.layout as Record<string, unknown>)['text-font'] as string[];
        expect([theme.fonts.regular, theme.fonts.bold].map((f) => f.join())).toContain(font.join());
      }
    }
  });

  it('draws one-way arrows as text along the line, not flipped upright', () => {
    const arrow = buildStyle(lightTheme, basemap).layers.find((l) => l.id === 'roads-oneway');
    expect(arrow?.layout).toMatchObject({ 'symbol-placement': 'line', 'text-keep-upright': false, 'text-field': '→' });
  });

  it('draws dashed boundaries for district, community and grid, covering every admin level once', () => {
    const layers = buildStyle(lightTheme, basemap).layers.filter((l) => l.id.startsWith('boundaries-'));
    expect(layers.map((l) => l.id).sort()).toEqual(['boundaries-community', 'boundaries-district', 'boundaries-grid']);
    for (const l of layers) expect((l.paint as Record<string, unknown>)['line-dasharray']).toBeInstanceOf(Array);
    for (let level = 0; level <= 20; level++) {
      const kinds = Object.entries(BOUNDARY_LEVELS).filter(([, [lo, hi]]) => level >= lo && level <= hi);
      expect(kinds.length, `admin_level ${level}`).toBe(1);
    }
  });

  it('the wall theme has thicker roads and bigger labels than the light one; the field theme bigger labels', () => {
    const top = (stops: readonly (readonly [number, number])[]) => stops.at(-1)?.[1] ?? 0;
    const { light, dark, field } = THEMES;
    expect(top(dark.roads.classes['arterial']!.width)).toBeGreaterThan(top(light.roads.classes['arterial']!.width));
    expect(top(dark.roads.labels!.size)).toBeGreaterThan(top(light.roads.labels!.size));
    expect(top(field.roads.labels!.size)).toBeGreaterThan(top(light.roads.labels!.size));
    expect(top(field.places!.size)).toBeGreaterThan(top(light.places!.size));
  });

  it('uses no per-feature paint values for roads, so all road layers share one shader program', () => {
    for (const layer of buildStyle(THEMES.dark, basemap).layers.filter((l) => l.id.startsWith('roads-') && l.type === 'line')) {
      for (const [key, value] of Object.entries(layer.paint ?? {})) {
        expect(JSON.stringify(value), `${layer.id} ${key}`).not.toMatch(/"get"|"has"|"geometry-type"/);
      }
    }
  });

  it('uses one basemap source, named for the shell', () => {
    expect(Object.keys(buildStyle(lightTheme, basemap).sources)).toEqual([BASEMAP_SOURCE_ID]);
    expect(buildStyle(lightTheme, null).layers.map((l) => l.id)).toEqual(['background']);
  });

  it('names only schema layers in SOURCE_LAYERS', () => {
    expect(Object.values(SOURCE_LAYERS).sort()).toEqual([...BASEMAP_LAYERS].sort());
  });
});

describe('theme helpers', () => {
  it('interpolates widths by zoom, adding casing width; scales stops', () => {
    expect(zoomInterpolate([[10, 1], [18, 9]], 2)).toEqual(['interpolate', ['exponential', 1.5], ['zoom'], 10, 3, 18, 11]);
    expect(zoomInterpolate([[10, 4]])).toEqual(['literal', 4]);
    expect(scaleStops([[10, 1], [18, 3]], 1.5)).toEqual([[10, 1.5], [18, 4.5]]);
  });

  it('knows its theme names', () => {
    expect(THEME_NAMES.every(isThemeName)).toBe(true);
    expect(isThemeName('sepia')).toBe(false);
    for (const name of THEME_NAMES) expect(THEMES[name].name).toBe(name);
  });
});
