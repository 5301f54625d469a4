/**
 * `--rules rules.json` for `npm run analyze`: a deployment's overrides of the rules table, checked by
 * src/analysis/rules-override.ts (the same check the viewer applies to data/rules.json) before any data
 * is read. The viewer keeps the valid parts of a file with problems; the command line refuses it, with
 * every problem on its own line naming the file and the rule.
 */
import { readFile } from 'node:fs/promises';
import type { Rules } from '../../analysis/index.ts';
import { overriddenPaths, parseRulesOverride } from '../../analysis/rules-override.ts';
import { UsageError } from './read-sources.ts';

/**
 * Reads, parses and checks a rules file; the merged rules and the overridden rule paths.
 * @throws UsageError when the file cannot be read or has any problem
 */
export async function readRulesFile(file: string): Promise<{ rules: Rules; overridden: string[] }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new UsageError(`--rules ${file}: cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  const { rules, override, report } = parseRulesOverride(text, file);
  const errors = report.filter((e) => e.severity === 'error');
  if (errors.length > 0) throw new UsageError(errors.map((e) => e.message).join('\n  '));
  return { rules, overridden: overriddenPaths(override) };
}
