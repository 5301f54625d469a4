/**
 * How the premise card writes values: facts by their contract field type, distances, dates and
 * date-times in Beijing time, days to a deadline. Pure apart from reading the current language.
 */
import { enumText, lang, t } from '../../i18n/index.ts';
import { KINDS, type FieldDef } from '../../sources/contract/index.ts';
import { beijingDate } from '../../sources/dates.ts';
import type { FactRow } from './premise-file-types.ts';

const PREMISE_FIELDS: Readonly<Record<string, FieldDef>> = KINDS.premises.fields;
const BEIJING_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;
/** Shown for a personal value that has no masked text (not text at all): hide it whole. */
const HIDDEN = '***';

/** A number in the current language's grouping (12,345.6), at most `digits` decimals. */
export function formatNumber(value: number, digits = 1): string {
  return new Intl.NumberFormat(lang.value, { maximumFractionDigits: digits }).format(value);
}

/** Metres rounded to whole metres, e.g. "39 米" / "39 m". */
export function formatDistance(metres: number): string {
  return t('card.distance', { m: formatNumber(Math.round(metres), 0) });
}

/**
 * A contract date-time as Beijing wall-clock time, "2024-06-14 20:00" (the offset the export used
 * does not matter); the text itself when it does not parse.
 */
export function formatDateTime(iso: string): string {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) return iso;
  return new Date(ms + BEIJING_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** Whole days from today in Beijing (at `now`) to an ISO date: 0 today, negative when past. */
export function daysUntil(isoDate: string, now: Date): number {
  const day = (d: string) => Date.parse(`${d}T00:00:00Z`) / DAY_MS;
  return Math.round(day(isoDate) - day(beijingDate(now)));
}

/**
 * A fact's value as text: enum values by their contract label, lists joined, booleans as yes / no,
 * numbers with the field's unit. Personal values are replaced by their masked text when `mask`.
 * @example factText({ field: 'area_m2', value: 800, personal: false }, false) // '800 m²'
 */
export function factText(row: FactRow, mask: boolean): string {
  if (row.personal && mask) return row.masked ?? HIDDEN;
  const def = PREMISE_FIELDS[row.field];
  const value = row.value;
  if (typeof value === 'boolean') return t(value ? 'card.yes' : 'card.no');
  if (typeof value === 'number') {
    if (def?.type !== 'number') return formatNumber(value);
    // Chinese writes graded numbers as the contract's own labels (耐火等级 二级, not 2).
    const alias = lang.value === 'zh-CN' && def.aliases ? Object.entries(def.aliases).find(([, n]) => n === value)?.[0] : undefined;
    if (alias) return alias;
    const unit = def.unit;
    return unit ? `${formatNumber(value)} ${unit}` : formatNumber(value);
  }
  if (typeof value === 'string') return def?.type === 'enum' ? enumText(def.enum, value) : value;
  const labels = def?.type === 'enum[]' ? value.map((v) => enumText(def.enum, v)) : value;
  return labels.join(t('card.list_separator'));
}
