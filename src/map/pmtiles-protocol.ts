/**
 * The one `pmtiles://` protocol handler of the page. MapLibre asks it for the basemap's tiles (the
 * style describes the source in full, so no TileJSON is asked for); the viewer adds the archive it
 * opened itself (see basemap.ts), so the header read to place the camera and describe the source is
 * the same one MapLibre's tile requests then use: one request, not two.
 *
 * Kept on `globalThis` under a registry symbol, so a second copy of this module (hot reload, a test
 * that imports it twice) finds the same handler instead of registering another.
 */
import { Protocol, type PMTiles } from 'pmtiles';

const KEY = Symbol.for('fire-one-map.pmtiles-protocol');

interface Registry {
  protocol: Protocol;
  /** Set by the map shell once it has handed the protocol to MapLibre. */
  registered: boolean;
}

function registry(): Registry {
  const g = globalThis as typeof globalThis & { [KEY]?: Registry };
  g[KEY] ??= { protocol: new Protocol(), registered: false };
  return g[KEY];
}

/** The page's PMTiles protocol handler. */
export function pmtilesProtocol(): Protocol {
  return registry().protocol;
}

/**
 * Runs `register` with the protocol the first time only; later calls do nothing.
 * @returns true when this call registered it.
 */
export function registerPmtilesOnce(register: (protocol: Protocol) => void): boolean {
  const r = registry();
  if (r.registered) return false;
  register(r.protocol);
  r.registered = true;
  return true;
}

/** Lets the protocol answer `pmtiles://<archive's URL>` from this archive (and its cached header). */
export function shareArchive(archive: PMTiles): void {
  pmtilesProtocol().add(archive);
}
