/**
 * The browser side of the viewer benchmark: a cold Chromium (fresh profile, headless, SwiftShader
 * WebGL, as test/browser/chromium.ts launches it, plus precise heap figures), a long-task observer
 * installed before the app's first script, a requestAnimationFrame recorder, mouse drags over the
 * map, the alarms query's fetch/landing events (through `window.__fireOneMapQueryClient`, `?test=1`),
 * and JS heap sizes after a forced GC in the page and in every dedicated worker (over CDP).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../../test/browser/chromium.ts';
import type { LongTask, PollEvent } from './stats.ts';

/** What the init script and the recorders keep on the page's window. */
interface BenchGlobals {
  longTasks: LongTask[];
  frames: number[];
  recording: boolean;
  polls: PollEvent[];
}

/** The bits of TanStack Query's client the page functions use (typed here, not imported into the page). */
interface QueryLike {
  queryKey: readonly unknown[];
  state: { status: string };
}
interface QueryClientLike {
  getQueryCache(): {
    findAll(filters?: { queryKey?: readonly unknown[] }): QueryLike[];
    subscribe(listener: (event: { type: string; query: QueryLike; action?: { type: string } }) => void): () => void;
  };
  refetchQueries(filters: { predicate: (q: QueryLike) => boolean }, options?: { cancelRefetch?: boolean }): Promise<void>;
}
interface PageWindow {
  __viewerBench: BenchGlobals;
  __fireOneMapQueryClient?: QueryClientLike;
  __fireOneMap?: { whenSettled(): Promise<void> };
}

/** A launched browser, its one page, and a CDP session that also reaches the page's workers. */
export interface BenchBrowser {
  context: BrowserContext;
  page: Page;
  /** Set when the renderer crashed (out of memory at 100×, say). */
  crashed(): boolean;
  /** JS heap bytes after a forced GC: the page's (performance.memory.usedJSHeapSize) and each worker's. */
  heap(): Promise<HeapFigures>;
  close(): Promise<void>;
}

/** JS heap after GC. */
export interface HeapFigures {
  mainBytes: number;
  workersBytes: number;
  workers: { url: string; bytes: number }[];
}

/** Registers the long-task observer; runs in the page before any of its scripts. */
function initScript(): void {
  const w = window as unknown as PageWindow;
  // tsx compiles this file with esbuild's keepNames, which wraps named inner functions of the page
  // functions below in __name(...): the page needs it too.
  (w as unknown as { __name?: <F>(f: F) => F }).__name ??= (f) => f;
  w.__viewerBench = { longTasks: [], frames: [], recording: false, polls: [] };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) w.__viewerBench.longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
}

/** Starts Chromium on a fresh profile, with the long-task observer and worker sessions in place. */
export async function launchBench(): Promise<BenchBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'fire-one-map-viewer-bench-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    // Without it performance.memory is rounded and refreshed only now and then.
    args: [...CHROMIUM_FLAGS, '--enable-precise-memory-info'],
    viewport: { width: 1280, height: 800 },
    deviceScaleFactor: 1,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  let crashed = false;
  page.on('crash', () => { crashed = true; });
  await page.addInitScript(initScript);
  const cdp = await context.newCDPSession(page);
  const workers = await attachWorkers(cdp);
  return {
    context, page,
    crashed: () => crashed,
    async heap() {
      for (let i = 0; i < 2; i++) {
        await cdp.send('HeapProfiler.collectGarbage');
        for (const id of workers.ids()) await workers.send(id, 'HeapProfiler.collectGarbage').catch(() => undefined);
      }
      const mainBytes = await page.evaluate(() => (performance as unknown as { memory: { usedJSHeapSize: number } }).memory.usedJSHeapSize);
      const list: { url: string; bytes: number }[] = [];
      for (const id of workers.ids()) {
        const usage = (await workers.send(id, 'Runtime.getHeapUsage').catch(() => null)) as { usedSize?: number } | null;
        if (typeof usage?.usedSize === 'number') list.push({ url: workers.url(id), bytes: usage.usedSize });
      }
      return { mainBytes, workersBytes: list.reduce((s, w) => s + w.bytes, 0), workers: list };
    },
    async close() {
      await context.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Auto-attaches to the page's dedicated workers in CDP's non-flat mode: Playwright's session API has
 * no way to address a flat child session, and messages wrapped in Target.sendMessageToTarget need none.
 */
async function attachWorkers(cdp: CDPSession) {
  const urls = new Map<string, string>();
  const pending = new Map<number, { done: (v: unknown) => void; fail: (e: Error) => void }>();
  let nextId = 1;
  cdp.on('Target.attachedToTarget', (e) => { if (e.targetInfo.type === 'worker') urls.set(e.sessionId, e.targetInfo.url); });
  cdp.on('Target.detachedFromTarget', (e) => { if (e.sessionId) urls.delete(e.sessionId); });
  cdp.on('Target.receivedMessageFromTarget', (e) => {
    const m = JSON.parse(e.message) as { id?: number; result?: unknown; error?: { message: string } };
    const waiter = m.id === undefined ? undefined : pending.get(m.id);
    if (!waiter || m.id === undefined) return;
    pending.delete(m.id);
    if (m.error) waiter.fail(new Error(m.error.message));
    else waiter.done(m.result);
  });
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
  return {
    ids: () => [...urls.keys()],
    url: (id: string) => urls.get(id) ?? '',
    send(sessionId: string, method: string): Promise<unknown> {
      const id = nextId++;
      return new Promise((done, fail) => {
        pending.set(id, { done, fail });
        cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params: {} }) }).catch((e: Error) => {
          pending.delete(id);
          fail(e);
        });
      });
    },
  };
}

