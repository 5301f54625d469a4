/**
 * The deck.gl overlay of the map shell: deck's MapboxOverlay on a canvas of its own (not
 * interleaved), with picking and redrawing on the shell's terms:
 *  - picking once per click and once per resting pointer, never at the start of a pan (picking.ts);
 *  - on a CPU renderer, no multisampling, and no redraw while the map moves: the last frame follows
 *    the basemap as a picture until the move ends (overlay-follow.ts);
 *  - on a CPU renderer, frames drawn offscreen and put on the canvas once finished, so the page
 *    never waits for the overlay's drawing (offscreen-overlay.ts).
 *
 * Two of these rely on listeners deck's MapboxOverlay keeps privately (`_handleMouseEvent`,
 * `_updateViewState`; deck 9.4, pinned). Should a later deck rename them, the overlay falls back to
 * deck's own behaviour, slower on a CPU but still correct.
 */
import type { Deck, PickingInfo } from '@deck.gl/core';
import { MapboxOverlay } from '@deck.gl/mapbox';
import type * as maplibregl from 'maplibre-gl';
import { drawOffscreen, type OffscreenOverlay } from './offscreen-overlay.ts';
import { followWhileMoving, type Following } from './overlay-follow.ts';
import { attachPicking, detachOverlayPointerEvents } from './picking.ts';

/** Whether the map's WebGL runs on the CPU (SwiftShader, llvmpipe). */
export function isSoftwareRenderer(map: maplibregl.Map): boolean {
  // The canvas's existing context (asking again returns it; no new context is made).
  const gl = map.getCanvas().getContext('webgl2') ?? map.getCanvas().getContext('webgl');
  const info = gl?.getExtension('WEBGL_debug_renderer_info');
  const renderer = info && gl ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : '';
  return /swiftshader|llvmpipe|software|basic render/i.test(renderer);
}

export interface DeckOverlayOptions {
  /** The map renders on the CPU (see {@link isSoftwareRenderer}). */
  software: boolean;
  /** What the frame about to be drawn shows (e.g. a version of the layers), read when it is drawn. */
  frameToken: () => number;
  /** After every overlay frame, once it is on screen, with the token read when it was drawn. */
  onAfterRender: (token: number) => void;
  /** On a CPU renderer: the frame asked for after a move is on screen, or none was needed. */
  onFollowSettled?: () => void;
  onHover?: (info: PickingInfo) => void;
  onClick?: (info: PickingInfo) => void;
}

export interface DeckOverlay {
  overlay: MapboxOverlay;
  /** A frame for the camera now is still to come (CPU renderer: asked for after a move, being drawn). */
  pending(): boolean;
  detach(): void;
}

/** Adds the overlay to `map`; `detach` removes it and everything wired with it. */
export function addDeckOverlay(map: maplibregl.Map, options: DeckOverlayOptions): DeckOverlay {
  const { software } = options;
  // On a CPU renderer, frames after the first are drawn offscreen and shown when done (offscreen-overlay.ts).
  let offscreen: OffscreenOverlay | null = null;
  let offscreenTried = false;
  const overlay = new MapboxOverlay({
    interleaved: false,
    layers: [],
    // WebGL's default multisampling quadruples the fragment work of a CPU renderer for edges deck's
    // point and icon shaders smooth by themselves.
    deviceProps: { webgl: { antialias: !software } },
    onBeforeRender: () => offscreen?.beforeRender(),
    onAfterRender: ({ gl }) => {
      // Read now: by the time an offscreen frame is shown, newer layers may have been given.
      const token = options.frameToken();
      if (offscreen) {
        offscreen.afterRender(gl as WebGL2RenderingContext, () => onShown(token));
        return;
      }
      onShown(token);
      if (software && !offscreenTried) {
        offscreenTried = true;
        const deck = (overlay as unknown as { _deck?: Deck | null })._deck;
        offscreen = deck ? drawOffscreen(deck) : null;
      }
    },
  });
  let following: Following | null = null;
  const onShown = (token: number) => {
    options.onAfterRender(token);
    following?.shown();
  };
  map.addControl(overlay);
  detachOverlayPointerEvents(map, overlay);
  const detachPicking = attachPicking(map, overlay, {
    ...(options.onHover ? { onHover: options.onHover } : {}),
    ...(options.onClick ? { onClick: options.onClick } : {}),
  });
  following = software ? followOverlay(map, overlay, options.onFollowSettled) : null;
  return {
    overlay,
    pending: () => following?.pending() ?? false,
    detach() {
      detachPicking();
      following?.undo();
      following = null;
      offscreen?.destroy();
      offscreen = null;
      map.removeControl(overlay);
      overlay.finalize();
    },
  };
}

/** The overlay's last frame follows the map while it moves, when deck's listener can be found. */
function followOverlay(map: maplibregl.Map, overlay: MapboxOverlay, onSettled?: () => void): Following | null {
  const listener = (overlay as unknown as { _updateViewState?: unknown })._updateViewState;
  if (typeof listener !== 'function') return null;
  const sync = listener as () => void;
  return followWhileMoving(map, { canvas: () => overlay.getCanvas(), sync }, sync, { shownLater: true, ...(onSettled ? { onSettled } : {}) });
}
