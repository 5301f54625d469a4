/**
 * Road layers: roads in tunnels (faint, below everything), casings of every class, then the fills, so
 * two classes that cross look joined rather than stacked; then one-way arrows and road names. Widths
 * grow with zoom per class.
 *
 * Paint values are constants or zoom functions, never per-feature expressions: every road layer
 * then shares one shader program, which matters on a CPU renderer (SwiftShader compiles each
 * program variant on first use, at a cost of a noticeable fraction of a second).
 */
import { fromLayer, geometryIs, labelParts, zoomInterpolate, type Expression, type LayerSpecification } from './style-expr.ts';
import type { LineClassStyle, Theme } from './theme.ts';

/** Road layers for a theme, bottom to top. */
export function roadLayers(theme: Theme): LayerSpecification[] {
  const { classProperty, classes, fallback, casingWidth, tunnelOpacity } = theme.roads;
  const names = Object.keys(classes);
  const get: Expression = ['to-string', ['get', classProperty]];
  const groups: { id: string; filter: Expression; style: LineClassStyle }[] = [
    { id: 'unknown', filter: ['!', ['in', get, ['literal', names]]], style: fallback },
    ...names.map((name) => ({ id: name, filter: ['==', get, name] as Expression, style: classes[name] as LineClassStyle })),
  ];
  const inTunnel: Expression = ['==', ['get', 'tunnel'], true];
  const base = (g: (typeof groups)[number]) => ({
    ...fromLayer('roads'),
    filter: ['all', geometryIs('LineString'), ['!', inTunnel], g.filter] as never,
    ...(g.style.minzoom ? { minzoom: g.style.minzoom } : {}),
    layout: { 'line-join': 'round', 'line-cap': 'round' } as const,
  });
  // Roads in tunnels, one faint layer: they are there, but not where a fire engine can turn in.
  const local = classes['local'] ?? fallback;
  const tunnels: LayerSpecification = {
    id: 'roads-tunnel',
    type: 'line',
    ...fromLayer('roads'),
    filter: ['all', geometryIs('LineString'), inTunnel] as never,
    layout: { 'line-join': 'round', 'line-cap': 'butt' },
    paint: { 'line-color': local.casing ?? local.color, 'line-width': zoomInterpolate(local.width) as never, 'line-opacity': tunnelOpacity },
  };
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
  return [tunnels, ...casings, ...fills, ...onewayLayers(theme), ...roadLabelLayers(theme)];
}

/**
 * Arrows along one-way roads without a sprite: an arrow character placed along the line and never
 * flipped upright, so it points the way the line is drawn (the schema's `oneway: true` means "along
 * the line"). The character is drawn from local fonts like every other label.
 */
function onewayLayers(theme: Theme): LayerSpecification[] {
  const o = theme.roads.oneway;
  if (!o) return [];
  return [{
    id: 'roads-oneway',
    type: 'symbol',
    ...fromLayer('roads'),
    minzoom: o.minzoom,
    filter: ['all', geometryIs('LineString'), ['==', ['get', 'oneway'], true]] as never,
    layout: {
      'symbol-placement': 'line',
      'symbol-spacing': 90,
      'text-field': '→',
      'text-font': [...theme.fonts.regular],
      'text-size': o.size,
      'text-keep-upright': false,
      'text-rotation-alignment': 'map',
      'text-padding': 2,
    },
    paint: { 'text-color': o.color, 'text-opacity': 0.9 },
  }];
}

function roadLabelLayers(theme: Theme): LayerSpecification[] {
  const l = theme.roads.labels;
  if (!l) return [];
  const { layout, paint } = labelParts(theme, l);
  return [{
    id: 'roads-label',
    type: 'symbol',
    ...fromLayer('roads'),
    minzoom: l.minzoom,
    filter: ['all', geometryIs('LineString'), ['any', ['has', 'name:zh'], ['has', 'name']]] as never,
    layout: {
      ...layout,
      'symbol-placement': 'line',
      'text-max-angle': 30,
      'text-padding': 4,
      'symbol-spacing': 300,
      // Major roads win the space when names collide.
      'symbol-sort-key': ['match', ['get', 'class'], 'arterial', 0, 'collector', 1, 'local', 2, 3],
    } as never,
    paint: paint as never,
  }];
}
