/**
 * The symbol atlas painted on a canvas at run time, once per page. Painting beats shipping a PNG: no
 * request, no data: URL (the CSP allows neither), and the shapes stay defined in one place
 * (symbols.ts). Node has no canvas, so there the image is `null` and the symbol layers stay hidden.
 */
import { SYMBOL_ATLAS, type AtlasContext, type SymbolAtlas } from './symbols.ts';

/** A canvas deck.gl can upload as a texture. */
export type AtlasImage = OffscreenCanvas | HTMLCanvasElement;

let painted: AtlasImage | null = null;

function paint(atlas: SymbolAtlas): AtlasImage | null {
  // A document canvas first: WebGL uploads it directly, while an OffscreenCanvas makes luma.gl warn
  // ("texSubImage2D: no canvas") on Chromium. OffscreenCanvas remains for workers.
  if (typeof document !== 'undefined') {
    const canvas = document.createElement('canvas');
    canvas.width = atlas.width;
    canvas.height = atlas.height;
    const ctx = canvas.getContext('2d');
    if (ctx) {
      atlas.draw(ctx);
      return canvas;
    }
  }
  if (typeof OffscreenCanvas !== 'undefined') {
    const canvas = new OffscreenCanvas(atlas.width, atlas.height);
    const ctx = canvas.getContext('2d');
    if (ctx) {
      atlas.draw(ctx as AtlasContext);
      return canvas;
    }
  }
  return null;
}

/**
 * The painted default atlas ({@link SYMBOL_ATLAS}); the same object on every call, so deck keeps its
 * texture. `null` where there is no 2D canvas (tried again on the next call).
 */
export function symbolAtlasImage(): AtlasImage | null {
  painted ??= paint(SYMBOL_ATLAS);
  return painted;
}
