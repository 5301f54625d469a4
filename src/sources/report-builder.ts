/**
 * Builds report entries with one message style everywhere:
 * `hydrants.geojson: feature #12 (id H-0012): field "status": unknown value "坏了"; …`.
 * `#n` is the 0-based index in `features` (as in `jq '.features[12]'`).
 */
import type { ReportCode } from './codes.ts';
import type { ReportEntry, Severity } from './report.ts';

export type Params = Record<string, string | number>;

/** Where a problem is: the feature (index and id) and the property path. */
export interface Where {
  featureIndex?: number;
  featureId?: string;
  field?: string;
}

/**
 * Warnings of one code on one field are listed this many times per file, then only counted (one
 * `report.more` entry says how many): a 50,000-row export with every number written as text would
 * otherwise bury its errors. Errors are always listed.
 */
export const DEFAULT_WARNINGS_PER_FIELD = 50;

/** Quotes a raw value for a message, shortened so one bad cell cannot flood the report. */
export function quote(value: unknown): string {
  let text: string;
  if (typeof value === 'string') text = JSON.stringify(value);
  else if (value === undefined) text = 'nothing';
  else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = String(value);
    }
  }
  return text.length > 80 ? `${text.slice(0, 77)}…` : text;
}

/** "a, b, c, …" with at most `max` items. */
export function listOf(values: readonly string[], max = 8): string {
  return values.length > max ? `${values.slice(0, max).join(', ')}, …` : values.join(', ');
}

/** `hazards[2].deadline` → `hazards[].deadline`: warnings are folded per field, not per item. */
function fieldFamily(field: string | undefined): string {
  return (field ?? '').replace(/\[\d+\]/g, '[]');
}

/** Collects the entries for one file and counts errors and warnings. */
export class ReportBuilder {
  readonly entries: ReportEntry[] = [];
  errors = 0;
  warnings = 0;
  private readonly warningCounts = new Map<string, number>();

  constructor(
    readonly file: string,
    private readonly warningsPerField = DEFAULT_WARNINGS_PER_FIELD,
  ) {}

  error(code: ReportCode, where: Where, detail: string, params: Params = {}): void {
    this.add('error', code, where, detail, params);
  }

  warning(code: ReportCode, where: Where, detail: string, params: Params = {}): void {
    this.add('warning', code, where, detail, params);
  }

  add(severity: Severity, code: ReportCode, where: Where, detail: string, params: Params = {}): void {
    if (severity === 'error') this.errors++;
    else {
      this.warnings++;
      const key = `${code}\u0000${fieldFamily(where.field)}`;
      const seen = (this.warningCounts.get(key) ?? 0) + 1;
      this.warningCounts.set(key, seen);
      if (seen > this.warningsPerField) return;
    }
    const entry: ReportEntry = { severity, file: this.file, code, message: this.message(where, detail) };
    if (where.featureIndex !== undefined) entry.featureIndex = where.featureIndex;
    if (where.featureId !== undefined) entry.featureId = where.featureId;
    if (where.field !== undefined) entry.field = where.field;
    if (Object.keys(params).length > 0) entry.params = params;
    this.entries.push(entry);
  }

  /** The entries, followed by one `report.more` entry per folded code and field. */
  finish(): ReportEntry[] {
    for (const [key, count] of this.warningCounts) {
      if (count <= this.warningsPerField) continue;
      const [code = '', family = ''] = key.split('\u0000');
      const hidden = count - this.warningsPerField;
      const on = family ? ` on field "${family}"` : '';
      this.entries.push({
        severity: 'warning', file: this.file, code: 'report.more',
        message: `${this.file}: ${hidden} more "${code}" warnings${on} (not listed; ${count} in all)`,
        ...(family ? { field: family } : {}),
        params: { code, count: hidden },
      });
    }
    return this.entries;
  }

  private message(where: Where, detail: string): string {
    const parts = [this.file];
    if (where.featureIndex !== undefined) {
      parts.push(`feature #${where.featureIndex}${where.featureId !== undefined ? ` (id ${where.featureId})` : ''}`);
    }
    if (where.field !== undefined) parts.push(`field "${where.field}"`);
    parts.push(detail);
    return parts.join(': ');
  }
}
