/**
 * The map shell: one MapLibre map with a deck.gl overlay, behind a small interface. It knows nothing
 * of fire safety: callers hand it a style (built from a theme, basemap from a PMTiles archive) and
 * deck layers.
 *
 * Offline by construction: the style has no glyphs or sprite URL, MapLibre's worker is served from
 * this origin (set below), labels are drawn from local fonts (`localIdeographFontFamily`), and the
 * basemap is read by range requests through the `pmtiles://` protocol, registered once per page.
 *
 * A theme switch is `setStyle`: MapLibre diffs the new style against the current one (same source,
 * new paint), so tiles stay loaded and the camera stays put. The deck overlay (deck-overlay.ts) is a
 * canvas of its own (not interleaved), so a new style cannot remove it.
 */
import type { LayersList, PickingInfo } from '@deck.gl/core';
import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import type { Bounds } from './basemap.ts';
import { addDeckOverlay, isSoftwareRenderer } from './deck-overlay.ts';
import { registerPmtilesOnce } from './pmtiles-protocol.ts';
import type { StyleSpecification } from './style.ts';

export type { Bounds } from './basemap.ts';

// Vite does not emit MapLibre's worker by itself; the `?url` import makes it a same-origin asset.
maplibregl.setWorkerUrl(workerUrl);
// Start MapLibre's workers now, while the page is still being set up, rather than when the first
// map's style arrives: fetching and starting them is otherwise on the way to the first tiles.
maplibregl.prewarm();
// Once per page, however many maps (or copies of this module) there are.
registerPmtilesOnce((protocol) => maplibregl.addProtocol('pmtiles', protocol.tile));

const FIT_PADDING = 24;

/** What `?test=1` puts on `window.__fireOneMap`: the map, for browser tests to query. */
export interface MapTestHandle {
  readonly map: maplibregl.Map;
  whenSettled(): Promise<void>;
  /** The deck layers as last set: id, visibility and opacity, for tests of toggles and sliders. */
  deckLayers(): { id: string; visible: boolean; opacity: number }[];
}

declare global {
  interface Window {
    __fireOneMap?: MapTestHandle;
  }
}

/** Texts of MapLibre's own controls, in the UI language. */
export interface MapUiStrings {
  zoomIn: string;
  zoomOut: string;
  resetBearing: string;
  mapTitle: string;
  /** The (i) button that shows the basemap's attribution. */
  attribution: string;
}

export interface MapShellOptions {
  container: HTMLElement;
  style: StyleSpecification;
  /** The first camera: fitted to these bounds. */
  bounds?: Bounds;
  /** CSS font families for CJK labels; MapLibre draws them locally. */
  fontFamily: string;
  uiStrings: MapUiStrings;
  /** Errors of the map (a source that fails, a lost WebGL context). */
  onError?: (error: Error) => void;
  /** Put the map on `window.__fireOneMap` for browser tests (`?test=1`); removed on destroy. */
  exposeForTests?: boolean;
  /** The first camera, instead of `bounds` (e.g. from a shared link). */
  camera?: CameraView;
  /** Pointer resting over a deck object (or over nothing: `info.object` and `info.index` < 0); see picking.ts. */
  onHover?: (info: PickingInfo) => void;
  /** Click on the map: on a deck object, or on nothing. */
  onClick?: (info: PickingInfo) => void;
  /** The camera and what it shows, after a move has ended (pan, zoom, fly, the first fit). */
  onCameraChange?: (camera: CameraView, bounds: Bounds) => void;
}

/** Where the camera is: centre, zoom, bearing and pitch, as a link stores them. */
export interface CameraView {
  lon: number;
  lat: number;
  zoom: number;
  bearing: number;
  pitch: number;
}

