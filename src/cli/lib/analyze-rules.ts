/**
 * `--rules rules.json` for `npm run analyze`: a deployment's overrides of the rules table
 * (src/analysis/rules.ts), checked before any data is read, with messages that name the key.
 *
 * The file has the shape of the table, giving only what changes; every rule is an object whose `value`
 * (and optionally `unit`, `clause`, `zh`, `en`) is replaced:
 *
 *   { "hydrant": { "protection_radius_m": { "value": 120, "clause": "local rule 2025-3" } },
 *     "separation": { "civil": { "value": { "grade_3": { "grade_3": 9 } } } } }
 *
 * Refused: invalid JSON (with line and column), unknown keys (a typo would silently leave a default in
 * force), a bare number where a rule object is expected (hint: { "value": … }), wrong types, and
 * numbers that are negative or not finite.
 */
import { readFile } from 'node:fs/promises';
import { DEFAULT_RULES, mergeRules, type Rules, type RulesOverride } from '../../analysis/index.ts';
import { UsageError } from './read-sources.ts';

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** 1-based line and column of a character offset. */
function position(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return `line ${line}, column ${offset - before.lastIndexOf('\n')}`;
}

/** Walks the override beside the defaults and reports the first problem, naming its key path. */
function check(over: unknown, base: unknown, path: string, file: string): void {
  const at = path || '(top level)';
  if (isObject(base)) {
    const isRule = 'value' in base && 'clause' in base;
    if (!isObject(over)) {
      const hint = isRule && (typeof over === 'number' || typeof over === 'string') ? ` (write { "value": ${JSON.stringify(over)} })` : '';
      throw new UsageError(`${file}: "${at}" must be an object${hint}, got ${JSON.stringify(over)}`);
    }
    for (const [key, value] of Object.entries(over)) {
      const sub = path ? `${path}.${key}` : key;
      if (!Object.hasOwn(base, key)) {
        const known = Object.keys(base).join(', ');
        throw new UsageError(`${file}: unknown rule "${sub}" (known here: ${known})`);
      }
      check(value, base[key], sub, file);
    }
    return;
  }
  if (Array.isArray(base)) {
    if (!Array.isArray(over)) throw new UsageError(`${file}: "${at}" must be a list, got ${JSON.stringify(over)}`);
    over.forEach((item, k) => check(item, base[0] ?? item, `${path}[${k}]`, file));
    return;
  }
  if (typeof over !== typeof base) throw new UsageError(`${file}: "${at}" must be a ${typeof base}, got ${JSON.stringify(over)}`);
  if (typeof over === 'number' && !(Number.isFinite(over) && over >= 0)) throw new UsageError(`${file}: "${at}" must be a finite number ≥ 0, got ${over}`);
}

/**
 * Validates an override object against the table and merges it onto the defaults.
 * Throws UsageError naming the file and the key.
 */
export function rulesFromOverride(over: unknown, file = 'rules'): Rules {
  if (!isObject(over)) throw new UsageError(`${file}: must be a JSON object shaped like the rules table, e.g. { "hydrant": { "protection_radius_m": { "value": 120 } } }`);
  check(over, DEFAULT_RULES, '', file);
  try {
    return mergeRules(over as RulesOverride);
  } catch (e) {
    throw new UsageError(`${file}: ${(e as Error).message}`);
  }
}

/** Reads, parses and validates a rules file; the merged rules and the overridden leaf paths. */
export async function readRulesFile(file: string): Promise<{ rules: Rules; overridden: string[] }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new UsageError(`--rules ${file}: cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    const m = /position (\d+)/.exec((e as Error).message);
    throw new UsageError(`${file}: not valid JSON${m ? ` at ${position(text, Number(m[1]))}` : ''}: ${(e as Error).message}`);
  }
  const rules = rulesFromOverride(json, file);
  return { rules, overridden: leafPaths(json) };
}

/** Dotted paths of the rules an override touches (down to the rule, e.g. "hydrant.protection_radius_m"). */
export function leafPaths(over: unknown): string[] {
  const out: string[] = [];
  if (!isObject(over)) return out;
  for (const [group, rules] of Object.entries(over)) {
    if (!isObject(rules)) continue;
    for (const name of Object.keys(rules)) out.push(`${group}.${name}`);
  }
  return out;
}
