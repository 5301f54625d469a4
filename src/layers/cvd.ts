/**
 * How colours look to people with colour-vision deficiency, and how far apart two colours look, so a
 * test can hold a palette to a number instead of to someone's eyes.
 *
 * - Simulation: Machado, Oliveira & Fernandes (2009), "A physiologically-based model for simulation
 *   of color vision deficiency", the full-severity (1.0) matrices, applied to linear RGB.
 * - Difference: CIEDE2000 (ΔE00) in CIELAB under D65. About 2 is "just noticeable" side by side;
 *   map symbols, seen small and apart, need much more (tests ask for 10 or more).
 *
 * This could move to palette-extra.ts when another layer needs it.
 */
import type { Rgb } from './palette.ts';

/** The dichromacies simulated: no L cones, no M cones, no S cones. */
export type Dichromacy = 'protanopia' | 'deuteranopia' | 'tritanopia';

type Matrix3 = readonly [readonly [number, number, number], readonly [number, number, number], readonly [number, number, number]];

/** Machado 2009, severity 1.0 (rows produce R, G, B from linear R, G, B). */
const MACHADO: Readonly<Record<Dichromacy, Matrix3>> = {
  protanopia: [
    [0.152286, 1.052583, -0.204868],
    [0.114503, 0.786281, 0.099216],
    [-0.003882, -0.048116, 1.051998],
  ],
  deuteranopia: [
    [0.367322, 0.860646, -0.227968],
    [0.280085, 0.672501, 0.047413],
    [-0.01182, 0.04294, 0.968881],
  ],
  tritanopia: [
    [1.255528, -0.076749, -0.178779],
    [-0.078411, 0.930809, 0.147602],
    [0.004733, 0.691367, 0.3039],
  ],
};

const toLinear = (c: number): number => {
  const s = c / 255;
  return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
};
const fromLinear = (v: number): number => {
  const c = Math.min(1, Math.max(0, v));
  return Math.round(255 * (c <= 0.0031308 ? c * 12.92 : 1.055 * c ** (1 / 2.4) - 0.055));
};

/**
 * The colour as someone with the given dichromacy sees it (as an sRGB colour a normal viewer would
 * match it with).
 * @example simulateCvd([255, 0, 0], 'deuteranopia') // a dark olive
 */
export function simulateCvd(rgb: Rgb, kind: Dichromacy): Rgb {
  const lin = [toLinear(rgb[0]), toLinear(rgb[1]), toLinear(rgb[2])] as const;
  const [r, g, b] = MACHADO[kind].map((row) => row[0] * lin[0] + row[1] * lin[1] + row[2] * lin[2]) as [number, number, number];
  return [fromLinear(r), fromLinear(g), fromLinear(b)];
}

/** A CIELAB colour (D65 white). */
export type Lab = readonly [l: number, a: number, b: number];

/** sRGB (0–255) to CIELAB under D65. */
export function rgbToLab(rgb: Rgb): Lab {
  const [r, g, b] = [toLinear(rgb[0]), toLinear(rgb[1]), toLinear(rgb[2])] as const;
  const x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047;
  const y = 0.2126729 * r + 0.7151522 * g + 0.072175 * b;
  const z = (0.0193339 * r + 0.119192 * g + 0.9503041 * b) / 1.08883;
  const f = (t: number) => (t > 216 / 24389 ? Math.cbrt(t) : (24389 / 27 * t + 16) / 116);
  const [fx, fy, fz] = [f(x), f(y), f(z)];
  return [116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)];
}

const deg = (rad: number) => (rad * 180) / Math.PI;
const rad = (d: number) => (d * Math.PI) / 180;

/**
 * CIEDE2000 colour difference of two CIELAB colours (kL = kC = kH = 1), after Sharma, Wu & Dalal
 * (2005), whose test pairs the unit test checks.
 */
export function deltaE2000(lab1: Lab, lab2: Lab): number {
  const [l1, a1, b1] = lab1;
  const [l2, a2, b2] = lab2;
  const cBar = (Math.hypot(a1, b1) + Math.hypot(a2, b2)) / 2;
  const g = 0.5 * (1 - Math.sqrt(cBar ** 7 / (cBar ** 7 + 25 ** 7)));
  const a1p = (1 + g) * a1;
  const a2p = (1 + g) * a2;
  const c1p = Math.hypot(a1p, b1);
  const c2p = Math.hypot(a2p, b2);
  const hue = (b: number, a: number) => (b === 0 && a === 0 ? 0 : (deg(Math.atan2(b, a)) + 360) % 360);
  const h1p = hue(b1, a1p);
  const h2p = hue(b2, a2p);

  const dLp = l2 - l1;
  const dCp = c2p - c1p;
  let dhp = 0;
  if (c1p * c2p !== 0) {
    dhp = h2p - h1p;
    if (dhp > 180) dhp -= 360;
    else if (dhp < -180) dhp += 360;
  }
  const dHp = 2 * Math.sqrt(c1p * c2p) * Math.sin(rad(dhp / 2));

  const lBarp = (l1 + l2) / 2;
  const cBarp = (c1p + c2p) / 2;
  let hBarp = h1p + h2p;
  if (c1p * c2p !== 0) {
    if (Math.abs(h1p - h2p) <= 180) hBarp = (h1p + h2p) / 2;
    else hBarp = h1p + h2p < 360 ? (h1p + h2p + 360) / 2 : (h1p + h2p - 360) / 2;
  }
  const t = 1 - 0.17 * Math.cos(rad(hBarp - 30)) + 0.24 * Math.cos(rad(2 * hBarp))
    + 0.32 * Math.cos(rad(3 * hBarp + 6)) - 0.2 * Math.cos(rad(4 * hBarp - 63));
  const dTheta = 30 * Math.exp(-(((hBarp - 275) / 25) ** 2));
  const rc = 2 * Math.sqrt(cBarp ** 7 / (cBarp ** 7 + 25 ** 7));
  const sl = 1 + (0.015 * (lBarp - 50) ** 2) / Math.sqrt(20 + (lBarp - 50) ** 2);
  const sc = 1 + 0.045 * cBarp;
  const sh = 1 + 0.015 * cBarp * t;
  const rt = -Math.sin(rad(2 * dTheta)) * rc;
  return Math.sqrt((dLp / sl) ** 2 + (dCp / sc) ** 2 + (dHp / sh) ** 2 + rt * (dCp / sc) * (dHp / sh));
}

/** ΔE00 between two sRGB colours, optionally as seen with a dichromacy. */
export function colourDistance(a: Rgb, b: Rgb, vision: Dichromacy | 'normal' = 'normal'): number {
  const see = (c: Rgb) => (vision === 'normal' ? c : simulateCvd(c, vision));
  return deltaE2000(rgbToLab(see(a)), rgbToLab(see(b)));
}
