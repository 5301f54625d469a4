import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import { describe, expect, it } from 'vitest';
import { BASEMAP_SOURCE_IDS, EMPTY_COLLECTION, buildStyle, zoomInterpolate, type BasemapSources, type StyleSpecification } from './style.ts';
import { lightTheme, type Theme } from './theme.ts';

const geojson: BasemapSources = {
  roads: { type: 'geojson', data: EMPTY_COLLECTION },
  buildings: { type: 'geojson', data: EMPTY_COLLECTION },
};
const vector: BasemapSources = {
  roads: { type: 'vector', url: 'pmtiles://tiles/basemap.pmtiles', sourceLayer: 'roads' },
  buildings: { type: 'vector', url: 'pmtiles://tiles/basemap.pmtiles', sourceLayer: 'buildings' },
};
const noLabels: Theme = { ...lightTheme, roads: { ...lightTheme.roads, labels: undefined } };

const cases: [string, Theme, BasemapSources][] = [
  ['geojson', lightTheme, geojson],
  ['vector', lightTheme, vector],
  ['roads only', lightTheme, { roads: geojson.roads }],
  ['nothing', lightTheme, {}],
  ['no labels', noLabels, geojson],
];

function layerSource(layer: StyleSpecification['layers'][number]): string | undefined {
  return 'source' in layer ? (layer.source as string) : undefined;
}

describe.each(cases)('buildStyle (%s)', (_name, theme, sources) => {
  const style = buildStyle(theme, sources);

  it('gives every layer a unique id', () => {
    const ids = style.layers.map((l) => l.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('only names sources the style has', () => {
    for (const layer of style.layers) {
      const source = layerSource(layer);
      if (layer.type !== 'background') expect(source && style.sources[source], `${layer.id} → ${source}`).toBeTruthy();
    }
  });

  it('is a valid MapLibre style', () => {
    expect(validateStyleMin(style as never)).toEqual([]);
  });

  it('asks no server for glyphs or sprites', () => {
    expect(style.glyphs).toBeUndefined();
    expect(style.sprite).toBeUndefined();
  });

  it('starts with the background and draws buildings below roads', () => {
    expect(style.layers[0]?.type).toBe('background');
    const ids = style.layers.map((l) => l.id);
    const lastBuilding = Math.max(...ids.map((id, i) => (id.startsWith('buildings') ? i : -1)));
    const firstRoad = ids.findIndex((id) => id.startsWith('roads'));
    if (firstRoad >= 0 && lastBuilding >= 0) expect(lastBuilding).toBeLessThan(firstRoad);
  });
});

describe('buildStyle details', () => {
  it('uses source-layer for vector sources only', () => {
    const v = buildStyle(lightTheme, vector).layers.filter((l) => l.type !== 'background');
    expect(v.every((l) => 'source-layer' in l)).toBe(true);
    const g = buildStyle(lightTheme, geojson).layers;
    expect(g.some((l) => 'source-layer' in l)).toBe(false);
  });

  it('draws every road class of the theme, plus a fallback, with casings under all fills', () => {
    const ids = buildStyle(lightTheme, geojson).layers.map((l) => l.id);
    for (const cls of [...Object.keys(lightTheme.roads.classes), 'other']) expect(ids).toContain(`roads-${cls}`);
    const lastCasing = Math.max(...ids.map((id, i) => (id.startsWith('roads-casing') ? i : -1)));
    const firstFill = ids.findIndex((id) => id.startsWith('roads-') && !id.startsWith('roads-casing'));
    expect(lastCasing).toBeLessThan(firstFill);
  });

  it('adds a label layer only when the theme asks for labels', () => {
    expect(buildStyle(lightTheme, geojson).layers.some((l) => l.type === 'symbol')).toBe(true);
    expect(buildStyle(noLabels, geojson).layers.some((l) => l.type === 'symbol')).toBe(false);
  });

  it('uses the source ids the map shell updates', () => {
    expect(Object.keys(buildStyle(lightTheme, geojson).sources).sort()).toEqual(Object.values(BASEMAP_SOURCE_IDS).sort());
  });

  it('interpolates widths by zoom, adding casing width', () => {
    expect(zoomInterpolate([[10, 1], [18, 9]], 2)).toEqual(['interpolate', ['exponential', 1.5], ['zoom'], 10, 3, 18, 11]);
    expect(zoomInterpolate([[10, 4]])).toEqual(['literal', 4]);
  });
});
