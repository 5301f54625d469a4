import { QueryClient } from '@tanstack/preact-query';
import { afterEach, describe, expect, it } from 'vitest';
import { lang } from '../i18n/index.ts';
import type { LoadResult } from '../sources/load.ts';
import type { SourceSpec } from '../sources/manifest-types.ts';
import type { ReportEntry } from '../sources/report.ts';
import type { SourceStatusItem } from '../ui/status/SourceStatus.tsx';
import type { SourceWorkerClient } from '../worker/client.ts';
import { SourceReadError, sourceQuery, sourceStatusItem } from './data.ts';
import { formatAge, formatInterval, freshness, sourceFreshnessBadge } from './freshness.ts';

const MIN = 60_000;
const HOUR = 60 * MIN;

afterEach(() => {
  lang.value = 'zh-CN';
});

describe('freshness', () => {
  it('is never without data, even after a failure', () => {
    expect(freshness({ refreshMs: MIN, now: 1000 })).toEqual({ state: 'never' });
    expect(freshness({ refreshMs: MIN, now: 1000, failedAt: 500 })).toEqual({ state: 'never' });
  });

  it('is static for a source read once, however old', () => {
    expect(freshness({ updatedAt: 0, refreshMs: false, now: 10 * HOUR })).toEqual({ state: 'static', ageMs: 10 * HOUR });
  });

  it('turns stale only when older than three intervals', () => {
    expect(freshness({ updatedAt: 0, refreshMs: MIN, now: 3 * MIN })).toEqual({ state: 'live', ageMs: 3 * MIN });
    expect(freshness({ updatedAt: 0, refreshMs: MIN, now: 3 * MIN + 1 })).toEqual({ state: 'stale', ageMs: 3 * MIN + 1 });
    expect(freshness({ updatedAt: 0, refreshMs: MIN, now: 2 * MIN + 1, staleAfter: 2 }).state).toBe('stale');
  });

  it('is failing when the last fetch failed after the data shown', () => {
    expect(freshness({ updatedAt: 1000, refreshMs: MIN, now: 5000, failedAt: 4000 })).toEqual({ state: 'failing', ageMs: 4000 });
    expect(freshness({ updatedAt: 1000, refreshMs: false, now: 5000, failedAt: 4000 }).state).toBe('failing');
    // A failure older than the data was followed by a success.
    expect(freshness({ updatedAt: 4000, refreshMs: MIN, now: 5000, failedAt: 1000 }).state).toBe('live');
    // In the same millisecond as the success: callers pass a failure only while it is the latest
    // word (TanStack Query clears the error on success), and a fast poll can fail within the ms.
    expect(freshness({ updatedAt: 4000, refreshMs: MIN, now: 5000, failedAt: 4000 }).state).toBe('failing');
  });

  it('never answers a negative age', () => {
    expect(freshness({ updatedAt: 5000, refreshMs: MIN, now: 1000 })).toEqual({ state: 'live', ageMs: 0 });
  });
});

describe('formatAge', () => {
  it.each([
    [-5, '刚刚', 'just now'],
    [0, '刚刚', 'just now'],
    [MIN - 1, '刚刚', 'just now'],
    [MIN, '1 分钟前', '1 min ago'],
    [3 * MIN + 59_000, '3 分钟前', '3 min ago'],
    [HOUR - 1, '59 分钟前', '59 min ago'],
    [HOUR, '1 小时前', '1 hour ago'],
    [2 * HOUR, '2 小时前', '2 hours ago'],
    [24 * HOUR - 1, '23 小时前', '23 hours ago'],
    [24 * HOUR, '1 天前', '1 day ago'],
    [3 * 24 * HOUR, '3 天前', '3 days ago'],
    [Number.NaN, '刚刚', 'just now'],
  ])('%d ms → %s / %s', (ms, zh, en) => {
    expect(formatAge(ms, 'zh-CN')).toBe(zh);
    expect(formatAge(ms, 'en')).toBe(en);
  });

  it('follows the current language by default', () => {
    lang.value = 'en';
    expect(formatAge(5 * MIN)).toBe('5 min ago');
  });
});

describe('formatInterval', () => {
  it('says the largest whole unit', () => {
    expect(formatInterval(45_000, 'zh-CN')).toBe('每 45 秒刷新');
    expect(formatInterval(5 * MIN, 'zh-CN')).toBe('每 5 分钟刷新');
    expect(formatInterval(HOUR, 'en')).toBe('refreshed every hour');
    expect(formatInterval(90 * MIN, 'en')).toBe('refreshed every 90 min');
  });
});

