/**
 * The MapLibre style, built by code from a theme and the basemap's vector source (the PMTiles
 * archive). Nothing here is fire safety: the basemap is land use, water, buildings, roads,
 * boundaries and place names of the basemap tile schema (docs/basemap-schema.md).
 *
 * Layer order, bottom to top: background, land use, water, buildings, roads (casings, fills),
 * boundaries, one-way arrows, road names, place names. Symbols come last so nothing covers them.
 *
 * Invariants (checked by style.test.ts for every theme): layer ids are unique, every layer names a
 * source of the style and a layer of the tile schema, the style is valid, and there is no `glyphs`
 * or `sprite` URL, so labels are drawn from local fonts and the map asks no server for anything.
 */
import { boundaryLayers, buildingLayers, landuseLayers, placeLayers, waterLayers } from './style-areas.ts';
import { BASEMAP_SOURCE_ID, type BasemapStyleSource, type LayerSpecification, type StyleSpecification } from './style-expr.ts';
import { roadLayers } from './style-roads.ts';
import type { Theme } from './theme.ts';

export {
  BASEMAP_SOURCE_ID,
  SOURCE_LAYERS,
  zoomInterpolate,
  type BasemapStyleSource,
  type LayerSpecification,
  type SourceSpecification,
  type StyleSpecification,
} from './style-expr.ts';

/** Ids of the label layers (symbols), for tests and for hiding labels later. */
export const LABEL_LAYER_IDS = ['roads-label', 'places-label-minor', 'places-label', 'places-label-major'] as const;

/**
 * Builds the whole style for a theme.
 * @param theme colours, widths and label sizes, e.g. {@link lightTheme}.
 * @param basemap the vector source; null draws only the background (no archive, or not known yet).
 * @returns a complete style (version 8) without `glyphs` or `sprite`: nothing is fetched for it
 *   beyond the basemap's own tiles.
 * @example new maplibregl.Map({ container, style: buildStyle(lightTheme, pmtilesStyleSource('https://host/tiles/basemap.pmtiles', info)) })
 */
export function buildStyle(theme: Theme, basemap: BasemapStyleSource | null): StyleSpecification {
  const layers: LayerSpecification[] = [{ id: 'background', type: 'background', paint: { 'background-color': theme.background } }];
  const sources: StyleSpecification['sources'] = {};
  if (basemap) {
    sources[BASEMAP_SOURCE_ID] = {
      type: 'vector',
      tiles: [...basemap.tiles],
      minzoom: basemap.minzoom,
      maxzoom: basemap.maxzoom,
      ...(basemap.bounds ? { bounds: [...basemap.bounds] } : {}),
      ...(basemap.attribution ? { attribution: basemap.attribution } : {}),
    };
    const roads = roadLayers(theme);
    const isSymbol = (l: LayerSpecification) => l.type === 'symbol';
    layers.push(
      ...landuseLayers(theme),
      ...waterLayers(theme),
      ...buildingLayers(theme),
      ...roads.filter((l) => !isSymbol(l)),
      // Boundaries often run along street centres: above the road, below its arrows and name.
      ...boundaryLayers(theme),
      ...roads.filter(isSymbol),
      ...placeLayers(theme),
    );
  }
  return { version: 8, name: `fire-one-map-${theme.name}`, sources, layers };
}
