import { describe, expect, it } from 'vitest';
import { frameTimes, frameTimesInAny, longTasksIn, median, mib, pollWindows, quantile, summarizeFrames, summarizeLongTasks } from './stats.ts';

describe('median and quantile', () => {
  it('interpolates between ranks', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(quantile([10, 20, 30, 40], 0.95)).toBeCloseTo(38.5);
    expect(quantile([10, 20, 30, 40], 1)).toBe(40);
    expect(median([])).toBeNaN();
  });
});

describe('frameTimes', () => {
  const stamps = [0, 16, 50, 66, 83];
  it('gives every delta without bounds', () => {
    expect(frameTimes(stamps)).toEqual([16, 34, 16, 17]);
  });
  it('keeps frames that overlap the window, including those straddling its edges', () => {
    expect(frameTimes(stamps, 20, 40)).toEqual([34]);
    expect(frameTimes(stamps, 10, 60)).toEqual([16, 34, 16]);
  });
  it('counts a frame once when windows overlap', () => {
    expect(frameTimesInAny(stamps, [{ from: 20, to: 40 }, { from: 30, to: 55 }])).toEqual([34, 16]);
    expect(frameTimesInAny(stamps, [])).toEqual([]);
  });
  it('summarizes', () => {
    expect(summarizeFrames([16, 34, 16, 17])).toEqual({ frames: 4, medianMs: 16.5, p95Ms: expect.closeTo(31.45, 2), maxMs: 34 });
    expect(summarizeFrames([]).frames).toBe(0);
  });
});

describe('long tasks', () => {
  const tasks = [{ start: 0, duration: 60 }, { start: 100, duration: 250 }, { start: 500, duration: 51 }];
  it('keeps those overlapping the window', () => {
    expect(longTasksIn(tasks, 50, 120)).toEqual(tasks.slice(0, 2));
    expect(longTasksIn(tasks, 360, 499)).toEqual([]);
  });
  it('counts those over the threshold and finds the longest', () => {
    expect(summarizeLongTasks(tasks)).toEqual({ count: 3, longestMs: 250 });
    expect(summarizeLongTasks(tasks, 200)).toEqual({ count: 1, longestMs: 250 });
    expect(summarizeLongTasks([])).toEqual({ count: 0, longestMs: 0 });
  });
});

describe('pollWindows', () => {
  it('pairs each landing with its fetch and clips the start at the fetch', () => {
    const events = [
      { type: 'fetch', at: 0 }, { type: 'success', at: 300 },
      { type: 'fetch', at: 2000 }, { type: 'error', at: 2100 },
      { type: 'fetch', at: 4000 }, { type: 'success', at: 6000 }, { type: 'settled', at: 9000 },
    ] as const;
    expect(pollWindows(events, 1000, 2000)).toEqual([
      { fetchAt: 0, landedAt: 300, settledAt: Number.NaN, from: 0, to: 2300 },
      { fetchAt: 4000, landedAt: 6000, settledAt: 9000, from: 5000, to: 9000 },
    ]);
  });
  it('ends the window at the landing plus `after` when the map drew it sooner, or was not seen to', () => {
    const events = [{ type: 'fetch', at: 0 }, { type: 'success', at: 300 }, { type: 'settled', at: 400 }] as const;
    expect(pollWindows(events, 1000, 2000)[0]).toEqual({ fetchAt: 0, landedAt: 300, settledAt: 400, from: 0, to: 2300 });
    expect(pollWindows(events.slice(0, 2), 1000, 2000)[0]?.to).toBe(2300);
  });
  it('ignores a landing without a fetch seen', () => {
    expect(pollWindows([{ type: 'success', at: 5 }], 10, 10)).toEqual([]);
  });
});

describe('mib', () => {
  it('rounds to two decimals', () => {
    expect(mib(1.5 * 2 ** 20)).toBe(1.5);
    expect(mib(1234567)).toBe(1.18);
  });
});
