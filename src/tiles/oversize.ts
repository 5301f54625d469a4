/**
 * What happens to a tile above the size limit: fail naming the tile (default), or thin it by leaving out
 * its smallest lines and polygons first, a quarter at a time. Points (labels) are never thinned: a missing
 * street name is worse than a missing shed.
 */
import type { GeoJSONVTFeature, GeoJSONVTTile } from '@maplibre/geojson-vt';

/** One tile's content: layer name → the geojson-vt tile and the features to encode. */
export type TileLayers = Map<string, { tile: GeoJSONVTTile; features: GeoJSONVTFeature[] }>;

/** Raised when a tile stays above the size limit. */
export class TileTooLargeError extends Error {
  constructor(
    message: string,
    readonly tile: { z: number; x: number; y: number; bytes: number },
  ) {
    super(message);
    this.name = 'TileTooLargeError';
  }
}

/** Bounding-box diagonal of a tile feature, in tile units: the "size" used when thinning. */
function tileFeatureSize(f: GeoJSONVTFeature): number {
  if (f.type === 1) return Infinity;
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const ring of f.geometry) {
    for (const [x, y] of ring) {
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
  }
  return Math.hypot(maxX - minX, maxY - minY);
}

/**
 * Make an oversize tile fit, or throw TileTooLargeError.
 * @param layers the tile's layers; thinning replaces their feature lists
 * @param data the encoded tile, above `maxBytes`
 * @param encode encodes `layers` again after thinning
 * @returns the bytes that fit, the size before, and how many features were left out
 */
export function fitTile(
  layers: TileLayers,
  data: Uint8Array,
  at: { z: number; x: number; y: number },
  maxBytes: number,
  policy: 'fail' | 'drop',
  encode: (layers: TileLayers) => Uint8Array,
): { data: Uint8Array; before: number; dropped: number } {
  const name = `${at.z}/${at.x}/${at.y}`;
  const counts = [...layers].map(([n, l]) => `${n} ${l.features.length}`).join(', ');
  const before = data.length;
  if (policy === 'fail') {
    throw new TileTooLargeError(
      `tile ${name} is ${before} bytes gzip'd, above the ${maxBytes}-byte limit (features: ${counts}). ` +
        `Raise a layer's minzoom or minSize, keep fewer properties, or allow thinning (--oversize drop).`,
      { ...at, bytes: before },
    );
  }
  let dropped = 0;
  for (let round = 0; round < 8 && data.length > maxBytes; round++) {
    // Drop the smallest quarter of all lines and polygons in the tile, across layers (ties by order).
    const ranked: { feature: GeoJSONVTFeature; size: number }[] = [];
    for (const l of layers.values()) {
      for (const feature of l.features) {
        const size = tileFeatureSize(feature);
        if (size !== Infinity) ranked.push({ feature, size });
      }
    }
    if (ranked.length === 0) break;
    ranked.sort((a, b) => a.size - b.size);
    const gone = new Set(ranked.slice(0, Math.ceil(ranked.length / 4)).map((r) => r.feature));
    dropped += gone.size;
    for (const [n, l] of layers) layers.set(n, { tile: l.tile, features: l.features.filter((f) => !gone.has(f)) });
    data = encode(layers);
  }
  if (data.length > maxBytes) {
    throw new TileTooLargeError(
      `tile ${name} is still ${data.length} bytes after thinning (was ${before}; features: ${counts}); limit ${maxBytes}.`,
      { ...at, bytes: data.length },
    );
  }
  return { data, before, dropped };
}
