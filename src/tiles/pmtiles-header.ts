/**
 * The fixed 127-byte PMTiles v3 header. All integers little-endian; offsets and counts are u64, the
 * bounds and centre are i32 degrees × 10^7. Field order is the spec's; see
 * https://github.com/protomaps/PMTiles/blob/main/spec/v3/spec.md#3-header
 */
import { HEADER_BYTES } from './pmtiles-directory.ts';

/** Compression codes of the spec (same numbers as the `pmtiles` package's `Compression` enum). */
export const COMPRESSION = { unknown: 0, none: 1, gzip: 2, brotli: 3, zstd: 4 } as const;
/** Tile type codes of the spec (same numbers as the `pmtiles` package's `TileType` enum). */
export const TILE_TYPE = { unknown: 0, mvt: 1, png: 2, jpeg: 3, webp: 4, avif: 5, mlt: 6 } as const;

export interface PMTilesHeader {
  rootDirectoryOffset: number;
  rootDirectoryLength: number;
  jsonMetadataOffset: number;
  jsonMetadataLength: number;
  leafDirectoryOffset: number;
  leafDirectoryLength: number;
  tileDataOffset: number;
  tileDataLength: number;
  numAddressedTiles: number;
  numTileEntries: number;
  numTileContents: number;
  clustered: boolean;
  internalCompression: number;
  tileCompression: number;
  tileType: number;
  minZoom: number;
  maxZoom: number;
  /** [west, south, east, north] in degrees. */
  bounds: [number, number, number, number];
  centerZoom: number;
  /** [lon, lat] in degrees. */
  center: [number, number];
}

/** Degrees to the spec's i32 E7, clamped so a sloppy bound cannot overflow the field. */
function e7(deg: number): number {
  return Math.max(-2_147_483_648, Math.min(2_147_483_647, Math.round(deg * 1e7)));
}

/** Encode the header to exactly 127 bytes. */
export function encodeHeader(h: PMTilesHeader): Uint8Array {
  const bytes = new Uint8Array(HEADER_BYTES);
  const view = new DataView(bytes.buffer);
  bytes.set(new TextEncoder().encode('PMTiles'), 0);
  bytes[7] = 3;
  const u64 = (pos: number, value: number): void => {
    if (!Number.isSafeInteger(value) || value < 0) throw new Error(`header field out of range: ${value}`);
    view.setBigUint64(pos, BigInt(value), true);
  };
  u64(8, h.rootDirectoryOffset);
  u64(16, h.rootDirectoryLength);
  u64(24, h.jsonMetadataOffset);
  u64(32, h.jsonMetadataLength);
  u64(40, h.leafDirectoryOffset);
  u64(48, h.leafDirectoryLength);
  u64(56, h.tileDataOffset);
  u64(64, h.tileDataLength);
  u64(72, h.numAddressedTiles);
  u64(80, h.numTileEntries);
  u64(88, h.numTileContents);
  view.setUint8(96, h.clustered ? 1 : 0);
  view.setUint8(97, h.internalCompression);
  view.setUint8(98, h.tileCompression);
  view.setUint8(99, h.tileType);
  view.setUint8(100, h.minZoom);
  view.setUint8(101, h.maxZoom);
  view.setInt32(102, e7(h.bounds[0]), true);
  view.setInt32(106, e7(h.bounds[1]), true);
  view.setInt32(110, e7(h.bounds[2]), true);
  view.setInt32(114, e7(h.bounds[3]), true);
  view.setUint8(118, h.centerZoom);
  view.setInt32(119, e7(h.center[0]), true);
  view.setInt32(123, e7(h.center[1]), true);
  return bytes;
}
