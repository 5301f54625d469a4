import { describe, expect, it } from 'vitest';
import { BASEMAP_LAYER_OPTIONS, basemapCutLayers, buildingUse, landuseClass, parseCount, parseHeight, roadClassOfHighway, waterAreaKind } from './schema.ts';
import { ENUMS } from '../sources/contract/enums.ts';

const contractValues = (name: 'road_class' | 'building_use'): string[] => ENUMS[name].values.map((v) => v.value);

describe('basemap schema', () => {
  it('maps OSM highways onto the data contract road classes', () => {
    expect(roadClassOfHighway('primary')).toBe('arterial');
    expect(roadClassOfHighway('tertiary')).toBe('collector');
    expect(roadClassOfHighway('residential')).toBe('local');
    expect(roadClassOfHighway('footway')).toBe('alley');
    expect(roadClassOfHighway('service')).toBe('service');
    expect(roadClassOfHighway('proposed')).toBeUndefined();
    for (const h of ['motorway', 'secondary', 'living_street', 'track', 'steps']) expect(contractValues('road_class')).toContain(roadClassOfHighway(h));
  });

  it('maps OSM buildings onto the data contract building uses', () => {
    expect(buildingUse({ building: 'apartments' })).toBe('residential');
    expect(buildingUse({ building: 'yes', amenity: 'school' })).toBe('school');
    expect(buildingUse({ building: 'yes', shop: 'bakery' })).toBe('commercial');
    expect(buildingUse({ building: 'industrial' })).toBe('factory');
    expect(buildingUse({ building: 'yes' })).toBe('other');
    for (const b of ['house', 'warehouse', 'hospital', 'office', 'church', 'hut', 'garage']) expect(contractValues('building_use')).toContain(buildingUse({ building: b }));
  });

  it('classifies land use and water areas', () => {
    expect(landuseClass({ landuse: 'industrial' })).toBe('industrial');
    expect(landuseClass({ landuse: 'retail' })).toBe('commercial');
    expect(landuseClass({ leisure: 'park' })).toBe('green');
    expect(landuseClass({ natural: 'wood' })).toBe('green');
    expect(landuseClass({ landuse: 'military' })).toBeUndefined();
    expect(waterAreaKind({ natural: 'water', water: 'lake' })).toBe('lake');
    expect(waterAreaKind({ landuse: 'reservoir' })).toBe('reservoir');
  });

  it('reads heights and counts as OSM writes them', () => {
    expect(parseHeight('12')).toBe(12);
    expect(parseHeight('12.5 m')).toBe(12.5);
    expect(parseHeight('7,5m')).toBe(7.5);
    expect(parseHeight("40'")).toBeCloseTo(12.2, 1);
    expect(parseHeight('tall')).toBeUndefined();
    expect(parseCount('3')).toBe(3);
    expect(parseCount('2.5')).toBe(2);
    expect(parseCount('x')).toBeUndefined();
  });

  it('gives every layer its options and keeps only layers given', () => {
    const layers = basemapCutLayers({ roads: [], buildings: [] });
    expect(layers.map((l) => l.name)).toEqual(['roads', 'buildings']);
    expect(BASEMAP_LAYER_OPTIONS.roads.featureMinZoom!({ class: 'service' }, 'LineString')).toBe(14);
    expect(BASEMAP_LAYER_OPTIONS.roads.featureMinZoom!({ class: 'arterial', subclass: 'primary' }, 'LineString')).toBe(10);
    expect(BASEMAP_LAYER_OPTIONS.places.featureMinZoom!({ kind: 'city' }, 'Point')).toBe(10);
  });

  it('classes school and hospital grounds as public land use, but not the same tags on a building', () => {
    expect(landuseClass({ landuse: 'education' })).toBe('public');
    expect(landuseClass({ amenity: 'hospital' })).toBe('public');
    expect(landuseClass({ amenity: 'school', building: 'school' })).toBeUndefined();
    expect(landuseClass({ amenity: 'parking' })).toBeUndefined();
  });

  it('shows district outlines from z10, communities from z11, grid cells from z13, named sites from z15', () => {
    const boundary = BASEMAP_LAYER_OPTIONS.boundaries.featureMinZoom!;
    expect(boundary({ kind: 'administrative', admin_level: 2 }, 'LineString')).toBe(10);
    expect(boundary({ kind: 'administrative', admin_level: 8 }, 'LineString')).toBe(10);
    expect(boundary({ kind: 'administrative', admin_level: 10 }, 'LineString')).toBe(11);
    expect(boundary({ kind: 'grid' }, 'LineString')).toBe(13);
    expect(BASEMAP_LAYER_OPTIONS.boundaries.properties).toEqual(['kind', 'admin_level']);
    const place = BASEMAP_LAYER_OPTIONS.places.featureMinZoom!;
    expect(place({ kind: 'suburb' }, 'Point')).toBe(12);
    expect(place({ kind: 'quarter' }, 'Point')).toBe(13);
    expect(place({ kind: 'school' }, 'Point')).toBe(15);
  });
});
