/**
 * Preact wrapper of the map shell: creates the map once, then pushes basemap data, deck layers and
 * control texts into it as props change. Knows nothing of fire safety or of translation: the caller
 * passes texts and shows errors.
 */
import type { LayersList } from '@deck.gl/core';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { createMapShell, type Bounds, type MapShell, type MapUiStrings } from './map-shell.ts';
import { BASEMAP_SOURCE_IDS, EMPTY_COLLECTION, buildStyle } from './style.ts';
import type { Theme } from './theme.ts';

export interface MapViewProps {
  theme: Theme;
  /**
   * First camera. The map may be created before the bounds are known (so its worker and shaders
   * warm up while data loads); the first bounds given then move the camera once, without animation.
   */
  bounds?: Bounds;
  /** Basemap data; absent entries stay empty. */
  basemap: { roads?: GeoJSON.GeoJSON; buildings?: GeoJSON.GeoJSON };
  /** Deck layers, drawn over the basemap. */
  layers: LayersList;
  uiStrings: MapUiStrings;
  /**
   * Called whenever the map has settled after a change of data or layers: idle, and deck has drawn.
   * Changes are applied in a layout effect, so a caller comparing against what it rendered last is
   * never told about an older state.
   */
  onSettled?: () => void;
  /** Map errors, and the failure to create the map at all (no WebGL). */
  onError?: (error: Error, fatal: boolean) => void;
  class?: string;
}

/** The map, filling its parent. */
export function MapView(props: MapViewProps) {
  const { theme, bounds, basemap, layers, uiStrings } = props;
  const containerRef = useRef<HTMLDivElement>(null);
  const shellRef = useRef<MapShell | null>(null);
  const callbacks = useRef(props);
  callbacks.current = props;
  const [failed, setFailed] = useState(false);
  const cameraSet = useRef(false);

  // Layout effects throughout: the map exists before the data effects below run in the same commit.
  useLayoutEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    let shell: MapShell;
    try {
      shell = createMapShell({
        container,
        // The sources exist from the start, empty; the effects below fill them, in any order.
        style: buildStyle(theme, {
          roads: { type: 'geojson', data: EMPTY_COLLECTION },
          buildings: { type: 'geojson', data: EMPTY_COLLECTION },
        }),
        ...(bounds ? { bounds } : {}),
        fontFamily: theme.fontFamily,
        uiStrings,
        onError: (error) => callbacks.current.onError?.(error, false),
      });
    } catch (error) {
      setFailed(true);
      callbacks.current.onError?.(error instanceof Error ? error : new Error(String(error)), true);
      return;
    }
    shellRef.current = shell;
    cameraSet.current = bounds !== undefined;
    settle(shell);
    return () => {
      shellRef.current = null;
      shell.destroy();
    };
    // The theme and first camera are read once; a theme switch will rebuild the style (later issue).
  }, []);

  const settle = (shell: MapShell) => {
    shell.whenSettled().then(
      () => callbacks.current.onSettled?.(),
      () => undefined, // destroyed while waiting: nobody to tell
    );
  };

  useLayoutEffect(() => {
    const shell = shellRef.current;
    if (!shell) return;
    shell.setGeoJSON(BASEMAP_SOURCE_IDS.roads, basemap.roads ?? EMPTY_COLLECTION);
    settle(shell);
  }, [basemap.roads]);

  useLayoutEffect(() => {
    const shell = shellRef.current;
    if (!shell) return;
    shell.setGeoJSON(BASEMAP_SOURCE_IDS.buildings, basemap.buildings ?? EMPTY_COLLECTION);
    settle(shell);
  }, [basemap.buildings]);

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
    shellRef.current?.setUiStrings(uiStrings);
  }, [uiStrings.zoomIn, uiStrings.zoomOut, uiStrings.resetBearing, uiStrings.mapTitle]);

  return <div ref={containerRef} class={props.class ?? 'map-view'} data-testid="map" data-failed={failed ? 'true' : undefined} />;
}
