/**
 * The dark theme, for the wall display: read from across a room, so roads are thick and bright on
 * a near-black ground, labels are large with heavy halos, and boundaries stand out. The thematic
 * layers (hydrant status, premise groups) keep their own colours on top.
 */
import type { Theme } from './theme.ts';
import { FONT_STACKS, CJK_FONT_FAMILY } from './theme-light.ts';
import { w } from './theme-util.ts';

export const darkTheme: Theme = {
  name: 'dark',
  background: '#0d1015',
  fontFamily: CJK_FONT_FAMILY,
  fonts: FONT_STACKS,
  landuse: {
    classProperty: 'class',
    colors: { residential: '#161a21', commercial: '#1f171b', industrial: '#1b1924', green: '#102018', public: '#1d1d17' },
    opacity: 1,
  },
  water: { fill: '#0f2b44', line: '#1f5580', lineWidth: w([12, 1], [18, 7]) },
  roads: {
    classProperty: 'class',
    casingWidth: 1.5,
    tunnelOpacity: 0.5,
    classes: {
      alley: { color: '#4d545e', casing: '#000000', width: w([14, 1], [18, 7]), minzoom: 13 },
      other: { color: '#4d545e', casing: '#000000', width: w([14, 1], [18, 6]), minzoom: 13 },
      service: { color: '#5c636d', casing: '#000000', width: w([14, 1], [18, 8]), minzoom: 13 },
      local: { color: '#9aa4b0', casing: '#000000', width: w([12, 1.4], [18, 16]) },
      collector: { color: '#e9edf2', casing: '#000000', width: w([11, 1.8], [18, 22]) },
      arterial: { color: '#ffc94a', casing: '#000000', width: w([10, 2.5], [18, 30]) },
    },
    fallback: { color: '#5c636d', casing: '#000000', width: w([13, 1], [18, 8]) },
    oneway: { color: '#0d1015', size: 14, minzoom: 16 },
    labels: { color: '#ffffff', halo: '#000000', haloWidth: 2.5, size: w([14, 15], [18, 20]), minzoom: 14, weight: 'bold' },
  },
  buildings: {
    classProperty: 'use',
    colors: {
      residential: '#2b3039',
      selfbuilt_house: '#30313a',
      factory: '#2a2f3d',
      warehouse: '#282d3a',
      commercial: '#332e36',
      office: '#2c3140',
      school: '#2b3530',
      hospital: '#362d33',
      elderly_care: '#35302c',
      public: '#2d3433',
      mixed: '#332f2c',
    },
    fallback: '#2c3038',
    outline: '#4b5361',
    outlineWidth: 1,
    opacity: 1,
    minzoom: 13,
  },
  boundaries: {
    district: { color: '#d7b8ff', width: w([10, 2], [16, 4]), dash: [3, 2], opacity: 0.95 },
    community: { color: '#b79ad9', width: w([12, 1.5], [16, 3]), dash: [2, 2], opacity: 0.9, minzoom: 12 },
    grid: { color: '#8f7aa8', width: w([14, 1], [18, 2]), dash: [1, 2], opacity: 0.85, minzoom: 14 },
  },
  places: { color: '#ffffff', halo: '#000000', haloWidth: 3, size: w([10, 16], [16, 24]), minzoom: 10, weight: 'bold' },
};
