/** Web-mercator helpers shared by the cutter and its tests. */

const MAX_LAT = 85.0511287798066;

/** Longitude → web-mercator x in [0, 1]. */
export function mercX(lon: number): number {
  return (lon + 180) / 360;
}

/** Latitude → web-mercator y in [0, 1], 0 at the top; clamped to the mercator square. */
export function mercY(lat: number): number {
  const phi = (Math.max(-MAX_LAT, Math.min(MAX_LAT, lat)) * Math.PI) / 180;
  return 0.5 - Math.log(Math.tan(Math.PI / 4 + phi / 2)) / (2 * Math.PI);
}
