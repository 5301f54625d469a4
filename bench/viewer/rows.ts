/**
 * The viewer benchmark's figures of one scale turned into RESULTS.md rows: a row per figure, with the
 * issue's target where it has one (1× interactive under 3 s; 100× no long task over 200 ms while
 * panning; memory not growing across polls) and a note saying how it was measured.
 */
import type { BenchRow } from '../types.ts';
import type { PreparedScale } from './prepare.ts';
import type { ColdLoadRun, MemorySessionResult, PollSessionResult } from './sessions.ts';
import { median, mib, summarizeFrames } from './stats.ts';

/** Everything measured at one scale, or why a part was not. */
export interface ScaleFigures {
  scale: number;
  /** 1-minute load average when the scale began. */
  load: number;
  prepared?: PreparedScale;
  /** Preparing the data or basemap failed: nothing else ran. */
  error?: string;
  runs?: ColdLoadRun[];
  loadError?: string;
  polls?: PollSessionResult;
  pollError?: string;
  memory?: MemorySessionResult;
  memoryError?: string;
}

export interface RowsConfig {
  /** Polls asked for the heap figure, and the time allowed for them (s). */
  polls: number;
  budgetS: number;
  panMs: number;
}

/** Interactive (map ready) target at 1×, ms. */
export const READY_TARGET_MS = 3000;
/** Longest long task allowed while panning at 100×, ms. */
export const PAN_LONG_TASK_TARGET_MS = 200;
/** Heap growth tolerated as "not growing": GC noise, at least 1 MiB or 1 % of the heap. */
export function heapTolerance(beforeBytes: number): number {
  return Math.max(1, Math.round(mib(beforeBytes) * 0.01 * 100) / 100);
}

const r0 = (n: number) => Math.round(n);
const r1 = (n: number) => Math.round(n * 10) / 10;
const list = (values: readonly number[], unit = ' ms') => `${values.map(r0).join(', ')}${unit}`;

function dataNote(p: PreparedScale | undefined): string {
  if (!p) return '';
  const c = p.counts;
  const raised = Object.entries(p.raised);
  return `district: ${c['premises.geojson'] ?? '?'} premises, ${c['hydrants.geojson'] ?? '?'} hydrants, ${c['iot/alarms.geojson'] ?? '?'} alarms, ${c['buildings.geojson'] ?? '?'} buildings, ${r0(mib(p.bytes))} MiB of exports`
    + (raised.length ? `; max_mb raised for ${raised.map(([id, mb]) => `${id} (${mb})`).join(', ')} (over the 64 MiB default)` : '');
}

