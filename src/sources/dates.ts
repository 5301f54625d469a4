/**
 * Dates as Chinese exports write them, to ISO. A time without a zone is Beijing time: China has one
 * zone, UTC+08:00, and no daylight saving, so the offset is a constant and no time-zone database is
 * needed (the same code runs in a worker and in node).
 *
 * Accepted: 2024-03-05, 2024-3-5, 2024/03/05, 2024.03.05, 2024年3月5日, 20240305, each with an
 * optional time 14:30 / 14:30:00 / 14时30分; ISO 8601 with Z or ±hh:mm; epoch milliseconds (or
 * seconds) as a number or a string of digits. Years outside 1900–2100 are refused as typos.
 */
import { normalizeText, type Read } from './coerce.ts';

const BEIJING_OFFSET_MIN = 8 * 60;
const MS_PER_MIN = 60_000;

interface Parts {
  y: number; mo: number; d: number;
  time?: { h: number; mi: number; s: number; ms: number };
  /** Minutes east of UTC, when the input said. */
  offset?: number;
}

const DATE_PART = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?/;
const TIME_PART = /^(?:T|\s)*(\d{1,2})\s*[:时点]\s*(\d{1,2})\s*(?:(?::|分\s*)(\d{1,2})(?:\.(\d{1,9}))?\s*秒?|分)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const COMPACT = /^(\d{4})(\d{2})(\d{2})(?:[T\s]?(\d{2})(\d{2})(\d{2})?)?$/;
/**
 * Dates written out in words or with separators (2024-03-05, 2024/3/5 14:30, 2024年3月5日) are how
 * Chinese exports write them: read without a warning, or every row of a real export would warn.
 * Compact digits and epoch numbers are ambiguous enough to deserve one.
 */
const isPlainWrittenDate = (raw: unknown): boolean => typeof raw === 'string' && DATE_PART.test(normalizeText(raw));

function offsetMinutes(zone: string): number {
  if (zone.toUpperCase() === 'Z') return 0;
  const digits = zone.replace(':', '');
  const sign = digits.startsWith('-') ? -1 : 1;
  return sign * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5) || '0'));
}

function fromEpoch(ms: number): Parts {
  const t = new Date(ms + BEIJING_OFFSET_MIN * MS_PER_MIN);
  return {
    y: t.getUTCFullYear(), mo: t.getUTCMonth() + 1, d: t.getUTCDate(),
    time: { h: t.getUTCHours(), mi: t.getUTCMinutes(), s: t.getUTCSeconds(), ms: t.getUTCMilliseconds() },
    offset: BEIJING_OFFSET_MIN,
  };
}

/** Epoch milliseconds from 1973 on; smaller values from 2001 on are taken as seconds (Unix time). */
function epochParts(n: number): Parts | undefined {
  if (!Number.isFinite(n)) return undefined;
  if (Math.abs(n) >= 1e11) return fromEpoch(n);
  if (n >= 1e9) return fromEpoch(n * 1000);
  return undefined;
}

function parseText(text: string): Parts | undefined {
  if (/^\d{13}$|^\d{10}$/.test(text)) return epochParts(Number(text));
  const compact = COMPACT.exec(text);
  if (compact) {
    const [, y, mo, d, h, mi, s] = compact;
    const parts: Parts = { y: Number(y), mo: Number(mo), d: Number(d) };
    if (h !== undefined) parts.time = { h: Number(h), mi: Number(mi), s: Number(s ?? 0), ms: 0 };
    return parts;
  }
  const date = DATE_PART.exec(text);
  if (!date) return undefined;
  const parts: Parts = { y: Number(date[1]), mo: Number(date[2]), d: Number(date[3]) };
  const rest = text.slice(date[0].length).trim();
  if (rest === '') return parts;
  const time = TIME_PART.exec(rest);
  if (!time) return undefined;
  const [, h, mi, s, frac, zone] = time;
  parts.time = { h: Number(h), mi: Number(mi), s: Number(s ?? 0), ms: Math.round(Number(`0.${frac ?? '0'}`) * 1000) };
  if (zone !== undefined) parts.offset = offsetMinutes(zone);
  return parts;
}

function isValid(p: Parts): boolean {
  if (p.y < 1900 || p.y > 2100 || p.mo < 1 || p.mo > 12 || p.d < 1) return false;
  if (p.d > new Date(Date.UTC(p.y, p.mo, 0)).getUTCDate()) return false;
  if (!p.time) return true;
  return p.time.h <= 23 && p.time.mi <= 59 && p.time.s <= 59 && (p.offset === undefined || Math.abs(p.offset) <= 14 * 60);
}

/** The same instant as parts in Beijing time. */
function toBeijing(p: Parts): Parts {
  if (!p.time || p.offset === undefined || p.offset === BEIJING_OFFSET_MIN) return p;
  const utc = Date.UTC(p.y, p.mo - 1, p.d, p.time.h, p.time.mi, p.time.s, p.time.ms) - p.offset * MS_PER_MIN;
  return fromEpoch(utc);
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

function readParts(raw: unknown): Read<Parts> {
  let parts: Parts | undefined;
  if (typeof raw === 'number') {
    parts = Number.isInteger(raw) && raw >= 19000101 && raw <= 21001231 ? parseText(String(raw)) : epochParts(raw);
  } else if (typeof raw === 'string') {
    parts = parseText(normalizeText(raw));
  } else {
    return { ok: false, reason: 'not a date' };
  }
  if (!parts || !isValid(parts)) return { ok: false, reason: 'not a date' };
  return { ok: true, value: toBeijing(parts), coerced: true };
}

/**
 * A calendar date as `YYYY-MM-DD` (the Beijing date when the input is an instant).
 * @example readDate('2024年3月5日') // { ok: true, value: '2024-03-05', coerced: false }
 */
export function readDate(raw: unknown): Read<string> {
  const parts = readParts(raw);
  if (!parts.ok) return parts;
  const { y, mo, d } = parts.value;
  const value = `${pad(y, 4)}-${pad(mo)}-${pad(d)}`;
  return { ok: true, value, coerced: !isPlainWrittenDate(raw) };
}

/**
 * An instant as ISO 8601 in Beijing time, e.g. `2024-03-05T14:30:00+08:00`. Inputs with another zone
 * are converted (same instant); a date alone means midnight Beijing time.
 * @example readDateTime('2024/3/5 14:30') // { ok: true, value: '2024-03-05T14:30:00+08:00', coerced: false }
 */
export function readDateTime(raw: unknown): Read<string> {
  const parts = readParts(raw);
  if (!parts.ok) return parts;
  const { y, mo, d, time = { h: 0, mi: 0, s: 0, ms: 0 } } = parts.value;
  const value = `${pad(y, 4)}-${pad(mo)}-${pad(d)}T${pad(time.h)}:${pad(time.mi)}:${pad(time.s)}+08:00`;
  return { ok: true, value, coerced: !isPlainWrittenDate(raw) };
}

/** Today's date in Beijing, `YYYY-MM-DD`. */
export function beijingDate(now: Date): string {
  return new Date(now.getTime() + BEIJING_OFFSET_MIN * MS_PER_MIN).toISOString().slice(0, 10);
}

/** Milliseconds since the epoch of a date or date-time this module produced (dates: Beijing midnight). */
export function instantOf(iso: string): number {
  return Date.parse(iso.length === 10 ? `${iso}T00:00:00+08:00` : iso);
}
