import type { Map as MapLibreMap } from 'maplibre-gl';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { followTransform, followWhileMoving } from './overlay-follow.ts';

const drawn = { lng: 118.58, lat: 24.8, zoom: 15, width: 1000, height: 600 };

describe('followTransform', () => {
  it('is nothing when the camera has not moved', () => {
    expect(followTransform(drawn, { zoom: 15, centreAt: { x: 500, y: 300 } })).toBeNull();
  });

  it('shifts the frame by the pan: its centre is now 40 px left and 25 px down', () => {
    expect(followTransform(drawn, { zoom: 15, centreAt: { x: 460, y: 325 } })).toBe('translate(-40px, 25px) scale(1)');
  });

  it('one zoom level in about the centre: twice the size, the centre kept in place', () => {
    // A point at the centre (500, 300) stays there: 2·500 − 500 = 500.
    expect(followTransform(drawn, { zoom: 16, centreAt: { x: 500, y: 300 } })).toBe('translate(-500px, -300px) scale(2)');
  });

  it('one zoom level out while the old centre sits at (100, 50)', () => {
    expect(followTransform(drawn, { zoom: 14, centreAt: { x: 100, y: 50 } })).toBe('translate(-150px, -100px) scale(0.5)');
  });
});

/** A map whose camera the test moves by hand; `project` of the drawn centre is `at`. */
class FakeMap {
  handlers = new Map<string, Set<() => void>>();
  moving = false;
  zoom = 15;
  at = { x: 500, y: 300 };
  centre = { lng: drawn.lng, lat: drawn.lat };
  on(t: string, f: () => void) { (this.handlers.get(t) ?? this.handlers.set(t, new Set()).get(t)!).add(f); return this; }
  off(t: string, f: () => void) { this.handlers.get(t)?.delete(f); return this; }
  fire(t: string) { for (const f of [...(this.handlers.get(t) ?? [])]) f(); }
  isMoving() { return this.moving; }
  getZoom() { return this.zoom; }
  getCenter() { return this.centre; }
  getContainer() { return { clientWidth: drawn.width, clientHeight: drawn.height }; }
  project() { return this.at; }
}

describe('followWhileMoving', () => {
  const setup = () => {
    const map = new FakeMap();
    const canvas = { style: { transform: '', transformOrigin: '' } } as unknown as HTMLCanvasElement;
    let syncs = 0;
    const deckListener = () => { syncs += 1; };
    map.on('render', deckListener);
    const { undo } = followWhileMoving(map as unknown as MapLibreMap, { canvas: () => canvas, sync: deckListener }, deckListener);
    return { map, canvas, undo, syncs: () => syncs };
  };

  it('redraws the overlay on renders of a still map, as deck would', () => {
    const { map, syncs } = setup();
    map.fire('render');
    map.fire('render');
    expect(syncs()).toBe(2);
  });

  it('while the map moves, moves the picture instead of redrawing; redraws once the move ends', () => {
    const { map, canvas, syncs } = setup();
    map.fire('render'); // the frame the picture is of
    map.moving = true;
    map.at = { x: 470, y: 300 };
    map.fire('render');
    map.at = { x: 440, y: 310 };
    map.fire('render');
    expect(syncs()).toBe(1);
    expect(canvas.style.transform).toBe('translate(-60px, 10px) scale(1)');
    expect(canvas.style.transformOrigin).toBe('0 0');
    map.moving = false;
    map.fire('moveend');
    expect(syncs()).toBe(2);
    expect(canvas.style.transform).toBe('');
  });

  it("undoing it gives the render event back to deck's own listener", () => {
    const { map, undo, syncs } = setup();
    undo();
    map.moving = true;
    map.fire('render');
    expect(syncs()).toBe(1);
    expect(map.handlers.get('render')?.size).toBe(1);
  });

  describe('frames shown later (drawn offscreen)', () => {
    afterEach(() => {
      vi.useRealTimers();
      vi.unstubAllGlobals();
    });

    it('keeps following with the old frame until the new one is shown, and redraws only after the map\'s next frame', () => {
      vi.useFakeTimers();
      vi.stubGlobal('requestAnimationFrame', (f: () => void) => setTimeout(f, 16));
      const map = new FakeMap();
      const canvas = { style: { transform: '', transformOrigin: '' } } as unknown as HTMLCanvasElement;
      let syncs = 0;
      const sync = () => { syncs += 1; };
      const following = followWhileMoving(map as unknown as MapLibreMap, { canvas: () => canvas, sync }, sync, { shownLater: true });
      map.fire('render'); // the first frame is asked for at once
      expect(syncs).toBe(1);
      following.shown();
      expect(canvas.style.transform).toBe('');

      map.moving = true;
      map.at = { x: 470, y: 300 };
      map.centre = { lng: drawn.lng + 0.0005, lat: drawn.lat };
      map.fire('render');
      expect(canvas.style.transform).toBe('translate(-30px, 0px) scale(1)');
      map.moving = false;
      map.fire('moveend');
      map.fire('render'); // the map's own last frame: the overlay is not asked to draw in it
      expect(syncs).toBe(1);
      vi.advanceTimersByTime(20);
      expect(syncs).toBe(2);
      // Not shown yet: the old frame stays where it belongs.
      expect(canvas.style.transform).toBe('translate(-30px, 0px) scale(1)');
      map.at = { x: 500, y: 300 }; // the new frame's centre is the screen's centre
      following.shown();
      expect(canvas.style.transform).toBe('');
      expect(following.pending()).toBe(false);
      // A still map at the view already drawn asks for nothing more.
      map.fire('render');
      vi.advanceTimersByTime(20);
      expect(syncs).toBe(2);
      following.undo();
    });
  });
});
