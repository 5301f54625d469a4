import { afterEach, describe, expect, it, vi } from 'vitest';
import { symbolAtlasImage } from './atlas-canvas.ts';
import { SYMBOL_ATLAS } from './symbols.ts';

afterEach(() => vi.unstubAllGlobals());

describe('symbolAtlasImage', () => {
  it('is null without a canvas (node), then paints once on a canvas and keeps it', () => {
    expect(symbolAtlasImage()).toBeNull();
    const calls: string[] = [];
    class FakeOffscreenCanvas {
      constructor(readonly width: number, readonly height: number) {}
      getContext(kind: string) {
        calls.push(kind);
        return new Proxy({}, { get: (_t, name) => (name === 'clearRect' ? () => calls.push('clear') : () => undefined), set: () => true });
      }
    }
    vi.stubGlobal('OffscreenCanvas', FakeOffscreenCanvas);
    const image = symbolAtlasImage() as unknown as FakeOffscreenCanvas;
    expect(image).toBeInstanceOf(FakeOffscreenCanvas);
    expect([image.width, image.height]).toEqual([SYMBOL_ATLAS.width, SYMBOL_ATLAS.height]);
    expect(symbolAtlasImage()).toBe(image);
    expect(calls).toEqual(['2d', 'clear']);
  });
});