const spec: SourceSpec = { id: 'hydrants', kind: 'hydrants', path: 'hydrants.geojson', crs: 'WGS84', refresh_s: 60 };
const missing: ReportEntry = { severity: 'error', file: 'hydrants.geojson', code: 'file.missing', message: 'not found', params: { path: 'hydrants.geojson' } };

function good(ids: string[]): LoadResult {
  const features = ids.map((id) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [120.1, 30.2] }, properties: { id, status: 'in_service' } }));
  return {
    sourceId: 'hydrants', kind: 'hydrants', file: 'hydrants.geojson',
    collection: { type: 'FeatureCollection', features }, report: [],
    stats: { read: ids.length, kept: ids.length, dropped: 0, errors: 0, warnings: 0 },
  } as unknown as LoadResult;
}

function unreadable(): LoadResult {
  return { ...good([]), report: [missing], stats: { read: 0, kept: 0, dropped: 0, errors: 1, warnings: 0 } };
}

describe('sourceFreshnessBadge', () => {
  const base: SourceStatusItem = { spec, status: 'success', fetching: false, result: good(['H1']), updatedAt: 0 };

  it('says how long ago the data came, with the exact time in the title', () => {
    const badge = sourceFreshnessBadge(base, 3 * MIN, 'zh-CN');
    expect(badge).toMatchObject({ state: 'live', text: '3 分钟前更新' });
    expect(badge.title).toContain('每 1 分钟刷新');
    expect(sourceFreshnessBadge(base, 10 * MIN, 'en')).toMatchObject({ state: 'stale', text: 'stale · updated 10 min ago' });
  });

  it('shows a failing poll, and a first load that read nothing as no data', () => {
    expect(sourceFreshnessBadge({ ...base, failedAt: MIN, failure: missing }, 2 * MIN, 'en'))
      .toMatchObject({ state: 'failing', text: 'update failed · last success 2 min ago' });
    const first = sourceFreshnessBadge({ ...base, result: unreadable(), failure: missing }, MIN, 'zh-CN');
    expect(first).toMatchObject({ state: 'never', text: '读取失败，尚无数据' });
  });

  it('shows a dropped file as a local file', () => {
    expect(sourceFreshnessBadge({ ...base, local: true }, HOUR, 'en')).toMatchObject({ state: 'static', text: 'local file' });
  });
});

describe('a polled source that fails after a success', () => {
  it('keeps the last data, records the failure, and recovers', async () => {
    const answers = [good(['H1', 'H2']), unreadable(), good(['H1', 'H2'])];
    const client = { request: () => Promise.resolve(answers.shift()), terminate() {} } as unknown as SourceWorkerClient;
    const qc = new QueryClient();
    const options = { ...sourceQuery(client, 'http://x/data/manifest.json', spec), retry: false, staleTime: 0 };
    const first = await qc.fetchQuery(options);

    await expect(qc.fetchQuery(options)).rejects.toBeInstanceOf(SourceReadError);
    const state = qc.getQueryState(options.queryKey);
    expect(state?.data).toBe(first);
    const item = sourceStatusItem(spec, {
      data: state?.data as LoadResult, error: state?.error, isPending: false, isFetching: false,
      dataUpdatedAt: state?.dataUpdatedAt ?? 0, errorUpdatedAt: state?.errorUpdatedAt ?? 0,
    }, String);
    expect(item).toMatchObject({ status: 'success', failure: { code: 'file.missing' } });
    expect(item.failedAt).toBeGreaterThanOrEqual(item.updatedAt ?? Infinity);
    expect(sourceFreshnessBadge(item, Date.now(), 'en').state).toBe('failing');

    // The recovery poll brings the same features: structural sharing keeps the very same result.
    await qc.fetchQuery(options);
    expect(qc.getQueryData(options.queryKey)).toBe(first);
    expect(qc.getQueryState(options.queryKey)?.error).toBeNull();
    qc.clear();
  });

  it('does not throw when there was no good data before: the report says what is wrong', async () => {
    const client = { request: () => Promise.resolve(unreadable()), terminate() {} } as unknown as SourceWorkerClient;
    const qc = new QueryClient();
    const options = { ...sourceQuery(client, 'http://x/data/manifest.json', spec), retry: false, staleTime: 0 };
    await qc.fetchQuery(options);
    const again = await qc.fetchQuery(options);
    expect(again.report[0]?.code).toBe('file.missing');
    qc.clear();
  });
});
