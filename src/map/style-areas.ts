/**
 * Area, boundary and place layers: land use, water, buildings (fill and outline, coloured by use),
 * dashed boundaries (district, community, grid) and place names.
 *
 * Few shader programs: fills have no antialiasing outline (`fill-antialias: false`; buildings get a
 * real outline layer instead), and sizes and widths are zoom functions, not per-feature values. A
 * CPU renderer (SwiftShader) compiles every program variant on first use, which is most of the
 * time to the first map there.
 */
import { fromLayer, geometryIs, labelParts, zoomInterpolate, type Expression, type LayerSpecification } from './style-expr.ts';
import { BOUNDARY_LEVELS, scaleStops, type BoundaryKind, type Theme } from './theme.ts';

/** `['match', <class>, v1, colour1, …, fallback]`, or the fallback alone when there are no classes. */
function colourMatch(property: string, colors: Readonly<Record<string, string>>, fallback: string): Expression {
  const entries = Object.entries(colors);
  return entries.length ? ['match', ['to-string', ['get', property]], ...entries.flat(), fallback] : ['literal', fallback];
}

/** Land use: one fill layer, coloured by class; classes the theme does not name are not drawn. */
export function landuseLayers(theme: Theme): LayerSpecification[] {
  const l = theme.landuse;
  const classes = Object.keys(l.colors);
  if (!classes.length) return [];
  return [{
    id: 'landuse',
    type: 'fill',
    ...fromLayer('landuse'),
    filter: ['all', geometryIs('Polygon'), ['in', ['to-string', ['get', l.classProperty]], ['literal', classes]]] as never,
    paint: { 'fill-color': colourMatch(l.classProperty, l.colors, 'transparent') as never, 'fill-opacity': l.opacity, 'fill-antialias': false },
  }];
}

/** Water: areas (lakes, river areas) and waterway lines, rivers and canals twice as wide as streams. */
export function waterLayers(theme: Theme): LayerSpecification[] {
  const wt = theme.water;
  const wide: Expression = ['in', ['get', 'kind'], ['literal', ['river', 'canal']]];
  const line = (id: string, filter: Expression, factor: number): LayerSpecification => ({
    id,
    type: 'line',
    ...fromLayer('water'),
    filter: ['all', geometryIs('LineString'), filter] as never,
    layout: { 'line-join': 'round', 'line-cap': 'round' },
    paint: { 'line-color': wt.line, 'line-width': zoomInterpolate(scaleStops(wt.lineWidth, factor)) as never },
  });
  return [
    { id: 'water-area', type: 'fill', ...fromLayer('water'), filter: geometryIs('Polygon') as never, paint: { 'fill-color': wt.fill, 'fill-antialias': false } },
    line('water-line', ['!', wide], 1),
    line('water-line-wide', wide, 2),
  ];
}

/** Buildings: a fill coloured by use and an outline that appears once footprints are big enough. */
export function buildingLayers(theme: Theme): LayerSpecification[] {
  const b = theme.buildings;
  const minzoom = b.minzoom ? { minzoom: b.minzoom } : {};
  return [
    {
      id: 'buildings-fill',
      type: 'fill',
      ...fromLayer('buildings'),
      ...minzoom,
      filter: geometryIs('Polygon') as never,
      paint: { 'fill-color': colourMatch(b.classProperty, b.colors, b.fallback) as never, 'fill-opacity': b.opacity, 'fill-antialias': false },
    },
    {
      id: 'buildings-outline',
      type: 'line',
      ...fromLayer('buildings'),
      minzoom: Math.max(b.minzoom ?? 0, 14),
      filter: geometryIs('Polygon') as never,
      paint: { 'line-color': b.outline, 'line-width': b.outlineWidth, 'line-opacity': b.opacity },
    },
  ];
}

/** Boundaries: one dashed line layer per kind, the district on top. */
export function boundaryLayers(theme: Theme): LayerSpecification[] {
  const kinds: BoundaryKind[] = ['grid', 'community', 'district'];
  // A line without a level (a grid edge) counts as the highest level: a grid line.
  const level: Expression = ['to-number', ['get', 'admin_level'], 99];
  const gridLine: Expression = ['==', ['get', 'kind'], 'grid'];
  return kinds.map((kind) => {
    const s = theme.boundaries[kind];
    const [lo, hi] = BOUNDARY_LEVELS[kind];
    const byLevel: Expression = ['all', ['>=', level, lo], ['<=', level, hi]];
    const filter: Expression = kind === 'grid' ? ['any', gridLine, byLevel] : ['all', ['!', gridLine], byLevel];
    return {
      id: `boundaries-${kind}`,
      type: 'line',
      ...fromLayer('boundaries'),
      ...(s.minzoom ? { minzoom: s.minzoom } : {}),
      filter: filter as never,
      layout: { 'line-join': 'round' },
      paint: {
        'line-color': s.color,
        'line-width': zoomInterpolate(s.width) as never,
        'line-dasharray': [...s.dash],
        'line-opacity': s.opacity,
      },
    };
  });
}

/**
 * Kinds of place drawn a size larger (cities, towns, and the street office, a `suburb` in the
 * schema) and a size smaller (hamlets, neighbourhoods, named sites such as schools) than the rest
 * (villages, quarters: in the demo, the communities).
 */
const MAJOR_PLACES = ['country', 'state', 'city', 'town', 'suburb'];
const MINOR_PLACES = [
  'hamlet', 'isolated_dwelling', 'locality', 'square', 'neighbourhood',
  'school', 'kindergarten', 'hospital', 'nursing_home', 'marketplace', 'mall', 'park',
];

/**
 * Place names: larger for larger places, the most populous first when they collide. Three layers
 * (major, normal, minor) with zoom-only sizes rather than one with a per-feature size: the label
 * shader then needs no per-feature size variant. Major places are placed first.
 */
export function placeLayers(theme: Theme): LayerSpecification[] {
  const p = theme.places;
  if (!p) return [];
  const { layout, paint } = labelParts(theme, p);
  const kind: Expression = ['to-string', ['get', 'kind']];
  const named: Expression = ['any', ['has', 'name:zh'], ['has', 'name']];
  const layer = (id: string, filter: Expression, factor: number): LayerSpecification => ({
    id,
    type: 'symbol',
    ...fromLayer('places'),
    minzoom: p.minzoom,
    filter: ['all', geometryIs('Point'), named, filter] as never,
    layout: {
      ...layout,
      'text-size': zoomInterpolate(scaleStops(p.size, factor)),
      'text-max-width': 8,
      'text-padding': 6,
      'symbol-sort-key': ['-', 0, ['to-number', ['get', 'population'], 0]],
    } as never,
    paint: paint as never,
  });
  // Drawn (and placed) in reverse: the last layer wins collisions, so major places go last.
  return [
    layer('places-label-minor', ['in', kind, ['literal', MINOR_PLACES]], 0.85),
    layer('places-label', ['!', ['in', kind, ['literal', [...MAJOR_PLACES, ...MINOR_PLACES]]]], 1),
    layer('places-label-major', ['in', kind, ['literal', MAJOR_PLACES]], 1.2),
  ];
}
