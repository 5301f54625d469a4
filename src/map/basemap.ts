/**
 * Which basemap archive to show, and where to put the camera for it.
 *
 * The basemap is one PMTiles archive on the viewer's own origin, read with HTTP range requests:
 * `tiles/basemap.pmtiles` beside index.html by default, or another one named by `?basemap=<path>`
 * (e.g. `?basemap=tiles/andorra.pmtiles`). Only the page's own origin is accepted: the viewer must
 * work on a network with no internet and must not be made to fetch from elsewhere by a link.
 *
 * The pure functions here (URL resolution, header bounds, camera choice) are unit-tested; `openBasemap`
 * reads the archive's header with the pmtiles library and shares the archive with the `pmtiles://`
 * protocol, so MapLibre reuses that header instead of fetching it again.
 */
import { PMTiles, TileType } from 'pmtiles';
import { shareArchive } from './pmtiles-protocol.ts';
import type { BasemapStyleSource } from './style-expr.ts';

/** [west, south, east, north] in degrees. */
export type Bounds = readonly [number, number, number, number];

/** The archive the viewer shows when the URL names none: relative to index.html (the build uses base './'). */
export const DEFAULT_BASEMAP_PATH = 'tiles/basemap.pmtiles';
/** The query parameter that names another archive. */
export const BASEMAP_PARAM = 'basemap';
const MAX_PARAM_LENGTH = 1024;
/** Web Mercator stops here; bounds beyond it cannot be fitted. */
const MAX_LAT = 85.0511;

/** Why a `?basemap=` value was refused. */
export type RefusedReason = 'foreign' | 'invalid';

export type ResolvedUrl = { readonly ok: true; readonly url: string } | { readonly ok: false; readonly reason: RefusedReason };

/**
 * Resolves a basemap path against the page's base URI and accepts it only on the same origin
 * (http or https; no credentials). The fragment is dropped.
 * @example resolveBasemapUrl('tiles/andorra.pmtiles', 'http://127.0.0.1:4173/') // { ok: true, url: 'http://127.0.0.1:4173/tiles/andorra.pmtiles' }
 * @example resolveBasemapUrl('//evil.example/x.pmtiles', 'http://127.0.0.1:4173/') // { ok: false, reason: 'foreign' }
 */
export function resolveBasemapUrl(path: string, baseUri: string): ResolvedUrl {
  const value = path.trim();
  if (!value || value.length > MAX_PARAM_LENGTH) return { ok: false, reason: 'invalid' };
  let url: URL;
  let base: URL;
  try {
    base = new URL(baseUri);
    url = new URL(value, base);
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, reason: 'foreign' };
  if (url.origin !== base.origin) return { ok: false, reason: 'foreign' };
  if (url.username || url.password) return { ok: false, reason: 'invalid' };
  url.hash = '';
  return { ok: true, url: url.href };
}

/** The archive chosen for this page. */
export interface BasemapChoice {
  /** Absolute same-origin URL of the archive. */
  readonly url: string;
  /** The path as written (the default or the `?basemap=` value), for messages. */
  readonly path: string;
  /** Chosen by `?basemap=`: the camera then follows the archive's bounds, not the manifest's. */
  readonly custom: boolean;
  /** A `?basemap=` value that was refused (the default archive is shown instead), and why. */
  readonly refused?: { readonly given: string; readonly reason: RefusedReason };
}

/**
 * The archive for a page: `?basemap=` when it is same-origin, otherwise the default (with the
 * refused value kept for a message).
 * @param search `location.search`, e.g. `?basemap=tiles/andorra.pmtiles`
 * @param baseUri `document.baseURI`
 */
export function chooseBasemap(search: string, baseUri: string): BasemapChoice {
  const given = new URLSearchParams(search).get(BASEMAP_PARAM);
  const fallback = resolveBasemapUrl(DEFAULT_BASEMAP_PATH, baseUri);
  const defaultUrl = fallback.ok ? fallback.url : DEFAULT_BASEMAP_PATH;
  if (given === null) return { url: defaultUrl, path: DEFAULT_BASEMAP_PATH, custom: false };
  const resolved = resolveBasemapUrl(given, baseUri);
  if (resolved.ok) return { url: resolved.url, path: given, custom: true };
  return { url: defaultUrl, path: DEFAULT_BASEMAP_PATH, custom: false, refused: { given, reason: resolved.reason } };
}

/** The style's source URL for an archive: MapLibre hands `pmtiles://…` URLs to the protocol. */
export function pmtilesSourceUrl(archiveUrl: string): string {
  return `pmtiles://${archiveUrl}`;
}

