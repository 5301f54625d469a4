import type { PickingInfo } from '@deck.gl/core';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { attachPicking, detachOverlayPointerEvents, HOVER_REST_MS, PICK_RADIUS_PX, type Picker } from './picking.ts';

/** Just enough of a MapLibre map: listeners, a moving flag, unproject and a container. */
class FakeMap {
  listeners = new Map<string, Set<(e: unknown) => void>>();
  moving = false;
  container = { style: { cursor: '' } };
  on(type: string, fn: (e: unknown) => void) {
    if (!this.listeners.has(type)) this.listeners.set(type, new Set());
    this.listeners.get(type)!.add(fn);
    return this;
  }
  off(type: string, fn: (e: unknown) => void) {
    this.listeners.get(type)?.delete(fn);
    return this;
  }
  fire(type: string, event: unknown = {}) {
    for (const fn of this.listeners.get(type) ?? []) fn(event);
  }
  count(type: string) {
    return this.listeners.get(type)?.size ?? 0;
  }
  isMoving() {
    return this.moving;
  }
  unproject([x, y]: [number, number]) {
    return { lng: x / 100, lat: y / 100 };
  }
  getCanvasContainer() {
    return this.container;
  }
}

const mouse = (x: number, y: number, buttons = 0) => ({ point: { x, y }, originalEvent: { buttons } });
const hit = (x: number, y: number) => ({ x, y, index: 7, object: { id: 'P1' }, layer: { id: 'premises' } }) as unknown as PickingInfo;

describe('attachPicking', () => {
  let map: FakeMap;
  let picks: { x: number; y: number; radius?: number }[];
  let picker: Picker;
  beforeEach(() => {
    vi.useFakeTimers();
    map = new FakeMap();
    picks = [];
    picker = { pickObject: (o) => (picks.push(o), o.x === 10 ? hit(o.x, o.y) : null) };
  });
  afterEach(() => vi.useRealTimers());
  const attach = (options: Parameters<typeof attachPicking>[2]) => attachPicking(map as unknown as MapLibreMap, picker, options);

  it('picks once where the pointer comes to rest, not at every move', () => {
    const hovers: PickingInfo[] = [];
    attach({ onHover: (i) => hovers.push(i) });
    map.fire('mousemove', mouse(1, 1));
    vi.advanceTimersByTime(HOVER_REST_MS / 2);
    map.fire('mousemove', mouse(5, 5));
    vi.advanceTimersByTime(HOVER_REST_MS / 2);
    map.fire('mousemove', mouse(10, 20));
    expect(picks).toEqual([]);
    vi.advanceTimersByTime(HOVER_REST_MS);
    expect(picks).toEqual([{ x: 10, y: 20, radius: PICK_RADIUS_PX }]);
    expect(hovers.map((h) => h.index)).toEqual([7]);
    expect(map.container.style.cursor).toBe('pointer');
  });

  it('never picks while a button is down or the map moves (a pan)', () => {
    const onHover = vi.fn();
    attach({ onHover });
    map.fire('mousemove', mouse(10, 10, 1));
    vi.advanceTimersByTime(HOVER_REST_MS * 3);
    map.moving = true;
    map.fire('mousemove', mouse(10, 10));
    vi.advanceTimersByTime(HOVER_REST_MS * 3);
    expect(picks).toEqual([]);
    expect(onHover).not.toHaveBeenCalled();
  });

  it('clears a hover when the map starts to move or the pointer leaves', () => {
    const hovers: number[] = [];
    attach({ onHover: (i) => hovers.push(i.index) });
    map.fire('mousemove', mouse(10, 10));
    vi.advanceTimersByTime(HOVER_REST_MS);
    map.fire('movestart');
    expect(hovers).toEqual([7, -1]);
    expect(map.container.style.cursor).toBe('');
    map.fire('mouseout');
    expect(hovers).toEqual([7, -1]);
  });

  it('a click picks at once at its point; on nothing it reports index -1 with the coordinate', () => {
    const clicks: PickingInfo[] = [];
    attach({ onClick: (i) => clicks.push(i) });
    map.fire('click', mouse(10, 3));
    map.fire('click', mouse(50, 80));
    expect(clicks[0]?.index).toBe(7);
    expect(clicks[1]?.index).toBe(-1);
    expect(clicks[1]?.coordinate).toEqual([0.5, 0.8]);
  });

  it('a pick that throws counts as nothing picked', () => {
    picker = { pickObject: () => { throw new Error('context lost'); } };
    const clicks: number[] = [];
    attach({ onClick: (i) => clicks.push(i.index) });
    map.fire('click', mouse(10, 3));
    expect(clicks).toEqual([-1]);
  });

  it('unwires everything it wired', () => {
    const detach = attach({ onHover: () => undefined, onClick: () => undefined });
    expect(map.count('mousemove') + map.count('click')).toBe(2);
    map.fire('mousemove', mouse(10, 10));
    detach();
    vi.advanceTimersByTime(HOVER_REST_MS * 2);
    expect(picks).toEqual([]);
    for (const type of ['mousemove', 'mouseout', 'movestart', 'click']) expect(map.count(type)).toBe(0);
  });
});

describe('detachOverlayPointerEvents', () => {
  it("removes the overlay's own forwarding from every pointer event", () => {
    const map = new FakeMap();
    const overlay = { _handleMouseEvent: () => undefined };
    const types = ['mousedown', 'dragstart', 'drag', 'dragend', 'mousemove', 'mouseout', 'click', 'dblclick'];
    for (const t of types) map.on(t, overlay._handleMouseEvent);
    expect(detachOverlayPointerEvents(map as unknown as MapLibreMap, overlay)).toBe(true);
    for (const t of types) expect(map.count(t)).toBe(0);
  });

  it('leaves things alone when the overlay keeps no such listener', () => {
    const map = new FakeMap();
    expect(detachOverlayPointerEvents(map as unknown as MapLibreMap, {})).toBe(false);
  });
});