export interface MapShell {
  readonly map: maplibregl.Map;
  /**
   * Replaces the style (a theme switch, the basemap becoming known), keeping camera, loaded tiles
   * of an unchanged source, and the deck overlay. Before the first style has loaded, the latest
   * call waits for it.
   */
  setStyle(style: StyleSpecification): void;
  /** Replaces the deck layers (keep layer ids stable and `data` identical to avoid re-uploads). */
  setLayers(layers: LayersList): void;
  /** Moves the camera to show `bounds`, without animation unless asked (a user's "show me"). */
  fitBounds(bounds: Bounds, options?: { animate?: boolean; maxZoom?: number }): void;
  /** Flies to a point (a search hit, a finding), keeping the zoom when it is already closer. */
  flyTo(center: readonly [number, number], zoom: number): void;
  /** The camera now. */
  camera(): CameraView;
  /** What the map shows now, as [west, south, east, north]. */
  viewBounds(): Bounds;
  /** Updates the tooltips of the map's controls, e.g. after a language switch. */
  setUiStrings(strings: MapUiStrings): void;
  /**
   * Whether WebGL runs on the CPU (SwiftShader, llvmpipe): callers then keep animation still, since
   * every frame redraws the whole overlay in software.
   */
  softwareRenderer(): boolean;
  /** Resolves when the map is idle (style, sources, tiles done) and deck has drawn the current layers at the camera now, on screen. */
  whenSettled(): Promise<void>;
  destroy(): void;
}

function uiLocale(s: MapUiStrings): Record<string, string> {
  return {
    'NavigationControl.ZoomIn': s.zoomIn,
    'NavigationControl.ZoomOut': s.zoomOut,
    'NavigationControl.ResetBearing': s.resetBearing,
    'Map.Title': s.mapTitle,
    'AttributionControl.ToggleAttribution': s.attribution,
  };
}

/**
 * Creates the map in `container`. Throws when WebGL is unavailable (MapLibre cannot start then);
 * the caller shows that to the user.
 */
