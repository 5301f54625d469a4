/**
 * Ordinal colour ramps beside the categorical palettes of palette.ts. A ramp that changes mostly in
 * lightness, in one hue family, stays in order under every common colour-vision deficiency, because
 * lightness survives where hue does not. Two ramps, so two ordinal layers drawn on top of each other
 * (regional hazard areas under premises coloured by risk) do not share colours.
 *
 * - Paul Tol's sequential "YlOrBr" (yellow → orange → brown): risk and severity of premises.
 * - ColorBrewer "Purples" (Cynthia Brewer, single hue): supervision level of regional hazard areas.
 */
import type { Rgb, Rgba } from './palette.ts';

/** Paul Tol's YlOrBr, nine steps from light to dark. */
export const TOL_YLORBR = {
  y1: [255, 255, 229],
  y2: [255, 247, 188],
  y3: [254, 227, 145],
  y4: [254, 196, 79],
  y5: [251, 154, 41],
  y6: [236, 112, 20],
  y7: [204, 76, 2],
  y8: [153, 52, 4],
  y9: [102, 37, 6],
} as const satisfies Record<string, Rgb>;

/** ColorBrewer Purples (9 classes), light to dark. */
export const BREWER_PURPLES = {
  p1: [252, 251, 253],
  p2: [239, 237, 245],
  p3: [218, 218, 235],
  p4: [188, 189, 220],
  p5: [158, 154, 200],
  p6: [128, 125, 186],
  p7: [106, 81, 163],
  p8: [84, 39, 143],
  p9: [63, 0, 125],
} as const satisfies Record<string, Rgb>;

/** Dark neutral for outlines of light symbols (yellow dots vanish on a light basemap without one). */
export const INK: Rgb = [51, 51, 51];
/** White, for halos and outlines on darker symbols. */
export const WHITE: Rgb = [255, 255, 255];

/** An RGB colour with the alpha a layer wants, as a mutable array (what deck accessors return). */
export function rgba(rgb: Rgb | Rgba, alpha: number): [number, number, number, number] {
  return [rgb[0], rgb[1], rgb[2], Math.round(Math.min(255, Math.max(0, alpha)))];
}

/**
 * Relative luminance (WCAG 2, 0–1) of a colour: tests use it to check that a ramp is ordered in
 * lightness, which is what keeps it readable without hue.
 */
export function luminance(rgb: Rgb): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(rgb[0]) + 0.7152 * lin(rgb[1]) + 0.0722 * lin(rgb[2]);
}

/** Mixes a colour towards white by `amount` (0–1): how a legend swatch shows a faded symbol. */
export function lighten(rgb: Rgb, amount: number): Rgb {
  const k = Math.min(1, Math.max(0, amount));
  return [Math.round(rgb[0] + (255 - rgb[0]) * k), Math.round(rgb[1] + (255 - rgb[1]) * k), Math.round(rgb[2] + (255 - rgb[2]) * k)];
}
