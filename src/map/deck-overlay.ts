/**
 * The deck.gl overlay of the map shell: deck's MapboxOverlay on a canvas of its own (not
 * interleaved), with picking and redrawing on the shell's terms:
 *  - picking once per click and once per resting pointer, never at the start of a pan (picking.ts);
 *  - on a CPU renderer, no multisampling, and no redraw while the map moves: the last frame follows
 *    the basemap as a picture until the move ends (overlay-follow.ts).
 *
 * Two of these rely on listeners deck's MapboxOverlay keeps privately (`_handleMouseEvent`,
 * `_updateViewState`; deck 9.4, pinned). Should a later deck rename them, the overlay falls back to
 * deck's own behaviour, slower on a CPU but still correct.
 */
import type { PickingInfo } from '@deck.gl/core';
import { MapboxOverlay } from '@deck.gl/mapbox';
import type * as maplibregl from 'maplibre-gl';
import { followWhileMoving } from './overlay-follow.ts';
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
  /** After every overlay frame. */
  onAfterRender: () => void;
  onHover?: (info: PickingInfo) => void;
  onClick?: (info: PickingInfo) => void;
}

/** Adds the overlay to `map`; `detach` removes it and everything wired with it. */
export function addDeckOverlay(map: maplibregl.Map, options: DeckOverlayOptions): { overlay: MapboxOverlay; detach: () => void } {
  const { software } = options;
  const overlay = new MapboxOverlay({
    interleaved: false,
    layers: [],
    // WebGL's default multisampling quadruples the fragment work of a CPU renderer for edges deck's
    // point and icon shaders smooth by themselves.
    deviceProps: { webgl: { antialias: !software } },
    onAfterRender: options.onAfterRender,
  });
  map.addControl(overlay);
  detachOverlayPointerEvents(map, overlay);
  const detachPicking = attachPicking(map, overlay, {
    ...(options.onHover ? { onHover: options.onHover } : {}),
    ...(options.onClick ? { onClick: options.onClick } : {}),
  });
  const unfollow = software ? followOverlay(map, overlay) : () => undefined;
  return {
    overlay,
    detach() {
      detachPicking();
      unfollow();
      map.removeControl(overlay);
      overlay.finalize();
    },
  };
}

/** The overlay's last frame follows the map while it moves, when deck's listener can be found. */
function followOverlay(map: maplibregl.Map, overlay: MapboxOverlay): () => void {
  const listener = (overlay as unknown as { _updateViewState?: unknown })._updateViewState;
  if (typeof listener !== 'function') return () => undefined;
  const sync = listener as () => void;
  return followWhileMoving(map, { canvas: () => overlay.getCanvas(), sync }, sync);
}
