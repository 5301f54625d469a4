/**
 * Calendar arithmetic on whole days and seconds, all in China Standard Time (UTC+8, no DST), from
 * explicit inputs only: the generator never reads the clock.
 */
const DAY_MS = 86_400_000;
const CST_MS = 8 * 3_600_000;

/** Day number (days since 1970-01-01) of a YYYY-MM-DD date. */
export function dayOf(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) throw new Error(`Not a YYYY-MM-DD date: "${iso}"`);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (new Date(ms).toISOString().slice(0, 10) !== iso) throw new Error(`Not a calendar date: "${iso}"`);
  return ms / DAY_MS;
}

/** YYYY-MM-DD of a day number. */
export function isoDay(day: number): string {
  return new Date(Math.floor(day) * DAY_MS).toISOString().slice(0, 10);
}

/** Epoch seconds of 00:00 China time on a day. */
export function cstMidnight(day: number): number {
  return (day * DAY_MS - CST_MS) / 1000;
}

/** ISO date-time with offset, e.g. 2026-11-20T14:30:00+08:00. */
export function isoDateTime(epochS: number): string {
  return `${new Date(epochS * 1000 + CST_MS).toISOString().slice(0, 19)}+08:00`;
}

/** The way Chinese platforms print a time: 2026-11-20 14:30:00 (China time, no offset). */
export function cnDateTime(epochS: number): string {
  return new Date(epochS * 1000 + CST_MS).toISOString().slice(0, 19).replace('T', ' ');
}

/** Start of the 2024–2026 root-cause campaign (治本攻坚三年行动). */
export const CAMPAIGN_START = '2024-01-15';
