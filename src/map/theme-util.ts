/**
 * Small helpers the theme files share. Apart from theme.ts so the theme files can import them
 * without a cycle (theme.ts imports the themes).
 */

/** A value that changes with zoom: `[zoom, value]` stops, interpolated exponentially (base 1.5). */
export type ZoomStops = readonly (readonly [number, number])[];

/** Builds zoom stops: `w([12, 1], [18, 10])`. */
export const w = (...stops: [number, number][]): ZoomStops => stops;

/** Zoom stops with every value multiplied by `factor` (thicker roads, bigger labels). */
export function scaleStops(stops: ZoomStops, factor: number): ZoomStops {
  return stops.map(([z, v]) => [z, Math.round(v * factor * 100) / 100] as const);
}