export function createMapShell(options: MapShellOptions): MapShell {
  const { container, style, bounds, camera, fontFamily, uiStrings, onError, exposeForTests } = options;
  const map = new maplibregl.Map({
    container,
    style,
    ...(camera
      ? { center: [camera.lon, camera.lat] as [number, number], zoom: camera.zoom, bearing: camera.bearing, pitch: camera.pitch }
      : bounds ? { bounds: [...bounds] as [number, number, number, number], fitBoundsOptions: { padding: FIT_PADDING } } : {}),
    localIdeographFontFamily: fontFamily,
    locale: uiLocale(uiStrings),
    // Compact: the archive's attribution (© OpenStreetMap for OSM extracts) behind an (i) button.
    attributionControl: { compact: true },
    // A sub-district fits in a few kilometres: the pitch and world view only get people lost.
    maxPitch: 0,
    dragRotate: false,
    pitchWithRotate: false,
    // Labels appear at once instead of fading in: a fade is a dozen extra frames per placement,
    // which on a CPU renderer (SwiftShader, a wall PC without a GPU) delays the first idle map.
    fadeDuration: 0,
  });
  map.touchZoomRotate.disableRotation();
  map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
  map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-left');

  let layersVersion = 0;
  let currentLayers: LayersList = [];
  let drawnVersion = 0;
  const waiters = new Set<() => void>();
  const notify = () => {
    for (const w of [...waiters]) w();
  };

  const software = isSoftwareRenderer(map);
  const { overlay, pending: overlayPending, detach: detachOverlay } = addDeckOverlay(map, {
    software,
    onFollowSettled: notify,
    frameToken: () => layersVersion,
    onAfterRender: (drawnAt) => {
      drawnVersion = Math.max(drawnVersion, drawnAt);
      notify();
    },
    ...(options.onHover ? { onHover: options.onHover } : {}),
    ...(options.onClick ? { onClick: options.onClick } : {}),
  });

  map.on('idle', notify);
  /** The map has nothing left to load or draw. */
  const mapIdle = () => map.loaded() && !map.isMoving() && map.areTilesLoaded();
  const boundsNow = (): Bounds => {
    const b = map.getBounds();
    return [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()];
  };
  const cameraNow = (): CameraView => {
    const c = map.getCenter();
    return { lon: c.lng, lat: c.lat, zoom: map.getZoom(), bearing: map.getBearing(), pitch: map.getPitch() };
  };
  if (options.onCameraChange) {
    const report = options.onCameraChange;
    map.on('moveend', () => report(cameraNow(), boundsNow()));
  }
  map.on('error', (event) => {
    const raw: unknown = event.error;
    const error = raw instanceof Error ? raw : new Error(String((raw as { message?: unknown } | undefined)?.message ?? 'map error'));
    if (onError) onError(error);
    else console.error(error);
  });

  // A style given before the first one has loaded waits for it: a diff needs a loaded style, and
  // MapLibre would otherwise rebuild from scratch (and warn).
  let firstStyleLoaded = false;
  let pendingStyle: StyleSpecification | null = null;
  map.once('style.load', () => {
    firstStyleLoaded = true;
    if (pendingStyle) {
      const next = pendingStyle;
      pendingStyle = null;
      map.setStyle(next, { diff: true });
    }
  });

  let destroyed = false;
  const shell: MapShell = {
    map,
    setStyle(next) {
      if (!firstStyleLoaded) {
        pendingStyle = next;
        return;
      }
      map.setStyle(next, { diff: true });
    },
    fitBounds(b, fit = {}) {
      map.fitBounds([...b] as [number, number, number, number], {
        padding: FIT_PADDING,
        animate: fit.animate ?? false,
        ...(fit.maxZoom !== undefined ? { maxZoom: fit.maxZoom } : {}),
      });
    },
    flyTo(center, zoom) {
      map.flyTo({ center: [center[0], center[1]], zoom: Math.max(zoom, map.getZoom()), essential: false });
    },
    camera: cameraNow,
    viewBounds: boundsNow,
    softwareRenderer: () => software,
    setLayers(layers) {
      currentLayers = layers;
      layersVersion += 1;
      overlay.setProps({ layers });
    },
    setUiStrings(strings) {
      // MapLibre reads its locale only when a control is added; its buttons have stable classes, so
      // retitle them in place rather than re-creating the map.
      const titles: [string, string][] = [
        ['.maplibregl-ctrl-zoom-in', strings.zoomIn],
        ['.maplibregl-ctrl-zoom-out', strings.zoomOut],
        ['.maplibregl-ctrl-compass', strings.resetBearing],
        ['.maplibregl-ctrl-attrib-button', strings.attribution],
      ];
      for (const [selector, text] of titles) {
        const button = container.querySelector<HTMLElement>(selector);
        button?.setAttribute('title', text);
        button?.setAttribute('aria-label', text);
      }
      map.getCanvas().setAttribute('aria-label', strings.mapTitle);
    },
    whenSettled() {
      return new Promise<void>((resolve, reject) => {
        const check = () => {
          if (destroyed) {
            waiters.delete(check);
            reject(new Error('map destroyed'));
          } else if (!pendingStyle && mapIdle() && drawnVersion === layersVersion && !overlayPending()) {
            waiters.delete(check);
            resolve();
          }
        };
        waiters.add(check);
        check();
        // An idle map never calls back: ask it for a frame when it is the side not known to be done.
        // Not otherwise: on a CPU renderer a frame of the map would wait behind the overlay's drawing.
        if (waiters.has(check) && !mapIdle()) map.triggerRepaint();
      });
    },
    destroy() {
      destroyed = true;
      if (exposeForTests && window.__fireOneMap?.map === map) delete window.__fireOneMap;
      notify();
      detachOverlay();
      map.remove();
    },
  };
  if (exposeForTests) {
    window.__fireOneMap = {
      map,
      whenSettled: () => shell.whenSettled(),
      deckLayers: () => currentLayers.flat(Infinity as 1).flatMap((layer) => {
        const l = layer as { id?: string; props?: { visible?: boolean; opacity?: number } } | null | false;
        return l && l.id ? [{ id: l.id, visible: l.props?.visible ?? true, opacity: l.props?.opacity ?? 1 }] : [];
      }),
    };
  }
  return shell;
}
