/**
 * The basemap's tile schema: layer names, their fields and values, and at which zoom each kind of
 * feature appears. One schema for every input (OpenStreetMap extracts and the demo district's exports),
 * so the style the map builds from code works on either. docs/basemap-schema.md is the full reference.
 *
 * | layer      | geometry         | fields                                                          |
 * |------------|------------------|-----------------------------------------------------------------|
 * | water      | polygon, line    | kind (water, pond, river, stream, canal, ditch, drain, ...), name |
 * | landuse    | polygon          | class (industrial, residential, commercial, public, green), kind (finer: OSM value or demo kind) |
 * | roads      | line             | class (road_class of the data contract), subclass (OSM highway), name, name:zh, oneway (true = along the line), bridge, tunnel, ref |
 * | buildings  | polygon          | use (building_use of the data contract), height (m), levels, name |
 * | places     | point            | kind (city, town, village, suburb, quarter, neighbourhood, ... and named sites: school, hospital, ...), name, name:zh, population |
 * | boundaries | line             | kind (administrative, grid), admin_level (number; administrative only) |
 *
 * Road classes and building uses are the data contract's enumerations (docs/data-contract.md), so a road
 * from OpenStreetMap and a road from a district export are drawn alike.
 */
import type { CutLayer } from './cut.ts';

export const BASEMAP_LAYERS = ['water', 'landuse', 'roads', 'buildings', 'places', 'boundaries'] as const;
export type BasemapLayer = (typeof BASEMAP_LAYERS)[number];

/** Road class (data contract `road_class`) → first zoom it is drawn at. */
const ROAD_CLASS_MINZOOM: Record<string, number> = { arterial: 10, collector: 11, local: 13, service: 14, alley: 14, other: 14 };
/** OSM highway values with a zoom of their own, finer than their class. */
const ROAD_SUBCLASS_MINZOOM: Record<string, number> = { secondary: 11, secondary_link: 12, tertiary: 12, tertiary_link: 13, primary_link: 11 };
const PLACE_MINZOOM: Record<string, number> = { city: 10, town: 10, village: 11, suburb: 12, hamlet: 12, quarter: 13, industrial: 14, neighbourhood: 14, locality: 14, isolated_dwelling: 14 };
/** Named sites (campuses, markets, parks) in the places layer: labels from this zoom. */
export const PLACE_SITE_MINZOOM = 15;
/** Grid cells (网格) in the boundaries layer: from this zoom. */
export const GRID_BOUNDARY_MINZOOM = 13;

/** First zoom of an administrative boundary by OSM admin_level (2 country … 8 street office/township … 10 community/village). */
export function adminBoundaryMinZoom(level: number): number {
  return level <= 8 ? 10 : 11;
}
const WATERWAY_MINZOOM: Record<string, number> = { river: 10, canal: 11, stream: 13, ditch: 14, drain: 14 };

/** Per-layer cutting options of the basemap (zoom ranges, kept fields, size filters). */
export const BASEMAP_LAYER_OPTIONS: Record<BasemapLayer, Omit<CutLayer, 'features'>> = {
  water: {
    name: 'water',
    properties: ['kind', 'name'],
    minSize: 3,
    featureMinZoom: (p, g) => (g.includes('LineString') ? WATERWAY_MINZOOM[String(p.kind)] ?? 13 : undefined),
    description: 'Lakes, reservoirs, river areas (polygons) and waterways (lines)',
  },
  landuse: {
    name: 'landuse',
    properties: ['class', 'kind'],
    minSize: 4,
    description: 'Land use areas: class industrial, residential, commercial, public or green',
  },
  roads: {
    name: 'roads',
    properties: ['class', 'subclass', 'name', 'name:zh', 'oneway', 'bridge', 'tunnel', 'ref'],
    featureMinZoom: (p) => ROAD_SUBCLASS_MINZOOM[String(p.subclass)] ?? ROAD_CLASS_MINZOOM[String(p.class)] ?? 14,
    description: 'Roads and paths; class is the data contract road_class',
  },
  buildings: {
    name: 'buildings',
    minzoom: 13,
    properties: ['use', 'height', 'levels', 'name'],
    minSize: 2,
    description: 'Building footprints; use is the data contract building_use',
  },
  places: {
    name: 'places',
    properties: ['kind', 'name', 'name:zh', 'population'],
    featureMinZoom: (p) => PLACE_MINZOOM[String(p.kind)] ?? PLACE_SITE_MINZOOM,
    description: 'Named places and sites (points) for labels',
  },
  boundaries: {
    name: 'boundaries',
    properties: ['kind', 'admin_level'],
    featureMinZoom: (p) => (p.kind === 'grid' ? GRID_BOUNDARY_MINZOOM : adminBoundaryMinZoom(Number(p.admin_level))),
    description: 'Administrative boundary lines (kind administrative, admin_level) and grid cell outlines (kind grid)',
  },
};

/** Build the cut layers of the basemap from features per layer (absent layers are left out). */
export function basemapCutLayers(features: Partial<Record<BasemapLayer, GeoJSON.Feature[]>>): CutLayer[] {
  return BASEMAP_LAYERS.filter((name) => features[name]).map((name) => ({ ...BASEMAP_LAYER_OPTIONS[name], features: features[name]! }));
}

