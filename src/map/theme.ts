/**
 * Themes: every colour, width and label size of the basemap in one typed object, so a dark or
 * outdoor theme is a new object, not a new style. The map knows nothing of fire safety: roads,
 * buildings and land use are styled by the value of a class property, whatever those values mean.
 *
 * Three themes (theme-light.ts, theme-dark.ts, theme-field.ts):
 * - light: quiet warm greys so the thematic layers carry the colour (explore, planner);
 * - dark: high contrast for the wall display, legible from across a room (thick roads, big labels);
 * - field: bright and plain with large labels, for a phone in daylight.
 */
import { darkTheme } from './theme-dark.ts';
import { fieldTheme } from './theme-field.ts';
import { lightTheme } from './theme-light.ts';
import type { ZoomStops } from './theme-util.ts';

export { scaleStops, w, type ZoomStops } from './theme-util.ts';

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

/** A text label drawn from local fonts (the style has no glyphs URL). */
export interface LabelStyle {
  readonly color: string;
  readonly halo: string;
  /** Halo width in pixels: wide halos keep labels readable over busy ground. */
  readonly haloWidth: number;
  /** Text size in pixels by zoom. */
  readonly size: ZoomStops;
  readonly minzoom: number;
  /** Regular or bold font stack of the theme. */
  readonly weight: 'regular' | 'bold';
}

/** A boundary line; `dash` is in line widths, as MapLibre's `line-dasharray`. */
export interface BoundaryStyle {
  readonly color: string;
  readonly width: ZoomStops;
  readonly dash: readonly number[];
  readonly opacity: number;
  readonly minzoom?: number;
}

/** The boundary kinds the basemap draws, by OSM `admin_level`: see {@link BOUNDARY_LEVELS}. */
export type BoundaryKind = 'district' | 'community' | 'grid';

/**
 * Which `admin_level` values make each boundary kind: up to 8 is the district (in China, 8 is the
 * street office 街道 and lower numbers are larger units), 9–10 a community (社区/村), 11 and up a
 * grid (网格). Lines of `kind: grid` (the edges of grid cells, which OpenStreetMap does not have)
 * are grid lines whatever their level; see docs/basemap-schema.md.
 */
export const BOUNDARY_LEVELS: Readonly<Record<BoundaryKind, readonly [number, number]>> = {
  district: [0, 8],
  community: [9, 10],
  grid: [11, 99],
};

export interface Theme {
  readonly name: ThemeName;
  /** Page and map background (the ground where nothing else is drawn). */
  readonly background: string;
  /**
   * CSS font families for CJK text (`localIdeographFontFamily`). With no glyphs URL in the style,
   * MapLibre draws every label with local fonts, so the map needs no font server.
   */
  readonly fontFamily: string;
  /**
   * Font stacks (`text-font`) for labels. Without a glyphs URL MapLibre draws them with these CSS
   * families; a weight word in the first name (Bold) sets the weight.
   */
  readonly fonts: { readonly regular: readonly string[]; readonly bold: readonly string[] };
  readonly landuse: {
    readonly classProperty: string;
    /** Fill colour per class value (industrial, residential, commercial, public, green); others are not drawn. */
    readonly colors: Readonly<Record<string, string>>;
    readonly opacity: number;
  };
  readonly water: {
    readonly fill: string;
    readonly line: string;
    /** Width of waterway lines by zoom (rivers and canals twice as wide). */
    readonly lineWidth: ZoomStops;
  };
  readonly roads: {
    /** Feature property that holds the class. */
    readonly classProperty: string;
    /** Styles per class value, drawn in this object's order from bottom to top. */
    readonly classes: Readonly<Record<string, LineClassStyle>>;
    /** For a class value not listed above. */
    readonly fallback: LineClassStyle;
    /** Extra pixels of casing on each side of the line. */
    readonly casingWidth: number;
    /** Opacity of roads in tunnels. */
    readonly tunnelOpacity: number;
    /** Arrows along one-way roads, drawn as text (no sprite needed). Absent: no arrows. */
    readonly oneway?: { readonly color: string; readonly size: number; readonly minzoom: number };
    /** Road-name labels, drawn from local fonts. Absent: no labels. */
    readonly labels?: LabelStyle;
  };
  readonly buildings: {
    readonly classProperty: string;
    /** Fill colour per class value. */
    readonly colors: Readonly<Record<string, string>>;
    readonly fallback: string;
    readonly outline: string;
    readonly outlineWidth: number;
    readonly opacity: number;
    readonly minzoom?: number;
  };
  readonly boundaries: Readonly<Record<BoundaryKind, BoundaryStyle>>;
  /** Place-name labels (towns, villages, neighbourhoods). Absent: no labels. */
  readonly places?: LabelStyle;
}

/** The themes, in the order the switch offers them. */
export const THEME_NAMES = ['light', 'dark', 'field'] as const;
export type ThemeName = (typeof THEME_NAMES)[number];

/** Narrows an arbitrary value (a query parameter, a stored choice) to a theme name. */
export function isThemeName(value: unknown): value is ThemeName {
  return typeof value === 'string' && (THEME_NAMES as readonly string[]).includes(value);
}

export const THEMES: Readonly<Record<ThemeName, Theme>> = { light: lightTheme, dark: darkTheme, field: fieldTheme };

/** The theme of a name. */
export function themeByName(name: ThemeName): Theme {
  return THEMES[name];
}

export { darkTheme, fieldTheme, lightTheme };
