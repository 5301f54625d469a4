/**
 * Reading scalar values the way real exports write them: numbers as text with units or full-width
 * digits, booleans as 是/否, lists as one separated string. Each reader says whether it had to
 * convert (`coerced`), so the caller can warn; none of them reports by itself.
 */

/** A value read, or why not. `coerced` is true when the input was not already the contract's JSON type. */
export type Read<T> = { ok: true; value: T; coerced: boolean } | { ok: false; reason: string };

const ok = <T>(value: T, coerced: boolean): Read<T> => ({ ok: true, value, coerced });
const fail = <T>(reason: string): Read<T> => ({ ok: false, reason });

/** NFKC (full-width digits, letters and punctuation → ASCII), trimmed. */
export function normalizeText(text: string): string {
  return text.normalize('NFKC').trim();
}

/** Key for label matching: normalized, lower-case, single spaces, without quotation marks. */
export function labelKey(text: string): string {
  return normalizeText(text).toLowerCase().replace(/["'“”‘’「」『』]/g, '').replace(/\s+/g, ' ');
}

/** Cells that mean "nothing here" in spreadsheets and database dumps. */
const BLANKS = new Set(['', '-', '—', '－', '/', '／', 'null']);

/** True for undefined, null and blank placeholders ("", "-", "—", "/", "null"). */
export function isBlank(raw: unknown): boolean {
  if (raw === undefined || raw === null) return true;
  // Checked on every property of every feature: skip the normalising for ordinary text.
  if (typeof raw !== 'string' || raw.length > 8) return false;
  return BLANKS.has(raw.trim().toLowerCase());
}

const NUMBER_AT_START = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?)\s*(.*)$/i;
/** What may follow a number: a unit (米, m, MPa, %, 层), but not another number or a range ("12-15"). */
const NOT_A_UNIT_START = /^[\d.,+\-/~～]/;

/**
 * A number from a number, or from text such as "12.5", "12.5米", "0.35MPa", "１２", "1,200".
 * `aliases` are labels written instead of the number (一级 → 1).
 * @example readNumber('0.35MPa') // { ok: true, value: 0.35, coerced: true }
 */
export function readNumber(raw: unknown, aliases?: Readonly<Record<string, number>>): Read<number> {
  if (typeof raw === 'number') return Number.isFinite(raw) ? ok(raw, false) : fail('not a finite number');
  if (typeof raw !== 'string') return fail(`${aValueOf(raw)}, not a number`);
  const text = normalizeText(raw);
  if (aliases) {
    const label = [raw.trim(), text].find((key) => Object.hasOwn(aliases, key));
    // Declared in the contract table, like enum labels: not a conversion worth a warning.
    if (label !== undefined) return ok(aliases[label] as number, false);
  }
  const match = NUMBER_AT_START.exec(text.replace(/(\d),(?=\d{3}(?!\d))/g, '$1'));
  if (!match || NOT_A_UNIT_START.test(match[2] ?? '')) return fail('not a number');
  const value = Number(match[1]);
  // Plain digits in a string are how spreadsheets export numbers: no warning. Units, full-width
  // digits and thousands separators are read too, but said, since they hint at a wrong column.
  const plain = raw.trim() === match[1];
  return Number.isFinite(value) ? ok(value, !plain) : fail('not a finite number');
}

const TRUE_WORDS = new Set(['true', '1', '是', 'y', 'yes', 't', '√', '✓']);
const FALSE_WORDS = new Set(['false', '0', '否', 'n', 'no', 'f', '×', '✗']);

/**
 * A boolean from true/false, 1/0, 是/否, Y/N, yes/no, or the field's own labels (在线/离线). The field's
 * labels are part of the contract, so they count as not coerced.
 */
export function readBoolean(raw: unknown, trueLabels: readonly string[] = [], falseLabels: readonly string[] = []): Read<boolean> {
  if (typeof raw === 'boolean') return ok(raw, false);
  if (typeof raw !== 'string' && typeof raw !== 'number') return fail(`${aValueOf(raw)}, not a yes/no value`);
  const key = labelKey(String(raw));
  if (trueLabels.some((label) => labelKey(label) === key)) return ok(true, false);
  if (falseLabels.some((label) => labelKey(label) === key)) return ok(false, false);
  if (TRUE_WORDS.has(key)) return ok(true, true);
  if (FALSE_WORDS.has(key)) return ok(false, true);
  return fail('not a yes/no value');
}

/** A string, trimmed; numbers become their decimal text silently (ids and phone numbers often arrive as numbers). */
export function readString(raw: unknown): Read<string> {
  if (typeof raw === 'string') return ok(raw.trim(), false);
  if (typeof raw === 'number' && Number.isFinite(raw)) return ok(String(raw), false);
  if (typeof raw === 'boolean') return ok(String(raw), true);
  return fail(`${aValueOf(raw)}, not text`);
}

/** Separators between list items in one cell: 、 , ， ; ； and line breaks. */
const LIST_SEPARATORS = /[、,，;；\n]+/;

/**
 * An array from an array, a JSON string holding one, or (when `split`) a string of separated items.
 * @example readList('厂房、三合一', true) // { ok: true, value: ['厂房', '三合一'], coerced: true }
 */
export function readList(raw: unknown, split: boolean): Read<unknown[]> {
  if (Array.isArray(raw)) return ok(raw, false);
  if (typeof raw === 'string') {
    const text = raw.trim();
    if (text.startsWith('[')) {
      try {
        const parsed: unknown = JSON.parse(text);
        if (Array.isArray(parsed)) return ok(parsed, true);
      } catch {
        // Not JSON after all: fall through to splitting, e.g. "[A]、B" written by hand.
      }
    }
    if (split) return ok(text.split(LIST_SEPARATORS).map((item) => item.trim()).filter((item) => item !== ''), true);
    return fail('text that is not a JSON array');
  }
  if (split && typeof raw === 'number') return ok([raw], true);
  if (!split && raw !== null && typeof raw === 'object') return ok([raw], true);
  return fail(`${aValueOf(raw)}, not a list`);
}

/** "string", "number", "array", "object", "null", … for messages. */
export function describeType(raw: unknown): string {
  if (raw === null) return 'null';
  if (Array.isArray(raw)) return 'array';
  return typeof raw;
}

/** Removes a leading byte order mark (node's readFile keeps it; Notepad writes it). */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** "an object", "an array", "a number", "null", … for messages. */
export function aValueOf(raw: unknown): string {
  const type = describeType(raw);
  if (type === 'null' || type === 'undefined') return type;
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

/** A plain object (not an array, not null). */
export function isRecord(raw: unknown): raw is Record<string, unknown> {
  return typeof raw === 'object' && raw !== null && !Array.isArray(raw);
}
