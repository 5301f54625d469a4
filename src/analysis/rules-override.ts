/**
 * A deployment's rules file (data/rules.json, or `npm run analyze -- --rules`): overrides of the rules
 * table (rules.ts), checked leaf by leaf. Every problem becomes a report entry naming the file and the
 * rule path (`field`), with a stable code the UI translates; the valid parts still apply, and a bad
 * leaf is left out so its default stays in force. The command line refuses a file with any error.
 *
 * The file has the shape of the table, giving only what changes; every rule is an object whose `value`
 * (and optionally `unit`, `clause`, `zh`, `en`) is replaced, tables cell by cell, lists as a whole:
 *
 *   { "hydrant": { "protection_radius_m": { "value": 120, "clause": "local rule 2025-3" } },
 *     "separation": { "civil": { "value": { "grade_3": { "grade_3": 9 } } } } }
 *
 * Checked: JSON syntax (with line and column), unknown keys (a typo must not silently leave a default in
 * force), a bare number where a rule object belongs, types, numbers that are negative or not finite,
 * ratios outside 0–1, percentages outside 0–100, grades that are not 1–4, hazard classes not A–E, years
 * that are not whole numbers, list items with a field missing.
 *
 * Entries have the shape of the loader's ReportEntry (src/sources/report.ts; this layer may not import
 * it) and use codes of its catalogue (src/sources/codes.ts).
 */
import { ENUMS } from '../sources/contract/enums.ts';
import { DEFAULT_RULES, mergeRules, type Rules, type RulesOverride } from './rules.ts';

/** One problem in a rules file: the same shape as the loader's ReportEntry. */
export interface RulesReportEntry {
  severity: 'error' | 'warning';
  file: string;
  code: RulesReportCode;
  /** Plain English with the file and the path; the UI translates by code and params instead. */
  message: string;
  /** The rule path, e.g. `hydrant.spacing_m.value` or `iot.key_unit_connection_targets.value[1].rate`. */
  field?: string;
  params?: Record<string, string | number>;
}

/** The report codes this module emits (all in REPORT_CODES). */
export const RULES_REPORT_CODES = [
  'json.invalid', 'rules.invalid', 'rules.unknown', 'rules.bare_value', 'field.type', 'field.required', 'number.range', 'number.integer', 'enum.unknown',
  // Not emitted here: a viewer that cannot fetch the file reports it with the loader's codes.
  'file.missing', 'file.unreadable',
] as const;
export type RulesReportCode = (typeof RULES_REPORT_CODES)[number];

/** What a rules file gives: the rules in force, the override that was applied, and what was wrong. */
export interface ParsedRules {
  /** Defaults with every valid override applied. */
  rules: Rules;
  /** The valid part of the file (bad leaves left out), ready for mergeRules or a worker message. */
  override: RulesOverride;
  report: RulesReportEntry[];
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const isRule = (x: Record<string, unknown>): boolean => 'value' in x && 'clause' in x;
/** Marks a subtree left out (what clean() returns for a bad leaf). */
const DROP = Symbol('drop');

/** What a number under a rule must be, from the rule's unit (and `year` keys in lists). */
interface NumberLimits { min: number; max?: number; integer?: boolean }

function limitsFor(unit: string | undefined, key: string): NumberLimits {
  if (key === 'year') return { min: 0, integer: true };
  if (unit === 'ratio') return { min: 0, max: 1 };
  if (unit === '%') return { min: 0, max: 100 };
  if (unit === 'grade') return { min: 1, max: 4, integer: true };
  return { min: 0 };
}

const HAZARD_CLASSES: readonly string[] = ENUMS.fire_hazard_class.values.map((v) => v.value);

class Checker {
  readonly report: RulesReportEntry[] = [];
  constructor(private readonly file: string) {}

  problem(code: RulesReportCode, path: string, text: string, params: Record<string, string | number> = {}): typeof DROP {
    this.report.push({ severity: 'error', file: this.file, code, message: `${this.file}: ${text}`, ...(path ? { field: path } : {}), params });
    return DROP;
  }

  /** The valid part of `over` checked against `base` (a group, a rule, a table, a list or a leaf). */
  clean(over: unknown, base: unknown, path: string, unit: string | undefined, key: string): unknown {
    const at = path || '(top level)';
    if (Array.isArray(base)) return this.cleanList(over, base, path, unit);
    if (isObject(base)) {
      const rule = isRule(base);
      if (!isObject(over)) {
        if (rule && (typeof over === 'number' || typeof over === 'string')) {
          return this.problem('rules.bare_value', path, `"${at}" must be an object (write { "value": ${JSON.stringify(over)} }), got ${JSON.stringify(over)}`, { value: JSON.stringify(over) });
        }
        return this.problem('field.type', path, `"${at}" must be an object, got ${JSON.stringify(over)}`, { expected: 'object', value: JSON.stringify(over) ?? String(over) });
      }
      const out: Record<string, unknown> = {};
      const ruleUnit = rule ? (base.unit as string) : unit;
      for (const [k, value] of Object.entries(over)) {
        const sub = path ? `${path}.${k}` : k;
        if (!Object.hasOwn(base, k)) {
          const known = Object.keys(base).join(', ');
          this.problem('rules.unknown', sub, `unknown rule "${sub}" (known here: ${known})`, { known });
          continue;
        }
        const kept = this.clean(value, base[k], sub, ruleUnit, k);
        if (kept !== DROP) out[k] = kept;
      }
      // Nothing left (all bad, or an empty object): leave the key out so it does not count as overridden.
      return Object.keys(out).length > 0 ? out : DROP;
    }
    return this.cleanLeaf(over, base, at, path, unit, key);
  }

