/**
 * The viewer benchmark's three kinds of page visit, each in a cold browser of its own:
 *
 * - a cold load: navigation → map ready / data ready / every source drawn, then a 1 s first drag
 *   and ~3 s of mouse drags, with frame times and long tasks recorded;
 * - a poll session: the manifest served with the alarms source polled every 2 s and each poll
 *   changing one alarm; frame times and long tasks around a few landings;
 * - a memory session: the JS heap before and after many polls driven by hand through the app's query
 *   client, each changing one alarm.
 */
import type { Page } from 'playwright-core';
import { alarmPolls, allSourcesDrawn, clearRecords, dragMap, driveAlarmPolls, launchBench, markTime, pageNow, routeAlarmPolls, startFrames, stopFrames, watchAlarmPolls, type BenchBrowser, type HeapFigures } from './page.ts';
import { frameTimes, frameTimesInAny, longTasksIn, mib, pollWindows, summarizeFrames, summarizeLongTasks, type FrameSummary, type LongTaskSummary } from './stats.ts';

// As ExploreMode sets them (not imported: that module pulls the whole UI into node).
const MAP_READY_MARK = 'fire-one-map:map-ready';
const DATA_READY_MARK = 'fire-one-map:data-ready';
const READY_SELECTOR = '[data-testid="explore"][data-map-status="ready"]';

/** Limits of one visit; large districts load for minutes. */
export interface SessionLimits {
  /** Navigation → map ready, ms. */
  readyTimeoutMs: number;
  /** Navigation → every source drawn, ms. */
  allTimeoutMs: number;
}

/** What one cold load measured. */
export interface ColdLoadRun {
  readyMs: number;
  dataMs: number;
  /** Navigation → every source settled and drawn. */
  allMs: number;
  pan: PanFigures;
  /** A first, 1 s drag before `pan`: deck compiles its picking shaders on the first pointer event. */
  firstTouch: PanFigures;
}

/** Frames and long tasks of one drag. */
export interface PanFigures {
  frames: FrameSummary;
  longTasks: LongTaskSummary;
  frameTimes: number[];
  /** Mouse moves made (each waits for the page to take the previous one). */
  steps: number;
  /** First move → the button let go. */
  ms: number;
  /** After the button went up: the longest task (the overlay redrawn once the map stops) and the time until the map settled. */
  afterLongestMs: number;
  settleMs: number;
}

async function openViewer(b: BenchBrowser, url: string, limits: SessionLimits): Promise<{ readyMs: number; dataMs: number; allMs: number }> {
  const { page } = b;
  try {
    await page.goto(url, { waitUntil: 'commit', timeout: limits.readyTimeoutMs });
    await page.waitForSelector(READY_SELECTOR, { timeout: limits.readyTimeoutMs });
    const readyMs = await markTime(page, MAP_READY_MARK);
    const dataMs = await markTime(page, DATA_READY_MARK);
    const allMs = await allSourcesDrawn(page, limits.allTimeoutMs);
    return { readyMs, dataMs, allMs };
  } catch (e) {
    if (b.crashed()) throw new Error('the page crashed (renderer out of memory?)');
    throw e;
  }
}

/** Drags the map for `ms` and returns frame and long-task figures of exactly that stretch. */
async function measurePan(page: Page, ms: number): Promise<PanFigures> {
  await startFrames(page);
  const from = await pageNow(page);
  const { steps, releasedAt } = await dragMap(page, ms);
  // The map stops moving when the button goes up; wait for what that sets off (the overlay's redraw).
  await page.evaluate(() => (window as unknown as { __fireOneMap?: { whenSettled(): Promise<void> } }).__fireOneMap?.whenSettled());
  const to = await pageNow(page);
  const rec = await stopFrames(page);
  const times = frameTimes(rec.frames, from, releasedAt);
  const after = rec.longTasks.filter((t) => t.start >= releasedAt && t.start < to);
  return {
    frames: summarizeFrames(times), longTasks: summarizeLongTasks(longTasksIn(rec.longTasks, from, releasedAt)), frameTimes: times, steps, ms: releasedAt - from,
    afterLongestMs: summarizeLongTasks(after).longestMs, settleMs: to - releasedAt,
  };
}

/** One cold load: fresh profile, load, every source drawn, a 1 s first drag, then `panMs` of dragging. */
export async function coldLoad(url: string, limits: SessionLimits, panMs: number): Promise<ColdLoadRun> {
  const b = await launchBench();
  try {
    const times = await openViewer(b, url, limits);
    // Let the last draw and any follow-up work (analyses) finish, so the drags measure panning.
    await b.page.waitForTimeout(1000);
    const firstTouch = await measurePan(b.page, 1000);
    await b.page.waitForTimeout(500);
    return { ...times, firstTouch, pan: await measurePan(b.page, panMs) };
  } finally {
    await b.close();
  }
}

