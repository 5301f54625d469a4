/**
 * The MapLibre style, built by code from a theme and a set of basemap sources. Nothing here is fire
 * safety: the basemap is roads (lines with a class) and buildings (areas with a class).
 *
 * Invariants (checked by style.test.ts): layer ids are unique, every layer names a source of the
 * style, and there is no `glyphs` URL, so labels are drawn from local fonts and the map never asks a
 * font server for anything.
 */
import type { MapOptions } from 'maplibre-gl';
import type { LineClassStyle, Theme, ZoomStops } from './theme.ts';

// maplibre-gl 6 does not re-export the style-spec types; derive them from its public API instead of
// importing the transitive @maplibre/maplibre-gl-style-spec package.
/** A MapLibre style document. */
export type StyleSpecification = Exclude<MapOptions['style'], string | undefined>;
export type LayerSpecification = StyleSpecification['layers'][number];
export type SourceSpecification = StyleSpecification['sources'][string];
type Expression = unknown[];

/**
 * Where a basemap layer's features come from. GeoJSON now; `vector` is for the PMTiles basemap that
 * replaces it later (the same theme then styles tiles instead of files).
 */
export type BasemapSource =
  | { readonly type: 'geojson'; readonly data: GeoJSON.GeoJSON | string }
  | { readonly type: 'vector'; readonly url: string; readonly sourceLayer: string; readonly maxzoom?: number };

/** The basemap's inputs; a missing one simply draws nothing. */
export interface BasemapSources {
  readonly roads?: BasemapSource;
  readonly buildings?: BasemapSource;
}

/** Source ids in the style, for `map.getSource(id)` when data arrives later. */
export const BASEMAP_SOURCE_IDS = { roads: 'roads', buildings: 'buildings' } as const;

/** An empty FeatureCollection: a GeoJSON source that exists before its data has loaded. */
export const EMPTY_COLLECTION: GeoJSON.FeatureCollection = { type: 'FeatureCollection', features: [] };

function sourceSpec(src: BasemapSource): SourceSpecification {
  if (src.type === 'geojson') {
    // Tolerance 0.3 keeps narrow alleys at low zoom; buffer is small as nothing is labelled at tile edges.
    return { type: 'geojson', data: src.data as never, tolerance: 0.3, buffer: 32 };
  }
  return { type: 'vector', url: src.url, ...(src.maxzoom === undefined ? {} : { maxzoom: src.maxzoom }) };
}

function sourceLayerOf(src: BasemapSource): { 'source-layer'?: string } {
  return src.type === 'vector' ? { 'source-layer': src.sourceLayer } : {};
}

/** `[zoom, v]` stops as an exponential interpolate expression, with `extra` pixels added to each value. */
export function zoomInterpolate(stops: ZoomStops, extra = 0): Expression {
  if (stops.length === 1) return ['literal', (stops[0]?.[1] ?? 0) + extra];
  return ['interpolate', ['exponential', 1.5], ['zoom'], ...stops.flatMap(([z, v]) => [z, v + extra])];
}

function roadLayers(theme: Theme, src: BasemapSource): LayerSpecification[] {
  const { classProperty, classes, fallback, casingWidth } = theme.roads;
  const names = Object.keys(classes);
  const source = BASEMAP_SOURCE_IDS.roads;
  const get: Expression = ['get', classProperty];
  const groups: { id: string; filter: Expression; style: LineClassStyle }[] = [
    { id: 'other', filter: ['!', ['in', ['to-string', get], ['literal', names]]], style: fallback },
    ...names.map((name) => ({ id: name, filter: ['==', ['to-string', get], name] as Expression, style: classes[name] as LineClassStyle })),
  ];
  const base = (g: (typeof groups)[number]) => ({
    source,
    ...sourceLayerOf(src),
    filter: g.filter as never,
    ...(g.style.minzoom ? { minzoom: g.style.minzoom } : {}),
    layout: { 'line-join': 'round', 'line-cap': 'round' } as const,
  });
  // All casings first, then all fills: crossings of two classes then look joined, not stacked.
  const casings: LayerSpecification[] = groups
    .filter((g) => g.style.casing)
    .map((g) => ({
      id: `roads-casing-${g.id}`,
      type: 'line',
      ...base(g),
      paint: { 'line-color': g.style.casing as string, 'line-width': zoomInterpolate(g.style.width, casingWidth * 2) as never },
    }));
  const fills: LayerSpecification[] = groups.map((g) => ({
    id: `roads-${g.id}`,
    type: 'line',
    ...base(g),
    paint: { 'line-color': g.style.color, 'line-width': zoomInterpolate(g.style.width) as never },
  }));
  const labels: LayerSpecification[] = [];
  const l = theme.roads.labels;
  if (l) {
    labels.push({
      id: 'roads-label',
      type: 'symbol',
      source,
      ...sourceLayerOf(src),
      minzoom: l.minzoom,
      filter: ['has', l.property],
      layout: {
        'symbol-placement': 'line',
        'text-field': ['get', l.property],
        'text-size': l.size,
        'text-max-angle': 30,
        'text-padding': 4,
      },
      paint: { 'text-color': l.color, 'text-halo-color': l.halo, 'text-halo-width': 1.5 },
    });
  }
  return [...casings, ...fills, ...labels];
}

function buildingLayers(theme: Theme, src: BasemapSource): LayerSpecification[] {
  const b = theme.buildings;
  const entries = Object.entries(b.colors);
  const color: Expression = entries.length
    ? ['match', ['to-string', ['get', b.classProperty]], ...entries.flat(), b.fallback]
    : ['literal', b.fallback];
  return [
    {
      id: 'buildings-fill',
      type: 'fill',
      source: BASEMAP_SOURCE_IDS.buildings,
      ...sourceLayerOf(src),
      ...(b.minzoom ? { minzoom: b.minzoom } : {}),
      paint: { 'fill-color': color as never, 'fill-opacity': b.opacity, 'fill-outline-color': b.outline },
    },
  ];
}

/**
 * Builds the style for a theme and the given basemap sources.
 * @param theme colours and widths, e.g. {@link lightTheme}.
 * @param sources the basemap inputs; absent ones give no layers (and no source).
 * @returns a complete style (version 8) without `glyphs` or `sprite`: nothing is fetched for it.
 * @example new maplibregl.Map({ container, style: buildStyle(lightTheme, { roads: { type: 'geojson', data: EMPTY_COLLECTION } }) })
 */
export function buildStyle(theme: Theme, sources: BasemapSources): StyleSpecification {
  const styleSources: Record<string, SourceSpecification> = {};
  const layers: LayerSpecification[] = [{ id: 'background', type: 'background', paint: { 'background-color': theme.background } }];
  // Buildings below roads: at this scale roads pass between buildings, and labels must sit on top.
  if (sources.buildings) {
    styleSources[BASEMAP_SOURCE_IDS.buildings] = sourceSpec(sources.buildings);
    layers.push(...buildingLayers(theme, sources.buildings));
  }
  if (sources.roads) {
    styleSources[BASEMAP_SOURCE_IDS.roads] = sourceSpec(sources.roads);
    layers.push(...roadLayers(theme, sources.roads));
  }
  return { version: 8, name: `fire-one-map-${theme.name}`, sources: styleSources, layers };
}
