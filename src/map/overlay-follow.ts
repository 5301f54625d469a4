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

/** How the followed overlay's frames reach the screen. */
export interface FollowOptions {
  /**
   * Frames appear some time after they are asked for (drawn offscreen, see offscreen-overlay.ts):
   * the picture keeps following the map until `shown()` says the new frame is on screen, and a
   * redraw waits for the map's own frame to be on screen first, so the map's frame is never queued
   * behind the overlay's drawing. Default false: a frame is on screen when `sync` returns.
   */
  shownLater?: boolean;
  /** Whenever no frame is asked for or being drawn any more. */
  onSettled?: () => void;
}

export interface Following {
  /** Puts the render event back to the overlay's own listener. */
  undo(): void;
  /** The frame last asked for is on screen (call it from the overlay once shown). */
  shown(): void;
  /** A frame is asked for, or about to be, and not on screen yet. */
  pending(): boolean;
}

function sameView(a: DrawnView, b: DrawnView): boolean {
  return a.lng === b.lng && a.lat === b.lat && a.zoom === b.zoom && a.width === b.width && a.height === b.height;
}

/**
 * Makes the overlay follow the map as a picture while it moves. `overlayRenderListener` is the
 * overlay's own listener on the map's `render` event, which is replaced (and put back by `undo`).
 */
export function followWhileMoving(map: MapLibreMap, overlay: FollowedOverlay, overlayRenderListener: () => void, options: FollowOptions = {}): Following {
  const later = options.shownLater ?? false;
  /** The view of the frame on screen, and of the one asked for and not shown yet. */
  let drawn: DrawnView | null = null;
  let asked: DrawnView | null = null;
  let scheduled: number | null = null;
  const canvas = () => overlay.canvas();
  const viewNow = (): DrawnView => {
    const centre = map.getCenter();
    const container = map.getContainer();
    return { lng: centre.lng, lat: centre.lat, zoom: map.getZoom(), width: container.clientWidth, height: container.clientHeight };
  };
  /** Places the picture on screen where its frame belongs under the camera now. */
  const place = () => {
    const c = canvas();
    if (!c) return;
    const transform = drawn ? followTransform(drawn, { zoom: map.getZoom(), centreAt: map.project([drawn.lng, drawn.lat]) }) : null;
    c.style.transformOrigin = '0 0';
    c.style.transform = transform ?? '';
  };
  const shown = () => {
    if (asked) drawn = asked;
    asked = null;
    if (later) place();
    else {
      // Drawn at the camera now (drawNow runs only when the map is still).
      const c = canvas();
      if (c) c.style.transform = '';
    }
    if (scheduled === null) options.onSettled?.();
  };
  const drawNow = () => {
    const view = viewNow();
    // Drawn at this view already: the overlay would not draw again, so no frame is to come.
    if (later && drawn && !asked && sameView(view, drawn)) {
      place();
      if (scheduled === null) options.onSettled?.();
      return;
    }
    asked = view;
    overlay.sync();
    if (!later) shown();
  };
  // After the next frame: the map's own frame is then on screen before the overlay starts drawing.
  const drawSoon = () => {
    if (scheduled !== null) return;
    scheduled = requestAnimationFrame(() => {
      setTimeout(() => {
        scheduled = null;
        drawNow();
      }, 0);
    });
  };
  const onRender = () => {
    if (!drawn || !canvas()) {
      drawNow();
      return;
    }
    if (map.isMoving()) {
      place();
      return;
    }
    if (later) drawSoon();
    else drawNow();
  };
  const onMoveEnd = () => (later ? drawSoon() : drawNow());

  map.off('render', overlayRenderListener);
  map.on('render', onRender);
  map.on('moveend', onMoveEnd);
  return {
    shown,
    pending: () => asked !== null || scheduled !== null,
    undo() {
      if (scheduled !== null) cancelAnimationFrame(scheduled);
      scheduled = null;
      map.off('render', onRender);
      map.off('moveend', onMoveEnd);
      const c = canvas();
      if (c) c.style.transform = '';
      map.on('render', overlayRenderListener);
    },
  };
}
