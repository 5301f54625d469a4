/**
 * Themes: every colour and width of the basemap in one typed object, so a dark or wall-display
 * theme is a new object, not a new style. The map knows nothing of fire safety: roads and buildings
 * are styled by the value of a class property, whatever those values mean.
 */

/** A value that changes with zoom: `[zoom, value]` stops, interpolated exponentially (base 1.5). */
export type ZoomStops = readonly (readonly [number, number])[];

export interface LineClassStyle {
  /** Line colour (CSS colour). */
  readonly color: string;
  /** Casing (outline) colour; none when absent. */
  readonly casing?: string;
  /** Line width in pixels by zoom; the casing adds `casingWidth` on each side. */
  readonly width: ZoomStops;
  /** Minimum zoom at which the class appears. Default 0. */
  readonly minzoom?: number;
}

export interface Theme {
  readonly name: string;
  /** Page and map background. */
  readonly background: string;
  readonly roads: {
    /** Feature property that holds the class. */
    readonly classProperty: string;
    /** Styles per class value, drawn in this object's order from bottom to top. */
    readonly classes: Readonly<Record<string, LineClassStyle>>;
    /** For a class value not listed above. */
    readonly fallback: LineClassStyle;
    /** Extra pixels of casing on each side of the line. */
    readonly casingWidth: number;
    /** Road-name labels, drawn from local fonts. Absent: no labels. */
    readonly labels?: {
      readonly property: string;
      readonly color: string;
      readonly halo: string;
      readonly size: number;
      readonly minzoom: number;
    };
  };
  readonly buildings: {
    readonly classProperty: string;
    /** Fill colour per class value. */
    readonly colors: Readonly<Record<string, string>>;
    readonly fallback: string;
    readonly outline: string;
    readonly opacity: number;
    readonly minzoom?: number;
  };
  /**
   * CSS font families for labels and CJK text. With no glyphs URL in the style, MapLibre draws every
   * label with these local fonts, so the map needs no font server.
   */
  readonly fontFamily: string;
}

const w = (...stops: [number, number][]): ZoomStops => stops;

/** The light theme: quiet warm greys, so the thematic layers carry the colour. */
export const lightTheme: Theme = {
  name: 'light',
  background: '#f3f1ec',
  roads: {
    classProperty: 'class',
    casingWidth: 1,
    classes: {
      alley: { color: '#ffffff', casing: '#d7d2c8', width: w([14, 0.6], [18, 5]), minzoom: 13 },
      service: { color: '#fbfaf7', casing: '#d7d2c8', width: w([14, 0.6], [18, 5]), minzoom: 13 },
      local: { color: '#ffffff', casing: '#cfc9bd', width: w([12, 0.8], [18, 10]) },
      collector: { color: '#fff4d6', casing: '#d8c08a', width: w([11, 1], [18, 14]) },
      arterial: { color: '#ffe3a3', casing: '#cfa65a', width: w([10, 1.5], [18, 20]) },
    },
    fallback: { color: '#ffffff', casing: '#d7d2c8', width: w([13, 0.6], [18, 6]) },
    labels: { property: 'name', color: '#5b5449', halo: '#ffffff', size: 12, minzoom: 14 },
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
    opacity: 1,
    minzoom: 12,
  },
  fontFamily: "'Noto Sans CJK SC', 'Noto Sans SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', sans-serif",
};