  /** A list replaces the default as a whole, so one bad item keeps the whole default. */
  private cleanList(over: unknown, base: readonly unknown[], path: string, unit: string | undefined): unknown {
    if (!Array.isArray(over)) return this.problem('field.type', path, `"${path}" must be a list, got ${JSON.stringify(over)}`, { expected: 'list', value: JSON.stringify(over) ?? String(over) });
    const template = base[0];
    if (template === undefined) return over;
    const before = this.report.length;
    const items: unknown[] = [];
    over.forEach((item, k) => {
      const sub = `${path}[${k}]`;
      const kept = this.clean(item, template, sub, unit, '');
      items.push(kept);
      if (kept === DROP || !isObject(template)) return;
      for (const field of Object.keys(template)) {
        if (isObject(item) && !Object.hasOwn(item, field)) this.problem('field.required', `${sub}.${field}`, `"${sub}.${field}" is missing`);
      }
    });
    return this.report.length > before ? DROP : items;
  }

  private cleanLeaf(over: unknown, base: unknown, at: string, path: string, unit: string | undefined, key: string): unknown {
    if (typeof over !== typeof base) {
      return this.problem('field.type', path, `"${at}" must be a ${typeof base}, got ${JSON.stringify(over)}`, { expected: typeof base, value: JSON.stringify(over) ?? String(over) });
    }
    if (typeof over === 'number') {
      const { min, max, integer } = limitsFor(unit, key);
      if (!Number.isFinite(over) || over < min || (max !== undefined && over > max)) {
        const range = max === undefined ? `a finite number ≥ ${min}` : `a number from ${min} to ${max}`;
        return this.problem('number.range', path, `"${at}" must be ${range}, got ${over}`, { value: over, min, max: max ?? '∞' });
      }
      if (integer && !Number.isInteger(over)) return this.problem('number.integer', path, `"${at}" must be a whole number, got ${over}`, { value: over });
    }
    if (unit === 'class' && key === 'value' && typeof over === 'string' && !HAZARD_CLASSES.includes(over)) {
      const expected = HAZARD_CLASSES.join(',');
      return this.problem('enum.unknown', path, `"${at}" must be one of ${HAZARD_CLASSES.join(', ')}, got ${JSON.stringify(over)}`,
        { value: over, enum: 'fire_hazard_class', expected, fallback: String(base) });
    }
    return over;
  }
}

/**
 * Checks an override object (already parsed) against the table and merges its valid part onto `base`.
 * @example validateRulesOverride({ hydrant: { spacing_m: { value: -1 } } }, 'rules.json').report[0]
 *   // { code: 'number.range', field: 'hydrant.spacing_m.value', file: 'rules.json', ... }
 */
export function validateRulesOverride(json: unknown, file: string, base: Rules = DEFAULT_RULES): ParsedRules {
  const checker = new Checker(file);
  if (!isObject(json)) {
    const found = Array.isArray(json) ? 'array' : json === null ? 'null' : typeof json;
    checker.problem('rules.invalid', '', 'must be a JSON object shaped like the rules table, e.g. { "hydrant": { "protection_radius_m": { "value": 120 } } }', { found });
    return { rules: base, override: {}, report: checker.report };
  }
  const cleaned = checker.clean(json, base, '', undefined, '');
  const override = (cleaned === DROP ? {} : cleaned) as RulesOverride;
  return { rules: mergeRules(override, base), override, report: checker.report };
}

/** 1-based line and column of a 0-based offset. */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  return { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') };
}

/** Where a JSON.parse error happened: V8 says "position N" (newer ones also line and column), Firefox "line L column C". */
function errorPosition(text: string, detail: string): { line: number; column: number } | null {
  const lc = /line (\d+) column (\d+)/.exec(detail);
  if (lc) return { line: Number(lc[1]), column: Number(lc[2]) };
  const pos = /position (\d+)/.exec(detail);
  return pos ? lineAndColumn(text, Number(pos[1])) : null;
}

/**
 * Parses and checks a rules file. Never throws: an unreadable file gives the defaults and a
 * `json.invalid` entry; otherwise see validateRulesOverride.
 * @example const { rules, report } = parseRulesOverride(await response.text(), 'rules.json')
 */
export function parseRulesOverride(text: string, file: string): ParsedRules {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    const where = errorPosition(text, detail);
    const at = where ? ` at line ${where.line}, column ${where.column}` : '';
    const report: RulesReportEntry[] = [{
      severity: 'error', file, code: 'json.invalid', message: `${file}: not valid JSON${at}: ${detail}`, params: { detail, ...where },
    }];
    return { rules: DEFAULT_RULES, override: {}, report };
  }
  return validateRulesOverride(json, file);
}

/**
 * The rules an override touches, as `group.rule` paths (e.g. "hydrant.protection_radius_m"), in file order.
 * @example overriddenPaths({ hydrant: { spacing_m: { value: 100 } } }) // ['hydrant.spacing_m']
 */
export function overriddenPaths(override: RulesOverride): string[] {
  const out: string[] = [];
  for (const [group, rules] of Object.entries(override)) {
    if (isObject(rules)) for (const name of Object.keys(rules)) out.push(`${group}.${name}`);
  }
  return out;
}