/** Navigation start → `name` performance mark, ms (NaN when not set). */
export function markTime(page: Page, name: string): Promise<number> {
  return page.evaluate((n) => performance.getEntriesByName(n)[0]?.startTime ?? Number.NaN, name);
}

/**
 * Waits until every source query has settled (none pending) and the map has drawn that state;
 * returns that moment in the page's clock (ms since navigation).
 */
export function allSourcesDrawn(page: Page, timeoutMs: number): Promise<number> {
  return page.evaluate(async (limit) => {
    const w = window as unknown as PageWindow;
    const deadline = performance.now() + limit;
    for (;;) {
      const qc = w.__fireOneMapQueryClient;
      const sources = qc?.getQueryCache().findAll({ queryKey: ['source'] }) ?? [];
      if (sources.length > 0 && sources.every((q) => q.state.status !== 'pending')) break;
      if (performance.now() > deadline) throw new Error(`sources still loading after ${limit} ms`);
      await new Promise((r) => setTimeout(r, 50));
    }
    await w.__fireOneMap?.whenSettled();
    return performance.now();
  }, timeoutMs);
}

/** Starts recording requestAnimationFrame timestamps. */
export function startFrames(page: Page): Promise<void> {
  return page.evaluate(() => {
    const b = (window as unknown as PageWindow).__viewerBench;
    b.frames = [];
    b.recording = true;
    const tick = (t: number) => {
      if (!b.recording) return;
      b.frames.push(t);
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}

/** Stops recording; returns the timestamps and every long task seen since the page began. */
export function stopFrames(page: Page): Promise<{ frames: number[]; longTasks: LongTask[]; now: number }> {
  return page.evaluate(() => {
    const b = (window as unknown as PageWindow).__viewerBench;
    b.recording = false;
    return { frames: b.frames, longTasks: b.longTasks, now: performance.now() };
  });
}

/** The page's clock now. */
export function pageNow(page: Page): Promise<number> {
  return page.evaluate(() => performance.now());
}

/**
 * Drags the map with the mouse for about `durationMs`: round a square of 320 px sides from the
 * middle of the map, 8 px a step, as a hand would. Each step waits for the page to take the event.
 * Returns the steps made and the page's time just before the button went up.
 */
export async function dragMap(page: Page, durationMs: number): Promise<{ steps: number; releasedAt: number }> {
  const box = await page.locator('.maplibregl-canvas').boundingBox();
  if (!box) throw new Error('no map canvas');
  let x = box.x + box.width / 2;
  let y = box.y + box.height / 2;
  const side = 320;
  const step = 8;
  const moves: [number, number][] = [[1, 0], [0, 1], [-1, 0], [0, -1]];
  const started = Date.now();
  let steps = 0;
  await page.mouse.move(x, y);
  await page.mouse.down();
  outer: for (;;) {
    for (const [dx, dy] of moves) {
      for (let s = 0; s < side / step; s++) {
        x += dx * step;
        y += dy * step;
        await page.mouse.move(x, y);
        steps += 1;
        if (Date.now() - started >= durationMs) break outer;
      }
    }
  }
  // The page's clock as the button is let go: what follows (the overlay redrawn once the map stops) is
  // after the pan, not during it.
  const releasedAt = await pageNow(page);
  await page.mouse.up();
  return { steps, releasedAt };
}

/**
 * Starts collecting the alarms query's fetch / success / error events, and after each landing the
 * moment the map has drawn it (`settled`: asked two timer turns later, once TanStack Query has
 * notified the components and Preact has rendered the new layers).
 */
export function watchAlarmPolls(page: Page): Promise<void> {
  return page.evaluate(() => {
    const w = window as unknown as PageWindow;
    const qc = w.__fireOneMapQueryClient;
    if (!qc) throw new Error('window.__fireOneMapQueryClient is missing (is ?test=1 set, and the build current?)');
    const polls: PollEvent[] = [];
    w.__viewerBench.polls = polls;
    qc.getQueryCache().subscribe((e) => {
      const spec = e.query.queryKey[2] as { kind?: string } | undefined;
      if (e.type !== 'updated' || e.query.queryKey[0] !== 'source' || spec?.kind !== 'alarms') return;
      const type = e.action?.type;
      if (type !== 'fetch' && type !== 'success' && type !== 'error') return;
      polls.push({ type, at: performance.now() });
      if (type !== 'success') return;
      setTimeout(() => setTimeout(() => {
        void w.__fireOneMap?.whenSettled().then(() => { polls.push({ type: 'settled', at: performance.now() }); });
      }, 0), 0);
    });
  });
}

/** Empties the page's records (long tasks, poll events), so they do not count in its heap. */
export function clearRecords(page: Page): Promise<void> {
  return page.evaluate(() => {
    const b = (window as unknown as PageWindow).__viewerBench;
    b.longTasks.length = 0;
    b.polls.length = 0;
    b.frames = [];
  });
}

/** The alarms events so far. */
export function alarmPolls(page: Page): Promise<PollEvent[]> {
  return page.evaluate(() => (window as unknown as PageWindow).__viewerBench.polls);
}

/**
 * Polls the alarms source by hand (the app's own query, refetched), one after the other, until
 * `count` have landed or `budgetMs` is spent; a poll the interval already started is joined, not
 * cancelled. Waits for the map to draw the last one. Returns how many landed.
 */
export function driveAlarmPolls(page: Page, count: number, budgetMs: number): Promise<number> {
  return page.evaluate(async ([n, budget]) => {
    const w = window as unknown as PageWindow;
    const qc = w.__fireOneMapQueryClient;
    if (!qc) throw new Error('window.__fireOneMapQueryClient is missing');
    const isAlarms = (q: QueryLike) => q.queryKey[0] === 'source' && (q.queryKey[2] as { kind?: string } | undefined)?.kind === 'alarms';
    const landed = () => w.__viewerBench.polls.filter((p) => p.type === 'success').length;
    const first = landed();
    const deadline = performance.now() + budget;
    while (landed() - first < n && performance.now() < deadline) await qc.refetchQueries({ predicate: isAlarms }, { cancelRefetch: false });
    await w.__fireOneMap?.whenSettled();
    return landed() - first;
  }, [count, budgetMs] as const);
}

/**
 * Serves the manifest with the alarms source polled every `refreshS` seconds, and answers the alarms
 * export's requests with the two copies in turn (first `variants[0]`), so every poll changes one
 * alarm. The copies are fetched from the server (route.continue), so no body passes through node.
 * Returns how many alarms requests were routed so far.
 */
export async function routeAlarmPolls(page: Page, refreshS: number, alarmsPath: string, variants: readonly [string, string]): Promise<() => number> {
  await page.route('**/data/manifest.json', async (route) => {
    const response = await route.fetch();
    const manifest = (await response.json()) as { sources: { kind: string; refresh_s?: number }[] };
    for (const s of manifest.sources) if (s.kind === 'alarms') s.refresh_s = refreshS;
    await route.fulfill({ response, json: manifest });
  });
  let requests = 0;
  await page.route(`**/data/${alarmsPath}`, async (route) => {
    const variant = variants[requests++ % 2] as string;
    await route.continue({ url: route.request().url().replace(alarmsPath, variant) });
  });
  return () => requests;
}
