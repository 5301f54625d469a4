/**
 * Picking for the deck overlay, on the map shell's own terms.
 *
 * deck's overlay would pick (render every pickable layer off screen and read a pixel back) on every
 * mouse-down, including the one that starts each pan, and on every animation frame the pointer has
 * moved in. On a CPU renderer (SwiftShader, a wall PC without a GPU) each of those picks is a
 * blocking pass over every object in the scene — at 100k premises, a long freeze at the start of
 * each drag. So the shell takes picking over:
 *  - a click (MapLibre's, which a drag never is) picks once at the clicked point;
 *  - hover picks once the pointer has rested (`restMs`) with no button down and the map still, so
 *    panning, zooming and sweeping across the map never pick; a tooltip appears as the pointer stops.
 *  - leaving the map clears the hover.
 */
import type { PickingInfo } from '@deck.gl/core';
import type { Map as MapLibreMap, MapMouseEvent } from 'maplibre-gl';

/** The map events through which deck's overlay picks by itself (taken away from it here). */
const OVERLAY_POINTER_EVENTS = ['mousedown', 'dragstart', 'drag', 'dragend', 'mousemove', 'mouseout', 'click', 'dblclick'] as const;

/** How long the pointer must rest before a hover pick, ms: short enough to feel immediate. */
export const HOVER_REST_MS = 90;
/** Pixels around the pointer that still hit a small symbol. */
export const PICK_RADIUS_PX = 4;

/** The one method of deck's overlay picking needs. */
export interface Picker {
  pickObject(options: { x: number; y: number; radius?: number }): PickingInfo | null;
}

export interface PickingOptions {
  onHover?: (info: PickingInfo) => void;
  onClick?: (info: PickingInfo) => void;
  restMs?: number;
  radius?: number;
}

/**
 * Stops the overlay's own pointer forwarding. It relies on the listener deck's MapboxOverlay keeps
 * as `_handleMouseEvent` (deck 9.4, pinned): should a later deck rename it, nothing is removed and
 * deck picks as it did before, which is slower but still correct.
 */
export function detachOverlayPointerEvents(map: MapLibreMap, overlay: object): boolean {
  const handler = (overlay as { _handleMouseEvent?: unknown })._handleMouseEvent;
  if (typeof handler !== 'function') return false;
  for (const type of OVERLAY_POINTER_EVENTS) map.off(type, handler as (e: unknown) => void);
  return true;
}

/** What a pick at a point with nothing under it reports (deck's empty info, minimally). */
function emptyInfo(x: number, y: number, map: MapLibreMap): PickingInfo {
  const at = map.unproject([x, y]);
  return { x, y, index: -1, color: null, layer: null, object: undefined, picked: false, pixel: [x, y], coordinate: [at.lng, at.lat] } as unknown as PickingInfo;
}

/** Wires click and rest-hover picking; returns the function that unwires it. */
export function attachPicking(map: MapLibreMap, picker: Picker, options: PickingOptions): () => void {
  const restMs = options.restMs ?? HOVER_REST_MS;
  const radius = options.radius ?? PICK_RADIUS_PX;
  const canvas = map.getCanvasContainer();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let hovering = false;

  const pickAt = (x: number, y: number): PickingInfo => {
    let info: PickingInfo | null = null;
    try {
      info = picker.pickObject({ x, y, radius });
    } catch {
      // A pick during a lost context or before deck is ready: as if nothing were there.
    }
    return info ?? emptyInfo(x, y, map);
  };
  const cancel = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };
  const clearHover = () => {
    cancel();
    if (!hovering) return;
    hovering = false;
    canvas.style.cursor = '';
    options.onHover?.(emptyInfo(0, 0, map));
  };

  const onMove = (event: MapMouseEvent) => {
    cancel();
    if (!options.onHover) return;
    // A button down is a drag in the making; moving the map is not hovering.
    if (event.originalEvent.buttons !== 0 || map.isMoving()) {
      clearHover();
      return;
    }
    const { x, y } = event.point;
    timer = setTimeout(() => {
      timer = null;
      if (map.isMoving()) return;
      const info = pickAt(x, y);
      hovering = info.index >= 0;
      canvas.style.cursor = hovering ? 'pointer' : '';
      options.onHover?.(info);
    }, restMs);
  };
  const onClick = (event: MapMouseEvent) => {
    cancel();
    options.onClick?.(pickAt(event.point.x, event.point.y));
  };

  map.on('mousemove', onMove);
  map.on('mouseout', clearHover);
  map.on('movestart', clearHover);
  map.on('click', onClick);
  return () => {
    cancel();
    map.off('mousemove', onMove);
    map.off('mouseout', clearHover);
    map.off('movestart', clearHover);
    map.off('click', onClick);
  };
}
