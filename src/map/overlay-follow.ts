/**
 * On a CPU renderer, the deck overlay is not redrawn while the map moves: its last frame follows the
 * basemap as a picture (a CSS transform: shifted for a pan, scaled about the right point for a zoom),
 * and the overlay is drawn anew once the map stops. OpenLayers does the same for heavy vector layers
 * (`updateWhileInteracting: false`).
 *
 * Why: with WebGL in software (SwiftShader, a wall PC without a GPU) one overlay frame of a large
 * district costs from a fifth of a second to seconds — every alarm and premise symbol rasterised on
 * the CPU — so redrawing it on every frame of a pan freezes the page. The basemap still draws
 * live; what the overlay lacks during the move (objects just outside the last frame) appears when
 * the move ends. On a GPU the overlay stays live.
 *
 * The map is never rotated or pitched (the shell disables both), so a move is a translation plus a
 * uniform scale in screen space: a point drawn at `s0` now belongs at `k·s0 + (p − k·c0)`, where
 * `k = 2^(zoom − zoom0)`, `c0` is the screen centre when the frame was drawn and `p` is where the
 * centre of that frame is now.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';

/** What the overlay provides: its canvas, and the redraw that syncs it to the map's camera. */
export interface FollowedOverlay {
  canvas(): HTMLCanvasElement | null;
  /** Sets deck's view state from the map and redraws (deck's MapboxOverlay `_updateViewState`). */
  sync(): void;
}

/** Where the last overlay frame was drawn from. */
interface DrawnView {
  lng: number;
  lat: number;
  zoom: number;
  width: number;
  height: number;
}

/** The CSS transform that carries a frame drawn at `drawn` to the camera now; null: none needed. */
export function followTransform(drawn: DrawnView, now: { zoom: number; centreAt: { x: number; y: number } }): string | null {
  const k = 2 ** (now.zoom - drawn.zoom);
  const tx = now.centreAt.x - k * (drawn.width / 2);
  const ty = now.centreAt.y - k * (drawn.height / 2);
  if (Math.abs(k - 1) < 1e-9 && Math.abs(tx) < 1e-6 && Math.abs(ty) < 1e-6) return null;
  return `translate(${tx}px, ${ty}px) scale(${k})`;
}

/**
 * Makes the overlay follow the map as a picture while it moves; returns the function that undoes
 * it. `overlayRenderListener` is the overlay's own listener on the map's `render` event, which is
 * replaced (and put back by the returned function).
 */
export function followWhileMoving(map: MapLibreMap, overlay: FollowedOverlay, overlayRenderListener: () => void): () => void {
  let drawn: DrawnView | null = null;
  const canvas = () => overlay.canvas();

  const drawNow = () => {
    const c = canvas();
    if (c && c.style.transform) c.style.transform = '';
    overlay.sync();
    const centre = map.getCenter();
    const container = map.getContainer();
    drawn = { lng: centre.lng, lat: centre.lat, zoom: map.getZoom(), width: container.clientWidth, height: container.clientHeight };
  };
  const onRender = () => {
    const c = canvas();
    if (!map.isMoving() || !drawn || !c) {
      drawNow();
      return;
    }
    const transform = followTransform(drawn, { zoom: map.getZoom(), centreAt: map.project([drawn.lng, drawn.lat]) });
    c.style.transformOrigin = '0 0';
    c.style.transform = transform ?? '';
  };

  map.off('render', overlayRenderListener);
  map.on('render', onRender);
  map.on('moveend', drawNow);
  return () => {
    map.off('render', onRender);
    map.off('moveend', drawNow);
    const c = canvas();
    if (c) c.style.transform = '';
    map.on('render', overlayRenderListener);
  };
}
