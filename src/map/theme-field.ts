/**
 * The field theme, for a phone outdoors: bright ground, dark road casings and near-black labels
 * with white halos, so the map survives sunlight on a small screen; labels and roads are larger
 * than in the light theme because a thumb, not a mouse, zooms the map.
 */
import type { Theme } from './theme.ts';
import { CJK_FONT_FAMILY, FONT_STACKS, lightTheme } from './theme-light.ts';
import { w } from './theme-util.ts';

export const fieldTheme: Theme = {
  name: 'field',
  background: '#fbfaf5',
  fontFamily: CJK_FONT_FAMILY,
  fonts: FONT_STACKS,
  landuse: {
    classProperty: 'class',
    colors: { residential: '#f1ede4', commercial: '#f7e4dc', industrial: '#e9e4f0', green: '#cfe6bf', public: '#f2efd6' },
    opacity: 1,
  },
  water: { fill: '#8fc1e8', line: '#5fa3d6', lineWidth: w([12, 1], [18, 7]) },
  roads: {
    classProperty: 'class',
    casingWidth: 1.5,
    tunnelOpacity: 0.5,
    classes: {
      alley: { color: '#ffffff', casing: '#8d867a', width: w([14, 1], [18, 7]), minzoom: 13 },
      other: { color: '#ffffff', casing: '#8d867a', width: w([14, 1], [18, 6]), minzoom: 13 },
      service: { color: '#ffffff', casing: '#8d867a', width: w([14, 1], [18, 7]), minzoom: 13 },
      local: { color: '#ffffff', casing: '#6f695f', width: w([12, 1.2], [18, 13]) },
      collector: { color: '#fff0b8', casing: '#8a6f2a', width: w([11, 1.5], [18, 18]) },
      arterial: { color: '#ffc93c', casing: '#7a5410', width: w([10, 2], [18, 24]) },
    },
    fallback: { color: '#ffffff', casing: '#8d867a', width: w([13, 1], [18, 7]) },
    oneway: { color: '#4a453d', size: 14, minzoom: 16 },
    labels: { color: '#111111', halo: '#ffffff', haloWidth: 2.5, size: w([14, 14], [18, 19]), minzoom: 14, weight: 'bold' },
  },
  buildings: {
    ...lightTheme.buildings,
    fallback: '#d8d2c6',
    outline: '#8f887b',
    outlineWidth: 1,
  },
  boundaries: {
    district: { color: '#6a3d8f', width: w([10, 1.5], [16, 3.5]), dash: [3, 2], opacity: 1 },
    community: { color: '#7f5ba0', width: w([12, 1.2], [16, 2.5]), dash: [2, 2], opacity: 0.95, minzoom: 12 },
    grid: { color: '#9b83b3', width: w([14, 1], [18, 2]), dash: [1, 2], opacity: 0.9, minzoom: 14 },
  },
  places: { color: '#111111', halo: '#ffffff', haloWidth: 3, size: w([10, 15], [16, 21]), minzoom: 10, weight: 'bold' },
};
