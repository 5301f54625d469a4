/**
 * How fresh a source's data is, for the status line and the wall display: live (polled and recent),
 * stale (polls have not brought anything for several intervals), static (read once), never (nothing
 * usable yet) or failing (the last poll failed; the map still shows the last good data).
 * Pure apart from reading the current language for texts; `now` is always passed in.
 */
import { lang, t, type Lang } from '../i18n/index.ts';
import type { FreshnessBadge, FreshnessState, SourceStatusItem } from '../ui/status/SourceStatus.tsx';
import { refetchIntervalOf, sourceFailure } from './data.ts';

export type { FreshnessState } from '../ui/status/SourceStatus.tsx';

export interface FreshnessInput {
  /** When the data shown was fetched (ms since epoch); absent when nothing usable has arrived. */
  updatedAt?: number;
  /** Polling interval in ms, or false for a source read once. */
  refreshMs: number | false;
  now: number;
  /** Polling intervals without new data before the data counts as stale. Default 3. */
  staleAfter?: number;
  /** When the last fetch failed, if it did. */
  failedAt?: number;
}

export interface Freshness {
  state: FreshnessState;
  /** now − updatedAt (never negative), when there is data. */
  ageMs?: number;
}

/**
 * The freshness of one source's data.
 * - `never`: no data yet (a failure before the first success is still `never`);
 * - `failing`: the last fetch failed, at or after the time the data shown was fetched;
 * - `static`: read once (no refresh interval);
 * - `stale`: older than `staleAfter × refreshMs` (strictly);
 * - `live`: otherwise.
 * @example freshness({ updatedAt: 0, refreshMs: 60_000, now: 200_000 }) // { state: 'live', ageMs: 200000 }
 */
export function freshness({ updatedAt, refreshMs, now, staleAfter = 3, failedAt }: FreshnessInput): Freshness {
  if (updatedAt === undefined) return { state: 'never' };
  // A clock that stepped back must not show "in 2 minutes".
  const ageMs = Math.max(0, now - updatedAt);
  // At or after: a failure and the success before it can fall in the same millisecond.
  if (failedAt !== undefined && failedAt >= updatedAt) return { state: 'failing', ageMs };
  if (refreshMs === false) return { state: 'static', ageMs };
  return { state: ageMs > staleAfter * refreshMs ? 'stale' : 'live', ageMs };
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * An age as people say it: 刚刚 / 3 分钟前 / 2 小时前 / 4 天前 (just now / 3 min ago / 2 hours ago).
 * Rounded down, so "1 分钟前" means at least a full minute.
 */
export function formatAge(ms: number, language: Lang = lang.value): string {
  if (!(ms >= MINUTE)) return t('live.age.now', undefined, language);
  if (ms < HOUR) return t('live.age.minutes', { count: Math.floor(ms / MINUTE) }, language);
  if (ms < DAY) return t('live.age.hours', { count: Math.floor(ms / HOUR) }, language);
  return t('live.age.days', { count: Math.floor(ms / DAY) }, language);
}

/** A polling interval as a phrase: 每 5 分钟刷新 / refreshed every 5 min. */
export function formatInterval(ms: number, language: Lang = lang.value): string {
  if (ms % HOUR === 0) return t('live.every.hours', { count: ms / HOUR }, language);
  if (ms % MINUTE === 0) return t('live.every.minutes', { count: ms / MINUTE }, language);
  return t('live.every.seconds', { count: Math.round(ms / 1000) }, language);
}

/** Date and time to the second, in the page's time zone, for tooltips. */
export function formatTime(ms: number, language: Lang = lang.value): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'medium' }).format(ms);
}

const TEXT_KEYS = {
  live: 'live.fresh.live',
  stale: 'live.fresh.stale',
  static: 'live.fresh.static',
  failing: 'live.fresh.failing',
} as const;

/**
 * The freshness badge of a status item: state, short text ("3 分钟前更新") and a title with the
 * exact times. A result that read nothing (a file-level failure) is not data: it counts as a failure.
 * Pass it as `<SourceStatus freshnessOf={sourceFreshnessBadge} />`.
 */
export function sourceFreshnessBadge(item: SourceStatusItem, now: number, language: Lang = lang.value): FreshnessBadge {
  const refreshMs = refetchIntervalOf(item.spec);
  if (item.local) {
    const time = item.updatedAt !== undefined ? formatTime(item.updatedAt, language) : '';
    return { state: 'static', text: t('live.fresh.local', undefined, language), title: t('live.fresh.local_title', { time }, language) };
  }
  const usable = item.result !== undefined && sourceFailure(item.result) === undefined;
  const updatedAt = usable ? item.updatedAt : undefined;
  const failedAt = item.failedAt ?? (!usable && item.failure ? item.updatedAt : undefined);
  const { state, ageMs } = freshness({ updatedAt, refreshMs, now, ...(failedAt !== undefined ? { failedAt } : {}) });
  const titles: string[] = [];
  if (updatedAt !== undefined) titles.push(t('live.fresh.updated_at', { time: formatTime(updatedAt, language) }, language));
  if (failedAt !== undefined) titles.push(t('live.fresh.failed_at', { time: formatTime(failedAt, language) }, language));
  titles.push(refreshMs === false ? t('live.fresh.read_once', undefined, language) : formatInterval(refreshMs, language));
  const text = state === 'never'
    ? t(failedAt !== undefined ? 'live.fresh.never_failed' : 'live.fresh.never', undefined, language)
    : t(TEXT_KEYS[state], { age: formatAge(ageMs ?? 0, language) }, language);
  return { state, text, title: titles.join(' · ') };
}
