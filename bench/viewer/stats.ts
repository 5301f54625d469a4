/**
 * The viewer benchmark's arithmetic: frame times from requestAnimationFrame timestamps, long tasks
 * and poll windows, all in the page's clock (ms since navigation). Pure, so it can be checked by eye.
 */

/** A long task as PerformanceObserver reports it: start and duration, ms. */
export interface LongTask {
  start: number;
  duration: number;
}

/**
 * A moment the alarms query changed state: a fetch began, its result landed (success) or failed, or
 * the map had drawn what a landing changed (settled).
 */
export interface PollEvent {
  type: 'fetch' | 'success' | 'error' | 'settled';
  at: number;
}

/** Frame figures of one stretch of time. */
export interface FrameSummary {
  frames: number;
  medianMs: number;
  p95Ms: number;
  maxMs: number;
}

/** Long-task figures of one stretch of time. */
export interface LongTaskSummary {
  count: number;
  longestMs: number;
}

/** The middle value (mean of the two middle ones for an even count); NaN for none. */
export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

/**
 * The q-quantile by linear interpolation between closest ranks (q = 0.5 is the median); NaN for none.
 * @example quantile([10, 20, 30, 40], 0.95) // 38.5
 */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const s = [...values].sort((a, b) => a - b);
  const at = (s.length - 1) * Math.min(1, Math.max(0, q));
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return (s[lo] as number) + ((s[hi] as number) - (s[lo] as number)) * (at - lo);
}

/**
 * Frame times between consecutive rAF timestamps whose interval overlaps [from, to] (all of them
 * without bounds): a frame that straddles the window's edge counts, since it was being waited for then.
 * @example frameTimes([0, 16, 50, 66], 20, 40) // [34]
 */
export function frameTimes(stamps: readonly number[], from = -Infinity, to = Infinity): number[] {
  const out: number[] = [];
  for (let i = 1; i < stamps.length; i++) {
    const a = stamps[i - 1] as number;
    const b = stamps[i] as number;
    if (b > from && a < to) out.push(b - a);
  }
  return out;
}

/** Frame times (as {@link frameTimes}) overlapping any of the windows, each frame once. */
export function frameTimesInAny(stamps: readonly number[], windows: readonly { from: number; to: number }[]): number[] {
  const out: number[] = [];
  for (let i = 1; i < stamps.length; i++) {
    const a = stamps[i - 1] as number;
    const b = stamps[i] as number;
    if (windows.some((w) => b > w.from && a < w.to)) out.push(b - a);
  }
  return out;
}

/** Median, 95th percentile and longest of frame times. */
export function summarizeFrames(times: readonly number[]): FrameSummary {
  return { frames: times.length, medianMs: median(times), p95Ms: quantile(times, 0.95), maxMs: times.length ? Math.max(...times) : Number.NaN };
}

/** Long tasks overlapping [from, to]. */
export function longTasksIn(tasks: readonly LongTask[], from = -Infinity, to = Infinity): LongTask[] {
  return tasks.filter((t) => t.start + t.duration > from && t.start < to);
}

/** How many tasks are over `overMs` (the browser reports only those over 50 ms) and the longest (0 for none). */
export function summarizeLongTasks(tasks: readonly LongTask[], overMs = 50): LongTaskSummary {
  const over = tasks.filter((t) => t.duration > overMs);
  return { count: over.length, longestMs: over.reduce((m, t) => Math.max(m, t.duration), 0) };
}

/** The time around one landed poll. */
export interface PollWindow {
  /** When this poll's fetch began. */
  fetchAt: number;
  /** When its result reached the query cache. */
  landedAt: number;
  /** When the map had drawn it next (NaN when not seen). */
  settledAt: number;
  from: number;
  to: number;
}

/**
 * A window per landed poll: from `before` ms before the landing (not earlier than the poll's own fetch
 * start: the worker reads and parses off the main thread, and the result's copy onto it happens just
 * before the landing) to `after` ms after it, or to when the map had drawn it if later (the map's
 * first settle after the landing and before the next one).
 * @example pollWindows([{ type: 'fetch', at: 0 }, { type: 'success', at: 300 }, { type: 'settled', at: 900 }], 1000, 2000)
 * // [{ fetchAt: 0, landedAt: 300, settledAt: 900, from: 0, to: 2300 }]
 */
export function pollWindows(events: readonly PollEvent[], before: number, after: number): PollWindow[] {
  const out: PollWindow[] = [];
  let fetchAt: number | undefined;
  events.forEach((e, i) => {
    if (e.type === 'settled') return;
    if (e.type === 'fetch') fetchAt ??= e.at;
    else if (e.type === 'success' && fetchAt !== undefined) {
      // The map's next settle before the next landing; a later one drew both.
      const next = events.slice(i + 1).find((x) => x.type === 'settled' || x.type === 'success');
      const settledAt = next?.type === 'settled' ? next.at : Number.NaN;
      out.push({ fetchAt, landedAt: e.at, settledAt, from: Math.max(fetchAt, e.at - before), to: Math.max(e.at + after, Number.isNaN(settledAt) ? -Infinity : settledAt) });
      fetchAt = undefined;
    } else fetchAt = undefined;
  });
  return out;
}

/** Bytes → MiB with two decimals. */
export function mib(bytes: number): number {
  return Math.round((bytes / 2 ** 20) * 100) / 100;
}
