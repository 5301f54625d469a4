/**
 * Colours for thematic layers, from palettes designed to stay distinguishable under the common forms
 * of colour-vision deficiency (protanopia, deuteranopia, tritanopia): Okabe & Ito (2008) and Paul
 * Tol's "muted" scheme. Layers pick from these instead of inventing colours, so a new layer stays
 * readable for the one in twelve men who does not see red and green apart.
 */

/** An RGB colour as deck.gl accepts it; alpha is added per layer. */
export type Rgb = readonly [number, number, number];
export type Rgba = readonly [number, number, number, number];

/** Okabe–Ito: eight colours, the usual first choice for categorical data. */
export const OKABE_ITO = {
  black: [0, 0, 0],
  orange: [230, 159, 0],
  skyBlue: [86, 180, 233],
  bluishGreen: [0, 158, 115],
  yellow: [240, 228, 66],
  blue: [0, 114, 178],
  vermillion: [213, 94, 0],
  reddishPurple: [204, 121, 167],
  grey: [153, 153, 153],
} as const satisfies Record<string, Rgb>;

/** Paul Tol's muted scheme: nine colours plus grey, for a second categorical layer beside Okabe–Ito. */
export const TOL_MUTED = {
  indigo: [51, 34, 136],
  cyan: [136, 204, 238],
  teal: [68, 170, 153],
  green: [17, 119, 51],
  olive: [153, 153, 51],
  sand: [221, 204, 119],
  rose: [204, 102, 119],
  wine: [136, 34, 85],
  purple: [170, 68, 153],
  grey: [187, 187, 187],
} as const satisfies Record<string, Rgb>;

/** Adds an alpha channel (0–255). */
export function withAlpha(rgb: Rgb, alpha: number): Rgba {
  return [rgb[0], rgb[1], rgb[2], Math.round(Math.min(255, Math.max(0, alpha)))];
}

/** Mixes a colour towards black by `amount` (0–1): outlines one shade darker than their fill. */
export function darken(rgb: Rgb, amount: number): Rgb {
  const k = 1 - Math.min(1, Math.max(0, amount));
  return [Math.round(rgb[0] * k), Math.round(rgb[1] * k), Math.round(rgb[2] * k)];
}

/** CSS `rgb()` text of a colour, for legend swatches. */
export function cssColor(rgb: Rgb | Rgba): string {
  return rgb.length === 4 ? `rgb(${rgb[0]} ${rgb[1]} ${rgb[2]} / ${(rgb[3] / 255).toFixed(2)})` : `rgb(${rgb[0]} ${rgb[1]} ${rgb[2]})`;
}
