/**
 * Reading one scalar field (everything but nested items) by its definition in the contract table.
 * Returns the value with any warnings, or the problem that makes the value unusable; whether that
 * problem drops the field (warning) or the feature (error) is the caller's call, by `required`.
 */
import type { FieldDef } from './contract/kinds.ts';
import { readBoolean, readList, readNumber, readString, type Read } from './coerce.ts';
import { readDate, readDateTime } from './dates.ts';
import { enumFallback, enumValues, matchEnum, type Relabels } from './enum-match.ts';
import type { ReportCode } from './codes.ts';
import { listOf, quote, type Params } from './report-builder.ts';
import { relabel } from './mapping.ts';

export interface Problem {
  code: ReportCode;
  detail: string;
  params: Params;
}

export type FieldOutcome =
  | { ok: true; value: unknown; warnings: Problem[] }
  | { ok: false; problem: Problem };

type ScalarDef = Exclude<FieldDef, { type: 'object[]' }>;

const shown = (raw: unknown): string => (typeof raw === 'string' ? raw : JSON.stringify(raw) ?? String(raw));

const coercedWarning = (raw: unknown, value: unknown): Problem => ({
  code: 'field.coerced',
  detail: `${quote(raw)} read as ${quote(value)}`,
  params: { from: shown(raw), to: shown(value) },
});

const typeProblem = (raw: unknown, expected: string, reason: string): Problem => ({
  code: 'field.type',
  detail: `${quote(raw)} is ${reason}`,
  params: { expected, value: shown(raw) },
});

function fromRead<T>(read: Read<T>, raw: unknown, expected: string): FieldOutcome {
  if (!read.ok) return { ok: false, problem: typeProblem(raw, expected, read.reason) };
  return { ok: true, value: read.value, warnings: read.coerced ? [coercedWarning(raw, read.value)] : [] };
}

function readNumberField(def: Extract<ScalarDef, { type: 'number' }>, raw: unknown): FieldOutcome {
  const expected = def.integer ? 'a whole number' : 'a number';
  const outcome = fromRead(readNumber(raw, def.aliases), raw, expected);
  if (!outcome.ok) return outcome;
  const value = outcome.value as number;
  if (def.integer && !Number.isInteger(value)) {
    return { ok: false, problem: { code: 'number.integer', detail: `${quote(raw)} is not a whole number`, params: { value } } };
  }
  if ((def.min !== undefined && value < def.min) || (def.max !== undefined && value > def.max)) {
    const range = `${def.min ?? '−∞'}…${def.max ?? '∞'}${def.unit ? ` ${def.unit}` : ''}`;
    const params: Params = { value };
    if (def.min !== undefined) params.min = def.min;
    if (def.max !== undefined) params.max = def.max;
    return { ok: false, problem: { code: 'number.range', detail: `${value} is outside ${range}`, params } };
  }
  return outcome;
}

function unknownEnum(def: { enum: Parameters<typeof enumValues>[0] }, raw: unknown, fallback: string | undefined): Problem {
  const expected = enumValues(def.enum);
  const params: Params = { value: shown(raw), enum: def.enum, expected: expected.join(',') };
  if (fallback !== undefined) params.fallback = fallback;
  const then = fallback !== undefined ? `; set to "${fallback}"` : '';
  return { code: 'enum.unknown', detail: `unknown value ${quote(raw)}; expected one of ${listOf(expected)}${then}`, params };
}

function readEnumField(def: Extract<ScalarDef, { type: 'enum' }>, raw: unknown, relabels: Relabels | undefined): FieldOutcome {
  const value = matchEnum(def.enum, raw, relabels);
  if (value !== undefined) return { ok: true, value, warnings: [] };
  const fallback = enumFallback(def.enum);
  const problem = unknownEnum(def, raw, fallback);
  return fallback !== undefined ? { ok: true, value: fallback, warnings: [problem] } : { ok: false, problem };
}

function readEnumListField(def: Extract<ScalarDef, { type: 'enum[]' }>, raw: unknown, relabels: Relabels | undefined): FieldOutcome {
  const list = readList(raw, true);
  if (!list.ok) return { ok: false, problem: typeProblem(raw, 'a list', list.reason) };
  const warnings: Problem[] = [];
  const values: string[] = [];
  const fallback = enumFallback(def.enum);
  for (const item of list.value) {
    const matched = matchEnum(def.enum, item, relabels);
    if (matched === undefined) {
      const problem = unknownEnum(def, item, fallback);
      if (fallback === undefined) problem.detail += '; left out of the list';
      warnings.push(problem);
    }
    const value = matched ?? fallback;
    if (value !== undefined && !values.includes(value)) values.push(value);
  }
  if (values.length === 0) {
    const problem = warnings[0] ?? typeProblem(raw, 'at least one value', 'an empty list');
    return { ok: false, problem };
  }
  // A list in one string is the documented way to write it (场所类别 "厂房、三合一"), so no warning.
  return { ok: true, value: values, warnings };
}

function readStringList(raw: unknown): FieldOutcome {
  const list = readList(raw, true);
  if (!list.ok) return { ok: false, problem: typeProblem(raw, 'a list of text', list.reason) };
  const values = list.value.flatMap((item) => {
    const text = readString(item);
    return text.ok && text.value !== '' ? [text.value] : [];
  });
  return { ok: true, value: values, warnings: [] };
}

/**
 * Reads one non-nested field. `relabels` are the manifest's value relabels for this field.
 * @example readField({ type: 'number', zh: '水压', en: 'pressure', unit: 'MPa' }, '0.35MPa', undefined)
 *   // { ok: true, value: 0.35, warnings: [field.coerced] }
 */
export function readField(def: ScalarDef, raw: unknown, relabels: Relabels | undefined): FieldOutcome {
  switch (def.type) {
    case 'enum': return readEnumField(def, raw, relabels);
    case 'enum[]': return readEnumListField(def, raw, relabels);
    case 'string[]': return readStringList(raw);
    case 'string': return fromRead(readString(relabel(raw, relabels)), raw, 'text');
    case 'number': return readNumberField(def, relabel(raw, relabels));
    case 'boolean': return fromRead(readBoolean(relabel(raw, relabels), def.trueLabels, def.falseLabels), raw, 'yes/no');
    case 'date': {
      const outcome = fromRead(readDate(raw), raw, 'a date');
      return outcome.ok ? outcome : { ok: false, problem: { code: 'date.invalid', detail: `${quote(raw)} is not a date`, params: { value: shown(raw) } } };
    }
    case 'datetime': {
      const outcome = fromRead(readDateTime(raw), raw, 'a date and time');
      return outcome.ok ? outcome : { ok: false, problem: { code: 'date.invalid', detail: `${quote(raw)} is not a date and time`, params: { value: shown(raw) } } };
    }
  }
}