/** OSM highway value → data contract road class; undefined for highways that are not roads (platforms, proposed, ...). */
export function roadClassOfHighway(highway: string): string | undefined {
  switch (highway) {
    case 'motorway': case 'motorway_link': case 'trunk': case 'trunk_link': case 'primary': case 'primary_link':
      return 'arterial';
    case 'secondary': case 'secondary_link': case 'tertiary': case 'tertiary_link':
      return 'collector';
    case 'residential': case 'unclassified': case 'living_street': case 'road': case 'busway':
      return 'local';
    case 'service':
      return 'service';
    case 'pedestrian': case 'footway': case 'path': case 'steps': case 'cycleway': case 'bridleway': case 'corridor':
      return 'alley';
    case 'track':
      return 'other';
    default:
      return undefined;
  }
}

/**
 * OSM building value (plus amenity/shop/office on the same way) → data contract building_use.
 * `building=yes` says nothing, so the other tags decide; otherwise 'other'.
 */
export function buildingUse(tags: Readonly<Record<string, string>>): string {
  const b = tags.building ?? 'yes';
  const byValue: Record<string, string> = {
    residential: 'residential', apartments: 'residential', house: 'residential', detached: 'residential',
    semidetached_house: 'residential', terrace: 'residential', dormitory: 'residential', bungalow: 'residential',
    farm: 'selfbuilt_house', hut: 'selfbuilt_house', cabin: 'selfbuilt_house',
    industrial: 'factory', manufacture: 'factory', factory: 'factory',
    warehouse: 'warehouse', storage_tank: 'warehouse', barn: 'warehouse', shed: 'warehouse', garage: 'other', garages: 'other',
    commercial: 'commercial', retail: 'commercial', supermarket: 'commercial', kiosk: 'commercial', hotel: 'commercial',
    office: 'office',
    school: 'school', university: 'school', college: 'school', kindergarten: 'school',
    hospital: 'hospital', clinic: 'hospital',
    public: 'public', civic: 'public', government: 'public', church: 'public', chapel: 'public', cathedral: 'public',
    train_station: 'public', transportation: 'public', sports_hall: 'public', fire_station: 'public',
  };
  const direct = byValue[b];
  if (direct) return direct;
  const amenity = tags.amenity;
  if (amenity === 'school' || amenity === 'university' || amenity === 'college' || amenity === 'kindergarten') return 'school';
  if (amenity === 'hospital' || amenity === 'clinic') return 'hospital';
  if (amenity === 'nursing_home' || tags.social_facility === 'nursing_home') return 'elderly_care';
  if (amenity) return 'public';
  if (tags.shop || tags.tourism === 'hotel') return 'commercial';
  if (tags.office) return 'office';
  return 'other';
}

/** Land use class of an OSM area, or undefined. */
export function landuseClass(tags: Readonly<Record<string, string>>): string | undefined {
  const lu = tags.landuse;
  if (lu === 'industrial' || lu === 'railway' || lu === 'quarry') return 'industrial';
  if (lu === 'residential') return 'residential';
  if (lu === 'commercial' || lu === 'retail') return 'commercial';
  if (lu === 'education' || lu === 'institutional' || lu === 'religious') return 'public';
  // School and hospital grounds; the same tag on a building is the building's use, not land use.
  const am = tags.building && tags.building !== 'no' ? undefined : tags.amenity;
  if (am === 'school' || am === 'university' || am === 'college' || am === 'kindergarten' || am === 'hospital' || am === 'clinic') return 'public';
  const greenLanduse = ['grass', 'meadow', 'forest', 'recreation_ground', 'village_green', 'allotments', 'orchard', 'vineyard', 'cemetery', 'farmland'];
  if (lu && greenLanduse.includes(lu)) return 'green';
  const le = tags.leisure;
  if (le === 'park' || le === 'garden' || le === 'golf_course' || le === 'nature_reserve' || le === 'pitch') return 'green';
  const nat = tags.natural;
  if (nat === 'wood' || nat === 'scrub' || nat === 'grassland' || nat === 'heath') return 'green';
  return undefined;
}

/** The raw OSM value behind a land use class (for finer styling). */
export function landuseKind(tags: Readonly<Record<string, string>>): string | undefined {
  return tags.landuse ?? tags.leisure ?? tags.natural ?? tags.amenity;
}

/** Water kind of an OSM area (polygon), or undefined. */
export function waterAreaKind(tags: Readonly<Record<string, string>>): string | undefined {
  if (tags.natural === 'water') return tags.water ?? 'water';
  if (tags.waterway === 'riverbank' || tags.waterway === 'dock') return 'river';
  if (tags.landuse === 'reservoir' || tags.landuse === 'basin') return tags.landuse;
  return undefined;
}

/** Water kind of an OSM line (waterway), or undefined. */
export function waterwayKind(tags: Readonly<Record<string, string>>): string | undefined {
  const w = tags.waterway;
  return w === 'river' || w === 'stream' || w === 'canal' || w === 'ditch' || w === 'drain' ? w : undefined;
}

/** "12", "12 m", "12.5m", "40'" / "40 ft" → metres; undefined when unreadable. */
export function parseHeight(raw: string | undefined): number | undefined {
  if (!raw) return undefined;
  const m = /^\s*(\d+(?:[.,]\d+)?)\s*(m|ft|'|)\s*$/i.exec(raw);
  if (!m) return undefined;
  const value = Number(m[1]!.replace(',', '.'));
  const metres = m[2] === 'ft' || m[2] === "'" ? value * 0.3048 : value;
  return Number.isFinite(metres) && metres > 0 && metres < 1000 ? Math.round(metres * 10) / 10 : undefined;
}

/** Non-negative integer from a tag ("3", "3.5" → 3); undefined otherwise. */
export function parseCount(raw: string | undefined): number | undefined {
  if (!raw) return undefined;
  const n = Number.parseFloat(raw.replace(',', '.'));
  return Number.isFinite(n) && n >= 0 && n < 1e9 ? Math.floor(n) : undefined;
}
