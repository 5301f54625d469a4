/** The light theme (explore, planner): quiet warm greys, so the thematic layers carry the colour. */
import type { Theme } from './theme.ts';
import { w } from './theme-util.ts';

/** CJK-capable local families, best first; also the `localIdeographFontFamily` of the map. */
export const CJK_FONT_FAMILY = "'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif";

/** Label font stacks: CSS family names without quotes (MapLibre joins them into a CSS font list). */
export const FONT_STACKS: Theme['fonts'] = {
  regular: ['Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', 'sans-serif'],
  // The first name's "Bold" sets the weight; the browser then uses the next family that exists.
  bold: ['Noto Sans CJK SC Bold', 'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', 'sans-serif'],
};

export const lightTheme: Theme = {
  name: 'light',
  background: '#f3f1ec',
  fontFamily: CJK_FONT_FAMILY,
  fonts: FONT_STACKS,
  landuse: {
    classProperty: 'class',
    colors: { residential: '#ebe7df', commercial: '#f0e3df', industrial: '#e6e2ea', green: '#dbe8d0', public: '#ebe8d8' },
    opacity: 1,
  },
  water: { fill: '#b9d3e6', line: '#a3c4dd', lineWidth: w([12, 0.6], [18, 5]) },
  roads: {
    classProperty: 'class',
    casingWidth: 1,
    tunnelOpacity: 0.45,
    classes: {
      alley: { color: '#ffffff', casing: '#d7d2c8', width: w([14, 0.6], [18, 5]), minzoom: 13 },
      other: { color: '#fbfaf7', casing: '#d7d2c8', width: w([14, 0.6], [18, 4]), minzoom: 13 },
      service: { color: '#fbfaf7', casing: '#d7d2c8', width: w([14, 0.6], [18, 5]), minzoom: 13 },
      local: { color: '#ffffff', casing: '#cfc9bd', width: w([12, 0.8], [18, 12]) },
      collector: { color: '#fff4d6', casing: '#d8c08a', width: w([11, 1], [18, 14]) },
      arterial: { color: '#ffe3a3', casing: '#cfa65a', width: w([10, 1.5], [18, 20]) },
    },
    fallback: { color: '#ffffff', casing: '#d7d2c8', width: w([13, 0.6], [18, 6]) },
    oneway: { color: '#5b5449', size: 14, minzoom: 16 },
    labels: { color: '#5b5449', halo: '#ffffff', haloWidth: 1.5, size: w([14, 11], [18, 14]), minzoom: 14, weight: 'regular' },
  },
  buildings: {
    classProperty: 'use',
    colors: {
      residential: '#e2ddd3',
      selfbuilt_house: '#ddd6c8',
      factory: '#d6d8de',
      warehouse: '#d3d6dc',
      commercial: '#e4dedb',
      office: '#dcdde2',
      school: '#dee1d9',
      hospital: '#e2dcde',
      elderly_care: '#e3dcd6',
      public: '#dcdfd9',
      mixed: '#e0d9d0',
    },
    fallback: '#dedad2',
    outline: '#c2bbae',
    outlineWidth: 0.6,
    opacity: 1,
    minzoom: 13,
  },
  boundaries: {
    district: { color: '#7d6690', width: w([10, 1], [16, 2.5]), dash: [3, 2], opacity: 0.9 },
    community: { color: '#9683a3', width: w([12, 0.8], [16, 1.8]), dash: [2, 2], opacity: 0.85, minzoom: 12 },
    grid: { color: '#ad9fb8', width: w([14, 0.6], [18, 1.2]), dash: [1, 2], opacity: 0.8, minzoom: 14 },
  },
  places: { color: '#3d372f', halo: '#ffffff', haloWidth: 2, size: w([10, 12], [16, 16]), minzoom: 10, weight: 'bold' },
};
