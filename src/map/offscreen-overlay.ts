/**
 * On a CPU renderer, the deck overlay draws into an offscreen framebuffer, and the finished frame is
 * copied onto the overlay's canvas only once the renderer has finished drawing it. The page never
 * waits for the drawing.
 *
 * Why: with WebGL in software (SwiftShader) and software compositing, a canvas that has been drawn
 * on is read back on the main thread at the next frame, and that read waits for every draw call
 * before it — for a whole 100× district, seconds in which the page cannot answer a click. Drawn
 * offscreen, the canvas is untouched until a fence (`fenceSync`) says the frame is done: the
 * drawing runs on the GPU process's thread while the main thread stays free, and the copy that
 * follows (`blitFramebuffer`) is quick. Meanwhile the canvas shows the previous frame.
 *
 * Uses deck's `_framebuffer` prop (deck 9.4, pinned; experimental upstream). WebGL 2 only, and
 * only without multisampling (a blit cannot resolve into a multisampled canvas), which is how the
 * overlay runs on a CPU renderer anyway.
 */
import type { Deck } from '@deck.gl/core';

/** What is used of deck's luma.gl device and framebuffer (luma.gl 9, deck's own). */
interface Framebuffer {
  readonly width: number;
  readonly height: number;
  readonly handle: WebGLFramebuffer;
  resize(size: { width: number; height: number }): void;
  destroy(): void;
}
interface Device {
  readonly gl?: unknown;
  readonly canvasContext: {
    /** Applies a pending resize of the canvas (luma.gl resizes lazily, when the screen is drawn to). */
    getCurrentFramebuffer(): unknown;
    getDrawingBufferSize(): [number, number];
  } | null;
  createFramebuffer(props: { id: string; width: number; height: number; colorAttachments: string[]; depthStencilAttachment: string }): Framebuffer;
}

/** How often a pending frame's fence is checked, ms. */
const POLL_MS = 16;

export interface OffscreenOverlay {
  /** Called from deck's `onAfterRender`: fences the frame; `onShown` runs once it is on the canvas. */
  afterRender(gl: WebGL2RenderingContext, onShown: () => void): void;
  /** Called from deck's `onBeforeRender`: keeps canvas and framebuffer the size deck draws at. */
  beforeRender(): void;
  destroy(): void;
}

interface Pending {
  sync: WebGLSync;
  onShown: () => void;
}

/** Points `deck` at an offscreen framebuffer of its own device; null when the device is not WebGL 2. */
export function drawOffscreen(deck: Deck): OffscreenOverlay | null {
  // `device` is protected in deck's typings; it is the luma.gl device deck draws with.
  const device = (deck as unknown as { device?: Device | null }).device;
  const gl = device?.gl;
  const canvasContext = device?.canvasContext;
  if (!device || !canvasContext || typeof WebGL2RenderingContext === 'undefined' || !(gl instanceof WebGL2RenderingContext)) return null;
  const [width, height] = canvasContext.getDrawingBufferSize();
  let framebuffer: Framebuffer | null = device.createFramebuffer({
    id: 'offscreen-overlay',
    width,
    height,
    colorAttachments: ['rgba8unorm'],
    depthStencilAttachment: 'depth24plus-stencil8',
  });
  deck.setProps({ _framebuffer: framebuffer as never });
  let pending: Pending | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;

  const show = (ctx: WebGL2RenderingContext) => {
    if (!framebuffer) return;
    // The canvas takes the size the frame was drawn at (luma.gl resizes it lazily, when drawn to).
    canvasContext.getCurrentFramebuffer();
    const { handle, width, height } = framebuffer;
    const scissor = ctx.isEnabled(ctx.SCISSOR_TEST);
    if (scissor) ctx.disable(ctx.SCISSOR_TEST);
    ctx.bindFramebuffer(ctx.READ_FRAMEBUFFER, handle);
    ctx.bindFramebuffer(ctx.DRAW_FRAMEBUFFER, null);
    ctx.blitFramebuffer(0, 0, width, height, 0, 0, width, height, ctx.COLOR_BUFFER_BIT, ctx.NEAREST);
    ctx.bindFramebuffer(ctx.FRAMEBUFFER, null);
    if (scissor) ctx.enable(ctx.SCISSOR_TEST);
  };

  const check = (ctx: WebGL2RenderingContext) => {
    timer = null;
    const p = pending;
    if (!p) return;
    // A zero timeout never blocks: the status comes back from the GPU process asynchronously.
    const status = ctx.clientWaitSync(p.sync, 0, 0);
    if (status === ctx.TIMEOUT_EXPIRED) {
      timer = setTimeout(() => check(ctx), POLL_MS);
      return;
    }
    ctx.deleteSync(p.sync);
    pending = null;
    show(ctx);
    p.onShown();
  };

  return {
    beforeRender() {
      // Deck lays out its viewport by the size the canvas should have; the canvas follows when the
      // frame is shown (a resized canvas is blank, so not before).
      const [w, h] = canvasContext.getDrawingBufferSize();
      if (framebuffer && (framebuffer.width !== w || framebuffer.height !== h)) framebuffer.resize({ width: w, height: h });
    },
    afterRender(ctx, onShown) {
      const sync = ctx.fenceSync(ctx.SYNC_GPU_COMMANDS_COMPLETE, 0);
      if (!sync) {
        show(ctx);
        onShown();
        return;
      }
      ctx.flush();
      // Fences signal in order: only the latest frame needs showing.
      if (pending) ctx.deleteSync(pending.sync);
      pending = { sync, onShown };
      if (timer === null) timer = setTimeout(() => check(ctx), POLL_MS);
    },
    destroy() {
      if (timer !== null) clearTimeout(timer);
      timer = null;
      if (pending) gl.deleteSync(pending.sync);
      pending = null;
      deck.setProps({ _framebuffer: null });
      framebuffer?.destroy();
      framebuffer = null;
    },
  };
}
