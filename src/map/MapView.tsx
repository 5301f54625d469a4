/**
 * Preact wrapper of the map shell: creates the map once, then pushes the style (theme + basemap),
 * deck layers, camera and control texts into it as props change. Knows nothing of fire safety or of
 * translation: the caller passes texts and shows errors.
 */
import type { LayersList, PickingInfo } from '@deck.gl/core';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { createMapShell, type Bounds, type CameraView, type MapShell, type MapUiStrings } from './map-shell.ts';
import { buildStyle, type BasemapStyleSource } from './style.ts';
import type { Theme } from './theme.ts';


/** What identifies a basemap source: its tile URL (one archive, one URL); null for none. */
function basemapKey(basemap: BasemapStyleSource | null): string | null {
  return basemap?.tiles[0] ?? null;
}
export interface MapViewProps {
  /** Colours and sizes of the basemap; a new theme re-styles the map in place (camera and overlay kept). */
  theme: Theme;
  /**
   * The basemap's vector source, or null for the plain background (archive missing or not known
   * yet). Changing it re-styles the map in place, like the theme.
   */
  basemap: BasemapStyleSource | null;
  /**
   * First camera. The map may be created before the bounds are known (so its worker and shaders
   * warm up while data loads); the first bounds given then move the camera once, without animation.
   */
  bounds?: Bounds;
  /** First camera from a link: wins over `bounds`. */
  camera?: CameraView | null;
  /**
   * Where to look now: a new `key` moves the camera (fly to a point, or fit bounds with animation).
   * Used for search hits, findings and the card's "show on map".
   */
  focus?: MapFocus | null;
  /** Deck picking, passed through (hover and click, on an object or on nothing). */
  onHover?: (info: PickingInfo) => void;
  onClick?: (info: PickingInfo) => void;
  /** Once, after the map is created: what the caller may want to adapt to. */
  onCreated?: (info: { softwareRenderer: boolean }) => void;
  /**
   * Every time the map falls idle (style, tiles and drawing done), with the basemap tile URL its
   * style has (null: the plain background). Lets a caller hold back work that would compete with the
   * basemap's first tiles for the main thread.
   */
  onIdle?: (info: { basemapUrl: string | null }) => void;
  /** After every camera move, and once the first camera is placed. */
  onCameraChange?: (camera: CameraView, bounds: Bounds) => void;
  /** Deck layers, drawn over the basemap. */
  layers: LayersList;
  uiStrings: MapUiStrings;
  /** Put the map on `window.__fireOneMap` for browser tests. */
  exposeForTests?: boolean;
  /**
   * Changing this asks for one more `onSettled` call once the map has settled, for when the
   * caller's own readiness changed without any change to the map (e.g. the last source settled
   * as an error, or the basemap turned out to be missing).
   */
  settleKey?: string | number;
  /**
   * Called whenever the map has settled after a change of style, layers or camera: idle, and deck
   * has drawn. Changes are applied in a layout effect, so a caller comparing against what it
   * rendered last is never told about an older state.
   */
  onSettled?: () => void;
  /** Map errors, and the failure to create the map at all (no WebGL). */
  onError?: (error: Error, fatal: boolean) => void;
  class?: string;
}

/** A request to move the camera; `key` tells one request from the next. */
export type MapFocus =
  | { key: number; center: readonly [number, number]; zoom: number }
  | { key: number; bounds: Bounds; maxZoom?: number };

/** The map, filling its parent. */
export function MapView(props: MapViewProps) {
  const { theme, basemap, bounds, layers, uiStrings } = props;
  const containerRef = useRef<HTMLDivElement>(null);
  const shellRef = useRef<MapShell | null>(null);
  const callbacks = useRef(props);
  callbacks.current = props;
  const [failed, setFailed] = useState(false);
  const cameraSet = useRef(false);
  // The style the map has (or is loading): a new one is pushed only when theme or basemap change.
  const styled = useRef<{ theme: Theme; url: string | null } | null>(null);

  const settle = (shell: MapShell) => {
    shell.whenSettled().then(
      () => callbacks.current.onSettled?.(),
      () => undefined, // destroyed while waiting: nobody to tell
    );
  };

  // Layout effects throughout: the map exists before the effects below run in the same commit.
  useLayoutEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    let shell: MapShell;
    try {
      shell = createMapShell({
        container,
        style: buildStyle(theme, basemap),
        ...(bounds ? { bounds } : {}),
        ...(props.camera ? { camera: props.camera } : {}),
        onHover: (info) => callbacks.current.onHover?.(info),
        onClick: (info) => callbacks.current.onClick?.(info),
        onCameraChange: (camera, b) => callbacks.current.onCameraChange?.(camera, b),
        fontFamily: theme.fontFamily,
        uiStrings,
        exposeForTests: props.exposeForTests ?? false,
        onError: (error) => callbacks.current.onError?.(error, false),
      });
    } catch (error) {
      setFailed(true);
      callbacks.current.onError?.(error instanceof Error ? error : new Error(String(error)), true);
      return;
    }
    shellRef.current = shell;
    shell.map.on('idle', () => callbacks.current.onIdle?.({ basemapUrl: styled.current?.url ?? null }));
    callbacks.current.onCreated?.({ softwareRenderer: shell.softwareRenderer() });
    styled.current = { theme, url: basemapKey(basemap) };
    cameraSet.current = bounds !== undefined || !!props.camera;
    if (cameraSet.current) callbacks.current.onCameraChange?.(shell.camera(), shell.viewBounds());
    settle(shell);
    return () => {
      shellRef.current = null;
      styled.current = null;
      shell.destroy();
    };
  }, []);

  useLayoutEffect(() => {
    const shell = shellRef.current;
    const url = basemapKey(basemap);
    if (!shell || (styled.current?.theme === theme && styled.current.url === url)) return;
    styled.current = { theme, url };
    shell.setStyle(buildStyle(theme, basemap));
    settle(shell);
  }, [theme, basemapKey(basemap)]);

  useLayoutEffect(() => {
    const shell = shellRef.current;
    if (!shell) return;
    shell.setLayers(layers);
    settle(shell);
  }, [layers]);

  useLayoutEffect(() => {
    const shell = shellRef.current;
    if (!shell || !bounds || cameraSet.current) return;
    cameraSet.current = true;
    shell.fitBounds(bounds);
    settle(shell);
  }, [bounds?.join(',')]);

  useLayoutEffect(() => {
    const shell = shellRef.current;
    if (shell && props.settleKey !== undefined) settle(shell);
  }, [props.settleKey]);

  const focus = props.focus;
  useLayoutEffect(() => {
    const shell = shellRef.current;
    if (!shell || !focus) return;
    cameraSet.current = true;
    if ('center' in focus) shell.flyTo(focus.center, focus.zoom);
    else shell.fitBounds(focus.bounds, { animate: true, ...(focus.maxZoom !== undefined ? { maxZoom: focus.maxZoom } : {}) });
  }, [focus?.key]);

  useLayoutEffect(() => {
    shellRef.current?.setUiStrings(uiStrings);
  }, [uiStrings.zoomIn, uiStrings.zoomOut, uiStrings.resetBearing, uiStrings.mapTitle, uiStrings.attribution]);

  return (
    <div
      ref={containerRef}
      class={props.class ?? 'map-view'}
      data-testid="map"
      data-theme={theme.name}
      data-failed={failed ? 'true' : undefined}
    />
  );
}