/** What a poll session measured. */
export interface PollSessionResult {
  /** Polls whose frames were measured (landed at the manifest's interval). */
  landings: number;
  /** Fetch → landing, and landing → map drawn, per measured poll, ms. */
  pollMs: number[];
  drawMs: number[];
  frames: FrameSummary;
  frameTimes: number[];
  longTasks: LongTaskSummary;
}

/** Which alarms export to change between polls, and how. */
export interface AlarmsPlan {
  alarmsPath: string;
  variants: readonly [string, string];
}

export interface PollPlan extends AlarmsPlan {
  refreshS: number;
  /** Landings to measure frames around. */
  landings: number;
  /** Window around a landing: ms before (not before its fetch) and after (or until drawn). */
  beforeMs: number;
  afterMs: number;
}

/** Poll session: landings at the manifest's interval (see the module comment). */
export async function pollSession(url: string, limits: SessionLimits, plan: PollPlan): Promise<PollSessionResult> {
  const b = await launchBench();
  try {
    await routeAlarmPolls(b.page, plan.refreshS, plan.alarmsPath, plan.variants);
    await openViewer(b, url, limits);
    const { page } = b;
    await watchAlarmPolls(page);
    await startFrames(page);
    const limit = Date.now() + limits.allTimeoutMs;
    // A landing counts once its fetch was seen (the first may have begun before watching) and the map drew it.
    const measured = async () => pollWindows(await alarmPolls(page), plan.beforeMs, plan.afterMs).filter((w) => !Number.isNaN(w.settledAt));
    while ((await measured()).length < plan.landings) {
      if (b.crashed()) throw new Error('the page crashed during polls (renderer out of memory?)');
      if (Date.now() > limit) throw new Error(`only ${(await measured()).length} of ${plan.landings} alarm polls landed and drawn in ${limits.allTimeoutMs / 1000} s`);
      await page.waitForTimeout(250);
    }
    const windows = (await measured()).slice(0, plan.landings);
    const end = windows.reduce((m, w) => Math.max(m, w.to), 0);
    while ((await pageNow(page)) < end) await page.waitForTimeout(100);
    const rec = await stopFrames(page);
    const times = frameTimesInAny(rec.frames, windows);
    const tasks = [...new Set(windows.flatMap((w) => longTasksIn(rec.longTasks, w.from, w.to)))];
    return {
      landings: windows.length,
      pollMs: windows.map((w) => w.landedAt - w.fetchAt),
      drawMs: windows.map((w) => w.settledAt - w.landedAt),
      frames: summarizeFrames(times),
      frameTimes: times,
      longTasks: summarizeLongTasks(tasks),
    };
  } finally {
    await b.close();
  }
}

/** What a memory session measured. */
export interface MemorySessionResult {
  heapBefore: HeapFigures;
  /** Heap after each batch of polls, with the polls landed so far. */
  heapSamples: { polls: number; heap: HeapFigures }[];
  polls: number;
  seconds: number;
  /** Polls before the first sample. */
  warmup: number;
  /** Alarms requests answered with the changed copies (the first load included). */
  routedRequests: number;
}

export interface MemoryPlan extends AlarmsPlan {
  /** Polls to drive, in `batches`, within `budgetMs`. */
  polls: number;
  batches: number;
  budgetMs: number;
  /** Polls before the first sample, so caches and compiled code are in place. */
  warmup: number;
}

/**
 * Memory session: the alarms source keeps its polling set up (refresh_s an hour, so the interval never
 * fires and every poll is one driven here, with no fetch in flight when the heap is measured); polls
 * are driven back to back through the app's query client; the heap after GC before and per batch.
 */
export async function memorySession(url: string, limits: SessionLimits, plan: MemoryPlan, log: (line: string) => void): Promise<MemorySessionResult> {
  const b = await launchBench();
  try {
    const routed = await routeAlarmPolls(b.page, 3600, plan.alarmsPath, plan.variants);
    await openViewer(b, url, limits);
    const { page } = b;
    await watchAlarmPolls(page);
    await driveAlarmPolls(page, plan.warmup, plan.budgetMs);
    // The benchmark's own records grow with every poll; emptied before each sample, they do not count.
    await clearRecords(page);
    const heapBefore = await b.heap();
    const heapSamples: MemorySessionResult['heapSamples'] = [];
    const started = Date.now();
    let polls = 0;
    for (let i = 0; i < plan.batches && polls < plan.polls; i++) {
      const left = plan.budgetMs - (Date.now() - started);
      if (left <= 0) break;
      polls += await driveAlarmPolls(page, Math.ceil(plan.polls / plan.batches), left);
      if (b.crashed()) throw new Error('the page crashed during polls (renderer out of memory?)');
      await clearRecords(page);
      const heap = await b.heap();
      heapSamples.push({ polls, heap });
      log(`viewer:   ${polls} polls in ${Math.round((Date.now() - started) / 1000)} s, heap ${mib(heap.mainBytes)} MiB page + ${mib(heap.workersBytes)} MiB workers`);
    }
    return { heapBefore, heapSamples, polls, seconds: (Date.now() - started) / 1000, warmup: plan.warmup, routedRequests: routed() };
  } finally {
    await b.close();
  }
}