/**
 * The style's vector source for an archive whose header has been read: tile URLs for the
 * `pmtiles://` protocol with the header's zoom range and bounds and the archive's attribution.
 * Given in full, it spares MapLibre a TileJSON round trip through the protocol before its first
 * tile request (on a busy main thread at start-up, that hop cost half a second).
 * @example pmtilesStyleSource('http://127.0.0.1:4173/tiles/basemap.pmtiles', { bounds: null, minzoom: 10, maxzoom: 16, attribution: null })
 * // { tiles: ['pmtiles://http://127.0.0.1:4173/tiles/basemap.pmtiles/{z}/{x}/{y}.mvt'], minzoom: 10, maxzoom: 16 }
 */
export function pmtilesStyleSource(archiveUrl: string, info: BasemapInfo): BasemapStyleSource {
  return {
    tiles: [`${pmtilesSourceUrl(archiveUrl)}/{z}/{x}/{y}.mvt`],
    minzoom: info.minzoom,
    maxzoom: info.maxzoom,
    ...(info.bounds ? { bounds: info.bounds } : {}),
    ...(info.attribution ? { attribution: info.attribution } : {}),
  };
}

/** The bounds fields of a PMTiles header. */
export interface HeaderBoundsFields {
  minLon: number;
  minLat: number;
  maxLon: number;
  maxLat: number;
}

/**
 * The header's bounds, when they describe a real area; null for missing or nonsense bounds (all
 * zero, inverted, outside the globe), so the camera is not sent to 0°,0°. Latitudes are clamped to
 * what Web Mercator can show.
 */
export function headerBounds(h: HeaderBoundsFields): Bounds | null {
  const { minLon, minLat, maxLon, maxLat } = h;
  if (![minLon, minLat, maxLon, maxLat].every(Number.isFinite)) return null;
  if (minLon < -180 || maxLon > 180 || minLat < -90 || maxLat > 90) return null;
  const south = Math.max(minLat, -MAX_LAT);
  const north = Math.min(maxLat, MAX_LAT);
  if (!(minLon < maxLon) || !(south < north)) return null;
  return [minLon, south, maxLon, north];
}

/** Not known yet. */
export const PENDING = 'pending';
export type Pending = typeof PENDING;

/**
 * Where the first camera goes. The manifest's bbox describes the district's data and wins, unless
 * the archive was chosen by `?basemap=` (another place, e.g. Andorra) or the manifest has no bbox:
 * then the archive's header bounds. Waits (`pending`) while what it needs is not known yet; null
 * when nothing gives bounds (the camera then stays where it is).
 */
export function chooseInitialBounds(input: {
  customBasemap: boolean;
  manifest: Bounds | null | Pending;
  archive: Bounds | null | Pending;
}): Bounds | null | Pending {
  const { customBasemap, manifest, archive } = input;
  const [first, second] = customBasemap ? [archive, manifest] : [manifest, archive];
  if (first === PENDING) return PENDING;
  if (first) return first;
  return second;
}

/** What the viewer needs from an archive's header. */
export interface BasemapInfo {
  /** The archive's bounds, or null when its header has none worth fitting. */
  readonly bounds: Bounds | null;
  readonly minzoom: number;
  readonly maxzoom: number;
  /** The archive's attribution from its metadata (© OpenStreetMap for OSM extracts); null when it has none. */
  readonly attribution: string | null;
}

/** An archive that cannot be shown: missing (404), or not a readable vector PMTiles archive. */
export class BasemapError extends Error {
  constructor(readonly kind: 'missing' | 'unreadable', message: string) {
    super(message);
    this.name = 'BasemapError';
  }
}

/**
 * Reads an archive's header (one range request of the first 16 KiB) and its metadata (for the
 * attribution), and shares the archive with the `pmtiles://` protocol, so the map's requests for it
 * reuse this header. Metadata that cannot be read only loses the attribution.
 * @throws BasemapError `missing` for a 404/410, `unreadable` for anything else (not PMTiles, raster
 *   tiles, a server without range requests).
 */
export async function openBasemap(archiveUrl: string): Promise<BasemapInfo> {
  const archive = new PMTiles(archiveUrl);
  let header: Awaited<ReturnType<PMTiles['getHeader']>>;
  try {
    header = await archive.getHeader();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/\b(404|410)\b/.test(message)) throw new BasemapError('missing', message);
    throw new BasemapError('unreadable', message);
  }
  if (header.tileType !== TileType.Mvt) throw new BasemapError('unreadable', `not vector tiles (tile type ${header.tileType})`);
  shareArchive(archive);
  return { bounds: headerBounds(header), minzoom: header.minZoom, maxzoom: header.maxZoom, attribution: await attributionOf(archive) };
}

async function attributionOf(archive: PMTiles): Promise<string | null> {
  try {
    const metadata: unknown = await archive.getMetadata();
    const value = typeof metadata === 'object' && metadata !== null ? (metadata as { attribution?: unknown }).attribution : undefined;
    return typeof value === 'string' && value.trim() ? value : null;
  } catch {
    return null;
  }
}
