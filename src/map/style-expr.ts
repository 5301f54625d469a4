/**
 * What the style builders share: style-spec types (derived from MapLibre's public API), the basemap
 * source id and the tile layers it reads, and small expression helpers.
 */
import type { MapOptions } from 'maplibre-gl';
import type { LabelStyle, Theme, ZoomStops } from './theme.ts';

// maplibre-gl 6 does not re-export the style-spec types; derive them from its public API instead of
// importing the transitive @maplibre/maplibre-gl-style-spec package.
/** A MapLibre style document. */
export type StyleSpecification = Exclude<MapOptions['style'], string | undefined>;
export type LayerSpecification = StyleSpecification['layers'][number];
export type SourceSpecification = StyleSpecification['sources'][string];
export type Expression = unknown[];

/** The id of the basemap's vector source in the style. */
export const BASEMAP_SOURCE_ID = 'basemap';

/**
 * The tile layers the style reads (the basemap tile schema, see docs/basemap-schema.md and
 * src/tiles/schema.ts; style.test.ts checks that these names are the schema's).
 */
export const SOURCE_LAYERS = {
  water: 'water',
  landuse: 'landuse',
  roads: 'roads',
  buildings: 'buildings',
  places: 'places',
  boundaries: 'boundaries',
} as const;

/**
 * Where the basemap comes from: a vector tile source described in full (tile URL template, zoom
 * range, bounds, attribution), so MapLibre asks for tiles as soon as the style loads instead of
 * first fetching a TileJSON document.
 */
export interface BasemapStyleSource {
  /** Tile URL templates, e.g. `pmtiles://http://host/tiles/basemap.pmtiles/{z}/{x}/{y}.mvt`. */
  readonly tiles: readonly string[];
  /** Zoom range stored in the archive; MapLibre overzooms beyond `maxzoom`. */
  readonly minzoom: number;
  readonly maxzoom: number;
  /** [west, south, east, north]: no tile is asked for outside. */
  readonly bounds?: readonly [number, number, number, number];
  /** The archive's attribution (e.g. © OpenStreetMap contributors), shown by the attribution control. */
  readonly attribution?: string;
}

/** `source` and `source-layer` of a basemap layer. */
export function fromLayer(layer: keyof typeof SOURCE_LAYERS): { source: string; 'source-layer': string } {
  return { source: BASEMAP_SOURCE_ID, 'source-layer': SOURCE_LAYERS[layer] };
}

/** `[zoom, v]` stops as an exponential interpolate expression, with `extra` pixels added to each value. */
export function zoomInterpolate(stops: ZoomStops, extra = 0): Expression {
  if (stops.length === 1) return ['literal', (stops[0]?.[1] ?? 0) + extra];
  return ['interpolate', ['exponential', 1.5], ['zoom'], ...stops.flatMap(([z, v]) => [z, v + extra])];
}

/** The label text of a feature: its Chinese name where the data has one, else its name. */
export const NAME_EXPRESSION: Expression = ['coalesce', ['get', 'name:zh'], ['get', 'name']];

/** The geometry-type filter for lines or polygons (tiles may mix both in one layer, e.g. water). */
export function geometryIs(kind: 'LineString' | 'Polygon' | 'Point'): Expression {
  return ['==', ['geometry-type'], kind];
}

/** Paint and layout shared by every text label of a theme. */
export function labelParts(theme: Theme, label: LabelStyle): { layout: Record<string, unknown>; paint: Record<string, unknown> } {
  return {
    layout: {
      'text-field': NAME_EXPRESSION,
      'text-font': [...(label.weight === 'bold' ? theme.fonts.bold : theme.fonts.regular)],
      'text-size': zoomInterpolate(label.size),
    },
    paint: { 'text-color': label.color, 'text-halo-color': label.halo, 'text-halo-width': label.haloWidth, 'text-halo-blur': 0.5 },
  };
}
