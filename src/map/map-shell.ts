/**
 * The map shell: one MapLibre map with a deck.gl overlay, behind a small interface. It knows nothing
 * of fire safety: callers hand it a style, GeoJSON for the basemap sources, and deck layers.
 *
 * Offline by construction: the style has no glyphs or sprite URL, MapLibre's worker is served from
 * this origin (set below), and labels are drawn from local fonts (`localIdeographFontFamily`).
 */
import { MapboxOverlay } from '@deck.gl/mapbox';
import type { LayersList } from '@deck.gl/core';
import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import type { StyleSpecification } from './style.ts';

// Vite does not emit MapLibre's worker by itself; the `?url` import makes it a same-origin asset.
maplibregl.setWorkerUrl(workerUrl);

const FIT_PADDING = 24;

/** [west, south, east, north] in degrees. */
export type Bounds = readonly [number, number, number, number];

/** Texts of MapLibre's own controls, in the UI language. */
export interface MapUiStrings {
  zoomIn: string;
  zoomOut: string;
  resetBearing: string;
  mapTitle: string;
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
}

export interface MapShell {
  readonly map: maplibregl.Map;
  /** Replaces the data of a GeoJSON source of the style. Unknown ids are ignored. */
  setGeoJSON(sourceId: string, data: GeoJSON.GeoJSON): void;
  /** Replaces the deck layers (keep layer ids stable and `data` identical to avoid re-uploads). */
  setLayers(layers: LayersList): void;
  /** Moves the camera to show `bounds`, without animation. */
  fitBounds(bounds: Bounds): void;
  /** Updates the tooltips of the map's controls, e.g. after a language switch. */
  setUiStrings(strings: MapUiStrings): void;
  /** Resolves when the map is idle (style, sources, tiles done) and deck has drawn the current layers. */
  whenSettled(): Promise<void>;
  destroy(): void;
}

function uiLocale(s: MapUiStrings): Record<string, string> {
  return {
    'NavigationControl.ZoomIn': s.zoomIn,
    'NavigationControl.ZoomOut': s.zoomOut,
    'NavigationControl.ResetBearing': s.resetBearing,
    'Map.Title': s.mapTitle,
  };
}

/**
 * Creates the map in `container`. Throws when WebGL is unavailable (MapLibre cannot start then);
 * the caller shows that to the user.
 */
export function createMapShell(options: MapShellOptions): MapShell {
  const { container, style, bounds, fontFamily, uiStrings, onError } = options;
  const map = new maplibregl.Map({
    container,
    style,
    ...(bounds ? { bounds: [...bounds] as [number, number, number, number], fitBoundsOptions: { padding: FIT_PADDING } } : {}),
    localIdeographFontFamily: fontFamily,
    locale: uiLocale(uiStrings),
    attributionControl: false,
    // A sub-district fits in a few kilometres: the pitch and world view only get people lost.
    maxPitch: 0,
    dragRotate: false,
    pitchWithRotate: false,
  });
  map.touchZoomRotate.disableRotation();
  map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right');
  map.addControl(new maplibregl.ScaleControl({ unit: 'metric' }), 'bottom-left');

  let layersVersion = 0;
  let drawnVersion = 0;
  const waiters = new Set<() => void>();
  const notify = () => {
    for (const w of [...waiters]) w();
  };

  const overlay = new MapboxOverlay({
    interleaved: false,
    layers: [],
    onAfterRender: () => {
      drawnVersion = layersVersion;
      notify();
    },
  });
  map.addControl(overlay);

  map.on('idle', notify);
  map.on('error', (event) => {
    const raw: unknown = event.error;
    const error = raw instanceof Error ? raw : new Error(String((raw as { message?: unknown } | undefined)?.message ?? 'map error'));
    if (onError) onError(error);
    else console.error(error);
  });

  const latestGeoJSON = new Map<string, GeoJSON.GeoJSON>();
  const applyGeoJSON = (sourceId: string): void => {
    const source = map.getSource(sourceId);
    const data = latestGeoJSON.get(sourceId);
    if (data && source instanceof maplibregl.GeoJSONSource) source.setData(data as never);
  };
  map.on('load', () => {
    for (const sourceId of latestGeoJSON.keys()) applyGeoJSON(sourceId);
  });

  let destroyed = false;
  return {
    map,
    setGeoJSON(sourceId, data) {
      // Data may arrive before the style has loaded, when getSource still answers undefined: keep
      // the latest per source and apply it on load, or a fast source would never be drawn.
      latestGeoJSON.set(sourceId, data);
      applyGeoJSON(sourceId);
    },
    fitBounds(b) {
      map.fitBounds([...b] as [number, number, number, number], { padding: FIT_PADDING, animate: false });
    },
    setLayers(layers) {
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
          } else if (map.loaded() && !map.isMoving() && map.areTilesLoaded() && drawnVersion === layersVersion) {
            waiters.delete(check);
            resolve();
          }
        };
        waiters.add(check);
        // A frame is needed for either side to report; an idle map would otherwise never call back.
        map.triggerRepaint();
      });
    },
    destroy() {
      destroyed = true;
      notify();
      map.removeControl(overlay);
      overlay.finalize();
      map.remove();
    },
  };
}