/** The rows of one scale (see the module comment). */
export function scaleRows(f: ScaleFigures, config: RowsConfig): BenchRow[] {
  const at = `${f.scale}×`;
  const rows: BenchRow[] = [];
  const add = (name: string, value: number, unit: string, note: string, target?: { value: number; pass: boolean }) => {
    rows.push({ suite: 'viewer', case: `${at} ${name}`, impl: 'fire-one-map', value, unit, note, ...(target ? { target: target.value, pass: target.pass } : {}) });
  };
  const common = `headless Chromium, SwiftShader WebGL, 1280×800, vite preview on loopback; load avg ${f.load.toFixed(1)} at start`;
  if (f.error) {
    add('cold load → map ready', Number.NaN, 'ms', `not run: ${f.error}`, f.scale === 1 ? { value: READY_TARGET_MS, pass: false } : undefined);
    return rows;
  }
  const runs = f.runs ?? [];
  const failed = f.loadError ? `; a load failed: ${f.loadError}` : '';
  if (runs.length === 0) {
    add('cold load → map ready', Number.NaN, 'ms', `not run: ${f.loadError ?? 'no cold load finished'}`, f.scale === 1 ? { value: READY_TARGET_MS, pass: false } : undefined);
  } else {
    const ready = runs.map((r) => r.readyMs);
    const readyMedian = median(ready);
    const of = `median of ${runs.length} cold load${runs.length > 1 ? 's' : ''} (fresh profile each)`;
    add('cold load → map ready (premises, hydrants and basemap drawn: interactive)', r0(readyMedian), 'ms',
      `${of}, runs ${list(ready)}; ${common}; ${dataNote(f.prepared)}${failed}`,
      f.scale === 1 ? { value: READY_TARGET_MS, pass: readyMedian <= READY_TARGET_MS } : undefined);
    add('cold load → drawn sources parsed (data-ready mark)', r0(median(runs.map((r) => r.dataMs))), 'ms', `${of}, runs ${list(runs.map((r) => r.dataMs))}`);
    add('cold load → every source loaded and drawn', r0(median(runs.map((r) => r.allMs))), 'ms',
      `${of}, runs ${list(runs.map((r) => r.allMs))}; every source query settled and the map idle with deck drawn`);

    const pooled = summarizeFrames(runs.flatMap((r) => r.pan.frameTimes));
    const panOf = `${runs.length} × ~${config.panMs / 1000} s of mouse drags (8 px steps round a 320 px square, each step waiting for the page to take the last; ${list(runs.map((r) => r.pan.steps), '')} steps, lasting ${list(runs.map((r) => r.pan.ms))} to the button going up), after every source was drawn and a 1 s first drag`;
    add('panning: median frame time', r1(pooled.medianMs), 'ms', `rAF deltas pooled over ${panOf}: ${pooled.frames} frames, p95 ${r1(pooled.p95Ms)} ms, longest ${r0(pooled.maxMs)} ms; per-run medians ${list(runs.map((r) => r.pan.frames.medianMs))}`);
    add('panning: p95 frame time', r1(pooled.p95Ms), 'ms', `same frames`);
    const longest = Math.max(...runs.map((r) => r.pan.longTasks.longestMs));
    add('panning: long tasks > 50 ms', runs.reduce((s, r) => s + r.pan.longTasks.count, 0), '', `total over ${runs.length} drag${runs.length > 1 ? 's' : ''}; per drag ${list(runs.map((r) => r.pan.longTasks.count), '')} (PerformanceObserver longtask, main thread)`);
    add('panning: longest long task', r0(longest), 'ms', `longest over the drags; per drag ${list(runs.map((r) => r.pan.longTasks.longestMs))} (0: none over 50 ms), from the first move to the button going up; each after a 1 s first drag, not counted, whose longest task was ${list(runs.map((r) => r.firstTouch.longTasks.longestMs))}; once the button went up (the map stops, the overlay is drawn anew), the longest task was ${list(runs.map((r) => r.pan.afterLongestMs))} and the map settled after ${list(runs.map((r) => r.pan.settleMs))}`,
      f.scale >= 100 ? { value: PAN_LONG_TASK_TARGET_MS, pass: longest <= PAN_LONG_TASK_TARGET_MS } : undefined);
  }

  const p = f.polls;
  if (p) {
    const pollNote = `${p.landings} landings of the alarms source polled every 2 s (manifest served with refresh_s 2; each poll answered with a copy changing one alarm's 确认状态); window from 1 s before each landing (not before its fetch) to 1 s after it or until the map had drawn it, whichever is later; rAF on an otherwise idle map`;
    add('alarms poll landing: median frame time', r1(p.frames.medianMs), 'ms', `${pollNote}; ${p.frames.frames} frames, p95 ${r1(p.frames.p95Ms)} ms, longest ${r0(p.frames.maxMs)} ms`);
    add('alarms poll landing: p95 frame time', r1(p.frames.p95Ms), 'ms', 'same frames');
    add('alarms poll landing: long tasks > 50 ms', p.longTasks.count, '', `over the ${p.landings} windows`);
    add('alarms poll landing: longest long task', r0(p.longTasks.longestMs), 'ms', `over the ${p.landings} windows (0: none over 50 ms)`);
    add('alarms poll: fetch → landing', r0(median(p.pollMs)), 'ms', `median of ${p.landings}: ${list(p.pollMs)}; read and parsed in the sources worker, answered to the page as a delta (the new features and where each held one goes) and made whole there`);
    add('alarms poll: landing → map drawn', r0(median(p.drawMs)), 'ms', `median of ${p.landings}: ${list(p.drawMs)}; until MapLibre was idle and deck had drawn the new layers`);
  } else {
    add('alarms poll landing: median frame time', Number.NaN, 'ms', `not run: ${f.pollError ?? 'no poll session'}`);
  }

  const m = f.memory;
  if (!m) {
    add(`JS heap growth over ${config.polls} polls`, Number.NaN, 'MiB', `not run: ${f.memoryError ?? 'no memory session'}`, { value: 1, pass: false });
    return rows;
  }
  const before = m.heapBefore.mainBytes + m.heapBefore.workersBytes;
  const workers = m.heapBefore.workers.map((w) => `${w.url.split('/').pop()?.replace(/-[\w-]{8}\.m?js$/, '')} ${mib(w.bytes)}`).join(', ');
  add('JS heap before the polls (page + workers, after GC)', mib(before), 'MiB',
    `page ${mib(m.heapBefore.mainBytes)} MiB (performance.memory.usedJSHeapSize), workers ${mib(m.heapBefore.workersBytes)} MiB (${workers}; CDP Runtime.getHeapUsage); after HeapProfiler.collectGarbage, every source loaded and ${m.warmup} warm-up poll${m.warmup === 1 ? '' : 's'} in`);
  const last = m.heapSamples.at(-1);
  const tolerance = heapTolerance(before);
  if (!last) {
    add(`JS heap growth over ${config.polls} polls`, Number.NaN, 'MiB', `no poll landed in the ${config.budgetS} s budget`, { value: tolerance, pass: false });
    return rows;
  }
  const after = last.heap.mainBytes + last.heap.workersBytes;
  const growth = Math.round((mib(after) - mib(before)) * 100) / 100;
  const short = m.polls < config.polls ? ` (of ${config.polls} asked: the ${config.budgetS} s budget ran out)` : '';
  const trend = [{ polls: 0, heap: m.heapBefore }, ...m.heapSamples].map((s) => `${s.polls}: ${mib(s.heap.mainBytes)} + ${mib(s.heap.workersBytes)}`).join(' → ');
  add(`JS heap growth over ${m.polls} polls`, growth, 'MiB',
    `${m.polls} polls${short} in ${r0(m.seconds)} s, driven back to back through the app's query client (refetch; refresh_s set to an hour so no other poll ran), each changing one alarm; page + workers after GC by polls: ${trend} MiB; target: no growth beyond ${tolerance} MiB (GC noise: 1 MiB or 1 %, whichever is more)`,
    { value: tolerance, pass: growth <= tolerance });
  return rows;
}
